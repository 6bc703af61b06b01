"""Ufunc objects: the elementwise functions that NumPy has as ufuncs, with NumPy's ufunc attributes.

``mg.add``, ``mg.exp``, ... are ufunc-like objects, as in MyGrad: each is a class whose type
is :class:`MyGradUnaryUfunc` or :class:`MyGradBinaryUfunc` (a subclass of ``type``), so that

* calling it, ``mg.add(x, y, where=..., dtype=..., constant=...)``, runs the function;
* it carries NumPy's ufunc attributes ``nin``, ``nout``, ``nargs``, ``ntypes``, ``types``
  (the real-number loops only: bool, int and float), ``identity``, ``signature`` and
  ``__name__``, and ``resolve_dtypes``;
* ``issubclass(mg.add, mg.ufunc)`` and ``isinstance(mg.add, MyGradBinaryUfunc)`` hold.

The ufunc methods ``at``, ``accumulate``, ``outer``, ``reduce`` and ``reduceat`` exist but raise
``NotImplementedError``, as MyGrad's do.

A call costs what a plain function call costs: each ufunc's own type holds the function as a
static ``__call__``, so ``mg.add(x, y)`` goes straight to it.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.ufuncs import MyGradBinaryUfunc
>>> mg.add
<mygrad-ufunc 'add'>
>>> mg.add.nin, mg.add.nout, mg.add.identity
(2, 1, 0)
>>> isinstance(mg.add, MyGradBinaryUfunc), issubclass(mg.exp, mg.ufunc)
(True, True)
>>> mg.multiply(mg.tensor([1.0, 2.0]), 3.0)
Tensor([3., 6.])
"""

from __future__ import annotations

import inspect
from abc import ABC
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["MyGradUnaryUfunc", "MyGradBinaryUfunc", "ufunc"]

# type codes of loops on complex numbers, datetimes and objects: not offered by a library of reals
_NON_REAL_CODES = frozenset("FDGMmO")


class ufunc(ABC):  # noqa: B024 - no abstract methods: the ufunc objects are registered
    """The abstract base of every ufunc object of the library: ``issubclass(mg.add, mg.ufunc)``.

    It cannot be subclassed; the ufunc objects are registered with it.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> issubclass(mg.sin, mg.ufunc)
    True
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        raise TypeError("mygrad_like.ufunc cannot be subclassed")


class MyGradUfunc(type):
    """The type of a ufunc object (see the module's description)."""

    nin: int
    nout: int
    nargs: int
    ntypes: int
    types: list[str]
    identity: Any
    signature: str | None

    def __repr__(cls) -> str:
        return f"<mygrad-ufunc '{cls.__name__}'>"

    def _not_implemented(cls, method: str) -> Any:
        raise NotImplementedError(f"{cls.__name__}.{method} is not implemented for tensors")

    def at(cls, *args: Any, **kwargs: Any) -> Any:
        """Not implemented (raises ``NotImplementedError``)."""
        return cls._not_implemented("at")

    def accumulate(cls, *args: Any, **kwargs: Any) -> Any:
        """Not implemented (raises ``NotImplementedError``)."""
        return cls._not_implemented("accumulate")

    def outer(cls, *args: Any, **kwargs: Any) -> Any:
        """Not implemented (raises ``NotImplementedError``)."""
        return cls._not_implemented("outer")

    def reduce(cls, *args: Any, **kwargs: Any) -> Any:
        """Not implemented (raises ``NotImplementedError``)."""
        return cls._not_implemented("reduce")

    def reduceat(cls, *args: Any, **kwargs: Any) -> Any:
        """Not implemented (raises ``NotImplementedError``)."""
        return cls._not_implemented("reduceat")


class MyGradUnaryUfunc(MyGradUfunc):
    """The type of the one-input ufunc objects (``mg.exp``, ``mg.sin``, ...)."""


class MyGradBinaryUfunc(MyGradUfunc):
    """The type of the two-input ufunc objects (``mg.add``, ``mg.maximum``, ...)."""


def as_ufunc(func: Callable, numpy_ufunc: np.ufunc | None = None) -> Any:
    """The ufunc object that calls ``func`` and carries the attributes of ``numpy_ufunc``
    (by default NumPy's ufunc of ``func``'s name); ``func`` itself when NumPy has no such
    ufunc or it is not a one- or two-input ufunc.
    """
    if numpy_ufunc is None:
        numpy_ufunc = getattr(np, func.__name__, None)
    if not isinstance(numpy_ufunc, np.ufunc) or numpy_ufunc.nin not in (1, 2):
        return func
    meta = MyGradUnaryUfunc if numpy_ufunc.nin == 1 else MyGradBinaryUfunc
    types = [t for t in numpy_ufunc.types if not _NON_REAL_CODES.intersection(t)]
    # the ufunc's own type: the function is its static __call__ (no extra call layer)
    own_type = type(meta.__name__, (meta,), {"__call__": staticmethod(func), "__module__": __name__})
    namespace = {
        "nin": numpy_ufunc.nin,
        "nout": numpy_ufunc.nout,
        "nargs": numpy_ufunc.nargs,
        "ntypes": len(types),
        "types": types,
        "identity": numpy_ufunc.identity,
        "signature": numpy_ufunc.signature,
        "resolve_dtypes": staticmethod(numpy_ufunc.resolve_dtypes),
        "__doc__": func.__doc__,
        "__module__": func.__module__,
        "__qualname__": func.__qualname__,
        "__signature__": inspect.signature(func),
    }
    out = own_type(func.__name__, (), namespace)
    ufunc.register(out)
    return out
