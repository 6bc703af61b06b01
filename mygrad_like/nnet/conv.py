"""N-dimensional convolution and transposed convolution, with every geometry option.

This module is the op: the public functions, which canonicalise and validate their
arguments, and the three bilinear maps behind them as differentiable ops (forward and
backward side by side), with the derivation of their gradients below. The kernels that
compute the maps on arrays live in two private modules:

* :mod:`._conv_direct`: window expansion (im2col) + BLAS products, in chunks of bounded
  memory on worker threads, with scratch buffers reused across calls (any geometry);
* :mod:`._conv_fft`: products of real FFTs (stride 1), and the cost model that picks
  between the two for ``algorithm="auto"``.

Gradients, derived once (``y = conv(x, w)``, ``<a, b>`` the sum of ``a * b``)::

    y[n, f, g] = sum_{c in group(f), k} xpad[n, c, g * stride + k * dilation] w[f, c, k]

    dL/dx = conv_transpose(dy, w)   adjoint of x -> conv(x, w): scatter-add of
                                    W^T dy over kernel offsets, padding clipped; with
                                    stride 1 (and F <= 2 C) instead the forward conv of
                                    dy with the kernel flipped and F, C swapped
    dL/dw = filter_grad(x, dy)      dw[f, c, k] = sum_{n, g} dy[n, f, g] xpad[n, c, g*s + k*dl]
    dL/db = sum of dy over (N, *G)

All three maps are bilinear and adjoint to each other, so each one's gradient is
expressed with the other two::

    conv_transpose(dy, w):  d/d dy = conv(u, w)          d/dw = filter_grad(u, dy)
    filter_grad(x, dy):     d/dx   = conv_transpose(dy, v)  d/d dy = conv(x, v)

(``u``/``v`` the incoming gradients). Written as ops of their own, derivatives of any
order through :func:`conv_nd` and :func:`conv_transpose_nd` come for free.

Each of the three maps has two kernels: the direct one and, for stride 1, an FFT one,
chosen once per call by a cost estimate (``algorithm="auto"``) or by the user; the
gradient ops inherit the choice. ``padding_mode`` other than zeros is a separate
differentiable padding step whose gradient folds the padded border back onto the input
(its adjoint pair).

Memory and settings
-------------------
The direct kernels work in chunks of at most ``CHUNK_BYTES`` of window expansion in all,
in scratch buffers kept per thread and reused across calls; :func:`clear_workspace`
releases them. The tuning knobs (``CHUNK_BYTES``, ``THREADS``, ``PARALLEL_MIN_FLOPS``,
``FLAT_MAX_WIDTH``, ``FLAT_MIN_DEPTH``, ``ZEROED_BUFFERS``, ``CORRELATION_MAX_RATIO``, ``FFT_COST_FACTOR``) are
attributes of one object, ``mygrad_like.nnet.conv.settings``, that the kernels read at call
time: ``conv.settings.THREADS = 1`` keeps every call in the calling thread.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply
from . import _windows as W
from ._conv_direct import (  # noqa: F401  (settings: public tuning knobs)
    _conv_direct,
    _conv_transpose_direct,
    _filter_grad_direct,
    clear_workspace,
    settings,
)
from ._conv_fft import _choose_algorithm, _conv_fft, _conv_transpose_fft, _filter_grad_fft

__all__ = ["conv_nd", "conv_transpose_nd", "clear_workspace"]

ArrayLike = Any


# --------------------------------------------------------------------------- kernel choice
# ``algo`` is "direct", "fft" (asked for by the user) or "auto-fft": the FFT chosen by the
# cost model, which applies only when every operand is finite. A NaN or inf spreads over
# the whole FFT of its sample (and the filter's over every output), so a non-finite
# operand sends "auto-fft" down the direct path, which keeps NaN/inf where each window
# puts them. The test is one summing pass per operand (an overflowing sum of finite values
# only sends the call down the slower path).
#
# Sums over no terms are zero: an empty batch, channel axis, filter bank or (padded)
# spatial input gives a correctly shaped result of zeros (plus the bias) without calling a
# kernel, in every order of differentiation.
def _finite(*arrays: np.ndarray) -> bool:
    with np.errstate(over="ignore", invalid="ignore"):
        return all(a.dtype.kind != "f" or bool(np.isfinite(np.sum(a))) for a in arrays)


def _use_fft(algo: str, *operands: np.ndarray) -> bool:
    return algo == "fft" or (algo == "auto-fft" and _finite(*operands))


def _empty_result(shape: tuple, dtype: Any, b: np.ndarray | None) -> np.ndarray:
    out = np.zeros(shape, dtype)
    if b is not None:
        out += b.reshape(b.shape + (1,) * (len(shape) - 2))
    return out


def _result_dtype(*arrays: np.ndarray | None) -> np.dtype:
    return np.result_type(*(a for a in arrays if a is not None))


def _conv(x, w, b, geom, groups, algo):
    if x.size == 0 or w.size == 0:
        shape = (x.shape[0], w.shape[0]) + geom.out_shape
        return _empty_result(shape, _result_dtype(x, w, b), b)
    return (_conv_fft if _use_fft(algo, x, w) else _conv_direct)(x, w, b, geom, groups)


def _conv_transpose(dy, w, b, geom, groups, algo):
    if dy.size == 0 or w.size == 0 or 0 in geom.in_shape:
        shape = (dy.shape[0], w.shape[1] * groups) + geom.in_shape
        return _empty_result(shape, _result_dtype(dy, w, b), b)
    return (_conv_transpose_fft if _use_fft(algo, dy, w) else _conv_transpose_direct)(dy, w, b, geom, groups)


def _filter_grad(x, dy, geom, groups, algo):
    if x.size == 0 or dy.size == 0:
        shape = (dy.shape[1], x.shape[1] // groups) + geom.kernel
        return np.zeros(shape, _result_dtype(x, dy))
    return (_filter_grad_fft if _use_fft(algo, x, dy) else _filter_grad_direct)(x, dy, geom, groups)


def _resolve_algorithm(algorithm: str, geom: W.Geometry, n: int, c: int, f: int, groups: int) -> str:
    """``algorithm`` resolved for this call: "direct", "fft", or "auto-fft" when the cost
    model picked the FFT for ``"auto"`` (then non-finite operands still go direct)."""
    algo = _choose_algorithm(algorithm, geom, n, c, f, groups)
    return "auto-fft" if algo == "fft" and algorithm == "auto" else algo


# --------------------------------------------------------------------------- ops
def _run(op_cls: type, xp: Any, *args: Any, **params: Any) -> Any:
    """Run an op inside a backward pass: on plain arrays directly (first order), through
    :func:`apply` on tensors (``create_graph=True``) so that it is recorded."""
    if xp is np:
        return op_cls().forward(*args, **params)
    return apply(op_cls, *args, **params)


def _bias_grad(g: Any, xp: Any) -> Any:
    return xp.sum(g, axis=(0, *range(2, g.ndim)))


class _Conv(Op):
    """``conv(x, w) [+ b]`` on a canonical geometry (zero padding)."""

    __slots__ = ()

    def forward(self, x, w, *bias, geom, groups, algo):
        self.geom, self.groups, self.algo = geom, groups, algo
        return _conv(x, w, bias[0] if bias else None, geom, groups, algo)

    def backward(self, g, out, inputs, needs, xp):
        x, w = inputs[0], inputs[1]
        p = {"geom": self.geom, "groups": self.groups, "algo": self.algo}
        gx = _run(_ConvTranspose, xp, g, w, **p) if needs[0] else None
        gw = _run(_FilterGrad, xp, x, g, **p) if needs[1] else None
        gb = _bias_grad(g, xp) if len(inputs) > 2 and needs[2] else None
        return (gx, gw, gb)[: len(inputs)]


class _ConvTranspose(Op):
    """``conv_transpose(dy, w) [+ b]``: the adjoint of ``x -> conv(x, w)``."""

    __slots__ = ()

    def forward(self, dy, w, *bias, geom, groups, algo):
        self.geom, self.groups, self.algo = geom, groups, algo
        return _conv_transpose(dy, w, bias[0] if bias else None, geom, groups, algo)

    def backward(self, g, out, inputs, needs, xp):
        dy, w = inputs[0], inputs[1]
        p = {"geom": self.geom, "groups": self.groups, "algo": self.algo}
        gdy = _run(_Conv, xp, g, w, **p) if needs[0] else None
        gw = _run(_FilterGrad, xp, g, dy, **p) if needs[1] else None
        gb = _bias_grad(g, xp) if len(inputs) > 2 and needs[2] else None
        return (gdy, gw, gb)[: len(inputs)]


class _FilterGrad(Op):
    """``filter_grad(x, dy)``: the gradient of ``<dy, conv(x, w)>`` with respect to ``w``."""

    __slots__ = ()

    def forward(self, x, dy, *, geom, groups, algo):
        self.geom, self.groups, self.algo = geom, groups, algo
        return _filter_grad(x, dy, geom, groups, algo)

    def backward(self, g, out, inputs, needs, xp):
        x, dy = inputs
        p = {"geom": self.geom, "groups": self.groups, "algo": self.algo}
        gx = _run(_ConvTranspose, xp, dy, g, **p) if needs[0] else None
        gdy = _run(_Conv, xp, x, g, **p) if needs[1] else None
        return gx, gdy


class _Pad(Op):
    """Pad the trailing axes in a non-zero mode (reflect, replicate, circular)."""

    __slots__ = ()

    def forward(self, x, *, padding, mode):
        self.padding, self.mode = padding, mode
        return W.pad(x, padding, mode)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        d = len(self.padding)
        in_shape = tuple(x.shape[x.ndim - d :])
        return (_run(_Unpad, xp, g, in_shape=in_shape, padding=self.padding, mode=self.mode),)


class _Unpad(Op):
    """The adjoint of :class:`_Pad`: fold the padded border back onto the input."""

    __slots__ = ()

    def forward(self, g, *, in_shape, padding, mode):
        self.padding, self.mode = padding, mode
        return W.unpad(g, in_shape, padding, mode)

    def backward(self, g, out, inputs, needs, xp):
        return (_run(_Pad, xp, g, padding=self.padding, mode=self.mode),)


# --------------------------------------------------------------------------- boundary
def _array(a: Any, name: str) -> np.ndarray:
    """The data behind ``a`` (validated to be real numbers) without copying a tensor's."""
    if isinstance(a, Tensor):
        return a.data
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError) as e:
        raise TypeError(f"{name} could not be converted to a numeric array: {a!r} ({e})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers; got dtype {arr.dtype}")
    return arr


