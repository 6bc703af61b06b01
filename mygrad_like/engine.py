"""The autodiff engine: graph nodes, the reverse sweep, broadcast reduction, ``no_autodiff``.

A graph node is an :class:`Op` instance.  It is the ``creator`` of the tensor it
produced and holds that tensor's inputs in ``op.inputs`` (a tuple mixing
tensors and plain constants).  Backpropagation is one iterative reverse sweep in
topological order: no recursion, so graphs of any depth work.

The gradient protocol
---------------------
``Op.backward(g, out, inputs, needs, xp)`` returns one gradient per input (``None``
where ``needs[i]`` is false).  In a first-order pass ``g``, ``out`` and ``inputs``
are plain ndarrays and ``xp`` is :mod:`numpy`, so a backward costs exactly what
the NumPy code costs.  When a differentiable gradient is asked for
(``mygrad_like.grad(..., create_graph=True)``) the very same code runs with
tensors and ``xp`` is :mod:`mygrad_like`, so the gradient builds a graph of its
own and can be differentiated again.  Gradients may have the op's output
shape; the engine reduces them to each input's shape (:func:`unbroadcast`).

In-place writes (``x[i] = v``, ``x += 1``) make ``x`` stand for a new node while
ops recorded earlier must still see the old one. Every recorded op carries an
``_epoch`` from one global clock; a written tensor keeps a short history
``[(write epoch, placeholder of the state before that write), ...]``
(``_inplace.py``), and the sweep reads, for each op, the version of each input
that existed when the op was recorded (:func:`_resolve_inputs`). Tensors that were
never written cost nothing here.

This module knows nothing about the ``Tensor`` class beyond its attributes
(``data``, ``creator``, ``constant``, ``grad``, ``_mem``; the sweep stores a gradient
in the ``_grad`` slot directly when the tensor is not a view); ``tensor.py`` passes what
the sweep needs to build tensors.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import _guard
from .errors import InvalidBackprop

__all__ = ["Op", "no_autodiff", "is_autodiff_enabled", "unbroadcast"]


# --------------------------------------------------------------------------- autodiff switch
class _State(threading.local):
    enabled = True


_state = _State()


def is_autodiff_enabled() -> bool:
    """Whether operations currently record a graph in this thread (false inside ``no_autodiff``).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.is_autodiff_enabled()
    True
    >>> with mg.no_autodiff:
    ...     mg.is_autodiff_enabled()
    False
    """
    return _state.enabled


class _NoAutodiff:
    """Context manager and decorator that disables graph recording in this thread.

    Inside it every operation returns a constant tensor and records nothing, so no
    memory is kept for a backward pass. The switch is thread-local.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> with mg.no_autodiff:
    ...     y = 2 * x
    >>> y.constant, y.creator is None
    (True, True)
    >>> @mg.no_autodiff
    ... def double(t):
    ...     return 2 * t
    >>> double(x).constant
    True

    Like MyGrad's, the decorator form can hand back plain arrays instead of tensors:

    >>> def halve(t):
    ...     return t / 2
    >>> mg.no_autodiff(halve, to_numpy=True)(x)
    array([0.5, 1. ])
    """

    def __enter__(self) -> None:
        self._prev = getattr(self, "_prev", [])
        self._prev.append(_state.enabled)
        _state.enabled = False

    def __exit__(self, *exc: object) -> None:
        _state.enabled = self._prev.pop()

    def __call__(self, func: Callable, *, to_numpy: bool = False) -> Callable:
        if not callable(func):
            raise TypeError(f"no_autodiff decorates a callable; got {func!r}")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            prev = _state.enabled
            _state.enabled = False
            try:
                out = func(*args, **kwargs)
            finally:
                _state.enabled = prev
            return _to_numpy(out) if to_numpy else out

        return wrapper


def _to_numpy(out: Any) -> Any:
    """Tensors (also inside a tuple or list) replaced by their arrays."""
    if isinstance(out, (tuple, list)):
        return type(out)(_to_numpy(o) for o in out)
    data = getattr(out, "data", None)
    return data if isinstance(data, np.ndarray) and hasattr(out, "creator") else out


class _ThreadLocalNoAutodiff(_NoAutodiff, threading.local):
    __doc__ = _NoAutodiff.__doc__


no_autodiff = _ThreadLocalNoAutodiff()


# --------------------------------------------------------------------------- graph nodes
class Op:
    """Base class of the library's operations (one graph node each).

    Subclasses implement ``forward(*arrays, **params) -> ndarray`` on plain arrays
    (saving on ``self`` whatever the gradient needs that is *not* a function of the
    inputs, e.g. an axis) and ``backward(g, out, inputs, needs, xp)`` right below it,
    written with operators and ``xp.<numpy name>`` calls only, so that it serves both
    first-order (ndarrays, ``xp=numpy``) and differentiable (tensors,
    ``xp=mygrad_like``) passes.
    """

    # _held: the arrays the op keeps read-only (released by the backward pass, clear_graph(),
    # or, when the graph is dropped, by the list's own finaliser); _epoch: see the module doc
    __slots__ = ("inputs", "_held", "_epoch", "__dict__")

    def forward(self, *arrays: Any, **params: Any) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def backward(
        self, g: Any, out: Any, inputs: tuple, needs: tuple, xp: Any
    ) -> Sequence[Any]:  # pragma: no cover
        raise NotImplementedError


class GraphFreedError(InvalidBackprop):
    """Raised on a backward pass through a graph already freed by an earlier pass."""


# the global clock of recorded ops and in-place writes; ``_writes[0]`` counts writes,
# so that the sweep looks for histories only once some tensor was ever written
clock = itertools.count(1)
_writes = [0]


def release_op(op: Op) -> None:
    """Free a recorded op: drop its inputs and release the arrays it guards."""
    op.inputs = None
    held = getattr(op, "_held", None)
    if held:
        op._held = None
        _guard.release(held)


def _resolve_inputs(op: Op, tensor_type: type) -> tuple:
    """``op.inputs`` with each written tensor replaced by the version the op saw
    (stored back: the mapping never changes once the op exists)."""
    inputs = op.inputs
    epoch = op._epoch
    new = list(inputs)
    changed = False
    for i, a in enumerate(inputs):
        mem = a._mem if isinstance(a, tensor_type) else None
        if mem is None:
            continue
        if mem.cleared > epoch:
            raise InvalidBackprop(
                f"part of the graph containing {a!r} was cleared (clear_graph()) before this "
                "backward pass; rebuild the computation"
            )
        if not mem.history:
            continue
        for when, old in mem.history:
            if epoch < when:
                new[i] = old
                changed = True
                break
    if changed:
        inputs = op.inputs = tuple(new)
    return inputs


# --------------------------------------------------------------------------- broadcasting
def unbroadcast(g: Any, shape: tuple, xp: Any = np) -> Any:
    """Sum ``g`` down to ``shape``: the gradient rule of NumPy broadcasting.

    Examples
    --------
    >>> import numpy as np
    >>> unbroadcast(np.ones((2, 3, 4)), (3, 1))
    array([[8.],
           [8.],
           [8.]])
    """
    gshape = g.shape
    if gshape == shape:
        return g
    lead = len(gshape) - len(shape)
    if lead < 0:  # a gradient smaller than its input (e.g. a scalar zero): spread it
        return xp.broadcast_to(g, shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, n in enumerate(shape) if n == 1 and gshape[lead + i] != 1
    )
    if axes:
        g = xp.sum(g, axis=axes, keepdims=True)
    if g.shape != shape:
        g = g.reshape(shape)
    return g


# --------------------------------------------------------------------------- the sweep
def _is_var(x: Any, tensor_type: type) -> bool:
    return isinstance(x, tensor_type) and not x.constant


def toposort(roots: Sequence[Any], tensor_type: type) -> list:
    """Non-constant tensors reachable from ``roots``, outputs first (reverse topological).

    Iterative depth-first search, so graph depth is limited by memory only. Raises
    :class:`GraphFreedError` on reaching a node whose graph was freed, unless every op
    that reads it here was recorded after that (the node is then a leaf, as in MyGrad).
    """
    post: list = []
    seen: set = set()
    # entries: (tensor, True) once its inputs are pushed, else (tensor, the op that read it or None)
    stack: list = [(r, None) for r in reversed(roots) if _is_var(r, tensor_type)]
    push = stack.append
    pop = stack.pop
    written = _writes[0]
    while stack:
        t, expanded = pop()
        if expanded is True:
            post.append(t)
            continue
        tid = id(t)
        if tid in seen:
            continue
        seen.add(tid)
        push((t, True))
        op = t.creator
        if op is None:
            continue
        inputs = op.inputs
        if inputs is None:
            if expanded is not None and expanded._epoch > getattr(op, "_freed", 0):
                continue  # read by an op recorded after its graph was freed: a leaf here, as in MyGrad
            raise GraphFreedError(
                f"backward through a freed graph: the graph that produced {t!r} was freed by "
                "an earlier backward pass; pass retain_graph=True to the first pass to "
                "backpropagate through it again"
            )
        if written:
            inputs = _resolve_inputs(op, tensor_type)
        for a in inputs:
            if isinstance(a, tensor_type) and not a.constant and id(a) not in seen:
                push((a, op))
    post.reverse()
    return post


def backprop(
    roots: Sequence[Any],
    seeds: Sequence[Any],
    *,
    tensor_type: type,
    targets: Sequence[Any] | None = None,
    create_graph: bool = False,
    retain_graph: bool = False,
    xp_graph: Any = None,
) -> dict:
    """Run one reverse sweep from ``roots`` seeded with ``seeds``.

    With ``targets=None`` (``Tensor.backward``) every non-constant tensor reached gets
    its gradient stored in ``.grad``. Otherwise (``mygrad_like.grad``) nothing is stored,
    only the paths that lead to a target are swept, and ``{id(target): gradient}`` is
    returned. With ``create_graph`` the seeds and gradients are tensors and the sweep
    runs the ops' backward with ``xp_graph``, recording a graph.
    """
    order = toposort(roots, tensor_type)
    if targets is None:
        relevant = None
    else:  # keep only tensors from which a target can be reached
        target_ids = {id(t) for t in targets}
        relevant = set(target_ids)
        for t in reversed(order):  # inputs before outputs
            op = t.creator
            if op is not None and op.inputs is not None and any(id(a) in relevant for a in op.inputs):
                relevant.add(id(t))
    xp = xp_graph if create_graph else np
    grads: dict = {}
    for r, s in zip(roots, seeds):
        if _is_var(r, tensor_type):
            grads[id(r)] = grads[id(r)] + s if id(r) in grads else s
    result: dict = {}
    store = targets is None
    stored: set = set()
    # the .grad values are assigned once the whole sweep has succeeded: an op whose
    # backward raises leaves every .grad as it was, and the pass can be retried
    new_grads: list = []
    for t in order:
        key = id(t)
        if relevant is not None and key not in relevant:
            continue
        g = grads.pop(key, None)
        tdata = t.data
        if g is None:
            g = xp.zeros_like(tdata if not create_graph else t)
        else:
            if not create_graph and type(g) is not np.ndarray:  # 0-d arithmetic gives scalars
                g = np.asarray(g)
            if g.dtype != tdata.dtype:
                g = g.astype(tdata.dtype)
        if store:
            # each .grad is an array of its own, writable and unshared, so that a user may
            # update one in place (e.g. clip it) without touching another
            if id(g) in stored or g.base is not None or not g.flags.writeable:
                g = g.copy()
            stored.add(id(g))
            new_grads.append((t, g))
        elif key in target_ids:
            result[key] = g
        op = t.creator
        if op is None:
            continue
        inputs = op.inputs
        if inputs is None:  # made by a graph an earlier pass freed: a leaf here
            continue
        if relevant is None and not create_graph:  # Tensor.backward: one pass over the inputs
            needs = []
            datas = []
            for a in inputs:
                if isinstance(a, tensor_type):
                    needs.append(not a.constant)
                    datas.append(a.data)
                else:
                    needs.append(False)
                    datas.append(a)
            if not any(needs):
                continue
            in_grads = op.backward(g, tdata, datas, needs, xp)
        else:
            if relevant is None:
                needs = [isinstance(a, tensor_type) and not a.constant for a in inputs]
            else:
                needs = [isinstance(a, tensor_type) and not a.constant and id(a) in relevant for a in inputs]
            if not any(needs):
                continue
            if create_graph:
                in_grads = op.backward(g, t, inputs, needs, xp)
            else:
                datas = [a.data if isinstance(a, tensor_type) else a for a in inputs]
                in_grads = op.backward(g, tdata, datas, needs, xp)
        for a, need, gi in zip(inputs, needs, in_grads):
            if not need:
                continue
            if gi is None:
                raise RuntimeError(f"{type(op).__name__}.backward returned None for a needed input")
            if not create_graph and type(gi) is not np.ndarray:
                gi = np.asarray(gi)
            if gi.shape != a.data.shape:
                gi = unbroadcast(gi, a.data.shape, xp)
            k = id(a)
            if k in grads:
                grads[k] = grads[k] + gi
            else:
                grads[k] = gi
    for t, g in new_grads:
        if t._mem is None:  # not a view: the property setter would do just this
            t._grad = g
        else:
            t.grad = g
    if not retain_graph:
        # free the graph first and the guarded arrays after, once the intermediate
        # tensors are gone (their arrays are then released without restoring flags)
        helds = []
        for t in order:
            op = t.creator
            if op is not None:
                op.inputs = None
                op._freed = next(clock)
                held = getattr(op, "_held", None)
                if held:
                    op._held = None
                    helds.append(held)
        order = t = op = g = inputs = grads = datas = in_grads = a = gi = None  # noqa: F841
        _guard.release_all(
            helds
        )  # each list emptied as it is released: only the guard then refers to a dead array
    return result
