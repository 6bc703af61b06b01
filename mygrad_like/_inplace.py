"""Views and in-place writes: how ``x[i] = v``, ``x += 1`` and ``out=`` become graph nodes.

Views
-----
A view op (basic indexing, reshape, transpose, broadcast_to, ...) whose NumPy result
is a view of its input's data gives a tensor with a :class:`MemInfo`: its ``base``
(the tensor that owns the memory; a view of a view points at the owner) and the
``chain`` of view ops that re-creates it from the base. The base keeps weak
references to its live views.

A write
-------
Writing into ``t`` (``t`` an owner, or a view of the owner ``B``) never touches the
arrays a graph already holds. With autodiff on:

1. the positions written are found by replaying ``t``'s view chain and the index on
   ``arange(B.size).reshape(B.shape)``: flat indices into ``B``;
2. the state of ``B`` before the write moves to a *placeholder* tensor ``P``, and
   ``B`` becomes the node ``WriteAt(P, values)``: a copy of ``P``'s data with the
   values put at those positions (gradient: ``g`` with the written positions
   zeroed for ``P``; ``g`` gathered at them for the values);
3. every live view of ``B`` (``t`` included) is re-derived from the new ``B`` by
   replaying its chain (from the live view it was taken from, when there is one), so
   it shares memory with ``B`` again, and its old state moves to a placeholder too;
4. each written tensor records ``(write epoch, placeholder)`` in its history, so
   ops recorded before the write keep seeing the old node (``engine._resolve_inputs``).

An augmented assignment ``t op= w`` is ``t[...] = t op w``, the right-hand side
computed by the ordinary op from ``t``'s current state. With autodiff off
(``no_autodiff``) a write goes straight into the memory, as NumPy's does; memory
guarding then refuses writes into arrays a live graph holds.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from . import _guard, engine
from .engine import Op

__all__ = ["MemInfo", "apply_view", "setitem", "augmented", "write_out", "set_shape"]


class MemInfo:
    """View and write bookkeeping of one tensor (``Tensor._mem``)."""

    __slots__ = ("base", "chain", "views", "history", "cleared")

    def __init__(self, base: Any = None, chain: tuple = ()) -> None:
        self.base = base  # the owner tensor of a view, else None
        self.chain = chain  # ((op class, params), ...) from the base to this view
        self.views: list = []  # weak references to live views (on an owner)
        self.history: list = []  # [(write epoch, placeholder of the earlier state)]
        self.cleared = 0  # epoch of the latest clear_graph() that reached this tensor


def _mem_of(t: Any) -> MemInfo:
    m = t._mem
    if m is None:
        m = t._mem = MemInfo()
    return m


def _replay(chain: tuple, arr: np.ndarray) -> np.ndarray:
    for op_cls, params in chain:
        arr = np.asarray(op_cls().forward(arr, **params))
    return arr


def view_grad(t: Any) -> Any:
    """A view's gradient: its base's gradient seen through the view (``None`` without one)."""
    m = t._mem
    g = m.base._grad
    if g is None or t.creator is None:
        return None
    return _replay(m.chain, g)


def apply_view(op_cls: type, x: Any, constant: bool | None = None, **params: Any) -> Any:
    """``apply(op_cls, x, ...)`` for a view op: when NumPy's result shares ``x``'s memory
    the output records ``x``'s base and the chain of view ops from it. A view, unlike
    any other op, leaves ``x``'s gradient in place (as MyGrad does)."""
    g = x._grad if isinstance(x, _tensor.Tensor) else None
    out = _tensor.apply(op_cls, x, constant=constant, **params)
    if isinstance(x, _tensor.Tensor):
        d, xd = out.data, x.data
        if d.base is not None and (d.base is xd or d.base is xd.base):
            x._grad = g
            xm = x._mem
            if xm is not None and xm.base is not None:
                base, chain = xm.base, xm.chain + ((op_cls, params),)
            else:
                base, chain = x, ((op_cls, params),)
            out._mem = MemInfo(base, chain)
            views = _mem_of(base).views
            if len(views) >= 8 and len(views) & (len(views) - 1) == 0:  # prune now and then
                views[:] = [r for r in views if r() is not None]
            views.append(weakref.ref(out))
    return out


