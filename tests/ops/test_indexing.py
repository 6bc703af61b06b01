"""getitem (basic and advanced), take, take_along_axis: forward vs NumPy, gradients vs
finite differences and vs an explicit-loop scatter-add, second derivatives."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

small_shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


def values(shape, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, size=shape)


def loop_scatter(shape, index, g):
    """Reference gradient of ``x[index]``: add g into every position it was read from,
    one element at a time (positions found by indexing an array of flat positions)."""
    where = np.arange(int(np.prod(shape))).reshape(shape)[index]
    out = np.zeros(int(np.prod(shape)))
    for pos, gv in zip(np.ravel(where), np.ravel(g)):
        out[pos] += gv
    return out.reshape(shape)


@st.composite
def mixed_indices(draw):
    """A shape and an index mixing ints, slices, integer arrays (broadcasting, negative,
    repeated), None and Ellipsis."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4))
    arr_shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
    index = []
    for n in shape:
        kind = draw(st.sampled_from(["int", "slice", "array", "array"]))
        if kind == "int":
            index.append(draw(st.integers(-n, n - 1)))
        elif kind == "slice":
            bound = st.none() | st.integers(-n, n)
            index.append(slice(draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2, -1]))))
        else:
            index.append(draw(hnp.arrays(np.intp, arr_shape, elements=st.integers(-n, n - 1))))
    if draw(st.booleans()):
        index.insert(draw(st.integers(0, len(index))), None)
    if draw(st.booleans()) and len(index) > 1:  # replace a trailing run by an Ellipsis
        cut = draw(st.integers(1, len(index) - 1))
        index = index[:cut] + [Ellipsis]
    return shape, tuple(index)


# --------------------------------------------------------------------------- forward
@given(data=st.data(), shape=hnp.array_shapes(min_dims=0, max_dims=4, max_side=4))
def test_basic_index_forward_matches_numpy(data, shape):
    index = data.draw(hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True))
    x = values(shape)
    t = mg.tensor(x)
    out = t[index]
    np.testing.assert_array_equal(out.data, x[index])
    assert out.shape == x[index].shape
    assert np.shares_memory(out.data, t.data) or out.size <= 1  # basic indexing gives a view


@given(data=st.data(), shape=small_shapes)
def test_integer_array_index_forward_matches_numpy(data, shape):
    index = data.draw(
        hnp.integer_array_indices(shape, result_shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=4))
    )
    x = values(shape)
    np.testing.assert_array_equal(mg.tensor(x)[index].data, x[index])
    # the same index given as (integer, constant) tensors
    np.testing.assert_array_equal(mg.tensor(x)[tuple(mg.tensor(i) for i in index)].data, x[index])


@given(mixed_indices())
def test_mixed_index_forward_matches_numpy(case):
    shape, index = case
    x = values(shape)
    np.testing.assert_array_equal(mg.tensor(x)[index].data, x[index])


@given(data=st.data(), shape=small_shapes)
def test_bool_mask_forward_matches_numpy(data, shape):
    k = data.draw(st.integers(1, len(shape)))
    mask = data.draw(hnp.arrays(bool, shape[:k]))
    x = values(shape)
    np.testing.assert_array_equal(mg.tensor(x)[mask].data, x[mask])
    np.testing.assert_array_equal(mg.tensor(x)[mg.tensor(mask)].data, x[mask])


def test_index_with_comparison_tensor_and_list():
    x = mg.tensor([[1.0, -2.0], [3.0, -4.0]])
    np.testing.assert_array_equal(x[x < 0].data, [-2.0, -4.0])
    np.testing.assert_array_equal(x[[1, 0, 1]].data, x.data[[1, 0, 1]])
    np.testing.assert_array_equal(x[[]].data, x.data[[]])
    assert x[True].shape == (1, 2, 2)
    assert x[0, 1].shape == ()


# --------------------------------------------------------------------------- gradients
@given(data=st.data(), shape=small_shapes)
def test_basic_index_gradient(data, shape):
    index = data.draw(hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True))
    gradcheck(lambda x: x[index], values(shape))


