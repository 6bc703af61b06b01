"""Arithmetic: the operators, casts, comparisons and piecewise functions.

Each op is a small class: ``forward`` on ndarrays, ``backward`` right below it written
with operators and ``xp.<numpy name>`` so that it also runs on tensors (see
:mod:`mygrad_like.engine`). Gradients may keep the broadcast output shape; the engine
reduces them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply

__all__ = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "true_divide",
    "floor_divide",
    "mod",
    "remainder",
    "power",
    "negative",
    "positive",
    "absolute",
    "abs",
    "reciprocal",
    "square",
    "sqrt",
    "cbrt",
    "maximum",
    "minimum",
    "clip",
    "sign",
    "where",
    "astype",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "equal",
    "not_equal",
]

ArrayLike = Any


# --------------------------------------------------------------------------- + - * /
class Add(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a + b

    def backward(self, g, out, inputs, needs, xp):
        return g, g


def add(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 + x2`` with broadcasting.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.add(x, 3.0)
    >>> y
    Tensor([4., 5.])
    >>> y.backward()
    >>> x.grad
    array([1., 1.])
    """
    return apply(Add, x1, x2, constant=constant)


class Subtract(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a - b

    def backward(self, g, out, inputs, needs, xp):
        return g, (-g if needs[1] else None)


def subtract(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 - x2`` with broadcasting.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.subtract(1.0, x)
    >>> y.backward()
    >>> x.grad
    array([-1., -1.])
    """
    return apply(Subtract, x1, x2, constant=constant)


class Multiply(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a * b

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        return (g * b if needs[0] else None), (g * a if needs[1] else None)


def multiply(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 * x2`` with broadcasting.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.multiply(x, [3.0, 4.0])
    >>> y.backward()
    >>> x.grad
    array([3., 4.])
    """
    return apply(Multiply, x1, x2, constant=constant)


class Divide(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a / b

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = g / b if needs[0] else None
        gb = -g * out / b if needs[1] else None
        return ga, gb


def divide(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise true division ``x1 / x2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor(2.0)
    >>> y = mg.divide(1.0, x)
    >>> y.backward()
    >>> x.grad
    array(-0.25)
    """
    return apply(Divide, x1, x2, constant=constant)


true_divide = divide


class FloorDivide(Op):
    """``floor(a / b)``: piecewise constant, so its gradient is zero."""

    __slots__ = ()

    def forward(self, a, b):
        return a // b

    def backward(self, g, out, inputs, needs, xp):
        zero = g * 0
        return zero, zero


def floor_divide(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 // x2``; its gradient is zero wherever it is defined.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.floor_divide(mg.tensor([7.0, -7.0]), 2)
    Tensor([ 3., -4.])
    """
    return apply(FloorDivide, x1, x2, constant=constant)


class Mod(Op):
    """``a - b * floor(a / b)`` (NumPy's sign convention)."""

    __slots__ = ()

    def forward(self, a, b):
        return np.remainder(a, b)

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        gb = None
        if needs[1]:
            gb = -g * xp.floor_divide(a, b)
        return g, gb


def mod(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise remainder ``x1 % x2`` with the sign of ``x2`` (like ``numpy.mod``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([7.5, -1.5])
    >>> y = mg.mod(x, 2.0)
    >>> y
    Tensor([1.5, 0.5])
    >>> y.backward()
    >>> x.grad
    array([1., 1.])
    """
    return apply(Mod, x1, x2, constant=constant)


remainder = mod


class Power(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a**b

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = gb = None
        if needs[0]:
            ga = g * b * a ** (b - 1)
        if needs[1]:
            # d(a**b)/db = a**b log(a); where a == 0 the limit of the product is 0
            safe = xp.where(a > 0, a, 1)
            gb = g * out * xp.log(safe)
        return ga, gb


def power(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 ** x2``.

    The gradient with respect to the exponent uses ``log(x1)``, which is taken as 0
    where ``x1 <= 0`` (real powers of negative bases are only defined for integer
    exponents, where that gradient does not exist).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.power(x, 3)
    >>> y.backward()
    >>> x.grad
    array([ 3., 12.])
    """
    return apply(Power, x1, x2, constant=constant)


class Negative(Op):
    __slots__ = ()

    def forward(self, a):
        return -a

    def backward(self, g, out, inputs, needs, xp):
        return (-g,)


def negative(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``-x``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.negative(mg.tensor([1.0, -2.0]))
    Tensor([-1.,  2.])
    """
    return apply(Negative, x, constant=constant)


class Positive(Op):
    __slots__ = ()

    def forward(self, a):
        return np.positive(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g,)


def positive(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``+x`` (a copy).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.positive(mg.tensor([1.0, -2.0]))
    Tensor([ 1., -2.])
    """
    return apply(Positive, x, constant=constant)


# --------------------------------------------------------------------------- unary algebra
class Absolute(Op):
    """``|a|``; the gradient at 0 is taken as 0 (the subgradient's midpoint)."""

    __slots__ = ()

    def forward(self, a):
        return np.abs(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g * xp.sign(a),)


def absolute(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``|x|``; its gradient at 0 is 0.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 0.0, 3.0])
    >>> mg.absolute(x).sum().backward()
    >>> x.grad
    array([-1.,  0.,  1.])
    """
    return apply(Absolute, x, constant=constant)


abs = absolute  # noqa: A001 - NumPy's alias


class Reciprocal(Op):
    __slots__ = ()

    def forward(self, a):
        return np.reciprocal(a)

    def backward(self, g, out, inputs, needs, xp):
        return (-g * out * out,)


def reciprocal(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``1 / x``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([2.0, 4.0])
    >>> mg.reciprocal(x).sum().backward()
    >>> x.grad
    array([-0.25  , -0.0625])
    """
    return apply(Reciprocal, x, constant=constant)


class Square(Op):
    __slots__ = ()

    def forward(self, a):
        return np.square(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (2 * g * a,)


def square(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x ** 2``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, -3.0])
    >>> mg.square(x).sum().backward()
    >>> x.grad
    array([ 2., -6.])
    """
    return apply(Square, x, constant=constant)


class Sqrt(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sqrt(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g / (2 * out),)


def sqrt(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise square root.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([4.0, 9.0])
    >>> mg.sqrt(x).sum().backward()
    >>> x.grad
    array([0.25      , 0.16666667])
    """
    return apply(Sqrt, x, constant=constant)


class Cbrt(Op):
    __slots__ = ()

    def forward(self, a):
        return np.cbrt(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g / (3 * out * out),)


def cbrt(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise cube root.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([8.0, -27.0])
    >>> mg.cbrt(x)
    Tensor([ 2., -3.])
    """
    return apply(Cbrt, x, constant=constant)


# --------------------------------------------------------------------------- piecewise
class Maximum(Op):
    """Ties send half the gradient to each side (the subgradient's midpoint)."""

    __slots__ = ()

    def forward(self, a, b):
        return np.maximum(a, b)

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        wa = (a > b) + 0.5 * (a == b)  # a constant mask: ndarray in either mode
        wa = _mask_data(wa)
        return (g * wa if needs[0] else None), (g * (1 - wa) if needs[1] else None)


def _mask_data(m: Any) -> np.ndarray:
    return m.data if isinstance(m, Tensor) else m


def maximum(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise maximum; at ties the gradient is split evenly.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> mg.maximum(x, 2.0).sum().backward()
    >>> x.grad
    array([0. , 0.5, 1. ])
    """
    return apply(Maximum, x1, x2, constant=constant)


class Minimum(Op):
    __slots__ = ()

    def forward(self, a, b):
        return np.minimum(a, b)

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        wa = _mask_data((a < b) + 0.5 * (a == b))
        return (g * wa if needs[0] else None), (g * (1 - wa) if needs[1] else None)


def minimum(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise minimum; at ties the gradient is split evenly.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> mg.minimum(x, 2.0).sum().backward()
    >>> x.grad
    array([1. , 0.5, 0. ])
    """
    return apply(Minimum, x1, x2, constant=constant)


class Clip(Op):
    """Gradient passes where ``lo <= a <= hi``; the bounds are constants."""

    __slots__ = ()

    def forward(self, a, lo=None, hi=None):
        self.lo, self.hi = lo, hi
        return np.clip(a, lo, hi)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        a = _mask_data(a)
        inside = np.ones(a.shape, dtype=bool)
        if self.lo is not None:
            inside &= a >= self.lo
        if self.hi is not None:
            inside &= a <= self.hi
        return (g * inside,)


def clip(
    a: ArrayLike, a_min: ArrayLike = None, a_max: ArrayLike = None, *, constant: bool | None = None
) -> Tensor:
    """Limit values to ``[a_min, a_max]``; the gradient is zero where a value was clipped.

    Parameters
    ----------
    a : array_like
    a_min, a_max : array_like or None
        Bounds (constants), broadcastable to ``a``; ``None`` means unbounded on that side.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 0.5, 2.0])
    >>> y = mg.clip(x, -1, 1)
    >>> y
    Tensor([-1. ,  0.5,  1. ])
    >>> y.sum().backward()
    >>> x.grad
    array([0., 1., 0.])
    """
    if a_min is None and a_max is None:
        raise ValueError("clip needs at least one of a_min, a_max")
    lo = None if a_min is None else np.asarray(_mask_data(a_min))
    hi = None if a_max is None else np.asarray(_mask_data(a_max))
    return apply(Clip, a, lo=lo, hi=hi, constant=constant)


class Sign(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sign(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * 0,)


def sign(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise sign (-1, 0 or 1); its gradient is zero.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.sign(mg.tensor([-2.0, 0.0, 3.0]))
    Tensor([-1.,  0.,  1.])
    """
    return apply(Sign, x, constant=constant)


class Where(Op):
    """``condition`` is a constant mask saved on the op."""

    __slots__ = ()

    def forward(self, a, b, condition=None):
        self.condition = condition
        return np.where(condition, a, b)

    def backward(self, g, out, inputs, needs, xp):
        c = self.condition
        return (g * c if needs[0] else None), (g * ~c if needs[1] else None)


def where(condition: ArrayLike, x: ArrayLike = None, y: ArrayLike = None, *, constant: bool | None = None) -> Any:
    """Choose elements from ``x`` where ``condition`` holds, else from ``y``.

    With ``condition`` alone, returns the indices where it is true (``numpy.nonzero``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> y = mg.where(x > 1.5, x, 0.0)
    >>> y
    Tensor([0., 2., 3.])
    >>> y.sum().backward()
    >>> x.grad
    array([0., 1., 1.])
    """
    cond = np.asarray(_mask_data(condition))
    if x is None and y is None:
        return np.nonzero(cond)
    if x is None or y is None:
        raise ValueError("where takes either condition alone or condition, x and y")
    return apply(Where, x, y, condition=cond.astype(bool, copy=False), constant=constant)


# --------------------------------------------------------------------------- casts
class AsType(Op):
    __slots__ = ()

    def forward(self, a, dtype=None):
        return a.astype(dtype)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (g.astype(a.dtype),)


def astype(x: ArrayLike, dtype: Any, *, constant: bool | None = None) -> Tensor:
    """A copy of ``x`` cast to ``dtype``; gradients are cast back to ``x``'s dtype.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.astype(x, "float32")
    >>> y.dtype
    dtype('float32')
    >>> y.sum().backward()
    >>> x.grad.dtype
    dtype('float64')
    """
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a NumPy data type; got {dtype!r}") from None
    if dtype.kind not in "biuf":
        raise TypeError(f"dtype must be bool, int or float; got {dtype}")
    return apply(AsType, x, dtype=dtype, constant=constant)


# --------------------------------------------------------------------------- comparisons
def _compare(ufunc: np.ufunc, x1: ArrayLike, x2: ArrayLike) -> Tensor:
    a = x1.data if isinstance(x1, Tensor) else x1
    b = x2.data if isinstance(x2, Tensor) else x2
    return Tensor._make(ufunc(a, b), None, True)


def less(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 < x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.less(mg.tensor([1.0, 3.0]), 2.0)
    Tensor([ True, False])
    """
    return _compare(np.less, x1, x2)


def less_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 <= x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.less_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([ True,  True])
    """
    return _compare(np.less_equal, x1, x2)


def greater(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 > x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.greater(mg.tensor([1.0, 3.0]), 2.0)
    Tensor([False,  True])
    """
    return _compare(np.greater, x1, x2)


def greater_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 >= x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.greater_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([False,  True])
    """
    return _compare(np.greater_equal, x1, x2)


def equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 == x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([False,  True])
    """
    return _compare(np.equal, x1, x2)


def not_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 != x2`` as a constant bool tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.not_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([ True, False])
    """
    return _compare(np.not_equal, x1, x2)