# --------------------------------------------------------------------------- the write op
class WriteAt(Op):
    """A copy of ``old`` with ``values`` put at the flat positions ``pos`` (last write wins).

    The gradient: ``g`` with the written positions zeroed flows to ``old``; ``g``
    gathered at the positions flows to ``values`` (zero where a later duplicate
    overwrote the value).
    """

    __slots__ = ()

    def forward(self, old, values, pos=None, keep=None):
        self.pos, self.keep = pos, keep
        new = np.array(old, order="C")  # a copy
        new.reshape(-1)[pos] = values
        return new

    def backward(self, g, out, inputs, needs, xp):
        old = inputs[0]
        g_old = g_val = None
        if needs[0]:
            mask = np.ones(old.shape, dtype=g.dtype)
            mask.reshape(-1)[self.pos] = 0
            g_old = g * mask
        if needs[1]:
            g_val = xp.reshape(g, (-1,))[self.pos]
            if self.keep is not None:
                g_val = g_val * self.keep.astype(g.dtype)
        return g_old, g_val


def _placeholder(t: Any) -> Any:
    """A hidden tensor taking over ``t``'s current node (data, creator, constant-ness)."""
    return _tensor.Tensor._make(t.data, t.creator, t.constant)


def _winners(pos: np.ndarray) -> np.ndarray | None:
    """For positions with repeats: which entries are the last write to their position."""
    flat = pos.reshape(-1)
    if flat.size < 2:
        return None
    _, last_from_end = np.unique(flat[::-1], return_index=True)
    if last_from_end.size == flat.size:
        return None
    keep = np.zeros(flat.size, dtype=bool)
    keep[flat.size - 1 - last_from_end] = True
    return keep.reshape(pos.shape)


def _natively_read_only(t: Any) -> bool:
    """Whether ``t``'s data is read-only for a reason other than memory guarding (a
    broadcast view, a read-only array the tensor was made from)."""
    d = t.data
    if t._mem is not None and any(op_cls is _BroadcastTo for op_cls, _ in t._mem.chain):
        return True
    entry = _guard._holds.get(id(d))
    if entry is not None:
        return not entry[2]
    return not d.flags.writeable and not _guard.is_held(d)


def _write(t: Any, index: tuple, value: Any, basic: bool, what: str = "assignment destination") -> None:
    """Autodiff-on write of ``value`` into ``t[index]`` (see the module docstring)."""
    if _natively_read_only(t):
        raise ValueError(f"{what} is read-only")
    tm = t._mem
    is_view = tm is not None and tm.base is not None
    base = tm.base if is_view else t
    chain = tm.chain if is_view else ()
    ids = np.arange(base.data.size, dtype=np.intp).reshape(base.data.shape)
    pos = np.asarray(_replay(chain, ids)[index])
    vdata = value.data if isinstance(value, _tensor.Tensor) else value
    vshape = np.shape(vdata)
    if np.broadcast_shapes(vshape, pos.shape) != pos.shape:
        raise ValueError(f"could not broadcast input array from shape {vshape} into shape {pos.shape}")
    keep = None if basic else _winners(pos)
    bm = _mem_of(base)
    views = [v for v in (ref() for ref in bm.views) if v is not None]
    views.sort(key=lambda v: len(v._mem.chain))  # a view after the views it was taken from
    # ops recorded since the oldest of these nodes came to be may refer to them
    born = min(getattr(x.creator, "_epoch", 0) if x.creator is not None else 0 for x in (base, *views))
    # which old states an op recorded earlier may still read (decided before new ops hold them)
    needed = [_maybe_read(x) for x in (base, *views)]
    old = _placeholder(base)
    new = _tensor.apply(WriteAt, old, value, constant=True if base.constant else None, pos=pos, keep=keep)
    when = next(engine.clock)
    engine._writes[0] += 1
    _become(base, new, old if needed[0] else None, when)
    bm.views[:] = [weakref.ref(v) for v in views]
    by_last: dict = {}  # id of a view's last chain entry -> that view, re-derived already
    for v, need in zip(views, needed[1:]):
        old_v = _placeholder(v) if need else None
        chain = v._mem.chain
        r, start = _parent_of(chain, by_last, base)
        for op_cls, params in chain[start:]:
            r = _tensor.apply(op_cls, r, constant=True if v.constant else None, **params)
        _become(v, r, old_v, when)
        by_last[id(chain[-1])] = v
    if isinstance(value, _tensor.Tensor):
        _settle(value, born)


def _parent_of(chain: tuple, by_last: dict, base: Any) -> tuple:
    """The live view ``chain`` was taken from (its chain a prefix of ``chain``) and the
    length of that prefix; else ``(base, 0)``. Re-deriving a view from it, as the user
    did, links the two in the graph, so a backward pass through one frees the other's node."""
    for k in range(len(chain) - 1, 0, -1):
        p = by_last.get(id(chain[k - 1]))
        if p is not None:
            pc = p._mem.chain
            if len(pc) == k and all(a is b for a, b in zip(pc, chain)):
                return p, k
    return base, 0


