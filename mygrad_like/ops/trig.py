"""Trigonometric and hyperbolic functions, their reciprocals (``sec``, ``csch``...) and all
their inverses, ``arctan2`` and ``sinc``.

Each op is a small class with ``forward`` (NumPy's ufunc) and ``backward`` written with
operators and ``xp.<numpy name>`` so that it also runs on tensors and can be
differentiated again (see :mod:`mygrad_like.engine`). Backward passes compute quietly
(no floating-point warnings): the forward already warned about out-of-domain inputs, and
at the edge of a domain (``arcsin`` at 1) the gradient is ``inf``.

The inverse functions write ``1 - x**2`` as ``(1 - x) * (1 + x)`` (and ``x**2 - 1`` as
``(x - 1) * (x + 1)``): near ``|x| = 1`` that keeps the digits the square would lose.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import data_of
from ..engine import Op
from ..tensor import Tensor, apply
from .arithmetic import elementwise, quiet

__all__ = [
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "arctan2",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "sinc",
    "sec",
    "csc",
    "cot",
    "arcsec",
    "arccsc",
    "arccot",
    "sech",
    "csch",
    "coth",
    "arcsech",
    "arccsch",
    "arccoth",
]

ArrayLike = Any


# --------------------------------------------------------------------------- circular
class Sin(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sin(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g * xp.cos(a),)


@elementwise
def sin(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise sine (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor
        ``sin(x)``; its gradient is ``cos(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.5707963267948966])  # 0 and pi / 2
    >>> y = mg.sin(x)
    >>> y
    Tensor([0., 1.])
    >>> y.sum().backward()
    >>> x.grad.round(12)
    array([1., 0.])
    """
    return apply(Sin, x, constant=constant)


class Cos(Op):
    __slots__ = ()

    def forward(self, a):
        return np.cos(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g * xp.sin(a),)


@elementwise
def cos(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise cosine (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``cos(x)``; its gradient is ``-sin(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.5707963267948966])
    >>> y = mg.cos(x)
    >>> y.data.round(12)
    array([1., 0.])
    >>> y.sum().backward()
    >>> x.grad
    array([-0., -1.])
    """
    return apply(Cos, x, constant=constant)


class Tan(Op):
    __slots__ = ()

    def forward(self, a):
        return np.tan(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * (1 + out * out),)  # sec**2 = 1 + tan**2


@elementwise
def tan(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise tangent (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``tan(x)``; its gradient is ``1 + tan(x) ** 2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 0.7853981633974483])
    >>> y = mg.tan(x)
    >>> y
    Tensor([0., 1.])
    >>> y.sum().backward()
    >>> x.grad
    array([1., 2.])
    """
    return apply(Tan, x, constant=constant)


class Arcsin(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arcsin(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / xp.sqrt((1 - a) * (1 + a)),)


@elementwise
def arcsin(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse sine, in ``[-pi/2, pi/2]``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar in ``[-1, 1]`` (NaN with a warning outside it).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arcsin(x)``; its gradient is ``1 / sqrt(1 - x**2)`` (``inf`` at ``|x| = 1``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 0.5])
    >>> y = mg.arcsin(x)
    >>> y
    Tensor([0.        , 0.52359878])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 1.15470054])
    """
    return apply(Arcsin, x, constant=constant)


class Arccos(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arccos(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g / xp.sqrt((1 - a) * (1 + a)),)


@elementwise
def arccos(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse cosine, in ``[0, pi]``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar in ``[-1, 1]`` (NaN with a warning outside it).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccos(x)``; its gradient is ``-1 / sqrt(1 - x**2)`` (``-inf`` at ``|x| = 1``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 0.5])
    >>> y = mg.arccos(x)
    >>> y
    Tensor([1.57079633, 1.04719755])
    >>> y.sum().backward()
    >>> x.grad
    array([-1.        , -1.15470054])
    """
    return apply(Arccos, x, constant=constant)


