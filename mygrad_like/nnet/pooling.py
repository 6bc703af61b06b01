"""N-dimensional max and average pooling over the trailing axes of a tensor.

Both use the window arithmetic of :mod:`._windows` (argument canonicalisation, the
output-shape rule, per-kernel-offset slices with the padding clipped away), like
convolution. Work is a loop over the kernel offsets, each step one vectorised pass over
the output grid; there is no loop over output positions, no window-sized copy and no
padded copy of the input.

Gradients, and their gradients::

    max_pool(x)      = gather(x, argmax)     d/dx: scatter(g, argmax)   (the argmax is a constant)
    scatter(g)       adjoint of gather  ->   d/dg: gather(h, argmax)
    avg_pool(x)      = scale * window_sum(x) d/dx: window_sum_T(scale * g)
    window_sum_T(g)  adjoint of the above -> d/dg: scale * window_sum(h)

so each is differentiable to any order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply
from . import _windows as W
from ._conv_direct import _workers, spread
from .conv import _array, _run

__all__ = ["max_pool", "avg_pool"]

ArrayLike = Any


# --------------------------------------------------------------------------- kernels
# Every kernel loops over the kernel offsets; for each offset the windows whose element
# there is real input line up with a strided slice of the unpadded input
# (:func:`._windows.clipped_offset_slices`), so padding is never materialised.
def _targets(geom: W.Geometry) -> list[tuple[int, tuple, tuple]]:
    """(flat offset index, input slices, grid slices) for every offset that reaches the input."""
    out = []
    for j, k in enumerate(W.kernel_offsets(geom)):
        sl = W.clipped_offset_slices(geom, k)
        if sl is not None:
            out.append((j, *sl))
    return out


def _lead(a: np.ndarray, geom: W.Geometry) -> tuple:
    return a.shape[: a.ndim - geom.ndim]


def _lowest(dtype: np.dtype) -> Any:
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


#: Pooling works through the leading axes in blocks of about this many bytes of input, so
#: that the passes over the kernel offsets find their block still in cache.
BLOCK_BYTES = 2**20


#: Inputs of at least this many bytes are pooled by as many worker threads as conv uses
#: (each pass is memory-bound and NumPy runs it on one core).
PARALLEL_MIN_BYTES = 2**21


def _blocks(lead: tuple, per_row: int) -> tuple[list[slice], int]:
    """Slices of the flattened leading axes, each covering about :data:`BLOCK_BYTES`, at
    least one per worker thread; and how many worker threads to share them out to."""
    rows = int(np.prod(lead, dtype=np.int64))
    nw = _workers(rows, rows * per_row) if rows * per_row >= PARALLEL_MIN_BYTES else 1
    step = max(1, min(BLOCK_BYTES // max(per_row, 1), -(-rows // nw)))
    return [slice(r, min(r + step, rows)) for r in range(0, rows, step)] or [slice(0, 0)], nw


def _flat(a: np.ndarray, geom: W.Geometry) -> np.ndarray:
    """``a`` with its leading (unpooled) axes flattened into one (a view when they allow it)."""
    return a.reshape((-1,) + a.shape[a.ndim - geom.ndim :])


def _window_max(x: np.ndarray, geom: W.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """(max, flat kernel index of the first maximal element) of every window.

    Written without masked copies (slow on random masks): the max is ``np.maximum``
    (which propagates NaN), the index is updated arithmetically.
    """
    shape = _lead(x, geom) + geom.out_shape
    # without padding offset 0 covers every window and initialises it
    best = np.full(shape, _lowest(x.dtype), x.dtype) if geom.has_padding else np.empty(shape, x.dtype)
    arg = np.zeros(shape, np.uint8 if geom.kernel_size < 256 else np.intp)
    # with padding, a window's first *real* element is taken whatever its value
    seen = np.zeros(shape, bool) if geom.has_padding else None
    nan_aware = x.dtype.kind == "f" and _sum_is(np.isnan, x)
    targets = _targets(geom)
    xf, bf, af = _flat(x, geom), _flat(best, geom), _flat(arg, geom)
    sf = None if seen is None else _flat(seen, geom)

    def work(blocks: list[slice]) -> None:
        for rows in blocks:
            for n, (j, inp, grd) in enumerate(targets):
                v, b, a = xf[(rows, *inp)], bf[(rows, *grd)], af[(rows, *grd)]
                if n == 0 and sf is None:  # no padding: offset 0 covers every window
                    b[...] = v
                    continue
                better = v > b  # strict: on ties the first element keeps the max
                if nan_aware:  # the first NaN of a window is kept
                    better |= np.isnan(v) & ~np.isnan(b)
                if sf is not None:
                    sb = sf[(rows, *grd)]
                    better |= ~sb
                    sb[...] = True
                # a = j where better: the offsets come in increasing order, so j exceeds every
                # index stored so far and the update is a maximum
                np.maximum(a, np.multiply(better, a.dtype.type(j), dtype=a.dtype), out=a)
                np.maximum(b, v, out=b)

    spread(work, *_blocks(_lead(x, geom), x[(0,) * (x.ndim - geom.ndim)].nbytes if x.size else 1))
    return best, arg


def _select(values: np.ndarray, hit: np.ndarray, finite: bool) -> np.ndarray:
    """``values`` where ``hit``, else 0. Multiplying by the mask is much faster than
    ``np.where`` but turns inf/NaN outside the mask into NaN, so only for finite values."""
    return values * hit if finite else np.where(hit, values, 0)


def _sum_is(test: Any, a: np.ndarray) -> bool:
    """``test(np.sum(a))`` without warnings: one cheap pass to detect NaN/inf anywhere (a
    sum can also overflow or meet inf - inf, which only sends us down the slower path)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(test(np.sum(a)))


