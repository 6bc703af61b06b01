"""The direct conv kernels: window expansion (im2col) + BLAS products, chunked, on
worker threads, with scratch buffers reused across calls.

The three maps of :mod:`mygrad_like.nnet.conv` (conv, its transpose, the filter gradient)
on plain arrays, for any geometry. The ops there choose between these and the FFT
kernels of :mod:`._conv_fft`.

How it is computed
------------------
Forward: zero-pad a chunk of the batch, take the read-only strided window view
``(n, C, *G, *K)`` of it (:func:`._windows.window_view`), copy it once into a reused
buffer laid out ``(n, C, *K, *G)`` (im2col) and contract it with the filters by BLAS::

    # (groups, F/groups, C/groups*K) @ (n, groups, C/groups*K, G) -> (n, groups, F/groups, G)

so each sample of a chunk is one contiguous GEMM written straight into the output
``(N, F, *G)``; the two gradients are GEMMs of the same shape family reading the output
gradient in place. There is no Python loop over output positions; the only loops are over
batch chunks (and kernel offsets in the scatter-add of :func:`_conv_transpose_direct`).

Copying windows whose rows are short is slow (one small copy per row), so stride-1
convolutions with narrow outputs (``settings.FLAT_MAX_WIDTH``) lay the positions out over the
*padded* width instead: every kernel offset then reads one contiguous run of the padded
sample, and the few columns between rows are computed and cropped away
(:class:`_Expansion`).

The chunks are shared out to worker threads (:func:`_parallel`), each running its
matrix products on one BLAS thread: the copies, which NumPy runs on one core, then
overlap with the products instead of leaving the other cores idle. ``threadpoolctl`` sets
BLAS's thread count, a process-wide setting that concurrent calls share (:class:`_SingleBlas`);
with ``settings.THREADS`` = 1, or a BLAS it does not know, everything runs in the calling
thread with BLAS threaded as usual.

Memory
------
Work is done in chunks of at most ``settings.CHUNK_BYTES`` of window expansion in all (split
between the worker threads; whole samples when one fits, otherwise one sample split into
blocks of output rows along the first spatial axis). The scratch buffers (window
expansion, padded input chunks, one per recently used layout) live in a per-thread
workspace that is reused across chunks *and calls*: a fresh multi-MiB buffer per call
costs as much in page faults as the copy into it. The workspace holds at most a few
chunks' worth of memory per thread; :func:`clear_workspace` releases it (in every thread).

The settings (``settings.CHUNK_BYTES``, ``settings.THREADS``, ...) are read at call time; they are
also readable and settable as attributes of :mod:`mygrad_like.nnet.conv`.
"""

from __future__ import annotations

import math
import os
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from . import _windows as W


class ConvSettings:
    """Tuning knobs of the conv kernels, read at call time (``mygrad_like.nnet.conv.settings``).

    Attributes
    ----------
    CHUNK_BYTES : int
        Upper bound (bytes) of the window-expansion (im2col) buffers of one conv call,
        summed over its worker threads, unless a single row of windows of a single sample
        is larger: that row is the minimum. Default 8 MiB.
    THREADS : int or None
        Worker threads for the direct kernels: None = as many as NumPy's BLAS is set to use
        (each worker then runs its matrix products on one BLAS thread); 1 = run in the
        calling thread, BLAS using its own threads.
    PARALLEL_MIN_FLOPS : float
        Below this many flops per call the direct kernels run in the calling thread.
    ZEROED_BUFFERS : int
        How many zero-bordered (padded) buffers of different layouts a thread keeps.
    FLAT_MAX_WIDTH : int
        Stride-1 convolutions whose output rows (last axis) are narrower than this expand
        their windows over the padded width: one contiguous run per kernel offset and
        sample instead of one per output row, at the cost of computing, then cropping,
        the columns between rows.
    FLAT_MIN_DEPTH : int
        The flat layout is taken only when the filters have at least this many elements
        per group (``C/groups * prod(K)``; for the filter gradient twice as many):
        shallower products (one input channel, say) run faster over the real positions
        only.
    CORRELATION_MAX_RATIO : float
        The stride-1 transposed conv runs as a correlation (a window expansion of ``dy``)
        when ``F`` is at most this many times ``C``, else as a scatter-add.
    FFT_COST_FACTOR : float
        How many times more a counted FFT/mixing flop costs than a direct GEMM flop, for
        ``algorithm="auto"``. Measured on the benchmark shapes (2 cores, OpenBLAS,
        pocketfft), the break-even factor ranged from 5 (15x15 and 31-tap kernels) to 18
        (3x3, 64 channels).
    """

    def __init__(self) -> None:
        self.CHUNK_BYTES: int = 8 * 2**20
        self.THREADS: int | None = None
        self.PARALLEL_MIN_FLOPS: float = 2e6
        self.ZEROED_BUFFERS: int = 6
        self.FLAT_MAX_WIDTH: int = 16
        self.FLAT_MIN_DEPTH: int = 24
        self.CORRELATION_MAX_RATIO: float = 2.0
        self.FFT_COST_FACTOR: float = 10.0


