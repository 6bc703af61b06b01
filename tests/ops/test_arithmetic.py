"""Tests for mygrad_like.ops.arithmetic: operators, piecewise functions, casts, comparisons."""

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
TRIPLES = hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=0, max_dims=3, max_side=3)


class Values:
    """Allowed input values: a hypothesis strategy for elements and a seeded NumPy sampler."""

    def __init__(self, strategy, sampler):
        self.strategy, self.sampler = strategy, sampler


def floats(lo: float, hi: float) -> Values:
    return Values(st.floats(lo, hi), lambda rng, shape: rng.uniform(lo, hi, shape))


def away_from_zero(lo: float, hi: float) -> Values:
    return Values(
        st.floats(lo, hi) | st.floats(-hi, -lo),
        lambda rng, shape: rng.uniform(lo, hi, shape) * rng.choice([-1.0, 1.0], shape),
    )


# maximum/minimum and clip: integers vs half-integers never tie
INTS = Values(st.integers(-5, 5).map(float), lambda rng, shape: rng.integers(-5, 6, shape) * 1.0)
HALVES = Values(
    st.integers(-5, 5).map(lambda k: k + 0.5), lambda rng, shape: rng.integers(-5, 6, shape) + 0.5
)
# mod/floor_divide: k/4 + 0.1 is at least 0.1 away from any multiple of the divisors
QUARTERS = Values(
    st.integers(-20, 20).map(lambda k: k / 4 + 0.1), lambda rng, shape: rng.integers(-20, 21, shape) / 4 + 0.1
)
DIVISORS = Values(st.sampled_from([-2.0, 1.0, 3.0]), lambda rng, shape: rng.choice([-2.0, 1.0, 3.0], shape))

# name -> (NumPy function, values of x1, values of x2, a scalar for x1, a scalar for x2):
# values stay away from the points where the function or its gradient jumps
BINARY = {
    "add": (np.add, floats(-5, 5), floats(-5, 5), 1.5, -2.0),
    "subtract": (np.subtract, floats(-5, 5), floats(-5, 5), 1.5, -2.0),
    "multiply": (np.multiply, floats(-5, 5), floats(-5, 5), 1.5, -2.0),
    "divide": (np.divide, floats(-5, 5), away_from_zero(0.5, 5), 1.5, -2.0),
    "power": (np.power, floats(0.5, 3), floats(-2, 2), 2.0, 3),
    "maximum": (np.maximum, INTS, HALVES, 0.25, 0.25),
    "minimum": (np.minimum, INTS, HALVES, 0.25, 0.25),
    "mod": (np.mod, QUARTERS, DIVISORS, 2.6, 3.0),
    "floor_divide": (np.floor_divide, QUARTERS, DIVISORS, 2.6, 3.0),
}
UNARY = {
    "negative": (np.negative, floats(-5, 5)),
    "positive": (np.positive, floats(-5, 5)),
    "absolute": (np.absolute, away_from_zero(0.1, 5)),
    "reciprocal": (np.reciprocal, away_from_zero(0.2, 5)),
    "square": (np.square, floats(-5, 5)),
    "sqrt": (np.sqrt, floats(0.1, 10)),
    "cbrt": (np.cbrt, away_from_zero(0.1, 10)),
    "sign": (np.sign, away_from_zero(0.1, 5)),
}
ALL = {**BINARY, **UNARY}
COMPARISONS = ["less", "less_equal", "greater", "greater_equal", "equal", "not_equal"]


def arrays(values, shape=SHAPES):
    elements = values.strategy if isinstance(values, Values) else values
    return hnp.arrays(np.float64, shape, elements=elements)


def call(name: str, *args, **kwargs):
    return getattr(mg, name)(*args, **kwargs)


def draw_pair(data, name: str) -> tuple:
    _, v1, v2, _, _ = BINARY[name]
    s1, s2 = data.draw(PAIRS).input_shapes
    return data.draw(arrays(v1, s1)), data.draw(arrays(v2, s2))


def sample(name: str, shape=(2, 3)) -> list:
    """Fixed inputs for ``name``, one array per argument."""
    rng = np.random.default_rng(sorted(ALL).index(name))
    values = BINARY[name][1:3] if name in BINARY else UNARY[name][1:2]
    return [v.sampler(rng, shape) for v in values]