def _all_finite(a: np.ndarray) -> bool:
    return a.dtype.kind != "f" or _sum_is(np.isfinite, a)


def _scatter_to_argmax(g: np.ndarray, arg: np.ndarray, geom: W.Geometry) -> np.ndarray:
    """``g`` (``(..., *G)``) routed to each window's argmax position; shape ``(..., *X)``."""
    out = (np.empty if _tiles(geom) else np.zeros)(_lead(g, geom) + geom.in_shape, g.dtype)
    finite = _all_finite(g)
    targets = _targets(geom)
    gf, af, of = _flat(g, geom), _flat(arg, geom), _flat(out, geom)

    def work(blocks: list[slice]) -> None:
        for rows in blocks:
            for j, inp, grd in targets:
                hit, target, gb = af[(rows, *grd)] == j, of[(rows, *inp)], gf[(rows, *grd)]
                if geom.overlapping:
                    target += _select(gb, hit, finite)
                elif finite:  # each input element is reached by one (window, offset) pair at most
                    np.multiply(gb, hit, out=target)
                else:
                    target[...] = _select(gb, hit, finite)

    spread(work, *_blocks(_lead(g, geom), out[(0,) * (out.ndim - geom.ndim)].nbytes if out.size else 1))
    return out


def _tiles(geom: W.Geometry) -> bool:
    """Whether the windows tile the input exactly (every element in exactly one window)."""
    return not geom.has_padding and all(
        dl == 1 and s == k and x == g * k
        for x, k, s, dl, g in zip(geom.in_shape, geom.kernel, geom.stride, geom.dilation, geom.out_shape)
    )


def _gather_at_argmax(h: np.ndarray, arg: np.ndarray, geom: W.Geometry) -> np.ndarray:
    """``h`` (``(..., *X)``) read at each window's argmax position; shape ``(..., *G)``."""
    out = np.zeros(_lead(h, geom) + geom.out_shape, h.dtype)
    finite = _all_finite(h)
    for j, inp, grd in _targets(geom):
        out[(Ellipsis, *grd)] += _select(h[(Ellipsis, *inp)], arg[(Ellipsis, *grd)] == j, finite)
    return out


def _window_sum(x: np.ndarray, geom: W.Geometry, scale: Any) -> np.ndarray:
    """``scale * (sum of each zero-padded window)``; shape ``(..., *G)``."""
    out = np.zeros(_lead(x, geom) + geom.out_shape, _float(x.dtype))
    for _, inp, grd in _targets(geom):
        out[(Ellipsis, *grd)] += x[(Ellipsis, *inp)]
    out *= scale
    return out


