"""Run one user program on MyGrad and on mygrad_like, and compare what a user can observe.

A *program* is a list of :class:`Step`. Each step is a callable ``fn(mg, K)`` given the library module
and the list ``K`` of everything the program keeps (tensors and plain arrays); it may append to ``K``
or rebind entries of ``K``, exactly as user code would with local names. The harness runs the steps
one by one on each library, catching exceptions, and after every step takes a snapshot of:

- the value, dtype and ``.grad`` (``None`` or its array) of every kept tensor;
- which kept tensor each one's ``.base`` is (by position in ``K``), or ``None``, or "not kept";
- identity (``K[i] is K[j]``) and ``np.shares_memory`` between the data of every pair of kept items;
- ``.data.flags.writeable`` of every kept non-constant tensor and ``.flags.writeable`` of every
  kept array;
- whether the step raised, and the exception's *family*: MyGrad's error class name
  (``InvalidBackprop``, ...) or else the nearest built-in exception class.

:func:`compare` returns a list of human-readable differences (empty when the runs agree).
"""

from __future__ import annotations

import builtins
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MYGRAD_ERRORS = ("InvalidBackprop", "InvalidGradient", "DisconnectedView", "MyGradException")


@dataclass
class Step:
    """One statement of a user program, with its source text for failure messages."""

    src: str
    fn: Callable[[Any, list], Any]


@dataclass
class Run:
    snapshots: list = field(default_factory=list)  # one per step
    raised: list = field(default_factory=list)  # None or (family, message) per step


def exc_family(e: BaseException) -> str:
    """MyGrad's error name if the class (or a base) carries one, else the nearest built-in class."""
    for cls in type(e).__mro__:
        if cls.__name__ in MYGRAD_ERRORS:
            return cls.__name__
    for cls in type(e).__mro__:
        if getattr(builtins, cls.__name__, None) is cls:
            return cls.__name__
    return type(e).__name__


def _data(obj: Any) -> np.ndarray | None:
    if isinstance(obj, np.ndarray):
        return obj
    d = getattr(obj, "data", None)
    return d if isinstance(d, np.ndarray) else None


def _is_tensor(obj: Any) -> bool:
    return hasattr(obj, "creator") and hasattr(obj, "grad") and isinstance(_data(obj), np.ndarray)


def _view_copies(chain: tuple, g: np.ndarray) -> np.ndarray | None:
    """``g`` seen through a mygrad_like view chain, or ``None`` when no step copies.

    MyGrad reports a view's gradient only while each view step of it is a NumPy view of
    the previous step's gradient; when the base's gradient has a memory layout through
    which a step must copy (``ravel``/``reshape`` of a transposed gradient), the view's
    ``.grad`` becomes ``None`` once the graph is cleared, depending on the gradient's
    strides. mygrad_like reports the base's gradient seen through the view there too;
    the harness compares that with MyGrad's base gradient replayed through the chain.
    """
    copied = False
    for op_cls, params in chain:
        nxt = np.asarray(op_cls().forward(g, **params))
        copied = copied or not np.shares_memory(nxt, g)
        g = nxt
    return g if copied else None


def snapshot(K: list) -> dict:
    """What a user can observe about the kept items, with identities mapped to positions."""
    pos = {id(o): i for i, o in reversed(list(enumerate(K)))}
    items = []
    for o in K:
        d = _data(o)
        if d is None:
            items.append({"kind": type(o).__name__, "value": o})
            continue
        entry = {
            "kind": "tensor" if _is_tensor(o) else "array",
            "value": np.array(d, copy=True),
            "dtype": d.dtype.str,
            "writeable": bool(d.flags.writeable),
        }
        if entry["kind"] == "tensor":
            g = o.grad
            entry["grad"] = None if g is None else np.array(np.asarray(g), copy=True)
            b = getattr(o, "base", None)
            bg = getattr(b, "grad", None) if b is not None else None
            entry["base_grad"] = None if bg is None else np.array(bg, copy=True, order="K")
            mem = getattr(o, "_mem", None)
            entry["chain"] = getattr(mem, "chain", None)
            entry["constant"] = bool(o.constant)
            if not hasattr(o, "base"):
                entry["base"] = "<no .base attribute>"
            else:
                b = o.base
                entry["base"] = None if b is None else pos.get(id(b), "a tensor not kept by the program")
        items.append(entry)
    n = len(K)
    same, shares = set(), set()
    for i in range(n):
        for j in range(i + 1, n):
            if K[i] is K[j]:
                same.add((i, j))
            di, dj = _data(K[i]), _data(K[j])
            if di is not None and dj is not None and np.shares_memory(di, dj):
                shares.add((i, j))
    return {"items": items, "same": same, "shares": shares}


def execute(program: list[Step], mg: Any) -> Run:
    """Run the steps with the cyclic collector off, so that graphs are freed (and arrays released)
    by reference counting alone, at the same statement on every run."""
    run = Run()
    K: list = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for step in program:
            try:
                step.fn(mg, K)
                run.raised.append(None)
            except Exception as e:  # noqa: BLE001 - the harness records every failure
                run.raised.append((exc_family(e), f"{type(e).__module__}.{type(e).__name__}: {e}"))
            run.snapshots.append(snapshot(K))
    finally:
        if was_enabled:
            gc.enable()
    return run


