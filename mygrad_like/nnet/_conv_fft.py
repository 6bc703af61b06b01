"""The FFT conv kernels (stride 1) and the cost model behind ``algorithm="auto"``.

With stride 1 the three maps of :mod:`mygrad_like.nnet.conv` are correlations/convolutions
along the window axes, so they can be computed as products of Fourier transforms. Every
axis is transformed at a length L >= the padded input size P: the largest index any of
the three maps touches is P - 1, so the circular transforms never wrap onto a used
position. Dilation is a kernel with zeros inserted (span = dilation * (K - 1) + 1);
channels are mixed per frequency by one batched complex GEMM per group::

    conv:           Y[n, f]  = sum_c X[n, c] conj(W[f, c])      y = Y^-1 [:G]
    conv_transpose: Xp[n, c] = sum_f D[n, f] W[f, c]            dx = Xp^-1 [:P] cropped
    filter_grad:    V[f, c]  = sum_n conj(D[n, f]) X[n, c]      dw = V^-1 [:span:dilation]

(X, W, D the transforms of the padded input, the dilated filters and dy). The three
stay adjoint to each other, so gradients of any order are unchanged.

:func:`_choose_algorithm` resolves ``algorithm=`` per call; its ``settings.FFT_COST_FACTOR`` is
read at call time and is also readable and settable on :mod:`mygrad_like.nnet.conv`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _windows as W
from ._conv_direct import settings


def _fast_length(n: int) -> int:
    """The smallest m >= n whose prime factors are 2, 3, 5 and 7 (fast for pocketfft)."""
    m = n
    while True:
        r = m
        for p in (2, 3, 5, 7):
            while r % p == 0:
                r //= p
        if r == 1:
            return m
        m += 1


def _fft_lengths(geom: W.Geometry) -> tuple[int, ...]:
    return tuple(_fast_length(p) for p in geom.padded_shape)


def _fft(a: np.ndarray, lengths: tuple[int, ...]) -> np.ndarray:
    d = len(lengths)
    return np.fft.rfftn(a, s=lengths, axes=tuple(range(a.ndim - d, a.ndim)))


def _ifft(a: np.ndarray, lengths: tuple[int, ...], keep: tuple, dtype: Any) -> np.ndarray:
    d = len(lengths)
    out = np.fft.irfftn(a, s=lengths, axes=tuple(range(a.ndim - d, a.ndim)))
    return np.ascontiguousarray(out[(Ellipsis, *keep)], dtype=dtype)


def _dilated(w: np.ndarray, geom: W.Geometry) -> np.ndarray:
    if all(dl == 1 for dl in geom.dilation):
        return w
    spans = tuple(dl * (k - 1) + 1 for k, dl in zip(geom.kernel, geom.dilation))
    out = np.zeros(w.shape[:2] + spans, w.dtype)
    out[(Ellipsis, *(slice(None, None, dl) for dl in geom.dilation))] = w
    return out


def _mix(a: np.ndarray, b: np.ndarray, groups: int, conj_a: bool, conj_b: bool) -> np.ndarray:
    """Per frequency and group: ``a (P, groups * Q, *B) , b (groups * Q, R, *B)`` ->
    ``(P, groups * R, *B)``, contracting Q (conjugating the flagged operand)."""
    p, q = a.shape[0], a.shape[1] // groups
    r, freq = b.shape[1], a.shape[2:]
    if conj_a:
        a = np.conj(a)
    if conj_b:
        b = np.conj(b)
    if q <= 16:  # few terms: multiply-accumulate whole frequency planes (no transposes)
        out = np.zeros((p, groups * r) + freq, np.result_type(a, b))
        for g in range(groups):
            og = out[:, g * r : (g + 1) * r]
            for j in range(g * q, (g + 1) * q):
                og += a[:, j, None] * b[j][None]
        return out
    nb = int(np.prod(freq, dtype=np.int64))
    am = np.ascontiguousarray(a.reshape(p, groups, q, nb).transpose(3, 1, 0, 2))  # (B, groups, P, Q)
    bm = np.ascontiguousarray(b.reshape(groups, q, r, nb).transpose(3, 0, 1, 2))  # (B, groups, Q, R)
    out = np.matmul(am, bm)  # one small complex GEMM per frequency and group
    return np.ascontiguousarray(out.transpose(2, 1, 3, 0)).reshape((p, groups * r) + freq)


def _conv_fft(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None, geom: W.Geometry, groups: int
) -> np.ndarray:
    dtype = np.result_type(x, w) if b is None else np.result_type(x, w, b)
    lengths = _fft_lengths(geom)
    xf = _fft(W.pad(x.astype(dtype, copy=False), geom.padding), lengths)
    wf = _fft(_dilated(w.astype(dtype, copy=False), geom), lengths)
    # sum_c X[n, c] conj(W[f, c]): W is (F, C/g) -> mix needs (C, F/g) per group
    wt = wf.reshape((groups, w.shape[0] // groups, w.shape[1]) + wf.shape[2:]).swapaxes(1, 2)
    yf = _mix(xf, wt.reshape((-1, w.shape[0] // groups) + wf.shape[2:]), groups, False, True)
    out = _ifft(yf, lengths, tuple(slice(0, g) for g in geom.out_shape), dtype)
    if b is not None:
        out += b.reshape((-1,) + (1,) * geom.ndim)
    return out


def _conv_transpose_fft(
    dy: np.ndarray, w: np.ndarray, b: np.ndarray | None, geom: W.Geometry, groups: int
) -> np.ndarray:
    dtype = np.result_type(dy, w) if b is None else np.result_type(dy, w, b)
    lengths = _fft_lengths(geom)
    df = _fft(dy.astype(dtype, copy=False), lengths)
    wf = _fft(_dilated(w.astype(dtype, copy=False), geom), lengths)
    xpf = _mix(df, wf, groups, False, False)  # sum_f D[n, f] W[f, c]
    xpad = _ifft(xpf, lengths, tuple(slice(0, p) for p in geom.padded_shape), dtype)
    out = W.unpad(xpad, geom.in_shape, geom.padding)
    if b is not None:
        out = out + b.reshape((-1,) + (1,) * geom.ndim)
    return np.ascontiguousarray(out)


def _filter_grad_fft(x: np.ndarray, dy: np.ndarray, geom: W.Geometry, groups: int) -> np.ndarray:
    dtype = np.result_type(x, dy)
    lengths = _fft_lengths(geom)
    xf = _fft(W.pad(x.astype(dtype, copy=False), geom.padding), lengths)
    df = _fft(dy.astype(dtype, copy=False), lengths)
    # sum_n conj(D[n, f]) X[n, c]: contract the batch axis, one group at a time
    f, c = dy.shape[1], x.shape[1]
    fg, cg = f // groups, c // groups
    out = np.empty((f, cg) + geom.kernel, dtype)
    keep = tuple(slice(0, dl * (k - 1) + 1, dl) for k, dl in zip(geom.kernel, geom.dilation))
    for g in range(groups):
        dfg = df[:, g * fg : (g + 1) * fg].swapaxes(0, 1)  # (F/g, N, *B)
        xfg = xf[:, g * cg : (g + 1) * cg]  # (N, C/g, *B)
        vf = _mix(dfg, xfg, 1, True, False)  # (F/g, C/g, *B)
        out[g * fg : (g + 1) * fg] = _ifft(vf, lengths, keep, dtype)
    return out


def _fft_supported(geom: W.Geometry) -> bool:
    return all(s == 1 for s in geom.stride)


def _choose_algorithm(algorithm: str, geom: W.Geometry, n: int, c: int, f: int, groups: int) -> str:
    """Resolve ``algorithm`` to "direct" or "fft" for this geometry (stride > 1: direct).

    "auto" compares flop counts of one forward pass, the FFT's weighted by
    ``settings.FFT_COST_FACTOR`` (the FFTs and the small batched per-frequency complex GEMMs
    run far below BLAS speed): large kernels go to the FFT, small ones stay direct.
    """
    if algorithm == "direct" or not _fft_supported(geom):
        return "direct"
    if algorithm == "fft":
        return "fft"
    direct = 2.0 * n * f * (c // groups) * geom.kernel_size * geom.out_size
    lengths = _fft_lengths(geom)
    total = float(np.prod(lengths))
    bins = total / lengths[-1] * (lengths[-1] // 2 + 1)
    transforms = 2.5 * (n * c + n * f + f * (c // groups)) * total * max(np.log2(total), 1.0)
    mixing = 8.0 * n * f * (c // groups) * bins
    return "fft" if (transforms + mixing) * settings.FFT_COST_FACTOR < direct else "direct"