# ------------------------------------------------------------------------------ forward
@pytest.mark.parametrize("name", BINARY)
@given(data=st.data())
def test_binary_forward_matches_numpy_with_broadcasting(name, data):
    npf = BINARY[name][0]
    x1, x2 = draw_pair(data, name)
    before = x1.copy(), x2.copy()
    expected = npf(x1, x2)
    for args in ((mg.tensor(x1), x2), (x1, mg.tensor(x2)), (mg.tensor(x1), mg.tensor(x2))):
        out = call(name, *args)
        assert isinstance(out, mg.Tensor)
        np.testing.assert_array_equal(out.data, expected)
    np.testing.assert_array_equal(x1, before[0])
    np.testing.assert_array_equal(x2, before[1])


@pytest.mark.parametrize("name", UNARY)
@given(data=st.data())
def test_unary_forward_matches_numpy(name, data):
    npf, elements = UNARY[name]
    x = data.draw(arrays(elements))
    np.testing.assert_array_equal(call(name, mg.tensor(x)).data, npf(x))


@pytest.mark.parametrize("name", BINARY)
def test_binary_forward_with_a_scalar_on_either_side(name):
    npf, _, _, s1, s2 = BINARY[name]
    x1, x2 = sample(name)
    np.testing.assert_array_equal(call(name, mg.tensor(x1), s2).data, npf(x1, s2))
    np.testing.assert_array_equal(call(name, s1, mg.tensor(x2)).data, npf(s1, x2))


@pytest.mark.parametrize("name", ALL)
def test_integer_inputs_follow_numpy_and_are_constant(name):
    npf = ALL[name][0]
    args = [np.array([1, 2, 3])] * (2 if name in BINARY else 1)
    out = call(name, *[mg.tensor(a) for a in args])
    expected = npf(*args)
    np.testing.assert_array_equal(out.data, expected)
    assert out.dtype == expected.dtype and out.constant


def test_aliases_are_the_same_functions():
    assert mg.true_divide is mg.divide
    assert mg.remainder is mg.mod
    assert mg.abs is mg.absolute


# ------------------------------------------------------------------------------ gradients
@pytest.mark.parametrize("name", BINARY)
@given(data=st.data())
def test_binary_gradient_with_broadcasting(name, data):
    assert gradcheck(getattr(mg, name), *draw_pair(data, name))


@pytest.mark.parametrize("name", UNARY)
@given(data=st.data())
def test_unary_gradient(name, data):
    assert gradcheck(getattr(mg, name), data.draw(arrays(UNARY[name][1])))


@pytest.mark.parametrize("name", BINARY)
def test_binary_gradient_with_a_scalar_on_either_side(name):
    _, _, _, s1, s2 = BINARY[name]
    x1, x2 = sample(name)
    f = getattr(mg, name)
    assert gradcheck(lambda t: f(t, s2), x1)
    assert gradcheck(lambda t: f(s1, t), x2)


@pytest.mark.parametrize("name", ALL)
def test_second_derivative_every_function(name):
    assert gradgradcheck(getattr(mg, name), *sample(name))


@pytest.mark.parametrize("name", ["power", "divide", "maximum", "multiply"])
@given(data=st.data())
def test_second_derivative_drawn(name, data):
    assert gradgradcheck(getattr(mg, name), *draw_pair(data, name))


def test_maximum_minimum_split_ties_evenly():
    x, y = mg.tensor([1.0, 2.0, 3.0]), mg.tensor([2.0, 2.0, 2.0])
    mg.maximum(x, y).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(y.grad, [1.0, 0.5, 0.0])
    x, y = mg.tensor([1.0, 2.0, 3.0]), mg.tensor([2.0, 2.0, 2.0])
    mg.minimum(x, y).sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 0.5, 0.0])
    np.testing.assert_array_equal(y.grad, [0.0, 0.5, 1.0])


def test_absolute_and_sign_at_zero():
    x = mg.tensor([-1.0, 0.0, 2.0])
    mg.absolute(x).sum().backward()
    np.testing.assert_array_equal(x.grad, [-1.0, 0.0, 1.0])
    x = mg.tensor([-1.0, 0.0, 2.0])
    mg.sign(x).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.0])


# ------------------------------------------------------------------------------ power edge cases
@given(
    base=arrays(away_from_zero(0.5, 3), hnp.array_shapes(max_dims=2, max_side=3)),
    exponent=st.sampled_from([-2, -1, 1, 2, 3]),
)
def test_power_negative_base_integer_exponent(base, exponent):
    out = mg.power(base, exponent)
    np.testing.assert_array_equal(out.data, np.power(base, exponent))
    assert gradcheck(lambda t: mg.power(t, exponent), base)
    assert gradgradcheck(lambda t: t**exponent, base)


