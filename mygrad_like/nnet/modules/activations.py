"""Activation layers: each applies a function of :mod:`mygrad_like.nnet.activations`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..._validation import as_int, normalize_axis, one_of, ordered_bounds, positive_number, real_number
from ...tensor import Tensor
from .. import activations as A
from .base import (
    Module,
    Shape,
    format_shape,
)


# =========================================================================== activations
class Activation(Module):
    """A layer applying ``fn(x, **kwargs)``; shape preserving.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Activation
    >>> Activation(mg.exp)(mg.zeros(2, dtype="float64"))
    Tensor([1., 1.])
    """

    def __init__(self, fn: Callable, **kwargs: Any) -> None:
        if not callable(fn):
            raise TypeError(f"fn must be callable; got fn={fn!r}")
        self._fn, self._kwargs = fn, kwargs

    def build(self, input_shape: Shape) -> Shape:
        return tuple(input_shape)

    def forward(self, x: Any) -> Tensor:
        return self._fn(x, **self._kwargs)

    def extra_repr(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self._kwargs.items())
        if type(self) is Activation:
            return getattr(self._fn, "__name__", repr(self._fn)) + (", " + items if items else "")
        return items


class ReLU(Activation):
    """:func:`~mygrad_like.nnet.activations.relu` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.relu)


class LeakyReLU(Activation):
    """:func:`~mygrad_like.nnet.activations.leaky_relu` as a layer."""

    def __init__(self, slope: float = 0.01) -> None:
        real_number(slope, "slope")
        super().__init__(A.leaky_relu, slope=slope)


class ELU(Activation):
    """:func:`~mygrad_like.nnet.activations.elu` as a layer."""

    def __init__(self, alpha: float = 1.0) -> None:
        real_number(alpha, "alpha")
        super().__init__(A.elu, alpha=alpha)


class SELU(Activation):
    """:func:`~mygrad_like.nnet.activations.selu` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.selu)


class GELU(Activation):
    """:func:`~mygrad_like.nnet.activations.gelu` as a layer."""

    def __init__(self, approximate: str = "none") -> None:
        one_of(approximate, A.GELU_APPROXIMATIONS, "approximate")
        super().__init__(A.gelu, approximate=approximate)


class Sigmoid(Activation):
    """:func:`~mygrad_like.nnet.activations.sigmoid` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.sigmoid)


class Tanh(Activation):
    """``tanh`` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.tanh)


class Softmax(Activation):
    """:func:`~mygrad_like.nnet.activations.softmax` as a layer (over ``axis``, default -1)."""

    def __init__(self, axis: Any = -1) -> None:
        super().__init__(A.softmax, axis=axis)


class LogSoftmax(Activation):
    """:func:`~mygrad_like.nnet.activations.logsoftmax` as a layer (over ``axis``, default -1)."""

    def __init__(self, axis: Any = -1) -> None:
        super().__init__(A.logsoftmax, axis=axis)


class Softplus(Activation):
    """:func:`~mygrad_like.nnet.activations.softplus` as a layer."""

    def __init__(self, beta: float = 1.0) -> None:
        positive_number(beta, "beta")
        super().__init__(A.softplus, beta=beta)


class SoftSign(Activation):
    """:func:`~mygrad_like.nnet.activations.soft_sign` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.soft_sign)


class HardTanh(Activation):
    """:func:`~mygrad_like.nnet.activations.hard_tanh` as a layer."""

    def __init__(self, lower_bound: float = -1, upper_bound: float = 1) -> None:
        ordered_bounds(lower_bound, upper_bound)
        super().__init__(A.hard_tanh, lower_bound=lower_bound, upper_bound=upper_bound)


class GLU(Activation):
    """:func:`~mygrad_like.nnet.activations.glu` as a layer: halves ``axis`` (default -1).

    Examples
    --------
    >>> from mygrad_like.nnet.modules import GLU
    >>> GLU(axis=1).build((None, 8, 3))
    (None, 4, 3)
    """

    def __init__(self, axis: int = -1) -> None:
        super().__init__(A.glu, axis=as_int(axis, "axis"))

    def build(self, input_shape: Shape) -> Shape:
        shape = list(input_shape)
        axis = self._kwargs["axis"]
        n = shape[normalize_axis(axis, len(shape))]
        if n is None or n % 2:
            raise ValueError(
                f"GLU splits axis {axis} in half; got inputs of shape {format_shape(input_shape)}"
            )
        shape[axis] = n // 2
        return tuple(shape)
