"""conv_nd and conv_transpose_nd: forward and gradients vs the explicit-loop reference,
gradcheck / gradgradcheck, MyGrad's documented numbers, dtypes, chunking and bad input."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import conv as conv_module
from mygrad_like.nnet import conv_nd, conv_transpose_nd
from mygrad_like.nnet.layers import conv_nd as layers_conv_nd
from mygrad_like.testing import gradcheck, gradgradcheck

from . import reference as ref

MODES = ["zeros", "reflect", "replicate", "circular"]
FORMS = ["int", "axes", "pairs", "valid", "same", "full"]
# per number of spatial axes: (largest input side, largest kernel side) keeping the loops cheap
LIMITS = {1: (8, 4), 2: (5, 3), 3: (4, 2), 4: (3, 2)}


def _padding_arg(draw, form, d):
    if form in ("valid", "same", "full"):
        return form
    if form == "int":
        return draw(st.integers(0, 2))
    if form == "axes":
        return tuple(draw(st.integers(0, 2)) for _ in range(d))
    return tuple((draw(st.integers(0, 2)), draw(st.integers(0, 2))) for _ in range(d))


@st.composite
def conv_cases(draw, d=None):
    d = draw(st.integers(1, 4)) if d is None else d
    xmax, kmax = LIMITS[d]
    groups = draw(st.integers(1, 2))
    cg, fg, n = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    kernel = tuple(draw(st.integers(1, kmax)) for _ in range(d))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(d))
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(d))
    mode = draw(st.sampled_from(MODES))
    form = draw(st.sampled_from(FORMS))
    padding = _padding_arg(draw, form, d)
    in_shape = []
    for i, (k, dl) in enumerate(zip(kernel, dilation)):
        span = dl * (k - 1) + 1
        if isinstance(padding, str):
            lo = hi = 0 if padding != "full" else span - 1
        elif isinstance(padding, int):
            lo = hi = padding
        else:
            lo, hi = (padding[i], padding[i]) if isinstance(padding[i], int) else padding[i]
        low = max(1, span - lo - hi)  # the kernel must fit the padded input (it may fill it exactly)
        if mode == "reflect" and (lo or hi or padding in ("same", "full")):
            low = max(low, max(lo, hi) + 1)
        in_shape.append(draw(st.integers(low, max(low, xmax))))
    pairs = ref.padding_pairs(padding, in_shape, kernel, stride, dilation)
    if mode == "reflect":
        assume(all(max(p) <= x - 1 for p, x in zip(pairs, in_shape)))
    bias = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    algorithm = draw(st.sampled_from(["auto", "direct", "fft"]))
    return dict(
        d=d,
        groups=groups,
        cg=cg,
        fg=fg,
        n=n,
        kernel=kernel,
        stride=stride,
        dilation=dilation,
        mode=mode,
        padding=padding,
        pairs=pairs,
        in_shape=tuple(in_shape),
        bias=bias,
        seed=seed,
        algorithm=algorithm,
    )


def _arrays(case):
    rng = np.random.default_rng(case["seed"])
    c, f = case["cg"] * case["groups"], case["fg"] * case["groups"]
    x = rng.normal(size=(case["n"], c) + case["in_shape"])
    w = rng.normal(size=(f, case["cg"]) + case["kernel"])
    b = rng.normal(size=f) if case["bias"] else None
    return x, w, b


@pytest.mark.parametrize("d", [1, 2, 3, 4])
@given(data=st.data())
def test_conv_forward_and_gradients_match_loop_reference(d, data):
    case = data.draw(conv_cases(d=d))
    x, w, b = _arrays(case)
    xt, wt = mg.tensor(x), mg.tensor(w)
    bt = mg.tensor(b) if b is not None else None
    kw = dict(stride=case["stride"], dilation=case["dilation"], groups=case["groups"])
    y = conv_nd(
        xt, wt, padding=case["padding"], padding_mode=case["mode"], bias=bt, algorithm=case["algorithm"], **kw
    )
    expected = ref.conv_ref(x, w, b, pairs=case["pairs"], mode=case["mode"], **kw)
    assert y.shape == expected.shape
    np.testing.assert_allclose(y.data, expected, rtol=1e-10, atol=1e-12)
    if case["padding"] == "same":
        assert y.shape[2:] == tuple(-(-n // s) for n, s in zip(case["in_shape"], case["stride"]))

    dy = np.random.default_rng(case["seed"] + 1).normal(size=y.shape)
    y.backward(dy)
    dx, dw, db = ref.conv_grads_ref(x, w, dy, pairs=case["pairs"], mode=case["mode"], **kw)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)
    if bt is not None:
        np.testing.assert_allclose(bt.grad, db, rtol=1e-10, atol=1e-12)


@st.composite
def transpose_cases(draw, d):
    xmax, kmax = LIMITS[d]
    groups = draw(st.integers(1, 2))
    cig, cog, n = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    kernel = tuple(draw(st.integers(1, kmax)) for _ in range(d))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(d))
    dilation = tuple(draw(st.integers(1, 3)) for _ in range(d))
    output_padding = tuple(draw(st.integers(0, max(s, dl) - 1)) for s, dl in zip(stride, dilation))
    grid = tuple(draw(st.integers(1, xmax)) for _ in range(d))
    form = draw(st.sampled_from(["int", "axes", "pairs", "valid"]))
    padding = _padding_arg(draw, form, d)
    pairs = ref.padding_pairs(padding, grid, kernel, stride, dilation)
    size = [
        (g - 1) * s - lo - hi + dl * (k - 1) + 1 + op
        for g, k, s, dl, (lo, hi), op in zip(grid, kernel, stride, dilation, pairs, output_padding)
    ]
    assume(all(m >= 1 for m in size))
    return dict(
        groups=groups,
        cig=cig,
        cog=cog,
        n=n,
        kernel=kernel,
        stride=stride,
        dilation=dilation,
        output_padding=output_padding,
        grid=grid,
        padding=padding,
        pairs=pairs,
        bias=draw(st.booleans()),
        seed=draw(st.integers(0, 2**16)),
        algorithm=draw(st.sampled_from(["direct", "fft"])),
    )


@pytest.mark.parametrize("d", [1, 2, 3])
@given(data=st.data())
def test_conv_transpose_forward_and_gradients_match_loop_reference(d, data):
    case = data.draw(transpose_cases(d))
    rng = np.random.default_rng(case["seed"])
    cin, cout = case["cig"] * case["groups"], case["cog"] * case["groups"]
    y = rng.normal(size=(case["n"], cin) + case["grid"])
    w = rng.normal(size=(cin, case["cog"]) + case["kernel"])
    b = rng.normal(size=cout) if case["bias"] else None
    yt, wt = mg.tensor(y), mg.tensor(w)
    bt = mg.tensor(b) if b is not None else None
    kw = dict(stride=case["stride"], dilation=case["dilation"], groups=case["groups"])
    out = conv_transpose_nd(
        yt,
        wt,
        padding=case["padding"],
        output_padding=case["output_padding"],
        bias=bt,
        algorithm=case["algorithm"],
        **kw,
    )
    expected = ref.conv_transpose_ref(
        y, w, b, pairs=case["pairs"], output_padding=case["output_padding"], **kw
    )
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-10, atol=1e-12)

    dout = rng.normal(size=out.shape)
    out.backward(dout)
    dy, dw, db = ref.conv_transpose_grads_ref(y, w, dout, pairs=case["pairs"], **kw)
    np.testing.assert_allclose(yt.grad, dy, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)
    if bt is not None:
        np.testing.assert_allclose(bt.grad, db, rtol=1e-10, atol=1e-12)


@given(case=conv_cases(d=2))
def test_conv_transpose_is_the_adjoint_of_conv(case):
    """<conv(x, w), y> == <x, conv_transpose(y, w)> for every geometry (zero padding)."""
    assume(not isinstance(case["padding"], str) or case["padding"] == "valid")
    x, w, _ = _arrays(case)
    kw = dict(stride=case["stride"], dilation=case["dilation"], groups=case["groups"])
    y = conv_nd(x, w, padding=case["padding"], **kw)
    v = np.random.default_rng(case["seed"]).normal(size=y.shape)
    # the output_padding that maps back to x's exact size (the floor rule dropped the rest)
    op = tuple(
        n + lo + hi - (g - 1) * s - dl * (k - 1) - 1
        for n, (lo, hi), g, s, dl, k in zip(
            case["in_shape"], case["pairs"], y.shape[2:], case["stride"], case["dilation"], case["kernel"]
        )
    )
    assume(all(o < max(s, dl) for o, s, dl in zip(op, case["stride"], case["dilation"])))
    back = conv_transpose_nd(v, w, padding=case["padding"], output_padding=op, **kw)
    assert back.shape == x.shape
    np.testing.assert_allclose(np.sum(y.data * v), np.sum(x * back.data), rtol=1e-10)


def test_five_spatial_axes_match_reference(rng):
    x = rng.normal(size=(1, 2, 3, 2, 3, 2, 3))
    w = rng.normal(size=(2, 1, 2, 1, 2, 2, 1))
    kw = dict(stride=(1, 1, 2, 1, 2), dilation=(1, 1, 1, 1, 2), groups=2)
    pairs = [(1, 0), (0, 1), (0, 0), (1, 1), (0, 1)]
    xt, wt = mg.tensor(x), mg.tensor(w)
    y = conv_nd(xt, wt, padding=pairs, padding_mode="circular", **kw)
    np.testing.assert_allclose(
        y.data, ref.conv_ref(x, w, None, pairs=pairs, mode="circular", **kw), rtol=1e-10
    )
    dy = rng.normal(size=y.shape)
    y.backward(dy)
    dx, dw, _ = ref.conv_grads_ref(x, w, dy, pairs=pairs, mode="circular", **kw)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------------- gradcheck / gradgradcheck
GRAD_CASES = [
    # (x shape, w shape, kwargs)
    ((2, 2, 6), (3, 2, 3), dict(stride=2, padding=1)),
    ((1, 2, 5), (2, 1, 2), dict(groups=2, dilation=2, padding=((2, 1),), padding_mode="reflect")),
    ((1, 2, 4, 5), (2, 2, 2, 3), dict(stride=(2, 1), padding="same", dilation=(1, 2))),
    ((1, 2, 4, 4), (2, 1, 3, 2), dict(groups=2, padding=((1, 0), (2, 1)), padding_mode="replicate")),
    ((1, 2, 3, 4), (4, 1, 2, 2), dict(groups=2, padding="full", stride=2)),
    ((1, 1, 3, 4), (1, 1, 2, 3), dict(padding=2, padding_mode="circular", stride=(1, 2))),
    ((1, 1, 3, 3, 3), (2, 1, 2, 2, 2), dict(stride=2, padding=1, dilation=(1, 2, 1))),
]


FFT_GRAD_CASES = [
    ((2, 2, 6), (2, 2, 3), dict(padding=1, algorithm="fft")),
    ((1, 2, 4, 5), (4, 1, 2, 3), dict(padding=((1, 0), (2, 1)), dilation=(2, 1), groups=2, algorithm="fft")),
    ((1, 1, 3, 3, 4), (1, 1, 2, 1, 2), dict(padding="same", padding_mode="circular", algorithm="fft")),
]


@pytest.mark.parametrize("xs, ws, kw", GRAD_CASES + FFT_GRAD_CASES)
def test_conv_gradcheck_and_gradgradcheck(xs, ws, kw, rng):
    x, w, b = rng.normal(size=xs), rng.normal(size=ws), rng.normal(size=ws[0])

    def f(x, w, b):
        return conv_nd(x, w, bias=b, **kw)

    assert gradcheck(f, x, w, b)
    assert gradgradcheck(f, x, w, b)


@pytest.mark.parametrize("flat_width", [0, 16])
@pytest.mark.parametrize(
    "xs, ws, kw",
    [
        ((2, 2, 4, 5), (3, 2, 3, 2), dict(padding=((1, 0), (2, 1)), dilation=(1, 2))),
        ((2, 4, 3, 4), (2, 2, 2, 3), dict(padding=1, groups=2)),
    ],
)
def test_gradgradcheck_in_both_layouts_on_worker_threads(xs, ws, kw, flat_width, rng, monkeypatch):
    """Second derivatives through the direct kernels in the window and the flat layout,
    with the work split over worker threads."""
    monkeypatch.setattr(conv_module.settings, "FLAT_MAX_WIDTH", flat_width)
    monkeypatch.setattr(conv_module.settings, "FLAT_MIN_DEPTH", 0)  # however shallow the filters
    monkeypatch.setattr(conv_module.settings, "THREADS", 2)
    monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", 0)
    x, w = rng.normal(size=xs), rng.normal(size=ws)

    def f(x, w):
        return conv_nd(x, w, algorithm="direct", **kw)

    assert gradcheck(f, x, w)
    assert gradgradcheck(f, x, w)


TRANSPOSE_GRAD_CASES = [
    ((1, 2, 3), (2, 2, 3), dict(stride=2, padding=1, output_padding=1)),
    ((1, 2, 4), (2, 1, 3), dict(groups=2, dilation=2, padding=((1, 3),), algorithm="fft")),
    ((1, 2, 3), (2, 1, 2), dict(groups=2, dilation=3, output_padding=2)),  # output_padding >= stride
    ((1, 2, 2, 3), (2, 1, 2, 2), dict(stride=(2, 1), padding=((1, 0), (0, 1)), groups=2)),
    ((1, 1, 2, 2, 2), (1, 2, 2, 1, 2), dict(stride=2, dilation=(1, 1, 2))),
]


@pytest.mark.parametrize("ys, ws, kw", TRANSPOSE_GRAD_CASES)
def test_conv_transpose_gradcheck_and_gradgradcheck(ys, ws, kw, rng):
    groups = kw.get("groups", 1)
    y, w, b = rng.normal(size=ys), rng.normal(size=ws), rng.normal(size=ws[1] * groups)

    def f(y, w, b):
        return conv_transpose_nd(y, w, bias=b, **kw)

    assert gradcheck(f, y, w, b)
    assert gradgradcheck(f, y, w, b)


def test_second_derivative_of_a_nonlinear_loss_through_conv(rng):
    """A Hessian-vector product through conv -> square -> conv_transpose."""
    x, w = rng.normal(size=(2, 2, 5)), rng.normal(size=(3, 2, 2))
    w2 = rng.normal(size=(3, 1, 2))

    def f(x, w, w2):
        h = conv_nd(x, w, stride=2, padding=1)
        return conv_transpose_nd(h * h, w2, stride=2)

    assert gradgradcheck(f, x, w, w2)


def test_higher_order_through_grad(rng):
    """mg.grad(create_graph=True) twice: d/dw of ||d conv/dx||^2 matches finite differences."""
    x, w = rng.normal(size=(1, 1, 6)), rng.normal(size=(1, 1, 3))

    def penalty(w_arr):
        xt, wt = mg.tensor(x), mg.tensor(w_arr)
        y = conv_nd(xt, wt, padding=1, stride=2)
        (gx,) = mg.grad((y * y).sum(), xt, create_graph=True)
        return (gx * gx).sum(), wt

    loss, wt = penalty(w)
    (gw,) = mg.grad(loss, wt)
    eps, numeric = 1e-6, np.zeros_like(w)
    for i in range(w.size):
        wp, wm = w.copy(), w.copy()
        wp.flat[i] += eps
        wm.flat[i] -= eps
        numeric.flat[i] = (penalty(wp)[0].item() - penalty(wm)[0].item()) / (2 * eps)
    np.testing.assert_allclose(gw.data, numeric, rtol=1e-5, atol=1e-7)


# --------------------------------------------------------------------------- MyGrad compatibility
SQUARE_WAVE_Y = [0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0]
SQUARE_WAVE_DX = [1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1]


def _square_wave(lib):
    data = np.zeros((1, 1, 16), dtype="float32")
    data[..., 5:11] = 1
    x = lib.tensor(data)
    k = lib.ones((1, 1, 5), dtype="float32")
    return x, k


def test_mygrad_docs_square_wave_hardcoded():
    x, k = _square_wave(mg)
    y = layers_conv_nd(x, k, stride=1)
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y.data, [[SQUARE_WAVE_Y]])
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [[SQUARE_WAVE_DX]])
    np.testing.assert_array_equal(k.grad, [[[6, 6, 6, 6, 6]]])
    assert x.grad.dtype == np.float32 and k.grad.dtype == np.float32


def test_mygrad_docs_square_wave_against_mygrad():
    mygrad = pytest.importorskip("mygrad")
    from mygrad.nnet.layers import conv_nd as mygrad_conv_nd

    x, k = _square_wave(mg)
    y = conv_nd(x, k, stride=1)
    y.sum().backward()
    mx, mk = _square_wave(mygrad)
    my = mygrad_conv_nd(mx, mk, stride=1)
    my.sum().backward()
    np.testing.assert_array_equal(y.data, my.data)
    np.testing.assert_array_equal(x.grad, mx.grad)
    np.testing.assert_array_equal(k.grad, mk.grad)


@pytest.mark.parametrize(
    "shape_x, shape_w, kw",
    [
        ((2, 3, 9, 8), (4, 3, 3, 2), dict(stride=(2, 1), padding=(1, 2), dilation=(1, 2))),
        ((1, 2, 5, 4, 6), (3, 2, 2, 3, 2), dict(stride=1, padding=1, dilation=1)),
    ],
)
def test_random_cases_against_mygrad(shape_x, shape_w, kw, rng):
    mygrad = pytest.importorskip("mygrad")
    from mygrad.nnet.layers import conv_nd as mygrad_conv_nd

    x, w = rng.normal(size=shape_x), rng.normal(size=shape_w)
    xt, wt, mx, mw = mg.tensor(x), mg.tensor(w), mygrad.tensor(x), mygrad.tensor(w)
    y, my = conv_nd(xt, wt, **kw), mygrad_conv_nd(mx, mw, **kw)
    np.testing.assert_allclose(y.data, my.data, rtol=1e-10, atol=1e-12)
    dy = rng.normal(size=y.shape)
    y.backward(dy)
    my.backward(dy)
    np.testing.assert_allclose(xt.grad, mx.grad, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, mw.grad, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------------- dtypes, chunking, inputs
def test_float32_stays_float32(rng):
    x = mg.tensor(rng.normal(size=(2, 4, 6, 6)), dtype="float32")
    w = mg.tensor(rng.normal(size=(4, 2, 3, 3)), dtype="float32")
    b = mg.tensor(rng.normal(size=4), dtype="float32")
    y = conv_nd(x, w, bias=b, stride=2, padding="same", groups=2, padding_mode="reflect")
    assert y.dtype == np.float32
    y.backward(np.ones(y.shape))
    assert x.grad.dtype == w.grad.dtype == b.grad.dtype == np.float32
    expected = ref.conv_ref(
        x.data.astype(float),
        w.data.astype(float),
        b.data.astype(float),
        stride=[2, 2],
        pairs=[(0, 1), (0, 1)],
        groups=2,
        mode="reflect",
    )
    np.testing.assert_allclose(y.data, expected, rtol=1e-5, atol=1e-5)
    z = conv_transpose_nd(y, w, stride=2, padding=1, output_padding=1, groups=2)
    assert z.dtype == np.float32


def test_integer_input_with_float_filters(rng):
    x = np.arange(20).reshape(1, 2, 10)
    w = mg.tensor(rng.normal(size=(1, 2, 3)))
    y = conv_nd(x, w)
    np.testing.assert_allclose(y.data, ref.conv_ref(x.astype(float), w.data), rtol=1e-12)
    y.backward(np.ones(y.shape))
    assert w.grad.shape == w.shape


@pytest.mark.parametrize("budget", [1, 200, 5000])
def test_chunked_paths_match_unchunked(budget, rng, monkeypatch):
    """Batch chunks and, when one sample's windows exceed the budget, row blocks."""
    x = mg.tensor(rng.normal(size=(3, 2, 7, 6)))
    w = mg.tensor(rng.normal(size=(4, 1, 3, 2)))
    kw = dict(stride=(2, 1), padding=((1, 2), (0, 1)), dilation=(1, 2), groups=2)
    dy = rng.normal(size=conv_nd(x, w, **kw).shape)
    y_full = conv_nd(x, w, **kw)
    y_full.backward(dy)
    gx, gw = x.grad, w.grad
    monkeypatch.setattr(conv_module.settings, "CHUNK_BYTES", budget)
    y = conv_nd(x, w, **kw)
    y.backward(dy)
    np.testing.assert_allclose(y.data, y_full.data, rtol=1e-12)
    np.testing.assert_allclose(x.grad, gx, rtol=1e-12)
    np.testing.assert_allclose(w.grad, gw, rtol=1e-12)
    out = conv_transpose_nd(
        y_full.data,
        w.data,
        stride=(2, 1),
        padding=((1, 2), (0, 1)),
        dilation=(1, 2),
        groups=2,
        output_padding=(1, 0),
    )
    monkeypatch.setattr(conv_module.settings, "CHUNK_BYTES", 16 * 2**20)
    full = conv_transpose_nd(
        y_full.data,
        w.data,
        stride=(2, 1),
        padding=((1, 2), (0, 1)),
        dilation=(1, 2),
        groups=2,
        output_padding=(1, 0),
    )
    np.testing.assert_allclose(out.data, full.data, rtol=1e-12)


