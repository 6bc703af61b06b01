"""Linear algebra: matmul, dot, tensordot, einsum, multi_matmul and norm (``mygrad_like.linalg.norm``).

Every gradient is written with this module's own functions (``xp.matmul``,
``xp.tensordot``, ``xp.einsum``) plus ``xp.transpose``/``xp.broadcast_to`` and
reshapes, so it is itself differentiable.

Gradient rules
--------------
* ``matmul`` on ``(..., m, k) @ (..., k, n)``: ``dA = G @ B^T``, ``dB = A^T @ G`` (the
  engine sums broadcast batch axes away). A 1-D first operand is a row ``(1, k)``, a
  1-D second operand a column ``(k, 1)``; their unit axes are restored by reshapes.
* ``tensordot`` contracting ``a``'s axes ``sa`` with ``b``'s ``sb``: ``out`` holds
  ``a``'s free axes then ``b``'s free axes. ``da`` contracts ``G``'s ``b``-part with ``b``'s
  free axes; what is left is ``a``'s free axes followed by ``b``'s summed axes in *their*
  order, which a transpose maps back onto ``a``'s axes (``db`` symmetrically).
* ``einsum``: the gradient of operand ``k`` is the einsum of ``G`` (with the output
  subscripts) and all the other operands, producing ``k``'s subscripts. A label repeated
  in operand ``k`` (a diagonal, ``'ii'``) gets a fresh label for each repeat plus an
  identity-matrix operand tying the two; a label found in no other operand (summed
  inside ``k`` only) is absent from the gradient einsum and is broadcast back.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._numpy_dispatch import implements_numpy_override
from .._validation import as_bool, as_operand, data_of, normalize_axes
from ..engine import Op
from ..tensor import Tensor, apply
from ..ufuncs import as_ufunc
from . import reductions as _red
from . import shape as _shape
from .arithmetic import absolute, multiply

__all__ = ["matmul", "dot", "tensordot", "einsum", "multi_matmul"]

ArrayLike = Any


def _matrix_transpose(x: Any, xp: Any) -> Any:
    """Swap the last two axes (ndarray or tensor)."""
    nd = len(x.shape)
    return xp.transpose(x, tuple(range(nd - 2)) + (nd - 1, nd - 2))


# --------------------------------------------------------------------------- matmul
class MatMul(Op):
    __slots__ = ()

    def forward(self, a, b):
        return np.matmul(a, b)

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        a_vec, b_vec = a.ndim == 1, b.ndim == 1
        if a_vec and b_vec:  # () = (k,) . (k,)
            return (g * b if needs[0] else None), (g * a if needs[1] else None)
        # view vectors as matrices: a (k,) -> (1, k); b (k,) -> (k, 1); g gains those unit axes
        a2 = a.reshape((1,) + a.shape) if a_vec else a
        b2 = b.reshape(b.shape + (1,)) if b_vec else b
        if a_vec:
            g = g.reshape(g.shape[:-1] + (1, g.shape[-1]))
        elif b_vec:
            g = g.reshape(g.shape + (1,))
        ga = gb = None
        if needs[0]:  # (..., m, n) @ (..., n, k) -> (..., m, k)
            ga = xp.matmul(g, _matrix_transpose(b2, xp))
            if a_vec:  # (..., 1, k) -> (..., k)
                ga = ga.reshape(ga.shape[:-2] + ga.shape[-1:])
        if needs[1]:  # (..., k, m) @ (..., m, n) -> (..., k, n)
            gb = xp.matmul(_matrix_transpose(a2, xp), g)
            if b_vec:  # (..., k, 1) -> (..., k)
                gb = gb.reshape(gb.shape[:-1])
        return ga, gb


def _matmul_shape(sa: tuple, sb: tuple) -> tuple:
    """The shape of ``np.matmul`` of operands of shapes ``sa`` and ``sb`` (ValueError if none)."""
    if not sa or not sb:
        raise ValueError(
            f"matmul needs operands with at least 1 dimension; got x1 of shape {sa} and x2 of "
            f"shape {sb} (use multiply for scalars)"
        )
    k_b = sb[0] if len(sb) == 1 else sb[-2]
    if sa[-1] != k_b:
        raise ValueError(
            f"matmul: x1 of shape {sa} and x2 of shape {sb} are not aligned: the last axis of "
            f"x1 has size {sa[-1]} but the {'only' if len(sb) == 1 else 'second-to-last'} axis "
            f"of x2 has size {k_b}"
        )
    try:
        batch = np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        raise ValueError(
            f"matmul: the batch axes of x1 {sa[:-2]} and x2 {sb[:-2]} (shapes {sa} and {sb}) do not broadcast"
        ) from None
    return batch + sa[-2:-1] + sb[-1:] if len(sb) > 1 else batch + sa[-2:-1]


def matmul(x1: ArrayLike, x2: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Matrix product with NumPy's ``matmul`` rules (the ``@`` operator).

    2-D operands multiply as matrices; N-D operands are stacks of matrices in their last
    two axes whose leading (batch) axes broadcast; a 1-D first operand acts as a row
    vector and a 1-D second operand as a column vector, and that axis is removed from
    the result.

    Parameters
    ----------
    x1 : array_like, shape (..., m, k) or (k,)
    x2 : array_like, shape (..., k, n) or (k,)
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor, shape (..., m, n) (without ``m``/``n`` for 1-D operands)

    Raises
    ------
    ValueError
        For 0-d operands, unaligned inner sizes, or batch axes that do not broadcast.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> a = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> v = mg.tensor([1.0, -1.0])
    >>> y = mg.matmul(a, v)
    >>> y
    Tensor([-1., -1.])
    >>> y.sum().backward()
    >>> a.grad
    array([[ 1., -1.],
           [ 1., -1.]])
    >>> v.grad
    array([4., 6.])
    >>> mg.matmul(mg.ones((5, 2, 3)), mg.ones((3, 4))).shape
    (5, 2, 4)
    """
    x1, x2 = as_operand(x1, "x1"), as_operand(x2, "x2")
    _matmul_shape(np.shape(x1), np.shape(x2))
    return apply(MatMul, x1, x2, constant=constant)