def _settle(t: Any, born: int) -> None:
    """Point the ops that computed the written values (recorded since ``born``) at the
    placeholders of the nodes they read: the new node would otherwise reach itself
    through them, a reference cycle that only the cyclic collector could free."""
    stack, seen = [t], set()
    while stack:
        op = stack.pop().creator
        if op is None or op.inputs is None or id(op) in seen or getattr(op, "_epoch", 0) < born:
            continue
        seen.add(id(op))
        stack.extend(a for a in engine._resolve_inputs(op, _tensor.Tensor) if isinstance(a, _tensor.Tensor))


def _maybe_read(t: Any) -> bool:
    """Whether a recorded op may read ``t``'s current node: with guarding on since the
    start, exactly when an op holds its array."""
    return _guard.ever_off[0] or id(t.data) in _guard._holds


def _become(t: Any, new: Any, old: Any, when: int) -> None:
    """``t`` takes over ``new``'s node; ``old`` (if not None) stands for ``t`` in ops
    recorded before ``when``."""
    m = _mem_of(t)
    if old is not None:
        m.history.append((when, old))
    t.data = new.data
    t.creator = new.creator
    t._grad = None


def setitem(t: Any, index: Any, value: Any) -> None:
    """``t[index] = value`` (what ``Tensor.__setitem__`` runs)."""
    from .ops import indexing as _indexing

    if isinstance(value, _tensor.Tensor):
        vt = value
    else:
        vt = _tensor._as_input(value, "value")
    if not engine._state.enabled:  # straight into memory, as NumPy does
        t.data[_indexing.plain_index(index)] = vt.data if isinstance(vt, _tensor.Tensor) else vt
        return
    try:
        idx = _indexing._canonical_index(index)
    except (ValueError, TypeError) as e:
        raise IndexError(f"index {index!r} is invalid: {e}") from None
    basic = _indexing._is_basic(idx)
    _write(t, idx, vt, basic)


def augmented(t: Any, ufunc: np.ufunc, op_method: str, other: Any) -> Any:
    """``t op= other`` (``+=`` and friends): writes ``t op other`` into ``t``; returns ``t``."""
    if not engine._state.enabled:
        ufunc(t.data, other.data if isinstance(other, _tensor.Tensor) else other, out=t.data)
        return t
    values = getattr(t, op_method)(other)
    _check_cast(values.dtype, t.dtype, ufunc)
    _write(t, (Ellipsis,), values, True, "output array")
    return t


def _check_cast(src: np.dtype, dst: np.dtype, ufunc: Any) -> None:
    if not np.can_cast(src, dst, casting="same_kind"):
        name = getattr(ufunc, "__name__", str(ufunc))
        raise TypeError(
            f"Cannot cast ufunc '{name}' output from dtype('{src}') to dtype('{dst}') with casting rule 'same_kind'"
        )


def write_out(out: Any, values: Any, func_name: str) -> Any:
    """Put an elementwise function's result into ``out=`` (a tensor or an ndarray); returns
    ``out`` for a tensor, the result for an ndarray."""
    if not isinstance(out, (_tensor.Tensor, np.ndarray)):
        raise TypeError(f"{func_name}: out= must be None, a Tensor or an ndarray; got {type(out).__name__}")
    if out.shape != values.shape:
        raise ValueError(f"{func_name}: out= has shape {out.shape}, the result has shape {values.shape}")
    _check_cast(values.dtype, out.dtype, func_name)
    if isinstance(out, np.ndarray):
        out[...] = values.data
        return values
    if not engine._state.enabled:
        out.data[...] = values.data
    else:
        _write(out, (Ellipsis,), values, True, "output array")
    return out


def set_shape(t: Any, shape: Any) -> None:
    """``t.shape = shape``: an in-place reshape that never copies, as NumPy's."""
    from .ops import shape as _shape

    target = _shape._reshape_target(t.shape, shape, "shape")
    if t.data.reshape(target).base is None and t.data.size:
        raise AttributeError(
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
        )
    old_shape = t.shape
    if not engine._state.enabled:
        t.data = t.data.reshape(target)
        return
    old = _placeholder(t)
    needed = _maybe_read(t)
    new = _tensor.apply(_shape.Reshape, old, shape=target, constant=True if t.constant else None)
    when = next(engine.clock)
    engine._writes[0] += 1
    _become(t, new, old if needed else None, when)
    m = t._mem
    if m.base is not None:
        m.chain = m.chain + ((_shape.Reshape, {"shape": target}),)
    for ref in m.views:  # views of t are now views of t reshaped back
        v = ref()
        if v is not None:
            v._mem.chain = ((_shape.Reshape, {"shape": old_shape}),) + v._mem.chain


from . import tensor as _tensor  # noqa: E402  (tensor.py imports this module first)
from .ops.shape import BroadcastTo as _BroadcastTo  # noqa: E402
