"""mygrad_like.functional (vjp, jvp, jacobian, hessian, hvp, vhp) and differentiable seeds in
``grad(create_graph=True)``: against a fourth-order finite-difference Jacobian (always) and
torch.autograd.functional (when torch is installed), over hypothesis-drawn programs that
use conv_nd (stride, dilation, groups, padding), pooling, broadcasting, indexing and
reductions; return structures; errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like.nnet import avg_pool, conv_nd, max_pool

ATOL_FD = 1e-10  # fourth-order central differences, h = 1e-4, float64
TOL_TORCH = 1e-10


# --------------------------------------------------------------------------- helpers
def _np(res):
    """Nested tuples of mygrad_like or torch tensors -> nested tuples of float64 arrays."""
    if isinstance(res, tuple):
        return tuple(_np(r) for r in res)
    if isinstance(res, mg.Tensor):
        return np.asarray(res.data, dtype=np.float64)
    return res.detach().numpy().astype(np.float64)


def assert_same(a, b, atol, rtol=None):
    """Same nesting (tuple vs single tensor) and values."""
    assert isinstance(a, tuple) == isinstance(b, tuple), (type(a), type(b))
    if isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y, atol, rtol)
        return
    assert a.shape == b.shape, (a.shape, b.shape)
    np.testing.assert_allclose(a, b, atol=atol, rtol=atol if rtol is None else rtol)


def fd_jacobian(f, arrays, h=1e-4):
    """``J[i][j]`` (shape out_i.shape + in_j.shape) of ``f(*arrays) -> tuple of arrays`` by the
    fourth-order central difference (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    outs = f(*arrays)
    jac = [[np.zeros(o.shape + a.shape) for a in arrays] for o in outs]
    for j, a in enumerate(arrays):
        for k in range(a.size):
            vals = []
            for step in (2 * h, h, -h, -2 * h):
                moved = [b.copy() for b in arrays]
                moved[j].reshape(-1)[k] += step
                vals.append(f(*moved))
            for i in range(len(outs)):
                col = (-vals[0][i] + 8 * vals[1][i] - 8 * vals[2][i] + vals[3][i]) / (12 * h)
                jac[i][j].reshape(outs[i].size, a.size)[:, k] = col.reshape(-1)
    return jac


# --------------------------------------------------------------------------- programs
class MG:
    """The mygrad_like side of a drawn program."""

    tanh, sin, exp = staticmethod(mg.tanh), staticmethod(mg.sin), staticmethod(mg.exp)

    @staticmethod
    def conv(x, w, p):
        return conv_nd(
            x, w, stride=p["stride"], padding=p["padding"], dilation=p["dilation"], groups=p["groups"]
        )

    @staticmethod
    def pool(x, kind, d, stride, padding):
        if kind == "max":
            return max_pool(x, (2,) * d, stride)
        return avg_pool(x, (2,) * d, stride, padding)

    @staticmethod
    def reduce(x, kind, axis):
        return {"sum": mg.sum, "mean": mg.mean, "max": mg.max, "prod": mg.prod}[kind](x, axis=axis)

    @staticmethod
    def index(x, idx):
        return x[idx]


class TORCH:
    """The same programs in torch."""

    def __init__(self, torch):
        self.t = torch
        self.F = torch.nn.functional
        self.tanh, self.sin, self.exp = torch.tanh, torch.sin, torch.exp

    def conv(self, x, w, p):
        fn = {1: self.F.conv1d, 2: self.F.conv2d}[w.ndim - 2]
        return fn(x, w, stride=p["stride"], padding=p["padding"], dilation=p["dilation"], groups=p["groups"])

    def pool(self, x, kind, d, stride, padding):
        if kind == "max":
            return {1: self.F.max_pool1d, 2: self.F.max_pool2d}[d](x, 2, stride)
        return {1: self.F.avg_pool1d, 2: self.F.avg_pool2d}[d](x, 2, stride, padding)

    def reduce(self, x, kind, axis):
        if axis is None:
            x, axis = x.reshape(-1), 0
        if kind == "sum":
            return x.sum(dim=axis)
        if kind == "mean":
            return x.mean(dim=axis)
        if kind == "max":
            return x.amax(dim=axis)
        return x.prod(dim=axis)

    def index(self, x, idx):
        if isinstance(idx, np.ndarray):
            return x[self.t.as_tensor(idx)]
        return x[idx]


def _numeric():
    """The mygrad_like side on constants: evaluates a program without recording a graph."""
    L = MG()
    L.const = lambda arr: mg.tensor(arr, constant=True)
    return L


def _clear_max(z, axis):
    """Whether every max of ``z`` along ``axis`` wins by more than the finite differences can
    move two entries together (a near-tie would put a kink inside the difference stencil)."""
    with mg.no_autodiff:
        z = np.asarray(_numeric().const(z).data)
    z = z.reshape(-1) if axis is None else np.moveaxis(z, axis, -1)
    if z.shape[-1] < 2:
        return True
    top = np.sort(z, axis=-1)
    return bool(np.all(top[..., -1] - top[..., -2] > 2e-3))


@st.composite
def conv_programs(draw):
    """x -> [max or avg pool] -> conv_nd(w) -> nonlinearity; outputs the map and/or a reduction."""
    d = draw(st.integers(1, 2))
    groups = draw(st.integers(1, 2))
    c, f = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    k = draw(st.integers(1, 3 if d == 1 else 2))
    p = {
        "stride": draw(st.integers(1, 2)),
        "dilation": draw(st.integers(1, 2)),
        "padding": draw(st.integers(0, 1)),
        "groups": groups,
    }
    pool = draw(st.sampled_from(["none", "max", "avg"]))
    pool_stride = draw(st.integers(1, 2))
    pool_pad = draw(st.integers(0, 1)) if pool == "avg" else 0
    span = p["dilation"] * (k - 1) + 1 - 2 * p["padding"]  # conv input side needed
    side = max(span, 1) + draw(st.integers(0, 2))
    if pool != "none":  # the pooled input must be at least `side` long
        side = (side - 1) * pool_stride + 2 - 2 * pool_pad
    side = max(side, 2)
    x_shape = (1, c) + (side,) * d
    w_shape = (f, c // groups) + (k,) * d
    act = draw(st.sampled_from(["tanh", "sin", "exp"]))
    reduction = draw(st.sampled_from(["none", "sum", "mean", "max", "prod"]))
    wrt = draw(st.sampled_from(["both", "x", "w"]))
    seed = draw(st.integers(0, 2**16))

    def body(L, x, w):
        if pool != "none":
            x = L.pool(x, pool, d, pool_stride, pool_pad)
        y = L.conv(x, w, p)
        return getattr(L, act)(y * 0.5)

    def program(L, x, w):
        y = body(L, x, w)
        return y if reduction == "none" else (y, L.reduce(y, reduction, 1))

    rng = np.random.default_rng(seed)
    # values in (-1, 1) at least 0.8 / size >= 2e-3 apart (size <= 400): no max pooling
    # changes its winner within the finite differences' 2h = 2e-4
    size = int(np.prod(x_shape))
    x = (rng.permutation(size).reshape(x_shape) + rng.uniform(0.3, 0.7, x_shape)) * (2.0 / size) - 1.0
    w = rng.normal(size=w_shape) * 0.5
    if reduction == "max":
        assume(_clear_max(body(_numeric(), x, w), 1))
    if wrt == "both":
        return program, (x, w), True
    if wrt == "x":
        return (lambda L, a: program(L, a, L.const(w))), (x,), False
    return (lambda L, b: program(L, L.const(x), b)), (w,), False


@st.composite
def dense_programs(draw):
    """Broadcasting between two inputs, indexing (basic, integer arrays with repeats, masks) and
    reductions; one or two outputs."""
    a_shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    b_shape = tuple(
        n if draw(st.booleans()) else 1 for n in a_shape[draw(st.integers(0, len(a_shape) - 1)) :]
    )
    index = draw(st.sampled_from(["none", "slice", "ints", "mask"]))
    reduction = draw(st.sampled_from(["sum", "mean", "max", "prod"]))
    axis = draw(st.integers(-1, len(a_shape) - 1)) if len(a_shape) > 1 else None
    two_outputs = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    ints = rng.integers(0, a_shape[0], size=3)  # repeats: gradients scatter-add
    mask = rng.random(a_shape) < 0.6
    mask.flat[0] = True  # never an empty selection

    def body(L, a, b):
        z = L.tanh(a) * L.exp(b * 0.3) + a * a
        if index == "slice":
            z = L.index(z, (slice(None, None, 2),))
        elif index == "ints":
            z = L.index(z, ints)
        elif index == "mask":
            z = L.index(z, mask)
        return z

    def program(L, a, b):
        z = body(L, a, b)
        r = L.reduce(z, reduction, None if index == "mask" else axis)
        return (z, r) if two_outputs else r

    size = int(np.prod(a_shape))
    a = (rng.permutation(size).reshape(a_shape) + 0.5) * (2.0 / size) - 1.0
    b = rng.normal(size=b_shape)
    if reduction == "max":
        assume(_clear_max(body(_numeric(), a, b), None if index == "mask" else axis))
    return program, (a, b), True


programs = st.one_of(conv_programs(), dense_programs())


def _mg_side(program, n_inputs):
    L = MG()
    L.const = lambda arr: mg.tensor(arr, constant=True)
    return lambda *xs: program(L, *xs)


def _torch_side(program, torch):
    L = TORCH(torch)
    L.const = lambda arr: torch.as_tensor(arr)
    return lambda *xs: program(L, *xs)


def _fd(program, arrays):
    f = _mg_side(program, len(arrays))

    def numeric(*arrs):
        with mg.no_autodiff:
            out = f(*(mg.tensor(a, constant=True) for a in arrs))
        outs = out if isinstance(out, tuple) else (out,)
        return [np.asarray(o.data, dtype=np.float64) for o in outs]

    return fd_jacobian(numeric, arrays)


def _shape_like(jac_fd, is_out_tuple, is_in_tuple):
    rows = [tuple(r) if is_in_tuple else r[0] for r in jac_fd]
    return tuple(rows) if is_out_tuple else rows[0]


def _inputs(arrays, as_tuple):
    ts = tuple(mg.tensor(a) for a in arrays)
    return ts if as_tuple else ts[0]


# --------------------------------------------------------------------------- grad seeds
def test_grad_seed_stays_in_graph():
    x = mg.tensor([1.0, 2.0])
    u = mg.tensor([1.0, 1.0])
    (g,) = mg.grad(x**3, x, grad_outputs=u, create_graph=True)
    (du,) = mg.grad((g * mg.tensor([1.0, 0.0])).sum(), u)
    np.testing.assert_array_equal(du.data, [3.0, 0.0])  # d(3 x^2 u)/du at x = (1, 2), seed e_0


def test_grad_seed_broadcast_and_cast_in_graph():
    x = mg.tensor(np.array([1.0, 2.0, 3.0]))
    u = mg.tensor(np.float32(2.0))  # broadcast to (3,) and cast to float64 by graph ops
    (g,) = mg.grad(mg.sin(x), x, grad_outputs=u, create_graph=True)
    np.testing.assert_allclose(g.data, 2 * np.cos(x.data))
    (du,) = mg.grad(g.sum(), u, retain_graph=True)
    assert du.dtype == np.float32 and du.shape == ()
    np.testing.assert_allclose(du.data, np.cos(x.data).sum(), rtol=1e-6)
    (dx,) = mg.grad(g.sum(), x)  # the seed still acts as a factor for d/dx
    np.testing.assert_allclose(dx.data, -2 * np.sin(x.data))


def test_grad_constant_seed_is_not_in_graph():
    x = mg.tensor([1.0, 2.0])
    u = mg.tensor([1.0, 1.0], constant=True)
    (g,) = mg.grad(x**3, x, grad_outputs=u, create_graph=True)
    with pytest.raises(ValueError, match="constant"):
        mg.grad(g.sum(), u)


def test_grad_seed_matches_torch():
    torch = pytest.importorskip("torch")
    xa, ua = np.array([0.3, -1.2, 2.0]), np.array([1.5, -0.5, 2.0])
    x, u = mg.tensor(xa), mg.tensor(ua)
    (g,) = mg.grad(mg.exp(x) * x, x, grad_outputs=u, create_graph=True)
    gx, gu = mg.grad((g**2).sum(), [x, u])
    xt = torch.tensor(xa, requires_grad=True)
    ut = torch.tensor(ua, requires_grad=True)
    (gt,) = torch.autograd.grad(torch.exp(xt) * xt, xt, grad_outputs=ut, create_graph=True)
    gxt, gut = torch.autograd.grad((gt**2).sum(), [xt, ut])
    assert_same((_np(gx), _np(gu)), (_np(gxt), _np(gut)), TOL_TORCH)


# --------------------------------------------------------------------------- against finite differences
@given(case=programs, data=st.data())
def test_programs_against_finite_differences(case, data):
    program, arrays, multi = case
    as_tuple = multi or data.draw(st.booleans())
    f = _mg_side(program, len(arrays))
    jac_fd = _fd(program, arrays)
    out = f(*(mg.tensor(a, constant=True) for a in arrays))
    is_out_tuple = isinstance(out, tuple)
    expected = _shape_like(jac_fd, is_out_tuple, as_tuple)
    for strategy in ("reverse-mode", "forward-mode"):
        got = mg.jacobian(f, _inputs(arrays, as_tuple), strategy=strategy)
        assert_same(_np(got), expected, ATOL_FD)

    rng = np.random.default_rng(0)
    outs = out if is_out_tuple else (out,)
    v_out = tuple(rng.normal(size=o.shape) for o in outs)
    v_in = tuple(rng.normal(size=a.shape) for a in arrays)
    # vjp_j = sum_i v_i . J_ij ; jvp_i = sum_j J_ij . v_j
    vjp_fd = [
        sum(np.tensordot(v, jac_fd[i][j], axes=v.ndim) for i, v in enumerate(v_out))
        for j in range(len(arrays))
    ]
    jvp_fd = [
        sum(np.tensordot(jac_fd[i][j], v, axes=v.ndim) for j, v in enumerate(v_in)) for i in range(len(outs))
    ]
    vo = v_out if is_out_tuple else v_out[0]
    vi = v_in if as_tuple else v_in[0]
    value, g = mg.vjp(f, _inputs(arrays, as_tuple), vo)
    assert_same(_np(value), tuple(_np(o) for o in outs) if is_out_tuple else _np(out), 0)
    assert_same(_np(g), tuple(vjp_fd) if as_tuple else vjp_fd[0], ATOL_FD)
    _, t = mg.jvp(f, _inputs(arrays, as_tuple), vi)
    assert_same(_np(t), tuple(jvp_fd) if is_out_tuple else jvp_fd[0], ATOL_FD)


# --------------------------------------------------------------------------- against torch
def _scalar(program, L_weights):
    """A scalar function of the program's inputs: a fixed weighted sum of its outputs."""

    def loss(L, *xs):
        out = program(L, *xs)
        outs = out if isinstance(out, tuple) else (out,)
        total = 0
        for o, w in zip(outs, L_weights(L, [tuple(o.shape) for o in outs])):
            total = total + (o * w).sum()
        return total

    return loss


@given(case=programs, data=st.data())
def test_programs_against_torch(case, data):
    torch = pytest.importorskip("torch")
    from torch.autograd import functional as TF

    program, arrays, multi = case
    as_tuple = multi or data.draw(st.booleans())
    f_mg = _mg_side(program, len(arrays))
    f_t = _torch_side(program, torch)

    def t_inputs():
        ts = tuple(torch.tensor(a) for a in arrays)
        return ts if as_tuple else ts[0]

    for strategy in ("reverse-mode", "forward-mode"):
        ours = mg.jacobian(f_mg, _inputs(arrays, as_tuple), strategy=strategy)
        assert_same(_np(ours), _np(TF.jacobian(f_t, t_inputs())), TOL_TORCH)

    out = f_mg(*(mg.tensor(a, constant=True) for a in arrays))
    outs = out if isinstance(out, tuple) else (out,)
    rng = np.random.default_rng(1)
    v_out = tuple(rng.normal(size=o.shape) for o in outs)
    v_in = tuple(rng.normal(size=a.shape) for a in arrays)
    vo = v_out if isinstance(out, tuple) else v_out[0]
    vi = v_in if as_tuple else v_in[0]

    def as_t(v):
        return tuple(torch.tensor(a) for a in v) if isinstance(v, tuple) else torch.tensor(v)

    assert_same(
        _np(mg.vjp(f_mg, _inputs(arrays, as_tuple), vo)), _np(TF.vjp(f_t, t_inputs(), as_t(vo))), TOL_TORCH
    )
    assert_same(
        _np(mg.jvp(f_mg, _inputs(arrays, as_tuple), vi)), _np(TF.jvp(f_t, t_inputs(), as_t(vi))), TOL_TORCH
    )

    # second order on a scalar loss of the program
    weights = [rng.normal(size=o.shape) for o in outs]
    loss = _scalar(program, lambda L, shapes: [L.const(w) for w in weights])
    loss_mg = _mg_side(loss, len(arrays))
    loss_t = _torch_side(loss, torch)
    strategy = data.draw(st.sampled_from(["reverse-mode", "forward-mode"]))
    h = mg.hessian(loss_mg, _inputs(arrays, as_tuple), outer_jacobian_strategy=strategy)
    assert_same(_np(h), _np(TF.hessian(loss_t, t_inputs())), TOL_TORCH)
    for ours, theirs in ((mg.hvp, TF.hvp), (mg.vhp, TF.vhp)):
        assert_same(
            _np(ours(loss_mg, _inputs(arrays, as_tuple), vi)),
            _np(theirs(loss_t, t_inputs(), as_t(vi))),
            TOL_TORCH,
        )


def test_create_graph_results_differentiate_like_torch():
    torch = pytest.importorskip("torch")
    from torch.autograd import functional as TF

    rng = np.random.default_rng(3)
    xa, wa = rng.normal(size=(1, 2, 6)), rng.normal(size=(3, 2, 3))
    va = rng.normal(size=xa.shape)

    def f(L, x, w):
        return L.tanh(L.conv(x, w, {"stride": 2, "padding": 1, "dilation": 1, "groups": 1}))

    f_mg, f_t = _mg_side(f, 2), _torch_side(f, torch)
    x, w, v = mg.tensor(xa), mg.tensor(wa), mg.tensor(va)
    xt, wt, vt = (torch.tensor(a, requires_grad=True) for a in (xa, wa, va))
    for strategy in ("reverse-mode", "forward-mode"):
        jx, jw = mg.jacobian(f_mg, (x, w), create_graph=True, strategy=strategy)
        ours = mg.grad((jx**2).sum() + (jw**3).sum(), [x, w])
        jxt, jwt = TF.jacobian(f_t, (xt, wt), create_graph=True)
        theirs = torch.autograd.grad((jxt**2).sum() + (jwt**3).sum(), [xt, wt])
        assert_same(_np(tuple(ours)), _np(tuple(theirs)), TOL_TORCH)
    # jvp: differentiable w.r.t. the inputs and the tangent
    _, t = mg.jvp(f_mg, (x, w), (v, mg.tensor(np.zeros(wa.shape))), create_graph=True)
    _, tt = TF.jvp(f_t, (xt, wt), (vt, torch.zeros(wa.shape, dtype=torch.float64)), create_graph=True)
    ours = mg.grad((t**2).sum(), [x, w, v])
    theirs = torch.autograd.grad((tt**2).sum(), [xt, wt, vt])
    assert_same(_np(tuple(ours)), _np(tuple(theirs)), TOL_TORCH)


def test_third_derivative_through_hessian():
    x = mg.tensor([1.0, -2.0, 0.5])
    for strategy in ("reverse-mode", "forward-mode"):
        h = mg.hessian(
            lambda a: (a**4).sum() + a[0] * a[1] ** 2, x, create_graph=True, outer_jacobian_strategy=strategy
        )
        (d3,) = mg.grad(h.sum(), x)  # sum(H) = 12 sum(x^2) + 2 x0 + 4 x1
        np.testing.assert_allclose(d3.data, 24 * x.data + np.array([2.0, 4.0, 0.0]), rtol=1e-14)


# --------------------------------------------------------------------------- hessian of a CNN loss
def _cnn_loss(x, labels):
    def loss(w):
        y = conv_nd(x, w, stride=1, padding=1, groups=1)
        y = avg_pool(mg.tanh(y), (2, 2), 2)
        scores = y.reshape(y.shape[0], -1)
        return mg.nnet.softmax_crossentropy(scores, labels)

    return loss


def test_hessian_of_cnn_loss_wrt_filter_bank_matches_finite_differences():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2, 2, 4, 4))
    w0 = rng.normal(size=(2, 2, 3, 3)) * 0.3
    labels = np.array([0, 5])
    loss = _cnn_loss(x, labels)
    h = mg.hessian(loss, mg.tensor(w0))
    assert h.shape == w0.shape * 2

    def value(w):
        with mg.no_autodiff:
            return float(loss(mg.tensor(w, constant=True)).item())

    eps, n = 1e-4, w0.size
    flat = w0.reshape(-1)
    fd = np.empty((n, n))
    for a in range(n):
        for b in range(a, n):
            vals = []
            for sa, sb in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                p = flat.copy()
                p[a] += sa * eps
                p[b] += sb * eps
                vals.append(value(p.reshape(w0.shape)))
            fd[a, b] = fd[b, a] = (vals[0] - vals[1] - vals[2] + vals[3]) / (4 * eps**2)
    np.testing.assert_allclose(h.data.reshape(n, n), fd, atol=1e-6)
    h_fwd = mg.hessian(loss, mg.tensor(w0), outer_jacobian_strategy="forward-mode")
    np.testing.assert_allclose(h_fwd.data, h.data, atol=1e-12)
    # hvp and vhp agree with the Hessian
    v = rng.normal(size=w0.shape)
    hv = h.data.reshape(n, n) @ v.reshape(-1)
    np.testing.assert_allclose(mg.hvp(loss, mg.tensor(w0), v)[1].data.reshape(-1), hv, atol=1e-12)
    np.testing.assert_allclose(mg.vhp(loss, mg.tensor(w0), v)[1].data.reshape(-1), hv, atol=1e-12)