#: The one settings object every kernel reads.
settings = ConvSettings()


# --------------------------------------------------------------------------- workspace
class _Workspace:
    """One thread's scratch buffers, kept between calls and reused.

    A fresh large allocation costs a page fault per 4 KiB page on first touch, which for
    the window expansion is as much time as the copy itself. Each role ("cols", ...)
    keeps one flat buffer that grows to the largest size asked for; zero-padded copies
    keep one per recent layout (:meth:`zeroed`). Nothing returned to a caller ever points
    into these buffers. :func:`clear_workspace` releases them.
    """

    def __init__(self) -> None:
        self.buffers: dict = {}
        self.tags: dict = {}  # role of the zeroed buffers -> their slots, least recently used first

    def get(self, role: str, shape: tuple, dtype: Any) -> np.ndarray:
        dtype = np.dtype(dtype)
        nbytes = math.prod(shape) * dtype.itemsize
        buf = self.buffers.get(role)
        if buf is None or buf.nbytes < nbytes:
            buf = self.buffers[role] = np.empty(max(nbytes, 1), np.uint8)
        return buf[:nbytes].view(dtype).reshape(shape)

    def zeroed(self, role: str, shape: tuple, dtype: Any, key: Any) -> np.ndarray:
        """A buffer whose elements outside the region that layout ``key`` always writes
        are zero. Each of the last few layouts keeps its own buffer (layers of a network
        alternate), zero-filled only when created or grown."""
        dtype = np.dtype(dtype)
        slot = (role, key, dtype)
        order = self.tags.setdefault(role, [])
        if slot in order:
            order.remove(slot)
        elif len(order) >= settings.ZEROED_BUFFERS:
            self.buffers.pop(order.pop(0), None)
        order.append(slot)
        nbytes = math.prod(shape) * dtype.itemsize
        buf = self.buffers.get(slot)
        if buf is None or buf.nbytes < nbytes:
            buf = self.buffers[slot] = np.zeros(max(nbytes, 1), np.uint8)
        return buf[:nbytes].view(dtype).reshape(shape)


_local = threading.local()
_registry: weakref.WeakSet = weakref.WeakSet()
_registry_lock = threading.Lock()


def _workspace() -> _Workspace:
    ws = getattr(_local, "workspace", None)
    if ws is None:
        ws = _local.workspace = _Workspace()
        with _registry_lock:
            _registry.add(ws)
    return ws


def clear_workspace() -> None:
    """Release the reusable conv scratch buffers of every thread (re-created on demand).

    Conv calls keep their window-expansion buffers (at most ``CHUNK_BYTES`` in all) between
    calls to avoid re-allocating them; call this to hand that memory back.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.conv import clear_workspace
    >>> y = mg.nnet.conv_nd(mg.ones((1, 1, 8)), mg.ones((1, 1, 3)))
    >>> clear_workspace()
    >>> mg.nnet.conv_nd(mg.ones((1, 1, 8)), mg.ones((1, 1, 3))).shape  # buffers come back
    (1, 1, 6)
    """
    with _registry_lock:
        for ws in list(_registry):
            ws.buffers.clear()
            ws.tags.clear()


# --------------------------------------------------------------------------- threads
class _Pool:
    """Worker threads and the BLAS thread control they need (threadpoolctl)."""

    lock = threading.Lock()  # one parallel region at a time
    blas: Any = None  # threadpoolctl controller of NumPy's BLAS; False when unavailable
    executor: ThreadPoolExecutor | None = None
    size = 0
    pid = 0