@given(data=st.data(), shape=small_shapes)
def test_integer_array_index_gradient_accumulates_repeats(data, shape):
    index = data.draw(
        hnp.integer_array_indices(shape, result_shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=5))
    )
    x = mg.tensor(values(shape))
    out = x[index]
    g = values(out.shape, seed=1)
    out.backward(g)
    np.testing.assert_allclose(x.grad, loop_scatter(shape, index, g))
    gradcheck(lambda t: t[index], x.data)


@given(mixed_indices())
def test_mixed_index_gradient(case):
    shape, index = case
    x = mg.tensor(values(shape))
    out = x[index]
    g = values(out.shape, seed=2)
    out.backward(g)
    np.testing.assert_allclose(x.grad, loop_scatter(shape, index, g))


@given(data=st.data(), shape=small_shapes)
def test_bool_mask_gradient(data, shape):
    k = data.draw(st.integers(1, len(shape)))
    mask = data.draw(hnp.arrays(bool, shape[:k]))
    gradcheck(lambda t: t[mask], values(shape))


def test_repeated_negative_indices_accumulate():
    x = mg.tensor([1.0, 2.0, 3.0])
    y = x[[0, -1, 2, -3, 0]]
    y.backward(np.array([1.0, 10.0, 100.0, 1000.0, 10000.0]))
    np.testing.assert_array_equal(x.grad, [11001.0, 0.0, 110.0])


def test_gradient_keeps_float32():
    x = mg.tensor(np.ones((3, 2), np.float32))
    x[[0, 0]].backward()
    assert x.grad.dtype == np.float32
    np.testing.assert_array_equal(x.grad, [[2, 2], [0, 0], [0, 0]])


def test_index_mutated_after_forward_does_not_change_gradient():
    idx = np.array([0, 0, 1])
    x = mg.tensor([1.0, 2.0, 3.0])
    y = x[idx]
    idx[:] = 2
    y.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 1.0, 0.0])


def test_inputs_not_mutated():
    data = values((3, 4))
    idx = np.array([[0, 2], [2, 2]])
    keep_d, keep_i = data.copy(), idx.copy()
    x = mg.tensor(data, copy=False)
    x[idx, 1:].backward()
    np.testing.assert_array_equal(data, keep_d)
    np.testing.assert_array_equal(idx, keep_i)


# --------------------------------------------------------------------------- second order
@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3))
def test_advanced_index_second_derivative(data, shape):
    index = data.draw(
        hnp.integer_array_indices(shape, result_shape=hnp.array_shapes(min_dims=1, max_dims=1, max_side=5))
    )
    gradgradcheck(lambda t: t[index] ** 3, values(shape))


def test_second_derivatives_mixed_and_masks():
    x = values((3, 4))
    gradgradcheck(lambda t: t[[0, 0, 2], 1:3] ** 2, x)
    gradgradcheck(lambda t: t[None, ..., [1, 1, -1]] ** 2 * t[0, 0], x)
    gradgradcheck(lambda t: t[x > 0] ** 3, x)
    gradgradcheck(lambda t: t[1:, ::2] ** 2, x)


def test_scatter_is_differentiable_through_grad():
    # d/dx of sum(grad(sum(x[i]**2))) -- the scatter's own backward is the gather
    x = mg.tensor([1.0, 2.0, 3.0])
    (g,) = mg.grad(x[[0, 0, 2]] ** 2, x, create_graph=True)
    np.testing.assert_array_equal(g.data, [4.0, 0.0, 6.0])
    (h,) = mg.grad(g, x, grad_outputs=np.ones(3))
    np.testing.assert_array_equal(h.data, [4.0, 0.0, 2.0])