# --------------------------------------------------------------------------- tensordot
matmul = as_ufunc(matmul)  # a ufunc object, as NumPy's and MyGrad's matmul


class TensorDot(Op):
    __slots__ = ()

    def forward(self, a, b, axes_a=(), axes_b=()):
        self.axes_a, self.axes_b = axes_a, axes_b
        return np.tensordot(a, b, axes=(axes_a, axes_b))

    def backward(self, g, out, inputs, needs, xp):
        a, b = inputs
        sa, sb = list(self.axes_a), list(self.axes_b)
        free_a = [i for i in range(a.ndim) if i not in sa]
        free_b = [i for i in range(b.ndim) if i not in sb]
        nfa, nfb = len(free_a), len(free_b)
        ga = gb = None
        if needs[0]:
            # (*free_a, *free_b) . b over free_b -> (*free_a, *b's summed axes in b's order)
            r = xp.tensordot(g, b, axes=(list(range(nfa, nfa + nfb)), free_b))
            src = free_a + [sa[sb.index(j)] for j in sorted(sb)]  # a-axis held by each axis of r
            ga = _permute_back(r, src, xp)
        if needs[1]:
            # a . (*free_a, *free_b) over free_a -> (*a's summed axes in a's order, *free_b)
            r = xp.tensordot(a, g, axes=(free_a, list(range(nfa))))
            src = [sb[sa.index(i)] for i in sorted(sa)] + free_b
            gb = _permute_back(r, src, xp)
        return ga, gb


def _permute_back(r: Any, src: list, xp: Any) -> Any:
    """Transpose ``r``, whose axis ``t`` is the operand's axis ``src[t]``, to operand order."""
    perm = tuple(int(i) for i in np.argsort(src))
    return r if perm == tuple(range(len(perm))) else xp.transpose(r, perm)


def _canonical_tensordot_axes(axes: Any, sa: tuple, sb: tuple) -> tuple[tuple, tuple]:
    na, nb = len(sa), len(sb)
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, (bool, np.bool_)):
        n = int(axes)
        if not 0 <= n <= min(na, nb):
            raise ValueError(
                f"tensordot: axes={axes!r} must be between 0 and the smaller number of "
                f"dimensions ({min(na, nb)}) of a (shape {sa}) and b (shape {sb})"
            )
        ax_a, ax_b = tuple(range(na - n, na)), tuple(range(n))
    else:
        try:
            first, second = axes
        except (TypeError, ValueError):
            raise TypeError(
                f"tensordot: axes must be an int or a pair of sequences of ints; got {axes!r}"
            ) from None
        ax_a, ax_b = normalize_axes(first, na, "axes[0]"), normalize_axes(second, nb, "axes[1]")
        if len(ax_a) != len(ax_b):
            raise ValueError(f"tensordot: axes={axes!r} names {len(ax_a)} axes of a but {len(ax_b)} of b")
    for i, j in zip(ax_a, ax_b):
        if sa[i] != sb[j]:
            raise ValueError(
                f"tensordot: axes={axes!r} pairs axis {i} of a (size {sa[i]}, shape {sa}) with "
                f"axis {j} of b (size {sb[j]}, shape {sb})"
            )
    return ax_a, ax_b