class _SingleBlas:
    """Process-wide "BLAS on one thread" shared by every thread that asks for it.

    BLAS's thread count is one setting for the whole process. Calls in several user
    threads that each saved, changed and restored it would interleave (save 2, set 1;
    save 1, set 1; restore 2; restore 1) and leave it at 1. Instead the first holder
    saves the counts and sets one thread, later holders only count themselves in, and
    the last one out (whichever thread that is) puts the saved counts back, all under
    one lock: whatever the interleaving, the counts are restored once every call has
    returned.
    """

    lock = threading.Lock()
    holders = 0
    saved: list = []  # per BLAS library, its thread count before the first holder set 1

    def __init__(self, ctl: Any) -> None:
        self.ctl = ctl

    def __enter__(self) -> None:
        with _SingleBlas.lock:
            if _SingleBlas.holders == 0:
                _SingleBlas.saved = [lib.num_threads for lib in self.ctl.lib_controllers]
                if any(n != 1 for n in _SingleBlas.saved):  # (nothing to do when already 1)
                    _set_blas_threads(self.ctl, [1] * len(_SingleBlas.saved))
            _SingleBlas.holders += 1

    def __exit__(self, *exc: Any) -> None:
        with _SingleBlas.lock:
            _SingleBlas.holders -= 1
            if _SingleBlas.holders == 0 and any(n != 1 for n in _SingleBlas.saved):
                _set_blas_threads(self.ctl, _SingleBlas.saved)


def _set_blas_threads(ctl: Any, counts: list) -> None:
    """Set each BLAS library's thread count, from whichever thread holds the lock.

    threadpoolctl lets only one thread at a time change a process-wide (pthreads)
    OpenBLAS pool: the first to set it, until it lets go. The thread that restores the
    counts may not be the one that set them, so each change lets go at once (a no-op
    when another thread, e.g. a user's ``threadpool_limits`` block, holds control; then
    that thread's setting stands).
    """
    for lib, n in zip(ctl.lib_controllers, counts):
        if n is None:
            continue
        lib.set_num_threads(n)
        release = getattr(type(lib), "clear_controlling_thread", None)
        if release is not None:
            release()  # only acts when this thread took control


def _current_blas_threads(ctl: Any) -> int:
    return min((lib.num_threads for lib in ctl.lib_controllers if lib.num_threads), default=1)


def _blas_controller() -> Any:
    if _Pool.blas is None:
        try:
            from threadpoolctl import ThreadpoolController

            ctl = ThreadpoolController().select(user_api="blas")
            _Pool.blas = ctl if ctl.lib_controllers else False
        except Exception:  # an unknown BLAS (or threadpoolctl unusable)
            _Pool.blas = False
    return _Pool.blas


def _blas_threads(ctl: Any) -> int:
    """BLAS's thread count as the user set it (not the 1 a conv call in another thread
    may have set for the time being)."""
    with _SingleBlas.lock:
        if _SingleBlas.holders:
            return min((n for n in _SingleBlas.saved if n), default=1)
    return _current_blas_threads(ctl)


def _workers(n_items: int, flops: float) -> int:
    """How many worker threads a kernel of ``flops`` over ``n_items`` work items should use."""
    if settings.THREADS == 1 or n_items < 2 or flops < settings.PARALLEL_MIN_FLOPS:
        return 1
    ctl = _blas_controller()
    if not ctl:
        return 1
    wanted = _blas_threads(ctl) if settings.THREADS is None else settings.THREADS
    return max(1, min(int(wanted), n_items))


def _executor(size: int) -> ThreadPoolExecutor:
    if _Pool.executor is None or _Pool.size < size or _Pool.pid != os.getpid():
        _Pool.executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="mygrad_like-conv")
        _Pool.size, _Pool.pid = size, os.getpid()
    return _Pool.executor


