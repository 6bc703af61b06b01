"""Tests for mygrad_like.ops.trig: forward vs NumPy, gradients, numerics, dtypes, dispatch."""

import warnings
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg
from mygrad_like.testing import gradcheck, gradgradcheck

SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
PAIRS = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)

# name -> (NumPy function, low, high): inputs inside the domain, away from singularities
UNARY = {
    "sin": (np.sin, -6.0, 6.0),
    "cos": (np.cos, -6.0, 6.0),
    "tan": (np.tan, -1.3, 1.3),
    "arcsin": (np.arcsin, -0.95, 0.95),
    "arccos": (np.arccos, -0.95, 0.95),
    "arctan": (np.arctan, -10.0, 10.0),
    "sinh": (np.sinh, -4.0, 4.0),
    "cosh": (np.cosh, -4.0, 4.0),
    "tanh": (np.tanh, -4.0, 4.0),
    "arcsinh": (np.arcsinh, -10.0, 10.0),
    "arccosh": (np.arccosh, 1.1, 10.0),
    "arctanh": (np.arctanh, -0.9, 0.9),
    "sinc": (np.sinc, -3.0, 3.0),
}
BINARY = {"arctan2": (np.arctan2, -5.0, 5.0)}
ALL = {**UNARY, **BINARY}


def values(lo: float, hi: float, shape=SHAPES):
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi))


def away_from_origin(shape):
    """Points for arctan2: each coordinate with |v| in [0.2, 5] (the origin is singular)."""
    mag = st.floats(0.2, 5.0)
    return hnp.arrays(np.float64, shape, elements=mag | mag.map(lambda v: -v))


def call(name: str, *args, **kwargs):
    return getattr(mg, name)(*args, **kwargs)


def sample(name: str, rng: np.random.Generator, shape=(2, 3)) -> list:
    if name == "arctan2":
        return [rng.uniform(0.2, 5.0, shape) * rng.choice([-1, 1], shape) for _ in range(2)]
    _, lo, hi = ALL[name]
    return [rng.uniform(lo, hi, shape)]


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
    np.testing.assert_array_equal(x, before)


@given(data=st.data())
def test_arctan2_forward_matches_numpy_with_broadcasting(data):
    s1, s2 = data.draw(PAIRS).input_shapes
    y, x = data.draw(values(-5, 5, s1)), data.draw(values(-5, 5, s2))
    np.testing.assert_array_equal(mg.arctan2(mg.tensor(y), x).data, np.arctan2(y, x))
    np.testing.assert_array_equal(mg.arctan2(y, mg.tensor(x)).data, np.arctan2(y, x))


def test_arctan2_quadrants():
    y = np.array([1.0, 1.0, -1.0, -1.0, 0.0, 0.0])
    x = np.array([1.0, -1.0, -1.0, 1.0, -1.0, 1.0])
    np.testing.assert_allclose(mg.arctan2(y, x).data, np.pi * np.array([0.25, 0.75, -0.75, -0.25, 1.0, 0.0]))


@pytest.mark.parametrize("name", ALL)
def test_integer_inputs_follow_numpy_and_are_constant(name):
    npf = ALL[name][0]
    ints = {"arcsin": [-1, 0, 1], "arccos": [-1, 0, 1], "arctanh": [0, 0]}.get(name, [1, 2, 3])
    args = [np.array(ints)] * (2 if name in BINARY else 1)
    out = call(name, *args)
    np.testing.assert_array_equal(out.data, npf(*args))
    assert out.dtype == npf(*args).dtype and out.constant


# ------------------------------------------------------------------------------ gradients
@pytest.mark.parametrize("name", UNARY)
@given(data=st.data())
def test_unary_gradient(name, data):
    _, lo, hi = UNARY[name]
    assert gradcheck(getattr(mg, name), data.draw(values(lo, hi)))


@given(data=st.data())
def test_arctan2_gradient_with_broadcasting(data):
    s1, s2 = data.draw(PAIRS).input_shapes
    assert gradcheck(mg.arctan2, data.draw(away_from_origin(s1)), data.draw(away_from_origin(s2)))


def test_arctan2_gradient_with_a_scalar_on_either_side():
    v = np.array([-2.0, 0.5, 3.0])
    assert gradcheck(lambda t: mg.arctan2(t, -1.5), v)
    assert gradcheck(lambda t: mg.arctan2(-1.5, t), v)


@pytest.mark.parametrize("name", ALL)
def test_second_derivative_every_function(name, rng):
    assert gradgradcheck(getattr(mg, name), *sample(name, rng))


@pytest.mark.parametrize("name", ["sin", "tanh", "sinc"])
@given(data=st.data())
def test_second_derivative_drawn(name, data):
    _, lo, hi = UNARY[name]
    assert gradgradcheck(getattr(mg, name), data.draw(values(lo, hi)))