def tensordot(a: ArrayLike, b: ArrayLike, axes: Any = 2, *, constant: bool | None = None) -> Tensor:
    """Sum products over the given axes of ``a`` and ``b`` (``numpy.tensordot``).

    Parameters
    ----------
    a, b : array_like
    axes : int or (sequence of int, sequence of int), default 2
        An int ``N`` contracts the last ``N`` axes of ``a`` with the first ``N`` of ``b``;
        a pair lists the axes of ``a`` and of ``b`` to contract, matched in order.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        ``a``'s remaining axes followed by ``b``'s remaining axes.

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> a = mg.tensor(np.ones((2, 3, 4)))
    >>> b = mg.tensor(np.ones((4, 3, 5)))
    >>> y = mg.tensordot(a, b, axes=([1, 2], [1, 0]))
    >>> y.shape
    (2, 5)
    >>> y.sum().backward()
    >>> a.grad[0, 0]
    array([5., 5., 5., 5.])
    """
    a, b = as_operand(a, "a"), as_operand(b, "b")
    ax_a, ax_b = _canonical_tensordot_axes(axes, np.shape(a), np.shape(b))
    return apply(TensorDot, a, b, axes_a=ax_a, axes_b=ax_b, constant=constant)


def dot(a: ArrayLike, b: ArrayLike, *, constant: bool | None = None) -> Tensor:
    """Dot product with NumPy's ``dot`` rules.

    Scalars multiply; otherwise the last axis of ``a`` is contracted with the only axis
    of a 1-D ``b``, or with the second-to-last axis of ``b``, and the result holds
    ``a``'s remaining axes then ``b``'s (unlike :func:`matmul`, stacks do not broadcast).

    Parameters
    ----------
    a, b : array_like
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> y = mg.dot(x, x)
    >>> y
    Tensor(14.)
    >>> y.backward()
    >>> x.grad
    array([2., 4., 6.])
    >>> mg.dot(mg.ones((2, 3, 4)), mg.ones((5, 4, 6))).shape
    (2, 3, 5, 6)
    """
    a, b = as_operand(a, "a"), as_operand(b, "b")
    sa, sb = np.shape(a), np.shape(b)
    if not sa or not sb:
        return multiply(a, b, constant=constant)
    j = 0 if len(sb) == 1 else len(sb) - 2
    if sa[-1] != sb[j]:
        raise ValueError(
            f"dot: a of shape {sa} and b of shape {sb} are not aligned: the last axis of a has "
            f"size {sa[-1]} but axis {j} of b has size {sb[j]}"
        )
    return apply(TensorDot, a, b, axes_a=(len(sa) - 1,), axes_b=(j,), constant=constant)


# --------------------------------------------------------------------------- einsum
_LABELS = string.ascii_uppercase + string.ascii_lowercase  # NumPy's sublist ints 0..51


def _sublist_to_str(sub: Any) -> str:
    try:
        items = list(sub)
    except TypeError:
        raise TypeError(
            f"einsum: a subscript list must be a sequence of ints and Ellipsis; got {sub!r}"
        ) from None
    out = []
    for s in items:
        if s is Ellipsis:
            out.append("...")
        elif isinstance(s, (int, np.integer)) and not isinstance(s, bool) and 0 <= s < 52:
            out.append(_LABELS[s])
        else:
            raise ValueError(f"einsum: subscript list entries must be ints in [0, 52) or Ellipsis; got {s!r}")
    return "".join(out)


def _split_operands(operands: tuple) -> tuple[str, list]:
    """``(spec, operands)`` from either calling form of ``numpy.einsum``."""
    if not operands:
        raise ValueError("einsum needs a subscripts string and at least one operand")
    if isinstance(operands[0], str):
        return operands[0], list(operands[1:])
    ops = list(operands[0::2])
    subs = [_sublist_to_str(s) for s in operands[1::2]]
    if len(operands) % 2:  # a trailing output sublist
        out = _sublist_to_str(ops.pop())
        return ",".join(subs) + "->" + out, ops
    return ",".join(subs), ops