def test_inputs_are_not_mutated(rng):
    x, w, b = rng.normal(size=(2, 2, 5, 5)), rng.normal(size=(2, 2, 3, 3)), rng.normal(size=2)
    copies = [a.copy() for a in (x, w, b)]
    xt = mg.tensor(x)
    y = conv_nd(xt, w, bias=b, padding=2, padding_mode="reflect", stride=2)
    y.backward(np.ones(y.shape))
    conv_transpose_nd(x, w, bias=b, padding=1)
    for a, c in zip((x, w, b), copies):
        np.testing.assert_array_equal(a, c)


def test_constant_and_layers_namespace(rng):
    x, w = mg.tensor(rng.normal(size=(1, 1, 4))), mg.tensor(rng.normal(size=(1, 1, 2)))
    assert conv_nd(x, w, constant=True).constant
    assert not conv_nd(x, w).constant
    assert conv_nd(x.data, w.data).constant
    from mygrad_like.nnet import layers

    assert layers.conv_nd is conv_nd and layers.conv_transpose_nd is conv_transpose_nd


# --------------------------------------------------------------------------- bad input
X2 = np.zeros((1, 4, 5, 5))
W2 = np.zeros((2, 4, 3, 3))


@pytest.mark.parametrize(
    "x, w, kw, err, match",
    [
        (np.zeros((1, 4, 5)), W2, {}, ValueError, "x must have shape"),
        (X2, np.zeros((2, 4)), {}, ValueError, "filter_bank must have shape"),
        (X2, np.zeros((2, 3, 3, 3)), {}, ValueError, "channel mismatch"),
        (X2, np.zeros((2, 2, 3, 3)), dict(groups=3), ValueError, "groups=3 must divide"),
        (X2, np.zeros((3, 2, 3, 3)), dict(groups=2), ValueError, "must divide the number of filters"),
        (X2, W2, dict(groups=0), ValueError, "groups must be >= 1"),
        (X2, W2, dict(groups=1.5), TypeError, "groups must be"),
        (X2, W2, dict(stride=0), ValueError, "stride must be >= 1"),
        (X2, W2, dict(stride=(1, -1)), ValueError, "stride must be >= 1"),
        (X2, W2, dict(stride=(1, 1, 1)), ValueError, "stride must be an int or have one entry"),
        (X2, W2, dict(stride=1.0), TypeError, "stride must be"),
        (X2, W2, dict(dilation=0), ValueError, "dilation must be >= 1"),
        (X2, W2, dict(padding=-1), ValueError, "padding must be non-negative"),
        (X2, W2, dict(padding=((0, -1), 0)), ValueError, "padding must be non-negative"),
        (X2, W2, dict(padding=(1, 1, 1)), ValueError, "padding must have one entry"),
        (X2, W2, dict(padding=((1, 2, 3), 0)), ValueError, r"\(lo, hi\)"),
        (X2, W2, dict(padding="half"), ValueError, "padding must be an int, a tuple or one of"),
        (X2, W2, dict(padding=1.5), TypeError, "padding must be"),
        (X2, W2, dict(padding_mode="mirror"), ValueError, "padding_mode must be one of"),
        (X2, W2, dict(padding_mode=None), TypeError, "padding_mode must be a string"),
        (X2, W2, dict(padding=5, padding_mode="reflect"), ValueError, "too wide for padding_mode='reflect'"),
        (X2, np.zeros((2, 4, 6, 3)), {}, ValueError, "filter_bank: along spatial axis 0 the kernel spans 6"),
        (X2, W2, dict(dilation=3), ValueError, "filter_bank: along spatial axis 0 the kernel spans 7"),
        (X2, np.zeros((2, 4, 3, 3), dtype=int), {}, TypeError, "filter_bank must hold floats"),
        (np.array([["a"]]), W2, {}, TypeError, "x must hold real numbers"),
        (X2, W2, dict(bias=np.zeros(3)), ValueError, r"bias must have shape \(2,\)"),
    ],
)
def test_conv_bad_input(x, w, kw, err, match):
    with pytest.raises(err, match=match):
        conv_nd(x, w, **kw)


