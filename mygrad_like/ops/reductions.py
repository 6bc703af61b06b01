"""Reductions: sum, mean, prod, max/min, var/std, logsumexp, cumulative sums and products.

The ``axis`` rules (and the other argument rules) live in :mod:`mygrad_like._validation`.

Gradient rules (derived once, here, so the code below can stay short). For a reduction
over the axes ``R`` of ``x``, let ``G`` be the output gradient reshaped so that it
broadcasts against ``x`` (size-1 axes at ``R``), and ``n`` the number of reduced elements:

* ``sum``: ``G``;  ``mean``: ``G / n``.
* ``var``: ``G * 2 (x - mean(x)) / (n - ddof)``;  ``std = sqrt(var)``: the same over ``2 std``.
* ``max``/``min``: ``G`` split evenly among the elements equal to the extremum.
* ``logsumexp``: ``G * exp(x - out)`` (the softmax).
* ``prod``: ``G * E`` where ``E_i`` is the product of all the *other* elements of the slice.
  ``E`` is formed from exclusive cumulative products (no division, so zeros are exact), by
  its own op :class:`_ProdOthers`, whose gradient (products of all elements but two) is
  again an ``_ProdOthers`` of a ``(..., n, n)`` stack: every derivative order stays exact.
* ``cumsum``: the reversed cumulative sum of ``g``.
* ``cumprod``: ``dL/dx_k = sum_{i >= k} g_i prod_{j <= i, j != k} x_j``. A first-order pass
  uses ``sum_{i >= k} g_i y_i / x_k`` before a slice's first zero, at that zero ``z`` the
  same sum over the cumulative product with ``x_z`` set to one, and zero after it: exact,
  ``O(n)``. That form's own derivative is wrong after a zero, so a differentiable pass
  on an input with zeros builds the products pairwise instead (``_ProdOthers`` of the
  prefixes, ``O(n^2)``), exact at every order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import as_operand, data_of, reduction_axes
from ..engine import Op
from ..tensor import Tensor, apply

__all__ = [
    "sum",
    "mean",
    "prod",
    "max",
    "min",
    "amax",
    "amin",
    "var",
    "std",
    "logsumexp",
    "cumsum",
    "cumprod",
]

ArrayLike = Any


# --------------------------------------------------------------------------- helpers
def _single_axis(axis: Any, ndim: int, name: str = "axis") -> int | None:
    """An ``int``-or-``None`` axis (cumulative ops) as a non-negative int or ``None``."""
    if axis is None:
        return None
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name} must be None or an int; got {name}={axis!r}")
    ax = reduction_axes(axis, ndim, name)
    return ax[0] if ax else None


def _reduced_count(shape: tuple, axis: tuple | None) -> int:
    if axis is None:
        return int(np.prod(shape, dtype=np.int64))
    return int(np.prod([shape[i] for i in axis], dtype=np.int64))


def _reduced_shape(shape: tuple, axis: tuple | None) -> tuple:
    """The shape left by reducing ``axis`` without ``keepdims``."""
    return () if axis is None else tuple(n for i, n in enumerate(shape) if i not in axis)


def _expand_reduced(g: Any, shape: tuple, axis: tuple | None, keepdims: bool, xp: Any) -> Any:
    """Reshape a reduction's gradient so that it broadcasts against the input ``shape``."""
    if keepdims or axis is None:
        return g
    kept = tuple(1 if i in axis else n for i, n in enumerate(shape))
    return g.reshape(kept)


def _check_nonempty(x: Any, axis: tuple | None, fname: str) -> None:
    shape = np.shape(x)
    sizes = shape if axis is None else [shape[i] for i in axis]
    if 0 in sizes and (axis is None or len(axis)):
        raise ValueError(
            f"{fname} of an empty selection: x has shape {shape} and axis={axis!r} "
            "covers a zero-size axis (the result has no identity)"
        )


# --------------------------------------------------------------------------- sum, mean
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
    constant : bool, optional
        Force the result to be a constant (no gradient flows through it).

    Returns
    -------
    Tensor

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
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    return apply(Sum, x, axis=ax, keepdims=bool(keepdims), constant=constant)