def test_power_zero_to_the_zero_has_zero_gradient_without_warnings():
    x = mg.tensor([0.0, 0.0, 2.0])
    b = mg.tensor([0.0, 2.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = mg.power(x, b)
        np.testing.assert_array_equal(out.data, [1.0, 0.0, 1.0])
        out.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.0])
    np.testing.assert_allclose(b.grad, [0.0, 0.0, np.log(2.0)])
    # the same through a Python-int exponent, and the second derivative of x ** 0
    x = mg.tensor([0.0, 1.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (x**0).sum().backward()
        assert gradgradcheck(lambda t: t**0, np.array([0.0, 1.5]))
    np.testing.assert_array_equal(x.grad, [0.0, 0.0])


def test_power_gradient_in_the_exponent_where_the_base_is_not_positive():
    b = mg.tensor([2.0, 3.0])
    out = mg.power(np.array([0.0, -2.0]), b)
    out.sum().backward()
    np.testing.assert_array_equal(b.grad, [0.0, 0.0])  # documented: log(base) taken as 0
    # and a positive base: d(a**b)/db = a**b log a
    assert gradgradcheck(lambda e: mg.power(np.array([0.5, 2.0]), e), np.array([1.5, -0.5]))


def test_power_infinite_gradient_at_zero_has_no_backward_warning():
    x = mg.tensor([0.0, 4.0])
    y = x**0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.sum().backward()
    np.testing.assert_array_equal(x.grad, [np.inf, 0.25])


def test_division_by_zero_warns_once_in_the_forward_only():
    x, y = mg.tensor([1.0, 0.0]), mg.tensor([0.0, 0.0])
    with pytest.warns(RuntimeWarning):  # NumPy's own forward warnings
        out = x / y
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out.backward(np.ones(2))
    assert np.isinf(x.grad[0]) and np.isnan(y.grad[1])


@pytest.mark.parametrize("name", ["sqrt", "cbrt", "reciprocal"])
def test_infinite_unary_gradient_at_zero_has_no_backward_warning(name):
    x = mg.tensor([0.0])
    with np.errstate(divide="ignore"):  # reciprocal(0) warns in NumPy's forward
        y = call(name, x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y.backward()
    assert np.isinf(x.grad).all()


# ------------------------------------------------------------------------------ clip, where, astype
@given(data=st.data())
def test_clip_matches_numpy_and_is_differentiable_in_all_arguments(data):
    sa, slo, shi = data.draw(TRIPLES).input_shapes
    # three interleaved grids: a, lo and hi never tie (ties are kinks)
    a = data.draw(arrays(HALVES, sa))
    lo = data.draw(arrays(INTS, slo))
    hi = data.draw(arrays(st.integers(-5, 5).map(lambda k: k + 0.25), shi))  # lo > hi happens
    np.testing.assert_array_equal(mg.clip(a, lo, hi).data, np.clip(a, lo, hi))
    np.testing.assert_array_equal(mg.clip(a, lo, None).data, np.clip(a, lo, None))
    np.testing.assert_array_equal(mg.clip(a, None, hi).data, np.clip(a, None, hi))
    assert gradcheck(mg.clip, a, lo, hi)
    assert gradcheck(lambda t, b: mg.clip(t, b, None), a, lo)
    assert gradcheck(lambda t, b: mg.clip(t, None, b), a, hi)


def test_clip_gradient_routing():
    x = mg.tensor([-2.0, -1.0, 0.5, 1.0, 2.0])
    lo, hi = mg.tensor(-1.0), mg.tensor(1.0)
    y = mg.clip(x, lo, hi)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 1.0, 1.0, 1.0, 0.0])  # ties go to x
    assert lo.grad == 1.0 and hi.grad == 1.0
    # crossed bounds: NumPy returns a_max everywhere, so a_max gets every gradient
    x, lo, hi = mg.tensor([0.0, 1.5, 3.0]), mg.tensor(2.0), mg.tensor(1.0)
    mg.clip(x, lo, hi).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.0])
    assert lo.grad == 0.0 and hi.grad == 3.0
    # no bounds: a copy, gradient 1; the method form
    x = mg.tensor([1.0, 2.0])
    mg.clip(x, None, None).sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])
    np.testing.assert_array_equal(x.clip(0, 1.5).data, [1.0, 1.5])
    assert mg.clip(mg.tensor([1.0], dtype="float32"), 0, 1).dtype == np.float32