# --------------------------------------------------------------------------- structure and edge cases
def test_return_structures():
    x, y = mg.tensor([1.0, 2.0, 3.0]), mg.tensor(2.0)
    j = mg.jacobian(lambda a: a * 2, x)
    assert isinstance(j, mg.Tensor) and j.shape == (3, 3)
    j = mg.jacobian(lambda a: (a * 2, a.sum()), x)
    assert isinstance(j, tuple)
    assert [b.shape for b in j] == [(3, 3), (3,)]
    j = mg.jacobian(lambda a, b: a * b, (x, y))
    assert isinstance(j, tuple) and [b.shape for b in j] == [(3, 3), (3,)]
    j = mg.jacobian(lambda a, b: (a * b, b), (x, y))
    assert [[b.shape for b in row] for row in j] == [[(3, 3), (3,)], [(3,), ()]]
    h = mg.hessian(lambda a, b: (a * b).sum(), (x, y))
    assert [[b.shape for b in row] for row in h] == [[(3, 3), (3,)], [(3,), ()]]
    out, g = mg.vjp(lambda a: (a, a * 2), (x,), (np.ones(3), np.ones(3)))
    assert isinstance(out, tuple) and isinstance(g, tuple) and len(g) == 1
    np.testing.assert_array_equal(g[0].data, [3.0, 3.0, 3.0])
    # results are constants detached from the inputs unless create_graph
    assert out[0].constant and g[0].constant and out[0] is not x


