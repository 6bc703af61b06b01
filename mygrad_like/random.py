"""``mg.random``: random tensors drawn with NumPy.

By default every function draws from NumPy's global random state (the functions of
:mod:`numpy.random`), so ``mg.random.seed(0)`` and ``numpy.random.seed(0)`` are the
same thing, and ``mg.random.rand(3)`` draws the values ``np.random.rand(3)`` would.
Pass ``rng=`` a :class:`numpy.random.Generator` (or a ``RandomState``) to draw from
it instead, e.g. ``mg.random.normal(size=3, rng=np.random.default_rng(0))``.

Float results are variables unless ``constant=True`` (as for any float tensor); values
are drawn in float64 and cast to ``dtype``. ``randint`` gives constant integer tensors.

Examples
--------
>>> import numpy as np
>>> import mygrad_like as mg
>>> mg.random.seed(0)
>>> x = mg.random.rand(2, 3)
>>> np.random.seed(0)
>>> np.array_equal(x.data, np.random.rand(2, 3))
True
>>> g = np.random.default_rng(1)
>>> mg.random.normal(0.0, 2.0, size=(2,), rng=g).shape
(2,)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import as_dtype, data_of, shape_args, size_shape
from .tensor import Tensor

__all__ = [
    "seed",
    "rand",
    "randn",
    "random",
    "random_sample",
    "ranf",
    "sample",
    "uniform",
    "normal",
    "randint",
]

ShapeLike = Any


def seed(seed_number: Any) -> None:
    """Seed NumPy's global random state (exactly ``numpy.random.seed``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.random.seed(3); a = mg.random.randn(2)
    >>> mg.random.seed(3); b = mg.random.randn(2)
    >>> bool((a.data == b.data).all())
    True
    """
    try:
        np.random.seed(seed_number)
    except (ValueError, TypeError) as e:
        raise ValueError(
            f"seed_number must be an int in [0, 2**32) or None; got {seed_number!r} ({e})"
        ) from None


# --------------------------------------------------------------------------- helpers
def _source(rng: Any) -> tuple[Any, bool]:
    """The object to draw from and whether it has the ``Generator`` API."""
    if rng is None:
        return np.random, False  # the module-level functions use the global RandomState
    if isinstance(rng, np.random.Generator):
        return rng, True
    if isinstance(rng, np.random.RandomState):
        return rng, False
    raise TypeError(f"rng must be a numpy.random.Generator, a numpy.random.RandomState or None; got {rng!r}")


def _float_tensor(values: Any, dtype: Any, constant: bool | None) -> Tensor:
    """Draws (in float64) as a new tensor of the float ``dtype`` (``Tensor`` validates ``constant``)."""
    data = np.asarray(values, dtype=np.float64).astype(as_dtype(dtype, "f"), copy=False)
    return Tensor(data, constant=constant, copy=False)


# --------------------------------------------------------------------------- uniform [0, 1)
def _unit(shape: tuple | None, rng: Any) -> Any:
    src, is_gen = _source(rng)
    return src.random(shape) if is_gen else src.random_sample(shape)


def rand(*shape: int, dtype: Any = np.float64, constant: bool | None = None, rng: Any = None) -> Tensor:
    """Uniform samples in ``[0, 1)`` of the given shape (``numpy.random.rand``).

    Parameters
    ----------
    *shape : int
        The dimensions; none gives a 0-d tensor.
    dtype : float data-type, default float64
    constant : bool, optional
    rng : numpy.random.Generator or RandomState, optional
        Default: NumPy's global random state.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.random.rand(2, 3)
    >>> x.shape, x.constant, bool(((0 <= x.data) & (x.data < 1)).all())
    ((2, 3), False, True)
    """
    return _float_tensor(_unit(shape_args(shape), rng), dtype, constant)


def random(
    shape: ShapeLike = None, *, dtype: Any = np.float64, constant: bool | None = None, rng: Any = None
) -> Tensor:
    """Uniform samples in ``[0, 1)`` (``numpy.random.random``); ``shape=None`` gives a 0-d tensor.

    ``random_sample``, ``ranf`` and ``sample`` are the same function (as in NumPy/MyGrad).

    Parameters
    ----------
    shape : int or tuple of int, optional
    dtype : float data-type, default float64
    constant : bool, optional
    rng : numpy.random.Generator or RandomState, optional
        Default: NumPy's global random state.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.random.random((2,), dtype="float32").dtype
    dtype('float32')
    """
    return _float_tensor(_unit(size_shape(shape, "shape", optional=True), rng), dtype, constant)


random_sample = random
ranf = random
sample = random


def uniform(
    low: Any = 0.0,
    high: Any = 1.0,
    size: ShapeLike = None,
    *,
    dtype: Any = np.float64,
    constant: bool | None = None,
    rng: Any = None,
) -> Tensor:
    """Uniform samples in ``[low, high)`` (``numpy.random.uniform``).

    Parameters
    ----------
    low, high : float or array_like
        The bounds; they broadcast with ``size``.
    size : int or tuple of int, optional
        Default: the broadcast shape of ``low`` and ``high``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.random.uniform(-1.0, 1.0, size=(3, 2))
    >>> x.shape, bool((abs(x.data) <= 1).all())
    ((3, 2), True)
    """
    src, _ = _source(rng)
    lo, hi = data_of(low), data_of(high)
    try:
        values = src.uniform(lo, hi, size_shape(size, "size", optional=True))
    except (ValueError, OverflowError) as e:
        raise ValueError(f"invalid uniform(low={low!r}, high={high!r}, size={size!r}): {e}") from None
    return _float_tensor(values, dtype, constant)


# --------------------------------------------------------------------------- normal
def randn(*shape: int, dtype: Any = np.float64, constant: bool | None = None, rng: Any = None) -> Tensor:
    """Standard normal samples of the given shape (``numpy.random.randn``).

    Parameters
    ----------
    *shape : int
        The dimensions; none gives a 0-d tensor.
    dtype : float data-type, default float64
    constant : bool, optional
    rng : numpy.random.Generator or RandomState, optional
        Default: NumPy's global random state.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.random.randn(4, 2).shape
    (4, 2)
    >>> mg.random.randn().ndim
    0
    """
    src, _ = _source(rng)
    return _float_tensor(src.standard_normal(shape_args(shape)), dtype, constant)


def normal(
    loc: Any = 0.0,
    scale: Any = 1.0,
    size: ShapeLike = None,
    *,
    dtype: Any = np.float64,
    constant: bool | None = None,
    rng: Any = None,
) -> Tensor:
    """Normal samples with mean ``loc`` and standard deviation ``scale`` (``numpy.random.normal``).

    Parameters
    ----------
    loc, scale : float or array_like
        ``scale`` must be non-negative. They broadcast with ``size``.
    size : int or tuple of int, optional

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> x = mg.random.normal(5.0, 0.1, size=1000, rng=np.random.default_rng(0))
    >>> bool(abs(x.data.mean() - 5.0) < 0.05)
    True
    """
    src, _ = _source(rng)
    sc = data_of(scale)
    if np.any(np.asarray(sc) < 0):
        raise ValueError(f"scale must be non-negative; got scale={scale!r}")
    try:
        values = src.normal(data_of(loc), sc, size_shape(size, "size", optional=True))
    except ValueError as e:
        raise ValueError(f"invalid normal(loc={loc!r}, scale={scale!r}, size={size!r}): {e}") from None
    return _float_tensor(values, dtype, constant)


# --------------------------------------------------------------------------- integers
def randint(
    low: Any,
    high: Any = None,
    shape: ShapeLike = None,
    dtype: Any = int,
    *,
    size: ShapeLike = None,
    rng: Any = None,
) -> Tensor:
    """Random integers in ``[low, high)`` (``[0, low)`` when ``high`` is None), as a
    constant tensor (``numpy.random.randint``).

    Parameters
    ----------
    low, high : int or array_like of int
    shape : int or tuple of int, optional
        The output shape (MyGrad's name; ``size=`` is accepted as NumPy's).
    dtype : integer data-type, default int

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.random.randint(0, 5, (2, 3))
    >>> x.shape, x.constant, bool(((0 <= x.data) & (x.data < 5)).all())
    ((2, 3), True, True)
    """
    if size is not None:
        if shape is not None:
            raise TypeError("give the output shape once: shape or size, not both")
        shape = size
    dt = as_dtype(dtype, "iu")
    src, is_gen = _source(rng)
    draw = src.integers if is_gen else src.randint
    try:
        values = draw(data_of(low), data_of(high), size_shape(shape, "shape", optional=True), dtype=dt)
    except ValueError as e:
        raise ValueError(f"invalid randint(low={low!r}, high={high!r}): {e}") from None
    return Tensor(np.asarray(values), constant=True, copy=False)