def _parse_einsum(spec: str, shapes: list) -> tuple[list, str]:
    """Input and output subscripts with every ``...`` spelled out as explicit labels."""
    s = spec.replace(" ", "")
    if "->" in s:
        lhs, rhs = s.split("->", 1)
        if "->" in rhs or "-" in rhs or ">" in rhs:
            raise ValueError(f"einsum: subscripts={spec!r} has more than one '->'")
    else:
        lhs, rhs = s, None
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError(
            f"einsum: subscripts={spec!r} names {len(terms)} operand(s) but {len(shapes)} were given"
        )
    for t in terms + ([rhs] if rhs is not None else []):
        bare = t.replace("...", "", 1)
        if not all(c in _LABELS for c in bare):
            raise ValueError(f"einsum: subscripts={spec!r}: {t!r} may hold only ASCII letters and one '...'")
    used = set(c for c in s if c in _LABELS)
    spare = [c for c in _LABELS if c not in used]
    n_ell = []
    for k, (t, shape) in enumerate(zip(terms, shapes)):
        named = len(t.replace("...", ""))
        if "..." in t:
            if named > len(shape):
                raise ValueError(
                    f"einsum: subscripts={spec!r}: operand {k} has {len(shape)} dimension(s) but "
                    f"{t!r} names {named}"
                )
            n_ell.append(len(shape) - named)
        else:
            if named != len(shape):
                raise ValueError(
                    f"einsum: subscripts={spec!r}: operand {k} has {len(shape)} dimension(s) but "
                    f"{t!r} names {named}"
                )
            n_ell.append(0)
    n_max = max(n_ell, default=0)
    if n_max > len(spare):
        raise ValueError(f"einsum: subscripts={spec!r} needs more than 52 labels")
    ell = "".join(spare[:n_max])
    ins = [t.replace("...", ell[n_max - n :] if n else "") for t, n in zip(terms, n_ell)]
    if rhs is None:  # implicit output: broadcast axes, then labels seen once, sorted
        counts: dict = {}
        for t in terms:
            for c in t.replace("...", ""):
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, n in counts.items() if n == 1))
    else:
        if "..." not in rhs and n_max:
            raise ValueError(
                f"einsum: subscripts={spec!r}: the operands have broadcast ('...') axes but the "
                "output has no '...' to hold them"
            )
        out = rhs.replace("...", ell)
        if len(set(out)) != len(out):
            raise ValueError(f"einsum: subscripts={spec!r} repeats a label in the output")
        missing = set(out) - set("".join(ins))
        if missing:
            raise ValueError(
                f"einsum: subscripts={spec!r}: output label(s) {sorted(missing)} appear in no operand"
            )
    # label sizes: equal within an operand, broadcast-compatible (or 1) across operands
    sizes: dict = {}
    for k, (t, shape) in enumerate(zip(ins, shapes)):
        own: dict = {}
        for c, n in zip(t, shape):
            if own.setdefault(c, n) != n:
                raise ValueError(
                    f"einsum: subscripts={spec!r}: label {c!r} is repeated in operand {k} "
                    f"(shape {shape}) with different sizes {own[c]} and {n}"
                )
            prev = sizes.setdefault(c, n)
            if n != prev and 1 not in (n, prev):
                raise ValueError(
                    f"einsum: subscripts={spec!r}: label {c!r} has size {prev} in one operand and "
                    f"{n} in operand {k} (shape {shape})"
                )
            sizes[c] = max(prev, n)
    return ins, out