@pytest.mark.parametrize(
    "kw, err, match",
    [
        (dict(output_padding=2, stride=2), ValueError, "output_padding must be smaller than max"),
        (dict(output_padding=-1), ValueError, "output_padding must be >= 0"),
        (dict(padding=4), ValueError, "crops more than"),
        (dict(padding="same"), ValueError, "padding must be an int, a tuple or one of 'valid'"),
        (dict(groups=3), ValueError, "groups=3 must divide"),
        (dict(stride=(1, 0)), ValueError, "stride must be >= 1"),
    ],
)
def test_conv_transpose_bad_input(kw, err, match):
    with pytest.raises(err, match=match):
        conv_transpose_nd(np.zeros((1, 2, 3, 3)), np.zeros((2, 1, 3, 3)), **kw)


def test_conv_transpose_channel_mismatch():
    with pytest.raises(ValueError, match="channel mismatch"):
        conv_transpose_nd(np.zeros((1, 2, 3)), np.zeros((3, 1, 3)))


def test_workspace_reuse_across_geometries_dtypes_and_threads(rng):
    """The scratch buffers persist between calls: a padded border written for one geometry
    must never leak into another, and threads must not share them."""
    import threading

    x = rng.normal(size=(3, 2, 6, 5))
    w = rng.normal(size=(2, 2, 3, 3))
    calls = [
        dict(padding=1),
        dict(padding=((2, 0), (0, 1))),
        dict(padding=0),
        dict(padding=1, stride=2),
        dict(padding="full"),
        dict(padding=1),
    ]
    for kw in calls:
        for arr in (x, x[:1], x.astype(np.float32)):
            pairs = ref.padding_pairs(
                kw["padding"], arr.shape[2:], (3, 3), (kw.get("stride", 1),) * 2, (1, 1)
            )
            got = conv_nd(arr, w, **kw).data
            expected = ref.conv_ref(arr.astype(float), w, pairs=pairs, stride=[kw.get("stride", 1)] * 2)
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    results, errors = {}, []

    def work(i):
        try:
            xi = x * (i + 1)
            for _ in range(20):
                results[i] = conv_nd(xi, w, padding=i % 3).data
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(4):
        expected = ref.conv_ref(x * (i + 1), w, pairs=[(i % 3, i % 3)] * 2)
        np.testing.assert_allclose(results[i], expected, rtol=1e-10, atol=1e-12)
    conv_module.clear_workspace()
    np.testing.assert_allclose(
        conv_nd(x, w, padding=1).data, ref.conv_ref(x, w, pairs=[(1, 1)] * 2), rtol=1e-10
    )