def test_independent_entries_are_zeros():
    x, y = mg.tensor([1.0, 2.0]), mg.tensor([3.0])
    for strategy in ("reverse-mode", "forward-mode"):
        jx, jy = mg.jacobian(lambda a, b: a * 2, (x, y), strategy=strategy)
        np.testing.assert_array_equal(jy.data, np.zeros((2, 1)))
    j = mg.jacobian(lambda a: mg.tensor([1.0, 2.0]), x)  # a constant output
    np.testing.assert_array_equal(j.data, np.zeros((2, 2)))
    _, t = mg.jvp(lambda a, b: (a, mg.tensor(0.0)), (x, y), (np.ones(2), np.ones(1)))
    np.testing.assert_array_equal(t[1].data, 0.0)
    np.testing.assert_array_equal(mg.hessian(lambda a: a.sum() * 3, x).data, np.zeros((2, 2)))


def test_arrays_float32_empty_and_nan():
    j = mg.jacobian(lambda a: a * a, np.array([1.0, 2.0], dtype=np.float32))
    assert j.dtype == np.float32
    np.testing.assert_array_equal(j.data, np.diag([2.0, 4.0]))
    j = mg.jacobian(lambda a: a * 2, np.zeros((0, 2)), strategy="forward-mode")
    assert j.shape == (0, 2, 0, 2)
    out, g = mg.vjp(lambda a: mg.sum(a * a), np.zeros(0))
    assert g.shape == (0,) and out.item() == 0.0
    _, t = mg.jvp(lambda a: mg.sqrt(a), np.array([np.nan, 4.0]), np.array([1.0, 1.0]))
    assert np.isnan(t.data[0]) and t.data[1] == 0.25