@given(data=st.data())
def test_arctan2_second_derivative_drawn(data):
    s1, s2 = data.draw(PAIRS).input_shapes
    y, x = data.draw(away_from_origin(s1)), data.draw(away_from_origin(s2))
    assert gradgradcheck(mg.arctan2, y, x)


# ------------------------------------------------------------------------------ numerics
def _exact_inverse_sqrt_one_minus_square(x: float) -> float:
    getcontext().prec = 50
    d = Decimal(x)
    return float(1 / (1 - d * d).sqrt())


def test_arcsin_arccos_gradients_keep_their_digits_near_one():
    # 1 - x*x in floating point loses ~1e-9 relative here; (1 - x)(1 + x) does not
    x = 1 - 2.0**-30
    ref = _exact_inverse_sqrt_one_minus_square(x)
    for f, sign in ((mg.arcsin, 1), (mg.arccos, -1)):
        t = mg.tensor([x, -x])
        f(t).sum().backward()
        np.testing.assert_allclose(t.grad, [sign * ref, sign * ref], rtol=1e-14)
    t = mg.tensor(x)
    mg.arctanh(t).backward()
    np.testing.assert_allclose(t.grad, ref**2, rtol=1e-14)
    t = mg.tensor(1 + 2.0**-30)
    mg.arccosh(t).backward()
    getcontext().prec = 50
    d = Decimal(1 + 2.0**-30)
    np.testing.assert_allclose(t.grad, float(1 / (d * d - 1).sqrt()), rtol=1e-14)


def test_sinc_gradient_near_and_at_zero():
    x = mg.tensor([0.0, 1e-5, -1e-3, 0.0999, 0.1001, 1.0])
    mg.sinc(x).sum().backward()
    v = x.data
    # the series for |x| < 0.1 and the closed form elsewhere, both against a reference
    ref = np.where(
        np.abs(v) < 0.05,
        -(np.pi**2) * v / 3 + np.pi**4 * v**3 / 30 - np.pi**6 * v**5 / 840,
        (np.cos(np.pi * v) - np.sinc(v)) / np.where(v == 0, 1, v),
    )
    np.testing.assert_allclose(x.grad, ref, rtol=1e-12, atol=0)
    # the second derivative at 0 is -pi**2 / 3
    z = mg.tensor(0.0)
    (dz,) = mg.grad(mg.sinc(z), z, create_graph=True)
    (d2z,) = mg.grad(dz, z)
    np.testing.assert_allclose(d2z.data, -(np.pi**2) / 3, rtol=1e-12)
    # a huge input next to a small one: neither branch may leak inf/NaN into the other
    z = mg.tensor([0.0, 1e100])
    (dz,) = mg.grad(mg.sinc(z).sum(), z, create_graph=True)
    (d2z,) = mg.grad(dz.sum(), z)
    assert np.isfinite(dz.data).all() and np.isfinite(d2z.data).all()


def test_sinc_gradient_across_the_series_switch():
    # inputs on both sides of |x| = 0.1 in one array: both branches, with masks
    assert gradgradcheck(mg.sinc, np.array([-0.3, -0.1, -0.05, 0.0, 0.02, 0.0999, 0.1, 0.5]))


def test_tanh_gradient_saturates_without_nan():
    x = mg.tensor([-1000.0, 1000.0])
    mg.tanh(x).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0])


