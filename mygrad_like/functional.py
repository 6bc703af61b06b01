"""Function transforms: vector-Jacobian and Jacobian-vector products, Jacobians, Hessians.

Each transform takes a function ``func`` of one tensor or of a tuple of tensors, which
returns one tensor or a tuple of tensors, and has the signature and the return
structure of its namesake in ``torch.autograd.functional``, so that code moves between
the two libraries unchanged.

How forward mode is computed
----------------------------
A reverse sweep seeded with ``u`` computes ``g(u) = J^T u``, which is linear in ``u``.
When that sweep records a graph (``grad(..., create_graph=True)`` with ``u`` a variable
tensor), a second reverse sweep through ``g`` seeded with ``v`` gives
``d<g(u), v>/du = J v``: the Jacobian-vector product, from two reverse sweeps and no
forward-mode rules. ``u`` is all zeros; its value never matters because ``g`` is linear
in it. A JVP therefore costs a forward pass, a graph-recording backward pass and a
backward pass through that graph, a few times a VJP (see
``benchmarks/bench_functional.py``). ``jacobian(strategy="forward-mode")`` records the
first sweep once and then runs one sweep through it per input element, so it wins when
there are few input elements and many output elements.

The functions run ``func`` on fresh variable copies of the inputs, so the caller's
graphs are neither extended nor freed. With ``create_graph=True`` a variable tensor
passed as an input is connected instead (through an identity node), so the results can
be differentiated with respect to it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .ops.arithmetic import positive
from .ops.joining import stack
from .tensor import Tensor, grad

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]

_STRATEGIES = ("reverse-mode", "forward-mode")


# --------------------------------------------------------------------------- argument handling
def _check_flag(value: Any, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def _as_inputs(inputs: Any, create_graph: bool) -> tuple[bool, list]:
    """``(is_tuple, tensors)``: the variables ``func`` is called with."""
    is_tuple = isinstance(inputs, tuple)
    items = list(inputs) if is_tuple else [inputs]
    if not items:
        raise ValueError("inputs must not be an empty tuple")
    prepared = []
    for i, x in enumerate(items):
        where = f"inputs[{i}]" if is_tuple else "inputs"
        if isinstance(x, Tensor):
            if create_graph and not x.constant:
                prepared.append(positive(x))  # an identity node: x's graph stays reachable
                continue
            data = x.data
        elif isinstance(x, (np.ndarray, np.generic, float, int)) and not isinstance(x, bool):
            data = np.asarray(x)
        else:
            raise TypeError(
                f"{where} must be a Tensor or an array (or a tuple of them); got {type(x).__name__}"
            )
        if data.dtype.kind != "f":
            raise TypeError(f"{where} must have a floating dtype to be differentiated; got {data.dtype}")
        prepared.append(Tensor._make(np.array(data), None, False))
    return is_tuple, prepared


def _as_outputs(result: Any, fn: str) -> tuple[bool, list]:
    """``(is_tuple, tensors)`` from what ``func`` returned."""
    is_tuple = isinstance(result, tuple)
    items = list(result) if is_tuple else [result]
    for i, o in enumerate(items):
        if not isinstance(o, Tensor):
            where = f"output {i}" if is_tuple else "its output"
            raise TypeError(
                f"func given to {fn} must return a Tensor or a tuple of Tensors; "
                f"{where} is {type(o).__name__}"
            )
    if not items:
        raise ValueError(f"func given to {fn} returned an empty tuple")
    return is_tuple, items


def _as_v(v: Any, refs: list, is_tuple: bool, create_graph: bool, what: str) -> list:
    """The vectors ``v``, one per reference tensor, each of its shape and dtype."""
    if v is None:
        if len(refs) != 1 or refs[0].size != 1:
            raise ValueError(f"v may be None only when {what} is a single tensor with one element")
        return [np.ones(refs[0].shape, dtype=refs[0].dtype)]
    items = list(v) if isinstance(v, tuple) else [v]
    if len(items) != len(refs):
        raise ValueError(f"v has {len(items)} entries; {what} has {len(refs)}")
    out = []
    for i, (vi, r) in enumerate(zip(items, refs)):
        where = f"v[{i}]" if is_tuple else "v"
        if isinstance(vi, Tensor) and create_graph and not vi.constant:
            arr = vi.data  # kept as a variable: the result is differentiable w.r.t. v
        else:
            try:
                arr = vi = np.asarray(vi.data if isinstance(vi, Tensor) else vi)
            except (TypeError, ValueError):
                raise TypeError(f"{where} must be a Tensor or an array; got {type(vi).__name__}") from None
            if arr.dtype.kind not in "biuf":
                raise TypeError(f"{where} must be numeric; got dtype {arr.dtype}")
            vi = arr.astype(r.dtype, copy=False)
        if arr.shape != r.shape:
            raise ValueError(f"{where} has shape {arr.shape}; it must have the shape {r.shape} of {what}")
        out.append(vi)
    return out


def _structure(items: list, is_tuple: bool) -> Any:
    return tuple(items) if is_tuple else items[0]


def _finish(t: Any, create_graph: bool) -> Tensor:
    """A result as returned: the tensor itself with ``create_graph``, else a constant copy."""
    if create_graph:
        return t if isinstance(t, Tensor) else Tensor._make(t, None, True)
    return Tensor._make(np.array(t.data if isinstance(t, Tensor) else t), None, True)


# --------------------------------------------------------------------------- sweeps
def _grads(outs: list, xs: list, seeds: list, create_graph: bool) -> list:
    """``sum_i seeds[i] . d outs[i] / d xs[j]`` for each ``j``; ``None`` where independent.

    The graph is always retained: ``func`` may close over the caller's tensors, whose
    graphs a freeing sweep would reach.
    """
    live = [(o, s) for o, s in zip(outs, seeds) if isinstance(o, Tensor) and not o.constant]
    if not live:
        return [None] * len(xs)
    return list(
        grad(
            [o for o, _ in live],
            xs,
            [s for _, s in live],
            create_graph=create_graph,
            retain_graph=True,
            allow_unused=True,
        )
    )


def _zeros_for(found: list, refs: list, strict: bool, message: str) -> list:
    """``found`` with each ``None`` replaced by zeros shaped like ``refs`` (or, if ``strict``,
    a ``ValueError`` built from ``message.format(i)``)."""
    result = []
    for i, (g, r) in enumerate(zip(found, refs)):
        if g is None:
            if strict:
                raise ValueError("strict=True: " + message.format(i))
            g = Tensor._make(np.zeros(r.shape, dtype=r.dtype), None, True)
        result.append(g)
    return result


def _check_outputs_strict(outs: list, strict: bool) -> None:
    for i, o in enumerate(outs):
        if strict and o.constant:
            raise ValueError(f"strict=True: output {i} of func does not depend on the inputs")


def _vjp(outs: list, xs: list, vs: list, create_graph: bool, strict: bool) -> list:
    found = _grads(outs, xs, vs, create_graph)
    return _zeros_for(found, xs, strict, "the outputs of func are independent of input {}")


def _jvp(outs: list, xs: list, vs: list, create_graph: bool, strict: bool) -> list:
    # g(u) = J^T u recorded as a graph of the variables u (zeros: g is linear in u) ...
    us = [Tensor._make(np.zeros(o.shape, dtype=o.dtype), None, False) for o in outs]
    gs = _grads(outs, xs, us, True)
    if strict:
        _zeros_for(gs, xs, True, "the outputs of func are independent of input {}")
    # ... and d<g(u), v>/du = J v
    live = [(g, v) for g, v in zip(gs, vs) if g is not None]
    found = _grads([g for g, _ in live], us, [v for _, v in live], create_graph)
    return _zeros_for(found, outs, strict, "output {} of func is independent of the inputs")


# --------------------------------------------------------------------------- vjp, jvp
def vjp(
    func: Callable[..., Any],
    inputs: Any,
    v: Any = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Any, Any]:
    """The vector-Jacobian product ``v^T J`` of ``func`` at ``inputs`` (one reverse sweep).

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor or a tuple of Tensors.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    v : Tensor, ndarray or tuple of them, optional
        One vector per output of ``func``, each of that output's shape. May be omitted
        when ``func`` returns a single tensor with one element.
    create_graph : bool, default False
        Record the computation, so that the results can be differentiated again (with
        respect to ``inputs`` and to a variable ``v``).
    strict : bool, default False
        Raise ``ValueError`` when an input does not influence the outputs (or an output
        does not depend on the inputs), instead of returning zeros for it.

    Returns
    -------
    func_output : Tensor or tuple of Tensor
        ``func(*inputs)``.
    vjp : Tensor or tuple of Tensor
        ``sum_i v[i] . d output_i / d input_j``, structured and shaped like ``inputs``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> out, g = mg.vjp(lambda x: x ** 2, mg.tensor([1.0, 2.0]), mg.tensor([1.0, 10.0]))
    >>> out, g
    (Tensor([1., 4.]), Tensor([ 2., 40.]))
    >>> mg.vjp(lambda x, y: x * y, (mg.tensor(2.0), mg.tensor(3.0)))[1]
    (Tensor(3.), Tensor(2.))
    """
    create_graph = _check_flag(create_graph, "create_graph")
    strict = _check_flag(strict, "strict")
    in_tuple, xs = _as_inputs(inputs, create_graph)
    out_tuple, outs = _as_outputs(func(*xs), "vjp")
    _check_outputs_strict(outs, strict)
    vs = _as_v(v, outs, out_tuple, create_graph, "the output of func")
    res = _vjp(outs, xs, vs, create_graph, strict)
    return (
        _structure([_finish(o, create_graph) for o in outs], out_tuple),
        _structure([_finish(g, create_graph) for g in res], in_tuple),
    )


def jvp(
    func: Callable[..., Any],
    inputs: Any,
    v: Any = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Any, Any]:
    """The Jacobian-vector product ``J v`` of ``func`` at ``inputs`` (forward mode).

    Computed with two reverse sweeps (see the module notes); about 3x the cost of a
    :func:`vjp` of the same function.

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor or a tuple of Tensors.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    v : Tensor, ndarray or tuple of them, optional
        The tangent: one vector per input, each of that input's shape. May be omitted
        when ``inputs`` is a single tensor with one element.
    create_graph : bool, default False
        Record the computation, so that the results can be differentiated again.
    strict : bool, default False
        Raise ``ValueError`` when an input does not influence the outputs or an output
        does not depend on the inputs, instead of using zeros.

    Returns
    -------
    func_output : Tensor or tuple of Tensor
        ``func(*inputs)``.
    jvp : Tensor or tuple of Tensor
        ``sum_j d output_i / d input_j . v[j]``, structured and shaped like the output.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> out, t = mg.jvp(lambda x: x ** 3, mg.tensor([1.0, 2.0]), mg.tensor([1.0, 0.5]))
    >>> t
    Tensor([3., 6.])
    >>> mg.jvp(lambda x, y: (x * y, x + y), (mg.tensor(2.0), mg.tensor(3.0)), (1.0, 0.0))[1]
    (Tensor(3.), Tensor(1.))
    """
    create_graph = _check_flag(create_graph, "create_graph")
    strict = _check_flag(strict, "strict")
    in_tuple, xs = _as_inputs(inputs, create_graph)
    vs = _as_v(v, xs, in_tuple, create_graph, "inputs")
    out_tuple, outs = _as_outputs(func(*xs), "jvp")
    _check_outputs_strict(outs, strict)
    res = _jvp(outs, xs, vs, create_graph, strict)
    return (
        _structure([_finish(o, create_graph) for o in outs], out_tuple),
        _structure([_finish(t, create_graph) for t in res], out_tuple),
    )


# --------------------------------------------------------------------------- jacobian, hessian
def _unit(shape: tuple, dtype: Any, k: int) -> np.ndarray:
    e = np.zeros(int(np.prod(shape)), dtype=dtype)
    e[k] = 1
    return e.reshape(shape)


def _assemble(parts: list, o: Tensor, x: Tensor, create_graph: bool, by_rows: bool) -> Any:
    """One Jacobian block, shape ``o.shape + x.shape``, from its rows (each shaped like ``x``)
    or its columns (each shaped like ``o``); ``None`` parts are zeros."""
    dtype = np.result_type(o.dtype, x.dtype)
    part_shape = x.shape if by_rows else o.shape
    if not parts:
        return np.zeros(o.shape + x.shape, dtype=dtype)
    if create_graph:
        full = [Tensor._make(np.zeros(part_shape, dtype), None, True) if p is None else p for p in parts]
        block = stack(full, axis=0 if by_rows else -1)
    else:
        full = [np.zeros(part_shape, dtype) if p is None else p.data for p in parts]
        block = np.stack(full, axis=0 if by_rows else -1)
    if block.dtype != dtype:
        block = block.astype(dtype)
    return block.reshape(o.shape + x.shape)


def _jacobian_reverse(outs: list, xs: list, create_graph: bool) -> list:
    """``blocks[i][j]`` = d outs[i] / d xs[j], ``None`` where independent: one sweep per
    output element."""
    blocks: list = [[None] * len(xs) for _ in outs]
    for i, o in enumerate(outs):
        if o.constant:
            continue
        rows: list = [[] for _ in xs]
        for k in range(o.size):
            for j, g in enumerate(_grads([o], xs, [_unit(o.shape, o.dtype, k)], create_graph)):
                rows[j].append(g)
        for j, x in enumerate(xs):
            if any(g is not None for g in rows[j]):
                blocks[i][j] = _assemble(rows[j], o, x, create_graph, by_rows=True)
    return blocks


def _jacobian_forward(outs: list, xs: list, create_graph: bool) -> list:
    """As :func:`_jacobian_reverse`, with one recorded sweep and then one sweep through it
    per input element."""
    us = [Tensor._make(np.zeros(o.shape, dtype=o.dtype), None, False) for o in outs]
    gs = _grads(outs, xs, us, True)
    blocks: list = [[None] * len(xs) for _ in outs]
    for j, (g, x) in enumerate(zip(gs, xs)):
        if g is None or g.constant:
            continue
        cols: list = [[] for _ in outs]
        for k in range(x.size):
            for i, c in enumerate(_grads([g], us, [_unit(x.shape, x.dtype, k)], create_graph)):
                cols[i].append(c)
        for i, o in enumerate(outs):
            if any(c is not None for c in cols[i]):
                blocks[i][j] = _assemble(cols[i], o, x, create_graph, by_rows=False)
    return blocks


def jacobian(
    func: Callable[..., Any],
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
) -> Any:
    """The Jacobian of ``func`` at ``inputs``.

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor or a tuple of Tensors.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    create_graph : bool, default False
        Record the computation, so that the Jacobian can be differentiated again.
    strict : bool, default False
        Raise ``ValueError`` when an output does not depend on an input, instead of
        returning a block of zeros for the pair.
    vectorize : bool, default False
        Accepted for compatibility with PyTorch; the rows (or columns) are computed one
        sweep at a time either way.
    strategy : {"reverse-mode", "forward-mode"}, default "reverse-mode"
        ``"reverse-mode"`` runs one reverse sweep per output element;
        ``"forward-mode"`` one recorded reverse sweep and then one sweep per input
        element. Choose forward mode when the inputs have fewer elements than the
        outputs (a tall, thin Jacobian).

    Returns
    -------
    Tensor, or tuple, or tuple of tuples of Tensor
        Block ``(i, j)`` has shape ``output_i.shape + input_j.shape``. A single Tensor when
        ``func`` returns a Tensor and ``inputs`` is one; a tuple over the outputs (or the
        inputs) when only that side is a tuple; ``result[i][j]`` when both are.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> mg.jacobian(lambda x: x ** 2, x)
    Tensor([[2., 0.],
            [0., 4.]])
    >>> mg.jacobian(lambda x, y: x * y, (x, mg.tensor(3.0)), strategy="forward-mode")
    (Tensor([[3., 0.],
            [0., 3.]]), Tensor([1., 2.]))
    """
    create_graph = _check_flag(create_graph, "create_graph")
    strict = _check_flag(strict, "strict")
    _check_flag(vectorize, "vectorize")
    if strategy not in _STRATEGIES:
        raise ValueError(f"strategy must be 'reverse-mode' or 'forward-mode'; got {strategy!r}")
    in_tuple, xs = _as_inputs(inputs, create_graph)
    out_tuple, outs = _as_outputs(func(*xs), "jacobian")
    _check_outputs_strict(outs, strict)
    if strategy == "reverse-mode":
        blocks = _jacobian_reverse(outs, xs, create_graph)
    else:
        blocks = _jacobian_forward(outs, xs, create_graph)
    result = []
    for i, o in enumerate(outs):
        row = []
        for j, x in enumerate(xs):
            b = blocks[i][j]
            if b is None:
                if strict:
                    raise ValueError(f"strict=True: output {i} of func is independent of input {j}")
                b = np.zeros(o.shape + x.shape, dtype=np.result_type(o.dtype, x.dtype))
            row.append(_finish(b, create_graph))
        result.append(_structure(row, in_tuple))
    return _structure(result, out_tuple)


def _scalar_output(result: Any, fn: str) -> Tensor:
    _, outs = _as_outputs(result, fn)
    if len(outs) != 1:
        raise TypeError(f"func given to {fn} must return a single Tensor; got a tuple of {len(outs)}")
    if outs[0].size != 1:
        raise ValueError(
            f"func given to {fn} must return a tensor with a single element; got shape {outs[0].shape}"
        )
    return outs[0]


def _gradient(out: Tensor, xs: list, strict: bool) -> list:
    """d out / d xs as a recorded graph (zeros where independent)."""
    found = _grads([out], xs, [np.ones(out.shape, dtype=out.dtype)], True)
    return _zeros_for(found, xs, strict, "the output of func is independent of input {}")


def _hessian_product(
    func: Callable[..., Any], inputs: Any, v: Any, create_graph: bool, strict: bool, fn: str
) -> tuple[Any, Any]:
    """``vhp`` (a VJP of the recorded gradient) or ``hvp`` (its JVP)."""
    create_graph = _check_flag(create_graph, "create_graph")
    strict = _check_flag(strict, "strict")
    in_tuple, xs = _as_inputs(inputs, create_graph)
    out = _scalar_output(func(*xs), fn)
    _check_outputs_strict([out], strict)
    vs = _as_v(v, xs, in_tuple, create_graph, "inputs")
    product = _vjp if fn == "vhp" else _jvp
    res = product(_gradient(out, xs, strict), xs, vs, create_graph, strict)
    return _finish(out, create_graph), _structure([_finish(r, create_graph) for r in res], in_tuple)


def hessian(
    func: Callable[..., Any],
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    outer_jacobian_strategy: str = "reverse-mode",
) -> Any:
    """The Hessian of a scalar-valued ``func`` at ``inputs``: the Jacobian of its gradient.

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor with one element.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    create_graph : bool, default False
        Record the computation, so that the Hessian can be differentiated again.
    strict : bool, default False
        Raise ``ValueError`` when the output, or its gradient, does not depend on an
        input, instead of returning zeros.
    vectorize : bool, default False
        Accepted for compatibility with PyTorch (no effect).
    outer_jacobian_strategy : {"reverse-mode", "forward-mode"}, default "reverse-mode"
        The ``strategy`` of the :func:`jacobian` taken of the gradient.

    Returns
    -------
    Tensor or tuple of tuples of Tensor
        Of shape ``inputs.shape + inputs.shape`` for a single input; for a tuple of
        inputs ``result[i][j]`` has shape ``inputs[i].shape + inputs[j].shape``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.hessian(lambda x: (x ** 3).sum(), mg.tensor([1.0, 2.0]))
    Tensor([[ 6.,  0.],
            [ 0., 12.]])
    >>> h = mg.hessian(lambda x, y: (x * y ** 2).sum(), (mg.tensor(1.0), mg.tensor(2.0)))
    >>> h[0][1], h[1][1]
    (Tensor(4.), Tensor(2.))
    """
    in_tuple = isinstance(inputs, tuple)
    strict = _check_flag(strict, "strict")

    def gradient(*xs: Tensor) -> Any:
        out = _scalar_output(func(*xs), "hessian")
        _check_outputs_strict([out], strict)
        return _structure(_gradient(out, list(xs), strict), in_tuple)

    return jacobian(gradient, inputs, create_graph, strict, vectorize, outer_jacobian_strategy)


def vhp(
    func: Callable[..., Any],
    inputs: Any,
    v: Any = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Any, Any]:
    """The vector-Hessian product ``v^T H`` of a scalar-valued ``func`` at ``inputs``.

    A reverse sweep through the recorded gradient: the cheaper of :func:`vhp` and
    :func:`hvp`, equal to it when ``func`` is twice continuously differentiable.

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor with one element.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    v : Tensor, ndarray or tuple of them, optional
        One vector per input, each of its shape. May be omitted when ``inputs`` is a
        single tensor with one element.
    create_graph : bool, default False
        Record the computation, so that the result can be differentiated again.
    strict : bool, default False
        Raise ``ValueError`` when the output, or its gradient, does not depend on an
        input, instead of using zeros.

    Returns
    -------
    func_output : Tensor
        ``func(*inputs)``.
    vhp : Tensor or tuple of Tensor
        Structured and shaped like ``inputs``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.vhp(lambda x: (x ** 3).sum(), mg.tensor([1.0, 2.0]), mg.tensor([1.0, 1.0]))
    (Tensor(9.), Tensor([ 6., 12.]))
    """
    return _hessian_product(func, inputs, v, create_graph, strict, "vhp")


def hvp(
    func: Callable[..., Any],
    inputs: Any,
    v: Any = None,
    create_graph: bool = False,
    strict: bool = False,
) -> tuple[Any, Any]:
    """The Hessian-vector product ``H v`` of a scalar-valued ``func`` at ``inputs``.

    The Jacobian-vector product of the recorded gradient (see :func:`jvp`); it costs
    more than :func:`vhp`, which gives the same result when ``func`` is twice
    continuously differentiable.

    Parameters
    ----------
    func : callable
        Takes as many tensors as ``inputs`` holds; returns a Tensor with one element.
    inputs : Tensor, ndarray or tuple of them
        Where to evaluate; floating dtype.
    v : Tensor, ndarray or tuple of them, optional
        One vector per input, each of its shape. May be omitted when ``inputs`` is a
        single tensor with one element.
    create_graph : bool, default False
        Record the computation, so that the result can be differentiated again.
    strict : bool, default False
        Raise ``ValueError`` when the output, or its gradient, does not depend on an
        input, instead of using zeros.

    Returns
    -------
    func_output : Tensor
        ``func(*inputs)``.
    hvp : Tensor or tuple of Tensor
        Structured and shaped like ``inputs``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> f = lambda x, y: (x ** 2 * y).sum()
    >>> mg.hvp(f, (mg.tensor([1.0]), mg.tensor([3.0])), (mg.tensor([1.0]), mg.tensor([0.0])))
    (Tensor(3.), (Tensor([6.]), Tensor([2.])))
    """
    return _hessian_product(func, inputs, v, create_graph, strict, "hvp")