class Einsum(Op):
    __slots__ = ()

    def forward(self, *arrays, ins=(), out="", optimize=False):
        self.ins, self.out, self.optimize = ins, out, optimize
        return np.einsum(",".join(ins) + "->" + out, *arrays, optimize=optimize)

    def backward(self, g, out, inputs, needs, xp):
        return tuple(self._operand_grad(k, g, inputs, xp) if need else None for k, need in enumerate(needs))

    def _operand_grad(self, k, g, inputs, xp):
        # (out) x (every other operand) [x identity ties for repeated labels] -> (operand k)
        shape = inputs[k].shape
        labels = set("".join(self.ins) + self.out)
        spare = iter(c for c in _LABELS if c not in labels)
        dtype = data_of(g).dtype
        subs, ops = [self.out], [g]
        for j, (s, x) in enumerate(zip(self.ins, inputs)):
            if j != k:
                subs.append(s)
                ops.append(x)
        target, seen = [], set()
        for c, n in zip(self.ins[k], shape):
            if c in seen:  # a diagonal: a fresh label tied to c by an identity matrix
                z = next(spare)
                subs.append(c + z)
                ops.append(np.eye(n, dtype=dtype))
                c = z
            seen.add(c)
            target.append(c)
        present = set("".join(subs))
        kept = [c for c in target if c in present]
        r = xp.einsum(",".join(subs) + "->" + "".join(kept), *ops, optimize=self.optimize)
        if len(kept) != len(target):  # labels summed inside operand k only: broadcast back
            sizes = dict(zip(kept, r.shape))
            r = r.reshape(tuple(sizes.get(c, 1) for c in target))
        full = np.broadcast_shapes(r.shape, shape)
        return r if r.shape == full else xp.broadcast_to(r, full)


def einsum(*operands: Any, optimize: Any = False, constant: bool | None = None) -> Tensor:
    """Einstein summation, with every subscripts form ``numpy.einsum`` accepts.

    Both calling forms work: ``einsum("ij,jk->ik", a, b)`` and the interleaved
    ``einsum(a, [0, 1], b, [1, 2], [0, 2])``; ``...`` broadcasts; without ``->`` the
    output holds the broadcast axes then the labels used once, in alphabetical order.
    Repeated labels in an operand take diagonals (``"ii->i"``) and traces (``"ii"``),
    with correct gradients.

    Parameters
    ----------
    *operands : str and array_like
        The subscripts string followed by the operands (or the interleaved form).
    optimize : bool or str, default False
        Passed to ``numpy.einsum`` (contraction-order optimisation), also for the
        gradients.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> a = mg.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> t = mg.einsum("ii", a)
    >>> t
    Tensor(5.)
    >>> t.backward()
    >>> a.grad
    array([[1., 0.],
           [0., 1.]])
    >>> mg.einsum("...ij,...jk", mg.ones((5, 2, 3)), mg.ones((3, 4))).shape
    (5, 2, 4)
    """
    spec, ops = _split_operands(operands)
    ops = [as_operand(x, f"operand {i}") for i, x in enumerate(ops)]
    if not ops:
        raise ValueError(f"einsum: subscripts={spec!r} given without operands")
    ins, out = _parse_einsum(spec, [np.shape(x) for x in ops])
    return apply(Einsum, *ops, ins=tuple(ins), out=out, optimize=optimize, constant=constant)