@given(data=st.data())
def test_where_matches_numpy_and_routes_gradients(data):
    sc, sx, sy = data.draw(TRIPLES).input_shapes
    cond = data.draw(hnp.arrays(bool, sc))
    x, y = data.draw(arrays(st.floats(-5, 5), sx)), data.draw(arrays(st.floats(-5, 5), sy))
    np.testing.assert_array_equal(mg.where(cond, x, y).data, np.where(cond, x, y))
    np.testing.assert_array_equal(mg.where(mg.tensor(cond), x, 0.0).data, np.where(cond, x, 0.0))
    assert gradcheck(lambda a, b: mg.where(cond, a, b), x, y)


def test_where_details():
    x = mg.tensor([1.0, -2.0, 3.0])
    np.testing.assert_array_equal(mg.where(x > 0)[0], [0, 2])
    np.testing.assert_array_equal(np.where(x > 0, x, 0).data, [1.0, 0.0, 3.0])  # dispatch
    assert gradgradcheck(lambda t: mg.where(np.array([True, False]), t * t, -t), np.array([1.5, 2.0]))
    with pytest.raises(ValueError, match="either condition alone"):
        mg.where(x > 0, x)
    with pytest.raises(TypeError, match="condition"):
        mg.where(["a", "b", "c"], x, x)


def test_astype():
    x = mg.tensor([1.0, 2.5])
    y = mg.astype(x, "float32")
    assert y.dtype == np.float32 and not y.constant
    (2 * y).sum().backward()
    assert x.grad.dtype == np.float64
    np.testing.assert_array_equal(x.grad, [2.0, 2.0])
    z = x.astype(int)
    assert z.dtype.kind == "i" and z.constant
    assert gradgradcheck(lambda t: mg.astype(t * t, np.float64), np.array([1.0, -2.0]))
    with pytest.raises(TypeError, match="dtype"):
        mg.astype(x, "not a dtype")
    with pytest.raises(TypeError, match="dtype"):
        mg.astype(x, str)


# ------------------------------------------------------------------------------ comparisons
@pytest.mark.parametrize("name", COMPARISONS)
@given(data=st.data())
def test_comparisons_match_numpy_and_are_constant_bool_tensors(name, data):
    s1, s2 = data.draw(PAIRS).input_shapes
    a = data.draw(arrays(st.integers(-2, 2).map(float), s1))  # small integers: many ties
    b = data.draw(arrays(st.integers(-2, 2).map(float), s2))
    expected = getattr(np, name)(a, b)
    for args in ((mg.tensor(a), b), (a, mg.tensor(b)), (mg.tensor(a), mg.tensor(b))):
        out = call(name, *args)
        assert isinstance(out, mg.Tensor)
        assert out.dtype == bool and out.constant and out.creator is None
        np.testing.assert_array_equal(out.data, expected)


def test_comparison_operators_scalars_and_errors():
    t = mg.tensor([1.0, 2.0, 3.0])
    np.testing.assert_array_equal((t < 2).data, [True, False, False])
    np.testing.assert_array_equal((2 < t).data, [False, False, True])
    np.testing.assert_array_equal((t >= 2.0).data, [False, True, True])
    np.testing.assert_array_equal((t == 2).data, [False, True, False])
    np.testing.assert_array_equal(mg.less_equal(2, t).data, [False, True, True])
    np.testing.assert_array_equal(mg.not_equal([1.0, 5.0, 3.0], t).data, [False, True, False])
    assert isinstance(np.less(t, 2), mg.Tensor)
    # like ndarray ==, a non-numeric operand is unequal to everything
    np.testing.assert_array_equal((t == None).data, [False] * 3)  # noqa: E711
    np.testing.assert_array_equal((t != "a").data, [True] * 3)
    with pytest.raises(TypeError, match="x2"):
        mg.less(t, "a")
    with pytest.raises(TypeError, match="x1"):
        mg.greater(["a"], t)


# ------------------------------------------------------------------------------ dtypes, constants
@pytest.mark.parametrize("name", ALL)
def test_float32_stays_float32(name):
    ts = [mg.tensor(a.astype(np.float32)) for a in sample(name)]
    out = call(name, *ts)
    assert out.dtype == np.float32
    out.sum().backward()
    assert all(t.grad.dtype == np.float32 for t in ts)
    grads = mg.grad(call(name, *ts).sum(), ts, create_graph=True)
    assert all(g.dtype == np.float32 for g in grads)
    if name in BINARY:
        _, _, _, s1, s2 = BINARY[name]
        assert call(name, ts[0], s2).dtype == np.float32
        assert call(name, s1, ts[1]).dtype == np.float32