def _parallel(work: Any, items: list, nw: int, flops: float) -> list:
    """``[work(part) for part in parts]`` over ``items`` split into ``nw`` contiguous parts,
    one per worker thread (the calling thread runs the first), each worker's BLAS calls
    on a single thread.

    The kernels spend a good part of their time in copies (window expansion, padding)
    that NumPy runs on one core while BLAS would use all of them; workers that each copy
    and multiply their own chunks keep every core busy. With ``nw == 1`` (an unknown
    BLAS, ``settings.THREADS`` = 1), or while another thread's call runs in parallel,
    it runs in the calling thread with BLAS threaded as it is; small calls (``settings.PARALLEL_MIN_FLOPS``) run there on one BLAS
    thread. (A threaded BLAS call leaves BLAS's idle threads spinning for a while, which
    would slow down the workers of the next large call.)
    """
    nw = min(nw, len(items))
    if nw == 1 or not _Pool.lock.acquire(blocking=False):
        ctl = _blas_controller() if flops < settings.PARALLEL_MIN_FLOPS and settings.THREADS != 1 else None
        if not ctl:
            return [work(items)]
        with _SingleBlas(ctl):
            return [work(items)]
    try:
        with _SingleBlas(_blas_controller()):
            return spread(work, items, nw)
    finally:
        _Pool.lock.release()


