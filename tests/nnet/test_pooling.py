"""max_pool and avg_pool: forward and gradient vs the explicit-loop reference, gradcheck /
gradgradcheck (away from ties), the tie rule, MyGrad's documented numbers, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import avg_pool, max_pool
from mygrad_like.nnet.layers import max_pool as layers_max_pool
from mygrad_like.testing import gradcheck, gradgradcheck

from . import reference as ref

LIMITS = {1: (7, 4), 2: (5, 3), 3: (4, 2)}


@st.composite
def pool_cases(draw):
    d = draw(st.integers(1, 3))
    xmax, kmax = LIMITS[d]
    lead = tuple(draw(st.lists(st.integers(1, 2), max_size=2)))
    pool = tuple(draw(st.integers(1, kmax)) for _ in range(d))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(d))
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(d))
    form = draw(st.sampled_from(["int", "axes", "pairs", "valid", "same", "full"]))
    if form in ("valid", "same", "full"):
        padding = form
    elif form == "int":
        padding = draw(st.integers(0, 1))
    elif form == "axes":
        padding = tuple(draw(st.integers(0, 1)) for _ in range(d))
    else:
        padding = tuple((draw(st.integers(0, 2)), draw(st.integers(0, 2))) for _ in range(d))
    in_shape = tuple(draw(st.integers(1, xmax)) for _ in range(d))
    pairs = ref.padding_pairs(padding, in_shape, pool, stride, dilation)
    # the window must fit the padded input, and every window must hold an input element
    for x, k, s, dl, (lo, hi) in zip(in_shape, pool, stride, dilation, pairs):
        padded = x + lo + hi
        assume(padded >= dl * (k - 1) + 1)
        for g in range(ref.grid_size(padded, k, s, dl)):
            assume(any(lo <= g * s + j * dl < lo + x for j in range(k)))
    return dict(
        lead=lead,
        pool=pool,
        stride=stride,
        dilation=dilation,
        padding=padding,
        pairs=pairs,
        in_shape=in_shape,
        seed=draw(st.integers(0, 2**16)),
    )


def _distinct(shape, seed):
    """Values without ties (a permutation), so the max is unique in every window."""
    rng = np.random.default_rng(seed)
    return rng.permutation(int(np.prod(shape))).reshape(shape) / 7.0 - 3.0


@given(case=pool_cases(), ties=st.booleans())
def test_max_pool_matches_loop_reference(case, ties):
    shape = case["lead"] + case["in_shape"]
    x = _distinct(shape, case["seed"])
    if ties:  # many equal values: checks the first-maximum rule
        x = np.round(x / 2)
    xt = mg.tensor(x)
    y = max_pool(xt, case["pool"], case["stride"], case["padding"], case["dilation"])
    dy = np.random.default_rng(case["seed"]).normal(size=y.shape)
    expected, dx = ref.max_pool_ref(x, case["pool"], case["stride"], case["pairs"], case["dilation"], dy=dy)
    assert y.shape == expected.shape
    np.testing.assert_array_equal(y.data, expected)
    y.backward(dy)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-12, atol=1e-12)


@given(case=pool_cases(), count_include_pad=st.booleans())
def test_avg_pool_matches_loop_reference(case, count_include_pad):
    shape = case["lead"] + case["in_shape"]
    x = np.random.default_rng(case["seed"]).normal(size=shape)
    xt = mg.tensor(x)
    y = avg_pool(
        xt, case["pool"], case["stride"], case["padding"], count_include_pad, dilation=case["dilation"]
    )
    dy = np.random.default_rng(case["seed"] + 1).normal(size=y.shape)
    expected, dx = ref.avg_pool_ref(
        x, case["pool"], case["stride"], case["pairs"], case["dilation"], count_include_pad, dy=dy
    )
    assert y.shape == expected.shape
    np.testing.assert_allclose(y.data, expected, rtol=1e-12, atol=1e-12)
    y.backward(dy)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-12, atol=1e-12)


POOL_CASES = [
    # (x shape, pool, stride, padding, dilation)
    ((2, 6), (2,), 2, 0, 1),
    ((1, 5, 5), (3, 2), (1, 2), ((1, 0), (0, 1)), 1),  # overlapping windows
    ((2, 4, 5), (2, 2), 1, "same", (2, 1)),
    ((3, 3, 4), (2, 2, 2), (1, 2, 1), 1, 1),
]


@pytest.mark.parametrize("shape, pool, stride, padding, dilation", POOL_CASES)
def test_max_pool_gradcheck_and_gradgradcheck(shape, pool, stride, padding, dilation):
    x = _distinct(shape, 0)

    def f(x):
        return max_pool(x, pool, stride, padding, dilation)

    def g(x):  # a nonlinear use: the second derivative goes through the gather op
        y = max_pool(x, pool, stride, padding, dilation)
        return y * y

    assert gradcheck(f, x)
    assert gradgradcheck(f, x)
    assert gradgradcheck(g, x)


@pytest.mark.parametrize("shape, pool, stride, padding, dilation", POOL_CASES)
@pytest.mark.parametrize("count_include_pad", [True, False])
def test_avg_pool_gradcheck_and_gradgradcheck(shape, pool, stride, padding, dilation, count_include_pad, rng):
    x = rng.normal(size=shape)

    def g(x):
        y = avg_pool(x, pool, stride, padding, count_include_pad, dilation=dilation)
        return y * y

    assert gradcheck(g, x)
    assert gradgradcheck(g, x)


def test_max_pool_backward_is_differentiable_in_the_seed(rng):
    """d/dv of VJP(v) is the gather at the argmax positions: check it with gradcheck."""
    x = mg.tensor(_distinct((2, 5, 4), 3))
    v = rng.normal(size=max_pool(x, (2, 2), 1).shape)

    def vjp(v):
        y = max_pool(x, (2, 2), 1)
        (gx,) = mg.grad((y * v).sum(), x, create_graph=True)
        return gx

    assert gradcheck(vjp, v)
    assert gradgradcheck(vjp, v)


# --------------------------------------------------------------------------- documented behaviour
MYGRAD_X = [[0.0, 10.0, 8.0], [2.0, 7.0, 3.0], [5.0, 7.0, 20.0]]


def test_mygrad_docs_max_pool_hardcoded():
    x = mg.tensor(MYGRAD_X)
    out = layers_max_pool(x, pool=(2, 2), stride=1)
    np.testing.assert_array_equal(out.data, [[10.0, 10.0], [7.0, 20.0]])
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, [[0, 2, 0], [0, 1, 0], [0, 0, 1]])  # tie -> first element
    x2 = mg.tensor([[0.0, 10.0, 8.0], [9.0, 7.0, 3.0], [5.0, 0.0, 20.0]])
    np.testing.assert_array_equal(max_pool(x2, pool=(2,), stride=1).data, [[10, 10], [9, 7], [5, 20]])
    assert max_pool(np.zeros((10, 3, 12, 12)), (2, 2), (2, 1)).shape == (10, 3, 6, 11)


def test_max_pool_against_mygrad(rng):
    mygrad = pytest.importorskip("mygrad")
    from mygrad.nnet.layers import max_pool as mygrad_max_pool

    for x, pool, stride in [
        (np.array(MYGRAD_X), (2, 2), 1),
        (_distinct((2, 3, 6, 6), 1), (2, 3), (2, 3)),
        (_distinct((2, 4, 4, 4), 2), (2, 2, 2), 1),
    ]:
        xt, mx = mg.tensor(x), mygrad.tensor(x)
        y, my = max_pool(xt, pool, stride), mygrad_max_pool(mx, pool, stride)
        np.testing.assert_array_equal(y.data, my.data)
        dy = rng.normal(size=y.shape)
        y.backward(dy)
        my.backward(dy)
        np.testing.assert_allclose(xt.grad, mx.grad, rtol=1e-12)


def test_nan_propagates_and_takes_the_gradient():
    x = mg.tensor([[1.0, np.nan, 3.0, 2.0]])
    y = max_pool(x, (2,), 1)
    np.testing.assert_array_equal(y.data, [[np.nan, np.nan, 3.0]])
    y.backward(np.ones(y.shape))
    np.testing.assert_array_equal(x.grad, [[0.0, 2.0, 1.0, 0.0]])


def test_non_finite_gradients_stay_where_they_belong():
    """inf/NaN in a seed reach only the argmax positions (no inf * 0 = NaN elsewhere)."""
    x = mg.tensor([[1.0, 3.0, 2.0, 0.0], [5.0, 4.0, 0.0, 6.0]])
    y = max_pool(x, (2,), 2)
    y.backward(np.array([[np.inf, 1.0], [-np.inf, np.nan]]))
    np.testing.assert_array_equal(x.grad, [[0.0, np.inf, 1.0, 0.0], [-np.inf, 0.0, 0.0, np.nan]])
    # the gather (the gradient's gradient with respect to its seed) must not leak them either
    v = mg.tensor(np.ones((2, 2)))
    (gx,) = mg.grad((max_pool(x, (2,), 2) * v).sum(), x, create_graph=True)
    h = np.array([[np.inf, 1.0, 2.0, np.nan], [3.0, -np.inf, 0.0, 4.0]])
    with np.errstate(invalid="ignore"):  # the forward value 0 * inf is NaN; only its gradient matters
        loss = (gx * h).sum()
    (gv,) = mg.grad(loss, v)
    np.testing.assert_array_equal(gv.data, [[1.0, 2.0], [3.0, 4.0]])


def test_floor_rule_and_default_stride():
    x = np.arange(7.0)
    np.testing.assert_array_equal(max_pool(x, (2,)).data, [1.0, 3.0, 5.0])  # the 7th element is dropped
    np.testing.assert_array_equal(avg_pool(x, (3,), 2).data, [1.0, 3.0, 5.0])


def test_float32_stays_float32(rng):
    x = mg.tensor(rng.normal(size=(2, 3, 6, 6)), dtype="float32")
    for y in (max_pool(x, (2, 2), 2, padding=1), avg_pool(x, (3, 3), 1, "same", False)):
        assert y.dtype == np.float32
        x.null_grad()
        y.backward(np.ones(y.shape))
        assert x.grad.dtype == np.float32


def test_integer_input():
    x = np.arange(12).reshape(3, 4)
    y = max_pool(x, (2,), 2, padding=1)
    np.testing.assert_array_equal(y.data, [[0, 2, 3], [4, 6, 7], [8, 10, 11]])
    assert y.constant
    np.testing.assert_allclose(avg_pool(x, (2,)).data, [[0.5, 2.5], [4.5, 6.5], [8.5, 10.5]])


def test_inputs_not_mutated_and_constant(rng):
    x = rng.normal(size=(2, 5, 5))
    keep = x.copy()
    xt = mg.tensor(x)
    max_pool(xt, (2, 2), 1, 1).backward(np.ones((2, 6, 6)))
    avg_pool(x, (2, 2), 1, 1)
    np.testing.assert_array_equal(x, keep)
    assert max_pool(xt, (2, 2), constant=True).constant
    assert avg_pool(xt, (2, 2), constant=True).constant


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("fn", [max_pool, avg_pool])
@pytest.mark.parametrize(
    "args, err, match",
    [
        (((2, 2), 0), ValueError, "stride must be >= 1"),
        ((2, 1), TypeError, "pool must be a tuple of ints"),
        (((), 1), ValueError, "pool must have at least one entry"),
        (((0, 2), 1), ValueError, "pool must be >= 1"),
        (((2, 2), (1, 1, 1)), ValueError, "stride must be an int or have one entry"),
        (((2, 2, 2, 2), 1), ValueError, "x must have at least len"),
        (((6, 2), 1), ValueError, "pool: along spatial axis 0 the kernel spans 6"),
        (((2, 2), 1, -1), ValueError, "padding must be non-negative"),
        (((2, 2), 1, "half"), ValueError, "padding must be an int, a tuple or one of"),
        (((2, 2), 1, ((3, 0), 0)), ValueError, "leaves a window with no input element"),
    ],
)
def test_pool_bad_input(fn, args, err, match):
    with pytest.raises(err, match=match):
        fn(np.zeros((3, 5, 5)), *args)


def test_pool_bad_dilation_and_count_include_pad():
    with pytest.raises(ValueError, match="dilation must be >= 1"):
        max_pool(np.zeros((5, 5)), (2, 2), 1, 0, 0)
    with pytest.raises(TypeError, match="count_include_pad must be a bool"):
        avg_pool(np.zeros((5, 5)), (2, 2), 1, 0, "yes")
    with pytest.raises(TypeError, match="x must hold real numbers"):
        max_pool(np.array(["a", "b"]), (1,))


@pytest.mark.parametrize(
    "kw", [dict(pool=(2, 2)), dict(pool=(3, 2), stride=(2, 1), padding=1), dict(pool=(2, 3), dilation=2)]
)
def test_max_pool_in_blocks_on_worker_threads(kw, monkeypatch):
    """Blocks of the leading axes shared out to worker threads give the loop reference's
    max, first-maximum gradient and NaN propagation."""
    from mygrad_like.nnet import conv as conv_module
    from mygrad_like.nnet import pooling

    monkeypatch.setattr(conv_module.settings, "THREADS", 2)
    monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", 0)
    monkeypatch.setattr(pooling, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pooling, "BLOCK_BYTES", 200)
    x = np.round(_distinct((5, 3, 7, 8), 0) / 2)  # ties: the first maximum takes the gradient
    x[1, 2, 3, 4] = np.nan
    pool, stride = kw["pool"], kw.get("stride", kw["pool"])
    dilation = (kw.get("dilation", 1),) * 2
    pairs = ref.padding_pairs(kw.get("padding", 0), x.shape[2:], pool, stride, dilation)
    xt = mg.tensor(x)
    y = max_pool(xt, pool, stride, kw.get("padding", 0), kw.get("dilation", 1))
    dy = np.random.default_rng(1).normal(size=y.shape)
    expected, dx = ref.max_pool_ref(x, pool, stride, pairs, dilation, dy=dy)
    np.testing.assert_array_equal(y.data, expected)
    y.backward(dy)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-12, atol=1e-12)
