"""Tests for mygrad_like.ops.reductions: forward vs NumPy, gradients (first and second
order), ties, zeros, dtypes, axis errors, NumPy dispatch and the Tensor methods."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like._validation import reduction_axes as _normalize_axis
from mygrad_like.testing import gradcheck, gradgradcheck

SMALL = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)

# name -> (NumPy reference, takes ddof)
REDUCTIONS = {
    "sum": (np.sum, False),
    "mean": (np.mean, False),
    "prod": (np.prod, False),
    "max": (np.max, False),
    "min": (np.min, False),
    "amax": (np.amax, False),
    "amin": (np.amin, False),
    "var": (np.var, True),
    "std": (np.std, True),
}


@st.composite
def array_and_axis(draw, shapes=SMALL, lo=-3.0, hi=3.0, separated=False):
    """An array and an axis argument valid for it: None, an int (maybe negative) or a tuple.

    ``separated``: distinct values on a grid of step 0.05 (no ties for max/min, a nonzero
    spread for std, so finite differences are meaningful)."""
    shape = draw(shapes)
    if separated:
        grid = st.integers(int(20 * lo), int(20 * hi))
        x = draw(hnp.arrays(np.int64, shape, elements=grid, unique=True)) / 20.0
    else:
        x = draw(hnp.arrays(np.float64, shape, elements=st.floats(lo, hi)))
    nd = len(shape)
    choices = [st.none(), hnp.valid_tuple_axes(nd)]
    if nd:
        choices.append(st.integers(-nd, nd - 1))
    axis = draw(st.one_of(*choices))
    return x, axis


def reference_logsumexp(x, axis=None, keepdims=False):
    return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))


def others_product(x: np.ndarray) -> np.ndarray:
    """For a 1-D x: the product of all elements except each one (an explicit loop)."""
    return np.array([np.prod(np.delete(x, i)) for i in range(x.size)])


# ------------------------------------------------------------------------------ forward
@pytest.mark.parametrize("name", REDUCTIONS)
@given(data=st.data(), keepdims=st.booleans())
def test_forward_matches_numpy(name, data, keepdims):
    npf, has_ddof = REDUCTIONS[name]
    x, axis = data.draw(array_and_axis())
    before = x.copy()
    kwargs = {"axis": axis, "keepdims": keepdims}
    if has_ddof:
        size = x.size if axis is None else int(np.prod([x.shape[a] for a in np.atleast_1d(axis)]))
        kwargs["ddof"] = data.draw(st.integers(0, max(size - 1, 0)))
    out = getattr(mg, name)(mg.tensor(x), **kwargs)
    assert isinstance(out, mg.Tensor)
    np.testing.assert_allclose(out.data, npf(x, **kwargs), rtol=1e-12, atol=1e-12)
    assert out.shape == npf(x, **kwargs).shape
    np.testing.assert_array_equal(x, before)
    # plain arrays are accepted too and give a constant
    assert getattr(mg, name)(x, **kwargs).constant


@given(data=st.data(), keepdims=st.booleans())
def test_logsumexp_matches_reference(data, keepdims):
    x, axis = data.draw(array_and_axis(lo=-20, hi=20))
    out = mg.logsumexp(x, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(out.data, reference_logsumexp(x, axis, keepdims), rtol=1e-12, atol=1e-12)


def test_logsumexp_is_stable():
    x = np.array([[1000.0, 1000.0, -np.inf], [-1000.0, -1001.0, -np.inf]])
    out = mg.logsumexp(x, axis=1)
    np.testing.assert_allclose(out.data, [1000 + np.log(2), -1000 + np.log1p(np.exp(-1))])
    # a slice of -inf only: log(0) = -inf, without warnings
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(mg.logsumexp(np.full((2,), -np.inf)).data, -np.inf)
    big = mg.tensor([1e308, 1e308])
    assert np.isfinite(mg.logsumexp(big).item())


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@given(data=st.data())
def test_cumulative_forward_matches_numpy(name, data):
    x = data.draw(hnp.arrays(np.float64, SMALL, elements=st.floats(-2, 2)))
    axes = [None] + list(range(-x.ndim, x.ndim))
    axis = data.draw(st.sampled_from(axes))
    out = getattr(mg, name)(mg.tensor(x), axis=axis)
    expected = getattr(np, name)(x, axis=axis)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-12, atol=1e-12)


def test_cumulative_axis_none_flattens_and_0d():
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(mg.cumsum(x).data, np.cumsum(x))
    np.testing.assert_array_equal(mg.cumprod(mg.tensor(2.0), axis=0).data, np.cumprod(np.array(2.0), axis=0))


def test_integer_input_gives_constant_numpy_result():
    x = np.array([[1, 2, 3], [4, 5, 6]])
    for name, (npf, _) in REDUCTIONS.items():
        out = getattr(mg, name)(mg.tensor(x), axis=1)
        assert out.constant
        np.testing.assert_array_equal(out.data, npf(x, axis=1))
        assert out.dtype == npf(x, axis=1).dtype
    assert mg.cumsum(mg.tensor(x)).dtype == np.cumsum(x).dtype


def test_zero_dim_input_and_empty_axis_tuple():
    x = mg.tensor(3.0)
    for name in ("sum", "prod", "max", "min", "mean"):
        assert getattr(mg, name)(x, axis=0).item() == 3.0
        assert getattr(mg, name)(x, axis=()).item() == 3.0
    y = mg.tensor([[1.0, 2.0]])
    np.testing.assert_array_equal(mg.sum(y, axis=()).data, y.data)


def test_empty_reductions():
    e = np.ones((0, 3))
    np.testing.assert_array_equal(mg.sum(e, axis=0).data, np.zeros(3))
    np.testing.assert_array_equal(mg.prod(e, axis=0).data, np.ones(3))
    assert mg.max(e, axis=1).shape == (0,)  # reducing a non-empty axis of an empty array
    with pytest.raises(ValueError, match="axis"):
        mg.max(e, axis=0)
    with pytest.raises(ValueError, match="empty"):
        mg.min(e)
    x = mg.tensor(np.ones((0, 2)))
    mg.prod(x, axis=0).sum().backward()
    assert x.grad.shape == (0, 2)


# ------------------------------------------------------------------------------ gradients
def _reduction_fn(name, axis, keepdims, ddof):
    kwargs = {"axis": axis, "keepdims": keepdims}
    if REDUCTIONS[name][1]:
        kwargs["ddof"] = ddof
    return lambda t: getattr(mg, name)(t, **kwargs)


@pytest.mark.parametrize("name", REDUCTIONS)
@given(data=st.data(), keepdims=st.booleans())
def test_gradcheck(name, data, keepdims):
    x, axis = data.draw(array_and_axis(lo=-2, hi=2, separated=True))
    gradcheck(_reduction_fn(name, axis, keepdims, 0), x)


@given(data=st.data(), keepdims=st.booleans())
def test_var_std_gradcheck_with_ddof(data, keepdims):
    x, axis = data.draw(array_and_axis(separated=True))
    size = x.size if axis is None else int(np.prod([x.shape[a] for a in np.atleast_1d(axis)]))
    if size < 2:
        return
    gradcheck(lambda t: mg.var(t, axis=axis, ddof=1, keepdims=keepdims), x)
    gradcheck(lambda t: mg.std(t, axis=axis, ddof=1, keepdims=keepdims), x)


@given(data=st.data(), keepdims=st.booleans())
def test_logsumexp_gradcheck(data, keepdims):
    x, axis = data.draw(array_and_axis(lo=-5, hi=5))
    gradcheck(lambda t: mg.logsumexp(t, axis=axis, keepdims=keepdims), x)


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@given(data=st.data())
def test_cumulative_gradcheck(name, data):
    x = data.draw(hnp.arrays(np.float64, SMALL, elements=st.floats(-2, 2)))
    axis = data.draw(st.sampled_from([None] + list(range(-x.ndim, x.ndim))))
    gradcheck(lambda t: getattr(mg, name)(t, axis=axis), x)


ZERO_CASES = [
    np.array([2.0, -1.5, 0.7, 1.3]),  # no zero
    np.array([2.0, 0.0, 0.7, 1.3]),  # one zero
    np.array([0.0, 3.0, 0.0, 1.3]),  # two zeros
    np.array([[1.5, 0.0, 2.0], [0.0, 0.0, 0.0]]),  # a zero-free-ish row and an all-zero row
]


@pytest.mark.parametrize("x", ZERO_CASES, ids=lambda x: f"{int((x == 0).sum())}zeros")
def test_prod_gradients_with_zeros(x):
    t = mg.tensor(x)
    mg.prod(t, axis=-1).sum().backward()
    expected = np.apply_along_axis(others_product, -1, x)
    np.testing.assert_array_equal(t.grad, expected)
    gradcheck(lambda u: mg.prod(u, axis=-1), x)
    gradgradcheck(lambda u: mg.prod(u, axis=-1), x)
    gradgradcheck(lambda u: mg.prod(u), x)


def test_prod_third_derivative_with_zeros():
    x = mg.tensor([0.0, 2.0, 3.0, 0.5])
    (g1,) = mg.grad(mg.prod(x), x, create_graph=True)  # g1_i = prod_{j != i} x_j
    (g2,) = mg.grad(mg.sum(g1 * [0, 0, 0, 1.0]), x, create_graph=True)  # [x1 x2, x0 x2, x0 x1, 0]
    (g3,) = mg.grad(mg.sum(g2 * [0, 1.0, 0, 0]), x)  # d(x0 x2)/dx = [x2, 0, x0, 0]
    np.testing.assert_allclose(g3.data, [3.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("x", ZERO_CASES, ids=lambda x: f"{int((x == 0).sum())}zeros")
def test_cumprod_gradients_with_zeros(x):
    t = mg.tensor(x)
    mg.cumprod(t, axis=-1).sum().backward()
    # d/dx_k sum_i prod_{j<=i} x_j, by explicit loops
    expected = np.zeros_like(x)
    for idx in np.ndindex(x.shape[:-1]):
        row = x[idx]
        for k in range(row.size):
            expected[idx][k] = sum(np.prod(np.delete(row[: i + 1], k)) for i in range(k, row.size))
    np.testing.assert_allclose(t.grad, expected)
    gradcheck(lambda u: mg.cumprod(u, axis=-1), x)
    gradgradcheck(lambda u: mg.cumprod(u, axis=-1), x)
    gradgradcheck(lambda u: mg.cumprod(u, axis=0), x)
    gradgradcheck(lambda u: mg.cumprod(u), x)


@given(data=st.data())
def test_second_derivatives(data):
    shapes = hnp.array_shapes(min_dims=1, max_dims=2, max_side=3)
    x, axis = data.draw(array_and_axis(shapes=shapes, lo=-2, hi=2, separated=True))
    for f in (
        lambda t: mg.prod(t, axis=axis),
        lambda t: mg.max(t, axis=axis),
        lambda t: mg.min(t, axis=axis, keepdims=True),
        lambda t: mg.var(t, axis=axis),
        lambda t: mg.std(t, axis=axis),
        lambda t: mg.mean(t, axis=axis),
        lambda t: mg.sum(t, axis=axis),
        lambda t: mg.logsumexp(t, axis=axis),
        lambda t: mg.cumsum(t, axis=-1),
    ):
        gradgradcheck(f, x)


def test_var_with_ddof_second_derivative():
    x = np.array([[0.3, -1.2, 2.0], [1.0, 0.5, -0.7]])
    gradgradcheck(lambda t: mg.var(t, axis=1, ddof=1), x)
    gradgradcheck(lambda t: mg.std(t, axis=0, ddof=1, keepdims=True), x)


def test_logsumexp_gradient_is_softmax():
    x = mg.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]])
    mg.logsumexp(x, axis=1).sum().backward()
    e = np.exp(x.data - x.data.max(axis=1, keepdims=True))
    np.testing.assert_allclose(x.grad, e / e.sum(axis=1, keepdims=True))


# ------------------------------------------------------------------------------ ties
@pytest.mark.parametrize("name, pick", [("max", np.max), ("min", np.min)])
def test_ties_split_the_gradient_evenly(name, pick):
    x = mg.tensor([[3.0, 1.0, 3.0, 3.0], [-1.0, -1.0, 2.0, 0.5]])
    getattr(mg, name)(x, axis=1).backward(grad=[6.0, 6.0])
    d = x.data
    hit = d == pick(d, axis=1, keepdims=True)
    np.testing.assert_array_equal(x.grad, 6.0 * hit / hit.sum(axis=1, keepdims=True))
    y = mg.tensor([2.0, 2.0, 2.0, 2.0])
    getattr(mg, name)(y).backward()
    np.testing.assert_array_equal(y.grad, [0.25] * 4)


def test_std_of_constant_slice_has_zero_gradient():
    x = mg.tensor([[1.0, 1.0, 1.0], [1.0, 2.0, 3.0]])
    mg.std(x, axis=1).sum().backward()
    assert np.all(np.isfinite(x.grad))
    np.testing.assert_array_equal(x.grad[0], 0.0)


# ------------------------------------------------------------------------------ dtypes
@pytest.mark.parametrize("name", [*REDUCTIONS, "logsumexp", "cumsum", "cumprod"])
def test_float32_is_preserved(name, rng):
    x = mg.tensor(rng.uniform(0.5, 2.0, (3, 4)).astype(np.float32))
    out = getattr(mg, name)(x, axis=1)
    assert out.dtype == np.float32
    out.sum().backward()
    assert x.grad.dtype == np.float32
    (g,) = mg.grad(getattr(mg, name)(x, axis=1).sum(), x, create_graph=True)
    assert g.dtype == np.float32


# ------------------------------------------------------------------------------ errors
@pytest.mark.parametrize("name", [*REDUCTIONS, "logsumexp"])
def test_bad_axis_raises_naming_axis(name):
    x = mg.tensor(np.ones((2, 3)))
    f = getattr(mg, name)
    for axis in (2, -3, (0, 2), (1, -1)):
        with pytest.raises(ValueError, match="axis"):
            f(x, axis=axis)
    for axis in (1.0, "0", (0, None), True):
        with pytest.raises(TypeError, match="axis"):
            f(x, axis=axis)


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
def test_cumulative_bad_axis(name):
    x = mg.tensor(np.ones((2, 3)))
    with pytest.raises(ValueError, match="axis"):
        getattr(mg, name)(x, axis=2)
    with pytest.raises(TypeError, match="axis"):
        getattr(mg, name)(x, axis=(0,))


def test_bad_ddof_and_non_numeric_input():
    with pytest.raises(TypeError, match="ddof"):
        mg.var([1.0, 2.0], ddof="1")
    with pytest.raises(TypeError):
        mg.sum(["a", "b"])


def test_normalize_axis_helper():
    assert _normalize_axis(None, 2) is None
    assert _normalize_axis((-1, 0), 3) == (0, 2)
    assert _normalize_axis(np.int64(1), 2) == (1,)
    assert _normalize_axis(0, 0) == ()
    with pytest.raises(ValueError, match="axes"):
        _normalize_axis(5, 2, name="axes")
    with pytest.raises(ValueError, match="repeated"):
        _normalize_axis((1, -1), 2)


# ------------------------------------------------------------------------------ constant
def test_constant_keyword():
    x = mg.tensor([1.0, 2.0])
    assert mg.sum(x, constant=True).constant
    assert not mg.sum(x).constant
    assert mg.var([1.0, 2.0], constant=False).constant is False
    with mg.no_autodiff:
        assert mg.prod(x).constant


# ------------------------------------------------------------------------------ dispatch / methods
def test_numpy_functions_dispatch_to_the_library():
    x = mg.tensor([[1.0, 5.0], [3.0, 2.0]])
    cases = [
        (np.sum(x), 11.0),
        (np.sum(x, axis=0), [4.0, 7.0]),
        (np.mean(x, axis=1, keepdims=True), [[3.0], [2.5]]),
        (np.prod(x), 30.0),
        (np.max(x, axis=0), [3.0, 5.0]),
        (np.amin(x), 1.0),
        (np.var(x, ddof=1), np.var(x.data, ddof=1)),
        (np.std(x, axis=0), np.std(x.data, axis=0)),
        (np.cumsum(x, axis=1), [[1.0, 6.0], [3.0, 5.0]]),
        (np.cumprod(x), [1.0, 5.0, 15.0, 30.0]),
    ]
    for out, expected in cases:
        assert isinstance(out, mg.Tensor) and not out.constant
        np.testing.assert_allclose(out.data, expected)
    np.sum(x * x).backward()
    np.testing.assert_array_equal(x.grad, 2 * x.data)


def test_tensor_methods():
    data = np.array([[1.0, 5.0, 2.0], [3.0, 2.0, 4.0]])
    checks = [
        (lambda t: t.sum(), data.sum()),
        (lambda t: t.sum(axis=1, keepdims=True), data.sum(axis=1, keepdims=True)),
        (lambda t: t.mean(0), data.mean(0)),
        (lambda t: t.max(), data.max()),
        (lambda t: t.min(axis=1), data.min(axis=1)),
        (lambda t: t.var(ddof=1), data.var(ddof=1)),
        (lambda t: t.std(axis=0), data.std(axis=0)),
        (lambda t: t.cumsum(axis=1), data.cumsum(axis=1)),
        (lambda t: t.cumprod(), data.cumprod()),
        (lambda t: t.prod(axis=0), data.prod(axis=0)),
    ]
    for f, expected in checks:
        np.testing.assert_allclose(f(mg.tensor(data)).data, expected)
        gradcheck(f, data)
    t = mg.tensor(data)
    t.max(axis=1).sum().backward()
    np.testing.assert_array_equal(t.grad, [[0, 1, 0], [0, 0, 1]])
