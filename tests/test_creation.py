"""Creation functions: values/dtypes vs NumPy, MyGrad's defaults and constant rules,
linspace's gradient, NumPy dispatch of the *_like functions, error paths."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@given(shape=shapes)
def test_filled_match_numpy(shape):
    for mg_fn, np_fn in [(mg.zeros, np.zeros), (mg.ones, np.ones)]:
        out = mg_fn(shape)
        assert out.dtype == np.float32 and not out.constant  # MyGrad's default dtype
        np.testing.assert_array_equal(out.data, np_fn(shape, np.float32))
        np.testing.assert_array_equal(mg_fn(shape, dtype=np.float64).data, np_fn(shape))
    assert mg.empty(shape).shape == shape and mg.empty(shape).dtype == np.float32
    np.testing.assert_array_equal(mg.full(shape, 2.5).data, np.full(shape, 2.5))


def test_int_shapes_and_constant_rules():
    assert mg.zeros(3).shape == (3,)
    assert mg.zeros([2, 3]).shape == (2, 3)
    assert mg.zeros(np.int64(2)).shape == (2,)
    assert mg.ones(2, dtype=int).constant and mg.ones(2, dtype=bool).constant
    assert mg.ones(2, constant=True).constant
    assert not mg.ones(2, dtype="float16").constant
    assert mg.full(2, 3).dtype == np.int64 and mg.full(2, 3).constant
    assert mg.full(2, 3.0).dtype == np.float64 and not mg.full(2, 3.0).constant
    assert mg.full((2, 2), [1.0, 2.0]).shape == (2, 2)
    assert mg.full(2, mg.tensor(4.0)).data.tolist() == [4.0, 4.0]
    assert mg.full(2, 3, dtype=float).dtype == np.float64


def test_full_leaves_are_independent():
    fill = np.array([1.0, 2.0])
    x = mg.full((2, 2), fill)
    x.data[0, 0] = 9.0
    assert fill[0] == 1.0


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((5,), {}),
        ((2, 7), {}),
        ((1, 2, 0.25), {}),
        ((5,), {"dtype": float}),
        ((3.0,), {}),
        ((1, -3, -1), {}),
        ((10,), {"step": 3}),
    ],
)
def test_arange(args, kwargs):
    out = mg.arange(*args, **kwargs)
    np_kwargs = dict(kwargs)
    expected = np.arange(*args, **np_kwargs)
    np.testing.assert_array_equal(out.data, expected)
    assert out.dtype == expected.dtype
    assert out.constant == (expected.dtype.kind != "f")


def test_arange_with_tensor_bounds():
    np.testing.assert_array_equal(mg.arange(mg.tensor(3)).data, np.arange(3))


@given(
    num=st.integers(0, 6),
    endpoint=st.booleans(),
    start=st.floats(-5, 5),
    stop=st.floats(-5, 5),
)
def test_linspace_scalar(num, endpoint, start, stop):
    out = mg.linspace(start, stop, num, endpoint=endpoint)
    np.testing.assert_array_equal(out.data, np.linspace(start, stop, num, endpoint=endpoint))
    assert not out.constant
    if num:
        gradcheck(lambda a, b: mg.linspace(a, b, num, endpoint=endpoint), np.float64(start), np.float64(stop))


@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=3))
def test_linspace_arrays_and_axis(data, shape):
    a = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-5, 5)))
    b = data.draw(hnp.arrays(np.float64, shape[-1:], elements=st.floats(-5, 5)))  # broadcasts
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    num = data.draw(st.integers(1, 4))
    out = mg.linspace(a, b, num, axis=axis)
    np.testing.assert_allclose(out.data, np.linspace(a, b, num, axis=axis))
    gradcheck(lambda s, e: mg.linspace(s, e, num, axis=axis), a, b)


def test_linspace_gradient_second_order_and_dtype():
    gradgradcheck(lambda a, b: mg.linspace(a, b, 4) ** 2, np.array([0.5, 1.0]), np.array(2.0))
    assert mg.linspace(0, 1, 3, dtype=np.float32).dtype == np.float32
    ints = mg.linspace(0, 10, 3, dtype=int)
    assert ints.constant and ints.data.tolist() == [0, 5, 10]
    assert mg.linspace(0.0, 1.0, 3, constant=True).constant
    t = np.linspace(mg.tensor(0.0), mg.tensor(1.0), 3)  # NumPy hands tensors to mg.linspace
    assert isinstance(t, mg.Tensor) and not t.constant


def test_eye_identity():
    np.testing.assert_array_equal(mg.eye(3).data, np.eye(3))
    np.testing.assert_array_equal(mg.eye(2, 4, k=-1).data, np.eye(2, 4, k=-1))
    assert mg.eye(2).dtype == np.float64 and not mg.eye(2).constant
    assert mg.eye(2, dtype=int).constant
    np.testing.assert_array_equal(mg.identity(3).data, np.identity(3))
    assert mg.identity(2, constant=True).constant


@pytest.mark.parametrize(
    "mg_fn, np_fn, extra",
    [
        (mg.zeros_like, np.zeros_like, ()),
        (mg.ones_like, np.ones_like, ()),
        (mg.full_like, np.full_like, (2,)),
    ],
)
def test_like_functions(mg_fn, np_fn, extra):
    for data in (np.arange(6.0).reshape(2, 3), np.arange(6).reshape(2, 3), np.ones(3, np.float32)):
        x = mg.tensor(data)
        out = mg_fn(x, *extra)
        np.testing.assert_array_equal(out.data, np_fn(data, *extra))
        assert out.dtype == data.dtype
        assert out.constant == x.constant  # a tensor's constant-ness is kept ...
        assert mg_fn(data, *extra).constant  # ... and a plain array counts as a constant (MyGrad)
        np.testing.assert_array_equal(mg_fn(data.tolist(), *extra).data, np_fn(data.tolist(), *extra))
        dispatched = np_fn(x, *extra)
        assert isinstance(dispatched, mg.Tensor) and dispatched.dtype == data.dtype
    v = mg.tensor([1.0, 2.0])
    assert mg_fn(v, *extra, constant=True).constant
    assert not mg_fn(mg.tensor([1.0], constant=True), *extra, constant=False).constant
    assert mg_fn(v, *extra, dtype=int).constant and mg_fn(v, *extra, dtype=int).dtype == np.int64
    assert mg_fn(v, *extra, shape=(2, 2)).shape == (2, 2)


def test_empty_like_and_leaf_independence():
    x = mg.tensor(np.ones((2, 3), np.float32))
    e = mg.empty_like(x)
    assert e.shape == (2, 3) and e.dtype == np.float32 and not e.constant
    z = mg.zeros_like(x)
    z.data[...] = 5
    assert (x.data == 1).all()
    assert z.creator is None


def test_errors():
    with pytest.raises(ValueError, match=r"shape=\(2, -1\)"):
        mg.zeros((2, -1))
    with pytest.raises(TypeError, match="shape"):
        mg.ones((2.5,))
    with pytest.raises(TypeError, match="dtype"):
        mg.zeros(2, dtype="U4")
    with pytest.raises(TypeError, match="dtype"):
        mg.ones(2, dtype="not a dtype")
    with pytest.raises(ValueError, match="constant=False"):
        mg.zeros(2, dtype=int, constant=False)
    with pytest.raises(TypeError, match="constant"):
        mg.zeros(2, constant="yes")
    with pytest.raises(ValueError, match="fill_value"):
        mg.full((2, 2), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="step"):
        mg.arange(0, 5, 0)
    with pytest.raises(ValueError, match="num"):
        mg.linspace(0, 1, -1)
    with pytest.raises(TypeError, match="num"):
        mg.linspace(0, 1, 2.5)
    with pytest.raises(ValueError, match="broadcast"):
        mg.linspace([0.0, 1.0], [1.0, 2.0, 3.0], 3)
    with pytest.raises(np.exceptions.AxisError, match="axis=3"):
        mg.linspace(0.0, 1.0, 3, axis=3)
    with pytest.raises(ValueError, match="N and M"):
        mg.eye(-1)
    with pytest.raises(TypeError, match="k"):
        mg.eye(2, k=0.5)
    with pytest.raises(ValueError, match="n must be non-negative"):
        mg.identity(-2)
    with pytest.raises(TypeError, match="other"):
        mg.zeros_like(["a", "b"])
    with pytest.raises(ValueError, match="shape"):
        mg.ones_like(mg.tensor([1.0]), shape=(-3,))


# ------------------------------------------------------------------------------ logspace, geomspace
@given(
    num=st.integers(0, 5),
    endpoint=st.booleans(),
    start=st.floats(-2, 2),
    stop=st.floats(-2, 2),
    base=st.sampled_from([10.0, 2, 0.5, np.e]),
)
def test_logspace_matches_numpy_and_is_differentiable(num, endpoint, start, stop, base):
    out = mg.logspace(start, stop, num, endpoint=endpoint, base=base)
    np.testing.assert_array_equal(out.data, np.logspace(start, stop, num, endpoint=endpoint, base=base))
    assert not out.constant and out.creator is None  # a leaf, as in MyGrad
    a = mg.tensor(start)
    y = mg.logspace(a, stop, num, endpoint=endpoint, base=base)
    np.testing.assert_array_equal(y.data, out.data)  # the same values on the differentiable path
    if num:
        assert gradcheck(lambda s, e: mg.logspace(s, e, num, endpoint=endpoint, base=base), start, stop)


@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=3))
def test_geomspace_and_logspace_arrays_and_axis(data, shape):
    mag = st.floats(0.1, 10)
    sign = data.draw(st.sampled_from([1.0, -1.0]))  # both ends share a sign
    a = sign * data.draw(hnp.arrays(np.float64, shape, elements=mag))
    b = sign * data.draw(hnp.arrays(np.float64, shape[-1:], elements=mag))
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    num = data.draw(st.integers(1, 4))
    endpoint = data.draw(st.booleans())
    geo = mg.geomspace(mg.tensor(a), b, num, endpoint=endpoint, axis=axis)
    np.testing.assert_array_equal(geo.data, np.geomspace(a, b, num, endpoint=endpoint, axis=axis))
    assert gradcheck(lambda s, e: mg.geomspace(s, e, num, endpoint=endpoint, axis=axis), a, b)
    log = mg.logspace(mg.tensor(a), b, num, endpoint=endpoint, base=2.0, axis=axis)
    np.testing.assert_array_equal(log.data, np.logspace(a, b, num, endpoint=endpoint, base=2.0, axis=axis))
    assert gradcheck(lambda s, e: mg.logspace(s, e, num, base=2.0, axis=axis), a, b)


def test_geomspace_gradient_reference_second_order_and_dtypes():
    a, b = mg.tensor(2.0), mg.tensor(32.0)
    y = mg.geomspace(a, b, 5)  # 2 * 2**k: d/da = sum((1 - k/4) y / a), d/db = sum((k/4) y / b)
    np.testing.assert_allclose(y.data, [2.0, 4.0, 8.0, 16.0, 32.0])
    y.sum().backward()
    w = np.linspace(0, 1, 5)
    np.testing.assert_allclose(a.grad, np.sum((1 - w) * y.data / 2.0))
    np.testing.assert_allclose(b.grad, np.sum(w * y.data / 32.0))
    assert gradgradcheck(
        lambda s, e: mg.geomspace(s, e, 4) ** 2, np.array([0.5, -1.0]), np.array([3.0, -2.0])
    )
    assert gradgradcheck(lambda s, e: mg.logspace(s, e, 4, base=3.0), np.array([0.5, -1.0]), np.array(1.0))
    assert mg.geomspace(1, 8, 4, dtype=np.float32).dtype == np.float32
    ints = mg.geomspace(1, 8, 4, dtype=int)
    assert ints.constant and ints.data.tolist() == [1, 2, 4, 8]
    log_ints = mg.logspace(mg.tensor(1.0), 3.0, 3, dtype=int)
    assert log_ints.constant and log_ints.data.tolist() == [10, 100, 1000]
    f32 = mg.tensor(np.float32(1.0))
    assert mg.logspace(f32, np.float32(3.0), 3).dtype == np.logspace(np.float32(1), np.float32(3), 3).dtype
    assert mg.geomspace(f32, np.float32(3.0), 3).dtype == np.geomspace(np.float32(1), np.float32(3), 3).dtype
    assert mg.geomspace(1.0, 8.0, 3, constant=True).constant
    assert mg.logspace(a, 3.0, 3, constant=True).constant
    assert mg.geomspace(mg.tensor(1.0, constant=True), 8.0, 3).creator is None
    t = np.geomspace(mg.tensor(1.0), mg.tensor(8.0), 4)  # NumPy hands tensors to mg.geomspace
    assert isinstance(t, mg.Tensor) and t.creator is not None
    t = np.logspace(mg.tensor(1.0), 2.0, 4)
    assert isinstance(t, mg.Tensor) and t.creator is not None


def test_logspace_geomspace_match_mygrad_leaves():
    mygrad = pytest.importorskip("mygrad")
    for ours, theirs in [
        (mg.logspace(1, 3, 3), mygrad.logspace(1, 3, 3)),
        (
            mg.logspace(0.0, 1.0, 4, base=2, endpoint=False),
            mygrad.logspace(0.0, 1.0, 4, base=2, endpoint=False),
        ),
        (mg.geomspace(-2.0, -32.0, 5), mygrad.geomspace(-2.0, -32.0, 5)),
        (mg.geomspace(1, 8, 4, dtype="float32"), mygrad.geomspace(1, 8, 4, dtype="float32")),
    ]:
        np.testing.assert_array_equal(ours.data, theirs.data)
        assert ours.dtype == theirs.dtype and ours.constant == theirs.constant


def test_logspace_geomspace_errors():
    with pytest.raises(ValueError, match="non-zero"):
        mg.geomspace(0.0, 1.0, 3)
    with pytest.raises(ValueError, match="non-zero"):
        mg.geomspace([1.0, 2.0], [3.0, 0.0], 3)
    with pytest.raises(ValueError, match="same sign"):
        mg.geomspace(mg.tensor(-1.0), 3.0, 3)
    with pytest.raises(ValueError, match="num"):
        mg.geomspace(1, 2, -1)
    with pytest.raises(TypeError, match="num"):
        mg.logspace(1, 2, 2.5)
    with pytest.raises(TypeError, match="base"):
        mg.logspace(0, 1, 3, base="10")
    with pytest.raises(ValueError, match="base must be finite"):
        mg.logspace(0, 1, 3, base=np.inf)
    with pytest.raises(ValueError, match="broadcast"):
        mg.logspace([0.0, 1.0], [1.0, 2.0, 3.0], 3)
    with pytest.raises(np.exceptions.AxisError, match="axis=2"):
        mg.geomspace(1.0, 2.0, 3, axis=2)
