"""Tests for mygrad_like.ops.explog: forward vs NumPy, gradients, dtypes, constants, dispatch."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
PAIRS = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)

# name -> (NumPy function, low, high): the inputs drawn for it, inside its domain and
# away from its singularities (so that finite differences are accurate)
UNARY = {
    "exp": (np.exp, -5.0, 5.0),
    "exp2": (np.exp2, -5.0, 5.0),
    "expm1": (np.expm1, -5.0, 5.0),
    "log": (np.log, 0.1, 10.0),
    "log2": (np.log2, 0.1, 10.0),
    "log10": (np.log10, 0.1, 10.0),
    "log1p": (np.log1p, -0.9, 10.0),
}
BINARY = {
    "logaddexp": (np.logaddexp, -5.0, 5.0),
    "logaddexp2": (np.logaddexp2, -5.0, 5.0),
}
ALL = {**UNARY, **BINARY}


def values(lo: float, hi: float, shape=SHAPES, dtype=np.float64):
    width = 32 if dtype == np.float32 else 64
    return hnp.arrays(dtype, shape, elements=st.floats(lo, hi, width=width))


def call(name: str, *args, **kwargs):
    return getattr(mg, name)(*args, **kwargs)


def sample(name: str, rng: np.random.Generator, shape=(2, 3)) -> list:
    """Fixed in-domain inputs for ``name`` (one array per argument)."""
    _, lo, hi = ALL[name]
    n = 2 if name in BINARY else 1
    return [rng.uniform(lo, hi, shape) for _ in range(n)]


# ------------------------------------------------------------------------------ forward
@pytest.mark.parametrize("name", UNARY)
@given(data=st.data())
def test_unary_forward_matches_numpy(name, data):
    npf, lo, hi = UNARY[name]
    x = data.draw(values(lo, hi))
    before = x.copy()
    out = call(name, x)
    assert isinstance(out, mg.Tensor)
    np.testing.assert_array_equal(out.data, npf(x))
    np.testing.assert_array_equal(call(name, mg.tensor(x)).data, npf(x))
    np.testing.assert_array_equal(x, before)  # inputs are not mutated


@pytest.mark.parametrize("name", BINARY)
@given(data=st.data())
def test_binary_forward_matches_numpy_with_broadcasting(name, data):
    npf, lo, hi = BINARY[name]
    s1, s2 = data.draw(PAIRS).input_shapes
    x1, x2 = data.draw(values(lo, hi, s1)), data.draw(values(lo, hi, s2))
    out = call(name, mg.tensor(x1), x2)
    np.testing.assert_array_equal(out.data, npf(x1, x2))
    np.testing.assert_array_equal(call(name, x1, mg.tensor(x2)).data, npf(x1, x2))


@pytest.mark.parametrize("name", ALL)
def test_integer_inputs_follow_numpy_and_are_constant(name):
    npf = ALL[name][0]
    args = [np.array([1, 2, 3])] * (2 if name in BINARY else 1)
    out = call(name, *args)
    np.testing.assert_array_equal(out.data, npf(*args))
    assert out.dtype == npf(*args).dtype
    assert out.constant


# ------------------------------------------------------------------------------ gradients
@pytest.mark.parametrize("name", UNARY)
@given(data=st.data())
def test_unary_gradient(name, data):
    _, lo, hi = UNARY[name]
    assert gradcheck(getattr(mg, name), data.draw(values(lo, hi)))


@pytest.mark.parametrize("name", BINARY)
@given(data=st.data())
def test_binary_gradient_with_broadcasting(name, data):
    _, lo, hi = BINARY[name]
    s1, s2 = data.draw(PAIRS).input_shapes
    x1, x2 = data.draw(values(lo, hi, s1)), data.draw(values(lo, hi, s2))
    assert gradcheck(getattr(mg, name), x1, x2)


@pytest.mark.parametrize("name", BINARY)
def test_binary_gradient_with_a_scalar_on_either_side(name):
    x = np.array([-1.0, 0.5, 3.0])
    f = getattr(mg, name)
    assert gradcheck(lambda t: f(t, 2.0), x)
    assert gradcheck(lambda t: f(2.0, t), x)
    np.testing.assert_array_equal(f(2.0, x).data, ALL[name][0](2.0, x))


@pytest.mark.parametrize("name", ALL)
def test_second_derivative_every_function(name, rng):
    assert gradgradcheck(getattr(mg, name), *sample(name, rng))


@pytest.mark.parametrize("name", ["exp", "log", "logaddexp"])
@given(data=st.data())
def test_second_derivative_drawn(name, data):
    _, lo, hi = ALL[name]
    if name in BINARY:
        s1, s2 = data.draw(PAIRS).input_shapes
        args = [data.draw(values(lo, hi, s1)), data.draw(values(lo, hi, s2))]
    else:
        args = [data.draw(values(lo, hi))]
    assert gradgradcheck(getattr(mg, name), *args)


def test_a_wrong_reference_is_caught():
    """The gradient tests can fail: exp's gradient is not log's."""
    x = np.array([0.5, 2.0])
    y = mg.tensor(x)
    mg.log(y).sum().backward()
    assert not np.allclose(y.grad, np.exp(x))


# ------------------------------------------------------------------------------ numerics
def test_logaddexp_is_stable_for_large_inputs():
    x = mg.tensor([1000.0, -1000.0, 1e300, 0.0])
    y = mg.tensor([1000.0, -1001.0, 1e300, 800.0])
    out = mg.logaddexp(x, y)
    np.testing.assert_array_equal(out.data, np.logaddexp(x.data, y.data))
    out.backward(np.ones(4))
    assert np.all(np.isfinite(x.grad)) and np.all(np.isfinite(y.grad))
    np.testing.assert_allclose(x.grad + y.grad, 1.0)
    np.testing.assert_allclose(x.grad[:3], [0.5, 1 / (1 + math.exp(-1)), 0.5])
    # its second derivative stays finite too: d2/dx2 = p (1 - p), p = sigmoid(x - y)
    a = mg.tensor([1000.0])
    (da,) = mg.grad(mg.logaddexp(a, 1000.0), a, create_graph=True)
    (d2a,) = mg.grad(da, a)
    np.testing.assert_allclose(d2a.data, [0.25])


def test_logaddexp2_is_stable_for_large_inputs():
    x = mg.tensor([2000.0, -2000.0])
    out = mg.logaddexp2(x, x)
    np.testing.assert_allclose(out.data, x.data + 1)
    out.sum().backward()
    np.testing.assert_allclose(x.grad, [1.0, 1.0])


def test_expm1_gradient_keeps_its_digits_for_very_negative_inputs():
    x = mg.tensor([-50.0])
    mg.expm1(x).backward()
    np.testing.assert_allclose(x.grad, np.exp(-50.0), rtol=1e-14)


def test_log_gradient_at_zero_is_inf_without_a_warning_from_backward():
    x = mg.tensor([0.0, 1.0])
    with np.errstate(divide="ignore"):  # the forward's -inf warning is NumPy's, not ours
        y = mg.log(x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.sum().backward()
    np.testing.assert_array_equal(x.grad, [np.inf, 1.0])


# ------------------------------------------------------------------------------ dtypes, constants
@pytest.mark.parametrize("name", ALL)
def test_float32_stays_float32(name, rng):
    args = [a.astype(np.float32) for a in sample(name, rng)]
    ts = [mg.tensor(a) for a in args]
    out = call(name, *ts)
    assert out.dtype == np.float32
    out.sum().backward()
    assert all(t.grad.dtype == np.float32 for t in ts)
    grads = mg.grad(call(name, *ts).sum(), ts, create_graph=True)
    assert all(g.dtype == np.float32 for g in grads)
    # a Python scalar partner does not promote float32 either
    if name in BINARY:
        assert call(name, ts[0], 1.5).dtype == np.float32


@pytest.mark.parametrize("name", ALL)
def test_constant_handling(name, rng):
    args = sample(name, rng)
    variables = [mg.tensor(a) for a in args]
    out = call(name, *variables)
    assert not out.constant and out.creator is not None
    forced = call(name, *variables, constant=True)
    assert forced.constant and forced.creator is None
    consts = [mg.tensor(a, constant=True) for a in args]
    assert call(name, *consts).constant
    leaf = call(name, *consts, constant=False)
    assert not leaf.constant and leaf.creator is None
    # a constant partner gets no gradient, the variable one does
    if name in BINARY:
        v, c = mg.tensor(args[0]), mg.tensor(args[1], constant=True)
        call(name, v, c).sum().backward()
        assert v.grad is not None and c.grad is None


@pytest.mark.parametrize("name", ALL)
def test_numpy_ufunc_dispatch(name, rng):
    args = sample(name, rng)
    ts = [mg.tensor(a) for a in args]
    out = getattr(np, name)(*ts)
    assert isinstance(out, mg.Tensor)
    np.testing.assert_array_equal(out.data, getattr(np, name)(*args))
    out.sum().backward()
    refs = [mg.tensor(a) for a in args]
    call(name, *refs).sum().backward()
    for t, r in zip(ts, refs):
        np.testing.assert_array_equal(t.grad, r.grad)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("bad", ["abc", None, [1.0, "a"], [[1.0], [2.0, 3.0]]])
def test_non_numeric_input_raises_type_error(name, bad):
    args = [bad] + [1.0] * (name in BINARY)
    with pytest.raises(TypeError):
        call(name, *args)
    if name in BINARY:
        with pytest.raises(TypeError):
            call(name, 1.0, bad)