@pytest.mark.parametrize("name", ALL)
def test_constant_handling(name):
    args = sample(name)
    assert not call(name, *[mg.tensor(a) for a in args]).constant
    forced = call(name, *[mg.tensor(a) for a in args], constant=True)
    assert forced.constant and forced.creator is None
    consts = [mg.tensor(a, constant=True) for a in args]
    assert call(name, *consts).constant
    leaf = call(name, *consts, constant=False)
    assert not leaf.constant and leaf.creator is None
    if name in BINARY:
        v, c = mg.tensor(args[0]), mg.tensor(args[1], constant=True)
        call(name, v, c).sum().backward()
        assert v.grad is not None and c.grad is None
        v, c = mg.tensor(args[1]), mg.tensor(args[0], constant=True)
        call(name, c, v).sum().backward()
        assert v.grad is not None and c.grad is None


@pytest.mark.parametrize("name", ALL)
def test_numpy_ufunc_dispatch(name):
    args = sample(name)
    ts = [mg.tensor(a) for a in args]
    out = getattr(np, name)(*ts)
    assert isinstance(out, mg.Tensor)
    np.testing.assert_array_equal(out.data, getattr(np, name)(*args))
    out.sum().backward()
    refs = [mg.tensor(a) for a in args]
    call(name, *refs).sum().backward()
    for t, r in zip(ts, refs):
        np.testing.assert_array_equal(t.grad, r.grad)


@pytest.mark.parametrize("name", [*ALL, "clip", "astype"])
@pytest.mark.parametrize("bad", ["abc", None, [1.0, "a"]])
def test_non_numeric_input_raises_type_error(name, bad):
    extra = {"clip": [0.0, 1.0], "astype": ["float32"]}.get(name, [1.0] * (name in BINARY))
    with pytest.raises(TypeError):
        call(name, bad, *extra)
    if name in BINARY or (name == "clip" and bad is not None):  # None: no bound
        with pytest.raises(TypeError):
            call(name, 1.0, bad)


# ------------------------------------------------------------------------------ ufunc keywords
# every elementwise function with NumPy's ufunc keywords (the `elementwise` decorator), with
# the range its inputs are drawn from: (lo, hi), or (lo, hi, True) for lo <= |x| <= hi
def _rng_values(lo: float, hi: float, signed: bool = False) -> Values:
    return away_from_zero(lo, hi) if signed else floats(lo, hi)


_KEYWORD_RANGES = {
    **{name: [v for v in entry[1:3]] for name, entry in BINARY.items()},
    **{name: [entry[1]] for name, entry in UNARY.items()},
    **{name: [floats(-3, 3)] for name in ["exp", "exp2", "expm1", "sin", "cos", "arctan", "sinh"]},
    **{name: [floats(-3, 3)] for name in ["cosh", "tanh", "arcsinh", "sech", "arccot"]},
    **{name: [floats(0.2, 10)] for name in ["log", "log2", "log10", "log1p"]},
    **{name: [floats(-5, 5), floats(-5, 5)] for name in ["logaddexp", "logaddexp2"]},
    "tan": [floats(-1.3, 1.3)],
    "sec": [floats(-1.3, 1.3)],
    "arcsin": [floats(-0.9, 0.9)],
    "arccos": [floats(-0.9, 0.9)],
    "arctanh": [floats(-0.9, 0.9)],
    "arccosh": [floats(1.1, 10)],
    "arcsech": [floats(0.1, 0.9)],
    "arctan2": [away_from_zero(0.2, 5), away_from_zero(0.2, 5)],
    **{name: [away_from_zero(0.2, 1.5)] for name in ["csc", "cot", "csch", "coth", "arccsch"]},
    **{name: [away_from_zero(1.1, 10)] for name in ["arcsec", "arccsc", "arccoth"]},
}
KEYWORD_FUNCTIONS = sorted(_KEYWORD_RANGES)


def keyword_sample(name: str, shape=(2, 3)) -> list:
    rng = np.random.default_rng(KEYWORD_FUNCTIONS.index(name))
    return [v.sampler(rng, shape) for v in _KEYWORD_RANGES[name]]


