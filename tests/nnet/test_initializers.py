"""Initializers: shapes/dtypes, the variance each one promises, seeding, Dirac, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import initializers as init

RANDOM = [init.he_normal, init.he_uniform, init.glorot_normal, init.glorot_uniform, init.normal, init.uniform]
SCALED = [init.he_normal, init.he_uniform, init.glorot_normal, init.glorot_uniform]


def expected_std(fn, shape, gain=1.0):
    """The documented standard deviations (MyGrad's numbers for he_normal and glorot_normal)."""
    # glorot_normal takes the receptive field from the last kernel axis only (MyGrad's fans)
    kernel = shape[-1:] if fn is init.glorot_normal and len(shape) > 3 else shape[2:]
    fan_in = shape[1] * math.prod(kernel)
    fan_out = shape[0] * math.prod(kernel)
    if fn in (init.he_normal, init.he_uniform):
        return gain / math.sqrt(fan_in)
    return gain * math.sqrt(2 / (fan_in + fan_out))


@pytest.mark.parametrize("fn", SCALED)
@pytest.mark.parametrize("shape", [(300, 100), (100, 300), (64, 32, 3, 3), (50, 20, 2, 2, 2)])
@pytest.mark.parametrize("gain", [1.0, 2.5])
def test_variance_scaling_statistics(fn, shape, gain):
    w = fn(*shape, gain=gain, rng=7).data.astype(np.float64)
    std = expected_std(fn, shape, gain)
    n = w.size
    # sample std has relative standard error about 1/sqrt(2n) (normal) -- 6 sigma is safe
    assert abs(w.std() / std - 1) < 6 / math.sqrt(2 * n) + 1e-3
    assert abs(w.mean()) < 6 * std / math.sqrt(n)
    if fn in (init.he_uniform, init.glorot_uniform):
        bound = std * math.sqrt(3)
        assert np.abs(w).max() <= bound * (1 + 1e-6)
        assert np.abs(w).max() > 0.95 * bound  # the whole interval is used


def test_he_normal_fan_in_is_inputs_times_kernel():
    w = init.he_normal(400, 2, 5, 5, rng=0).data  # fan_in = 50
    assert abs(w.std() - math.sqrt(1 / 50)) < 0.01


@pytest.mark.parametrize("fn", RANDOM)
@given(shape=st.lists(st.integers(1, 5), min_size=2, max_size=4).map(tuple), seed=st.integers(0, 2**32 - 1))
def test_shape_dtype_and_seed(fn, shape, seed):
    a = fn(*shape, rng=seed)
    b = fn(shape, rng=seed)  # a tuple works as well
    assert a.shape == shape and a.dtype == np.float32 and not a.constant
    np.testing.assert_array_equal(a.data, b.data)
    c = fn(*shape, dtype="float64", constant=True, rng=np.random.default_rng(seed))
    assert c.dtype == np.float64 and c.constant
    np.testing.assert_allclose(c.data, a.data, rtol=1e-6, atol=1e-6)


def test_default_draws_from_the_global_state():
    mg.random.seed(5)
    a = init.he_normal(3, 4)
    np.random.seed(5)
    b = init.he_normal(3, 4)
    np.testing.assert_array_equal(a.data, b.data)
    c = init.he_uniform(3, 4, rng=np.random.RandomState(2))
    d = init.he_uniform(3, 4, rng=np.random.RandomState(2))
    np.testing.assert_array_equal(c.data, d.data)


def test_generator_is_consumed():
    g = np.random.default_rng(3)
    a = init.normal(10, rng=g)
    b = init.normal(10, rng=g)
    assert not np.array_equal(a.data, b.data)


def test_normal_and_uniform_parameters():
    w = init.normal(20000, mean=3.0, std=0.5, dtype=np.float64, rng=1).data
    assert abs(w.mean() - 3) < 0.02 and abs(w.std() - 0.5) < 0.02
    u = init.uniform(20000, lower_bound=-2, upper_bound=6, dtype=np.float64, rng=1).data
    assert u.min() >= -2 and u.max() < 6 and abs(u.mean() - 2) < 0.1
    assert abs(u.std() - 8 / math.sqrt(12)) < 0.05


def test_constant_and_identity():
    c = init.constant(2, 3, value=7.5)
    np.testing.assert_array_equal(c.data, np.full((2, 3), 7.5))
    assert init.constant((4,)).dtype == np.float64
    assert init.constant(2, value=1).constant  # integer tensors are constants
    assert init.constant(2, value=1.0, dtype="float32").dtype == np.float32
    np.testing.assert_array_equal(init.identity(3).data, np.eye(3))
    assert init.identity(2, dtype=np.float32, constant=True).constant


def _correlate_same(x, w):
    """Naive stride-1 'same' cross-correlation of x (C, H, W) with w (F, C, kh, kw)."""
    f_, c_, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (kh // 2, kh - 1 - kh // 2), (kw // 2, kw - 1 - kw // 2)))
    out = np.zeros((f_,) + x.shape[1:])
    for f in range(f_):
        for i in range(x.shape[1]):
            for j in range(x.shape[2]):
                out[f, i, j] = np.sum(xp[:, i : i + kh, j : j + kw] * w[f])
    return out


@pytest.mark.parametrize("shape", [(3, 3, 3, 3), (2, 4, 3, 5), (5, 2, 3, 3)])
def test_dirac_passes_channels_through(shape, rng):
    w = init.dirac(*shape).data
    x = rng.standard_normal((shape[1], 5, 6))
    out = _correlate_same(x, w)
    k = min(shape[0], shape[1])
    np.testing.assert_allclose(out[:k], x[:k])
    np.testing.assert_array_equal(out[k:], 0)


def test_dirac_groups():
    w = init.dirac(4, 2, 3, groups=2).data
    assert w.sum() == 4
    assert w[0, 0, 1] == w[1, 1, 1] == w[2, 0, 1] == w[3, 1, 1] == 1


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: init.he_normal(5), ValueError, "at least 2 dimensions"),
        (lambda: init.glorot_uniform(5), ValueError, "at least 2 dimensions"),
        (lambda: init.he_normal(2, -1), ValueError, "non-negative"),
        (lambda: init.he_normal(2, 2.5), TypeError, "shape must be ints"),
        (lambda: init.he_normal(2, 2, dtype=np.int32), ValueError, "float dtype"),
        (lambda: init.he_normal(2, 2, dtype="nonsense"), TypeError, "dtype"),
        (lambda: init.he_normal(2, 2, gain="big"), TypeError, "gain"),
        (lambda: init.normal(2, std=-1.0), ValueError, "std"),
        (lambda: init.uniform(2, lower_bound=1, upper_bound=1), ValueError, "lower_bound"),
        (lambda: init.normal(2, rng="seed"), TypeError, "rng"),
        (lambda: init.dirac(2), ValueError, "at least 2"),
        (lambda: init.dirac(3, 2, 3, groups=2), ValueError, "divisible"),
        (lambda: init.constant(2, value="x"), TypeError, "value"),
        (lambda: init.identity(-1), ValueError, "n must be"),
    ],
)
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_result_is_a_trainable_leaf():
    w = init.he_normal(3, 2, rng=0)
    (w * w).sum().backward()
    np.testing.assert_allclose(w.grad, 2 * w.data)
    assert isinstance(w, mg.Tensor) and w.creator is None