class Mean(Op):
    __slots__ = ()

    def forward(self, a, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims
        self.n = _reduced_count(np.shape(a), axis)
        return np.mean(a, axis=axis, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (a,) = inputs
        g = _expand_reduced(g, a.shape, self.axis, self.keepdims, xp)
        return (xp.broadcast_to(g / self.n, a.shape),)


def mean(x: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None) -> Tensor:
    """Arithmetic mean over the given axes.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to average over (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> y = mg.mean(x, axis=1)
    >>> y
    Tensor([1.5, 3.5])
    >>> y.sum().backward()
    >>> x.grad
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    return apply(Mean, x, axis=ax, keepdims=bool(keepdims), constant=constant)


# --------------------------------------------------------------------------- prod
def _exclusive_cumprod(a: np.ndarray) -> np.ndarray:
    """``[1, a0, a0 a1, ...]`` along the last axis."""
    out = np.ones_like(a)
    if a.shape[-1] > 1:
        np.cumprod(a[..., :-1], axis=-1, out=out[..., 1:])
    return out


class _ProdOthers(Op):
    """``E_i = prod_{j != i} x_j`` along the last axis, without division.

    Gradient: ``dE_i/dx_k = prod_{j not in {i, k}} x_j`` (``k != i``). Stacking, for each
    ``k``, the slice with ``x_k`` replaced by one gives a ``(..., n, n)`` tensor whose own
    ``_ProdOthers`` holds exactly those products.
    """

    __slots__ = ()

    def forward(self, a):
        return _exclusive_cumprod(a) * _exclusive_cumprod(a[..., ::-1])[..., ::-1]

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        n = x.shape[-1]
        eye = np.eye(n, dtype=x.dtype)
        off = 1 - eye
        stack = x.reshape(x.shape[:-1] + (1, n)) * off + eye  # (..., k, j): x_j, 1 at j == k
        pairs = _prod_others(stack)  # (..., k, i): prod over j not in {i, k} (for i != k)
        g_row = g.reshape(g.shape[:-1] + (1, n))
        return (xp.sum(g_row * pairs * off, axis=-1),)


def _prod_others(x: Any) -> Any:
    """:class:`_ProdOthers` on an ndarray (an ndarray back) or a tensor (a tensor)."""
    if isinstance(x, Tensor):
        return apply(_ProdOthers, x)
    return _ProdOthers().forward(x)


class Prod(Op):
    __slots__ = ()

    def forward(self, a, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims
        return np.prod(a, axis=axis, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        shape = x.shape
        red = tuple(range(len(shape))) if self.axis is None else self.axis
        kept = tuple(i for i in range(len(shape)) if i not in red)
        perm = kept + red
        # move the reduced axes last and flatten them: (*kept, n)
        xt = x if perm == tuple(range(len(shape))) else xp.transpose(x, perm)
        others = _prod_others(xt.reshape(tuple(shape[i] for i in kept) + (-1,)))
        others = others.reshape(xt.shape)
        if perm != tuple(range(len(shape))):
            others = xp.transpose(others, tuple(np.argsort(perm)))
        g = _expand_reduced(g, shape, self.axis, self.keepdims, xp)
        return (g * others,)


def prod(a: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None) -> Tensor:
    """Product of elements over the given axes.

    The gradient of each element is the product of the other elements of its slice,
    computed without division, so inputs containing zeros get exact gradients (of every
    order).

    Parameters
    ----------
    a : array_like
    axis : None, int or tuple of int
        Axes to multiply over (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([2.0, 0.0, 3.0])
    >>> y = mg.prod(x)
    >>> y
    Tensor(0.)
    >>> y.backward()
    >>> x.grad
    array([0., 6., 0.])
    """
    a = as_operand(a, "a")
    ax = reduction_axes(axis, np.ndim(a))
    return apply(Prod, a, axis=ax, keepdims=bool(keepdims), constant=constant)


# --------------------------------------------------------------------------- max, min
class _Extremum(Op):
    __slots__ = ()
    _np_func: Any = None

    def forward(self, a, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims
        return type(self)._np_func(a, axis=axis, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        xd = data_of(x)
        od = _expand_reduced(data_of(out), xd.shape, self.axis, self.keepdims, np)
        hit = (xd == od) | (np.isnan(xd) & np.isnan(od))  # a constant mask
        share = hit / np.sum(hit, axis=self.axis, keepdims=True)
        g = _expand_reduced(g, xd.shape, self.axis, self.keepdims, xp)
        return (g * share.astype(xd.dtype, copy=False),)


class Max(_Extremum):
    __slots__ = ()
    _np_func = staticmethod(np.max)


class Min(_Extremum):
    __slots__ = ()
    _np_func = staticmethod(np.min)


def max(  # noqa: A001 - NumPy's name
    x: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None
) -> Tensor:
    """Maximum over the given axes.

    Where several elements of a slice equal its maximum, the gradient is split evenly
    among them (each gets ``1/k`` of it for ``k`` ties), as for ``torch.amax``. (MyGrad
    gives all of it to the first one.)

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to reduce (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Raises
    ------
    ValueError
        For an axis out of bounds, or a reduction over a zero-size axis.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 5.0, 5.0], [2.0, 0.0, 1.0]])
    >>> y = mg.max(x, axis=1)
    >>> y
    Tensor([5., 2.])
    >>> y.sum().backward()
    >>> x.grad
    array([[0. , 0.5, 0.5],
           [1. , 0. , 0. ]])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    _check_nonempty(x, ax, "max")
    return apply(Max, x, axis=ax, keepdims=bool(keepdims), constant=constant)


def min(  # noqa: A001 - NumPy's name
    x: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None
) -> Tensor:
    """Minimum over the given axes; ties share the gradient evenly (see :func:`max`).

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to reduce (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([3.0, 1.0, 1.0, 2.0])
    >>> y = mg.min(x)
    >>> y
    Tensor(1.)
    >>> y.backward()
    >>> x.grad
    array([0. , 0.5, 0.5, 0. ])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    _check_nonempty(x, ax, "min")
    return apply(Min, x, axis=ax, keepdims=bool(keepdims), constant=constant)


amax = max
amin = min


# --------------------------------------------------------------------------- var, std
def _check_ddof(ddof: Any) -> float:
    if isinstance(ddof, (bool, np.bool_)) or not isinstance(ddof, (int, float, np.integer, np.floating)):
        raise TypeError(f"ddof must be a real number; got {ddof!r}")
    return ddof


def _safe_reciprocal(d: float) -> float:
    return 1.0 / d if d != 0 else float("inf")


class Var(Op):
    __slots__ = ()

    def forward(self, a, axis=None, ddof=0, keepdims=False):
        self.axis, self.ddof, self.keepdims = axis, ddof, keepdims
        self.n = _reduced_count(np.shape(a), axis)
        return np.var(a, axis=axis, ddof=ddof, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        g = _expand_reduced(g, x.shape, self.axis, self.keepdims, xp)
        centred = x - xp.mean(x, axis=self.axis, keepdims=True)
        return (g * centred * (2 * _safe_reciprocal(self.n - self.ddof)),)


def var(
    x: ArrayLike,
    axis: Any = None,
    ddof: int = 0,
    keepdims: bool = False,
    *,
    constant: bool | None = None,
) -> Tensor:
    """Variance over the given axes: ``sum((x - mean(x))**2) / (n - ddof)``.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to reduce (all by default).
    ddof : int, default 0
        "Delta degrees of freedom": the divisor is ``n - ddof`` (1 for the unbiased
        sample variance).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0, 6.0])
    >>> y = mg.var(x, ddof=1)
    >>> y
    Tensor(4.66666667)
    >>> y.backward()
    >>> x.grad
    array([-1.33333333, -0.66666667,  0.        ,  2.        ])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    return apply(Var, x, axis=ax, ddof=_check_ddof(ddof), keepdims=bool(keepdims), constant=constant)


