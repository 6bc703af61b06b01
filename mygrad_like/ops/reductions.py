"""Reductions: sum, mean, prod, max/min, var/std, logsumexp, cumulative sums and products."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Op
from ..tensor import Tensor, apply

__all__ = ["sum"]

ArrayLike = Any


def _normalize_axis(axis: Any, ndim: int, name: str = "axis") -> tuple | None:
    """``axis`` (None, int or sequence of ints) as a sorted tuple of non-negative axes."""
    if axis is None:
        return None
    items = (axis,) if isinstance(axis, (int, np.integer)) else axis
    try:
        items = tuple(items)
    except TypeError:
        raise TypeError(f"{name} must be None, an int or a tuple of ints; got {axis!r}") from None
    out = []
    for a in items:
        if isinstance(a, bool) or not isinstance(a, (int, np.integer)):
            raise TypeError(f"{name} must be None, an int or a tuple of ints; got {axis!r}")
        if not -ndim <= a < max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
            raise ValueError(f"{name} {a} is out of bounds for a tensor of dimension {ndim}")
        out.append(int(a) % max(ndim, 1))
    if len(set(out)) != len(out):
        raise ValueError(f"{name} contains a repeated axis: {axis!r}")
    return tuple(sorted(out))


def _expand_reduced(g: Any, shape: tuple, axis: tuple | None, keepdims: bool, xp: Any) -> Any:
    """Reshape a reduction's gradient so that it broadcasts against the input ``shape``."""
    if keepdims or axis is None:
        return g
    kept = tuple(1 if i in axis else n for i, n in enumerate(shape))
    return g.reshape(kept)


class Sum(Op):
    __slots__ = ()

    def forward(self, a, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims
        return np.sum(a, axis=axis, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        g = _expand_reduced(g, a.shape, self.axis, self.keepdims, xp)
        return (xp.broadcast_to(g, a.shape),)


def sum(  # noqa: A001 - NumPy's name
    x: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None
) -> Tensor:
    """Sum of elements over the given axes.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to sum over (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> y = mg.sum(x, axis=0)
    >>> y
    Tensor([4., 6.])
    >>> y.backward()
    >>> x.grad
    array([[1., 1.],
           [1., 1.]])
    """
    x = x if isinstance(x, Tensor) else Tensor(x, copy=False, constant=True)
    ax = _normalize_axis(axis, x.ndim)
    return apply(Sum, x, axis=ax, keepdims=bool(keepdims), constant=constant)