def spread(work: Any, items: list, nw: int) -> list:
    """``[work(part) for part in parts]`` over ``items`` split into ``nw`` contiguous parts,
    the first run by the calling thread, the others by the worker threads, each under the
    caller's ``np.errstate``. BLAS is left as it is: for work that is NumPy passes only."""
    nw = min(nw, len(items))
    if nw <= 1:
        return [work(items)]
    bounds = [len(items) * i // nw for i in range(nw + 1)]
    parts = [items[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    pool = _executor(nw - 1)
    err = np.geterr()  # NumPy's error state is per thread: workers take the caller's

    def in_worker(part: list) -> Any:
        with np.errstate(**err):
            return work(part)

    futures = [pool.submit(in_worker, part) for part in parts[1:]]
    try:
        first = work(parts[0])
    finally:
        rest = [f.result() for f in futures]
    return [first, *rest]


# --------------------------------------------------------------------------- direct kernels
def _items(n_batch: int, rows: int, row_bytes: int, nw: int, split_rows: bool) -> list[tuple]:
    """Work items ``(n0, n1, r0, r1)`` for ``nw`` workers, at least one each when possible,
    whose window expansion fits ``settings.CHUNK_BYTES / nw``: whole samples while one fits, else
    blocks of output rows of one sample (with ``split_rows`` false, a whole sample per
    item all the same: its kernel blocks the rows itself)."""
    budget = settings.CHUNK_BYTES // nw
    sample = max(rows * row_bytes, 1)
    if sample <= budget or not split_rows:
        # as many chunks as the budget needs, rounded up to a multiple of nw, of equal size:
        # every worker gets the same number of samples
        chunks = -(-n_batch // max(1, budget // sample))
        step = max(1, -(-n_batch // (-(-chunks // nw) * nw)))
        return [(n0, min(n0 + step, n_batch), 0, rows) for n0 in range(0, n_batch, step)]
    rstep = _row_step(rows, row_bytes, budget)
    return [(n, n + 1, r0, min(r0 + rstep, rows)) for n in range(n_batch) for r0 in range(0, rows, rstep)]


def _row_step(rows: int, row_bytes: int, budget: int) -> int:
    return max(1, min(rows, budget // max(row_bytes, 1)))


class _Expansion:
    """One worker's window expansion (im2col) of chunks of ``x``, into reused buffers.

    ``expansion(n0, n1, r0, r1)`` copies the windows of samples ``n0:n1``, output rows
    ``r0:r1``, into a buffer ``(n, groups, C/groups * prod(K), r * row)``: per sample,
    channels and kernel offsets lead and positions follow, so the contraction with the
    filters is one contiguous GEMM per sample and group that reads the output gradient and
    writes the output in their natural ``(N, F, *G)`` layout (no transposing copies).

    Positions come ``row = prod(G[1:])`` per output row, or, in the *flat* layout (stride
    1, narrow outputs: ``settings.FLAT_MAX_WIDTH``), ``row = prod(P[1:])`` over the padded width:
    kernel offset ``k`` then reads one contiguous run of the zero-padded sample starting at
    its flat offset, and the columns past ``G`` along the trailing axes are computed and
    dropped (:meth:`place`, :meth:`grad_block`).

    Samples are copied into a zero-padded buffer (skipped without padding, unless flat)
    whose border is zeroed only when it is created. The views into the buffers are made
    once per chunk shape: small chunks cost little more than their two copies.
    """

    def __init__(
        self,
        x: np.ndarray,
        geom: W.Geometry,
        groups: int,
        dtype: Any,
        items: list,
        flat: bool | None = None,
        merged: bool = False,
    ) -> None:
        self.x, self.geom, self.groups, self.dtype = x, geom, groups, dtype
        self.ws = _workspace()
        n_max = max(n1 - n0 for n0, n1, _, _ in items)
        r_max = max(r1 - r0 for _, _, r0, r1 in items)
        c, d, padded = x.shape[1], geom.ndim, geom.padded_shape
        self.flat = _use_flat(geom, c // groups * geom.kernel_size) if flat is None else flat
        self.merged = self.flat and merged
        self.row = math.prod(padded[1:] if self.flat else geom.out_shape[1:])
        # the largest buffers first: every smaller view below shares their memory
        self.ws.get("cols", (n_max, c) + geom.kernel + (r_max * self.row,), dtype)
        self.src, dst = W._interior(geom.in_shape, geom.padding)
        if self.flat:
            steps = [math.prod(padded[i + 1 :]) for i in range(d)]
            size = math.prod(padded)
            # a run may read past its channel (into columns that are dropped): zeros at the end
            slack = sum(dl * (k - 1) * st for k, dl, st in zip(geom.kernel[1:], geom.dilation[1:], steps[1:]))
            buf = self.ws.zeroed(
                "pad", (n_max * c * size + slack,), x.dtype, ("flat", x.shape[1:], geom.padding)
            )
            self.pad_dst = buf[: n_max * c * size].reshape((n_max, c) + padded)[(Ellipsis, *dst)]
            it = buf.itemsize
            k_strides = tuple(dl * st * it for dl, st in zip(geom.dilation, steps))
            if self.merged:  # laid out (C, *K, n, positions): one product per chunk and group
                self.runs = (buf, (size * it,) + k_strides + (c * size * it, it))
            else:  # (n, C, *K, positions): one product per sample and group
                self.runs = (buf, (c * size * it, size * it) + k_strides + (it,))
        elif geom.has_padding:
            pad = self.ws.zeroed("pad", (n_max, c) + padded, x.dtype, (x.shape[1:], geom.padding))
            self.pad_dst = pad[(Ellipsis, *dst)]
            self.windows = W.window_view(pad, geom)  # (n_max, C, *G, *K)
        else:
            self.pad_dst = None
            self.windows = W.window_view(x, geom)
        self.perm = (0, 1, *range(2 + d, 2 + 2 * d), *range(2, 2 + d))  # (n, C, *K, *G) as (n, C, *G, *K)
        self.views: dict = {}
        self.filled: tuple | None = None

    def __call__(self, n0: int, n1: int, r0: int, r1: int) -> np.ndarray:
        n, c, geom = n1 - n0, self.x.shape[1], self.geom
        views = self.views.get((n, r0, r1))
        if views is None:
            count = (r1 - r0) * self.row
            if self.flat:
                merged = self.merged
                shape = (c,) + geom.kernel + (n, count) if merged else (n, c) + geom.kernel + (count,)
                cols = self.ws.get("cols", shape, self.dtype)
                buf, strides = self.runs
                src = np.lib.stride_tricks.as_strided(buf[r0 * self.row :], cols.shape, strides)
                mm = (
                    cols.reshape(self.groups, -1, n * count)
                    if merged
                    else cols.reshape(n, self.groups, -1, count)
                )
                views = (cols, src, mm)
            else:
                cols = self.ws.get("cols", (n, c) + geom.kernel + (count,), self.dtype)
                dst = cols.reshape((n, c) + geom.kernel + (r1 - r0,) + geom.out_shape[1:]).transpose(
                    self.perm
                )
                views = (dst, None, cols.reshape(n, self.groups, -1, count))
            self.views[(n, r0, r1)] = views
        if self.pad_dst is not None and self.filled != (n0, n1):  # row blocks of a sample share its copy
            self.pad_dst[:n] = self.x[(slice(n0, n1), slice(None), *self.src)]
            self.filled = (n0, n1)
        if self.flat:
            src = views[1]
        elif self.pad_dst is None:
            src = self.windows[n0:n1, :, r0:r1]
        else:
            src = self.windows[:n, :, r0:r1]
        np.copyto(views[0], src, casting="unsafe")
        return views[2]

    def _valid(self, a: np.ndarray, rows: int) -> np.ndarray:
        """``a`` (``(A, B, rows * row)``, flat layout) viewed at its real output positions."""
        g = self.geom
        return a.reshape(a.shape[:2] + (rows,) + g.padded_shape[1:])[
            (Ellipsis, *[slice(0, n) for n in g.out_shape[1:]])
        ]

    def place(
        self, out: np.ndarray, n0: int, n1: int, r0: int, r1: int, wm: np.ndarray, cols: np.ndarray
    ) -> None:
        """``out[n0:n1, :, r0:r1] = wm @ cols`` (``wm`` the grouped filters)."""
        n, f = n1 - n0, out.shape[1]
        if self.flat:  # (not merged: per sample measured faster than one product per chunk)
            full = self.ws.get("y", (n, self.groups, f // self.groups, cols.shape[-1]), self.dtype)
            np.matmul(wm, cols, out=full)
            out[n0:n1, :, r0:r1] = self._valid(full.reshape(n, f, -1), r1 - r0)
        elif (r0, r1) == (0, out.shape[2]):
            np.matmul(wm, cols, out=_block(out, n0, n1, self.groups, (r0, r1)))
        else:
            out[n0:n1, :, r0:r1] = np.matmul(wm, cols).reshape((n, f, r1 - r0) + out.shape[3:])

    def grad_block(self, dy: np.ndarray, n0: int, n1: int, r0: int, r1: int) -> np.ndarray:
        """Output-gradient rows ``r0:r1`` of samples ``n0:n1`` laid out like the expansion's
        positions: ``(n, groups, F/groups, r * row)``, or flat ``(groups, F/groups, n * r * row)``
        (zero at the dropped columns)."""
        if not self.flat:
            return _block(dy, n0, n1, self.groups, (r0, r1)).astype(self.dtype, copy=False)
        n, f, r = n1 - n0, dy.shape[1], r1 - r0
        if not self.merged:
            buf = self.ws.zeroed("dy", (n, f, r * self.row), self.dtype, ("flat", f, r, self.geom))
            self._valid(buf, r)[...] = dy[n0:n1, :, r0:r1]
            return buf.reshape(n, self.groups, f // self.groups, -1)
        buf = self.ws.zeroed("dy", (f, n, r * self.row), self.dtype, ("merged", f, r, self.geom))
        self._valid(buf, r)[...] = dy[n0:n1, :, r0:r1].swapaxes(0, 1)
        return buf.reshape(self.groups, f // self.groups, -1)


def _use_flat(geom: W.Geometry, depth: int) -> bool:
    """Whether a stride-1 conv whose products are ``depth`` deep (``C/groups * prod(K)``)
    takes the flat layout."""
    return (
        geom.ndim > 1
        and geom.out_shape[-1] < settings.FLAT_MAX_WIDTH
        and depth >= settings.FLAT_MIN_DEPTH
        and all(s == 1 for s in geom.stride)
    )


def _block(a: np.ndarray, n0: int, n1: int, groups: int, rows: tuple[int, int]) -> np.ndarray:
    """``a[n0:n1, :, r0:r1]`` (``a`` is ``(N, F, *G)``) as ``(n, groups, F/groups, r * prod(G[1:]))``:
    a view when the rows are all of them (of a C-contiguous ``a``), else a copy."""
    blk = a[n0:n1] if rows == (0, a.shape[2]) else a[n0:n1, :, rows[0] : rows[1]]
    return blk.reshape(n1 - n0, groups, a.shape[1] // groups, -1)


def _group_weights(w: np.ndarray, groups: int, dtype: Any) -> np.ndarray:
    """``(F, C/groups, *K)`` -> ``(groups, F/groups, C/groups * prod(K))``."""
    return w.reshape(groups, w.shape[0] // groups, -1).astype(dtype, copy=False)


def _conv_direct(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None, geom: W.Geometry, groups: int
) -> np.ndarray:
    """``y[n, f, g] = sum_{c, k} xpad[n, c, g*s + k*dl] w[f, c, k] (+ b[f])``; shape (N, F, *G)."""
    dtype = np.result_type(x, w) if b is None else np.result_type(x, w, b)
    (n_batch, c), f = x.shape[:2], w.shape[0]
    kk, grid = geom.kernel_size, geom.out_shape
    wm = _group_weights(w, groups, dtype)
    out = np.empty((n_batch, f) + grid, dtype)
    flops = 2.0 * n_batch * f * (c // groups) * kk * geom.out_size
    nw = _workers(n_batch * grid[0], flops)
    row_bytes = c * kk * (geom.out_size // grid[0]) * dtype.itemsize
    items = _items(n_batch, grid[0], row_bytes, nw, True)

    def work(part: list) -> None:
        expand = _Expansion(x, geom, groups, dtype, part)
        for n0, n1, r0, r1 in part:
            cols = expand(n0, n1, r0, r1)
            # (groups, F/g, C/g*K) @ (n, groups, C/g*K, r*G') -> (n, groups, F/g, r*G')
            expand.place(out, n0, n1, r0, r1, wm, cols)

    _parallel(work, items, nw, flops)
    if b is not None:
        out += b.reshape((f,) + (1,) * geom.ndim)
    return out


def _filter_grad_direct(x: np.ndarray, dy: np.ndarray, geom: W.Geometry, groups: int) -> np.ndarray:
    """``dw[f, c, k] = sum_{n, g} dy[n, f, g] xpad[n, c, g*s + k*dl]``; shape (F, C/groups, *K)."""
    dtype = np.result_type(x, dy)
    (n_batch, c), f = x.shape[:2], dy.shape[1]
    cg, fg = c // groups, f // groups
    kk, grid = geom.kernel_size, geom.out_shape
    rest = geom.out_size // grid[0]
    dy = np.ascontiguousarray(dy)
    flops = 2.0 * n_batch * f * cg * kk * geom.out_size
    nw = _workers(n_batch * grid[0], flops)
    items = _items(n_batch, grid[0], c * kk * rest * dtype.itemsize, nw, True)

    # its products sum over the positions: the flat layout's extra columns cost more there
    flat = _use_flat(geom, cg * kk // 2)

    def work(part: list, flat: bool = flat) -> np.ndarray:
        expand = _Expansion(x, geom, groups, dtype, part, flat, merged=True)
        acc = np.zeros((groups, cg * kk, fg), dtype)
        for n0, n1, r0, r1 in part:
            cols = expand(n0, n1, r0, r1)
            dyb = expand.grad_block(dy, n0, n1, r0, r1)
            # (n, groups, C/g*K, m) @ (n, groups, m, F/g) -> summed over n: (groups, C/g*K, F/g)
            # (flat: one product over the chunk); in this order BLAS runs faster than with
            # the transposed expansion second
            prod = np.matmul(cols, dyb.swapaxes(-1, -2))
            acc += prod if prod.ndim == 3 else prod[0] if n1 - n0 == 1 else prod.sum(axis=0)
        return acc

    parts = _parallel(work, items, nw, flops)
    dw = parts[0] if len(parts) == 1 else sum(parts)
    if flat and not np.isfinite(dw).all():
        # a non-finite input value read at a dropped column (times the zero gradient there)
        # must not leak into dw: redo over the real positions only
        dw = work(items, flat=False)
    return np.ascontiguousarray(dw.swapaxes(1, 2)).reshape((f, cg) + geom.kernel)


def _as_correlation(geom: W.Geometry) -> W.Geometry | None:
    """With stride 1 a transposed conv is a plain conv of ``dy`` with the flipped kernel.

    ``dx[x] = sum_k dy[x + lo - k*dl] w[k]``; with ``k' = K - 1 - k`` that reads ``dy``
    padded by ``dl*(K-1) - lo`` (low) and ``dl*(K-1) - hi`` (high) at ``x + k'*dl``. The
    geometry of that conv, or None when a stride is > 1 or a padding exceeds the kernel
    span (then the scatter-add is used).
    """
    if any(s != 1 for s in geom.stride):
        return None
    pairs = tuple(
        (dl * (k - 1) - lo, dl * (k - 1) - hi)
        for k, dl, (lo, hi) in zip(geom.kernel, geom.dilation, geom.padding)
    )
    if any(lo < 0 or hi < 0 for lo, hi in pairs):
        return None
    return W.Geometry(geom.out_shape, geom.kernel, geom.stride, geom.dilation, pairs, geom.in_shape)


def _flip_filters(w: np.ndarray, groups: int) -> np.ndarray:
    """``(F, C/g, *K)`` -> ``(C, F/g, *K)`` with the kernel reversed: the filters of the
    correlation that equals the transposed conv."""
    f, cg = w.shape[:2]
    d = w.ndim - 2
    wg = w.reshape((groups, f // groups, cg) + w.shape[2:]).swapaxes(1, 2)
    wg = wg[(Ellipsis, *[slice(None, None, -1)] * d)]
    return np.ascontiguousarray(wg).reshape((groups * cg, f // groups) + w.shape[2:])


def _conv_transpose_direct(
    dy: np.ndarray, w: np.ndarray, b: np.ndarray | None, geom: W.Geometry, groups: int
) -> np.ndarray:
    """The adjoint of ``x -> _conv_direct(x, w)``: ``dy (N, F, *G)`` -> ``(N, C, *X)`` (``+ b[c]``).

    With stride 1, ``F <= settings.CORRELATION_MAX_RATIO * C`` and finite filters this is the
    forward conv of ``dy`` with the flipped filters (:func:`_as_correlation`). Otherwise ``cols = W^T dy``
    (one GEMM per sample and group) is scatter-added over the kernel offsets straight into
    the result (the padding positions are clipped away,
    :func:`._windows.clipped_offset_slices`).
    """
    flipped = _as_correlation(geom)
    # (non-finite filters take the scatter-add, which never multiplies them by padding)
    if (
        flipped is not None
        and dy.shape[1] <= settings.CORRELATION_MAX_RATIO * w.shape[1] * groups
        and np.isfinite(w).all()
    ):
        return _conv_direct(dy, _flip_filters(w, groups), b, flipped, groups)
    dtype = np.result_type(dy, w) if b is None else np.result_type(dy, w, b)
    (n_batch, f), cg = dy.shape[:2], w.shape[1]
    c, kk, grid = cg * groups, geom.kernel_size, geom.out_shape
    rest = geom.out_size // grid[0]
    # (groups, C/g*K, F/g): a transposed view, BLAS reads it without a copy
    wt = _group_weights(w, groups, dtype).transpose(0, 2, 1)
    dy = np.ascontiguousarray(dy)
    out = np.zeros((n_batch, c) + geom.in_shape, dtype)
    flops = 2.0 * n_batch * f * cg * kk * geom.out_size
    nw = _workers(n_batch, flops)
    row_bytes = c * kk * rest * dtype.itemsize
    items = _items(n_batch, grid[0], row_bytes, nw, False)
    rstep = _row_step(grid[0], row_bytes, settings.CHUNK_BYTES // nw)

    blocks = [(r0, min(r0 + rstep, grid[0])) for r0 in range(0, grid[0], rstep)]
    # per row block and kernel offset: where its window elements are real input (padding dropped)
    targets = {
        rows: [(k, t) for k in W.kernel_offsets(geom) if (t := W.clipped_offset_slices(geom, k, rows))]
        for rows in blocks + [(0, grid[0])]
    }

    def work(part: list) -> None:
        ws = _workspace()
        for n0, n1, _, _ in part:
            for r0, r1 in blocks if n1 - n0 == 1 else [(0, grid[0])]:
                dyb = _block(dy, n0, n1, groups, (r0, r1))
                cols = ws.get("cols", (n1 - n0, groups, cg * kk, dyb.shape[-1]), dtype)
                np.matmul(
                    wt, dyb, out=cols
                )  # (groups, C/g*K, F/g) @ (n, groups, F/g, m) -> (n, groups, C/g*K, m)
                cols = cols.reshape((n1 - n0, c) + geom.kernel + (r1 - r0,) + grid[1:])
                block = out[n0:n1]
                for k, (inp, grd) in targets[(r0, r1)]:  # scatter-add each offset's (n, C, r, *G') slab
                    block[(Ellipsis, *inp)] += cols[(slice(None), slice(None), *k, *grd)]

    _parallel(work, items, nw, flops)
    if b is not None:
        out += b.reshape((c,) + (1,) * geom.ndim)
    return out