@pytest.mark.parametrize("dtype, tol", [("float64", 1e-10), ("float32", 2e-4)])
def test_fft_and_direct_agree_on_a_large_kernel(dtype, tol, rng):
    x = mg.tensor(rng.normal(size=(2, 3, 20, 17)), dtype=dtype)
    w = mg.tensor(rng.normal(size=(4, 3, 9, 7)), dtype=dtype)
    results = []
    for algorithm in ("direct", "fft"):
        x.null_grad(), w.null_grad()
        y = conv_nd(x, w, padding=((4, 3), (2, 5)), dilation=(1, 2), algorithm=algorithm)
        assert y.dtype == dtype
        y.backward(np.cos(np.arange(y.size)).reshape(y.shape))
        results.append((y.data, x.grad, w.grad))
    scale = max(np.abs(r).max() for r in results[0])
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, rtol=0, atol=tol * scale)
    from mygrad_like.nnet import _windows as W

    large = W.make_geometry((128, 128), (15, 15), (1, 1), (1, 1), ((7, 7), (7, 7)))
    assert conv_module._choose_algorithm("auto", large, 8, 8, 8, 1) == "fft"
    assert conv_module._choose_algorithm("direct", large, 8, 8, 8, 1) == "direct"
    small = W.make_geometry((32, 32), (3, 3), (1, 1), (1, 1), ((1, 1), (1, 1)))
    assert conv_module._choose_algorithm("auto", small, 32, 64, 64, 1) == "direct"
    strided = W.make_geometry((32, 32), (15, 15), (2, 2), (1, 1), ((7, 7), (7, 7)))
    assert conv_module._choose_algorithm("fft", strided, 8, 8, 8, 1) == "direct"


