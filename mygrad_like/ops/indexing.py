"""Indexing: ``x[index]`` (basic and advanced), ``take`` and ``take_along_axis``.

The gradient of a gather ``out = x[index]`` is a scatter-add of the output gradient
into zeros of ``x``'s shape::

    dx = zeros(x.shape);  dx[index] += g      (np.add.at: repeated indices accumulate)

That scatter is linear in ``g``, and its own gradient (its transpose) is the gather
again: ``d(dx)/dg`` applied to ``h`` is ``h[index]``. So the scatter is an op of its own
(:class:`IndexScatter`) whose backward calls ``getitem``; gradients of any order follow.

For a basic index (ints, slices, ``...``, ``None``) no element is selected twice, so the
scatter is a plain assignment into zeros, which is cheaper than ``np.add.at``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._inplace import apply_view
from .._validation import data_of, normalize_axis, one_of, shape_of
from ..engine import Op
from ..tensor import Tensor, apply
from . import shape as _shape

__all__ = ["getitem", "take", "take_along_axis"]

ArrayLike = Any
_BASIC_TYPES = (int, np.integer, slice, type(Ellipsis), type(None))


def plain_index(index: Any) -> Any:
    """``index`` with tensors replaced by their data (for NumPy indexing)."""
    if isinstance(index, tuple):
        return tuple(data_of(i) for i in index)
    return data_of(index)


def _canonical_item(i: Any) -> Any:
    """One entry of an index: tensors and sequences become (owned) arrays, so that the
    index saved for the backward pass cannot change if the caller mutates theirs."""
    if isinstance(i, _BASIC_TYPES) and not isinstance(i, (bool, np.bool_)):
        return i
    if isinstance(i, Tensor):
        i = i.data
    arr = np.array(i)  # a copy
    if arr.dtype.kind == "f" and arr.size == 0:  # x[[]] selects nothing, like NumPy
        arr = arr.astype(np.intp)
    return arr


def _canonical_index(index: Any) -> tuple:
    """``index`` as a tuple of ints/slices/None/Ellipsis/arrays (NumPy's reading of it)."""
    if type(index) is int or type(index) is slice:  # the common cases, fast
        return (index,)
    items = index if isinstance(index, tuple) else (index,)
    return tuple(_canonical_item(i) for i in items)


def _is_basic(index: tuple) -> bool:
    return all(isinstance(i, _BASIC_TYPES) for i in index)


def _scatter(g: Any, index: tuple, shape: tuple, basic: bool) -> Any:
    """zeros(shape) with ``g`` added at ``index``: an ndarray for an ndarray ``g`` (first-order
    pass), a differentiable tensor for a tensor ``g``."""
    if isinstance(g, Tensor):
        return apply(IndexScatter, g, index=index, shape=shape, basic=basic)
    return _scatter_array(g, index, shape, basic)


def _scatter_array(g: np.ndarray, index: tuple, shape: tuple, basic: bool) -> np.ndarray:
    out = np.zeros(shape, dtype=np.result_type(g))
    if basic:
        out[index] = g
    else:
        np.add.at(out, index, g)
    return out


class GetItem(Op):
    """``a[index]``; the gradient scatters ``g`` back into zeros of ``a``'s shape."""

    __slots__ = ()

    def forward(self, a, index=(), basic=True):
        self.index, self.basic = index, basic
        return np.asarray(a)[index]

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (_scatter(g, self.index, a.shape, self.basic),)


class IndexScatter(Op):
    """``zeros(shape)`` with ``g`` added at ``index`` (np.add.at). Linear in ``g``; its
    gradient is the gather ``h[index]``."""

    __slots__ = ()

    def forward(self, g, index=(), shape=(), basic=True):
        self.index = index
        return _scatter_array(g, index, shape, basic)

    def backward(self, h, out, inputs, needs, xp):
        return (h[self.index],)


def getitem(x: ArrayLike, index: Any, *, constant: bool | None = None) -> Tensor:
    """``x[index]`` with NumPy's indexing rules; what ``Tensor.__getitem__`` runs.

    Parameters
    ----------
    x : array_like
    index : int, slice, Ellipsis, None, array_like, Tensor, or a tuple of these
        Basic indices (ints, slices, ``...``, ``None``) give a view; integer arrays
        and boolean masks (plain or tensors) select elements by advanced indexing.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        The gradient of an element selected several times accumulates.

    Raises
    ------
    IndexError
        For an index out of bounds or of an invalid kind, as NumPy does.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    >>> x[1, ::2]
    Tensor([4., 6.])
    >>> y = x[[0, 0, 1], [2, 2, 0]]
    >>> y
    Tensor([3., 3., 4.])
    >>> y.backward()
    >>> x.grad
    array([[0., 0., 2.],
           [1., 0., 0.]])
    >>> x[x > 4.0]
    Tensor([5., 6.])
    """
    try:
        idx = _canonical_index(index)
    except (ValueError, TypeError) as e:  # e.g. a ragged list
        raise IndexError(f"index {index!r} is invalid: {e}") from None
    try:  # NumPy validates the index in the forward pass; nothing is recorded if it fails
        if _is_basic(idx):  # NumPy gives a view
            return apply_view(GetItem, x, index=idx, basic=True, constant=constant)
        return apply(GetItem, x, index=idx, basic=False, constant=constant)
    except IndexError as e:
        shape = shape_of(x, "x")
        raise IndexError(f"index {index!r} is invalid for a tensor of shape {shape}: {e}") from None


# --------------------------------------------------------------------------- take
def _int_indices(indices: Any, name: str = "indices") -> np.ndarray:
    arr = np.asarray(data_of(indices))
    if arr.dtype.kind == "f" and arr.size == 0:
        arr = arr.astype(np.intp)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integers; got dtype {arr.dtype}")
    return arr


def take(
    a: ArrayLike,
    indices: ArrayLike,
    axis: int | None = None,
    out: None = None,
    mode: str = "raise",
    *,
    constant: bool | None = None,
) -> Tensor:
    """Take elements of ``a`` along ``axis`` (of the flattened ``a`` when ``axis`` is None).

    Parameters
    ----------
    a : array_like
    indices : array_like of int
        The positions; repeats are allowed (their gradients add up).
    axis : int, optional
    out : None
        Not supported (must be None); present for NumPy's signature.
    mode : {'raise', 'wrap', 'clip'}, default 'raise'
        How out-of-range indices are treated, as in NumPy.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> mg.take(x, [3, 0])
    Tensor([4., 1.])
    >>> y = mg.take(x, [1, 1], axis=1)
    >>> y
    Tensor([[2., 2.],
            [4., 4.]])
    >>> y.backward()
    >>> x.grad
    array([[0., 2.],
           [0., 2.]])
    """
    if out is not None:
        raise TypeError("take does not support out=; use the returned tensor")
    one_of(mode, ("raise", "wrap", "clip"), "mode")
    idx = _int_indices(indices)
    shape = shape_of(a)
    if axis is None:
        a = _shape.ravel(a, constant=constant)
        ax, n = 0, int(np.prod(shape, dtype=np.int64))
    else:
        ax = normalize_axis(axis, len(shape))
        n = shape[ax]
    if mode == "wrap" and idx.size:
        if n == 0:
            raise IndexError("cannot take from an empty axis with mode='wrap'")
        idx = idx % n
    elif mode == "clip" and idx.size:
        if n == 0:
            raise IndexError("cannot take from an empty axis with mode='clip'")
        idx = np.clip(idx, 0, n - 1)
    elif idx.size and (idx.min() < -n or idx.max() >= n):
        raise IndexError(f"indices={indices!r} are out of bounds for an axis of length {n}")
    return getitem(a, (slice(None),) * ax + (idx,), constant=constant)


def take_along_axis(
    arr: ArrayLike, indices: ArrayLike, axis: int | None = -1, *, constant: bool | None = None
) -> Tensor:
    """Pick values from ``arr`` by matching 1-D slices of ``indices`` along ``axis``.

    ``out[..., j, ...] = arr[..., indices[..., j, ...], ...]`` (the index on ``axis``);
    the other axes of ``indices`` broadcast against ``arr``'s. The usual partner of
    ``argsort``/``argmax(keepdims=True)``.

    Parameters
    ----------
    arr : array_like
    indices : array_like of int
        Same number of dimensions as ``arr`` (or 1-D when ``axis`` is None).
    axis : int or None, default -1
        None works on the flattened ``arr``.

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])
    >>> i = np.argmax(x.data, axis=1)[:, None]
    >>> y = mg.take_along_axis(x, i, axis=1)
    >>> y
    Tensor([[3.],
            [5.]])
    >>> y.backward()
    >>> x.grad
    array([[1., 0., 0.],
           [0., 1., 0.]])
    """
    idx = _int_indices(indices)
    shape = shape_of(arr, "arr")
    if axis is None:
        if idx.ndim != 1:
            raise ValueError(f"with axis=None, indices must be 1-D; got shape {idx.shape}")
        return take(arr, idx, constant=constant)
    ax = normalize_axis(axis, len(shape))
    if idx.ndim != len(shape):
        raise ValueError(f"indices (shape {idx.shape}) must have as many dimensions as arr (shape {shape})")
    # broadcast-ready aranges for the other axes, as np.ix_ would give
    index = tuple(
        idx if d == ax else np.arange(n).reshape((-1,) + (1,) * (len(shape) - d - 1))
        for d, n in enumerate(shape)
    )
    return getitem(arr, index, constant=constant)