def _window_sum_t(g: np.ndarray, geom: W.Geometry, scale: Any) -> np.ndarray:
    """The adjoint of :func:`_window_sum`: every window spreads ``scale * g`` over its elements."""
    gs = g * scale
    out = np.zeros(_lead(g, geom) + geom.in_shape, gs.dtype)
    for _, inp, grd in _targets(geom):
        out[(Ellipsis, *inp)] += gs[(Ellipsis, *grd)]
    return out


def _float(dtype: np.dtype) -> np.dtype:
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


# --------------------------------------------------------------------------- ops
class _MaxPool(Op):
    __slots__ = ()

    def forward(self, x, *, geom):
        best, self.arg = _window_max(x, geom)
        self.geom = geom
        return best

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_ArgmaxScatter, xp, g, arg=self.arg, geom=self.geom),)


class _ArgmaxScatter(Op):
    __slots__ = ()

    def forward(self, g, *, arg, geom):
        self.arg, self.geom = arg, geom
        return _scatter_to_argmax(g, arg, geom)

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_ArgmaxGather, xp, g, arg=self.arg, geom=self.geom),)


class _ArgmaxGather(Op):
    __slots__ = ()

    def forward(self, h, *, arg, geom):
        self.arg, self.geom = arg, geom
        return _gather_at_argmax(h, arg, geom)

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_ArgmaxScatter, xp, g, arg=self.arg, geom=self.geom),)


class _WindowSum(Op):
    __slots__ = ()

    def forward(self, x, *, geom, scale):
        self.geom, self.scale = geom, scale
        return _window_sum(x, geom, scale)

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_WindowSumT, xp, g, geom=self.geom, scale=self.scale),)


class _WindowSumT(Op):
    __slots__ = ()

    def forward(self, g, *, geom, scale):
        self.geom, self.scale = geom, scale
        return _window_sum_t(g, geom, scale)

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_WindowSum, xp, g, geom=self.geom, scale=self.scale),)


# --------------------------------------------------------------------------- boundary
def _pool_geometry(xa: np.ndarray, pool: Any, stride: Any, padding: Any, dilation: Any) -> W.Geometry:
    if isinstance(pool, (int, np.integer, str, bytes)) or not hasattr(pool, "__iter__"):
        raise TypeError(
            f"pool must be a tuple of ints, one per pooled trailing axis (e.g. (2, 2)); got {pool!r}"
        )
    pool_t = tuple(pool)
    d = len(pool_t)
    if d == 0:
        raise ValueError("pool must have at least one entry (one per pooled trailing axis); got ()")
    kernel = W.as_int_tuple(pool_t, d, "pool")
    if xa.ndim < d:
        raise ValueError(f"x must have at least len(pool)={d} axes to pool over; got shape {xa.shape}")
    stride = kernel if stride is None else W.as_int_tuple(stride, d, "stride")
    dilation = W.as_int_tuple(dilation, d, "dilation")
    in_shape = tuple(xa.shape[xa.ndim - d :])
    pairs = W.normalize_padding(padding, in_shape=in_shape, kernel=kernel, stride=stride, dilation=dilation)
    geom = W.make_geometry(in_shape, kernel, stride, dilation, pairs, name="pool")
    if geom.has_padding:
        for axis, counts in enumerate(W.real_counts(geom)):
            if not counts.all():
                raise ValueError(
                    f"padding {pairs[axis]} along pooled axis {axis} leaves a window with no input "
                    f"element in it (pool {kernel[axis]}, stride {stride[axis]}, dilation "
                    f"{dilation[axis]}, size {in_shape[axis]})"
                )
    return geom


