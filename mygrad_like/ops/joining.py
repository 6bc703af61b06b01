"""Joining, splitting and rearranging: concatenate, stack, split, pad, flip, roll, repeat, tile.

Gradients, derived once here:

* ``concatenate``/``stack``: each input gets its slice of ``g`` back (a basic index,
  so the gradient is itself differentiable through ``getitem``).
* ``split``: each piece is a slice of the input (``getitem``), whose gradient scatters
  into zeros; the pieces' gradients add up in the engine.
* ``flip``/``roll``: permutations of the elements; the gradient applies the inverse
  (``flip`` again; ``roll`` by ``-shift``).
* ``repeat`` and ``pad`` in the modes that copy input values (reflect, symmetric, wrap,
  edge) are gathers ``out = x.ravel()[index_map]``; the gradient is the scatter-add of
  ``g`` at ``index_map``, so an input element copied into several output positions
  receives the sum of their gradients ("folding back" the padding).
* ``pad(mode='constant')``: the gradient is the interior slice of ``g``.
* ``tile``: ``out`` viewed as ``(r1, s1, r2, s2, ...)`` is ``x`` broadcast over the
  ``r`` axes; the gradient sums over them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import (
    as_dtype,
    as_int,
    as_shape,
    data_of,
    normalize_axes,
    normalize_axis,
    one_of,
    shape_of,
)
from ..engine import Op
from ..tensor import Tensor, apply
from . import indexing as _indexing
from . import shape as _shape

__all__ = [
    "concatenate",
    "stack",
    "split",
    "array_split",
    "pad",
    "flip",
    "roll",
    "repeat",
    "tile",
]

ArrayLike = Any


def _tensor_list(tensors: Any, name: str = "tensors") -> list:
    """``tensors`` as a list of inputs; a tensor or array counts as the sequence of its rows."""
    if isinstance(tensors, Tensor):
        if tensors.ndim == 0:
            raise ValueError(f"{name} must be a sequence of tensors; got a 0-d tensor")
        return list(tensors)
    if isinstance(tensors, np.ndarray):
        if tensors.ndim == 0:
            raise ValueError(f"{name} must be a sequence of tensors; got a 0-d array")
        return list(tensors)
    if isinstance(tensors, (str, bytes)) or not isinstance(tensors, (list, tuple)):
        try:
            tensors = list(tensors)
        except TypeError:
            raise TypeError(f"{name} must be a sequence of tensors or arrays; got {tensors!r}") from None
    if len(tensors) == 0:
        raise ValueError(f"{name} must hold at least one tensor; got an empty sequence")
    return list(tensors)


def _slicer(axis: int, sl: Any) -> tuple:
    return (slice(None),) * axis + (sl,)


# --------------------------------------------------------------------------- concatenate / stack
class Concatenate(Op):
    """Input ``i`` gets ``g[..., start_i:stop_i, ...]`` along ``axis`` (a flat slice,
    reshaped, when ``axis`` is None)."""

    __slots__ = ()

    def forward(self, *arrays, axis=0, dtype=None, casting="same_kind"):
        self.axis = axis
        sizes = [np.size(a) if axis is None else np.shape(a)[axis] for a in arrays]
        self.bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
        return np.concatenate(arrays, axis=axis, dtype=dtype, casting=casting)

    def backward(self, g, out, inputs, needs, xp):
        grads = []
        for i, (a, need) in enumerate(zip(inputs, needs)):
            if not need:
                grads.append(None)
                continue
            part = slice(self.bounds[i], self.bounds[i + 1])
            if self.axis is None:
                grads.append(xp.reshape(g[part], a.shape))
            else:
                grads.append(g[_slicer(self.axis, part)])
        return grads


def concatenate(
    tensors: Any,
    axis: int | None = 0,
    out: None = None,
    dtype: Any = None,
    *,
    casting: str = "same_kind",
    constant: bool | None = None,
) -> Tensor:
    """Join tensors along an existing axis.

    Parameters
    ----------
    tensors : sequence of array_like
        Same shape except along ``axis``.
    axis : int or None, default 0
        None flattens every input first.
    out : None
        Not supported (must be None); present for NumPy's signature.
    dtype : data-type, optional
        The result's dtype.
    casting : str, default 'same_kind'
        As in ``numpy.concatenate``.
    constant : bool, optional

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0]])
    >>> y = mg.tensor([[3.0, 4.0], [5.0, 6.0]])
    >>> z = mg.concatenate([x, y])
    >>> z
    Tensor([[1., 2.],
            [3., 4.],
            [5., 6.]])
    >>> (z * mg.tensor([[1.0], [2.0], [3.0]])).backward()
    >>> x.grad
    array([[1., 1.]])
    >>> np.concatenate([x, y], axis=None).shape   # NumPy hands tensors to this function
    (6,)
    """
    if out is not None:
        raise TypeError("concatenate does not support out=; use the returned tensor")
    items = _tensor_list(tensors)
    if not items:
        raise ValueError("tensors must hold at least one array; got an empty sequence")
    shapes = [shape_of(t, "tensors") for t in items]
    if axis is not None:
        if any(len(s) == 0 for s in shapes):
            raise ValueError(f"zero-dimensional tensors cannot be concatenated; got shapes {shapes}")
        ndim = len(shapes[0])
        ax = normalize_axis(axis, ndim)
        for s in shapes:
            if len(s) != ndim or s[:ax] + s[ax + 1 :] != shapes[0][:ax] + shapes[0][ax + 1 :]:
                raise ValueError(
                    f"tensors of shapes {shapes} cannot be concatenated along axis={axis}: all "
                    "dimensions except that axis must match"
                )
    else:
        ax = None
    return apply(
        Concatenate, *items, axis=ax, dtype=as_dtype(dtype, optional=True), casting=casting, constant=constant
    )


class Stack(Op):
    """Input ``i`` gets ``g[..., i, ...]`` (index ``i`` on the new axis)."""

    __slots__ = ()

    def forward(self, *arrays, axis=0, dtype=None, casting="same_kind"):
        self.axis = axis
        return np.stack(arrays, axis=axis, dtype=dtype, casting=casting)

    def backward(self, g, out, inputs, needs, xp):
        return [g[_slicer(self.axis, i)] if need else None for i, need in enumerate(needs)]


def stack(
    tensors: Any,
    axis: int = 0,
    out: None = None,
    *,
    dtype: Any = None,
    casting: str = "same_kind",
    constant: bool | None = None,
) -> Tensor:
    """Join same-shaped tensors along a new axis.

    Parameters
    ----------
    tensors : sequence of array_like
        All of the same shape.
    axis : int, default 0
        Position of the new axis in the result.
    out : None
        Not supported (must be None).

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> x, y = mg.tensor([1.0, 2.0]), mg.tensor([3.0, 4.0])
    >>> z = np.stack([x, y], axis=1)   # dispatches to mg.stack
    >>> z
    Tensor([[1., 3.],
            [2., 4.]])
    >>> (z * mg.tensor([1.0, 10.0])).backward()
    >>> y.grad
    array([10., 10.])
    """
    if out is not None:
        raise TypeError("stack does not support out=; use the returned tensor")
    items = _tensor_list(tensors)
    if not items:
        raise ValueError("tensors must hold at least one array; got an empty sequence")
    shapes = [shape_of(t, "tensors") for t in items]
    if any(s != shapes[0] for s in shapes):
        raise ValueError(f"stack needs tensors of one shape; got shapes {shapes}")
    ax = normalize_axis(axis, len(shapes[0]) + 1)
    return apply(
        Stack, *items, axis=ax, dtype=as_dtype(dtype, optional=True), casting=casting, constant=constant
    )


# --------------------------------------------------------------------------- split
def _split(ary: ArrayLike, indices_or_sections: Any, axis: int, equal: bool, constant: bool | None) -> list:
    shape = shape_of(ary, "ary")
    if len(shape) == 0:
        raise ValueError("cannot split a 0-d tensor")
    ax = normalize_axis(axis, len(shape))
    n = shape[ax]
    ios = data_of(indices_or_sections)
    if np.ndim(ios) == 0:
        sections = as_int(ios, "indices_or_sections")
        if sections <= 0:
            raise ValueError(f"indices_or_sections={sections} must be a positive number of sections")
        if equal and n % sections:
            raise ValueError(
                f"indices_or_sections={sections} does not divide the axis of length {n} into "
                "equal parts (use array_split for unequal parts)"
            )
        each, extra = divmod(n, sections)
        sizes = [each + 1] * extra + [each] * (sections - extra)
        bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    else:
        cuts = np.asarray(ios)
        if cuts.ndim != 1 or (cuts.size and cuts.dtype.kind not in "iu"):
            raise TypeError(
                f"indices_or_sections must be an int or a 1-D sequence of ints; got {indices_or_sections!r}"
            )
        bounds = [0] + cuts.tolist() + [n]
    return [
        _indexing.getitem(ary, _slicer(ax, slice(lo, hi)), constant=constant)
        for lo, hi in zip(bounds[:-1], bounds[1:])
    ]


def split(ary: ArrayLike, indices_or_sections: Any, axis: int = 0, *, constant: bool | None = None) -> list:
    """Split a tensor into a list of sub-tensors (views) along ``axis``.

    Parameters
    ----------
    ary : array_like
    indices_or_sections : int or 1-D sequence of int
        An int ``N``: ``N`` equal parts (``ValueError`` if the axis length is not a
        multiple of ``N``; see :func:`array_split`). A sorted sequence: the cut points,
        e.g. ``[2, 3]`` gives ``ary[:2], ary[2:3], ary[3:]`` (Python slice rules).
    axis : int, default 0

    Returns
    -------
    list of Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.arange(6.0)
    >>> a, b = mg.split(x, 2)
    >>> a, b
    (Tensor([0., 1., 2.]), Tensor([3., 4., 5.]))
    >>> [p.shape for p in mg.split(x, [1, 4])]
    [(1,), (3,), (2,)]
    >>> (a * b).backward()
    >>> x.grad
    array([3., 4., 5., 0., 1., 2.])
    """
    return _split(ary, indices_or_sections, axis, True, constant)


def array_split(
    ary: ArrayLike, indices_or_sections: Any, axis: int = 0, *, constant: bool | None = None
) -> list:
    """Like :func:`split`, but ``N`` sections need not divide the axis evenly: the first
    ``length % N`` parts get one extra element.

    Parameters
    ----------
    ary : array_like
    indices_or_sections : int or 1-D sequence of int
        A positive number of sections, or the cut points as for :func:`split`.
    axis : int, default 0

    Returns
    -------
    list of Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> [p.shape for p in mg.array_split(mg.arange(5.0), 3)]
    [(2,), (2,), (1,)]
    """
    return _split(ary, indices_or_sections, axis, False, constant)


# --------------------------------------------------------------------------- pad
_PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")


class ConstantPad(Op):
    """``np.pad(mode='constant')``; the gradient is the interior slice of ``g``."""

    __slots__ = ()

    def forward(self, a, pad_width=(), constant_values=0):
        self.interior = tuple(slice(lo, lo + n) for (lo, _), n in zip(pad_width or (), np.shape(a)))
        return np.pad(a, pad_width, mode="constant", constant_values=constant_values)

    def backward(self, g, out, inputs, needs, xp):
        return (g[self.interior],)


def pad(
    array: ArrayLike,
    pad_width: Any,
    mode: str = "constant",
    *,
    constant_values: Any = 0,
    reflect_type: str = "even",
    constant: bool | None = None,
) -> Tensor:
    """Pad a tensor; differentiable with respect to ``array``.

    Parameters
    ----------
    array : array_like
    pad_width : int or sequence
        ``((before_1, after_1), ..., (before_N, after_N))`` per axis; ``(before, after)``
        or ``int`` apply to every axis (as in ``numpy.pad``). Non-negative.
    mode : {'constant', 'edge', 'reflect', 'symmetric', 'wrap'}, default 'constant'
        As in ``numpy.pad``. Every mode copies input values (or constants), so an input
        element copied to several places gets the sum of their gradients.
    constant_values : scalar or sequence, default 0
        The fill of ``mode='constant'`` (a constant: no gradient flows to it).
    reflect_type : {'even'}
        Only NumPy's default ``'even'`` is supported.
    constant : bool, optional

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> mg.pad(x, (1, 2), constant_values=-1.0)
    Tensor([-1.,  1.,  2.,  3., -1., -1.])
    >>> y = mg.pad(x, 2, mode="reflect")
    >>> y
    Tensor([3., 2., 1., 2., 3., 2., 1.])
    >>> y.backward()
    >>> x.grad
    array([2., 3., 2.])
    """
    one_of(mode, _PAD_MODES, "mode")
    if reflect_type != "even":
        raise ValueError(f"only reflect_type='even' is supported; got reflect_type={reflect_type!r}")
    shape = shape_of(array, "array")
    ndim = len(shape)
    pw = np.asarray(data_of(pad_width))
    if pw.size and pw.dtype.kind not in "iu":
        raise TypeError(f"pad_width must hold integers; got pad_width={pad_width!r}")
    try:
        pw = np.broadcast_to(pw.astype(np.intp), (ndim, 2))
    except ValueError:
        raise ValueError(
            f"pad_width={pad_width!r} does not fit a tensor of {ndim} dimensions: give an int, "
            "(before, after), or one (before, after) pair per axis"
        ) from None
    if (pw < 0).any():
        raise ValueError(f"pad_width must be non-negative; got pad_width={pad_width!r}")
    # a 0-d array has no axis to pad (numpy.pad returns it unchanged); NumPy accepts no
    # empty pair list, so it gets the int 0 instead
    pw = tuple((int(lo), int(hi)) for lo, hi in pw) if ndim else 0
    if mode == "constant":
        cv = data_of(constant_values)
        cv_arr = np.asarray(cv)
        if cv_arr.dtype.kind not in "biuf":
            raise TypeError(f"constant_values must be numbers; got constant_values={constant_values!r}")
        try:
            np.broadcast_to(cv_arr, (ndim, 2))
        except ValueError:
            raise ValueError(
                f"constant_values={constant_values!r} does not fit a tensor of {ndim} dimensions"
            ) from None
        return apply(ConstantPad, array, pad_width=pw, constant_values=cv, constant=constant)
    for (lo, hi), n in zip(pw or (), shape):
        if n == 0 and (lo or hi):
            raise ValueError(f"cannot pad an empty axis in mode={mode!r} (pad_width={pad_width!r})")
    size = int(np.prod(shape, dtype=np.int64))
    index_map = np.pad(np.arange(size).reshape(shape), pw, mode=mode)
    return _indexing.getitem(_shape.ravel(array, constant=constant), index_map, constant=constant)


# --------------------------------------------------------------------------- flip / roll
class Flip(Op):
    __slots__ = ()

    def forward(self, a, axis=None):
        self.axis = axis
        return np.flip(a, axis)

    def backward(self, g, out, inputs, needs, xp):
        return (xp.flip(g, self.axis),)


def flip(m: ArrayLike, axis: Any = None, *, constant: bool | None = None) -> Tensor:
    """Reverse the order of elements along the given axes (all of them by default); a view.

    Parameters
    ----------
    m : array_like
    axis : int or tuple of int, optional
        The axes to reverse; default all.
    constant : bool, optional

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> mg.flip(x, axis=1)
    Tensor([[2., 1.],
            [4., 3.]])
    >>> mg.flip(x)
    Tensor([[4., 3.],
            [2., 1.]])
    """
    ndim = len(shape_of(m, "m"))
    return apply(Flip, m, axis=None if axis is None else normalize_axes(axis, ndim), constant=constant)


class Roll(Op):
    __slots__ = ()

    def forward(self, a, shift=0, axis=None):
        self.shift, self.axis = shift, axis
        return np.roll(a, shift, axis)

    def backward(self, g, out, inputs, needs, xp):
        back = tuple(-s for s in self.shift) if isinstance(self.shift, tuple) else -self.shift
        return (xp.roll(g, back, self.axis),)


def roll(a: ArrayLike, shift: Any, axis: Any = None, *, constant: bool | None = None) -> Tensor:
    """Shift elements cyclically along axes (of the flattened tensor when ``axis`` is None).

    Parameters
    ----------
    a : array_like
    shift : int or tuple of int
        Positions to shift by; a tuple pairs up with a tuple ``axis``.
    axis : int or tuple of int, optional

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.arange(5.0)
    >>> mg.roll(x, 2)
    Tensor([3., 4., 0., 1., 2.])
    >>> mg.roll(mg.tensor([[1.0, 2.0], [3.0, 4.0]]), (1, 1), axis=(0, 1))
    Tensor([[4., 3.],
            [2., 1.]])
    """
    ndim = len(shape_of(a))
    if isinstance(shift, (tuple, list, np.ndarray)):
        sh: Any = tuple(as_int(s, "shift") for s in np.asarray(shift).reshape(-1).tolist())
    else:
        sh = as_int(shift, "shift")
    if axis is None:
        ax: Any = None
        if isinstance(sh, tuple):
            sh = sum(sh)  # np.roll over the flattened tensor applies every shift in turn
    elif isinstance(axis, (tuple, list)):
        ax = tuple(normalize_axis(i, ndim) for i in axis)
    else:
        ax = normalize_axis(axis, ndim)
    if isinstance(sh, tuple) or isinstance(ax, tuple):
        try:
            pairs = np.broadcast(np.asarray(sh), np.asarray(ax))
        except ValueError:
            raise ValueError(f"shift={shift!r} and axis={axis!r} have different lengths") from None
        sh, ax = zip(*((int(s), int(x)) for s, x in pairs))
        sh, ax = tuple(sh), tuple(ax)
    return apply(Roll, a, shift=sh, axis=ax, constant=constant)


# --------------------------------------------------------------------------- repeat / tile
def repeat(a: ArrayLike, repeats: Any, axis: int | None = None, *, constant: bool | None = None) -> Tensor:
    """Repeat each element of a tensor (of its flattened form when ``axis`` is None).

    Parameters
    ----------
    a : array_like
    repeats : int or sequence of int
        Non-negative; one count for all elements or one per element along ``axis``.
    axis : int, optional

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> mg.repeat(x, 2)
    Tensor([1., 1., 2., 2., 3., 3., 4., 4.])
    >>> y = x.repeat([1, 3], axis=0)
    >>> y
    Tensor([[1., 2.],
            [3., 4.],
            [3., 4.],
            [3., 4.]])
    >>> y.backward()
    >>> x.grad
    array([[1., 1.],
           [3., 3.]])
    """
    shape = shape_of(a)
    reps = np.asarray(data_of(repeats))
    if reps.ndim > 1 or (reps.size and reps.dtype.kind not in "iu") or reps.dtype.kind == "b":
        raise TypeError(f"repeats must be an int or a 1-D sequence of ints; got repeats={repeats!r}")
    if (reps < 0).any():
        raise ValueError(f"repeats must be non-negative; got repeats={repeats!r}")
    if len(shape) == 0 and axis is not None:  # NumPy: a 0-d input repeats as a 1-d one
        normalize_axis(axis, 1)
        axis = None
    if axis is None:
        a = _shape.ravel(a, constant=constant)
        ax, n = 0, int(np.prod(shape, dtype=np.int64))
    else:
        ax = normalize_axis(axis, len(shape))
        n = shape[ax]
    if reps.ndim == 1 and reps.size not in (1, n):
        raise ValueError(
            f"repeats has {reps.size} entries for an axis of length {n}; give one count or one per element"
        )
    index = np.repeat(np.arange(n), reps.astype(np.intp))
    return _indexing.getitem(a, _slicer(ax, index), constant=constant)


class Tile(Op):
    """``out`` reshaped to ``(r1, s1, r2, s2, ...)`` is ``a`` broadcast along the ``r`` axes;
    the gradient sums over them."""

    __slots__ = ()

    def forward(self, a, reps=()):
        shape = np.shape(a)
        d = max(len(shape), len(reps))
        self.shape = (1,) * (d - len(shape)) + tuple(shape)
        self.reps = (1,) * (d - len(reps)) + tuple(reps)
        return np.tile(a, reps)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        split = tuple(n for pair in zip(self.reps, self.shape) for n in pair)
        summed = xp.sum(xp.reshape(g, split), axis=tuple(range(0, len(split), 2)))
        return (xp.reshape(summed, a.shape),)


def tile(A: ArrayLike, reps: Any, *, constant: bool | None = None) -> Tensor:
    """Repeat a whole tensor ``reps`` times along each axis (``numpy.tile``).

    Parameters
    ----------
    A : array_like
    reps : int or sequence of int
        Non-negative repetitions per axis; when shorter than ``A.ndim`` it is padded
        with leading ones, when longer ``A`` gets leading length-1 axes.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.tile(x, (2, 2))
    >>> y
    Tensor([[1., 2., 1., 2.],
            [1., 2., 1., 2.]])
    >>> y.backward()
    >>> x.grad
    array([4., 4.])
    """
    r = as_shape(reps, "reps")
    if any(n < 0 for n in r):
        raise ValueError(f"reps must be non-negative; got reps={reps!r}")
    return apply(Tile, A, reps=r, constant=constant)