# --------------------------------------------------------------------------- multi_matmul
def _chain_order(dims: list) -> list:
    """``split[i][j]``: where the optimal product of matrices ``i..j`` splits (``dims`` has n + 1 sizes)."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            best = None
            for s in range(i, j):
                c = cost[i][s] + cost[s + 1][j] + dims[i] * dims[s + 1] * dims[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, s
            cost[i][j] = best
    return split


def multi_matmul(tensors: Sequence[ArrayLike], *, constant: bool | None = None) -> Tensor:
    """The matrix product of two or more tensors, multiplied in the cheapest order.

    Like ``numpy.linalg.multi_dot``: the first operand may be 1-D (a row vector) and the
    last 1-D (a column vector); all others must be 2-D. The order of the pairwise
    products is chosen by dynamic programming to minimise the scalar multiplications;
    the result, and its gradient, are those of ``t0 @ t1 @ ... @ tn``.

    Parameters
    ----------
    tensors : sequence of array_like
        At least two operands.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import mygrad_like as mg
    >>> a, b, c = mg.ones((10, 100)), mg.ones((100, 5)), mg.ones((5, 50))
    >>> y = mg.multi_matmul([a, b, c])  # (a @ b) @ c: 7,500 multiplications, not 75,000
    >>> y.shape
    (10, 50)
    >>> mg.multi_matmul([[1.0, 2.0], [[1.0], [1.0]]])
    Tensor([3.])
    """
    if isinstance(tensors, (Tensor, np.ndarray, str)) or not isinstance(tensors, Sequence):
        raise TypeError(f"tensors must be a sequence of at least two arrays; got {type(tensors).__name__}")
    ts = [as_operand(t, f"tensors[{i}]") for i, t in enumerate(tensors)]
    if len(ts) < 2:
        raise ValueError(f"multi_matmul needs at least two tensors; got {len(ts)}")
    shapes = [np.shape(t) for t in ts]
    for i, s in enumerate(shapes):
        allowed = (1, 2) if i in (0, len(ts) - 1) else (2,)
        if len(s) not in allowed:
            raise ValueError(
                f"multi_matmul: tensors[{i}] has shape {s}; the first and last operands must be "
                "1-D or 2-D and the others 2-D"
            )
    rows = [s if len(s) == 2 else ((1,) + s if i == 0 else s + (1,)) for i, s in enumerate(shapes)]
    for i in range(len(rows) - 1):
        if rows[i][1] != rows[i + 1][0]:
            raise ValueError(
                f"multi_matmul: tensors[{i}] of shape {shapes[i]} and tensors[{i + 1}] of shape "
                f"{shapes[i + 1]} are not aligned"
            )
    split = _chain_order([r[0] for r in rows] + [rows[-1][1]])

    def product(i: int, j: int, const: bool | None = None) -> Any:
        if i == j:
            return ts[i]
        s = split[i][j]
        return matmul(product(i, s), product(s + 1, j), constant=const)

    return product(0, len(ts) - 1, constant)


# --------------------------------------------------------------------------- norm
# The p-norm of vectors, n = (sum |x|^p)^(1/p), has the gradient
#     dn/dx = sign(x) * (|x| / n)^(p - 1),
# which is x / n for p = 2 and sign(x) for p = 1. It is undefined where x = 0 (for p < 1 it
# is infinite there, and for p > 1 at the zero vector it is 0/0). With ``nan_to_num`` (the
# default) those entries get 0, the subgradient a minimiser wants; without it they get NaN.
# Where n = 0 and x != 0 (p < 0, some other entry 0) n does not change with x: gradient 0.
# The backward computes on safe values (|x| -> 1 where x = 0, n -> 1 where n = 0) and
# masks afterwards, so no NaN enters a differentiable (second-order) pass either.
class Norm(Op):
    """Vector p-norm (``0 < |p| < inf``) over ``axis``, kept as size-1 dimensions."""

    __slots__ = ()

    def forward(self, a, p=2.0, axis=None, nan_to_num=True):
        self.ord, self.axis, self.nan_to_num = p, axis, nan_to_num
        if a.dtype.kind != "f":
            a = a.astype(np.float64)
        with np.errstate(divide="ignore", over="ignore"):
            if p == 2:
                return np.sqrt(np.sum(a * a, axis=axis, keepdims=True))
            if p == 1:
                return np.sum(np.abs(a), axis=axis, keepdims=True)
            return np.sum(np.abs(a) ** p, axis=axis, keepdims=True) ** (1.0 / p)

    def backward(self, g, out, inputs, needs, xp):
        (x,) = inputs
        p, xd, nd = self.ord, data_of(x), data_of(out)
        zero, n_zero = xd == 0, nd == 0
        if p == 1:
            grad = g * xp.sign(x)
        else:
            n_safe = xp.where(n_zero, 1.0, out)
            if p == 2:
                grad = g * x / n_safe
            else:
                ratio = xp.where(zero, 1.0, xp.absolute(x)) / n_safe
                grad = g * xp.sign(x) * ratio ** (p - 1)
            if n_zero.any():
                grad = grad * (~n_zero).astype(xd.dtype)
        if not self.nan_to_num and zero.any():
            grad = xp.where(zero, np.nan, grad)
        return (grad,)


def _norm_order(ord: Any, matrix: bool) -> Any:  # noqa: A002 - NumPy's name
    allowed = (None, "fro", 1, -1, np.inf, -np.inf) if matrix else None
    if matrix:
        if isinstance(ord, str) or ord is None:
            if ord not in (None, "fro"):
                raise ValueError(f"ord={ord!r} is not a supported matrix norm (None, 'fro', ±1, ±inf)")
            return ord
        if ord not in allowed:
            raise ValueError(f"ord={ord!r} is not a supported matrix norm (None, 'fro', ±1, ±inf)")
        return float(ord)
    if ord is None:
        return 2.0
    if isinstance(ord, (bool, np.bool_, str)) or not isinstance(ord, (int, float, np.integer, np.floating)):
        raise ValueError(f"ord={ord!r} is not a vector norm order (a real number, inf or -inf)")
    if np.isnan(ord):
        raise ValueError("ord=nan is not a vector norm order")
    return float(ord)


@implements_numpy_override(np.linalg.norm)
def norm(
    x: ArrayLike,
    ord: Any = None,  # noqa: A002 - NumPy's name
    axis: Any = None,
    keepdims: bool = False,
    *,
    nan_to_num: bool = True,
    constant: bool | None = None,
) -> Tensor:
    """Vector norms (and the matrix norms that need no SVD), differentiable, like ``numpy.linalg.norm``.

    ``np.linalg.norm(tensor, ...)`` calls this function.

    Parameters
    ----------
    x : array_like
        The input.
    ord : {None, real number, inf, -inf, 'fro'}, optional
        For vectors: ``sum(|x|**ord)**(1/ord)``; ``inf``/``-inf`` give ``max(|x|)``/``min(|x|)``,
        ``0`` the number of non-zero entries (a constant: its gradient is 0), ``None`` the
        2-norm. For matrices (a 2-tuple ``axis``, or a 2-D ``x`` with ``axis=None`` and an
        ``ord``): ``None``/``'fro'`` (Frobenius), ``1``/``-1`` (max/min column sum of
        ``|x|``) and ``inf``/``-inf`` (max/min row sum); the spectral and nuclear norms
        (``2``, ``-2``, ``'nuc'``) raise ``ValueError``.
    axis : None, int or tuple of ints, optional
        The axis of the vectors (or the two axes of the matrices). With ``None`` and
        ``ord=None``: the 2-norm of ``x.ravel()``.
    keepdims : bool, default False
        Keep the normed axes as dimensions of size 1.
    nan_to_num : bool, default True
        Where the derivative is undefined (entries equal to 0 — the derivative of ``|x|``
        — and the zero vector for ``ord > 1``), use 0; with ``False``, NaN there.
    constant : bool, optional
        Force the result to be a constant.

    Returns
    -------
    Tensor
        The norms; float64 for integer input, else ``x``'s dtype.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([[3.0, 4.0], [0.0, 0.0]])
    >>> n = mg.linalg.norm(x, axis=1)
    >>> n
    Tensor([5., 0.])
    >>> n.sum().backward()
    >>> x.grad  # at the zero vector the gradient is 0
    array([[0.6, 0.8],
           [0. , 0. ]])
    >>> mg.linalg.norm([1.0, -2.0], ord=1)
    Tensor(3.)
    """
    x = as_operand(x, "x")
    ndim = np.ndim(x)
    keepdims, nan_to_num = as_bool(keepdims, "keepdims"), as_bool(nan_to_num, "nan_to_num")
    if axis is None:
        if ord is not None and ndim not in (1, 2):
            raise ValueError(f"norm with ord={ord!r} and axis=None needs a 1-D or 2-D x; got {ndim}-D")
        axes = tuple(range(ndim))
        matrix = ord is not None and ndim == 2
    else:
        axes = normalize_axes(axis, ndim, "axis")
        if len(axes) not in (1, 2):
            raise ValueError(
                f"axis must name one axis (vector norms) or two (matrix norms); got axis={axis!r}"
            )
        matrix = len(axes) == 2
    p = _norm_order(ord, matrix)
    x_abs = None
    if matrix and p not in (None, "fro"):
        row, col = axes
        x_abs = absolute(x, nan_to_num=nan_to_num)
        inner, outer = (row, col) if abs(p) == 1 else (col, row)
        sums = _red.sum(x_abs, axis=inner, keepdims=True)
        out = (_red.max if p > 0 else _red.min)(sums, axis=outer, keepdims=True, constant=constant)
    elif not matrix and p in (np.inf, -np.inf):
        x_abs = absolute(x, nan_to_num=nan_to_num)
        out = (_red.max if p > 0 else _red.min)(x_abs, axis=axes, keepdims=True, constant=constant)
    elif not matrix and p == 0:
        counts = np.sum(data_of(x) != 0, axis=axes, keepdims=True).astype(np.float64)
        out = Tensor._make(counts, None, True)
    else:
        out = apply(Norm, x, p=2.0 if matrix else p, axis=axes, nan_to_num=nan_to_num, constant=constant)
    if keepdims:
        return out
    kept = tuple(s for i, s in enumerate(np.shape(x)) if i not in axes)
    return _shape.reshape(out, kept, constant=constant)