def test_every_elementwise_function_takes_the_ufunc_keywords():
    import inspect

    from mygrad_like.ops import arithmetic, explog, trig

    wrapped = sorted(
        name
        for mod in (arithmetic, explog, trig)
        for name in mod.__all__
        if "where" in inspect.signature(getattr(mod, name)).parameters
    )
    assert set(KEYWORD_FUNCTIONS) <= set(wrapped)
    assert set(wrapped) - set(KEYWORD_FUNCTIONS) <= {"abs", "true_divide", "remainder"}  # aliases
    for name in wrapped:
        f = getattr(mg, name)
        params = inspect.signature(f).parameters
        extra = ["nan_to_num"] if name in ("absolute", "abs") else []  # MyGrad's option of absolute
        assert [p for p in params if params[p].kind is inspect.Parameter.KEYWORD_ONLY] == [
            "out",
            "where",
            "dtype",
            "constant",
            *extra,
        ]
        assert f.__doc__.count("    where : array_like of bool") == 1, name
        assert f.__module__ in (
            "mygrad_like.ops.arithmetic",
            "mygrad_like.ops.explog",
            "mygrad_like.ops.trig",
        )
    for name in ["sinc", "clip", "where", "astype", "less", "add_sequence"]:  # not ufuncs
        assert "where" not in inspect.signature(getattr(mg, name)).parameters or name == "where"


@pytest.mark.parametrize("name", KEYWORD_FUNCTIONS)
def test_where_computes_only_where_the_mask_holds(name):
    args = keyword_sample(name)
    mask = np.array([[True, False, True], [False, False, True]])
    ts = [mg.tensor(a) for a in args]
    out = call(name, *ts, where=mask)
    full = call(name, *args).data
    np.testing.assert_array_equal(out.data, np.where(mask, full, 0.0))
    npf = getattr(np, name, None)
    if isinstance(npf, np.ufunc):  # NumPy's own result where the mask holds
        np.testing.assert_array_equal(out.data, npf(*args, where=mask, out=np.zeros(mask.shape)))
    out.backward()
    for t in ts:
        np.testing.assert_array_equal(t.grad[~mask], 0.0)
    if name not in ("sign", "floor_divide"):  # piecewise constant: zero gradient anyway
        assert (sum(np.abs(t.grad) for t in ts)[mask] != 0).all()
    assert gradcheck(lambda *xs: call(name, *xs, where=mask), *args)


@pytest.mark.parametrize("name", ["log", "sqrt", "arccosh", "reciprocal", "arcsin"])
def test_where_never_touches_masked_out_values(name):
    # out-of-domain values (NaN, inf, or an infinite derivative) behind the mask: no
    # warning, and exactly 0 in the result and its gradient (MyGrad gives NaN there)
    good = 0.5 if name == "arcsin" else 4.0
    x = mg.tensor([-2.0, 0.0, 1.0, good, np.nan])
    mask = np.array([False, False, False, True, False])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = call(name, x, where=mask)
        (g,) = mg.grad(y.sum(), x, create_graph=True)
        (h,) = mg.grad(g.sum(), x)
    ref = mg.tensor([good])
    (rg,) = mg.grad(call(name, ref).sum(), ref)
    np.testing.assert_array_equal(y.data, [0.0, 0.0, 0.0, call(name, good).item(), 0.0])
    np.testing.assert_array_equal(g.data, [0.0, 0.0, 0.0, rg.item(), 0.0])
    assert np.isfinite(h.data).all() and (h.data[~mask] == 0).all()


@given(data=st.data())
def test_where_broadcasts_with_the_inputs(data):
    s1, s2, sm = data.draw(TRIPLES).input_shapes
    x1 = data.draw(arrays(floats(-3, 3), s1))
    x2 = data.draw(arrays(floats(-3, 3), s2))
    mask = data.draw(hnp.arrays(bool, sm))
    out = mg.multiply(mg.tensor(x1), x2, where=mask)
    shape = np.broadcast_shapes(s1, s2, sm)
    expected = np.multiply(x1, x2, where=mask, out=np.zeros(shape))
    np.testing.assert_array_equal(out.data, expected)
    assert gradcheck(lambda a, b: mg.multiply(a, b, where=mask), x1, x2)