class Std(Op):
    """Where the standard deviation is zero the gradient is taken as zero."""

    __slots__ = ()

    def forward(self, a, axis=None, ddof=0, keepdims=False):
        self.axis, self.ddof, self.keepdims = axis, ddof, keepdims
        self.n = _reduced_count(np.shape(a), axis)
        return np.std(a, axis=axis, ddof=ddof, keepdims=keepdims)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        g = _expand_reduced(g, x.shape, self.axis, self.keepdims, xp)
        out = _expand_reduced(out, x.shape, self.axis, self.keepdims, xp)
        safe = xp.where(data_of(out) == 0, 1, out)
        centred = x - xp.mean(x, axis=self.axis, keepdims=True)
        return (g * centred / safe * _safe_reciprocal(self.n - self.ddof),)


def std(
    x: ArrayLike,
    axis: Any = None,
    ddof: int = 0,
    keepdims: bool = False,
    *,
    constant: bool | None = None,
) -> Tensor:
    """Standard deviation over the given axes: ``sqrt(var(x, axis, ddof))``.

    Where it is zero (a constant slice) its gradient is taken as zero.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to reduce (all by default).
    ddof : int, default 0
        The divisor is ``n - ddof``.
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 3.0])
    >>> y = mg.std(x)
    >>> y
    Tensor(1.)
    >>> y.backward()
    >>> x.grad
    array([-0.5,  0.5])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    return apply(Std, x, axis=ax, ddof=_check_ddof(ddof), keepdims=bool(keepdims), constant=constant)


# --------------------------------------------------------------------------- logsumexp
class LogSumExp(Op):
    __slots__ = ()

    def forward(self, a, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims
        a = np.asarray(a)
        if a.dtype.kind != "f":
            a = a.astype(np.float64)
        shift = np.max(a, axis=axis, keepdims=True, initial=-np.inf)
        shift = np.where(np.isfinite(shift), shift, 0).astype(a.dtype, copy=False)
        with np.errstate(divide="ignore"):  # log(0) = -inf for all -inf slices
            out = np.log(np.sum(np.exp(a - shift), axis=axis, keepdims=True)) + shift
        if not keepdims:
            out = out.reshape(_reduced_shape(a.shape, axis))
        return out

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        g = _expand_reduced(g, x.shape, self.axis, self.keepdims, xp)
        out = _expand_reduced(out, x.shape, self.axis, self.keepdims, xp)
        return (g * xp.exp(x - out),)


def logsumexp(
    x: ArrayLike, axis: Any = None, keepdims: bool = False, *, constant: bool | None = None
) -> Tensor:
    """``log(sum(exp(x)))`` over the given axes, computed stably.

    The largest element of each slice is subtracted before exponentiating, so large
    inputs do not overflow. The gradient is the softmax of ``x`` over the same axes.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of int
        Axes to reduce (all by default).
    keepdims : bool, default False
        Keep the reduced axes as size-1 axes.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1000.0, 1000.0])
    >>> y = mg.logsumexp(x)
    >>> y
    Tensor(1000.69314718)
    >>> y.backward()
    >>> x.grad
    array([0.5, 0.5])
    """
    x = as_operand(x)
    ax = reduction_axes(axis, np.ndim(x))
    return apply(LogSumExp, x, axis=ax, keepdims=bool(keepdims), constant=constant)


# --------------------------------------------------------------------------- cumulative
def _reverse_cumsum(v: Any, axis: int, xp: Any) -> Any:
    """``out_k = sum_{i >= k} v_i`` along ``axis``."""
    return xp.flip(xp.cumsum(xp.flip(v, axis), axis=axis), axis)


class CumSum(Op):
    __slots__ = ()

    def forward(self, a, axis=None):
        self.axis = axis
        return np.cumsum(a, axis=axis)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        gx = _reverse_cumsum(g, 0 if self.axis is None else self.axis, xp)
        return (gx.reshape(x.shape) if self.axis is None else gx,)


def cumsum(a: ArrayLike, axis: int | None = None, *, constant: bool | None = None) -> Tensor:
    """Cumulative sum along an axis (of the flattened input when ``axis`` is None).

    Parameters
    ----------
    a : array_like
    axis : int, optional
        The axis to accumulate along; by default the input is flattened first.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> mg.cumsum(x)
    Tensor([ 1.,  3.,  6., 10.])
    >>> y = mg.cumsum(x, axis=1)
    >>> y
    Tensor([[1., 3.],
            [3., 7.]])
    >>> y.sum().backward()
    >>> x.grad
    array([[2., 1.],
           [2., 1.]])
    """
    a = as_operand(a, "a")
    ax = _single_axis(axis, np.ndim(a))
    return apply(CumSum, a, axis=ax, constant=constant)


class CumProd(Op):
    __slots__ = ()

    def forward(self, a, axis=None):
        self.axis = axis
        return np.cumprod(a, axis=axis)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        shape = x.shape
        ax = 0 if self.axis is None else self.axis
        if self.axis is None:
            x = x.reshape(-1)
        xd = data_of(x)
        zero = xd == 0
        if xp is not np and zero.any():  # differentiable pass through zeros: exact, O(n^2)
            gx = _cumprod_vjp_pairwise(g, x, ax, xp)
        else:
            gx = _cumprod_vjp(g, out, x, zero, ax, xp)
        return (gx.reshape(shape) if self.axis is None else gx,)


def _cumprod_vjp(g: Any, y: Any, x: Any, zero: np.ndarray, ax: int, xp: Any) -> Any:
    """O(n): ``sum_{i>=k} g_i y_i / x_k`` before a slice's first zero, the product with
    that zero set to one at it, zero after it. Exact first derivatives; exact second
    derivatives only for slices without zeros."""
    dtype = data_of(x).dtype
    seen = np.cumsum(zero, axis=ax)
    before = seen == 0  # before a slice's first zero: divide by x safely
    first = zero & (seen == 1)
    safe = xp.where(zero, 1, x)
    gx = _reverse_cumsum(g * y, ax, xp) / safe * before.astype(dtype)
    if first.any():  # the first zero: the cumulative product with it set to one
        ones_at_first = xp.cumprod(xp.where(first, 1, x), axis=ax)
        gx = gx + _reverse_cumsum(g * ones_at_first, ax, xp) * first.astype(dtype)
    return gx


def _cumprod_vjp_pairwise(g: Any, x: Any, ax: int, xp: Any) -> Any:
    """O(n^2) and division-free: ``dL/dx_k = sum_{i >= k} g_i prod_{j <= i, j != k} x_j``.

    Row ``i`` of a ``(..., i, j)`` stack holds the prefix ``x_0..x_i`` padded with ones;
    :class:`_ProdOthers` of it gives ``prod_{j <= i, j != k} x_j`` at ``(i, k)``, exact
    (with every derivative) whatever the zeros.
    """
    nd = len(x.shape)
    if ax != nd - 1:  # work along the last axis
        perm = tuple(i for i in range(nd) if i != ax) + (ax,)
        back = tuple(int(i) for i in np.argsort(perm))
        return xp.transpose(
            _cumprod_vjp_pairwise(xp.transpose(g, perm), xp.transpose(x, perm), nd - 1, xp), back
        )
    n = x.shape[-1]
    upper = np.tril(np.ones((n, n), dtype=data_of(x).dtype))  # (i, j): j <= i
    stack = x.reshape(x.shape[:-1] + (1, n)) * upper + (1 - upper)  # (..., i, j)
    others = _prod_others(stack)  # (..., i, k)
    g_col = g.reshape(g.shape + (1,))  # (..., i, 1)
    return xp.sum(g_col * others * upper, axis=-2)  # keep k <= i, sum over i


def cumprod(a: ArrayLike, axis: int | None = None, *, constant: bool | None = None) -> Tensor:
    """Cumulative product along an axis (of the flattened input when ``axis`` is None).

    Zeros are handled without dividing by them, and gradients of every order are exact
    for any input. (A differentiable gradient, ``create_graph=True``, of an input holding
    zeros costs ``O(n^2)`` memory per slice of length ``n``; first-order gradients are
    always ``O(n)``.)

    Parameters
    ----------
    a : array_like
    axis : int, optional
        The axis to accumulate along; by default the input is flattened first.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([2.0, 0.0, 3.0])
    >>> y = mg.cumprod(x)
    >>> y
    Tensor([2., 0., 0.])
    >>> y.sum().backward()
    >>> x.grad
    array([1., 8., 0.])
    """
    a = as_operand(a, "a")
    ax = _single_axis(axis, np.ndim(a))
    return apply(CumProd, a, axis=ax, constant=constant)