@pytest.mark.parametrize(
    "name, edge", [("arcsin", 1.0), ("arccos", -1.0), ("arccosh", 1.0), ("arctanh", 1.0)]
)
def test_gradient_at_the_domain_edge_is_infinite_without_a_warning(name, edge):
    x = mg.tensor([edge])
    with np.errstate(all="ignore"):  # arctanh(1) = inf: the forward's warning is NumPy's
        y = call(name, x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.backward()
    assert np.isinf(x.grad).all()


def test_arctan2_at_the_origin_gives_nan_without_a_warning():
    y, x = mg.tensor(0.0), mg.tensor(0.0)
    out = mg.arctan2(y, x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out.backward()
    assert np.isnan(y.grad) and np.isnan(x.grad)


# ------------------------------------------------------------------------------ dtypes, constants
@pytest.mark.parametrize("name", ALL)
def test_float32_stays_float32(name, rng):
    ts = [mg.tensor(a.astype(np.float32)) for a in sample(name, rng)]
    out = call(name, *ts)
    assert out.dtype == np.float32
    out.sum().backward()
    assert all(t.grad.dtype == np.float32 for t in ts)
    grads = mg.grad(call(name, *ts).sum(), ts, create_graph=True)
    assert all(g.dtype == np.float32 for g in grads)
    if name in BINARY:
        assert call(name, ts[0], 1.5).dtype == np.float32


@pytest.mark.parametrize("name", ALL)
def test_constant_handling(name, rng):
    args = sample(name, rng)
    variables = [mg.tensor(a) for a in args]
    assert not call(name, *variables).constant
    forced = call(name, *variables, constant=True)
    assert forced.constant and forced.creator is None
    consts = [mg.tensor(a, constant=True) for a in args]
    assert call(name, *consts).constant
    leaf = call(name, *consts, constant=False)
    assert not leaf.constant and leaf.creator is None
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
@pytest.mark.parametrize("bad", ["abc", None, [1.0, "a"]])
def test_non_numeric_input_raises_type_error(name, bad):
    with pytest.raises(TypeError):
        call(name, *([bad] + [1.0] * (name in BINARY)))
    if name in BINARY:
        with pytest.raises(TypeError):
            call(name, 1.0, bad)


# ------------------------------------------------------------------------------ reciprocal functions
# name -> (reference, lo, hi, signed): inputs with lo <= x <= hi, or lo <= |x| <= hi of
# either sign when signed (away from the poles and the edges of the domains)
RECIPROCAL = {
    "sec": (lambda x: 1 / np.cos(x), -1.3, 1.3, False),
    "csc": (lambda x: 1 / np.sin(x), 0.2, 1.5, True),
    "cot": (lambda x: 1 / np.tan(x), 0.2, 1.5, True),
    "arcsec": (lambda x: np.arccos(1 / x), 1.1, 10.0, True),
    "arccsc": (lambda x: np.arcsin(1 / x), 1.1, 10.0, True),
    "arccot": (lambda x: np.arctan(1 / x), 0.2, 10.0, True),
    "sech": (lambda x: 1 / np.cosh(x), -4.0, 4.0, False),
    "csch": (lambda x: 1 / np.sinh(x), 0.2, 4.0, True),
    "coth": (lambda x: 1 / np.tanh(x), 0.2, 4.0, True),
    "arcsech": (lambda x: np.arccosh(1 / x), 0.1, 0.95, False),
    "arccsch": (lambda x: np.arcsinh(1 / x), 0.2, 10.0, True),
    "arccoth": (lambda x: np.arctanh(1 / x), 1.1, 10.0, True),
}
# the derivatives, written independently of the implementation (via sin/cos/... directly)
RECIPROCAL_GRAD = {
    "sec": lambda x: np.sin(x) / np.cos(x) ** 2,
    "csc": lambda x: -np.cos(x) / np.sin(x) ** 2,
    "cot": lambda x: -1 / np.sin(x) ** 2,
    "arcsec": lambda x: 1 / (x**2 * np.sqrt(1 - 1 / x**2)),
    "arccsc": lambda x: -1 / (x**2 * np.sqrt(1 - 1 / x**2)),
    "arccot": lambda x: -1 / (1 + x**2),
    "sech": lambda x: -np.sinh(x) / np.cosh(x) ** 2,
    "csch": lambda x: -np.cosh(x) / np.sinh(x) ** 2,
    "coth": lambda x: -1 / np.sinh(x) ** 2,
    "arcsech": lambda x: -1 / (x**2 * np.sqrt(1 / x**2 - 1)),
    "arccsch": lambda x: -1 / (x**2 * np.sqrt(1 + 1 / x**2)),
    "arccoth": lambda x: -1 / (x**2 * (1 - 1 / x**2)),
}


def reciprocal_values(name: str, shape=SHAPES):
    _, lo, hi, signed = RECIPROCAL[name]
    mag = st.floats(lo, hi)
    return hnp.arrays(np.float64, shape, elements=(mag | mag.map(lambda v: -v)) if signed else mag)


def reciprocal_sample(name: str, rng: np.random.Generator, shape=(2, 3)) -> np.ndarray:
    _, lo, hi, signed = RECIPROCAL[name]
    x = rng.uniform(lo, hi, shape)
    return x * rng.choice([-1, 1], shape) if signed else x


@pytest.mark.parametrize("name", RECIPROCAL)
@given(data=st.data())
def test_reciprocal_forward_matches_reference(name, data):
    x = data.draw(reciprocal_values(name))
    before = x.copy()
    out = call(name, mg.tensor(x))
    np.testing.assert_allclose(out.data, RECIPROCAL[name][0](x), rtol=1e-13, atol=0)
    np.testing.assert_allclose(call(name, x).data, out.data, rtol=0, atol=0)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("name", RECIPROCAL)
@given(data=st.data())
def test_reciprocal_gradient(name, data):
    x = data.draw(reciprocal_values(name))
    assert gradcheck(getattr(mg, name), x)
    t = mg.tensor(x)
    call(name, t).sum().backward()
    np.testing.assert_allclose(t.grad, RECIPROCAL_GRAD[name](x), rtol=1e-11, atol=0)


@pytest.mark.parametrize("name", RECIPROCAL)
def test_reciprocal_second_derivative(name, rng):
    assert gradgradcheck(getattr(mg, name), reciprocal_sample(name, rng))


@pytest.mark.parametrize("name", RECIPROCAL)
def test_reciprocal_dtypes_and_constants(name, rng):
    x = reciprocal_sample(name, rng)
    t = mg.tensor(x.astype(np.float32))
    out = call(name, t)
    assert out.dtype == np.float32
    out.sum().backward()
    assert t.grad.dtype == np.float32
    (g,) = mg.grad(call(name, t).sum(), t, create_graph=True)
    assert g.dtype == np.float32
    ints = call(name, np.array([1, 1] if name == "arcsech" else [2, 3]))
    assert ints.dtype == np.float64 and ints.constant
    assert call(name, mg.tensor(x), constant=True).constant
    assert call(name, mg.tensor(x, constant=True)).constant


def test_arccot_follows_mygrads_branch_and_is_pi_over_2_at_zero():
    x = mg.tensor([-np.inf, -2.0, -0.0, 0.0, 2.0, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by zero at 0
        y = mg.arccot(x)
        y.sum().backward()
    np.testing.assert_allclose(y.data, [0.0, -np.arctan(0.5), np.pi / 2, np.pi / 2, np.arctan(0.5), 0.0])
    np.testing.assert_allclose(x.grad, [0.0, -0.2, -1.0, -1.0, -0.2, 0.0])


def test_sech_csch_do_not_overflow_for_large_inputs():
    # cosh and sinh overflow float32 above 89 (and float64 above 710): 1 / cosh would warn
    v = np.array([-1000.0, -100.0, -50.0, 50.0, 100.0, 1000.0])
    x = mg.tensor(v.astype(np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, c = mg.sech(x), mg.csch(x)
        (s + c).sum().backward()
    ref = 2 * np.exp(-np.abs(v))
    np.testing.assert_allclose(s.data, ref, rtol=1e-6, atol=1e-40)
    np.testing.assert_allclose(c.data, np.sign(v) * ref, rtol=1e-6, atol=1e-40)
    assert np.isfinite(x.grad).all()


def test_csch_coth_at_signed_zero_are_signed_infinities():
    x = np.array([-0.0, 0.0])
    with np.errstate(divide="ignore"):  # 1 / 0, NumPy's warning, as for 1 / sinh(0)
        np.testing.assert_array_equal(mg.csch(x).data, [-np.inf, np.inf])
        np.testing.assert_array_equal(mg.coth(x).data, [-np.inf, np.inf])
        np.testing.assert_array_equal(mg.arccsch(x).data, [-np.inf, np.inf])


def test_coth_gradient_keeps_its_digits_where_coth_rounds_to_one():
    # 1 - coth(x)**2 is 0 in float64 here; -1/sinh(x)**2 is ~ -1.7e-17
    t = mg.tensor(20.0)
    mg.coth(t).backward()
    np.testing.assert_allclose(t.grad, -1 / np.sinh(20.0) ** 2, rtol=1e-14)


@pytest.mark.parametrize("name, edge, sign", [("arcsec", 1.0, 1), ("arcsec", -1.0, 1), ("arccsc", 1.0, -1),
                                              ("arccsc", -1.0, -1), ("arcsech", 1.0, -1)])  # fmt: skip
def test_reciprocal_inverse_gradients_at_the_domain_edge(name, edge, sign):
    x = mg.tensor([edge])
    y = call(name, x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.backward()
    assert x.grad[0] == sign * np.inf


def test_reciprocal_functions_match_mygrad():
    mygrad = pytest.importorskip("mygrad")
    x = np.array([-5.0, -2.0, -1.5, -0.5, -0.1, 0.1, 0.5, 0.9, 1.5, 2.0, 5.0])
    for name in RECIPROCAL:
        if not hasattr(mygrad, name):  # MyGrad 2.5 has no arcsech
            continue
        with np.errstate(all="ignore"):
            theirs = mygrad.tensor(x)
            their_out = getattr(mygrad, name)(theirs)
            their_out.backward()
            ours = mg.tensor(x)
            out = call(name, ours)
            out.backward()
        np.testing.assert_allclose(out.data, their_out.data, rtol=1e-12, equal_nan=True, err_msg=name)
        np.testing.assert_allclose(ours.grad, theirs.grad, rtol=1e-12, equal_nan=True, err_msg=name)


@pytest.mark.parametrize("name", RECIPROCAL)
def test_reciprocal_non_numeric_input_raises_type_error(name):
    with pytest.raises(TypeError):
        call(name, "abc")