def test_bad_algorithm():
    with pytest.raises(ValueError, match="algorithm must be 'auto', 'direct' or 'fft'"):
        conv_nd(X2, W2, algorithm="winograd")
    with pytest.raises(ValueError, match="algorithm must be"):
        conv_transpose_nd(np.zeros((1, 2, 3)), np.zeros((2, 1, 3)), algorithm=None)


@pytest.mark.parametrize("groups", [1, 2])
def test_fft_channel_mixing_by_gemm_matches_direct(groups, rng):
    """More than 16 channels per group: the FFT path mixes channels with batched GEMMs."""
    x = mg.tensor(rng.normal(size=(2, 17 * groups, 5, 4)))
    w = mg.tensor(rng.normal(size=(18 * groups, 17, 3, 2)))
    dy = rng.normal(size=(2, 18 * groups, 5, 6))
    grads = []
    for algorithm in ("direct", "fft"):
        x.null_grad(), w.null_grad()
        y = conv_nd(x, w, padding=((1, 1), (1, 2)), groups=groups, algorithm=algorithm)
        y.backward(dy)
        grads.append((y.data, x.grad, w.grad))
    for a, b in zip(*grads):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("flat_width", [0, 16])  # window layout / flat layout (stride 1)
@pytest.mark.parametrize(
    "kw",
    [
        dict(padding=1),
        dict(padding=((2, 0), (1, 2)), dilation=(1, 2), groups=2),
        dict(padding=((2, 0), (1, 2)), stride=(2, 1), dilation=(1, 2), groups=2),
        dict(padding=2, stride=2, dilation=2),
        dict(padding="full", stride=3),
    ],
)
def test_direct_kernels_in_parallel_chunks_and_row_blocks(kw, flat_width, rng, monkeypatch):
    """Tiny chunks (row blocks of one sample) spread over worker threads give the same
    forward and gradients as the loop reference, in both window-expansion layouts."""
    pytest.importorskip("threadpoolctl")
    monkeypatch.setattr(conv_module.settings, "FLAT_MAX_WIDTH", flat_width)
    monkeypatch.setattr(conv_module.settings, "FLAT_MIN_DEPTH", 0)  # however shallow the filters
    monkeypatch.setattr(conv_module.settings, "THREADS", 2)
    monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", 0)
    monkeypatch.setattr(conv_module.settings, "CHUNK_BYTES", 3000)
    x = rng.normal(size=(3, 4, 9, 8))
    w = rng.normal(size=(6, 4 // kw.get("groups", 1), 3, 2))
    xt, wt = mg.tensor(x), mg.tensor(w)
    y = conv_nd(xt, wt, algorithm="direct", **kw)
    stride, dilation = kw.get("stride", 1), kw.get("dilation", 1)
    st2, dl2 = (
        (stride,) * 2 if isinstance(stride, int) else stride,
        (dilation,) * 2 if isinstance(dilation, int) else dilation,
    )
    pairs = ref.padding_pairs(kw["padding"], x.shape[2:], w.shape[2:], st2, dl2)
    ref_kw = dict(stride=st2, dilation=dl2, groups=kw.get("groups", 1), pairs=pairs)
    np.testing.assert_allclose(y.data, ref.conv_ref(x, w, **ref_kw), rtol=1e-10, atol=1e-12)
    dy = rng.normal(size=y.shape)
    y.backward(dy)
    dx, dw, _ = ref.conv_grads_ref(x, w, dy, **ref_kw)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("flat_width", [0, 16])
@pytest.mark.parametrize("kw", [dict(padding=1), dict(padding=(1, 2), stride=2), dict(padding=0)])
@pytest.mark.parametrize("threads", [1, 2])
def test_direct_kernels_with_non_finite_values(kw, flat_width, threads, rng, monkeypatch):
    """inf/NaN in x or w reach exactly the outputs and gradients they reach in the loop
    reference (an infinite filter is never multiplied by padding, as it would be in the
    stride-1 input gradient computed as a correlation over the zero-padded dy), and the
    flat layout's dropped columns never leak them into the filter gradient. On worker
    threads too, where the caller's np.errstate must still hold."""
    monkeypatch.setattr(conv_module.settings, "FLAT_MAX_WIDTH", flat_width)
    monkeypatch.setattr(conv_module.settings, "FLAT_MIN_DEPTH", 0)  # however shallow the filters
    monkeypatch.setattr(conv_module.settings, "THREADS", threads)
    monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", 0)
    x = rng.normal(size=(2, 2, 6, 5))
    w = rng.normal(size=(3, 2, 3, 3))
    x[0, 1, 2, 4], x[1, 0, 0, 0] = np.inf, np.nan
    stride = (kw.get("stride", 1),) * 2
    pairs = ref.padding_pairs(kw["padding"], x.shape[2:], w.shape[2:], stride, (1, 1))
    dy = rng.normal(
        size=(2, 3)
        + tuple(ref.grid_size(n + lo + hi, 3, s, 1) for n, (lo, hi), s in zip(x.shape[2:], pairs, stride))
    )
    for xa, wa in ((x, w), (np.nan_to_num(x), np.where(np.arange(w.size).reshape(w.shape) == 7, np.inf, w))):
        xt, wt = mg.tensor(xa), mg.tensor(wa)
        with np.errstate(invalid="ignore", over="ignore"):
            y = conv_nd(xt, wt, algorithm="direct", **kw)
            y.backward(dy)
            expected = ref.conv_ref(xa, wa, stride=stride, pairs=pairs)
            dx, dw, _ = ref.conv_grads_ref(xa, wa, dy, stride=stride, pairs=pairs)
        np.testing.assert_allclose(y.data, expected, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(xt.grad, dx, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------------- empty inputs
@st.composite
def _empty_conv_case(draw):
    """A conv with one empty axis among N, C, F or a spatial input axis (with enough
    padding for the kernel to fit)."""
    d = draw(st.integers(1, 2))
    groups = draw(st.sampled_from([1, 2]))
    which = draw(st.sampled_from(["N", "C", "F", "X"]))
    n = 0 if which == "N" else draw(st.integers(1, 2))
    cg = 0 if which == "C" else draw(st.integers(1, 2))
    fg = 0 if which == "F" else draw(st.integers(1, 2))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(d))
    stride = tuple(draw(st.integers(1, 2)) for _ in range(d))
    spatial = [draw(st.integers(3, 5)) for _ in range(d)]
    pairs = [(draw(st.integers(0, 2)), draw(st.integers(0, 2))) for _ in range(d)]
    if which == "X":
        axis = draw(st.integers(0, d - 1))
        spatial[axis] = 0
        pairs[axis] = (kernel[axis] // 2, kernel[axis] - kernel[axis] // 2)
    x_shape = (n, cg * groups, *spatial)
    w_shape = (fg * groups, cg, *kernel)
    return x_shape, w_shape, tuple(stride), tuple(pairs), groups, draw(st.booleans())


@given(_empty_conv_case(), st.sampled_from(["auto", "direct", "fft"]))
def test_empty_inputs_match_the_loop_reference(case, algorithm):
    """Empty batch, channels, filters or spatial input (padded): the result and every gradient
    have the right shapes and equal the loop reference (sums over nothing are zero)."""
    x_shape, w_shape, stride, pairs, groups, with_bias = case
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=x_shape), rng.normal(size=w_shape)
    bias = rng.normal(size=w_shape[0]) if with_bias else None
    xt, wt = mg.tensor(x), mg.tensor(w)
    bt = None if bias is None else mg.tensor(bias)
    y = conv_nd(xt, wt, stride=stride, padding=pairs, groups=groups, bias=bt, algorithm=algorithm)
    expected = ref.conv_ref(x, w, bias=bias, stride=stride, pairs=pairs, groups=groups)
    assert y.shape == expected.shape
    np.testing.assert_allclose(y.data, expected, atol=1e-12)
    dy = rng.normal(size=y.shape)
    y.backward(dy)
    dx, dw, db = ref.conv_grads_ref(x, w, dy, stride=stride, pairs=pairs, groups=groups)
    np.testing.assert_allclose(xt.grad, dx, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, atol=1e-12)
    if bt is not None:
        np.testing.assert_allclose(bt.grad, db, atol=1e-12)


def test_empty_batch_matches_pytorch():
    torch = pytest.importorskip("torch")
    x, w, b = np.zeros((0, 2, 5, 5)), np.ones((3, 2, 3, 3)), np.arange(3.0)
    xt, wt = mg.tensor(x), mg.tensor(w)
    y = conv_nd(xt, wt, bias=b, padding=1, stride=2)
    y.sum().backward()
    tx, tw = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    ty = torch.nn.functional.conv2d(tx, tw, torch.tensor(b), padding=1, stride=2)
    ty.sum().backward()
    assert y.shape == tuple(ty.shape) == (0, 3, 3, 3)
    np.testing.assert_array_equal(wt.grad, tw.grad.numpy())
    assert xt.grad.shape == x.shape

    yt = conv_transpose_nd(np.zeros((0, 2, 4)), np.ones((2, 3, 3)), stride=2)
    ref_t = torch.nn.functional.conv_transpose1d(torch.zeros(0, 2, 4), torch.ones(2, 3, 3), stride=2)
    assert yt.shape == tuple(ref_t.shape) == (0, 3, 9)


def test_empty_input_gradients_of_second_order():
    x, w = mg.tensor(np.zeros((0, 2, 5))), mg.tensor(np.ones((3, 2, 3)))
    (gw,) = mg.grad((conv_nd(x, w) ** 2).sum(), [w], create_graph=True)
    (gx,) = mg.grad(gw.sum(), [x])
    assert gw.shape == w.shape and not gw.data.any()
    assert gx.shape == x.shape


def test_empty_filter_bank_and_empty_output_channels():
    x = np.ones((2, 4, 5, 5))
    assert conv_nd(x, np.ones((0, 4, 3, 3))).shape == (2, 0, 3, 3)
    assert conv_nd(x, np.ones((0, 2, 3, 3)), groups=2).shape == (2, 0, 3, 3)
    assert conv_transpose_nd(x, np.ones((4, 0, 3, 3))).shape == (2, 0, 7, 7)


def test_zero_size_kernels_and_empty_transposed_grids_raise():
    with pytest.raises(ValueError, match="filter_bank must have a kernel of size >= 1"):
        conv_nd(np.ones((1, 2, 5, 5)), np.ones((3, 2, 0, 3)))
    with pytest.raises(ValueError, match="filter_bank must have a kernel of size >= 1"):
        conv_transpose_nd(np.ones((1, 2, 5)), np.ones((2, 3, 0)))
    with pytest.raises(ValueError, match=r"x must have at least one position .* \(1, 2, 0, 5\)"):
        conv_transpose_nd(np.zeros((1, 2, 0, 5)), np.ones((2, 3, 3, 3)))


# --------------------------------------------------------------------------- NaN and "auto"
def _issue_geometry():
    """The case from the report: the cost model sends it to the FFT."""
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(2, 4, 64, 64)), rng.normal(size=(4, 4, 31, 31))
    geom = conv_module.W.make_geometry((64, 64), (31, 31), (1, 1), (1, 1), ((0, 0), (0, 0)))
    assert conv_module._choose_algorithm("auto", geom, 2, 4, 4, 1) == "fft"
    return x, w


def test_auto_keeps_the_direct_nan_pattern_where_fft_spreads_it():
    x, w = _issue_geometry()
    x[1, 2, 10, 40] = np.nan
    with np.errstate(invalid="ignore"):
        auto = conv_nd(x, w).data
        direct = conv_nd(x, w, algorithm="direct").data
        fft = conv_nd(x, w, algorithm="fft").data
    np.testing.assert_array_equal(np.isnan(auto), np.isnan(direct))
    # the windows that contain (10, 40): rows 0..10, columns 10..33 of the (34, 34) grid, per filter
    assert np.isnan(direct).sum() == 4 * 11 * 24
    assert np.isnan(fft[1]).all()  # the documented difference of algorithm="fft"
    np.testing.assert_allclose(auto[~np.isnan(auto)], direct[~np.isnan(direct)], rtol=1e-9, atol=1e-9)


def test_auto_matches_pytorch_on_nan_and_inf():
    torch = pytest.importorskip("torch")
    x, w = _issue_geometry()
    x[0, 1, 5, 5], w[2, 0, 3, 3] = np.nan, np.inf
    with np.errstate(invalid="ignore", over="ignore"):
        ours = conv_nd(x, w).data
    theirs = torch.nn.functional.conv2d(torch.tensor(x), torch.tensor(w)).numpy()
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(theirs))
    np.testing.assert_array_equal(np.isposinf(ours), np.isposinf(theirs))
    np.testing.assert_array_equal(np.isneginf(ours), np.isneginf(theirs))


def test_auto_backward_keeps_the_direct_nan_pattern():
    """A NaN in the incoming gradient (finite x and w) reaches only the input positions under
    its window, as on the direct path."""
    x, w = _issue_geometry()
    grads = {}
    for algorithm in ("auto", "direct"):
        xt, wt = mg.tensor(x), mg.tensor(w)
        y = conv_nd(xt, wt, algorithm=algorithm)
        dy = np.ones(y.shape)
        dy[0, 1, 3, 3] = np.nan
        with np.errstate(invalid="ignore"):
            y.backward(dy)
        grads[algorithm] = (xt.grad, wt.grad)
    for a, b in zip(grads["auto"], grads["direct"]):
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    assert 0 < np.isnan(grads["auto"][0]).sum() < grads["auto"][0][0].size


def test_auto_transposed_conv_keeps_the_direct_nan_pattern():
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(2, 4, 34, 34)), rng.normal(size=(4, 4, 31, 31))
    geom = conv_module.W.make_geometry((64, 64), (31, 31), (1, 1), (1, 1), ((0, 0), (0, 0)))
    assert conv_module._choose_algorithm("auto", geom, 2, 4, 4, 1) == "fft"
    x[1, 2, 5, 7] = np.nan
    with np.errstate(invalid="ignore"):
        auto = conv_transpose_nd(x, w).data
        direct = conv_transpose_nd(x, w, algorithm="direct").data
    # one input position spreads over a 31 x 31 patch of every output channel of its sample
    assert np.isnan(direct).sum() == 4 * 31 * 31
    np.testing.assert_array_equal(np.isnan(auto), np.isnan(direct))


