"""Arithmetic: the operators, casts, comparisons and piecewise functions.

Each op is a small class: ``forward`` on ndarrays, ``backward`` right below it written
with operators and ``xp.<numpy name>`` so that it also runs on tensors (see
:mod:`mygrad_like.engine`). Gradients may keep the broadcast output shape; the engine
reduces them.

Backward passes run under ``numpy.errstate(all="ignore")`` (the :func:`quiet` decorator):
the forward pass has already warned about inputs outside a function's domain, and where
a function is finite but its derivative is not (``sqrt`` at 0) the gradient is ``inf``
without a warning, as in PyTorch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import as_dtype, data_of
from ..engine import Op
from ..tensor import Tensor, _as_input, apply

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


def quiet(backward: Callable) -> Callable:
    """Decorate an ``Op.backward`` so that it computes without floating-point warnings."""

    @functools.wraps(backward)
    def wrapper(self: Op, g: Any, out: Any, inputs: tuple, needs: tuple, xp: Any) -> Any:
        with np.errstate(all="ignore"):
            return backward(self, g, out, inputs, needs, xp)

    return wrapper


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

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = g / b if needs[0] else None
        gb = -g * out / b if needs[1] else None
        return ga, gb


def divide(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise true division ``x1 / x2``.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        gb = None
        if needs[1]:
            gb = -g * xp.floor_divide(a, b)
        return g, gb


def mod(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise remainder ``x1 % x2`` with the sign of ``x2`` (like ``numpy.mod``).

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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
    """``a ** b``. d/da = b a**(b-1), taken as 0 where b == 0 (so 0**0 has gradient 0, not
    0 * inf); d/db = a**b log(a), taken as 0 where a <= 0 (a == 0: the limit for b > 0;
    a < 0: real powers exist only at integer b, where there is no derivative in b)."""

    __slots__ = ()

    def forward(self, a, b):
        return a**b

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = gb = None
        if needs[0]:
            # where a == 0 and b == 0, a**(b-1) is inf; swap in base 1 there (b * 1 = 0)
            # so that neither this gradient nor its own derivative meets 0 * inf
            both_zero = np.logical_and(data_of(a) == 0, data_of(b) == 0)
            base = xp.where(both_zero, 1, a) if both_zero.any() else a
            ga = g * b * base ** (b - 1)
        if needs[1]:
            safe = xp.where(data_of(a) > 0, a, 1)
            gb = g * out * xp.log(safe)
        return ga, gb


def power(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``x1 ** x2`` with broadcasting.

    Parameters
    ----------
    x1 : array_like
        The base.
    x2 : array_like
        The exponent. A negative base needs an integer exponent (else the result is NaN).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Notes
    -----
    The gradient with respect to the base is ``x2 * x1 ** (x2 - 1)``, and 0 where
    ``x2 == 0`` (``x ** 0`` is constant, also at ``x == 0``). The gradient with respect
    to the exponent is ``x1 ** x2 * log(x1)``, taken as 0 where ``x1 <= 0`` (at 0 that
    is the limit for ``x2 > 0``; real powers of negative bases exist only at integer
    exponents, where there is no derivative in the exponent).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 0.0, 2.0])
    >>> y = mg.power(x, 3)
    >>> y
    Tensor([-8.,  0.,  8.])
    >>> y.sum().backward()
    >>> x.grad
    array([12.,  0., 12.])
    >>> b = mg.tensor(0.0)
    >>> mg.power(0.0, b).backward()  # 0 ** b, b -> 0+
    >>> b.grad
    array(0.)
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

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        return (-g * out * out,)


def reciprocal(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise ``1 / x``.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        return (g / (2 * out),)


def sqrt(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise square root.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        return (g / (3 * out * out),)


def cbrt(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise cube root.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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
        a, b = data_of(inputs[0]), data_of(inputs[1])
        return _split(g, np.greater(a, b), np.equal(a, b), needs)


def _split(g: Any, first: np.ndarray, tie: np.ndarray, needs: tuple) -> tuple:
    """Route ``g`` to the first input where ``first``, to the second elsewhere, half each at ties.

    The weights are a constant ndarray (in ``g``'s dtype, so float32 stays float32)."""
    w = np.where(tie, 0.5, first).astype(g.dtype)
    return (g * w if needs[0] else None), (g * (1 - w) if needs[1] else None)


def maximum(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise maximum; at ties the gradient is split evenly.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

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
        a, b = data_of(inputs[0]), data_of(inputs[1])
        return _split(g, np.less(a, b), np.equal(a, b), needs)


def minimum(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise minimum; at ties the gradient is split evenly.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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
    """``minimum(maximum(a, lo), hi)``. The gradient goes to ``a`` where ``lo <= a <= hi``
    (ties included, as in PyTorch's ``clamp``), to ``lo`` where ``a < lo`` and to ``hi``
    where ``a > hi``, or everywhere when ``lo > hi`` (NumPy then returns ``hi``)."""

    __slots__ = ()

    def forward(self, a, *bounds, has_lo=True, has_hi=True):
        self.has_lo, self.has_hi = has_lo, has_hi
        lo = bounds[0] if has_lo else None
        hi = bounds[-1] if has_hi else None
        if lo is None and hi is None:  # NumPy < 2.1 refuses np.clip(a, None, None)
            return np.copy(a)
        return np.clip(a, lo, hi)

    def backward(self, g, out, inputs, needs, xp):
        a = data_of(inputs[0])
        lo = data_of(inputs[1]) if self.has_lo else None
        hi = data_of(inputs[-1]) if self.has_hi else None
        below = np.less(a, lo) if lo is not None else np.zeros(out.shape, bool)
        above = np.greater(a, hi) if hi is not None else np.zeros(out.shape, bool)
        if lo is not None and hi is not None:
            crossed = np.greater(lo, hi)
            below = below & ~crossed
            above = above | crossed
        inside = ~(below | above)
        grads = [g * inside]
        if lo is not None:
            grads.append(g * below if needs[1] else None)
        if hi is not None:
            grads.append(g * above if needs[-1] else None)
        return grads


def clip(
    a: ArrayLike, a_min: ArrayLike = None, a_max: ArrayLike = None, *, constant: bool | None = None
) -> Tensor:
    """Limit values to ``[a_min, a_max]``, differentiably in ``a`` and in the bounds.

    Parameters
    ----------
    a : array_like
        The values.
    a_min, a_max : array_like or None
        Bounds broadcastable with ``a`` (tensors receive gradients); ``None`` means
        unbounded on that side (with both ``None`` the result is a copy of ``a``).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``minimum(maximum(a, a_min), a_max)``. Its gradient flows to ``a`` where
        ``a_min <= a <= a_max`` and to the bound that was taken elsewhere.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-2.0, 0.5, 2.0])
    >>> hi = mg.tensor(1.0)
    >>> y = mg.clip(x, -1, hi)
    >>> y
    Tensor([-1. ,  0.5,  1. ])
    >>> y.sum().backward()
    >>> x.grad
    array([0., 1., 0.])
    >>> hi.grad
    array(1.)
    """
    bounds = [b for b in (a_min, a_max) if b is not None]
    return apply(Clip, a, *bounds, has_lo=a_min is not None, has_hi=a_max is not None, constant=constant)


class Sign(Op):
    __slots__ = ()

    def forward(self, a):
        return np.sign(a)

    def backward(self, g, out, inputs, needs, xp):
        return (g * 0,)


def sign(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Elementwise sign (-1, 0 or 1); its gradient is zero.

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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


def where(
    condition: ArrayLike, x: ArrayLike = None, y: ArrayLike = None, *, constant: bool | None = None
) -> Any:
    """Choose elements from ``x`` where ``condition`` holds, else from ``y``.

    With ``condition`` alone, returns the indices where it is true (``numpy.nonzero``).

    Parameters
    ----------
    condition : array_like of bool
        A constant mask (a tensor's data is used), broadcast with ``x`` and ``y``.
    x, y : array_like
        Tensors, arrays or scalars; each receives the gradient where it was chosen.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor or tuple of ndarray
        The chosen values, or with ``condition`` alone the indices of its true elements.

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
    cond = np.asarray(_as_input(data_of(condition), "condition"))
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

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    dtype : data-type
        A bool, integer or float type; a cast to a non-float type gives a constant.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

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
    return apply(AsType, x, dtype=as_dtype(dtype), constant=constant)


# --------------------------------------------------------------------------- comparisons
def _compare(ufunc: np.ufunc, x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """``ufunc(x1, x2)`` on the data, as a constant (bool) tensor."""
    a = _as_input(data_of(x1), "x1")
    b = _as_input(data_of(x2), "x2")
    return Tensor._make(ufunc(a, b), None, True)


def _equality(equal: bool, x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """``x1 == x2`` (or ``!=``); like ndarray's ``==``, a non-numeric operand (``None``, a
    string) compares unequal to every element instead of raising, so ``t == None`` works."""
    try:
        return _compare(np.equal if equal else np.not_equal, x1, x2)
    except TypeError:
        a = np.asarray(data_of(x1))
        b = data_of(x2)
        result = (a == b) if equal else (a != b)
        return Tensor._make(np.asarray(result, dtype=bool), None, True)


def less(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 < x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.less(mg.tensor([1.0, 3.0]), 2.0)
    Tensor([ True, False])
    """
    return _compare(np.less, x1, x2)


def less_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 <= x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.less_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([ True,  True])
    """
    return _compare(np.less_equal, x1, x2)


def greater(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 > x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.greater(mg.tensor([1.0, 3.0]), 2.0)
    Tensor([False,  True])
    """
    return _compare(np.greater, x1, x2)


def greater_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 >= x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.greater_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([False,  True])
    """
    return _compare(np.greater_equal, x1, x2)


def equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 == x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([False,  True])
    """
    return _equality(True, x1, x2)


def not_equal(x1: ArrayLike, x2: ArrayLike) -> Tensor:
    """Elementwise ``x1 != x2`` as a constant bool tensor.

    Parameters
    ----------
    x1, x2 : array_like
        Tensors, arrays or scalars (broadcast together); non-numeric input raises TypeError.

    Returns
    -------
    Tensor
        A constant bool tensor (comparisons have no gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.not_equal(mg.tensor([1.0, 2.0]), 2.0)
    Tensor([ True, False])
    """
    return _equality(False, x1, x2)
