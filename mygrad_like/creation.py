"""Tensor creation: ``zeros``, ``ones``, ``full``, ``arange``, ``linspace``, ``logspace``,
``geomspace``, ``eye`` and the ``*_like`` family.

The signatures and defaults follow MyGrad's: ``zeros``/``ones``/``empty`` default to
``float32``; ``full``, ``arange`` and ``linspace`` infer the dtype like NumPy;
``eye``/``identity`` default to ``float64``. A float result is a variable unless
``constant=True``; an integer or bool result is always a constant. The ``*_like``
functions keep ``other``'s dtype and, by default, its constant-ness (a plain array
counts as a constant, as in MyGrad).

``linspace``, ``logspace`` and ``geomspace`` are differentiable with respect to ``start``
and ``stop`` when those are variable tensors (MyGrad's build leaves); the other functions
build leaf tensors.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import as_dtype, as_int, data_of, normalize_axis, real_number, size_shape
from .engine import Op
from .ops.arithmetic import astype, power
from .tensor import Tensor, apply

__all__ = [
    "zeros",
    "ones",
    "full",
    "empty",
    "arange",
    "linspace",
    "logspace",
    "geomspace",
    "eye",
    "identity",
    "zeros_like",
    "ones_like",
    "full_like",
    "empty_like",
]

ArrayLike = Any
DTypeLike = Any
ShapeLike = Any


# --------------------------------------------------------------------------- helpers
def _leaf(data: np.ndarray, constant: bool | None) -> Tensor:
    """A new leaf tensor owning ``data`` (``Tensor`` validates ``constant``)."""
    return Tensor(data, constant=constant, copy=False)


# --------------------------------------------------------------------------- filled
def zeros(shape: ShapeLike, dtype: DTypeLike = np.float32, *, constant: bool | None = None) -> Tensor:
    """A tensor of zeros.

    Parameters
    ----------
    shape : int or sequence of int
    dtype : data-type, default float32
        As in MyGrad (NumPy's default would be float64).
    constant : bool, optional
        A float tensor is a variable unless ``constant=True``; an integer tensor is
        always a constant.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.zeros((2, 3))
    Tensor([[0., 0., 0.],
            [0., 0., 0.]], dtype=float32)
    >>> mg.zeros(2, dtype=int).constant
    True
    """
    return _leaf(np.zeros(size_shape(shape), dtype=as_dtype(dtype, optional=True)), constant)


def ones(shape: ShapeLike, dtype: DTypeLike = np.float32, *, constant: bool | None = None) -> Tensor:
    """A tensor of ones (float32 by default, as in MyGrad).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.ones(3, dtype="float64")
    Tensor([1., 1., 1.])
    """
    return _leaf(np.ones(size_shape(shape), dtype=as_dtype(dtype, optional=True)), constant)


def empty(shape: ShapeLike, dtype: DTypeLike = np.float32, *, constant: bool | None = None) -> Tensor:
    """A tensor whose values are whatever was in memory (float32 by default).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.empty((2, 2)).shape
    (2, 2)
    """
    return _leaf(np.empty(size_shape(shape), dtype=as_dtype(dtype, optional=True)), constant)


def full(
    shape: ShapeLike, fill_value: ArrayLike, dtype: DTypeLike = None, *, constant: bool | None = None
) -> Tensor:
    """A tensor filled with ``fill_value`` (broadcast to ``shape``).

    Parameters
    ----------
    shape : int or sequence of int
    fill_value : scalar or array_like
        Broadcastable to ``shape``. The result does not depend on it differentiably.
    dtype : data-type, optional
        Default: inferred from ``fill_value``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.full((2,), 3)
    Tensor([3, 3])
    >>> mg.full((2,), 0.5)
    Tensor([0.5, 0.5])
    """
    shape = size_shape(shape)
    fill = data_of(fill_value)
    try:
        data = np.full(shape, fill, dtype=as_dtype(dtype, optional=True))
    except (ValueError, TypeError) as e:
        raise ValueError(
            f"cannot fill a tensor of shape {shape} with fill_value={fill_value!r}: {e}"
        ) from None
    return _leaf(data, constant)


# --------------------------------------------------------------------------- ranges
def arange(
    start: ArrayLike,
    stop: ArrayLike = None,
    step: ArrayLike = None,
    dtype: DTypeLike = None,
    *,
    constant: bool | None = None,
) -> Tensor:
    """Evenly spaced values in ``[start, stop)`` (``arange(stop)`` starts at 0).

    Integer arguments give an integer (constant) tensor, float ones a float variable.

    Parameters
    ----------
    start : number
        The first value, or ``stop`` when it is the only bound given.
    stop : number, optional
        The end (excluded).
    step : number, optional
        The spacing (non-zero); default 1.
    dtype : data-type, optional
        Default: inferred from the arguments, as in NumPy.
    constant : bool, optional

    Returns
    -------
    Tensor
        A leaf tensor.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.arange(4)
    Tensor([0, 1, 2, 3])
    >>> mg.arange(0.0, 1.0, 0.25)
    Tensor([0.  , 0.25, 0.5 , 0.75])
    """
    args = [data_of(start)] + ([] if stop is None else [data_of(stop)])
    if step is not None:
        if stop is None:
            args = [0, args[0]]
        args.append(data_of(step))
    try:
        data = np.arange(*args, dtype=as_dtype(dtype, optional=True))
    except (ValueError, TypeError, ZeroDivisionError) as e:
        raise ValueError(f"invalid arange(start={start!r}, stop={stop!r}, step={step!r}): {e}") from None
    return _leaf(data, constant)


class Linspace(Op):
    """``out[i] = start + (stop - start) * w[i]`` with ``w = linspace(0, 1, num)`` along
    ``axis``: the gradient is ``sum(g * (1 - w))`` for ``start`` and ``sum(g * w)`` for
    ``stop``, summed over ``axis``."""

    __slots__ = ()

    def forward(self, start, stop, num=50, endpoint=True, dtype=None, axis=0):
        self.num, self.endpoint, self.axis = num, endpoint, axis
        return np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype, axis=axis)

    def backward(self, g, out, inputs, needs, xp):
        shape = [1] * out.ndim
        shape[self.axis] = self.num
        w = np.linspace(0.0, 1.0, self.num, endpoint=self.endpoint).reshape(shape)
        g_start = xp.sum(g * (1 - w), axis=self.axis) if needs[0] else None
        g_stop = xp.sum(g * w, axis=self.axis) if needs[1] else None
        return g_start, g_stop


def linspace(
    start: ArrayLike,
    stop: ArrayLike,
    num: int = 50,
    endpoint: bool = True,
    dtype: DTypeLike = None,
    axis: int = 0,
    *,
    constant: bool | None = None,
) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop``; differentiable in both.

    Parameters
    ----------
    start, stop : array_like
        Scalars, or arrays for one sequence per element (they broadcast).
    num : int, default 50
        Number of values (non-negative).
    endpoint : bool, default True
        Include ``stop``.
    dtype : data-type, optional
        Default: float64 (or the inputs' float dtype).
    axis : int, default 0
        The axis of the result along which the values run (when ``start``/``stop``
        are arrays).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> a, b = mg.tensor(0.0), mg.tensor(1.0)
    >>> y = mg.linspace(a, b, 5)
    >>> y
    Tensor([0.  , 0.25, 0.5 , 0.75, 1.  ])
    >>> y.backward(mg.ones(5, dtype="float64"))
    >>> a.grad, b.grad
    (array(2.5), array(2.5))
    """
    params = _range_params(start, stop, num, endpoint, dtype, axis)
    if _has_variable(start, stop):
        return apply(Linspace, start, stop, constant=constant, **params)
    # no variable to differentiate: a leaf, a variable unless constant (as in MyGrad)
    return _leaf(Linspace().forward(data_of(start), data_of(stop), **params), constant)


def _range_params(start: ArrayLike, stop: ArrayLike, num: Any, endpoint: Any, dtype: Any, axis: Any) -> dict:
    """The canonical keywords of ``linspace``/``logspace``/``geomspace``."""
    num = as_int(num, "num")
    if num < 0:
        raise ValueError(f"num must be non-negative; got num={num}")
    try:
        ndim = np.broadcast(np.asarray(data_of(start)), np.asarray(data_of(stop))).ndim + 1
    except ValueError:
        raise ValueError(
            f"start of shape {np.shape(data_of(start))} and stop of shape {np.shape(data_of(stop))} "
            "do not broadcast together"
        ) from None
    return dict(
        num=num,
        endpoint=bool(endpoint),
        dtype=as_dtype(dtype, optional=True),
        axis=normalize_axis(axis, ndim),
    )


def _has_variable(*xs: Any) -> bool:
    return any(isinstance(v, Tensor) and not v.constant for v in xs)


def logspace(
    start: ArrayLike,
    stop: ArrayLike,
    num: int = 50,
    endpoint: bool = True,
    base: float = 10.0,
    dtype: DTypeLike = None,
    axis: int = 0,
    *,
    constant: bool | None = None,
) -> Tensor:
    """``num`` values evenly spaced on a log scale, from ``base ** start`` to ``base ** stop``.

    The same as ``base ** linspace(start, stop, num, endpoint, axis=axis)``, and
    differentiable in ``start`` and ``stop`` the same way.

    Parameters
    ----------
    start, stop : array_like
        The exponents of the first and last values: scalars, or arrays for one
        sequence per element (they broadcast).
    num : int, default 50
        Number of values (non-negative).
    endpoint : bool, default True
        Include ``base ** stop``.
    base : float, default 10.0
        The base of the log scale.
    dtype : data-type, optional
        Default: float64 (or the inputs' float dtype).
    axis : int, default 0
        The axis of the result along which the values run (when ``start``/``stop``
        are arrays).
    constant : bool, optional
        A float result is a variable unless ``constant=True``.

    Returns
    -------
    Tensor
        A leaf tensor, or, when ``start`` or ``stop`` is a variable tensor, a tensor
        whose gradient flows back to them.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.logspace(0, 3, 4)
    Tensor([   1.,   10.,  100., 1000.])
    >>> a = mg.tensor(0.0)
    >>> y = mg.logspace(a, 2.0, 3, base=2.0)
    >>> y
    Tensor([1., 2., 4.])
    >>> y.sum().backward()  # d/da of 2**a + 2**((a + 2) / 2) + 4 at a = 0: 2 ln 2
    >>> a.grad
    array(1.38629436)
    """
    params = _range_params(start, stop, num, endpoint, dtype, axis)
    base = real_number(base, "base")
    if not _has_variable(start, stop):
        return _leaf(np.logspace(data_of(start), data_of(stop), base=base, **params), constant)
    out_dtype = params.pop("dtype")
    out = power(base, apply(Linspace, start, stop, **params), constant=constant)
    return out if out_dtype is None else astype(out, out_dtype, constant=constant)


class Geomspace(Op):
    """``out[i] = start ** (1 - w[i]) * stop ** w[i]`` with ``w = linspace(0, 1, num)`` along
    ``axis``: the gradient is ``sum(g * out * (1 - w)) / start`` for ``start`` and
    ``sum(g * out * w) / stop`` for ``stop`` (also for two negative ends)."""

    __slots__ = ()

    def forward(self, start, stop, num=50, endpoint=True, dtype=None, axis=0):
        self.num, self.endpoint, self.axis = num, endpoint, axis
        return np.geomspace(start, stop, num, endpoint=endpoint, dtype=dtype, axis=axis)

    def backward(self, g, out, inputs, needs, xp):
        start, stop = inputs
        shape = [1] * out.ndim
        shape[self.axis] = self.num
        w = np.linspace(0.0, 1.0, self.num, endpoint=self.endpoint).reshape(shape)
        go = g * out
        g_start = xp.sum(go * (1 - w), axis=self.axis) / start if needs[0] else None
        g_stop = xp.sum(go * w, axis=self.axis) / stop if needs[1] else None
        return g_start, g_stop


def geomspace(
    start: ArrayLike,
    stop: ArrayLike,
    num: int = 50,
    endpoint: bool = True,
    dtype: DTypeLike = None,
    axis: int = 0,
    *,
    constant: bool | None = None,
) -> Tensor:
    """``num`` values from ``start`` to ``stop`` in a geometric progression (a constant ratio).

    Differentiable in ``start`` and ``stop`` when they are variable tensors.

    Parameters
    ----------
    start, stop : array_like
        The first and last values: non-zero and of the same sign; scalars, or arrays for
        one sequence per element (they broadcast).
    num : int, default 50
        Number of values (non-negative).
    endpoint : bool, default True
        Include ``stop``.
    dtype : data-type, optional
        Default: float64.
    axis : int, default 0
        The axis of the result along which the values run (when ``start``/``stop``
        are arrays).
    constant : bool, optional
        A float result is a variable unless ``constant=True``.

    Returns
    -------
    Tensor
        A leaf tensor, or, when ``start`` or ``stop`` is a variable tensor, a tensor
        whose gradient flows back to them.

    Raises
    ------
    ValueError
        If ``start`` or ``stop`` is 0 or they differ in sign (NumPy raises for 0 and
        returns NaN for opposite signs).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.geomspace(1, 1000, 4)
    Tensor([   1.,   10.,  100., 1000.])
    >>> a, b = mg.tensor(2.0), mg.tensor(8.0)
    >>> y = mg.geomspace(a, b, 3)
    >>> y
    Tensor([2., 4., 8.])
    >>> y.sum().backward()  # y[1] = sqrt(a * b)
    >>> a.grad, b.grad
    (array(2.), array(1.25))
    """
    params = _range_params(start, stop, num, endpoint, dtype, axis)
    lo, hi = np.asarray(data_of(start)), np.asarray(data_of(stop))
    if (lo == 0).any() or (hi == 0).any():
        raise ValueError(f"geomspace: start and stop must be non-zero; got start={start!r}, stop={stop!r}")
    if (np.signbit(lo) != np.signbit(hi)).any():
        raise ValueError(
            f"geomspace: start and stop must have the same sign; got start={start!r}, stop={stop!r}"
        )
    if _has_variable(start, stop):
        return apply(Geomspace, start, stop, constant=constant, **params)
    return _leaf(Geomspace().forward(lo, hi, **params), constant)


def eye(
    N: int, M: int | None = None, k: int = 0, dtype: DTypeLike = float, *, constant: bool | None = None
) -> Tensor:
    """A 2-D tensor with ones on the ``k``-th diagonal and zeros elsewhere.

    Parameters
    ----------
    N : int
        Number of rows.
    M : int, optional
        Number of columns (default ``N``).
    k : int, default 0
        The diagonal: 0 the main one, positive above it, negative below.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.eye(2, 3, k=1)
    Tensor([[0., 1., 0.],
            [0., 0., 1.]])
    """
    n = as_int(N, "N")
    m = n if M is None else as_int(M, "M")
    if n < 0 or m < 0:
        raise ValueError(f"N and M must be non-negative; got N={N!r}, M={M!r}")
    return _leaf(np.eye(n, m, k=as_int(k, "k"), dtype=as_dtype(dtype, optional=True)), constant)


def identity(n: int, dtype: DTypeLike = float, *, constant: bool | None = None) -> Tensor:
    """The ``n x n`` identity matrix.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.identity(2)
    Tensor([[1., 0.],
            [0., 1.]])
    """
    n = as_int(n, "n")
    if n < 0:
        raise ValueError(f"n must be non-negative; got n={n}")
    return _leaf(np.identity(n, dtype=as_dtype(dtype, optional=True)), constant)


# --------------------------------------------------------------------------- *_like
def _like(fill: Any, other: ArrayLike, dtype: DTypeLike, shape: ShapeLike, constant: bool | None) -> Tensor:
    if isinstance(other, Tensor):
        ref_dtype, ref_shape, ref_constant = other.dtype, other.shape, other.constant
    else:
        arr = np.asarray(other)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"other must hold real numbers; got dtype {arr.dtype}")
        ref_dtype, ref_shape, ref_constant = arr.dtype, arr.shape, True
    dt = as_dtype(dtype, optional=True) or ref_dtype
    shp = ref_shape if shape is None else size_shape(shape)
    if constant is None and dt.kind == "f":
        constant = ref_constant
    if fill is None:
        data = np.empty(shp, dtype=dt)
    else:
        try:
            data = np.full(shp, fill, dtype=dt)
        except (ValueError, TypeError) as e:
            raise ValueError(f"cannot fill a tensor of shape {shp} with fill_value={fill!r}: {e}") from None
    return _leaf(data, constant)