class Arctan(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arctan(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / (1 + a * a),)


@elementwise
def arctan(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse tangent, in ``(-pi/2, pi/2)``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arctan(x)``; its gradient is ``1 / (1 + x**2)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.arctan(x)
    >>> y
    Tensor([0.        , 0.78539816])
    >>> y.sum().backward()
    >>> x.grad
    array([1. , 0.5])
    """
    return apply(Arctan, x, constant=constant)


# d atan2(y, x) = (x dy - y dx) / (x**2 + y**2); at the origin both are 0/0 = NaN (the
# function is discontinuous there).
class Arctan2(Op):
    __slots__ = ()

    def forward(self, y, x):
        return np.arctan2(y, x)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        y, x = inputs
        r2 = x * x + y * y
        gy = g * x / r2 if needs[0] else None
        gx = -g * y / r2 if needs[1] else None
        return gy, gx


@elementwise
def arctan2(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise angle of the point ``(x2, x1)``: ``arctan(x1 / x2)`` in the right quadrant.

    Parameters
    ----------
    x1 : array_like
        The y-coordinates.
    x2 : array_like
        The x-coordinates (broadcast with ``x1``).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        Angles in ``[-pi, pi]``. The gradients are ``x2 / (x1**2 + x2**2)`` for ``x1``
        and ``-x1 / (x1**2 + x2**2)`` for ``x2`` (NaN at the origin).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> y = mg.tensor([1.0, 1.0])
    >>> x = mg.tensor([1.0, -1.0])
    >>> a = mg.arctan2(y, x)
    >>> a
    Tensor([0.78539816, 2.35619449])
    >>> a.sum().backward()
    >>> y.grad, x.grad
    (array([ 0.5, -0.5]), array([-0.5, -0.5]))
    """
    return apply(Arctan2, x1, x2, constant=constant)


# --------------------------------------------------------------------------- hyperbolic
class Sinh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sinh(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g * xp.cosh(a),)


@elementwise
def sinh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic sine.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``sinh(x)``; its gradient is ``cosh(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.sinh(x)
    >>> y
    Tensor([0.        , 1.17520119])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 1.54308063])
    """
    return apply(Sinh, x, constant=constant)


class Cosh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.cosh(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g * xp.sinh(a),)


@elementwise
def cosh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic cosine.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``cosh(x)``; its gradient is ``sinh(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.cosh(x)
    >>> y
    Tensor([1.        , 1.54308063])
    >>> y.sum().backward()
    >>> x.grad
    array([0.        , 1.17520119])
    """
    return apply(Cosh, x, constant=constant)


class Tanh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.tanh(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * (1 - out * out),)


@elementwise
def tanh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic tangent.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``tanh(x)``; its gradient is ``1 - tanh(x) ** 2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.tanh(x)
    >>> y
    Tensor([0.        , 0.76159416])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 0.41997434])
    """
    return apply(Tanh, x, constant=constant)


class Arcsinh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arcsinh(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / xp.sqrt(a * a + 1),)


@elementwise
def arcsinh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic sine.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arcsinh(x)``; its gradient is ``1 / sqrt(x**2 + 1)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0])
    >>> y = mg.arcsinh(x)
    >>> y
    Tensor([0.        , 0.88137359])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 0.70710678])
    """
    return apply(Arcsinh, x, constant=constant)


class Arccosh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arccosh(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / xp.sqrt((a - 1) * (a + 1)),)


@elementwise
def arccosh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic cosine.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar ``>= 1`` (NaN with a warning below 1).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccosh(x)``; its gradient is ``1 / sqrt(x**2 - 1)`` (``inf`` at 1).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.arccosh(x)
    >>> y
    Tensor([0.        , 1.3169579])
    >>> y.sum().backward()
    >>> x.grad
    array([       inf, 0.57735027])
    """
    return apply(Arccosh, x, constant=constant)


class Arctanh(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arctanh(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / ((1 - a) * (1 + a)),)


@elementwise
def arctanh(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic tangent.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar in ``(-1, 1)`` (``±inf`` at ``±1``, NaN outside, with
        NumPy's warnings).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arctanh(x)``; its gradient is ``1 / (1 - x**2)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 0.5])
    >>> y = mg.arctanh(x)
    >>> y
    Tensor([0.        , 0.54930614])
    >>> y.sum().backward()
    >>> x.grad
    array([1.        , 1.33333333])
    """
    return apply(Arctanh, x, constant=constant)