# --------------------------------------------------------------------------- take / take_along_axis
@given(data=st.data(), shape=small_shapes)
def test_take_matches_numpy_and_gradient(data, shape):
    axis = data.draw(st.none() | st.integers(-len(shape), len(shape) - 1))
    n = int(np.prod(shape)) if axis is None else shape[axis]
    idx = data.draw(
        hnp.arrays(
            np.intp, hnp.array_shapes(min_dims=0, max_dims=2, max_side=3), elements=st.integers(-n, n - 1)
        )
    )
    x = values(shape)
    np.testing.assert_array_equal(mg.take(x, idx, axis=axis).data, np.take(x, idx, axis=axis))
    gradcheck(lambda t: mg.take(t, idx, axis=axis), x)


@pytest.mark.parametrize("mode", ["wrap", "clip"])
def test_take_modes(mode):
    x = values((2, 3))
    idx = np.array([-5, 0, 4, 7])
    np.testing.assert_array_equal(mg.take(x, idx, axis=1, mode=mode).data, np.take(x, idx, axis=1, mode=mode))
    gradcheck(lambda t: mg.take(t, idx, axis=1, mode=mode), x)


@given(data=st.data(), shape=small_shapes)
def test_take_along_axis_matches_numpy_and_gradient(data, shape):
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    k = data.draw(st.integers(1, 4))
    ishape = list(shape)
    ishape[axis] = k
    ishape = [1 if (i != axis % len(shape) and data.draw(st.booleans())) else s for i, s in enumerate(ishape)]
    n = shape[axis]
    idx = data.draw(hnp.arrays(np.intp, tuple(ishape), elements=st.integers(-n, n - 1)))
    x = values(shape)
    np.testing.assert_array_equal(
        mg.take_along_axis(x, idx, axis=axis).data, np.take_along_axis(x, idx, axis=axis)
    )
    gradcheck(lambda t: mg.take_along_axis(t, idx, axis=axis), x)


def test_take_along_axis_none_and_second_order():
    x = values((2, 3))
    idx = np.array([5, 0, 0])
    np.testing.assert_array_equal(
        mg.take_along_axis(x, idx, axis=None).data, np.take_along_axis(x, idx, axis=None)
    )
    gradgradcheck(lambda t: mg.take_along_axis(t, np.argsort(x, axis=1), axis=1) ** 2, x)


def test_numpy_dispatch():
    x = mg.tensor(values((2, 3)))
    y = np.take(x, [0, 0], axis=1)
    assert isinstance(y, mg.Tensor)
    y.backward()
    np.testing.assert_array_equal(x.grad, [[2, 0, 0], [2, 0, 0]])
    assert isinstance(np.take_along_axis(x, np.zeros((2, 1), int), axis=1), mg.Tensor)


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "index",
    [5, (0, 0, 0), (slice(None), -4), [0, 3], np.array([True, False, True]), 1.5, "a", (Ellipsis, Ellipsis)],
)
def test_bad_indices_raise_index_error(index):
    x = mg.tensor(values((2, 3)))
    with pytest.raises(IndexError, match=r"shape \(2, 3\)"):
        x[index]


def test_float_tensor_index_rejected():
    x = mg.tensor(values((2, 3)))
    with pytest.raises(IndexError):
        x[mg.tensor([0.0, 1.0])]


def test_take_errors():
    x = values((2, 3))
    with pytest.raises(IndexError, match="out of bounds"):
        mg.take(x, [3], axis=1)
    with pytest.raises(ValueError, match="mode"):
        mg.take(x, [0], mode="nope")
    with pytest.raises(TypeError, match="indices"):
        mg.take(x, [0.5])
    with pytest.raises(TypeError, match="out="):
        mg.take(x, [0], out=np.empty(1))
    with pytest.raises(np.exceptions.AxisError, match="axis=2"):
        mg.take(x, [0], axis=2)


def test_take_along_axis_errors():
    x = values((2, 3))
    with pytest.raises(ValueError, match="dimensions"):
        mg.take_along_axis(x, np.zeros(2, int), axis=1)
    with pytest.raises(ValueError, match="1-D"):
        mg.take_along_axis(x, np.zeros((2, 1), int), axis=None)
    with pytest.raises(TypeError, match="indices"):
        mg.take_along_axis(x, np.zeros((2, 1)), axis=1)