def test_caller_graph_is_left_alone():
    p = mg.tensor([1.0, 2.0])
    w = p * 3  # a non-leaf the function closes over
    x = mg.tensor([0.5, 0.5])
    mg.jacobian(lambda a: a * w, x)
    mg.vjp(lambda a: (a * w).sum(), x)
    mg.jvp(lambda a: a * w, x, np.ones(2))
    assert x.grad is None and p.grad is None
    (w * w).sum().backward()  # w's graph was not freed
    np.testing.assert_array_equal(p.grad, 2 * 3 * w.data)


def test_jacobian_create_graph_wrt_caller_graph():
    p = mg.tensor([1.0, 2.0])
    x = p * 2  # a non-leaf input: create_graph connects the result to p
    j = mg.jacobian(lambda a: a**3, x, create_graph=True)
    (dp,) = mg.grad(mg.sum(j), p)
    np.testing.assert_allclose(dp.data, 6 * x.data * 2)


# --------------------------------------------------------------------------- errors
def test_bad_v():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(ValueError, match=r"v has shape \(3,\)"):
        mg.vjp(lambda a: a * 2, x, np.ones(3))
    with pytest.raises(ValueError, match=r"v\[1\] has shape"):
        mg.jvp(lambda a, b: a * b, (x, x), (np.ones(2), np.ones(1)))
    with pytest.raises(ValueError, match="v has 1 entries"):
        mg.jvp(lambda a, b: a * b, (x, x), np.ones(2))
    with pytest.raises(ValueError, match="v has 2 entries"):
        mg.vjp(lambda a: a * 2, x, (np.ones(2), np.ones(2)))
    with pytest.raises(ValueError, match="v may be None only"):
        mg.vjp(lambda a: a * 2, x)
    with pytest.raises(ValueError, match="v may be None only"):
        mg.hvp(lambda a: (a * a).sum(), x)
    with pytest.raises(TypeError, match="v must be numeric"):
        mg.vhp(lambda a: (a * a).sum(), x, np.array(["a", "b"]))


