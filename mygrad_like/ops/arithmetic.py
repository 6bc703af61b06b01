"""Arithmetic: the operators, casts, comparisons and piecewise functions.

Each op is a small class: ``forward`` on ndarrays, ``backward`` right below it written
with operators and ``xp.<numpy name>`` so that it also runs on tensors (see
:mod:`mygrad_like.engine`). Gradients may keep the broadcast output shape; the engine
reduces them.

Backward passes run under ``numpy.errstate(all="ignore")`` (the :func:`quiet` decorator):
the forward pass has already warned about inputs outside a function's domain, and where
a function is finite but its derivative is not (``sqrt`` at 0) the gradient is ``inf``
without a warning, as in PyTorch.

NumPy's ufunc keywords ``where=``, ``dtype=`` (and ``out=None``) are given to every
elementwise function of the op modules once, by the :func:`elementwise` decorator.
"""

from __future__ import annotations

import functools
import inspect
import operator
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _inplace
from .._validation import as_dtype, as_operand, data_of, shape_of
from ..engine import Op
from ..tensor import Tensor, _as_input, apply
from ..ufuncs import as_ufunc
from . import shape as _shape

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
    "add_sequence",
    "multiply_sequence",
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


# --------------------------------------------------------------------------- ufunc keywords
# NumPy's ufuncs (and MyGrad's elementwise functions) take ``out=``, ``where=`` and
# ``dtype=``. The decorator below gives them to a public function ``f(x)`` or
# ``f(x1, x2)`` once, on top of its op:
#
# * ``dtype=d``: like NumPy, compute in ``d``: every input is cast to ``d`` first (by the
#   differentiable ``astype``, so gradients come back in each input's own dtype), under
#   NumPy's "same_kind" rule; a function with no ``d`` version (``exp`` in int) raises.
# * ``where=mask``: compute only where the mask (broadcast with the inputs) is true. The
#   inputs are broadcast, the selected elements gathered (``x[mask]``), the function is
#   applied to those alone and the results are placed into zeros (:class:`PlaceAt`).
#   So masked-out entries are 0 with a gradient of exactly 0 (NumPy and MyGrad leave
#   them uninitialised, and MyGrad's gradient there can be NaN: ``g * 0 * f'(x)`` with
#   ``f'(x)`` infinite), and the function never sees, or warns about, masked-out values.
# * ``out=t``: the result is written into the tensor (or array) ``t``, as an in-place
#   write that the graph tracks (``_inplace.write_out``); with ``where=``, the entries
#   masked out keep ``t``'s values.
#
# The call without keywords goes straight to the function (one extra Python call).

_UFUNC_KEYWORDS_DOC = """\
    out : Tensor or ndarray, optional
        Write the result into this tensor (or array) of the result's shape, as NumPy
        and MyGrad do, and return it. A tensor written this way becomes a new node of
        the graph; operations that used its earlier values keep them.
    where : array_like of bool, default True
        Compute only where this constant mask (broadcast with the inputs) is true. The
        other entries of the result are 0, and so is their gradient (NumPy and MyGrad
        leave them uninitialised).
    dtype : data-type, optional
        Compute in this dtype, as NumPy does: the inputs are cast to it first
        (differentiably; gradients come back in each input's dtype). A cast that NumPy's
        ``"same_kind"`` rule forbids, or a dtype the function has no version for, raises
        ``TypeError``.
"""


def _document_ufunc_keywords(doc: str | None) -> str | None:
    """``doc`` with the ``out``/``where``/``dtype`` entries added at the end of its Parameters."""
    if doc is None:  # python -OO
        return None
    for section in ("\n    Returns\n", "\n    Notes\n", "\n    Examples\n"):
        i = doc.find(section)
        if i >= 0:
            return doc[:i] + _UFUNC_KEYWORDS_DOC + doc[i:]
    return doc + "\n" + _UFUNC_KEYWORDS_DOC


def elementwise(func: Callable) -> Callable:
    """Give the public elementwise function ``func(x, *, constant)`` or
    ``func(x1, x2, *, constant)`` NumPy's ufunc keywords ``out=None``, ``where=`` and
    ``dtype=`` (see the comment above), and document them in its docstring.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([-1.0, 0.0, 4.0])
    >>> y = mg.sqrt(x, where=x.data > 0)
    >>> y
    Tensor([0., 0., 2.])
    >>> y.sum().backward()
    >>> x.grad
    array([0.  , 0.  , 0.25])
    >>> mg.multiply(x, 2, dtype="float32")
    Tensor([-2.,  0.,  8.], dtype=float32)
    """
    names = tuple(
        p.name for p in inspect.signature(func).parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD
    )
    if names == ("x",):

        def wrapper(
            x: ArrayLike,
            *,
            out: None = None,
            where: ArrayLike = True,
            dtype: Any = None,
            constant: bool | None = None,
        ) -> Tensor:
            if out is None and where is True and dtype is None:
                return func(x, constant=constant)
            return _ufunc_call(func, (x,), names, out, where, dtype, constant)

    elif names == ("x1", "x2"):

        def wrapper(
            x1: ArrayLike,
            x2: ArrayLike,
            *,
            out: None = None,
            where: ArrayLike = True,
            dtype: Any = None,
            constant: bool | None = None,
        ) -> Tensor:
            if out is None and where is True and dtype is None:
                return func(x1, x2, constant=constant)
            return _ufunc_call(func, (x1, x2), names, out, where, dtype, constant)

    else:  # a programming error in this package, not a user's
        raise TypeError(f"elementwise wraps f(x) or f(x1, x2); {func.__name__} takes {names}")
    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__module__ = func.__module__
    wrapper.__doc__ = _document_ufunc_keywords(func.__doc__)
    return as_ufunc(wrapper)


