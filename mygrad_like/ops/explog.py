"""Exponentials and logarithms: exp, exp2, expm1, log, log2, log10, log1p, logaddexp, logaddexp2.

Each op is a small class with ``forward`` (NumPy's ufunc) and ``backward`` written with
operators and ``xp.<numpy name>`` so that it also runs on tensors and can be
differentiated again (see :mod:`mygrad_like.engine`). Backward passes compute quietly
(no floating-point warnings): the forward already warned about out-of-domain inputs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply
from .arithmetic import elementwise, quiet

__all__ = [
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "logaddexp",
    "logaddexp2",
]

ArrayLike = Any

_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))


# --------------------------------------------------------------------------- exponentials
class Exp(Op):
    __slots__ = ()

    def forward(self, a):
        return np.exp(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * out,)


@elementwise
def exp(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise natural exponential ``e ** x``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor
        ``exp(x)``; its gradient is ``exp(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.exp(x)
    >>> y
    Tensor([1.        , 2.71828183])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 2.71828183])
    """
    return apply(Exp, x, constant=constant)


class Exp2(Op):
    __slots__ = ()

    def forward(self, a):
        return np.exp2(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * out * _LN2,)


@elementwise
def exp2(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``2 ** x``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``2 ** x``; its gradient is ``2 ** x * ln 2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 3.0])
    >>> y = mg.exp2(x)
    >>> y
    Tensor([1., 8.])
    >>> y.sum().backward()
    >>> x.grad
    array([0.69314718, 5.54517744])
    """
    return apply(Exp2, x, constant=constant)


class Expm1(Op):
    __slots__ = ()

    def forward(self, a):
        return np.expm1(a)

    def backward(self, g, out, inputs, needs, xp):
        # exp(a), not out + 1: for very negative a, out + 1 has lost all its digits
        (a,) = inputs
        return (g * xp.exp(a),)


@elementwise
def expm1(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``exp(x) - 1``, accurate for small ``x``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``exp(x) - 1``; its gradient is ``exp(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1e-10, 0.0])
    >>> y = mg.expm1(x)
    >>> y
    Tensor([1.e-10, 0.e+00])
    >>> y.sum().backward()
    >>> x.grad
    array([1., 1.])
    """
    return apply(Expm1, x, constant=constant)


# --------------------------------------------------------------------------- logarithms
class Log(Op):
    __slots__ = ()

    def forward(self, a):
        return np.log(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / a,)


@elementwise
def log(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise natural logarithm.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar; NaN for ``x < 0`` and ``-inf`` at 0, with NumPy's
        warnings.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``log(x)``; its gradient is ``1 / x``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 4.0])
    >>> y = mg.log(x)
    >>> y
    Tensor([0.        , 1.38629436])
    >>> y.sum().backward()
    >>> x.grad
    array([1.  , 0.25])
    """
    return apply(Log, x, constant=constant)


class Log2(Op):
    __slots__ = ()

    def forward(self, a):
        return np.log2(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / (a * _LN2),)


@elementwise
def log2(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise base-2 logarithm.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (positive for a finite result).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``log2(x)``; its gradient is ``1 / (x ln 2)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 8.0])
    >>> y = mg.log2(x)
    >>> y
    Tensor([0., 3.])
    >>> y.sum().backward()
    >>> x.grad
    array([1.44269504, 0.18033688])
    """
    return apply(Log2, x, constant=constant)


class Log10(Op):
    __slots__ = ()

    def forward(self, a):
        return np.log10(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / (a * _LN10),)


@elementwise
def log10(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise base-10 logarithm.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (positive for a finite result).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``log10(x)``; its gradient is ``1 / (x ln 10)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 100.0])
    >>> y = mg.log10(x)
    >>> y
    Tensor([0., 2.])
    >>> y.sum().backward()
    >>> x.grad
    array([0.43429448, 0.00434294])
    """
    return apply(Log10, x, constant=constant)


class Log1p(Op):
    __slots__ = ()

    def forward(self, a):
        return np.log1p(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / (1 + a),)


@elementwise
def log1p(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``log(1 + x)``, accurate for small ``x``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (greater than -1 for a finite result).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``log(1 + x)``; its gradient is ``1 / (1 + x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1e-10, 1.0])
    >>> y = mg.log1p(x)
    >>> y
    Tensor([1.00000000e-10, 6.93147181e-01])
    >>> y.sum().backward()
    >>> x.grad
    array([1. , 0.5])
    """
    return apply(Log1p, x, constant=constant)


# --------------------------------------------------------------------------- log-sum of exponentials
# out = log(e**a + e**b)  =>  d out/da = e**a / (e**a + e**b) = 1 / (1 + e**(b - a))
#                                      = exp(-logaddexp(0, b - a)),  and the same for b.
# Written with the difference b - a rather than as exp(a - out): for huge a and b the
# rounding of out (an ulp of 1e300 is far more than log 2) would swamp a - out, while
# b - a stays exact. logaddexp(0, .) never overflows and exp(-.) only underflows to 0, so
# the gradient is finite for any finite inputs, and it is built from library ops (this op
# again, exp, subtraction), so it is itself differentiable.
class LogAddExp(Op):
    __slots__ = ()

    def forward(self, a, b):
        return np.logaddexp(a, b)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = g * xp.exp(-xp.logaddexp(0, b - a)) if needs[0] else None
        gb = g * xp.exp(-xp.logaddexp(0, a - b)) if needs[1] else None
        return ga, gb


@elementwise
def logaddexp(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``log(exp(x1) + exp(x2))``, without overflow for large inputs.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        Its gradients are the softmax weights ``exp(x1 - out)`` and ``exp(x2 - out)``,
        computed from ``x2 - x1`` so that they stay accurate for huge inputs.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1000.0])
    >>> y = mg.logaddexp(x, 1000.0)
    >>> y
    Tensor([1000.        , 1000.69314718])
    >>> y.sum().backward()
    >>> x.grad
    array([0. , 0.5])
    """
    return apply(LogAddExp, x1, x2, constant=constant)


class LogAddExp2(Op):
    __slots__ = ()

    def forward(self, a, b):
        return np.logaddexp2(a, b)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        # the base-2 twin of LogAddExp: 2**(a - out) = 2**-logaddexp2(0, b - a)
        ga = g * xp.exp2(-xp.logaddexp2(0, b - a)) if needs[0] else None
        gb = g * xp.exp2(-xp.logaddexp2(0, a - b)) if needs[1] else None
        return ga, gb


@elementwise
def logaddexp2(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``log2(2 ** x1 + 2 ** x2)``, without overflow for large inputs.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        Its gradients are ``2 ** (x1 - out)`` and ``2 ** (x2 - out)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 3.0])
    >>> y = mg.logaddexp2(x, 1.0)
    >>> y
    Tensor([2.        , 3.32192809])
    >>> y.sum().backward()
    >>> x.grad
    array([0.5, 0.8])
    """
    return apply(LogAddExp2, x1, x2, constant=constant)