def test_where_second_derivative_and_mask_kinds():
    x = np.array([[0.3, -1.2, 2.0], [0.5, 1.5, -0.7]])
    mask = [[True, False, True], [False, True, True]]  # a list works, as in NumPy
    assert gradgradcheck(lambda t: mg.exp(t, where=mask), x)
    assert gradgradcheck(lambda a, b: mg.power(a, b, where=mask), np.abs(x) + 0.5, x)
    as_tensor = mg.exp(x, where=mg.tensor(mask))  # a (constant) tensor mask: its values
    np.testing.assert_array_equal(as_tensor.data, mg.exp(x, where=np.array(mask)).data)
    np.testing.assert_array_equal(mg.exp(x, where=np.True_).data, np.exp(x))
    none = mg.exp(mg.tensor(x), where=False)
    np.testing.assert_array_equal(none.data, np.zeros_like(x))
    assert mg.add(1.0, 2.0, where=[True, False]).data.tolist() == [3.0, 0.0]
    f32 = mg.tensor([1.0, 2.0], dtype="float32")
    assert mg.multiply(f32, 2.5, where=[True, False]).dtype == np.float32


def test_where_keeps_the_mask_it_was_given():
    mask = np.array([True, False, True])
    x = mg.tensor([1.0, 2.0, 3.0])
    y = mg.square(x, where=mask)
    mask[:] = False  # the caller reuses their array: the saved mask must not change
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, 0.0, 6.0])


def test_where_constant_handling():
    x = mg.tensor([1.0, 2.0])
    assert mg.exp(x, where=[True, False], constant=True).constant
    assert mg.exp(mg.tensor([1.0, 2.0], constant=True), where=[True, False]).constant
    assert not mg.exp(x, where=[True, False]).constant
    assert mg.add(np.array([1, 2]), 1, where=[True, False]).constant  # integer result


def test_where_errors():
    x = mg.tensor([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="where must be a boolean mask"):
        mg.exp(x, where=[1, 0, 1])
    with pytest.raises(TypeError, match="where must be a boolean mask"):
        mg.exp(x, where=["a", "b", "c"])
    with pytest.raises(ValueError, match=r"where of shape \(2,\) does not broadcast"):
        mg.add(x, 1.0, where=[True, False])


@pytest.mark.parametrize("name", KEYWORD_FUNCTIONS)
def test_dtype_computes_in_that_dtype_like_numpy(name):
    args = keyword_sample(name)
    ts = [mg.tensor(a) for a in args]
    out = call(name, *ts, dtype="float32")
    assert out.dtype == np.float32
    ref = call(name, *[a.astype(np.float32) for a in args])
    np.testing.assert_array_equal(out.data, ref.data)
    npf = getattr(np, name, None)
    if isinstance(npf, np.ufunc):
        np.testing.assert_array_equal(out.data, npf(*args, dtype=np.float32))
    out.sum().backward()  # differentiable, gradients in each input's own dtype
    refs = [mg.tensor(a.astype(np.float32)) for a in args]
    call(name, *refs).sum().backward()
    for t, r in zip(ts, refs):
        assert t.grad.dtype == np.float64
        np.testing.assert_array_equal(t.grad, r.grad.astype(np.float64))


def test_dtype_is_the_computation_dtype_not_a_cast_of_the_result():
    big = mg.tensor(np.array([1e8], dtype=np.float32))
    one = np.float32(1.0)
    assert mg.add(big, one).item() == 1e8  # float32 cannot hold 1e8 + 1
    assert mg.add(big, one, dtype="float64").item() == 1e8 + 1  # NumPy's answer
    assert np.add(big.data, one, dtype=np.float64).item() == 1e8 + 1
    assert gradgradcheck(lambda t: mg.sin(t, dtype=np.float64), np.array([0.5, 1.5]))


def test_dtype_with_integer_inputs_and_errors():
    ints = np.array([1, 2, 3])
    out = mg.sqrt(ints, dtype="float32")
    assert out.dtype == np.float32 and out.constant
    np.testing.assert_array_equal(out.data, np.sqrt(ints, dtype=np.float32))
    assert mg.add(ints, 1, dtype="int8").dtype == np.int8
    assert mg.add(1, 2, dtype="float32").dtype == np.float32
    with pytest.raises(TypeError, match="cannot cast x1 from float64 to dtype"):
        mg.add(mg.tensor([1.5]), 1, dtype=int)
    with pytest.raises(TypeError):  # NumPy refuses the same cast
        np.add(np.array([1.5]), 1, dtype=int)
    with pytest.raises(TypeError, match="exp has no int64 version"):
        mg.exp(ints, dtype="int64")
    with pytest.raises(TypeError):  # NumPy has no integer exp either
        np.exp(ints, dtype="int64")
    with pytest.raises(TypeError, match="dtype must be"):
        mg.exp(ints, dtype="U4")


def test_dtype_and_where_together():
    x = mg.tensor([1.0, 4.0, 9.0])
    y = mg.sqrt(x, where=[True, False, True], dtype="float32")
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y.data, [1.0, 0.0, 3.0])
    y.sum().backward()
    np.testing.assert_allclose(x.grad, [0.5, 0.0, 1 / 6], rtol=1e-6)