def _ufunc_call(
    func: Callable, inputs: tuple, names: tuple, out: Any, where: Any, dtype: Any, constant: bool | None
) -> Tensor:
    """``func(*inputs)`` with the ufunc keywords applied (the path with keywords)."""
    if out is not None:
        if isinstance(out, tuple) and len(out) == 1:
            out = out[0]
        if not isinstance(out, (Tensor, np.ndarray)):
            raise TypeError(f"{func.__name__}: out= must be a Tensor or an ndarray; got {type(out).__name__}")
        result = _ufunc_call(func, inputs, names, None, where, dtype, constant)
        if where is not True:  # entries masked out keep out's values
            from .arithmetic import where as select  # the name `where` is the mask here

            result = select(np.broadcast_to(np.asarray(data_of(where)), result.shape), result, out)
        return _inplace.write_out(out, result, func.__name__)
    inputs = tuple(as_operand(x, n) for x, n in zip(inputs, names))
    dt = None
    if dtype is not None:
        dt = as_dtype(dtype, name="dtype")
        inputs = tuple(_cast_input(x, dt, n, dtype) for x, n in zip(inputs, names))
    if where is True:
        result = func(*inputs, constant=constant)
    else:
        result = _masked_call(func, inputs, where, constant)
    if dt is not None and result.dtype != dt:
        raise TypeError(
            f"{func.__name__} has no {dt} version (dtype={dtype!r}): from {dt} inputs it gives {result.dtype}"
        )
    return result


def _cast_input(x: Any, dt: np.dtype, name: str, given: Any) -> Any:
    """Input ``x`` cast to ``dt`` (differentiably for a tensor) under NumPy's "same_kind" rule."""
    src = x.dtype if hasattr(x, "dtype") else np.dtype(type(x))  # Python bool, int, float
    if src == dt:
        return x
    if not np.can_cast(src, dt, casting="same_kind"):
        raise TypeError(f"cannot cast {name} from {src} to dtype={given!r} under NumPy's 'same_kind' rule")
    if isinstance(x, Tensor):
        return astype(x, dt)
    if isinstance(x, np.ndarray):
        return x.astype(dt)
    return dt.type(x)


def _masked_call(func: Callable, inputs: tuple, where: Any, constant: bool | None) -> Tensor:
    """``func`` applied only where ``where`` holds (broadcast with the inputs); zeros elsewhere."""
    mask = np.asarray(data_of(where))
    if mask.dtype != bool:
        raise TypeError(f"where must be a boolean mask (array_like of bool); got dtype {mask.dtype}")
    shapes = [shape_of(x) for x in inputs]
    try:
        shape = np.broadcast_shapes(mask.shape, *shapes)
    except ValueError:
        raise ValueError(
            f"where of shape {mask.shape} does not broadcast with the inputs of shapes {shapes}"
        ) from None
    mask = np.array(np.broadcast_to(mask, shape))  # an owned copy: the op saves it

    def pick(x: Any) -> Any:
        if isinstance(x, Tensor):
            return (x if x.shape == shape else _shape.broadcast_to(x, shape))[mask]
        if isinstance(x, np.ndarray):
            return np.broadcast_to(x, shape)[mask]
        return x  # a scalar: NumPy's weak-scalar rules keep float32 float32

    values = func(*(pick(x) for x in inputs), constant=constant)
    return apply(PlaceAt, values, mask=mask, constant=constant)


class PlaceAt(Op):
    """``out = zeros(mask.shape); out[mask] = values``: the gradient is ``g[mask]`` (a
    gather, whose own gradient is this placement again)."""

    __slots__ = ()

    def forward(self, values, mask=None):
        self.mask = mask
        out = np.zeros(mask.shape, dtype=np.result_type(values))
        out[mask] = values
        return out

    def backward(self, g, out, inputs, needs, xp):
        return (g[self.mask],)


# --------------------------------------------------------------------------- + - * /
class Add(Op):
    __slots__ = ()

    def forward(self, a, b):
        return a + b

    def backward(self, g, out, inputs, needs, xp):
        return g, g


@elementwise
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


@elementwise
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


