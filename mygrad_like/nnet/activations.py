"""Activation functions, with MyGrad's names and signatures (plus ``gelu`` and ``softplus``).

The numerically delicate ones -- ``sigmoid``, ``softmax``, ``logsoftmax``, ``softplus`` -- are
ops of their own: a forward that never overflows (``exp`` only ever sees non-positive
numbers) and a backward written from the op's *output* with the library's own functions, so
that it is differentiable again. ``relu``, ``leaky_relu``, ``elu``/``selu`` and ``hard_tanh``
are small piecewise ops; the rest are compositions of existing ops.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.activations import softmax, sigmoid
>>> softmax(mg.tensor([0.0, 1000.0]))
Tensor([0., 1.])
>>> sigmoid(mg.tensor([-1000.0, 0.0, 1000.0]))
Tensor([0. , 0.5, 1. ])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validation import (
    data_of,
    normalize_axis,
    one_of,
    positive_number,
    real_number,
    reduction_axes,
)
from ..engine import Op
from ..ops import arithmetic as _ar
from ..ops.trig import tanh
from ..tensor import Tensor, apply

__all__ = [
    "relu",
    "leaky_relu",
    "elu",
    "selu",
    "gelu",
    "sigmoid",
    "tanh",
    "softmax",
    "logsoftmax",
    "soft_sign",
    "hard_tanh",
    "glu",
    "softplus",
]

ArrayLike = Any


def _np_sigmoid(x: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-x))`` without overflow: ``exp`` only sees ``-|x|``."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, e) / (1 + e)


# --------------------------------------------------------------------------- piecewise linear
class ReLU(Op):
    __slots__ = ()

    def forward(self, x):
        return np.maximum(x, 0)

    def backward(self, g, out, inputs, needs, xp):
        return (g * (data_of(inputs[0]) > 0),)


def relu(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """``max(x, 0)`` elementwise (its gradient at 0 is 0).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import relu
    >>> x = mg.tensor([-1.0, 0.0, 2.0])
    >>> y = relu(x)
    >>> y
    Tensor([0., 0., 2.])
    >>> y.backward()
    >>> x.grad
    array([0., 0., 1.])
    """
    return apply(ReLU, x, constant=constant)


class LeakyReLU(Op):
    __slots__ = ()

    def forward(self, x, slope=0.01):
        self.slope = slope
        return np.where(x > 0, x, x * slope)

    def backward(self, g, out, inputs, needs, xp):
        x = data_of(inputs[0])
        return (g * np.where(x > 0, 1, self.slope).astype(x.dtype),)


def leaky_relu(x: ArrayLike, slope: float, *, constant: bool | None = None) -> Tensor:
    """``x`` where ``x > 0``, ``slope * x`` elsewhere.

    Parameters
    ----------
    x : array_like
    slope : float
        The slope for negative inputs.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import leaky_relu
    >>> leaky_relu(mg.tensor([-2.0, 3.0]), slope=0.1)
    Tensor([-0.2,  3. ])
    """
    return apply(LeakyReLU, x, slope=real_number(slope, "slope"), constant=constant)


class HardTanh(Op):
    __slots__ = ()

    def forward(self, x, lower=-1.0, upper=1.0):
        self.lower, self.upper = lower, upper
        x = np.asarray(x)
        out = np.clip(x, lower, upper)
        return out.astype(x.dtype, copy=False) if x.dtype.kind == "f" else out

    def backward(self, g, out, inputs, needs, xp):
        x = data_of(inputs[0])
        return (g * ((x > self.lower) & (x < self.upper)),)


def hard_tanh(
    x: ArrayLike, *, lower_bound: float = -1, upper_bound: float = 1, constant: bool | None = None
) -> Tensor:
    """``x`` clipped to ``[lower_bound, upper_bound]`` (gradient 1 strictly inside, 0 outside).

    Parameters
    ----------
    x : array_like
    lower_bound, upper_bound : real number or array_like of them
        The bounds (constants), broadcast with ``x``; ``lower_bound <= upper_bound``
        everywhere. Equal bounds give a constant function (gradient 0).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import hard_tanh
    >>> hard_tanh(mg.tensor([-3.0, 0.5, 3.0]))
    Tensor([-1. ,  0.5,  1. ])
    >>> hard_tanh(mg.tensor([-3.0, 0.5, 3.0]), lower_bound=[-1.0, 0.0, 0.0], upper_bound=2.0)
    Tensor([-1. ,  0.5,  2. ])
    """
    lo, hi = _clip_bound(lower_bound, "lower_bound"), _clip_bound(upper_bound, "upper_bound")
    if np.any(np.greater(lo, hi)):
        raise ValueError(
            f"lower_bound must not exceed upper_bound; got lower_bound={lower_bound!r} and "
            f"upper_bound={upper_bound!r}"
        )
    return apply(HardTanh, x, lower=lo, upper=hi, constant=constant)


def _clip_bound(b: Any, name: str) -> Any:
    """A bound of :func:`hard_tanh`: a real number, or an ndarray of them (a tensor's data)."""
    arr = np.asarray(data_of(b))
    if arr.dtype.kind not in "biuf" or arr.dtype.kind == "b":
        raise TypeError(f"{name} must be a real number or an array of them; got {name}={b!r}")
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not be NaN; got {name}={b!r}")
    return arr.item() if arr.ndim == 0 else arr


# --------------------------------------------------------------------------- exponential units
class ELU(Op):
    """``scale * x`` for ``x >= 0``, ``scale * alpha * (exp(x) - 1)`` below (``scale=1``: ELU)."""

    __slots__ = ()

    def forward(self, x, alpha=1.0, scale=1.0):
        self.alpha, self.scale = alpha, scale
        neg = np.expm1(np.minimum(x, 0)) * (alpha * scale)
        return np.where(x >= 0, x * scale, neg)

    def backward(self, g, out, inputs, needs, xp):
        # below 0 the derivative is scale * alpha * exp(x) = out + scale * alpha
        pos = data_of(inputs[0]) >= 0
        return (g * xp.where(pos, self.scale, out + self.scale * self.alpha),)


def elu(x: ArrayLike, alpha: float, *, constant: bool | None = None) -> Tensor:
    """Exponential linear unit: ``x`` for ``x >= 0``, ``alpha * (exp(x) - 1)`` below.

    Parameters
    ----------
    x : array_like
    alpha : float
        The scale of the negative part.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import elu
    >>> x = mg.tensor([-1.0, 0.0, 2.0])
    >>> y = elu(x, alpha=0.5)
    >>> y
    Tensor([-0.31606028,  0.        ,  2.        ])
    >>> y.backward()
    >>> x.grad
    array([0.18393972, 1.        , 1.        ])
    """
    return apply(ELU, x, alpha=real_number(alpha, "alpha"), constant=constant)


_SELU_ALPHA = 1.6732632423543772
_SELU_SCALE = 1.0507009873554805


def selu(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Scaled ELU (Klambauer et al., 2017): ``scale * elu(x, alpha)`` with the self-normalising
    constants ``alpha = 1.6733``, ``scale = 1.0507``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import selu
    >>> selu(mg.tensor([-1.0, 1.0]))
    Tensor([-1.11133074,  1.05070099])
    """
    return apply(ELU, x, alpha=_SELU_ALPHA, scale=_SELU_SCALE, constant=constant)


# --------------------------------------------------------------------------- sigmoid family
class Sigmoid(Op):
    __slots__ = ()

    def forward(self, x):
        return _np_sigmoid(x)

    def backward(self, g, out, inputs, needs, xp):
        return (g * out * (1 - out),)


def sigmoid(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """The logistic function ``1 / (1 + exp(-x))``, stable for any finite ``x``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import sigmoid
    >>> x = mg.tensor([0.0, 1000.0])
    >>> y = sigmoid(x)
    >>> y.backward()
    >>> x.grad
    array([0.25, 0.  ])
    """
    return apply(Sigmoid, x, constant=constant)


class Softplus(Op):
    __slots__ = ()

    def forward(self, x, beta=1.0):
        self.beta = beta
        bx = x * beta
        return (np.maximum(bx, 0) + np.log1p(np.exp(-np.abs(bx)))) / beta

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        s = _np_sigmoid(x * self.beta) if xp is np else sigmoid(x * self.beta)
        return (g * s,)


def softplus(x: ArrayLike, beta: float = 1.0, *, constant: bool | None = None) -> Tensor:
    """``log(1 + exp(beta * x)) / beta``, a smooth ReLU; stable for any finite ``x``.

    Its derivative is ``sigmoid(beta * x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import softplus
    >>> softplus(mg.tensor([-1000.0, 0.0, 100.0]))
    Tensor([  0.        ,   0.69314718, 100.        ])
    """
    return apply(Softplus, x, beta=positive_number(beta, "beta"), constant=constant)


def soft_sign(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """``x / (1 + |x|)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import soft_sign
    >>> soft_sign(mg.tensor([-3.0, 1.0]))
    Tensor([-0.75,  0.5 ])
    """
    return _ar.divide(x, 1 + _ar.absolute(x), constant=constant)


def glu(x: ArrayLike, axis: int = -1, *, constant: bool | None = None) -> Tensor:
    """Gated linear unit (Dauphin et al., 2017): split ``x`` in halves ``A, B`` along ``axis``
    and return ``A * sigmoid(B)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import glu
    >>> glu(mg.tensor([1.0, 2.0, 0.0, 1000.0]))
    Tensor([0.5, 2. ])
    """
    x = x if isinstance(x, Tensor) else Tensor(x, copy=False, constant=True)
    ax = normalize_axis(axis, x.ndim)
    n = x.shape[ax]
    if n % 2:
        raise ValueError(f"glu splits axis {axis} in half, but its length is odd ({n})")
    lead = (slice(None),) * ax
    a = x[lead + (slice(0, n // 2),)]
    b = x[lead + (slice(n // 2, n),)]
    return _ar.multiply(a, sigmoid(b), constant=constant)


# --------------------------------------------------------------------------- GELU
def _np_normal_cdf(x: np.ndarray) -> np.ndarray:
    try:
        from scipy.special import ndtr
    except ImportError:  # pragma: no cover - scipy ships with scikit-learn, but is optional
        ndtr = np.frompyfunc(lambda v: 0.5 * math.erfc(-v / math.sqrt(2)), 1, 1)
    x = np.asarray(x)
    return np.asarray(ndtr(x), dtype=x.dtype if x.dtype.kind == "f" else np.float64)


class NormalCdf(Op):
    """The standard normal CDF; its derivative is the normal density."""

    __slots__ = ()

    def forward(self, x):
        return _np_normal_cdf(x)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        return (g * xp.exp(x * x * -0.5) * (1 / math.sqrt(2 * math.pi)),)


_GELU_C = math.sqrt(2 / math.pi)
GELU_APPROXIMATIONS = ("none", "tanh")


def gelu(x: ArrayLike, approximate: str = "none", *, constant: bool | None = None) -> Tensor:
    """Gaussian error linear unit (Hendrycks & Gimpel, 2016): ``x * Phi(x)``.

    Parameters
    ----------
    x : array_like
    approximate : {"none", "tanh"}, default "none"
        ``"tanh"`` uses ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3)))``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import gelu
    >>> gelu(mg.tensor([-1.0, 0.0, 1.0]))
    Tensor([-0.15865525,  0.        ,  0.84134475])
    """
    if one_of(approximate, GELU_APPROXIMATIONS, "approximate") == "none":
        return _ar.multiply(x, apply(NormalCdf, x), constant=constant)
    inner = _ar.multiply(_ar.add(x, _ar.multiply(_ar.power(x, 3), 0.044715)), _GELU_C)
    return _ar.multiply(_ar.multiply(x, 0.5), 1 + tanh(inner), constant=constant)


# --------------------------------------------------------------------------- softmax family
def _as_float(x: Any) -> np.ndarray:
    """Bool and integer input as float64 (MyGrad's softmax dtype); float input unchanged."""
    x = np.asarray(x)
    return x.astype(np.float64) if x.dtype.kind in "biu" else x


class Softmax(Op):
    __slots__ = ()

    def forward(self, x, axis=-1):
        self.axis = axis
        x = _as_float(x)
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        e /= np.sum(e, axis=axis, keepdims=True)
        return e

    def backward(self, g, out, inputs, needs, xp):
        # J^T g = out * (g - <g, out>) along the softmax axes
        go = g * out
        return (go - out * xp.sum(go, axis=self.axis, keepdims=True),)


def softmax(x: ArrayLike, axis: Any = -1, *, constant: bool | None = None) -> Tensor:
    """``exp(x) / sum(exp(x))`` along ``axis``; stable for any finite ``x``.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int, default -1
        The axes to normalise over (all with ``None``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import softmax
    >>> softmax(mg.tensor([[1.0, 1.0], [0.0, 1000.0]]))
    Tensor([[0.5, 0.5],
            [0. , 1. ]])

    Bool and integer input give float64, as in MyGrad; float input keeps its dtype.
    """
    return apply(Softmax, x, axis=reduction_axes(axis, np.ndim(data_of(x))), constant=constant)


class LogSoftmax(Op):
    __slots__ = ()

    def forward(self, x, axis=-1):
        self.axis = axis
        x = _as_float(x)
        z = x - np.max(x, axis=axis, keepdims=True)
        z -= np.log(np.sum(np.exp(z), axis=axis, keepdims=True))
        return z

    def backward(self, g, out, inputs, needs, xp):
        # d out_i / d x_j = delta_ij - softmax_j, and softmax = exp(out)
        return (g - xp.exp(out) * xp.sum(g, axis=self.axis, keepdims=True),)


def logsoftmax(x: ArrayLike, axis: Any = -1, *, constant: bool | None = None) -> Tensor:
    """``log(softmax(x))`` along ``axis``, computed as ``x - max - log(sum(exp(x - max)))``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.activations import logsoftmax
    >>> logsoftmax(mg.tensor([0.0, 1000.0]))
    Tensor([-1000.,     0.])
    """
    return apply(LogSoftmax, x, axis=reduction_axes(axis, np.ndim(data_of(x))), constant=constant)
