"""Shape ops: forward vs NumPy, gradients vs finite differences, second derivatives,
Tensor methods, NumPy dispatch and error paths."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=3)


def values(shape, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, size=shape)


def check(fn, np_fn, x, *, second=False):
    """fn(tensor) matches np_fn(array) and has correct first (and second) derivatives."""
    out = fn(mg.tensor(x))
    expected = np_fn(x)
    assert isinstance(out, mg.Tensor)
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out.data, expected)
    gradcheck(fn, x)
    if second:
        gradgradcheck(lambda t: fn(t) ** 2, x)


# --------------------------------------------------------------------------- reshape family
@given(shape=shapes, data=st.data())
def test_reshape(shape, data):
    x = values(shape)
    new = list(data.draw(st.permutations(shape)))  # same size, different arrangement
    if new and data.draw(st.booleans()):
        new[data.draw(st.integers(0, len(new) - 1))] = -1
    check(lambda t: mg.reshape(t, tuple(new)), lambda a: np.reshape(a, tuple(new)), x)
    np.testing.assert_array_equal(
        mg.tensor(x).reshape(*new).data if new else mg.tensor(x).reshape(()).data, np.reshape(x, tuple(new))
    )


def test_reshape_spellings_and_view():
    x = mg.arange(6.0)
    assert mg.reshape(x, shape=(2, 3)).shape == (2, 3)
    assert x.reshape(3, 2).shape == (3, 2)
    assert x.reshape((3, -1)).shape == (3, 2)
    assert np.reshape(x, (2, 3)).shape == (2, 3)
    assert np.shares_memory(mg.reshape(x, (2, 3)).data, x.data)
    gradgradcheck(lambda t: mg.reshape(t, (3, 2)) ** 3, values(6))


@given(shape=shapes)
def test_ravel_flatten(shape):
    x = values(shape)
    check(mg.ravel, np.ravel, x)
    check(mg.flatten, lambda a: a.flatten(), x)
    t = mg.tensor(x)
    assert not np.shares_memory(mg.flatten(t).data, t.data)
    np.testing.assert_array_equal(t.flatten().data, x.ravel())
    np.testing.assert_array_equal(t.ravel().data, x.ravel())


@given(shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=2), data=st.data())
def test_squeeze(shape, data):
    x = values(shape)
    ones = [i for i, n in enumerate(shape) if n == 1]
    axis = None
    if ones and data.draw(st.booleans()):
        axis = tuple(data.draw(st.lists(st.sampled_from(ones), min_size=1, unique=True)))
        axis = tuple(a - len(shape) if data.draw(st.booleans()) else a for a in axis)
    check(lambda t: mg.squeeze(t, axis), lambda a: np.squeeze(a, axis), x)
    np.testing.assert_array_equal(mg.tensor(x).squeeze(axis).data, np.squeeze(x, axis))


@given(shape=shapes, data=st.data())
def test_expand_dims(shape, data):
    x = values(shape)
    k = data.draw(st.integers(1, 2))
    n = len(shape) + k
    axis = tuple(
        data.draw(st.lists(st.integers(-n, n - 1), min_size=k, max_size=k, unique_by=lambda a: a % n))
    )
    axis = axis[0] if k == 1 else axis
    check(lambda t: mg.expand_dims(t, axis), lambda a: np.expand_dims(a, axis), x)


@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 1, 3), (1, 2, 1, 3)])
def test_atleast_nd(shape):
    x = values(shape)
    for mg_fn, np_fn in [
        (mg.atleast_1d, np.atleast_1d),
        (mg.atleast_2d, np.atleast_2d),
        (mg.atleast_3d, np.atleast_3d),
    ]:
        check(mg_fn, np_fn, x)
        both = mg_fn(mg.tensor(x), x.tolist())
        assert isinstance(both, list) and len(both) == 2
        for out, exp in zip(both, np_fn(x, x)):
            np.testing.assert_array_equal(out.data, exp)
        assert isinstance(np_fn(mg.tensor(x)), mg.Tensor)


# --------------------------------------------------------------------------- permutations
@given(shape=shapes, data=st.data())
def test_transpose(shape, data):
    x = values(shape)
    perm = tuple(data.draw(st.permutations(range(len(shape)))))
    check(lambda t: mg.transpose(t, perm), lambda a: np.transpose(a, perm), x)
    check(mg.transpose, np.transpose, x)
    t = mg.tensor(x)
    np.testing.assert_array_equal(
        t.transpose(*perm).data if perm else t.transpose().data, np.transpose(x, perm)
    )
    np.testing.assert_array_equal(t.transpose(perm).data, np.transpose(x, perm))
    np.testing.assert_array_equal(t.T.data, x.T)
    np.testing.assert_array_equal(np.transpose(t, axes=perm).data, np.transpose(x, perm))
    if perm:
        np.testing.assert_array_equal(mg.transpose(t, *perm).data, np.transpose(x, perm))


@given(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3), data=st.data())
def test_moveaxis(shape, data):
    x = values(shape)
    nd = len(shape)
    k = data.draw(st.integers(1, nd))
    src = data.draw(st.lists(st.integers(-nd, nd - 1), min_size=k, max_size=k, unique_by=lambda a: a % nd))
    dst = data.draw(st.lists(st.integers(-nd, nd - 1), min_size=k, max_size=k, unique_by=lambda a: a % nd))
    check(lambda t: mg.moveaxis(t, src, dst), lambda a: np.moveaxis(a, src, dst), x)
    np.testing.assert_array_equal(mg.tensor(x).moveaxis(src[0], dst[0]).data, np.moveaxis(x, src[0], dst[0]))


@given(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3), data=st.data())
def test_swapaxes(shape, data):
    x = values(shape)
    nd = len(shape)
    a1, a2 = data.draw(st.integers(-nd, nd - 1)), data.draw(st.integers(-nd, nd - 1))
    check(lambda t: mg.swapaxes(t, a1, a2), lambda a: np.swapaxes(a, a1, a2), x)
    np.testing.assert_array_equal(mg.tensor(x).swapaxes(a1, a2).data, np.swapaxes(x, a1, a2))


def test_permutations_second_order():
    x = values((2, 3, 4))
    gradgradcheck(lambda t: mg.transpose(t, (2, 0, 1)) ** 3, x)
    gradgradcheck(lambda t: mg.moveaxis(t, (0, 1), (-1, 0)) ** 3, x)
    gradgradcheck(lambda t: mg.swapaxes(t, 0, 2) ** 3 * mg.squeeze(mg.expand_dims(t, 1), 1).T, x)


# --------------------------------------------------------------------------- broadcast_to
@given(shape=shapes, data=st.data())
def test_broadcast_to(shape, data):
    x = values(shape)
    target = tuple(data.draw(st.integers(1, 3)) if n == 1 else n for n in shape)
    target = tuple(data.draw(st.lists(st.integers(1, 3), max_size=2))) + target
    check(lambda t: mg.broadcast_to(t, target), lambda a: np.broadcast_to(a, target), x)


def test_broadcast_to_second_order():
    gradgradcheck(lambda t: mg.broadcast_to(t, (2, 3, 4)) ** 3, values((3, 1)))


# --------------------------------------------------------------------------- general behaviour
def test_constant_and_dtype_propagate():
    x = mg.tensor(np.ones((2, 3), np.float32))
    for out in (mg.reshape(x, -1), mg.transpose(x), mg.expand_dims(x, 0), mg.broadcast_to(x, (4, 2, 3))):
        assert out.dtype == np.float32 and not out.constant
    assert mg.reshape(x, -1, constant=True).constant
    assert mg.transpose(mg.tensor([[1, 2]])).constant
    y = mg.moveaxis(x, 0, 1)
    y.backward()
    assert x.grad.dtype == np.float32


def test_works_on_arrays_and_lists():
    out = mg.reshape([[1.0, 2.0], [3.0, 4.0]], 4)
    assert isinstance(out, mg.Tensor) and out.constant
    np.testing.assert_array_equal(mg.swapaxes(np.ones((2, 3)), 0, 1).data, np.ones((3, 2)))


def test_inputs_not_mutated():
    data = values((2, 3))
    keep = data.copy()
    x = mg.tensor(data, copy=False)
    (mg.reshape(x, 6) * mg.ravel(mg.transpose(x))).backward()
    np.testing.assert_array_equal(data, keep)


def test_numpy_dispatch():
    x = mg.tensor(values((2, 1, 3)))
    for out in (
        np.squeeze(x),
        np.expand_dims(x, 0),
        np.moveaxis(x, 0, -1),
        np.swapaxes(x, 0, 2),
        np.ravel(x),
        np.broadcast_to(x, (2, 2, 3)),
    ):
        assert isinstance(out, mg.Tensor) and not out.constant


# --------------------------------------------------------------------------- errors
def test_errors():
    x = mg.tensor(values((2, 3)))
    with pytest.raises(ValueError, match=r"newshape=\(4, 2\)"):
        mg.reshape(x, (4, 2))
    with pytest.raises(ValueError, match="at most one -1"):
        mg.reshape(x, (-1, -1))
    with pytest.raises(TypeError, match="newshape"):
        mg.reshape(x, (2.0, 3))
    with pytest.raises(TypeError, match="newshape"):
        mg.reshape(x)
    with pytest.raises(ValueError, match=r"axes=\(0, 0\)"):
        mg.transpose(x, (0, 0))
    with pytest.raises(ValueError, match="not a permutation"):
        mg.transpose(x, (0,))
    with pytest.raises(np.exceptions.AxisError, match="axes=5"):
        mg.transpose(x, (0, 5))
    with pytest.raises(TypeError, match="axes"):
        mg.transpose(x, "ab")
    with pytest.raises(ValueError, match="axis=1"):
        mg.squeeze(x, 1)
    with pytest.raises(np.exceptions.AxisError, match="axis=3"):
        mg.squeeze(x, 3)
    with pytest.raises(np.exceptions.AxisError, match="axis=4"):
        mg.expand_dims(x, 4)
    with pytest.raises(ValueError, match="repeats an axis"):
        mg.expand_dims(x, (0, 0))
    with pytest.raises(ValueError, match="source="):
        mg.moveaxis(x, (0, 1), 0)
    with pytest.raises(np.exceptions.AxisError, match="destination=2"):
        mg.moveaxis(x, 0, 2)
    with pytest.raises(np.exceptions.AxisError, match="axis2=-3"):
        mg.swapaxes(x, 0, -3)
    with pytest.raises(TypeError, match="axis1"):
        mg.swapaxes(x, 0.0, 1)
    with pytest.raises(ValueError, match=r"shape=\(3, 3\)"):
        mg.broadcast_to(x, (3, 3))
    with pytest.raises(ValueError, match=r"shape=\(3,\)"):
        mg.broadcast_to(x, (3,))
    with pytest.raises(TypeError, match="at least one"):
        mg.atleast_2d()
    with pytest.raises(TypeError, match="could not be converted"):
        mg.ravel([[1.0], [2.0, 3.0]])