def max_pool(
    x: ArrayLike,
    pool: tuple[int, ...],
    stride: Any = None,
    padding: Any = 0,
    dilation: Any = 1,
    *,
    constant: bool | None = None,
) -> Tensor:
    """Max pooling over the trailing ``len(pool)`` axes of ``x``.

    Parameters
    ----------
    x : array_like, shape (..., X0, ..., X{d-1})
        Any number of leading (unpooled) axes.
    pool : tuple of d ints
        The window size per pooled axis; ``d = len(pool)``.
    stride : int or tuple of d ints, optional
        Step between windows; defaults to ``pool`` (non-overlapping windows). Trailing
        positions that do not fit are dropped.
    padding : int, tuple or str, default 0
        As in :func:`~mygrad_like.nnet.conv_nd` (ints, per-axis ints, ``(lo, hi)``
        pairs, ``"valid"``, ``"same"``, ``"full"``). Padding never wins the max (it is
        ``-inf``); every window must contain at least one input element.
    dilation : int or tuple of d ints, default 1
        Spacing between window elements.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor, shape (..., G0, ..., G{d-1})

    See Also
    --------
    avg_pool : The mean over each window.
    conv_nd : Convolution over the same window arithmetic.
    mygrad_like.nnet.MaxPool : The layer. The :doc:`convolution guide </guides/convolution>`
        covers pooling windows, stride and padding.

    Notes
    -----
    The gradient of each window goes to its maximal element; on a tie, to the first one
    in row-major order of the window (like ``np.argmax`` on the flattened window). NaN
    counts as the maximum. The gradient is itself differentiable (it is a scatter
    whose adjoint is a gather at the same positions). Memory: the output and an index of
    the argmax (one byte per output element for windows of fewer than 256 elements).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import max_pool
    >>> x = mg.tensor([[0.0, 10.0, 8.0],
    ...                [2.0, 7.0, 3.0],
    ...                [5.0, 7.0, 20.0]])
    >>> out = max_pool(x, pool=(2, 2), stride=1)
    >>> out
    Tensor([[10., 10.],
            [ 7., 20.]])
    >>> out.sum().backward()
    >>> x.grad
    array([[0., 2., 0.],
           [0., 1., 0.],
           [0., 0., 1.]])
    >>> max_pool(mg.arange(5.0), (2,), 2, padding=1)
    Tensor([0., 2., 4.])
    """
    xa = _array(x, "x")
    geom = _pool_geometry(xa, pool, stride, padding, dilation)
    return apply(_MaxPool, x if isinstance(x, Tensor) else xa, geom=geom, constant=constant)


def avg_pool(
    x: ArrayLike,
    pool: tuple[int, ...],
    stride: Any = None,
    padding: Any = 0,
    count_include_pad: bool = True,
    *,
    dilation: Any = 1,
    constant: bool | None = None,
) -> Tensor:
    """Average pooling over the trailing ``len(pool)`` axes of ``x``.

    Parameters
    ----------
    x : array_like, shape (..., X0, ..., X{d-1})
    pool : tuple of d ints
        The window size per pooled axis.
    stride : int or tuple of d ints, optional
        Defaults to ``pool``. Trailing positions that do not fit are dropped.
    padding : int, tuple or str, default 0
        As in :func:`max_pool`; the padding holds zeros.
    count_include_pad : bool, default True
        Divide by the full window size (``True``) or by the number of input elements in
        the window (``False``; every window must then contain one).
    dilation : int or tuple of d ints, default 1
        Keyword-only: spacing between window elements.
    constant : bool, optional

    Returns
    -------
    Tensor, shape (..., G0, ..., G{d-1})
        Float (integer input gives float64).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import avg_pool
    >>> x = mg.tensor([[1.0, 2.0, 3.0, 4.0]])
    >>> avg_pool(x, (2,))
    Tensor([[1.5, 3.5]])
    >>> avg_pool(x, (2,), 2, padding=1)
    Tensor([[0.5, 2.5, 2. ]])
    >>> avg_pool(x, (2,), 2, padding=1, count_include_pad=False)
    Tensor([[1. , 2.5, 4. ]])
    """
    if not isinstance(count_include_pad, (bool, np.bool_)):
        raise TypeError(f"count_include_pad must be a bool; got {count_include_pad!r}")
    xa = _array(x, "x")
    geom = _pool_geometry(xa, pool, stride, padding, dilation)
    dtype = _float(xa.dtype)
    if count_include_pad or not geom.has_padding:
        scale: Any = dtype.type(1.0 / geom.kernel_size)
    else:
        counts = W.real_counts(geom)
        total = counts[0]
        for c in counts[1:]:
            total = np.multiply.outer(total, c)
        scale = (1.0 / total).astype(dtype)
    return apply(_WindowSum, x if isinstance(x, Tensor) else xa, geom=geom, scale=scale, constant=constant)
