"""Argument canonicalisers for the public boundary: one home for each rule.

Each function turns every accepted form of one kind of argument (a dtype, an axis, a shape,
a number, a random source) into a single canonical form, or raises ``TypeError`` (wrong
kind of thing) or ``ValueError`` (right kind, bad value) with a message that names the
argument and the value it got. Public functions call them first; the code behind them (op
``forward``/``backward``) never re-validates.

An axis out of range or repeated raises :class:`numpy.exceptions.AxisError`, which is both a
``ValueError`` and an ``IndexError``, as in NumPy.

All functions are pure: they read their arguments and return new values.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

import numpy as np

from .tensor import Tensor, _as_input

__all__ = [
    "data_of",
    "as_operand",
    "shape_of",
    "as_dtype",
    "as_bool",
    "as_int",
    "positive_int",
    "real_number",
    "nonneg_number",
    "probability",
    "positive_number",
    "ordered_bounds",
    "one_of",
    "as_shape",
    "size_shape",
    "shape_args",
    "normalize_axis",
    "normalize_axes",
    "reduction_axes",
    "as_rng",
]

AxisError = np.exceptions.AxisError
_REALS = (int, float, np.integer, np.floating)
_KIND_NAMES = {"biuf": "a bool, integer or float", "f": "a float", "iu": "an integer"}


# --------------------------------------------------------------------------- values
def data_of(x: Any) -> Any:
    """The ndarray behind a tensor; anything else is returned unchanged (no conversion).

    For values that stay plain arrays in both backward modes (masks, indices, targets).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> data_of(mg.tensor([1.0, 2.0]))
    array([1., 2.])
    >>> data_of(3.0)
    3.0
    """
    return x.data if isinstance(x, Tensor) else x


def as_operand(x: Any, name: str = "x") -> Any:
    """A differentiable input as ``apply`` takes it: a tensor stays itself; anything else
    becomes a scalar or a numeric ndarray (``TypeError`` naming ``name`` if it cannot).

    Examples
    --------
    >>> as_operand([1, 2])
    array([1, 2])
    >>> as_operand(["a"], "x1")
    Traceback (most recent call last):
    ...
    TypeError: x1 must hold real numbers (bool, int or float); got dtype <U1 from np.str_('a')...
    """
    return x if isinstance(x, Tensor) else _as_input(x, name)


def shape_of(a: Any, name: str = "a") -> tuple:
    """The shape of a tensor, array, scalar or nested sequence (no copy of an array).

    Examples
    --------
    >>> shape_of([[1, 2, 3]])
    (1, 3)
    """
    if isinstance(a, (Tensor, np.ndarray)):
        return a.shape
    try:
        return np.shape(a)
    except ValueError as e:  # ragged nested sequences
        raise TypeError(f"{name} could not be converted to a numeric array: {a!r} ({e})") from None


# --------------------------------------------------------------------------- dtypes
def as_dtype(
    dtype: Any,
    kinds: str = "biuf",
    *,
    name: str = "dtype",
    optional: bool = False,
    kind_error: type[Exception] = TypeError,
) -> np.dtype | None:
    """``dtype`` as a :class:`numpy.dtype` whose kind is one of ``kinds`` (``"biuf"``: bool,
    integer or float; ``"f"``: float; ``"iu"``: integer).

    With ``optional=True``, ``None`` (meaning "the default") is returned as ``None``;
    otherwise ``None`` means float64, as in NumPy. Something that is not a data type raises
    ``TypeError``; a data type of another kind raises ``kind_error``.

    Examples
    --------
    >>> as_dtype("float32", "f")
    dtype('float32')
    >>> as_dtype(None, optional=True) is None
    True
    >>> as_dtype("U4")
    Traceback (most recent call last):
    ...
    TypeError: dtype must be a bool, integer or float dtype; got dtype='U4'
    """
    if dtype is None and optional:
        return None
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be a NumPy data type; got {name}={dtype!r}") from None
    if dt.kind not in kinds:
        what = _KIND_NAMES.get(kinds, f"a kind {kinds!r}")
        raise kind_error(f"{name} must be {what} dtype; got {name}={dtype!r}")
    return dt


# --------------------------------------------------------------------------- scalars
def as_bool(flag: Any, name: str) -> bool:
    """``flag`` (a Python or NumPy bool) as a ``bool``; ``TypeError`` for anything else.

    Examples
    --------
    >>> as_bool(True, "bias")
    True
    >>> as_bool(1, "bias")
    Traceback (most recent call last):
    ...
    TypeError: bias must be a bool; got bias=1
    """
    if not isinstance(flag, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool; got {name}={flag!r}")
    return bool(flag)


def as_int(value: Any, name: str) -> int:
    """``value`` (an int, a NumPy integer or anything with ``__index__``, but not a bool) as
    an ``int``; ``TypeError`` otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> as_int(np.int64(3), "k")
    3
    >>> as_int(0.5, "k")
    Traceback (most recent call last):
    ...
    TypeError: k must be an integer; got k=0.5
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an integer; got {name}={value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer; got {name}={value!r}") from None


def positive_int(x: Any, name: str, *, allow_none: bool = False) -> int | None:
    """``x`` as an ``int >= 1`` (``None`` passes when ``allow_none``); ``ValueError`` otherwise.

    Examples
    --------
    >>> positive_int(3, "out_features")
    3
    >>> positive_int(0, "out_features")
    Traceback (most recent call last):
    ...
    ValueError: out_features must be a positive int; got out_features=0
    """
    if x is None and allow_none:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1:
        raise ValueError(f"{name} must be a positive int; got {name}={x!r}")
    return int(x)


def _check_real(x: Any, name: str, what: str) -> None:
    if isinstance(x, bool) or not isinstance(x, _REALS):
        raise TypeError(f"{name} must be {what}; got {name}={x!r}")


def real_number(x: Any, name: str) -> float:
    """``x`` (a Python or NumPy int or float, not a bool) as a finite ``float``.

    Examples
    --------
    >>> real_number(2, "slope")
    2.0
    >>> real_number(float("nan"), "slope")
    Traceback (most recent call last):
    ...
    ValueError: slope must be finite; got slope=nan
    """
    _check_real(x, name, "a real number")
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite; got {name}={x!r}")
    return float(x)


def nonneg_number(x: Any, name: str) -> float:
    """``x`` as a finite ``float >= 0``.

    Examples
    --------
    >>> nonneg_number(0, "eps")
    0.0
    >>> nonneg_number(-1.0, "eps")
    Traceback (most recent call last):
    ...
    ValueError: eps must be a finite non-negative number; got eps=-1.0
    """
    _check_real(x, name, "a non-negative number")
    if not (math.isfinite(x) and x >= 0):
        raise ValueError(f"{name} must be a finite non-negative number; got {name}={x!r}")
    return float(x)


def probability(p: Any, name: str = "p") -> float:
    """``p`` as a ``float`` in ``[0, 1]``; ``ValueError`` for anything else.

    Examples
    --------
    >>> probability(1, "p")
    1.0
    """
    if isinstance(p, bool) or not isinstance(p, _REALS) or not 0 <= p <= 1:
        raise ValueError(f"{name} must be a probability in [0, 1]; got {name}={p!r}")
    return float(p)


def positive_number(x: Any, name: str) -> float:
    """``x`` as a finite ``float > 0``.

    Examples
    --------
    >>> positive_number(0, "beta")
    Traceback (most recent call last):
    ...
    ValueError: beta must be positive; got beta=0
    """
    if real_number(x, name) <= 0:
        raise ValueError(f"{name} must be positive; got {name}={x!r}")
    return float(x)


def ordered_bounds(lower: Any, upper: Any, names: tuple[str, str] = ("lower_bound", "upper_bound")) -> tuple:
    """``(lower, upper)`` as finite floats with ``lower < upper``.

    Examples
    --------
    >>> ordered_bounds(-1, 1)
    (-1.0, 1.0)
    >>> ordered_bounds(1, 1)
    Traceback (most recent call last):
    ...
    ValueError: lower_bound must be below upper_bound; got lower_bound=1 and upper_bound=1
    """
    lo, hi = real_number(lower, names[0]), real_number(upper, names[1])
    if not lo < hi:
        raise ValueError(
            f"{names[0]} must be below {names[1]}; got {names[0]}={lower!r} and {names[1]}={upper!r}"
        )
    return lo, hi


def one_of(value: Any, choices: tuple, name: str) -> Any:
    """``value`` itself if it is one of ``choices`` (a string option); ``ValueError`` otherwise.

    Examples
    --------
    >>> one_of("tanh", ("none", "tanh"), "approximate")
    'tanh'
    >>> one_of("erf", ("none", "tanh"), "approximate")
    Traceback (most recent call last):
    ...
    ValueError: approximate must be 'none' or 'tanh'; got approximate='erf'
    """
    if not isinstance(value, str) or value not in choices:
        listed = (
            ", ".join(map(repr, choices[:-1])) + " or " + repr(choices[-1])
            if len(choices) > 1
            else repr(choices[0])
        )
        raise ValueError(f"{name} must be {listed}; got {name}={value!r}")
    return value


# --------------------------------------------------------------------------- shapes
def as_shape(shape: Any, name: str = "shape") -> tuple:
    """An int or a sequence of ints (a tensor or array of them too) as a tuple of ints;
    the entries are not range-checked.

    Examples
    --------
    >>> as_shape(3)
    (3,)
    >>> as_shape([2, -1], "newshape")
    (2, -1)
    """
    if isinstance(shape, (Tensor, np.ndarray)):
        shape = np.asarray(shape).tolist()
    seq = shape if isinstance(shape, (tuple, list)) else (shape,)
    try:
        return tuple(as_int(n, name) for n in seq)
    except TypeError:
        raise TypeError(f"{name} must be ints (an int or a sequence of ints); got {name}={shape!r}") from None


def size_shape(shape: Any, name: str = "shape", *, optional: bool = False) -> tuple | None:
    """A shape to create an array of: :func:`as_shape` with non-negative sizes (``None``
    passes when ``optional``).

    Examples
    --------
    >>> size_shape((2, -1))
    Traceback (most recent call last):
    ...
    ValueError: shape must hold non-negative sizes; got shape=(2, -1)
    """
    if shape is None and optional:
        return None
    out = as_shape(shape, name)
    if any(n < 0 for n in out):
        raise ValueError(f"{name} must hold non-negative sizes; got {name}={shape!r}")
    return out


def shape_args(shape: tuple, name: str = "shape") -> tuple:
    """The ``*shape`` of a function called as ``f(2, 3)`` or ``f((2, 3))``, as a size shape.

    Examples
    --------
    >>> shape_args((2, 3)), shape_args(([2, 3],)), shape_args(())
    ((2, 3), (2, 3), ())
    """
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return size_shape(shape, name)


# --------------------------------------------------------------------------- axes
def _in_bounds(ax: int, ndim: int, name: str, given: Any) -> int:
    if not -ndim <= ax < ndim:
        raise AxisError(f"{name}={given!r} is out of bounds for a tensor of dimension {ndim}")
    return ax % ndim


def _check_distinct(out: Sequence[int], given: Any, name: str) -> None:
    if len(set(out)) != len(out):
        repeated = next(a for i, a in enumerate(out) if a in out[:i])
        raise AxisError(f"{name}={given!r} repeats an axis: {repeated} is repeated")


def normalize_axis(axis: Any, ndim: int, name: str = "axis") -> int:
    """One axis (negative counts from the end) as an int in ``[0, ndim)``.

    Examples
    --------
    >>> normalize_axis(-1, 3)
    2
    >>> normalize_axis(3, 3)
    Traceback (most recent call last):
    ...
    numpy.exceptions.AxisError: axis=3 is out of bounds for a tensor of dimension 3
    """
    return _in_bounds(as_int(axis, name), ndim, name, axis)


def normalize_axes(axes: Any, ndim: int, name: str = "axis") -> tuple:
    """An int or a sequence of ints (a tensor or array of them too) as a tuple of distinct
    axes in ``[0, ndim)``, in the order given (for permutations: transpose, moveaxis).

    Examples
    --------
    >>> normalize_axes((2, -3), 3)
    (2, 0)
    >>> normalize_axes((0, -3), 3)
    Traceback (most recent call last):
    ...
    numpy.exceptions.AxisError: axis=(0, -3) repeats an axis: 0 is repeated
    """
    if isinstance(axes, (Tensor, np.ndarray)):
        axes = np.asarray(axes).tolist()
    seq = axes if isinstance(axes, (tuple, list)) else (axes,)
    out = tuple(normalize_axis(a, ndim, name) for a in seq)
    _check_distinct(out, axes, name)
    return out


def reduction_axes(axis: Any, ndim: int, name: str = "axis") -> tuple | None:
    """The ``axis`` of a reduction (None, an int or a sequence of ints) as ``None`` (all
    axes) or a sorted tuple of distinct axes in ``[0, ndim)``.

    Like NumPy's reductions, a 0-d input accepts an int ``axis`` of 0 or -1, which reduces
    over nothing: ``()``.

    Examples
    --------
    >>> reduction_axes(-1, 3)
    (2,)
    >>> reduction_axes((2, 0), 3)
    (0, 2)
    >>> reduction_axes(None, 3) is None
    True
    >>> reduction_axes(0, 0)
    ()
    >>> reduction_axes(1.0, 2)
    Traceback (most recent call last):
    ...
    TypeError: axis must be None, an int or a tuple of ints; got axis=1.0
    """
    if axis is None:
        return None
    items = (axis,) if isinstance(axis, (int, np.integer)) else axis
    try:
        items = tuple(items)
    except TypeError:
        raise TypeError(f"{name} must be None, an int or a tuple of ints; got {name}={axis!r}") from None
    out = []
    for a in items:  # a hot path (every sum/mean), so the checks are inline
        if isinstance(a, (bool, np.bool_)) or not isinstance(a, (int, np.integer)):
            raise TypeError(f"{name} must be None, an int or a tuple of ints; got {name}={axis!r}")
        if ndim == 0 and a in (0, -1) and not isinstance(axis, tuple):
            continue  # NumPy: an int axis 0/-1 on a 0-d array reduces over nothing
        out.append(_in_bounds(int(a), ndim, name, a))
    _check_distinct(out, axis, name)
    return tuple(sorted(out))


# --------------------------------------------------------------------------- random sources
def as_rng(rng: Any) -> Any:
    """What to draw random numbers from: NumPy's global state for ``None`` (so that
    ``mg.random.seed``/``np.random.seed`` make the draws reproducible, as in MyGrad), a new
    ``Generator`` for an int seed, or the given ``Generator``/``RandomState``.

    Examples
    --------
    >>> import numpy as np
    >>> as_rng(None) is np.random
    True
    >>> float(as_rng(0).random()) == float(np.random.default_rng(0).random())
    True
    """
    if rng is None or rng is np.random:
        return np.random
    if isinstance(rng, (np.random.Generator, np.random.RandomState)):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng must be None, an int seed, a numpy.random.Generator or a RandomState; got rng={rng!r}"
    )
