"""batchnorm (functional) and dropout: forward vs NumPy, gradients, second derivatives, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import batchnorm, dropout
from mygrad_like.testing import gradcheck, gradgradcheck, tensors

shapes = st.sampled_from([(4, 2), (3, 2, 4), (2, 3, 2, 3), (5, 1)])


def np_batchnorm(x, gamma, beta, eps):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, x.shape[1]) + (1,) * (x.ndim - 2)
    y = (x - x.mean(axis=axes, keepdims=True)) / np.sqrt(x.var(axis=axes, keepdims=True) + eps)
    if gamma is not None:
        y = y * gamma.reshape(shape)
    if beta is not None:
        y = y + beta.reshape(shape)
    return y


@given(data=st.data(), shape=shapes, affine=st.sampled_from(["none", "gamma", "beta", "both"]))
def test_batchnorm_forward_and_gradient(data, shape, affine):
    x = data.draw(tensors(shape=shape, min_value=-5, max_value=5))
    c = shape[1]
    gamma = data.draw(tensors(shape=(c,), min_value=-2, max_value=2)) if affine in ("gamma", "both") else None
    beta = data.draw(tensors(shape=(c,), min_value=-2, max_value=2)) if affine in ("beta", "both") else None
    eps = 0.1  # keeps the gradient well conditioned when hypothesis draws (near) constant channels
    expected = np_batchnorm(
        x.data, None if gamma is None else gamma.data, None if beta is None else beta.data, eps
    )
    np.testing.assert_allclose(
        batchnorm(x, gamma=gamma, beta=beta, eps=eps).data, expected, rtol=1e-7, atol=1e-10
    )
    args = [a for a in (x, gamma, beta) if a is not None]

    def f(*ts):
        it = iter(ts[1:])
        g = next(it) if gamma is not None else None
        b = next(it) if beta is not None else None
        return batchnorm(ts[0], gamma=g, beta=b, eps=eps)

    assert gradcheck(f, *args)


def test_batchnorm_second_derivative(rng):
    x = rng.standard_normal((4, 3, 2))
    g, b = rng.standard_normal(3), rng.standard_normal(3)
    assert gradgradcheck(lambda a, gg, bb: batchnorm(a, gamma=gg, beta=bb, eps=1e-3), x, g, b)
    assert gradgradcheck(lambda a: batchnorm(a, eps=1e-3), x)


def test_batchnorm_matches_mygrad(rng):
    mygrad = pytest.importorskip("mygrad")
    from mygrad.nnet import batchnorm as ref

    x0 = rng.standard_normal((5, 3, 4))
    g0, b0 = rng.standard_normal(3), rng.standard_normal(3)
    ours = [mg.tensor(v) for v in (x0, g0, b0)]
    theirs = [mygrad.tensor(v) for v in (x0, g0, b0)]
    seed = rng.standard_normal((5, 3, 4))
    ya = batchnorm(ours[0], gamma=ours[1], beta=ours[2], eps=1e-5)
    yb = ref(theirs[0], gamma=theirs[1], beta=theirs[2], eps=1e-5)
    np.testing.assert_allclose(ya.data, yb.data, rtol=1e-7, atol=1e-10)
    ya.backward(seed)
    yb.backward(seed)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a.grad, b.grad, rtol=1e-6, atol=1e-9)


def test_batchnorm_float32_and_constant():
    x = mg.tensor(np.arange(12, dtype=np.float32).reshape(4, 3))
    y = batchnorm(x, gamma=np.ones(3, np.float32), eps=1e-5)
    assert y.dtype == np.float32
    y.sum().backward()
    assert x.grad.dtype == np.float32
    np.testing.assert_allclose(x.grad, 0, atol=1e-5)  # the output of each channel sums to zero
    assert batchnorm(x, eps=1e-5, constant=True).constant


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda x: batchnorm(x[0], eps=1e-5), ValueError, "at least 2 dimensions"),
        (lambda x: batchnorm(x, gamma=np.ones(2), eps=1e-5), ValueError, "gamma"),
        (lambda x: batchnorm(x, beta=np.ones((3, 1)), eps=1e-5), ValueError, "beta"),
        (lambda x: batchnorm(x, eps=-1.0), ValueError, "eps"),
        (lambda x: batchnorm(x, eps="small"), TypeError, "eps"),
        (lambda x: dropout(x, p=1.5), ValueError, "p must be"),
        (lambda x: dropout(x, p=0.5, training="yes"), TypeError, "training"),
        (lambda x: dropout(x, p=0.5, rng="seed"), TypeError, "rng"),
    ],
)
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call(mg.tensor(np.ones((4, 3))))


# --------------------------------------------------------------------------- dropout
@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_statistics(p):
    x = mg.tensor(np.ones(20000, np.float32))
    y = dropout(x, p=p, rng=0)
    kept = y.data != 0
    assert abs(1 - kept.mean() - p) < 0.02
    np.testing.assert_allclose(y.data[kept], 1 / (1 - p), rtol=1e-6)
    assert y.dtype == np.float32
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, y.data)  # the gradient is the scaled mask


def test_dropout_modes_and_seeding():
    x = mg.tensor(np.arange(1.0, 11.0))
    assert dropout(x, 0.5, training=False) is x
    assert dropout(x, 0.0) is x
    np.testing.assert_array_equal(dropout(x, 1.0).data, 0)
    np.testing.assert_array_equal(dropout(x, 0.5, rng=3).data, dropout(x, 0.5, rng=3).data)
    mg.random.seed(1)
    a = dropout(x, 0.5).data
    mg.random.seed(1)
    np.testing.assert_array_equal(a, dropout(x, 0.5).data)
    np.testing.assert_array_equal(x.data, np.arange(1.0, 11.0))
    assert gradcheck(lambda t: dropout(t, 0.3, rng=7), x)  # a fixed seed: the same mask every call
