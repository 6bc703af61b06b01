"""Shape ops: reshape, transpose, squeeze, broadcast_to and friends.

They return views of the input's data where NumPy does. Every op here only moves
elements around, so each gradient is the inverse move: a reshape back, the inverse
permutation, or (for ``broadcast_to``) a sum that the engine does when it reduces a
gradient to its input's shape. Those inverse moves are themselves ops of this module,
so second derivatives come for free.

The public functions canonicalise their arguments first (axes to non-negative ints,
shapes to tuples) and raise ``ValueError``/``TypeError`` naming the bad argument; an
axis out of range raises :class:`numpy.exceptions.AxisError` (both a ``ValueError`` and
an ``IndexError``, as in NumPy).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._inplace import apply_view
from .._validation import as_shape, normalize_axes, normalize_axis, shape_of
from ..engine import Op
from ..tensor import Tensor, apply

__all__ = [
    "reshape",
    "ravel",
    "flatten",
    "transpose",
    "moveaxis",
    "swapaxes",
    "squeeze",
    "expand_dims",
    "broadcast_to",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
]

ArrayLike = Any


# --------------------------------------------------------------------------- the reshape rule
def _reshape_target(old: tuple, newshape: Any, name: str = "newshape") -> tuple:
    """The shape ``reshape(old -> newshape)`` produces, with ``-1`` resolved."""
    new = as_shape(newshape, name)
    size = int(np.prod(old, dtype=np.int64))
    unknown = [i for i, n in enumerate(new) if n == -1]
    if len(unknown) > 1 or any(n < -1 for n in new):
        raise ValueError(f"{name}={newshape!r} may hold non-negative sizes and at most one -1")
    known = int(np.prod([n for n in new if n != -1], dtype=np.int64))
    if unknown:
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape a tensor of shape {old} to {name}={newshape!r}")
        new = new[: unknown[0]] + (size // known,) + new[unknown[0] + 1 :]
    elif known != size:
        raise ValueError(f"cannot reshape a tensor of shape {old} (size {size}) to {name}={newshape!r}")
    return new


# --------------------------------------------------------------------------- reshape family
class Reshape(Op):
    """Any change of shape that keeps the C order of the elements (reshape, ravel,
    squeeze, expand_dims, atleast_nd). Its gradient reshapes back."""

    __slots__ = ()

    def forward(self, a, shape=None):
        return np.reshape(a, shape)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        return (xp.reshape(g, a.shape),)


def _reshape_to(a: ArrayLike, shape: tuple, constant: bool | None) -> Tensor:
    return apply_view(Reshape, a, shape=shape, constant=constant)


def reshape(a: ArrayLike, newshape: Any = None, *, constant: bool | None = None, shape: Any = None) -> Tensor:
    """Give a new shape to a tensor without changing its data.

    Parameters
    ----------
    a : array_like
        The tensor to reshape.
    newshape : int or tuple of int
        The new shape; it must have the same number of elements. One entry may be
        ``-1``: it is inferred. (``shape=`` is accepted as NumPy 2's spelling.)
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        A view of ``a``'s data where NumPy can make one.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.arange(6.0)
    >>> y = mg.reshape(x, (2, -1))
    >>> y
    Tensor([[0., 1., 2.],
            [3., 4., 5.]])
    >>> (y * mg.tensor([[1.0], [2.0]])).backward()
    >>> x.grad
    array([1., 1., 1., 2., 2., 2.])
    """
    if newshape is None:
        if shape is None:
            raise TypeError("reshape needs the new shape (newshape)")
        newshape = shape
    elif shape is not None:
        raise TypeError("give the new shape once: newshape or shape, not both")
    target = _reshape_target(shape_of(a), newshape)
    return _reshape_to(a, target, constant)


def ravel(a: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Flatten a tensor to 1-D (C order); a view where NumPy can make one.

    Parameters
    ----------
    a : array_like
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        Shape ``(a.size,)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.ravel(mg.tensor([[1.0, 2.0], [3.0, 4.0]]))
    Tensor([1., 2., 3., 4.])
    """
    size = int(np.prod(shape_of(a), dtype=np.int64))
    if isinstance(a, Tensor) and not a.data.flags.c_contiguous:  # NumPy copies
        return apply(Copy, apply(Reshape, a, shape=(size,), constant=constant), constant=constant)
    return _reshape_to(a, (size,), constant)


class Copy(Op):
    __slots__ = ()

    def forward(self, a):
        return np.array(a, copy=True)

    def backward(self, g, out, inputs, needs, xp):
        return (g,)


def flatten(a: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Flatten a tensor to 1-D (C order), always copying (``ndarray.flatten``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> y = mg.flatten(x)
    >>> y
    Tensor([1., 2., 3., 4.])
    >>> (y * mg.arange(4.0)).backward()
    >>> x.grad
    array([[0., 1.],
           [2., 3.]])
    """
    return apply(Copy, ravel(a, constant=constant), constant=constant)


def squeeze(a: ArrayLike, axis: Any = None, *, constant: bool | None = None) -> Tensor:
    """Remove axes of length one.

    Parameters
    ----------
    a : array_like
    axis : int or tuple of int, optional
        The axes to remove; each must have length 1. Default: every length-1 axis.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.ones((1, 3, 1))
    >>> mg.squeeze(x).shape
    (3,)
    >>> mg.squeeze(x, axis=0).shape
    (3, 1)
    """
    shape = shape_of(a)
    if axis is None:
        drop = {i for i, n in enumerate(shape) if n == 1}
    else:
        drop = set(normalize_axes(axis, len(shape)))
        for i in sorted(drop):
            if shape[i] != 1:
                raise ValueError(
                    f"cannot squeeze axis={axis!r}: axis {i} of a tensor of shape {shape} has "
                    f"length {shape[i]}, not 1"
                )
    return _reshape_to(a, tuple(n for i, n in enumerate(shape) if i not in drop), constant)


def expand_dims(a: ArrayLike, axis: Any, *, constant: bool | None = None) -> Tensor:
    """Insert length-one axes at the positions ``axis`` of the result.

    Parameters
    ----------
    a : array_like
    axis : int or tuple of int
        Positions, in the expanded result, of the new axes.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> mg.expand_dims(x, 0).shape
    (1, 2)
    >>> mg.expand_dims(x, (0, -1)).shape
    (1, 2, 1)
    """
    shape = shape_of(a)
    if isinstance(axis, (np.ndarray, Tensor)):
        axis = np.asarray(axis).tolist()
    n_new = len(axis) if isinstance(axis, (tuple, list)) else 1
    new_axes = set(normalize_axes(axis, len(shape) + n_new))
    rest = iter(shape)
    target = tuple(1 if i in new_axes else next(rest) for i in range(len(shape) + n_new))
    return _reshape_to(a, target, constant)


def _atleast(ndim: int, tensors: tuple, constant: bool | None) -> Any:
    def one(t: Any) -> Tensor:
        shape = shape_of(t)
        if len(shape) >= ndim and isinstance(t, Tensor) and constant in (None, t.constant):
            return t  # already has the dimensions: the tensor itself, as NumPy and MyGrad
        if len(shape) >= ndim:
            target = shape
        elif ndim == 1 or len(shape) == 0:
            target = (1,) * (ndim - len(shape)) + shape
        elif ndim == 2:  # (N,) -> (1, N)
            target = (1,) + shape
        else:  # ndim == 3: (N,) -> (1, N, 1); (M, N) -> (M, N, 1)
            target = (1,) + shape + (1,) if len(shape) == 1 else shape + (1,)
        return _reshape_to(t, target, constant)

    if not tensors:
        raise TypeError(f"atleast_{ndim}d needs at least one tensor")
    out = [one(t) for t in tensors]
    return out[0] if len(out) == 1 else out


def atleast_1d(*tensors: ArrayLike, constant: bool | None = None) -> Any:
    """View each input with at least one dimension (a 0-d tensor becomes shape ``(1,)``).

    A tensor that already has enough dimensions (and the requested ``constant``) is
    returned itself, as in NumPy and MyGrad; the same holds for ``atleast_2d`` and ``atleast_3d``.

    Returns
    -------
    Tensor or list of Tensor
        One tensor for one input, else a list (as MyGrad does).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.atleast_1d(mg.tensor(3.0))
    Tensor([3.])
    >>> [t.shape for t in mg.atleast_1d(1.0, [[2.0]])]
    [(1,), (1, 1)]
    >>> x = mg.tensor([1.0, 2.0])
    >>> mg.atleast_1d(x) is x
    True
    """
    return _atleast(1, tensors, constant)


def atleast_2d(*tensors: ArrayLike, constant: bool | None = None) -> Any:
    """View each input with at least two dimensions (shape ``(N,)`` becomes ``(1, N)``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.atleast_2d(mg.tensor([1.0, 2.0])).shape
    (1, 2)
    """
    return _atleast(2, tensors, constant)


def atleast_3d(*tensors: ArrayLike, constant: bool | None = None) -> Any:
    """View each input with at least three dimensions.

    Shape ``()`` becomes ``(1, 1, 1)``, ``(N,)`` becomes ``(1, N, 1)`` and ``(M, N)``
    becomes ``(M, N, 1)``, as in NumPy.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.atleast_3d(mg.ones((2, 3))).shape
    (2, 3, 1)
    >>> mg.atleast_3d(mg.ones(4)).shape
    (1, 4, 1)
    """
    return _atleast(3, tensors, constant)


# --------------------------------------------------------------------------- permutations
class Transpose(Op):
    """A permutation of the axes; its gradient applies the inverse permutation."""

    __slots__ = ()

    def forward(self, a, axes=None):
        self.axes = axes
        return np.transpose(a, axes)

    def backward(self, g, out, inputs, needs, xp):
        if self.axes is None:
            return (xp.transpose(g),)
        return (xp.transpose(g, tuple(np.argsort(self.axes).tolist())),)


def _permute(a: ArrayLike, perm: tuple, constant: bool | None) -> Tensor:
    return apply_view(Transpose, a, axes=perm, constant=constant)


def transpose(a: ArrayLike, axes: Any = None, *more_axes: int, constant: bool | None = None) -> Tensor:
    """Permute the axes (reverse them by default).

    Parameters
    ----------
    a : array_like
    axes : tuple of int, optional
        A permutation of ``range(a.ndim)``: axis ``i`` of the result is axis
        ``axes[i]`` of ``a``. May also be given as separate ints
        (``mg.transpose(x, 1, 0)``, as in MyGrad).
    constant : bool, optional

    Returns
    -------
    Tensor
        A view of ``a``'s data.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.transpose(mg.ones((2, 3, 4)), (1, 0, 2)).shape
    (3, 2, 4)
    >>> mg.transpose(mg.ones((2, 3, 4))).shape
    (4, 3, 2)
    >>> mg.transpose(mg.ones((2, 3)), 1, 0).shape
    (3, 2)
    """
    ndim = len(shape_of(a))
    if more_axes or isinstance(axes, (int, np.integer)):
        axes = (axes,) + more_axes
    if axes is None:
        return apply_view(Transpose, a, axes=None, constant=constant)
    if not isinstance(axes, (tuple, list, np.ndarray, Tensor)):
        raise TypeError(f"axes must be a sequence of ints; got {axes!r}")
    perm = normalize_axes(axes, ndim, "axes")
    if len(perm) != ndim:
        raise ValueError(f"axes={axes!r} is not a permutation of the {ndim} axes")
    return _permute(a, perm, constant)


def moveaxis(a: ArrayLike, source: Any, destination: Any, *, constant: bool | None = None) -> Tensor:
    """Move axes to new positions; the other axes keep their order.

    Parameters
    ----------
    a : array_like
    source, destination : int or sequence of int
        Original and new positions of the moved axes (same length).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.ones((2, 3, 4))
    >>> mg.moveaxis(x, 0, -1).shape
    (3, 4, 2)
    >>> mg.moveaxis(x, (0, 1), (-1, -2)).shape
    (4, 3, 2)
    """
    ndim = len(shape_of(a))
    src = normalize_axes(source, ndim, "source")
    dst = normalize_axes(destination, ndim, "destination")
    if len(src) != len(dst):
        raise ValueError(
            f"source={source!r} and destination={destination!r} must name the same number of axes"
        )
    perm = [i for i in range(ndim) if i not in src]
    for d, s in sorted(zip(dst, src)):
        perm.insert(d, s)
    return _permute(a, tuple(perm), constant)


def swapaxes(a: ArrayLike, axis1: int, axis2: int, *, constant: bool | None = None) -> Tensor:
    """Interchange two axes.

    Parameters
    ----------
    a : array_like
    axis1, axis2 : int
        The axes to swap (negative values count from the end).
    constant : bool, optional

    Returns
    -------
    Tensor
        A view of ``a``'s data.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.swapaxes(mg.ones((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    ndim = len(shape_of(a))
    i, j = normalize_axis(axis1, ndim, "axis1"), normalize_axis(axis2, ndim, "axis2")
    perm = list(range(ndim))
    perm[i], perm[j] = j, i
    return _permute(a, tuple(perm), constant)


# --------------------------------------------------------------------------- broadcasting
class BroadcastTo(Op):
    __slots__ = ()

    def forward(self, a, shape=None):
        return np.broadcast_to(a, shape)

    def backward(self, g, out, inputs, needs, xp):
        return (g,)  # the engine sums the gradient back down to the input's shape


def broadcast_to(a: ArrayLike, shape: Any, *, constant: bool | None = None) -> Tensor:
    """Broadcast a tensor to a new shape (a read-only view, as in NumPy).

    The gradient sums over the broadcast axes.

    Parameters
    ----------
    a : array_like
    shape : int or tuple of int
        A shape ``a.shape`` broadcasts to (NumPy's rules: align on the right; length-1
        axes stretch; new axes may be added on the left).
    constant : bool, optional

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.broadcast_to(x, (3, 2))
    >>> (y * mg.tensor([[1.0], [2.0], [3.0]])).backward()
    >>> x.grad
    array([6., 6.])
    """
    old = shape_of(a)
    target = as_shape(shape, "shape")
    ok = len(target) >= len(old) and all(n >= 0 for n in target)
    ok = ok and all(o in (1, n) for o, n in zip(old[::-1], target[::-1]))
    if not ok:
        raise ValueError(f"cannot broadcast a tensor of shape {old} to shape={shape!r}")
    return apply_view(BroadcastTo, a, shape=target, constant=constant)