def _blas_threads(threadpoolctl):
    return min(info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas")


@pytest.mark.parametrize("parallel", [False, True])
def test_concurrent_calls_leave_blas_thread_count_as_it_was(parallel, monkeypatch):
    """Conv calls in several user threads at once (small calls, which run on one BLAS
    thread, and with ``parallel`` also calls split over worker threads) each set BLAS's
    process-wide thread count to 1 for their duration; once all have returned it is back
    to what it was, and every result is right."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    if parallel:
        monkeypatch.setattr(conv_module.settings, "THREADS", 2)
        monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", 0)
    x, w = np.ones((1, 2, 8, 8)), np.ones((2, 2, 3, 3))
    xl, wl = np.ones((4, 2, 12, 12)), np.ones((2, 2, 3, 3))
    before = _blas_threads(threadpoolctl)
    if before < 2:
        pytest.skip("NumPy's BLAS runs on one thread here: nothing to restore")
    expected, expected_l = conv_nd(x, w).data, conv_nd(xl, wl).data
    bad = []

    def calls(large: bool) -> None:
        for _ in range(300):
            if large:
                if not np.array_equal(conv_nd(xl, wl).data, expected_l):
                    bad.append("large")
            elif not np.array_equal(conv_nd(x, w).data, expected):
                bad.append("small")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=calls, args=(parallel and i == 0,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not bad
    assert _blas_threads(threadpoolctl) == before


def test_conv_inside_a_threadpool_limits_block_keeps_the_users_setting(monkeypatch):
    """A conv call (small, or split over worker threads) inside the user's own
    ``threadpool_limits`` block leaves the user's count in place, and the block still
    restores the original count when it ends."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = _blas_threads(threadpoolctl)
    if before < 2:
        pytest.skip("NumPy's BLAS runs on one thread here: nothing to restore")
    monkeypatch.setattr(conv_module.settings, "THREADS", 2)
    x, w = np.ones((4, 2, 12, 12)), np.ones((2, 2, 3, 3))
    for min_flops in (0, 1e12):  # split over worker threads / one small call
        monkeypatch.setattr(conv_module.settings, "PARALLEL_MIN_FLOPS", min_flops)
        with threadpoolctl.threadpool_limits(limits=before + 1, user_api="blas"):
            inside = _blas_threads(threadpoolctl)
            y = conv_nd(x, w)
            assert _blas_threads(threadpoolctl) == inside
        np.testing.assert_array_equal(y.data, np.full((4, 2, 10, 10), 18.0))
        assert _blas_threads(threadpoolctl) == before


def test_layout_choice_by_filter_depth():
    """Stride-1 convs with narrow outputs take the flat layout only when their products
    are deep enough (the filter gradient's twice as deep); a single input channel never."""
    from mygrad_like.nnet import _conv_direct, _windows

    geom = _windows.make_geometry((8, 8), (3, 3), (1, 1), (1, 1), ((1, 1), (1, 1)))
    depth = conv_module.settings.FLAT_MIN_DEPTH
    assert not _conv_direct._use_flat(geom, 1 * 9)
    assert _conv_direct._use_flat(geom, depth)
    assert not _conv_direct._use_flat(geom, depth - 1)
    strided = _windows.make_geometry((8, 8), (3, 3), (2, 2), (1, 1), ((1, 1), (1, 1)))
    assert not _conv_direct._use_flat(strided, 10 * depth)


@pytest.mark.parametrize("channels", [1, 16])
def test_demo_shapes_in_the_layout_they_take(channels, rng):
    """The demo CNN's two convs (one input channel: window layout; sixteen: flat) against
    the loop reference, with second derivatives on a cut-down batch."""
    x, w = rng.normal(size=(3, channels, 8, 8)), rng.normal(size=(4, channels, 3, 3))
    xt, wt = mg.tensor(x), mg.tensor(w)
    y = conv_nd(xt, wt, padding=1, algorithm="direct")
    pairs = ((1, 1), (1, 1))
    np.testing.assert_allclose(y.data, ref.conv_ref(x, w, pairs=pairs), rtol=1e-10, atol=1e-12)
    dy = rng.normal(size=y.shape)
    y.backward(dy)
    dx, dw, _ = ref.conv_grads_ref(x, w, dy, pairs=pairs)
    np.testing.assert_allclose(xt.grad, dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wt.grad, dw, rtol=1e-10, atol=1e-12)
    xs, ws = x[:1, :, :4, :5], w[:2]
    assert gradgradcheck(lambda a, b: conv_nd(a, b, padding=1, algorithm="direct"), xs, ws)
