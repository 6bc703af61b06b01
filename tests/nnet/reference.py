"""Slow, obviously-correct references for convolution and pooling (any number of spatial axes).

Explicit loops over output positions and kernel offsets (vectorised only over the batch
and channel axes), written from the definitions and independent of the library's window
code: no strided views, no im2col. Gradients are the chain rule written out with the
same loops.
"""

from __future__ import annotations

import itertools
import math

import numpy as np


# --------------------------------------------------------------------------- geometry (the spec)
def padding_pairs(padding, in_shape, kernel, stride, dilation):
    """The (lo, hi) pairs the issue specifies for each accepted form of ``padding``."""
    d = len(kernel)
    if padding == "valid":
        return [(0, 0)] * d
    if padding == "full":
        return [(dl * (k - 1), dl * (k - 1)) for k, dl in zip(kernel, dilation)]
    if padding == "same":
        pairs = []
        for x, k, s, dl in zip(in_shape, kernel, stride, dilation):
            out = math.ceil(x / s)
            total = max((out - 1) * s + dl * (k - 1) + 1 - x, 0)
            pairs.append((total // 2, total - total // 2))
        return pairs
    if isinstance(padding, int):
        return [(padding, padding)] * d
    return [(p, p) if isinstance(p, int) else tuple(p) for p in padding]


def grid_size(padded, k, s, dl):
    """Count the placements that fit, one by one (the floor rule, by enumeration)."""
    g = 0
    while g * s + dl * (k - 1) <= padded - 1:
        g += 1
    return g


def source(i, n, mode):
    """The input index a padded position ``i`` (input coordinates) copies, or None for zeros."""
    if 0 <= i < n:
        return i
    if mode == "zeros":
        return None
    if mode == "replicate":
        return min(max(i, 0), n - 1)
    if mode == "circular":
        return i % n
    while not 0 <= i < n:  # reflect: bounce off the edges without repeating them
        i = -i if i < 0 else 2 * (n - 1) - i
    return i


def _positions(shape):
    return itertools.product(*(range(n) for n in shape))


def pad_ref(x, pairs, mode, fill=0.0):
    """``x`` padded on its trailing ``len(pairs)`` axes, position by position."""
    d = len(pairs)
    lead, in_shape = x.shape[: x.ndim - d], x.shape[x.ndim - d :]
    padded = [n + lo + hi for n, (lo, hi) in zip(in_shape, pairs)]
    out = np.full(lead + tuple(padded), fill, dtype=np.float64)
    for p in _positions(padded):
        src = [source(pi - lo, n, mode) for pi, (lo, _), n in zip(p, pairs, in_shape)]
        if None not in src:
            out[(Ellipsis, *p)] = x[(Ellipsis, *src)]
    return out


def fold_ref(gpad, in_shape, pairs, mode):
    """The chain rule of :func:`pad_ref`: each padded position adds to the element it copied."""
    d = len(pairs)
    lead = gpad.shape[: gpad.ndim - d]
    out = np.zeros(lead + tuple(in_shape))
    for p in _positions(gpad.shape[gpad.ndim - d :]):
        src = [source(pi - lo, n, mode) for pi, (lo, _), n in zip(p, pairs, in_shape)]
        if None not in src:
            out[(Ellipsis, *src)] += gpad[(Ellipsis, *p)]
    return out


# --------------------------------------------------------------------------- convolution
def conv_ref(x, w, bias=None, stride=None, pairs=None, dilation=None, groups=1, mode="zeros"):
    """Forward conv by loops. Returns the output (N, F, *G)."""
    d = w.ndim - 2
    stride = stride or [1] * d
    dilation = dilation or [1] * d
    pairs = pairs or [(0, 0)] * d
    xp = pad_ref(x, pairs, mode)
    kernel = w.shape[2:]
    grid = [grid_size(p, k, s, dl) for p, k, s, dl in zip(xp.shape[2:], kernel, stride, dilation)]
    n, f, cg = x.shape[0], w.shape[0], w.shape[1]
    fg = f // groups
    out = np.zeros((n, f, *grid))
    for g in _positions(grid):
        for k in _positions(kernel):
            pos = [gi * s + ki * dl for gi, ki, s, dl in zip(g, k, stride, dilation)]
            for grp in range(groups):
                fs, cs = slice(grp * fg, (grp + 1) * fg), slice(grp * cg, (grp + 1) * cg)
                out[(slice(None), fs, *g)] += xp[(slice(None), cs, *pos)] @ w[(fs, slice(None), *k)].T
    if bias is not None:
        out += np.asarray(bias).reshape((f,) + (1,) * d)
    return out


def conv_grads_ref(x, w, dy, stride=None, pairs=None, dilation=None, groups=1, mode="zeros"):
    """d<dy, conv(x, w) + b>/dx, /dw, /db by the chain rule, loop by loop."""
    d = w.ndim - 2
    stride = stride or [1] * d
    dilation = dilation or [1] * d
    pairs = pairs or [(0, 0)] * d
    xp = pad_ref(x, pairs, mode)
    kernel, grid = w.shape[2:], dy.shape[2:]
    f, cg = w.shape[0], w.shape[1]
    fg = f // groups
    dxp, dw = np.zeros_like(xp), np.zeros(w.shape)
    for g in _positions(grid):
        for k in _positions(kernel):
            pos = [gi * s + ki * dl for gi, ki, s, dl in zip(g, k, stride, dilation)]
            for grp in range(groups):
                fs, cs = slice(grp * fg, (grp + 1) * fg), slice(grp * cg, (grp + 1) * cg)
                dyg = dy[(slice(None), fs, *g)]  # (N, F/g)
                dxp[(slice(None), cs, *pos)] += dyg @ w[(fs, slice(None), *k)]
                dw[(fs, slice(None), *k)] += dyg.T @ xp[(slice(None), cs, *pos)]
    dx = fold_ref(dxp, x.shape[2:], pairs, mode)
    db = dy.sum(axis=(0, *range(2, dy.ndim)))
    return dx, dw, db


def conv_transpose_ref(
    y, w, bias=None, stride=None, pairs=None, output_padding=None, dilation=None, groups=1
):
    """Transposed conv by loops: ``y[n, ci, g] * w[ci, co, k]`` lands on ``g*s + k*dl - lo``."""
    d = w.ndim - 2
    stride = stride or [1] * d
    dilation = dilation or [1] * d
    pairs = pairs or [(0, 0)] * d
    output_padding = output_padding or [0] * d
    kernel, grid = w.shape[2:], y.shape[2:]
    size = [
        (g - 1) * s - lo - hi + dl * (k - 1) + 1 + op
        for g, k, s, dl, (lo, hi), op in zip(grid, kernel, stride, dilation, pairs, output_padding)
    ]
    cin, cog = w.shape[0], w.shape[1]
    cig = cin // groups
    out = np.zeros((y.shape[0], cog * groups, *size))
    for g in _positions(grid):
        for k in _positions(kernel):
            pos = [gi * s + ki * dl - lo for gi, ki, s, dl, (lo, _) in zip(g, k, stride, dilation, pairs)]
            if not all(0 <= p < n for p, n in zip(pos, size)):
                continue
            for grp in range(groups):
                ci, co = slice(grp * cig, (grp + 1) * cig), slice(grp * cog, (grp + 1) * cog)
                out[(slice(None), co, *pos)] += y[(slice(None), ci, *g)] @ w[(ci, slice(None), *k)]
    if bias is not None:
        out += np.asarray(bias).reshape((-1,) + (1,) * d)
    return out


def conv_transpose_grads_ref(y, w, dout, stride=None, pairs=None, dilation=None, groups=1):
    """d<dout, conv_transpose(y, w) + b>/dy, /dw, /db by the chain rule of the loops above."""
    d = w.ndim - 2
    stride = stride or [1] * d
    dilation = dilation or [1] * d
    pairs = pairs or [(0, 0)] * d
    kernel, grid, size = w.shape[2:], y.shape[2:], dout.shape[2:]
    cin, cog = w.shape[0], w.shape[1]
    cig = cin // groups
    dy, dw = np.zeros(y.shape), np.zeros(w.shape)
    for g in _positions(grid):
        for k in _positions(kernel):
            pos = [gi * s + ki * dl - lo for gi, ki, s, dl, (lo, _) in zip(g, k, stride, dilation, pairs)]
            if not all(0 <= p < n for p, n in zip(pos, size)):
                continue
            for grp in range(groups):
                ci, co = slice(grp * cig, (grp + 1) * cig), slice(grp * cog, (grp + 1) * cog)
                do = dout[(slice(None), co, *pos)]  # (N, C_out/g)
                dy[(slice(None), ci, *g)] += do @ w[(ci, slice(None), *k)].T
                dw[(ci, slice(None), *k)] += y[(slice(None), ci, *g)].T @ do
    return dy, dw, dout.sum(axis=(0, *range(2, dout.ndim)))


# --------------------------------------------------------------------------- pooling
def _pool_windows(x, pool, stride, pairs, dilation, fill):
    """Yield (g, stacked window values (..., n_window), [(kernel offset, real?)])."""
    xp = pad_ref(x, pairs, "zeros", fill=fill)
    d = len(pool)
    padded = xp.shape[xp.ndim - d :]
    grid = [grid_size(p, k, s, dl) for p, k, s, dl in zip(padded, pool, stride, dilation)]
    for g in _positions(grid):
        vals, where = [], []
        for k in _positions(pool):
            pos = [gi * s + ki * dl for gi, ki, s, dl in zip(g, k, stride, dilation)]
            real = all(lo <= p < lo + n for p, (lo, _), n in zip(pos, pairs, x.shape[x.ndim - d :]))
            vals.append(xp[(Ellipsis, *pos)])
            where.append(([p - lo for p, (lo, _) in zip(pos, pairs)], real))
        yield g, grid, np.stack(vals, axis=-1), where


def max_pool_ref(x, pool, stride, pairs, dilation, dy=None):
    """(output, dx) of max pooling; dx routes each window's gradient to its first maximum."""
    d = len(pool)
    lead = x.shape[: x.ndim - d]
    out = dx = None
    for g, grid, vals, where in _pool_windows(x, pool, stride, pairs, dilation, -np.inf):
        if out is None:
            out = np.zeros(lead + tuple(grid))
            dx = np.zeros(x.shape)
        out[(Ellipsis, *g)] = vals.max(axis=-1)
        if dy is not None:
            first = vals.argmax(axis=-1)  # first maximal element of each window
            for j, (pos, real) in enumerate(where):
                if real:
                    dx[(Ellipsis, *pos)] += np.where(first == j, dy[(Ellipsis, *g)], 0.0)
    return out, dx


def avg_pool_ref(x, pool, stride, pairs, dilation, count_include_pad=True, dy=None):
    """(output, dx) of average pooling over zero padding."""
    d = len(pool)
    lead = x.shape[: x.ndim - d]
    out = dx = None
    for g, grid, vals, where in _pool_windows(x, pool, stride, pairs, dilation, 0.0):
        if out is None:
            out = np.zeros(lead + tuple(grid))
            dx = np.zeros(x.shape)
        count = len(where) if count_include_pad else sum(real for _, real in where)
        out[(Ellipsis, *g)] = vals.sum(axis=-1) / count
        if dy is not None:
            for pos, real in where:
                if real:
                    dx[(Ellipsis, *pos)] += dy[(Ellipsis, *g)] / count
    return out, dx
