"""Shape ops: reshape, transpose, broadcast_to, and friends (all return views where NumPy does)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply

__all__ = ["reshape", "transpose", "broadcast_to"]

ArrayLike = Any


class Reshape(Op):
    __slots__ = ()

    def forward(self, a, shape=None):
        return np.reshape(a, shape)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (xp.reshape(g, a.shape),)


def reshape(a: ArrayLike, newshape: Any, *, constant: bool | None = None) -> Tensor:
    """Give a new shape to a tensor without changing its data.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.reshape(mg.arange(6.0), (2, 3))
    Tensor([[0., 1., 2.],
            [3., 4., 5.]])
    """
    arr = a.data if isinstance(a, Tensor) else np.asarray(a)
    try:
        np.empty(arr.shape, dtype=np.int8).reshape(newshape)  # validate cheaply
    except (ValueError, TypeError) as e:
        raise ValueError(f"cannot reshape a tensor of shape {arr.shape} to newshape={newshape!r}: {e}") from None
    return apply(Reshape, a, shape=newshape, constant=constant)


class Transpose(Op):
    __slots__ = ()

    def forward(self, a, axes=None):
        self.axes = axes
        return np.transpose(a, axes)

    def backward(self, g, out, inputs, needs, xp):
        if self.axes is None:
            return (xp.transpose(g),)
        return (xp.transpose(g, np.argsort(self.axes)),)


def transpose(a: ArrayLike, axes: Any = None, *, constant: bool | None = None) -> Tensor:
    """Permute the axes (reverse them by default).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.transpose(mg.ones((2, 3, 4)), (1, 0, 2)).shape
    (3, 2, 4)
    """
    if axes is not None:
        ndim = a.ndim if isinstance(a, Tensor) else np.ndim(a)
        try:
            axes = tuple(int(i) % ndim if -ndim <= int(i) < ndim else None for i in axes)
        except TypeError:
            raise TypeError(f"axes must be a sequence of ints; got {axes!r}") from None
        if None in axes or sorted(axes) != list(range(ndim)):
            raise ValueError(f"axes={axes!r} is not a permutation of the {ndim} axes")
    return apply(Transpose, a, axes=axes, constant=constant)


class BroadcastTo(Op):
    __slots__ = ()

    def forward(self, a, shape=None):
        return np.broadcast_to(a, shape)

    def backward(self, g, out, inputs, needs, xp):
        return (g,)  # the engine sums the gradient back down to the input's shape


def broadcast_to(a: ArrayLike, shape: Any, *, constant: bool | None = None) -> Tensor:
    """Broadcast a tensor to a new shape (a read-only view).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.broadcast_to(x, (3, 2))
    >>> y.sum().backward()
    >>> x.grad
    array([3., 3.])
    """
    arr = a.data if isinstance(a, Tensor) else np.asarray(a)
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    try:
        np.broadcast_shapes(arr.shape, shape)
        if len(shape) < arr.ndim:
            raise ValueError("fewer dimensions than the input")
        np.broadcast_to(np.empty(arr.shape, np.int8), shape)
    except ValueError as e:
        raise ValueError(f"cannot broadcast a tensor of shape {arr.shape} to shape={shape!r}: {e}") from None
    return apply(BroadcastTo, a, shape=shape, constant=constant)