def test_out_writes_into_a_tensor_or_array():
    x = mg.tensor([1.0, 2.0])
    np.testing.assert_array_equal(mg.exp(x, out=None).data, np.exp([1.0, 2.0]))
    arr = np.zeros(2)
    mg.exp(x, out=arr)
    np.testing.assert_allclose(arr, np.exp([1.0, 2.0]))
    t = mg.tensor([5.0, 6.0])
    y = t * 1  # saw t before the write
    assert mg.multiply(x, x, out=t) is t
    np.testing.assert_array_equal(t.data, [1.0, 4.0])
    (t.sum() + y.sum()).backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    with pytest.raises(ValueError, match="shape"):
        mg.add(x, 1.0, out=mg.zeros(3))
    with pytest.raises(TypeError):
        mg.add(x, 1.0, out=[0.0, 0.0])
    w = mg.tensor([1.0, 1.0])
    mg.add(x, 10.0, out=w, where=np.array([True, False]))  # masked-out entries keep out's values
    np.testing.assert_array_equal(w.data, [11.0, 1.0])


def test_ufunc_keywords_through_numpy_dispatch():
    x = mg.tensor([1.0, -1.0, 4.0])
    y = np.sqrt(x, where=np.array([True, False, True]))
    assert isinstance(y, mg.Tensor)
    np.testing.assert_array_equal(y.data, [1.0, 0.0, 2.0])
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.5, 0.0, 0.25])
    z = np.add(x, 1, dtype=np.float32)
    assert isinstance(z, mg.Tensor) and z.dtype == np.float32 and not z.constant


# ------------------------------------------------------------------------------ add_sequence, multiply_sequence
@pytest.mark.parametrize("name, npf", [("add_sequence", np.add), ("multiply_sequence", np.multiply)])
@given(data=st.data())
def test_sequences_match_numpy_and_are_differentiable(name, npf, data):
    shapes = data.draw(TRIPLES).input_shapes
    xs = [data.draw(arrays(floats(-3, 3), s)) for s in shapes]
    befores = [x.copy() for x in xs]
    out = call(name, *[mg.tensor(x) for x in xs])
    np.testing.assert_array_equal(out.data, npf(npf(xs[0], xs[1]), xs[2]))
    assert gradcheck(getattr(mg, name), *xs)
    for x, b in zip(xs, befores):
        np.testing.assert_array_equal(x, b)


def test_sequences_second_derivative_scalars_and_constants():
    a, b, c = np.array([0.5, -1.5]), np.array([[2.0], [0.3]]), np.array(1.7)
    assert gradgradcheck(mg.add_sequence, a, b, c)
    assert gradgradcheck(mg.multiply_sequence, a, b, c)
    assert gradgradcheck(lambda x, y: mg.multiply_sequence(x, 2.0, y, x), a, c)
    x = mg.tensor([1.0, 0.0, 2.0])
    y = mg.tensor([0.0, 3.0, 1.0])
    mg.multiply_sequence(x, y, 2.0).sum().backward()  # exact at zeros (no division)
    np.testing.assert_array_equal(x.grad, [0.0, 6.0, 2.0])
    np.testing.assert_array_equal(y.grad, [2.0, 0.0, 4.0])
    assert mg.add_sequence(x, y, constant=True).constant
    assert mg.add_sequence([1, 2], [3, 4]).constant
    v, k = mg.tensor([1.0]), mg.tensor([2.0], constant=True)
    mg.multiply_sequence(v, k, v).backward()
    assert k.grad is None and v.grad.tolist() == [4.0]
    assert mg.multiply_sequence(mg.tensor([1.0], dtype="float32"), 2.5).dtype == np.float32


@pytest.mark.parametrize("name", ["add_sequence", "multiply_sequence"])
def test_sequences_errors(name):
    with pytest.raises(ValueError, match=f"{name} needs at least two inputs; got 1"):
        call(name, mg.tensor([1.0]))
    with pytest.raises(ValueError, match="got 0"):
        call(name)
    with pytest.raises(TypeError, match=r"variables\[1\]"):
        call(name, 1.0, "a")