# --------------------------------------------------------------------------- sinc
# sinc(x) = sin(pi x) / (pi x), so sinc'(x) = (cos(pi x) - sinc(x)) / x. Near 0 that
# difference cancels (both terms are 1 - O(x**2)), so for |x| < _SINC_SERIES_BELOW we use
# the Taylor series of sinc' instead:
#   sinc'(x) = sum_{k>=1} (-1)**k 2k pi**(2k) x**(2k-1) / (2k+1)!
# Six terms leave an error below 1e-18 at |x| = 0.1; above it the closed form loses at most
# eps / 0.03 relative. Both branches are built from library ops, so sinc' is itself
# differentiable, and each branch only sees inputs where it is finite.
_SINC_SERIES_BELOW = 0.1
_SINC_SERIES = tuple(
    float((-1) ** k * 2 * k * np.pi ** (2 * k) / np.prod(np.arange(1.0, 2 * k + 2))) for k in range(1, 7)
)  # coefficients of x, x**3, ..., x**11


class Sinc(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sinc(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        small = np.abs(data_of(a)) < _SINC_SERIES_BELOW
        if small.all():
            return (g * _sinc_series(a, xp),)
        if not small.any():
            return (g * _sinc_closed(a, xp),)
        near = xp.where(small, a, 0)  # each branch evaluated only where it is accurate
        far = xp.where(small, 1, a)
        return (g * xp.where(small, _sinc_series(near, xp), _sinc_closed(far, xp)),)


def _sinc_series(a: Any, xp: Any) -> Any:
    a2 = a * a
    acc = _SINC_SERIES[-1]
    for c in _SINC_SERIES[-2::-1]:  # Horner in x**2
        acc = acc * a2 + c
    return acc * a


def _sinc_closed(a: Any, xp: Any) -> Any:
    return (xp.cos(np.pi * a) - xp.sinc(a)) / a


def sinc(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise normalised sinc, ``sin(pi x) / (pi x)`` (1 at ``x = 0``).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``sinc(x)``; its gradient is ``(cos(pi x) - sinc(x)) / x`` (0 at ``x = 0``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.5, 1.0])
    >>> y = mg.sinc(x)
    >>> y.data.round(12)
    array([0.63661977, 0.        ])
    >>> y.sum().backward()
    >>> x.grad
    array([-1.27323954, -1.        ])
    """
    return apply(Sinc, x, constant=constant)


# --------------------------------------------------------------------------- reciprocal functions
# sec = 1/cos, csc = 1/sin, cot = 1/tan and their hyperbolic twins, with the inverses
# arcsec(x) = arccos(1/x), arccsc(x) = arcsin(1/x), arccot(x) = arctan(1/x), and
# arcsech(x) = arccosh(1/x), arccsch(x) = arcsinh(1/x), arccoth(x) = arctanh(1/x).
# Derivatives (|x| appears because d(1/x) = -dx/x**2 and sqrt(x**2) = |x|):
#   sec' = sec tan          csc' = -csc cot = -cos csc**2      cot' = -(1 + cot**2)
#   sech' = -sech tanh      csch' = -csch / tanh                coth' = -1 / sinh**2
#   arcsec' = 1 / (|x| sqrt(x**2 - 1))    arccsc' = -arcsec'    arccot' = -1 / (1 + x**2)
#   arcsech' = -1 / (x sqrt(1 - x**2))    arccsch' = -1 / (|x| sqrt(x**2 + 1))
#   arccoth' = 1 / (1 - x**2)
# sech and csch are computed from e = exp(-|x|) (sech = 2e / (1 + e**2), csch =
# ±2e / (1 - e**2) with 1 - e**2 = -expm1(-2|x|)), so they never overflow: 1/cosh(x)
# would warn for |x| > 89 in float32. coth' is -1/sinh**2 rather than 1 - coth**2, which
# rounds to 0 once coth(x) rounds to 1.
class Sec(Op):
    __slots__ = ()

    def forward(self, a):
        return 1 / np.cos(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g * out * xp.tan(a),)


@elementwise
def sec(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise secant, ``1 / cos(x)`` (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``sec(x)``; its gradient is ``sec(x) * tan(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0471975511965976])  # 0 and pi / 3
    >>> y = mg.sec(x)
    >>> y
    Tensor([1., 2.])
    >>> y.sum().backward()
    >>> x.grad
    array([0.        , 3.46410162])
    """
    return apply(Sec, x, constant=constant)


class Csc(Op):
    __slots__ = ()

    def forward(self, a):
        return 1 / np.sin(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g * out * out * xp.cos(a),)


@elementwise
def csc(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise cosecant, ``1 / sin(x)`` (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (``±inf`` at multiples of pi, with NumPy's warning).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``csc(x)``; its gradient is ``-csc(x) * cot(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.5235987755982988, 1.5707963267948966])  # pi / 6 and pi / 2
    >>> y = mg.csc(x)
    >>> y
    Tensor([2., 1.])
    >>> y.sum().backward()
    >>> x.grad.round(12)
    array([-3.46410162, -0.        ])
    """
    return apply(Csc, x, constant=constant)


class Cot(Op):
    __slots__ = ()

    def forward(self, a):
        return 1 / np.tan(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        return (-g * (1 + out * out),)


@elementwise
def cot(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise cotangent, ``1 / tan(x)`` (of an angle in radians).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (``±inf`` at multiples of pi, with NumPy's warning).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``cot(x)``; its gradient is ``-(1 + cot(x) ** 2)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.7853981633974483, 1.5707963267948966])  # pi / 4 and pi / 2
    >>> y = mg.cot(x)
    >>> y.data.round(12)
    array([1., 0.])
    >>> y.sum().backward()
    >>> x.grad
    array([-2., -1.])
    """
    return apply(Cot, x, constant=constant)


class Arcsec(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arccos(np.divide(1.0, a))

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        m = xp.abs(a)  # (|a| - 1)(|a| + 1): +0, not -0, at a = -1
        return (g / (m * xp.sqrt((m - 1) * (m + 1))),)


@elementwise
def arcsec(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse secant, ``arccos(1 / x)``, in ``[0, pi]``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar with ``|x| >= 1`` (NaN with a warning inside ``(-1, 1)``).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arcsec(x)``; its gradient is ``1 / (|x| sqrt(x**2 - 1))`` (``inf`` at ``|x| = 1``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 2.0])
    >>> y = mg.arcsec(x)
    >>> y
    Tensor([2.0943951 , 1.04719755])
    >>> y.sum().backward()
    >>> x.grad
    array([0.28867513, 0.28867513])
    """
    return apply(Arcsec, x, constant=constant)


class Arccsc(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arcsin(np.divide(1.0, a))

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        m = xp.abs(a)
        return (-g / (m * xp.sqrt((m - 1) * (m + 1))),)


@elementwise
def arccsc(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse cosecant, ``arcsin(1 / x)``, in ``[-pi/2, pi/2]``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar with ``|x| >= 1`` (NaN with a warning inside ``(-1, 1)``).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccsc(x)``; its gradient is ``-1 / (|x| sqrt(x**2 - 1))`` (``-inf`` at ``|x| = 1``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 2.0])
    >>> y = mg.arccsc(x)
    >>> y
    Tensor([-0.52359878,  0.52359878])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.28867513, -0.28867513])
    """
    return apply(Arccsc, x, constant=constant)


class Arccot(Op):
    """``arctan(1 / a)`` (MyGrad's convention: values in ``(-pi/2, pi/2]``, ``pi/2`` at 0)."""

    __slots__ = ()

    def forward(self, a):
        zero = np.equal(a, 0)
        return np.where(zero, np.pi / 2, np.arctan(np.divide(1.0, np.where(zero, 1.0, a))))

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g / (1 + a * a),)


@elementwise
def arccot(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse cotangent, ``arctan(1 / x)``, in ``(-pi/2, pi/2]``.

    As in MyGrad, the branch is that of ``arctan(1 / x)``: negative for ``x < 0``, with
    ``arccot(0) = pi/2`` (the function jumps from ``-pi/2`` to ``pi/2`` at 0).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccot(x)``; its gradient is ``-1 / (1 + x**2)`` (also at 0, the derivative of
        either side of the jump).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-1.0, 0.0, 1.0])
    >>> y = mg.arccot(x)
    >>> y
    Tensor([-0.78539816,  1.57079633,  0.78539816])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.5, -1. , -0.5])
    """
    return apply(Arccot, x, constant=constant)


class Sech(Op):
    __slots__ = ()

    def forward(self, a):
        e = np.exp(np.abs(a) * -1.0)  # * -1.0, not unary minus: bool inputs too
        return 2 * e / (1 + e * e)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g * out * xp.tanh(a),)


@elementwise
def sech(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic secant, ``1 / cosh(x)`` (without overflow for large ``|x|``).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``sech(x)``; its gradient is ``-sech(x) * tanh(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.0, 1.0, 1000.0])
    >>> y = mg.sech(x)
    >>> y
    Tensor([1.        , 0.64805427, 0.        ])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.        , -0.49355435, -0.        ])
    """
    return apply(Sech, x, constant=constant)


class Csch(Op):
    __slots__ = ()

    def forward(self, a):
        m = np.abs(a) * -1.0
        return np.copysign(2 * np.exp(m) / -np.expm1(2 * m), a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g * out / xp.tanh(a),)


@elementwise
def csch(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic cosecant, ``1 / sinh(x)`` (without overflow for large ``|x|``).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (``±inf`` at ``±0``, with NumPy's warning).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``csch(x)``; its gradient is ``-csch(x) * coth(x)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-1.0, 1.0])
    >>> y = mg.csch(x)
    >>> y
    Tensor([-0.85091813,  0.85091813])
    >>> y.sum().backward()
    >>> x.grad
    array([-1.11728553, -1.11728553])
    """
    return apply(Csch, x, constant=constant)


class Coth(Op):
    __slots__ = ()

    def forward(self, a):
        return 1 / np.tanh(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        s = xp.sinh(a)
        return (-g / (s * s),)


@elementwise
def coth(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise hyperbolic cotangent, ``1 / tanh(x)``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (``±inf`` at ``±0``, with NumPy's warning).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``coth(x)``; its gradient is ``-1 / sinh(x) ** 2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-1.0, 1.0])
    >>> y = mg.coth(x)
    >>> y
    Tensor([-1.31303529,  1.31303529])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.72406166, -0.72406166])
    """
    return apply(Coth, x, constant=constant)


class Arcsech(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arccosh(np.divide(1.0, a))

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g / (a * xp.sqrt((1 - a) * (1 + a))),)


@elementwise
def arcsech(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic secant, ``arccosh(1 / x)``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar in ``(0, 1]`` (NaN with a warning outside it, ``inf`` at 0).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arcsech(x)``; its gradient is ``-1 / (x sqrt(1 - x**2))`` (``-inf`` at 1).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([0.5, 1.0])
    >>> y = mg.arcsech(x)
    >>> y
    Tensor([1.3169579, 0.       ])
    >>> y.sum().backward()
    >>> x.grad
    array([-2.30940108,        -inf])
    """
    return apply(Arcsech, x, constant=constant)


class Arccsch(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arcsinh(np.divide(1.0, a))

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (-g / (xp.abs(a) * xp.sqrt(a * a + 1)),)


@elementwise
def arccsch(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic cosecant, ``arcsinh(1 / x)``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar (``±inf`` at ``±0``, with NumPy's warning).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccsch(x)``; its gradient is ``-1 / (|x| sqrt(x**2 + 1))``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 1.0])
    >>> y = mg.arccsch(x)
    >>> y
    Tensor([-0.48121183,  0.88137359])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.2236068 , -0.70710678])
    """
    return apply(Arccsch, x, constant=constant)


class Arccoth(Op):
    __slots__ = ()

    def forward(self, a):
        return np.arctanh(np.divide(1.0, a))

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g / ((1 - a) * (1 + a)),)


@elementwise
def arccoth(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise inverse hyperbolic cotangent, ``arctanh(1 / x)``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar with ``|x| > 1`` (``±inf`` at ``±1``, NaN inside, with
        NumPy's warnings).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``arccoth(x)``; its gradient is ``1 / (1 - x**2)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 2.0])
    >>> y = mg.arccoth(x)
    >>> y
    Tensor([-0.54930614,  0.54930614])
    >>> y.sum().backward()
    >>> x.grad
    array([-0.33333333, -0.33333333])
    """
    return apply(Arccoth, x, constant=constant)
