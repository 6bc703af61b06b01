"""Layers with weights: :class:`Dense`, :class:`Conv` and :class:`ConvTranspose`."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..._validation import one_of, positive_int
from ...ops import joining as _joining
from ...ops import linalg as _linalg
from ...tensor import Tensor
from .. import _windows as W
from .. import initializers as I
from ..conv import conv_nd, conv_transpose_nd
from .base import (
    Shape,
    _concrete,
    _Regularized,
    format_shape,
)


def he_normal_relu(*shape: Any, dtype: Any = np.float32, rng: Any = None) -> Tensor:
    """The layers' default weights: :func:`~mygrad_like.nnet.initializers.he_normal` with He's
    ReLU gain ``sqrt(2)``, i.e. standard deviation ``sqrt(2 / fan_in)``.

    Examples
    --------
    >>> from mygrad_like.nnet.modules.linear_conv import he_normal_relu
    >>> round(float(he_normal_relu(400, 50, rng=0).data.std()), 1)  # sqrt(2 / 50)
    0.2
    """
    return I.he_normal(*shape, gain=math.sqrt(2.0), dtype=dtype, rng=rng)


# =========================================================================== Dense
class Dense(_Regularized):
    """A fully connected layer: ``y = x @ weight + bias`` over the last axis.

    Parameters
    ----------
    in_features, out_features : int
        ``Dense(in_features, out_features)``, or ``Dense(out_features)`` to infer
        ``in_features`` from the input (at build time).
    bias : bool, default True
    weight_init : callable or float, default he_normal_relu
        Called as ``weight_init(out_features, in_features, dtype=, rng=)`` (PyTorch's fan
        convention); the weight is stored transposed, shape ``(in_features, out_features)``.
    bias_init : callable or float, default 0
    weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2 : float
        Coefficients of the ``sum |w|`` and ``sum w**2`` terms this layer adds to
        :meth:`Module.penalty`.
    dtype : float dtype, default float32
    rng : numpy.random.Generator, RandomState or int, optional
        For the initializers (default: NumPy's global state).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Dense
    >>> layer = Dense(3, 2, weight_init=1.0, bias_init=0.5)
    >>> layer(mg.ones((4, 3))).shape
    (4, 2)
    >>> layer.weight.shape
    (3, 2)
    """

    def __init__(
        self,
        in_features: int | None,
        out_features: int | None = None,
        *,
        bias: bool = True,
        weight_init: Callable | float = he_normal_relu,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        if out_features is None:
            in_features, out_features = None, in_features
        self.in_features = positive_int(in_features, "in_features", allow_none=True)
        self.out_features = positive_int(out_features, "out_features")
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        if self.in_features is not None:
            self._create((self.out_features, self.in_features), self.out_features, transpose=True)

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        if len(shape) < 2:
            raise ValueError(f"Dense needs inputs of shape (N, ..., in_features); got {format_shape(shape)}")
        n = shape[-1]
        if self.in_features is None:
            self.in_features = positive_int(n, "the input's last axis")
            self._create((self.out_features, self.in_features), self.out_features, transpose=True)
        elif n != self.in_features:
            hint = ""
            if len(shape) > 2 and None not in shape[1:] and math.prod(shape[1:]) == self.in_features:
                hint = " (put a Flatten() before it)"
            raise ValueError(
                f"Dense expects {self.in_features} input features on the last axis; got inputs of shape "
                f"{format_shape(shape)}{hint}"
            )
        return shape[:-1] + (self.out_features,)

    def forward(self, x: Any) -> Tensor:
        y = _linalg.matmul(x, self.weight)
        return y + self.bias if self.bias is not None else y

    def extra_repr(self) -> str:
        inp = "?" if self.in_features is None else self.in_features
        return f"{inp} -> {self.out_features}" + ("" if self._use_bias else ", bias=False")


# =========================================================================== convolutions
def _split_channels(a: Any, b: Any, c: Any, names: tuple) -> tuple:
    """``(in, out, kernel)`` from the positional forms ``(in, out, kernel)`` and ``(out, kernel)``."""
    if c is None:
        if b is None:
            raise TypeError(
                f"{names[2]} is required: use ({names[0]}, {names[1]}, {names[2]}) or ({names[1]}, {names[2]})"
            )
        return None, a, b
    if b is None:
        return None, a, c
    return a, b, c


class _ConvBase(_Regularized):
    _transposed = False

    def _setup_conv(
        self, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim
    ) -> None:
        self.in_channels = positive_int(in_channels, "in_channels", allow_none=True)
        self.out_channels = positive_int(out_channels, "out_channels")
        if isinstance(kernel_size, (int, np.integer)) and not isinstance(kernel_size, bool):
            d = positive_int(ndim, "ndim", allow_none=True)
        elif isinstance(kernel_size, (tuple, list)) and kernel_size:
            d = len(kernel_size)
            if ndim is not None and ndim != d:
                raise ValueError(f"ndim={ndim!r} does not match kernel_size={kernel_size!r}")
        else:
            raise TypeError(
                f"kernel_size must be an int or a non-empty tuple of ints; got kernel_size={kernel_size!r}"
            )
        self.kernel_size = kernel_size
        self.stride, self.padding, self.dilation = stride, padding, dilation
        self.groups = positive_int(groups, "groups")
        for name, n in (("in_channels", self.in_channels), ("out_channels", self.out_channels)):
            if n is not None and n % self.groups:
                raise ValueError(f"groups={self.groups} must divide {name}={n}")
        self._d = None
        if d is not None:
            self._set_rank(d)

    def _set_rank(self, d: int) -> None:
        """Canonicalise the geometry arguments for ``d`` spatial axes (raises on bad values)."""
        self._kernel = W.as_int_tuple(self.kernel_size, d, "kernel_size")
        self._stride = W.as_int_tuple(self.stride, d, "stride")
        self._dilation = W.as_int_tuple(self.dilation, d, "dilation")
        strings = ("valid",) if self._transposed else W.PADDING_STRINGS
        if not isinstance(self.padding, str):  # strings are resolved per input shape
            W.normalize_padding(
                self.padding,
                in_shape=(1,) * d,
                kernel=self._kernel,
                stride=self._stride,
                dilation=self._dilation,
                strings=strings,
            )
        elif self.padding.lower() not in strings:
            raise ValueError(
                f"padding must be an int, a tuple or one of {strings}; got padding={self.padding!r}"
            )
        self._d = d
        if self.in_channels is not None:
            self._make_weight()

    def _make_weight(self) -> None:
        if self._transposed:
            shape = (self.in_channels, self.out_channels // self.groups) + self._kernel
        else:
            shape = (self.out_channels, self.in_channels // self.groups) + self._kernel
        self._create(shape, self.out_channels)

    def _check_input(self, input_shape: Shape) -> tuple:
        shape = tuple(input_shape)
        name = type(self).__name__
        if len(shape) < 3:
            raise ValueError(
                f"{name} needs inputs of shape (N, C, X0, ...) with at least one spatial axis; got {format_shape(shape)}"
            )
        d = len(shape) - 2
        if self._d is None:
            self._set_rank(d)
        elif d != self._d:
            raise ValueError(
                f"{name} has {self._d} spatial axes (kernel {self._kernel}) so it expects inputs with "
                f"{self._d + 2} dimensions (N, C, X0, ...); got {format_shape(shape)}"
            )
        c = shape[1]
        if self.in_channels is None:
            self.in_channels = positive_int(c, "the input's channel axis")
            if self.in_channels % self.groups:
                self.in_channels = None
                raise ValueError(f"groups={self.groups} must divide the input's {c} channels")
            self._make_weight()
        elif c != self.in_channels:
            raise ValueError(
                f"{name} expects {self.in_channels} input channels; got inputs of shape {format_shape(shape)}"
            )
        return _concrete(shape, name)[1:]

    def _geometry_repr(self) -> str:
        kernel = self._kernel if self._d is not None else self.kernel_size
        parts = [f"kernel {kernel}"]
        for name, default in (("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1)):
            value = getattr(self, name)
            if value != default:
                parts.append(f"{name}={value!r}")
        return ", ".join(parts)


class Conv(_ConvBase):
    """N-dimensional convolution layer (on :func:`~mygrad_like.nnet.conv_nd`), any spatial rank.

    Parameters
    ----------
    in_channels, out_channels, kernel_size
        ``Conv(in_channels, out_channels, kernel_size)``, or ``Conv(out_channels, kernel_size)``
        to infer ``in_channels`` from the input. ``kernel_size`` is an int (the spatial rank
        then comes from the input, or from ``ndim``) or one int per spatial axis.
    stride, dilation : int or tuple, default 1
    padding : int, tuple, (lo, hi) pairs, "valid", "same" or "full", default 0
    groups : int, default 1
    bias : bool, default True
    padding_mode : {"zeros", "reflect", "replicate", "circular"}, default "zeros"
    conv_operation : {"cross-correlation", "convolution"}, default "cross-correlation"
        ``"convolution"`` flips the kernel along its spatial axes (a true convolution).
    weight_init : callable or float, default he_normal_relu
        Called as ``weight_init(F, C // groups, *K, dtype=, rng=)``.
    bias_init : callable or float, default 0
    weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2 : float
        Coefficients of the penalty terms this layer adds to :meth:`Module.penalty`.
    ndim : int, optional
        The number of spatial axes, for an int ``kernel_size`` when the parameters are wanted
        before the first input.
    dtype : float dtype, default float32
    rng : numpy.random.Generator, RandomState or int, optional

    See Also
    --------
    mygrad_like.nnet.conv_nd : The function this layer calls.
    mygrad_like.nnet.ConvTranspose : The transposed layer.
    mygrad_like.nnet.MaxPool : Max pooling, the usual next layer. The
        :doc:`convolution guide </guides/convolution>` shows the padding forms, stride,
        dilation and groups.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Conv
    >>> conv = Conv(3, 8, (3, 3), padding="same", rng=0)
    >>> conv.weight.shape, conv.bias.shape
    ((8, 3, 3, 3), (8,))
    >>> conv(mg.zeros((2, 3, 5, 5))).shape
    (2, 8, 5, 5)
    >>> Conv(4, 3, stride=2).build((None, 1, 9, 9, 9))  # 3-D, in_channels inferred
    (None, 4, 4, 4, 4)
    """

    def __init__(
        self,
        in_channels: int | None,
        out_channels: int | None = None,
        kernel_size: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
        bias: bool = True,
        padding_mode: str = "zeros",
        conv_operation: str = "cross-correlation",
        weight_init: Callable | float = he_normal_relu,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        ndim: int | None = None,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        in_channels, out_channels, kernel_size = _split_channels(
            in_channels, out_channels, kernel_size, ("in_channels", "out_channels", "kernel_size")
        )
        self.padding_mode = one_of(padding_mode, W.PADDING_MODES, "padding_mode")
        self.conv_operation = one_of(conv_operation, ("cross-correlation", "convolution"), "conv_operation")
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        self._setup_conv(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim)

    def build(self, input_shape: Shape) -> Shape:
        spatial = self._check_input(input_shape)
        pairs = W.normalize_padding(
            self.padding, in_shape=spatial, kernel=self._kernel, stride=self._stride, dilation=self._dilation
        )
        if self.padding_mode == "reflect":
            for n, (lo, hi) in zip(spatial, pairs):
                if max(lo, hi) > n - 1:
                    raise ValueError(
                        f"padding {pairs} is too wide for padding_mode='reflect' on inputs {format_shape(input_shape)}"
                    )
        grid = W.output_shape(spatial, self._kernel, self._stride, self._dilation, pairs, name="Conv")
        return (input_shape[0], self.out_channels) + grid

    def forward(self, x: Any) -> Tensor:
        w = self.weight
        if self.conv_operation == "convolution":
            w = _joining.flip(w, axis=tuple(range(2, w.ndim)))
        return conv_nd(
            x,
            w,
            stride=self._stride,
            padding=self.padding,
            dilation=self._dilation,
            groups=self.groups,
            bias=self.bias,
            padding_mode=self.padding_mode,
        )

    def extra_repr(self) -> str:
        inp = "?" if self.in_channels is None else self.in_channels
        extra = [self._geometry_repr()]
        if self.padding_mode != "zeros":
            extra.append(f"padding_mode={self.padding_mode!r}")
        if self.conv_operation != "cross-correlation":
            extra.append("convolution")
        if not self._use_bias:
            extra.append("bias=False")
        return f"{inp} -> {self.out_channels}, " + ", ".join(extra)


class ConvTranspose(_ConvBase):
    """N-dimensional transposed convolution layer (on :func:`~mygrad_like.nnet.conv_transpose_nd`).

    The adjoint of :class:`Conv` with the same geometry: it maps a conv's output shape back
    to its input shape (``output_padding`` picks among the sizes a strided conv merges).

    Parameters
    ----------
    in_channels, out_channels, kernel_size
        As for :class:`Conv` (``in_channels`` may be inferred).
    stride, dilation : int or tuple, default 1
    padding : int, tuple, (lo, hi) pairs or "valid", default 0
    output_padding : int or tuple, default 0
    groups : int, default 1
    bias : bool, default True
    weight_init, bias_init, weight_regularizer_l1, ..., ndim, dtype, rng
        As for :class:`Conv`; the weight has shape ``(C_in, C_out // groups, *K)``.

    Examples
    --------
    >>> from mygrad_like.nnet.modules import ConvTranspose
    >>> ConvTranspose(8, 4, 3, stride=2, padding=1, output_padding=1).build((None, 8, 4, 4))
    (None, 4, 8, 8)
    """

    _transposed = True

    def __init__(
        self,
        in_channels: int | None,
        out_channels: int | None = None,
        kernel_size: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        output_padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
        bias: bool = True,
        weight_init: Callable | float = he_normal_relu,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        ndim: int | None = None,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        in_channels, out_channels, kernel_size = _split_channels(
            in_channels, out_channels, kernel_size, ("in_channels", "out_channels", "kernel_size")
        )
        self.output_padding = output_padding
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        self._setup_conv(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim)

    def _set_rank(self, d: int) -> None:
        self._output_padding = W.as_int_tuple(self.output_padding, d, "output_padding", minimum=0)
        super()._set_rank(d)
        for op, s, dl in zip(self._output_padding, self._stride, self._dilation):
            if op >= max(s, dl):
                raise ValueError(
                    f"output_padding must be smaller than max(stride, dilation); got output_padding="
                    f"{self.output_padding!r}, stride={self.stride!r}, dilation={self.dilation!r}"
                )

    def build(self, input_shape: Shape) -> Shape:
        grid = self._check_input(input_shape)
        pairs = W.normalize_padding(
            self.padding,
            in_shape=grid,
            kernel=self._kernel,
            stride=self._stride,
            dilation=self._dilation,
            strings=("valid",),
        )
        out = W.transposed_input_shape(
            grid, self._kernel, self._stride, self._dilation, pairs, self._output_padding
        )
        if any(n < 1 for n in out):
            raise ValueError(
                f"padding={self.padding!r} crops more than ConvTranspose produces (output {out})"
            )
        return (input_shape[0], self.out_channels) + out

    def forward(self, x: Any) -> Tensor:
        return conv_transpose_nd(
            x,
            self.weight,
            stride=self._stride,
            padding=self.padding,
            output_padding=self._output_padding,
            dilation=self._dilation,
            groups=self.groups,
            bias=self.bias,
        )

    def extra_repr(self) -> str:
        inp = "?" if self.in_channels is None else self.in_channels
        extra = self._geometry_repr()
        if self.output_padding != 0:
            extra += f", output_padding={self.output_padding!r}"
        return f"{inp} -> {self.out_channels}, {extra}" + ("" if self._use_bias else ", bias=False")