def zeros_like(
    other: ArrayLike, dtype: DTypeLike = None, shape: ShapeLike = None, *, constant: bool | None = None
) -> Tensor:
    """Zeros with the shape and dtype of ``other``.

    Parameters
    ----------
    other : array_like
        A tensor or array.
    dtype : data-type, optional
        Default: ``other``'s dtype.
    shape : int or sequence of int, optional
        Default: ``other``'s shape.
    constant : bool, optional
        Default: ``other``'s constant-ness when it is a tensor; ``True`` for a plain
        array (as in MyGrad). Integer results are always constant.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0]])
    >>> z = mg.zeros_like(x)
    >>> z, z.constant
    (Tensor([[0., 0.]]), False)
    >>> mg.zeros_like([1, 2])
    Tensor([0, 0])
    """
    return _like(0, other, dtype, shape, constant)


def ones_like(
    other: ArrayLike, dtype: DTypeLike = None, shape: ShapeLike = None, *, constant: bool | None = None
) -> Tensor:
    """Ones with the shape and dtype of ``other`` (see :func:`zeros_like`).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.ones_like(mg.tensor([1.0, 2.0], dtype="float32"))
    Tensor([1., 1.], dtype=float32)
    """
    return _like(1, other, dtype, shape, constant)


def full_like(
    other: ArrayLike,
    fill_value: ArrayLike,
    dtype: DTypeLike = None,
    shape: ShapeLike = None,
    *,
    constant: bool | None = None,
) -> Tensor:
    """``fill_value`` with the shape and dtype of ``other`` (see :func:`zeros_like`).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.full_like(mg.tensor([1.0, 2.0]), 7)
    Tensor([7., 7.])
    >>> mg.full_like([1, 2], 2.5)
    Tensor([2, 2])
    """
    return _like(data_of(fill_value), other, dtype, shape, constant)


def empty_like(
    other: ArrayLike, dtype: DTypeLike = None, shape: ShapeLike = None, *, constant: bool | None = None
) -> Tensor:
    """An uninitialised tensor with the shape and dtype of ``other`` (see :func:`zeros_like`).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.empty_like(mg.ones((2, 3))).shape
    (2, 3)
    """
    return _like(None, other, dtype, shape, constant)