def _as_groups(groups: Any) -> int:
    if isinstance(groups, (bool, np.bool_)) or not isinstance(groups, (int, np.integer)):
        raise TypeError(f"groups must be a positive int; got {groups!r}")
    if groups < 1:
        raise ValueError(f"groups must be >= 1; got {groups!r}")
    return int(groups)


def _check_filters(xa: np.ndarray, wa: np.ndarray, x_name: str, layout: str) -> int:
    """Validate the ranks of ``x`` and ``filter_bank``; return the number of spatial axes."""
    if wa.dtype.kind != "f":
        raise TypeError(f"filter_bank must hold floats; got dtype {wa.dtype}")
    if wa.ndim < 3:
        raise ValueError(
            f"filter_bank must have shape {layout} with at least one spatial axis; got shape {wa.shape}"
        )
    d = wa.ndim - 2
    if 0 in wa.shape[2:]:
        raise ValueError(
            f"filter_bank must have a kernel of size >= 1 along every spatial axis; got shape {wa.shape}"
        )
    if xa.ndim != wa.ndim:
        raise ValueError(
            f"{x_name} must have shape (N, C, X0, ...) with {d} spatial axes to match filter_bank of "
            f"shape {wa.shape}; got shape {xa.shape}"
        )
    return d


def _check_bias(bias: Any, n: int, what: str) -> list:
    if bias is None:
        return []
    ba = _array(bias, "bias")
    if ba.shape != (n,):
        raise ValueError(f"bias must have shape ({n},), one value per {what}; got shape {ba.shape}")
    return [bias if isinstance(bias, Tensor) else ba]


