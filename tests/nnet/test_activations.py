"""Activations: forward vs NumPy, gradients (gradcheck), second derivatives, stability, errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import activations as act
from mygrad_like.testing import array_shapes, gradcheck, gradgradcheck, tensors

SELU_A, SELU_L = 1.6732632423543772, 1.0507009873554805


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def np_normal_cdf(x):
    return np.vectorize(lambda v: 0.5 * math.erfc(-v / math.sqrt(2)))(x)


# (name, mygrad_like function, NumPy reference, kink points to keep away from in gradient checks)
ELEMENTWISE = [
    ("relu", act.relu, lambda x: np.maximum(x, 0), [0.0]),
    ("leaky_relu", lambda x: act.leaky_relu(x, slope=0.2), lambda x: np.where(x > 0, x, 0.2 * x), [0.0]),
    ("elu", lambda x: act.elu(x, alpha=0.7), lambda x: np.where(x >= 0, x, 0.7 * (np.exp(x) - 1)), [0.0]),
    ("selu", act.selu, lambda x: SELU_L * np.where(x >= 0, x, SELU_A * (np.exp(x) - 1)), [0.0]),
    ("gelu", act.gelu, lambda x: x * np_normal_cdf(x), []),
    (
        "gelu_tanh",
        lambda x: act.gelu(x, approximate="tanh"),
        lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3))),
        [],
    ),
    ("sigmoid", act.sigmoid, np_sigmoid, []),
    ("tanh", act.tanh, np.tanh, []),
    ("soft_sign", act.soft_sign, lambda x: x / (1 + np.abs(x)), [0.0]),
    ("hard_tanh", act.hard_tanh, lambda x: np.clip(x, -1, 1), [-1.0, 1.0]),
    (
        "hard_tanh_bounds",
        lambda x: act.hard_tanh(x, lower_bound=-2, upper_bound=0.5),
        lambda x: np.clip(x, -2, 0.5),
        [-2.0, 0.5],
    ),
    ("softplus", act.softplus, lambda x: np.log1p(np.exp(x)), []),
    ("softplus_beta", lambda x: act.softplus(x, beta=2.5), lambda x: np.log1p(np.exp(2.5 * x)) / 2.5, []),
]
SMOOTH_SECOND = {"elu", "selu", "gelu", "gelu_tanh", "sigmoid", "tanh", "softplus", "softplus_beta"}


def away_from(kinks):
    return st.floats(-6, 6).filter(lambda v: all(abs(v - k) > 1e-3 for k in kinks))


small_shapes = array_shapes(min_dims=0, max_dims=3, max_side=4)


@pytest.mark.parametrize("name, fn, ref, kinks", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
@given(x=tensors(shape=small_shapes, min_value=-30, max_value=30))
def test_elementwise_forward(name, fn, ref, kinks, x):
    expected = ref(x.data)
    y = fn(x)
    np.testing.assert_allclose(y.data, expected, rtol=1e-7, atol=1e-12)
    assert y.shape == x.shape and y.dtype == x.dtype


@pytest.mark.parametrize("name, fn, ref, kinks", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
@given(data=st.data())
def test_elementwise_gradient(name, fn, ref, kinks, data):
    x = data.draw(tensors(shape=small_shapes, elements=away_from(kinks)))
    assert gradcheck(fn, x)


@pytest.mark.parametrize(
    "name, fn, ref, kinks",
    [e for e in ELEMENTWISE if e[0] in SMOOTH_SECOND],
    ids=sorted(SMOOTH_SECOND, key=[e[0] for e in ELEMENTWISE].index),
)
def test_elementwise_second_derivative(name, fn, ref, kinks, rng):
    x = rng.uniform(-3, 3, (3, 4))
    assert gradgradcheck(fn, x)


@pytest.mark.parametrize("name, fn, ref, kinks", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
def test_float32_in_float32_out(name, fn, ref, kinks, rng):
    x = mg.tensor(rng.uniform(-3, 3, (2, 3)).astype(np.float32))
    y = fn(x)
    assert y.dtype == np.float32
    y.sum().backward()
    assert x.grad.dtype == np.float32


def test_relu_family_gradients_at_kink():
    x = mg.tensor([-1.0, 0.0, 1.0])
    act.relu(x).sum().backward()
    np.testing.assert_array_equal(x.grad, [0, 0, 1])
    act.elu(x, alpha=2.0).sum().backward()
    np.testing.assert_allclose(x.grad, [2 * np.exp(-1), 1, 1])
    x = mg.tensor([-1.0, -0.5, 1.0])
    act.hard_tanh(x).sum().backward()
    np.testing.assert_array_equal(x.grad, [0, 1, 0])


# --------------------------------------------------------------------------- softmax family
axes = st.sampled_from([-1, 0, 1, (0, 1), None])


@given(x=tensors(shape=(3, 4), min_value=-50, max_value=50), axis=axes)
def test_softmax_forward(x, axis):
    ax = axis if axis is not None else (0, 1)
    np.testing.assert_allclose(act.softmax(x, axis=axis).data, np_softmax(x.data, ax), rtol=1e-7, atol=1e-15)
    np.testing.assert_allclose(
        act.logsoftmax(x, axis=axis).data, np.log(np_softmax(x.data, ax)), rtol=1e-7, atol=1e-10
    )


@given(x=tensors(shape=array_shapes(min_dims=1, max_dims=3, max_side=4)), axis=st.sampled_from([-1, 0]))
def test_softmax_gradients(x, axis):
    assert gradcheck(lambda t: act.softmax(t, axis=axis), x)
    assert gradcheck(lambda t: act.logsoftmax(t, axis=axis), x)


@pytest.mark.parametrize("fn", [act.softmax, act.logsoftmax])
@pytest.mark.parametrize("axis", [-1, (0, 2), None])
def test_softmax_second_derivative(fn, axis, rng):
    assert gradgradcheck(lambda t: fn(t, axis=axis), rng.standard_normal((2, 3, 2)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_stable_on_huge_inputs(dtype):
    x = mg.tensor(np.array([[-1000.0, 0.0, 1000.0], [1000.0, 1000.0, -1000.0]], dtype=dtype))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outs = {
            "softmax": act.softmax(x),
            "logsoftmax": act.logsoftmax(x),
            "sigmoid": act.sigmoid(x),
            "softplus": act.softplus(x),
            "elu": act.elu(x, 1.0),
            "gelu": act.gelu(x),
        }
        for name, y in outs.items():
            assert np.isfinite(y.data).all(), name
            y.sum().backward()
            assert np.isfinite(x.grad).all(), name
    np.testing.assert_allclose(outs["softmax"].data, [[0, 0, 1], [0.5, 0.5, 0]], atol=1e-7)
    np.testing.assert_allclose(
        outs["logsoftmax"].data, [[-2000, -1000, 0], [-np.log(2), -np.log(2), -2000 - np.log(2)]], rtol=1e-6
    )
    np.testing.assert_allclose(outs["sigmoid"].data, [[0, 0.5, 1], [1, 1, 0]])
    np.testing.assert_allclose(outs["softplus"].data, [[0, np.log(2), 1000], [1000, 1000, 0]], rtol=1e-6)


def test_softmax_rows_sum_to_one_and_grad_of_sum_is_zero(rng):
    x = mg.tensor(rng.standard_normal((4, 5)))
    y = act.softmax(x)
    np.testing.assert_allclose(y.data.sum(axis=1), 1)
    y.sum().backward()
    np.testing.assert_allclose(x.grad, 0, atol=1e-12)


# --------------------------------------------------------------------------- glu
@given(
    x=tensors(shape=st.tuples(st.integers(1, 3), st.sampled_from([2, 4, 6]))), axis=st.sampled_from([-1, 1])
)
def test_glu(x, axis):
    n = x.shape[1] // 2
    expected = x.data[:, :n] * np_sigmoid(x.data[:, n:])
    np.testing.assert_allclose(act.glu(x, axis=axis).data, expected)
    assert gradcheck(lambda t: act.glu(t, axis=axis), x)


def test_glu_second_derivative(rng):
    assert gradgradcheck(lambda t: act.glu(t, axis=0), rng.standard_normal((4, 3)))


# --------------------------------------------------------------------------- MyGrad compatibility
def test_matches_mygrad(rng):
    mygrad = pytest.importorskip("mygrad")
    from mygrad.nnet import activations as ref

    x0 = rng.uniform(-3, 3, (4, 6))
    pairs = [
        (act.relu, ref.relu),
        (lambda t: act.leaky_relu(t, 0.1), lambda t: ref.leaky_relu(t, 0.1)),
        (lambda t: act.elu(t, 0.3), lambda t: ref.elu(t, 0.3)),
        (act.selu, ref.selu),
        (act.sigmoid, ref.sigmoid),
        (act.tanh, ref.tanh),
        (act.soft_sign, ref.soft_sign),
        (act.hard_tanh, ref.hard_tanh),
        (act.softmax, ref.softmax),
        (act.logsoftmax, ref.logsoftmax),
        (lambda t: act.softmax(t, axis=0), lambda t: ref.softmax(t, axis=0)),
        (act.glu, ref.glu),
    ]
    seed = rng.standard_normal((4, 6))
    for ours, theirs in pairs:
        a, b = mg.tensor(x0), mygrad.tensor(x0)
        ya, yb = ours(a), theirs(b)
        np.testing.assert_allclose(ya.data, yb.data, rtol=1e-7, err_msg=str(theirs))
        ya.backward(seed[:, : ya.shape[1]])
        yb.backward(seed[:, : yb.shape[1]])
        np.testing.assert_allclose(a.grad, b.grad, rtol=1e-7, atol=1e-12, err_msg=str(theirs))


# --------------------------------------------------------------------------- errors and constants
@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda x: act.leaky_relu(x, slope="a"), TypeError, "slope"),
        (lambda x: act.elu(x, alpha=float("nan")), ValueError, "alpha"),
        (lambda x: act.hard_tanh(x, lower_bound=1, upper_bound=0), ValueError, "lower_bound"),
        (lambda x: act.softplus(x, beta=0), ValueError, "beta"),
        (lambda x: act.gelu(x, approximate="erf"), ValueError, "approximate"),
        (lambda x: act.softmax(x, axis=2), ValueError, "axis"),
        (lambda x: act.logsoftmax(x, axis=1.5), TypeError, "axis"),
        (lambda x: act.glu(x, axis=0), ValueError, "odd"),
        (lambda x: act.glu(x, axis=3), ValueError, "axis"),
        (lambda x: act.glu(x, axis="0"), TypeError, "axis"),
    ],
)
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call(mg.tensor(np.ones((3, 4))))


@pytest.mark.parametrize("fn", [act.relu, act.sigmoid, act.softmax, act.logsoftmax, act.soft_sign, act.gelu])
def test_constant_flag_and_inputs_not_mutated(fn):
    data = np.array([[-1.0, 0.5, 2.0]])
    x = mg.tensor(data)
    assert fn(x, constant=True).constant
    assert not fn(x).constant
    assert fn(data).constant  # plain arrays are constants
    np.testing.assert_array_equal(data, [[-1.0, 0.5, 2.0]])
