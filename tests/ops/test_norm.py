"""mygrad_like.linalg.norm: values against NumPy, gradients against finite differences and MyGrad,
the gradient where it is undefined (entries at 0, the zero vector), matrix norms, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

VECTOR_ORDS = [None, 1, 2, 3, 0.5, -1, -2.5, np.inf, -np.inf]


def _no_ties_no_zeros(shape, seed):
    """Values with distinct magnitudes, none near 0, random signs."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    mags = rng.permutation(np.linspace(0.5, 2.5, n)) if n else np.zeros(0)
    return (mags * rng.choice([-1.0, 1.0], n)).reshape(shape)


@pytest.mark.parametrize("order", VECTOR_ORDS)
@pytest.mark.parametrize("shape, axis", [((5,), None), ((3, 4), 0), ((3, 4), -1), ((2, 3, 4), 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_vector_norms_like_mygrad(order, shape, axis, keepdims):
    mygrad = pytest.importorskip("mygrad")
    data = _no_ties_no_zeros(shape, seed=len(shape))
    x, xm = mg.tensor(data), mygrad.tensor(data)
    y = mg.linalg.norm(x, ord=order, axis=axis, keepdims=keepdims)
    ym = mygrad.linalg.norm(xm, ord=order, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(y.data, np.linalg.norm(data, ord=order, axis=axis, keepdims=keepdims))
    np.testing.assert_allclose(y.data, ym.data)
    g = np.random.default_rng(0).normal(size=y.shape)
    y.backward(g)
    ym.backward(g)
    np.testing.assert_allclose(x.grad, xm.grad, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_nan_to_num_false_like_mygrad(order):
    mygrad = pytest.importorskip("mygrad")
    data = np.array([[1.0, 0.0, -2.0], [0.0, 3.0, 0.5]])
    x, xm = mg.tensor(data), mygrad.tensor(data)
    mg.linalg.norm(x, ord=order, axis=1, nan_to_num=False).sum().backward()
    with np.errstate(all="ignore"):
        mygrad.linalg.norm(xm, ord=order, axis=1, nan_to_num=False).sum().backward()
    np.testing.assert_array_equal(np.isnan(x.grad), data == 0)
    np.testing.assert_allclose(x.grad, xm.grad)


@pytest.mark.parametrize("order", [None, 2, 3, 0.5, -1, -2.5])
def test_gradient_at_zero_entries_and_the_zero_vector_is_zero_pinned(order):
    # The derivative is undefined there; nan_to_num (the default) gives 0. MyGrad documents the
    # same but returns NaN for the zero vector (0/0) and for entries at 0 when ord < 1.
    data = np.array([[0.0, 0.0, 0.0], [1.5, 0.0, -2.0]])
    x = mg.tensor(data)
    y = mg.linalg.norm(x, ord=order, axis=1)
    y.sum().backward()
    assert np.isfinite(x.grad).all()
    np.testing.assert_array_equal(x.grad[data == 0], 0.0)
    if order in (None, 2):
        np.testing.assert_allclose(x.grad[1], data[1] / np.linalg.norm(data[1]))


def test_zero_vector_gradient_differs_from_mygrads_nan_pinned():
    mygrad = pytest.importorskip("mygrad")
    x, xm = mg.tensor([0.0, 0.0]), mygrad.tensor([0.0, 0.0])
    mg.linalg.norm(x).backward()
    with np.errstate(all="ignore"):
        mygrad.linalg.norm(xm).backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0])
    assert np.isnan(xm.grad).all()


@given(
    shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
    order=st.sampled_from([None, 1, 2, 3, 1.5, -1, np.inf, -np.inf]),
    seed=st.integers(0, 2**16),
    keepdims=st.booleans(),
)
def test_gradients_match_finite_differences(shape, order, seed, keepdims):
    data = _no_ties_no_zeros(shape, seed)
    axis = seed % len(shape)
    assert gradcheck(lambda t: mg.linalg.norm(t, ord=order, axis=axis, keepdims=keepdims), data)


@pytest.mark.parametrize("order", [2, 3, -1])
def test_second_order_gradients(order):
    data = _no_ties_no_zeros((3, 4), seed=4)
    assert gradgradcheck(lambda t: mg.linalg.norm(t, ord=order, axis=1), data)


@pytest.mark.parametrize("order", [None, "fro", 1, -1, np.inf, -np.inf])
@pytest.mark.parametrize("axis", [None, (0, 1), (1, 0), (2, 0)])
def test_matrix_norms_against_numpy_and_finite_differences(order, axis):
    shape = (3, 4) if axis in (None, (0, 1), (1, 0)) else (3, 2, 4)
    data = _no_ties_no_zeros(shape, seed=5)
    y = mg.linalg.norm(data, ord=order, axis=axis)
    np.testing.assert_allclose(y.data, np.linalg.norm(data, ord=order, axis=axis))
    assert gradcheck(lambda t: mg.linalg.norm(t, ord=order, axis=axis), data)


def test_numpy_linalg_norm_on_a_tensor_is_differentiable():
    x = mg.tensor([3.0, 4.0])
    y = np.linalg.norm(x)
    assert isinstance(y, mg.Tensor) and y.item() == 5.0
    y.backward()
    np.testing.assert_allclose(x.grad, [0.6, 0.8])


def test_dtypes_order_zero_and_empty():
    assert mg.linalg.norm(np.ones(3, dtype="float32")).dtype == np.float32
    assert mg.linalg.norm([1, 2, 2]).dtype == np.float64
    x = mg.tensor([1.0, 0.0, -3.0])
    y = mg.linalg.norm(x, ord=0)
    assert y.item() == 2.0 and y.constant
    assert mg.linalg.norm(np.zeros((0,))).item() == 0.0


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: mg.linalg.norm(np.ones((2, 2)), ord="nuc"), ValueError, "matrix norm"),
        (lambda: mg.linalg.norm(np.ones((2, 2)), ord=2), ValueError, "matrix norm"),
        (lambda: mg.linalg.norm(np.ones(3), ord="fro"), ValueError, "vector norm"),
        (lambda: mg.linalg.norm(np.ones(3), ord=np.nan), ValueError, "nan"),
        (lambda: mg.linalg.norm(np.ones((2, 2, 2)), ord=2), ValueError, "1-D or 2-D"),
        (lambda: mg.linalg.norm(np.ones((2, 2, 2)), axis=(0, 1, 2)), ValueError, "one axis"),
        (lambda: mg.linalg.norm(np.ones(3), axis=1), np.exceptions.AxisError, "axis"),
        (lambda: mg.linalg.norm(np.ones(3), keepdims="yes"), TypeError, "keepdims"),
    ],
)
def test_errors_name_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