def _check_algorithm(algorithm: Any) -> None:
    if not isinstance(algorithm, str) or algorithm not in ("auto", "direct", "fft"):
        raise ValueError(f"algorithm must be 'auto', 'direct' or 'fft'; got {algorithm!r}")


def conv_nd(
    x: ArrayLike,
    filter_bank: ArrayLike,
    *,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
    groups: int = 1,
    bias: ArrayLike | None = None,
    padding_mode: str = "zeros",
    algorithm: str = "auto",
    constant: bool | None = None,
) -> Tensor:
    """N-dimensional convolution (cross-correlation) of a batch with a bank of filters.

    ``out[n, f, g] = bias[f] + sum_{c, k} xpad[n, c', g * stride + k * dilation] * w[f, c, k]``
    where ``c'`` runs over the channels of filter ``f``'s group and ``xpad`` is ``x``
    padded. The number of spatial axes ``d >= 1`` is inferred from ``filter_bank``.

    Parameters
    ----------
    x : array_like, shape (N, C, X0, ..., X{d-1})
        The batch.
    filter_bank : array_like of float, shape (F, C // groups, K0, ..., K{d-1})
        The filters.
    stride : int or tuple of d ints, default 1
        Step between window placements (>= 1). Trailing positions that do not fit are
        dropped: ``G = floor((X + lo + hi - dilation * (K - 1) - 1) / stride) + 1``.
    padding : int, tuple or str, default 0
        An int (both sides of every axis), one int per axis, one ``(lo, hi)`` pair per
        axis, or ``"valid"`` (none), ``"same"`` (``G = ceil(X / stride)``, any odd unit
        of padding on the high side, as TensorFlow and JAX do; any stride and dilation)
        or ``"full"`` (``dilation * (K - 1)`` on both sides).
    dilation : int or tuple of d ints, default 1
        Spacing between kernel elements (>= 1).
    groups : int, default 1
        Split the channels into ``groups`` independent convolutions; ``C`` and ``F``
        must be divisible by it. ``groups == C`` is a depthwise convolution.
    bias : array_like, shape (F,), optional
        Added to each filter's output.
    padding_mode : {"zeros", "reflect", "replicate", "circular"}, default "zeros"
        What the padding holds: zeros, the mirror image without the edge (``padding``
        at most ``X - 1``), copies of the edge, or the wrapped-around input.
    algorithm : {"auto", "direct", "fft"}, default "auto"
        ``"direct"``: window expansion + BLAS products. ``"fft"``: products of real FFTs
        (cheaper for large kernels; stride 1 only — with ``stride > 1`` the direct path
        is used even when ``"fft"`` is asked for). ``"auto"`` picks the cheaper one by a
        cost estimate. On finite inputs both give the same result to float round-off,
        with gradients of every order. Non-finite values differ: on the direct path a NaN
        or inf reaches only the outputs whose windows contain it (as in PyTorch); on the
        FFT path it spreads over every output of its sample (and a non-finite filter
        over every output). ``"auto"`` therefore uses the FFT only when every operand is
        finite (one summing pass over each, at most about 2% of an FFT call), so its
        NaN/inf pattern is always the direct path's; ``"fft"`` on request does not check.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor, shape (N, F, G0, ..., G{d-1})
        In the dtype NumPy promotes ``x``, ``filter_bank`` and ``bias`` to (float32 in,
        float32 out). Empty inputs give empty or zero results: ``N = 0`` or ``F = 0``
        an empty tensor, ``C = 0`` (or a zero-size spatial input that padding makes
        large enough) the bias alone; gradients are zeros of the inputs' shapes.

    See Also
    --------
    conv_transpose_nd : The adjoint (gradient) of this map, as a layer.
    mygrad_like.nnet.Conv : A layer holding the filters and the bias.
    max_pool : Pooling over the same window arithmetic. The
        :doc:`convolution guide </guides/convolution>` shows the padding forms, stride,
        dilation and groups with figures.

    Notes
    -----
    Like MyGrad and PyTorch this is a cross-correlation: the kernel is not flipped. For
    a true convolution flip the kernel's spatial axes first, e.g. for 2-D
    ``conv_nd(x, w[..., ::-1, ::-1])`` (or ``np.flip(w, axis=(2, 3))`` on an array).

    Cost: about ``2 N F (C / groups) prod(K) prod(G)`` flops, done by BLAS, for the
    forward pass and the same again for each gradient (input, filters). Memory: the
    output, plus scratch space reused across calls (see :mod:`mygrad_like.nnet.conv`):
    window-expansion buffers of at most ``max(settings.CHUNK_BYTES, C * prod(K) * prod(G[1:])
    * itemsize)`` bytes in all (8 MiB by default; the second term is one row of windows
    of one sample per worker thread) and, when padding, a zero-padded copy of one batch
    chunk. Large calls split the work over as many threads as NumPy's BLAS uses (see
    ``settings.THREADS`` in :mod:`mygrad_like.nnet.conv`), setting BLAS to one thread for
    the process while they run (restored when the last concurrent call returns). Non-zero
    ``padding_mode`` adds one padded copy of ``x``. The FFT algorithm instead holds the
    transforms of the whole padded batch, of the output and of the filters (complex, at
    FFT-friendly sizes ``L >= X + lo + hi`` per axis), a few times ``N (C + F) prod(L)``
    floats. The backward pass needs the same
    scratch space again, plus the gradients themselves; nothing but the inputs is kept
    between the forward and the backward pass. Gradients are differentiable again to any
    order.

    Examples
    --------
    MyGrad's square wave: a length-5 ones kernel over ones at positions 5..10.

    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import conv_nd
    >>> x = mg.tensor([[[0.0] * 5 + [1.0] * 6 + [0.0] * 5]], dtype="float32")
    >>> k = mg.ones((1, 1, 5), dtype="float32")
    >>> y = conv_nd(x, k, stride=1)
    >>> y
    Tensor([[[0., 1., 2., 3., 4., 5., 5., 4., 3., 2., 1., 0.]]], dtype=float32)
    >>> y.sum().backward()
    >>> x.grad
    array([[[1., 2., 3., 4., 5., 5., 5., 5., 5., 5., 5., 5., 4., 3., 2., 1.]]],
          dtype=float32)
    >>> k.grad
    array([[[6., 6., 6., 6., 6.]]], dtype=float32)

    Geometry options, in 2-D:

    >>> import numpy as np
    >>> x = np.random.default_rng(0).normal(size=(2, 4, 9, 9))
    >>> w = np.ones((6, 2, 3, 3))
    >>> conv_nd(x, w, stride=2, padding="same", dilation=2, groups=2).shape
    (2, 6, 5, 5)
    >>> depthwise = np.ones((8, 1, 3, 3))  # groups == C: two filters per channel
    >>> conv_nd(x, depthwise, padding=((0, 1), (2, 2)), groups=4, padding_mode="reflect").shape
    (2, 8, 8, 11)

    An empty batch gives an empty result, as in PyTorch:

    >>> conv_nd(np.zeros((0, 4, 9, 9)), w, groups=2).shape
    (0, 6, 7, 7)
    """
    xa, wa = _array(x, "x"), _array(filter_bank, "filter_bank")
    d = _check_filters(xa, wa, "x", "(F, C // groups, K0, ...)")
    groups = _as_groups(groups)
    c, f = xa.shape[1], wa.shape[0]
    if c % groups:
        raise ValueError(f"groups={groups} must divide the number of input channels C={c} (x.shape[1])")
    if f % groups:
        raise ValueError(f"groups={groups} must divide the number of filters F={f} (filter_bank.shape[0])")
    if wa.shape[1] * groups != c:
        raise ValueError(
            f"channel mismatch: x has C={c} channels but filter_bank has {wa.shape[1]} per group "
            f"x groups={groups} = {wa.shape[1] * groups} (filter_bank must be (F, C // groups, ...))"
        )
    stride = W.as_int_tuple(stride, d, "stride")
    dilation = W.as_int_tuple(dilation, d, "dilation")
    if not isinstance(padding_mode, str):
        raise TypeError(f"padding_mode must be a string; got {padding_mode!r}")
    if padding_mode not in W.PADDING_MODES:
        raise ValueError(f"padding_mode must be one of {W.PADDING_MODES}; got {padding_mode!r}")
    _check_algorithm(algorithm)
    in_shape, kernel = tuple(xa.shape[2:]), tuple(wa.shape[2:])
    pairs = W.normalize_padding(padding, in_shape=in_shape, kernel=kernel, stride=stride, dilation=dilation)
    b = _check_bias(bias, f, "filter")
    geom = W.make_geometry(in_shape, kernel, stride, dilation, pairs)
    x_in = x if isinstance(x, Tensor) else xa
    w_in = filter_bank if isinstance(filter_bank, Tensor) else wa
    if padding_mode != "zeros" and geom.has_padding:
        for axis, (n, (lo, hi)) in enumerate(zip(in_shape, pairs)):
            if (lo or hi) and (n == 0 or (padding_mode == "reflect" and max(lo, hi) > n - 1)):
                raise ValueError(
                    f"padding {pairs[axis]} along spatial axis {axis} is too wide for "
                    f"padding_mode={padding_mode!r} on an axis of size {n}"
                    + (" (reflect pads at most size - 1)" if padding_mode == "reflect" else "")
                )
        x_in = apply(_Pad, x_in, padding=pairs, mode=padding_mode)
        geom = W.make_geometry(geom.padded_shape, kernel, stride, dilation, ((0, 0),) * d)
    algo = _resolve_algorithm(algorithm, geom, xa.shape[0], c, f, groups)
    return apply(_Conv, x_in, w_in, *b, geom=geom, groups=groups, algo=algo, constant=constant)


