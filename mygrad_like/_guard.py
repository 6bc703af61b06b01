"""Memory guarding: the arrays a live graph keeps for its backward pass are read-only.

Every recorded op *holds* the arrays its backward pass reads (its tensor inputs'
data, plain-array operands and its output). An array held by at least one op is
made read-only; when the last holder lets go (a backward pass that frees the graph,
``Tensor.clear_graph()``, or the op being garbage collected) the array gets back
exactly the writeability it had before, so an array that was read-only to begin
with stays read-only. A view's base array is held with it: writing through the
base would change the view's values just as well.

Holds are counted per array (``id(array)`` -> ``[count, array, was_writeable,
held base or None]``), so graphs that share arrays release them independently.

Guarding can be switched off (for new ops; arrays already held stay guarded until
released) with :data:`mem_guard_off`, :func:`turn_memory_guarding_off`, and back on
with :data:`mem_guard_on` / :func:`turn_memory_guarding_on`.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "mem_guard_off",
    "mem_guard_on",
    "mem_guard_active",
    "turn_memory_guarding_off",
    "turn_memory_guarding_on",
]

_holds: dict = {}
_mutex = threading.Lock()


class _Switch:
    active = True


_switch = _Switch()
ever_off = [False]  # whether guarding was ever switched off (some recorded ops then hold nothing)


def _hold(arr: np.ndarray) -> None:
    entry = _holds.get(id(arr))
    if entry is not None:
        entry[0] += 1
        return
    base = arr.base
    if not isinstance(base, np.ndarray):
        base = None
    # a view made while its base was held is read-only only because of that hold
    writeable = arr.flags.writeable or (base is not None and id(base) in _holds and _holds[id(base)][2])
    _holds[id(arr)] = [1, arr, writeable, base, None]
    arr.setflags(write=False)
    if base is not None:
        _hold(base)


def _release(arr: np.ndarray, direct: bool = True) -> None:
    entry = _holds.get(id(arr))
    if entry is None:
        return
    entry[0] -= 1
    if entry[0]:
        return
    del _holds[id(arr)]
    if entry[3] is not None:  # the base first: a view cannot be writeable over a read-only base
        _release(entry[3], False)
    # an array that nothing but this release refers to is about to be freed: nobody can
    # see its flags, so they are left alone (restoring them costs as much as a small op)
    if entry[2]:
        refs = sys.getrefcount(arr)
        if refs > _private_refs[0] or not direct:
            _restore(arr)
        if id(arr) == _probe[0]:
            _private_refs[0] = refs
    for view in entry[4] or ():  # views that waited for this array to be released
        _restore(view)


def _restore(arr: np.ndarray) -> None:
    """Make ``arr`` writeable again, or, while an array it views is still held, leave that
    to the release of that array."""
    try:
        arr.setflags(write=True)
    except ValueError:
        base = arr.base
        while isinstance(base, np.ndarray):
            entry = _holds.get(id(base))
            if entry is not None:
                if entry[4] is None:
                    entry[4] = []
                entry[4].append(arr)
                return
            base = base.base


class _Held(list):
    """The arrays one op holds. Dropped while still holding (its graph was garbage
    collected), it releases them. Released lists are kept for reuse, so the common
    path (forward, then backward) never runs a finaliser."""

    __slots__ = ()

    def __del__(self) -> None:
        if self:
            try:
                _let_go(self)  # not back into the pool: a finaliser runs once per object
            except Exception:  # interpreter shutdown
                pass


_pool: list = []
_POOL_SIZE = 1 << 16


def hold(arrays: list, out: np.ndarray) -> list:
    """Hold each ndarray in ``arrays`` (others are skipped) and ``out``, an op's fresh
    result; returns what was held (release it with :func:`release`)."""
    try:
        held = _pool.pop()
    except IndexError:
        held = _Held()
    add = held.append
    get = _holds.get
    ndarray = np.ndarray
    with _mutex:
        for a in arrays:
            if isinstance(a, ndarray):
                add(a)
                entry = get(id(a))
                if entry is None:
                    _hold(a)
                else:
                    entry[0] += 1
        if out.base is None and id(out) not in _holds:  # fresh and so writeable: the common case
            _holds[id(out)] = [1, out, True, None, None]
            out.setflags(write=False)
        else:
            _hold(out)
    add(out)
    return held


def release(held: list) -> None:
    """Let go of arrays returned by :func:`hold` (``held`` is emptied and reused)."""
    release_all([held])


def release_all(helds: list) -> None:
    """Let go of several lists returned by :func:`hold`, last first, under one lock
    (``helds`` is emptied; each list is emptied and reused)."""
    get = _holds.get
    pool = _pool
    with _mutex:
        while helds:
            held = helds.pop()
            for a in held:
                entry = get(id(a))
                if entry is not None and entry[0] > 1:
                    entry[0] -= 1
                else:
                    _release(a)
            del held[:]
            if len(pool) < _POOL_SIZE:
                pool.append(held)
    a = held = None


def _let_go(held: list) -> None:
    get = _holds.get
    with _mutex:
        for a in held:
            entry = get(id(a))
            if entry is not None and entry[0] > 1:
                entry[0] -= 1
            else:
                _release(a)
        del held[:]


# the reference count, inside _release, of an array that only the guard and the released
# holder refer to: measured once, on a probe, on this interpreter; an array with any
# other reference gets its writeability back
_private_refs = [sys.maxsize]
_probe: list = [None]


def _calibrate() -> None:
    held = hold([], np.ones(1))  # only the held list and the guard's entry refer to it
    del _pool[:]
    _probe[0] = id(held[0])
    release(held)
    _probe[0] = None


def is_held(arr: np.ndarray) -> bool:
    """Whether a live graph holds ``arr`` (or an array it is a view of)."""
    while isinstance(arr, np.ndarray):
        if id(arr) in _holds:
            return True
        arr = arr.base
    return False


def read_only_reason(arr: np.ndarray) -> str:
    """Why a read-only ``arr`` is read-only, as a clause for an error message: a live graph
    holding it for its backward pass (and how to release it), or nothing to add.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> w = mg.tensor([1.0, 2.0])
    >>> loss = (w * w).sum()
    >>> read_only_reason(w.data)[:45]
    ' because a live graph holds it for its backwa'
    >>> loss.backward()
    >>> read_only_reason(w.data)
    ''
    """
    if not is_held(arr):
        return ""
    return (
        " because a live graph holds it for its backward pass (run backward() without "
        "retain_graph=True, or clear_graph() on the graph's output, first)"
    )


# --------------------------------------------------------------------------- switches
def mem_guard_active() -> bool:
    """Whether new operations make the arrays they keep read-only.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.mem_guard_active()
    True
    >>> with mg.mem_guard_off:
    ...     mg.mem_guard_active()
    False
    """
    return _switch.active


def turn_memory_guarding_off() -> None:
    """Stop guarding the arrays of graphs built from now on (global, until turned on).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.turn_memory_guarding_off()
    >>> x = mg.tensor([1.0, 2.0]); y = x * x
    >>> x.data.flags.writeable
    True
    >>> mg.turn_memory_guarding_on()
    """
    _switch.active = False
    ever_off[0] = True


def turn_memory_guarding_on() -> None:
    """Guard the arrays of graphs built from now on (the default).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.turn_memory_guarding_on()
    >>> x = mg.tensor([1.0, 2.0]); y = x * x
    >>> x.data.flags.writeable
    False
    """
    _switch.active = True


class _GuardSwitch:
    """Context manager and decorator setting whether memory guarding is on inside it.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> with mg.mem_guard_off:
    ...     x = mg.tensor([1.0, 2.0]); y = x * x
    >>> x.data.flags.writeable
    True
    >>> @mg.mem_guard_off
    ... def square(t):
    ...     return t * t
    >>> z = square(x)
    >>> x.data.flags.writeable
    True
    """

    def __init__(self, value: bool) -> None:
        self._value = value
        self._prev: list = []

    def __enter__(self) -> None:
        self._prev.append(_switch.active)
        _switch.active = self._value
        if not self._value:
            ever_off[0] = True

    def __exit__(self, *exc: object) -> None:
        _switch.active = self._prev.pop()

    def __call__(self, func: Callable) -> Callable:
        if not callable(func):
            raise TypeError(f"a memory-guard switch decorates a callable; got {func!r}")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return wrapper


mem_guard_off = _GuardSwitch(False)
mem_guard_on = _GuardSwitch(True)
_calibrate()