def test_bad_func_outputs():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match="func given to vjp must return a Tensor.*ndarray"):
        mg.vjp(lambda a: a.data, x, np.ones(2))
    with pytest.raises(TypeError, match="func given to jacobian.*output 1 is float"):
        mg.jacobian(lambda a: (a, 1.0), x)
    with pytest.raises(TypeError, match="func given to jvp.*list"):
        mg.jvp(lambda a: [a], x, np.ones(2))
    with pytest.raises(ValueError, match="func given to hessian must return a tensor with a single element"):
        mg.hessian(lambda a: a * 2, x)
    with pytest.raises(TypeError, match="func given to hvp must return a single Tensor"):
        mg.hvp(lambda a: (a.sum(), a.sum()), x, np.ones(2))


def test_strict():
    x, y = mg.tensor([1.0, 2.0]), mg.tensor(3.0)
    with pytest.raises(ValueError, match="strict=True: output 0 of func is independent of input 1"):
        mg.jacobian(lambda a, b: a * 2, (x, y), strict=True)
    with pytest.raises(ValueError, match="strict=True: output 1 of func does not depend"):
        mg.jacobian(lambda a: (a, mg.tensor(1.0, constant=True)), x, strict=True, strategy="forward-mode")
    with pytest.raises(ValueError, match="strict=True: output 1 of func is independent of input 0"):
        mg.jacobian(lambda a: (a, mg.tensor(1.0)), x, strict=True)  # a variable, but not of a
    with pytest.raises(ValueError, match="strict=True: the outputs of func are independent of input 1"):
        mg.vjp(lambda a, b: a * 2, (x, y), np.ones(2), strict=True)
    with pytest.raises(ValueError, match="strict=True: the outputs of func are independent of input 1"):
        mg.jvp(lambda a, b: a * 2, (x, y), (np.ones(2), 1.0), strict=True)
    with pytest.raises(ValueError, match="strict=True"):
        mg.vhp(lambda a: a.sum() * 2, x, np.ones(2), strict=True)  # the gradient is constant
    # strict passes when everything depends on everything
    mg.jacobian(lambda a, b: a * b, (x, y), strict=True, strategy="forward-mode")


def test_bad_arguments():
    x = mg.tensor([1.0, 2.0])
    with pytest.raises(ValueError, match="strategy must be"):
        mg.jacobian(lambda a: a, x, strategy="forward")
    with pytest.raises(TypeError, match="inputs must be a Tensor or an array.*list"):
        mg.jacobian(lambda a: a, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"inputs\[1\] must have a floating dtype"):
        mg.jacobian(lambda a, b: a, (x, np.arange(3)))
    with pytest.raises(TypeError, match="create_graph must be True or False"):
        mg.vjp(lambda a: a.sum(), x, create_graph=None)
    with pytest.raises(TypeError, match="strict must be True or False"):
        mg.hessian(lambda a: a.sum(), x, strict="yes")
    with pytest.raises(ValueError, match="inputs must not be an empty tuple"):
        mg.jacobian(lambda: mg.tensor(1.0), ())