def conv_transpose_nd(
    x: ArrayLike,
    filter_bank: ArrayLike,
    *,
    stride: Any = 1,
    padding: Any = 0,
    output_padding: Any = 0,
    dilation: Any = 1,
    groups: int = 1,
    bias: ArrayLike | None = None,
    algorithm: str = "auto",
    constant: bool | None = None,
) -> Tensor:
    """N-dimensional transposed convolution: the gradient of :func:`conv_nd` as a layer.

    ``conv_transpose_nd(y, w, ...)`` is the adjoint of ``x -> conv_nd(x, w, ...)`` with the
    same ``stride``, ``padding``, ``dilation`` and ``groups``: every ``y[n, c_in, g]``
    spreads ``y * w[c_in, c, k]`` onto output position ``g * stride + k * dilation - lo``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, G0, ..., G{d-1})
    filter_bank : array_like of float, shape (C_in, C_out // groups, K0, ..., K{d-1})
        PyTorch's layout (the layout of the matching ``conv_nd`` filter bank).
    stride, dilation : int or tuple of d ints, default 1
    padding : int, tuple or "valid", default 0
        An int, one int per axis or one ``(lo, hi)`` pair per axis: the padding of the
        matching forward conv, i.e. what is cropped from each side of the full output.
    output_padding : int or tuple of d ints, default 0
        Extra size on the high side of each axis (``0 <= output_padding <
        max(stride, dilation)``), to pick one of the input sizes a strided conv maps to
        the same output size.
    groups : int, default 1
        ``C_in`` must be divisible by it.
    bias : array_like, shape (C_out,), optional
    algorithm : {"auto", "direct", "fft"}, default "auto"
        As in :func:`conv_nd` (including what each does with NaN and inf).
    constant : bool, optional

    Returns
    -------
    Tensor, shape (N, C_out, X0, ..., X{d-1})
        ``X = (G - 1) * stride - lo - hi + dilation * (K - 1) + 1 + output_padding``.

    See Also
    --------
    conv_nd : The convolution whose adjoint this is.
    mygrad_like.nnet.ConvTranspose : A layer holding the filters and the bias. The
        :doc:`convolution guide </guides/convolution>` draws the transposed convolution.

    Notes
    -----
    Costs the same as the matching ``conv_nd`` (see there): one GEMM per sample and a
    scatter-add over the kernel offsets, in chunks of bounded size.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import conv_transpose_nd
    >>> y = mg.tensor([[[1.0, 2.0]]])
    >>> w = mg.tensor([[[1.0, 10.0, 100.0]]])
    >>> conv_transpose_nd(y, w, stride=2)
    Tensor([[[  1.,  10., 102.,  20., 200.]]])
    >>> conv_transpose_nd(y, w, stride=2, padding=1, output_padding=1).shape
    (1, 1, 4)
    """
    xa, wa = _array(x, "x"), _array(filter_bank, "filter_bank")
    d = _check_filters(xa, wa, "x", "(C_in, C_out // groups, K0, ...)")
    groups = _as_groups(groups)
    c_in, c_out = xa.shape[1], wa.shape[1] * groups
    if c_in % groups:
        raise ValueError(f"groups={groups} must divide the number of input channels C_in={c_in} (x.shape[1])")
    if wa.shape[0] != c_in:
        raise ValueError(
            f"channel mismatch: x has C_in={c_in} channels but filter_bank has shape {wa.shape} "
            "(it must be (C_in, C_out // groups, K0, ...))"
        )
    stride = W.as_int_tuple(stride, d, "stride")
    dilation = W.as_int_tuple(dilation, d, "dilation")
    output_padding = W.as_int_tuple(output_padding, d, "output_padding", minimum=0)
    for op, s, dl in zip(output_padding, stride, dilation):
        if op >= max(s, dl):
            raise ValueError(
                f"output_padding must be smaller than max(stride, dilation) along every axis; "
                f"got output_padding={output_padding}, stride={stride}, dilation={dilation}"
            )
    _check_algorithm(algorithm)
    grid, kernel = tuple(xa.shape[2:]), tuple(wa.shape[2:])
    if 0 in grid:
        raise ValueError(
            f"x must have at least one position along every spatial axis (no convolution maps an input to "
            f"an empty grid); got shape {xa.shape}"
        )
    pairs = W.normalize_padding(
        padding, in_shape=grid, kernel=kernel, stride=stride, dilation=dilation, strings=("valid",)
    )
    out_shape = W.transposed_input_shape(grid, kernel, stride, dilation, pairs, output_padding)
    if any(n < 1 for n in out_shape):
        raise ValueError(
            f"padding={padding!r} crops more than the transposed conv produces: the output "
            f"shape would be {out_shape}"
        )
    b = _check_bias(bias, c_out, "output channel")
    # output_padding >= stride (allowed when dilation > stride) adds positions no window
    # reaches: a negative high-side padding crops them from the conv's view of the output.
    internal = tuple((lo, hi - s * (op // s)) for (lo, hi), s, op in zip(pairs, stride, output_padding))
    geom = W.make_geometry(out_shape, kernel, stride, dilation, internal)
    x_in = x if isinstance(x, Tensor) else xa
    w_in = filter_bank if isinstance(filter_bank, Tensor) else wa
    algo = _resolve_algorithm(algorithm, geom, xa.shape[0], c_out, c_in, groups)
    return apply(_ConvTranspose, x_in, w_in, *b, geom=geom, groups=groups, algo=algo, constant=constant)