@elementwise
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
        return np.true_divide(a, b)  # two Python scalars: inf/NaN, as NumPy, not ZeroDivisionError

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        ga = g / b if needs[0] else None
        gb = -g * out / b if needs[1] else None
        return ga, gb


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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
    """``|a|``; the gradient at 0 is 0 (the subgradient's midpoint), or NaN with ``nan_to_num=False``."""

    __slots__ = ()

    def forward(self, a, nan_to_num=True):
        self.nan_to_num = nan_to_num
        return np.abs(a)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        grad = g * xp.sign(a)
        if not self.nan_to_num:
            zero = data_of(a) == 0
            if zero.any():
                grad = xp.where(zero, np.nan, grad)
        return (grad,)


@elementwise
def _absolute(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    return apply(Absolute, x, constant=constant)


@elementwise
def _absolute_nan_at_zero(x: ArrayLike, *, constant: bool | None = None) -> Tensor:
    return apply(Absolute, x, constant=constant, nan_to_num=False)


def absolute(
    x: ArrayLike,
    *,
    out: None = None,
    where: ArrayLike = True,
    dtype: Any = None,
    constant: bool | None = None,
    nan_to_num: bool = True,
) -> Tensor:
    """Elementwise ``|x|``; its gradient at 0 is 0 (or NaN with ``nan_to_num=False``).

    Parameters
    ----------
    x : array_like
        A tensor, array or scalar.
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).
    nan_to_num : bool, default True
        The derivative of ``|x|`` at 0 is undefined: with ``True`` the gradient there is 0,
        with ``False`` NaN (MyGrad's option).

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
    >>> mg.absolute(x, nan_to_num=False).sum().backward()
    >>> x.grad
    array([-1., nan,  1.])
    """
    f = _absolute if nan_to_num else _absolute_nan_at_zero
    return f(x, out=out, where=where, dtype=dtype, constant=constant)


absolute.__doc__ = _document_ufunc_keywords(absolute.__doc__)
absolute = as_ufunc(absolute)


abs = absolute  # noqa: A001 - NumPy's alias


class Reciprocal(Op):
    __slots__ = ()

    def forward(self, a):
        return np.reciprocal(a)

    @quiet
    def backward(self, g, out, inputs, needs, xp):
        return (-g * out * out,)


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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


@elementwise
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
        return np.asarray(a).astype(dtype)

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


# --------------------------------------------------------------------------- sequences
class AddSequence(Op):
    """``x0 + x1 + ... + xn`` in one node: each input's gradient is ``g``."""

    __slots__ = ()

    def forward(self, *arrays):
        return functools.reduce(operator.add, arrays)

    def backward(self, g, out, inputs, needs, xp):
        return [g if need else None for need in needs]


class MultiplySequence(Op):
    """``x0 * x1 * ... * xn`` in one node: input ``i``'s gradient is ``g`` times the product
    of the *other* inputs (multiplied out, not ``out / xi``, so zeros are no problem)."""

    __slots__ = ()

    def forward(self, *arrays):
        return functools.reduce(operator.mul, arrays)

    def backward(self, g, out, inputs, needs, xp):
        grads = []
        for i, need in enumerate(needs):
            others = (x for j, x in enumerate(inputs) if j != i)
            grads.append(functools.reduce(operator.mul, others, g) if need else None)
        return grads


def _sequence(name: str, variables: tuple) -> tuple:
    if len(variables) < 2:
        raise ValueError(f"{name} needs at least two inputs; got {len(variables)}")
    return tuple(as_operand(x, f"variables[{i}]") for i, x in enumerate(variables))


def add_sequence(*variables: ArrayLike, constant: bool | None = None) -> Tensor:
    """The sum of two or more tensors (with broadcasting), as one operation.

    The same as ``x0 + x1 + ... + xn`` (summed left to right), with a single node in the
    graph instead of ``n``.

    Parameters
    ----------
    *variables : array_like
        At least two tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x, y = mg.tensor([1.0, 2.0]), mg.tensor(3.0)
    >>> s = mg.add_sequence(x, y, [[10.0], [20.0]])
    >>> s
    Tensor([[14., 15.],
            [24., 25.]])
    >>> s.backward()
    >>> x.grad, y.grad
    (array([2., 2.]), array(4.))
    """
    return apply(AddSequence, *_sequence("add_sequence", variables), constant=constant)


def multiply_sequence(*variables: ArrayLike, constant: bool | None = None) -> Tensor:
    """The product of two or more tensors (with broadcasting), as one operation.

    The same as ``x0 * x1 * ... * xn`` (multiplied left to right), with a single node in
    the graph instead of ``n``.

    Parameters
    ----------
    *variables : array_like
        At least two tensors, arrays or scalars (broadcast together).
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        The gradient for each input is the product of the others (exact also where an
        input is zero).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x, y = mg.tensor([1.0, 0.0]), mg.tensor(3.0)
    >>> p = mg.multiply_sequence(x, y, 2.0)
    >>> p
    Tensor([6., 0.])
    >>> p.backward()
    >>> x.grad, y.grad
    (array([6., 6.]), array(2.))
    """
    return apply(MultiplySequence, *_sequence("multiply_sequence", variables), constant=constant)


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