def _close(a: np.ndarray, b: np.ndarray, rtol: float) -> bool:
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        return bool(np.allclose(a, b, rtol=rtol, atol=rtol, equal_nan=True))
    return bool(np.array_equal(a, b))


def _diff_snap(ref: dict, got: dict, rtol: float, writeable: bool = True) -> list[str]:
    out = []
    if len(ref["items"]) != len(got["items"]):
        return [f"the program keeps {len(ref['items'])} items on MyGrad but {len(got['items'])} here"]
    for i, (r, g) in enumerate(zip(ref["items"], got["items"])):
        if r["kind"] != g["kind"]:
            out.append(f"K[{i}] is a {r['kind']} on MyGrad but a {g['kind']} here")
            continue
        if r["kind"] not in ("tensor", "array"):
            if r["value"] != g["value"]:
                out.append(f"K[{i}]: MyGrad {r['value']!r}, here {g['value']!r}")
            continue
        if not _close(r["value"], g["value"], rtol):
            out.append(f"value of K[{i}]:\n    MyGrad      {r['value']!r}\n    mygrad_like {g['value']!r}")
        if r["dtype"] != g["dtype"]:
            out.append(f"dtype of K[{i}]: MyGrad {r['dtype']}, here {g['dtype']}")
        # MyGrad also locks constants used only in constant ops (no backward pass needs them);
        # this library need not, so a constant tensor's writeability is not compared.
        both_constant = r["kind"] == "tensor" and r["constant"] and g["constant"]
        if writeable and r["writeable"] != g["writeable"] and not both_constant:
            out.append(
                f"K[{i}]{'.data' if r['kind'] == 'tensor' else ''}.flags.writeable: "
                f"MyGrad {r['writeable']}, here {g['writeable']}"
            )
        if r["kind"] != "tensor":
            continue
        if r["constant"] != g["constant"]:
            out.append(f"K[{i}].constant: MyGrad {r['constant']}, here {g['constant']}")
        if r["base"] != g["base"]:
            out.append(f"K[{i}].base: MyGrad -> {_base(r['base'])}, here -> {_base(g['base'])}")
        rg, gg = r["grad"], g["grad"]
        if rg is None and gg is not None and r["base_grad"] is not None and g["chain"]:
            rg = _view_copies(g["chain"], r["base_grad"])  # MyGrad dropped a copied view gradient
        if (rg is None) != (gg is None):
            out.append(f"K[{i}].grad: MyGrad {rg!r}, here {gg!r}")
        elif rg is not None and not _close(rg, gg, rtol):
            out.append(f"K[{i}].grad:\n    MyGrad      {rg!r}\n    mygrad_like {gg!r}")
    for key, what in (("same", "is"), ("shares", "shares memory with")):
        for i, j in sorted(ref[key] - got[key]):
            out.append(f"on MyGrad K[{i}] {what} K[{j}]; not here")
        for i, j in sorted(got[key] - ref[key]):
            out.append(f"here K[{i}] {what} K[{j}]; not on MyGrad")
    return out


def _base(b: Any) -> str:
    return "None" if b is None else (f"K[{b}]" if isinstance(b, int) else str(b))


def compare(
    program: list[Step], ref_mg: Any, mg: Any, rtol: float = 1e-12, *, writeable: bool = True
) -> list[str]:
    """Differences between running ``program`` on ``ref_mg`` (MyGrad) and on ``mg``, step by step
    (with ``writeable=False``, arrays' writeability is not compared).

    Stops at the first step whose observations differ (later steps would differ as a consequence).
    """
    ref, got = execute(program, ref_mg), execute(program, mg)
    for n in range(len(program)):
        r, g = ref.raised[n], got.raised[n]
        problems = []
        if (r is None) != (g is None) or (r is not None and r[0] != g[0]):
            problems.append(
                f"MyGrad {'raised ' + r[1] if r else 'did not raise'}; "
                f"mygrad_like {'raised ' + g[1] if g else 'did not raise'}"
            )
        problems += _diff_snap(ref.snapshots[n], got.snapshots[n], rtol, writeable)
        if problems:
            listing = "\n".join(
                f"{'>>' if k == n else '  '} {k:2d}: {s.src}" for k, s in enumerate(program[: n + 1])
            )
            return [f"after step {n}:\n{listing}\n" + "\n".join("  - " + p for p in problems)]
    return []


def assert_same(
    program: list[Step], ref_mg: Any, mg: Any, rtol: float = 1e-12, *, writeable: bool = True
) -> None:
    diffs = compare(program, ref_mg, mg, rtol, writeable=writeable)
    assert not diffs, "mygrad_like differs from MyGrad " + "\n".join(diffs)


def step(src: str) -> Step:
    """A step from a line of Python run with ``mg`` and ``K`` (and ``np``) in scope.

    >>> s = step("K.append(mg.tensor([1.0, 2.0]))")
    >>> s.src
    'K.append(mg.tensor([1.0, 2.0]))'
    """
    code = compile(src, "<program>", "exec")

    def fn(mg: Any, K: list) -> None:
        exec(code, {"mg": mg, "K": K, "np": np})

    return Step(src, fn)


def program(*lines: str) -> list[Step]:
    """A program from lines of Python (each one step; see :func:`step`)."""
    return [step(s) for s in lines]
