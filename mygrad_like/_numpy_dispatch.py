"""Route NumPy calls on tensors (``np.exp(t)``, ``np.sum(t)``) to the library's ops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ._validation import data_of

# NumPy functions that only inspect values (no float result to differentiate): they run on
# the tensors' data and return what NumPy returns.
_INSPECTORS = frozenset(
    {
        "shape",
        "ndim",
        "size",
        "allclose",
        "isclose",
        "array_equal",
        "array_equiv",
        "argmax",
        "argmin",
        "argsort",
        "argwhere",
        "nonzero",
        "flatnonzero",
        "count_nonzero",
        "any",
        "all",
        "may_share_memory",
        "shares_memory",
        "iscomplexobj",
        "isrealobj",
        "searchsorted",
        "result_type",
        "can_cast",
        "min_scalar_type",
        "unique",
        "array_repr",
        "array_str",
        "array2string",
        "round",
        "around",
        "sort",
        "bincount",
    }
)
# ufuncs computed on the data when every tensor operand is a constant (MyGrad allows them
# there); with a variable operand they raise, rather than silently dropping its gradient
_CONSTANT_ONLY = frozenset({"fmod", "divmod"})
# ufuncs without a float result (or not differentiable): computed on the data
_UFUNC_INSPECTORS = frozenset(
    {
        "isnan",
        "isinf",
        "isfinite",
        "signbit",
        "logical_and",
        "logical_or",
        "logical_xor",
        "logical_not",
        "bitwise_and",
        "bitwise_or",
        "bitwise_xor",
        "invert",
        "left_shift",
        "right_shift",
        "floor",
        "ceil",
        "trunc",
        "rint",
        "isnat",
    }
)
_UFUNC_ALIASES = {"true_divide": "divide", "abs": "absolute", "remainder": "mod"}
_FUNCTION_ALIASES = {"multi_dot": "multi_matmul"}


# NumPy functions with a registered handler (see implements_numpy_override): checked first
_OVERRIDES: dict[Any, Callable] = {}


def implements_numpy_override(numpy_func: Callable | None = None) -> Callable[[Callable], Callable]:
    """Register the decorated function as what ``numpy_func(tensor, ...)`` calls.

    Without ``numpy_func``, the NumPy function of the decorated function's name is meant
    (``numpy.<name>``). The decorated function is returned unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> import mygrad_like as mg
    >>> from mygrad_like.tensor_base import implements_numpy_override
    >>> @implements_numpy_override(np.ptp)
    ... def peak_to_peak(x, axis=None):
    ...     return mg.max(x, axis=axis) - mg.min(x, axis=axis)
    >>> np.ptp(mg.tensor([1.0, 4.0, 2.0]))
    Tensor(3.)
    """

    def register(func: Callable) -> Callable:
        target = numpy_func if numpy_func is not None else getattr(np, func.__name__, None)
        if not callable(target):
            raise TypeError(
                f"implements_numpy_override: numpy has no function named {func.__name__!r}; "
                "pass the NumPy function explicitly"
            )
        _OVERRIDES[target] = func
        return func

    return register


def _data(x: Any) -> Any:
    """``x`` with every tensor in it (also inside lists and tuples) replaced by its data."""
    if isinstance(x, (list, tuple)):
        return type(x)(_data(i) for i in x)
    return data_of(x)


def _constant(result: Any) -> Any:
    from .tensor import Tensor

    if isinstance(result, np.ndarray) and result.dtype.kind in "biuf":
        return Tensor._make(result, None, True)
    return result


def ufunc(uf: np.ufunc, method: str, inputs: tuple, kwargs: dict) -> Any:
    import mygrad_like as mg

    name = _UFUNC_ALIASES.get(uf.__name__, uf.__name__)
    out = kwargs.get("out")
    if method == "__call__" and isinstance(out, tuple) and len(out) == 1 and name in mg._numpy_api:
        # ``arr op= tensor`` / ``np.f(..., out=...)``: compute, then write into out (in place)
        from . import _inplace

        result = ufunc(uf, method, inputs, {k: v for k, v in kwargs.items() if k != "out"})
        written = _inplace.write_out(out[0], result, uf.__name__)
        return out[0] if isinstance(out[0], np.ndarray) else written
    if method != "__call__" or out is not None:
        raise TypeError(
            f"numpy.{uf.__name__}.{method}"
            + (" with out=" if method == "__call__" else "")
            + " is not supported on mygrad_like tensors"
        )
    if name in _CONSTANT_ONLY:
        if any(getattr(i, "constant", True) is False for i in inputs):
            raise TypeError(
                f"numpy.{uf.__name__} is not differentiable in mygrad_like; use mg.mod "
                "(NumPy's remainder) or make the operands constants"
            )
        return _constant(uf(*(data_of(i) for i in inputs), **kwargs))
    if name in _UFUNC_INSPECTORS:
        return _constant(uf(*(_data(i) for i in inputs), **kwargs))
    if name in mg._numpy_api:
        kwargs.pop("out", None)
        return _call(getattr(mg, name), uf.__name__, inputs, kwargs)
    raise TypeError(f"numpy.{uf.__name__} has no differentiable mygrad_like counterpart")


def function(func: Any, args: tuple, kwargs: dict) -> Any:
    import mygrad_like as mg

    override = _OVERRIDES.get(func)
    if override is not None:
        return _call(override, func.__name__, args, kwargs)

    name = _FUNCTION_ALIASES.get(func.__name__, func.__name__)
    if name in _INSPECTORS:
        return func(*_data(args), **{k: _data(v) for k, v in kwargs.items()})
    if name in mg._numpy_api:
        return _call(getattr(mg, name), func.__name__, args, kwargs)
    raise TypeError(f"numpy.{func.__name__} has no differentiable mygrad_like counterpart")


def _call(fn: Any, numpy_name: str, args: tuple, kwargs: dict) -> Any:
    try:
        return fn(*args, **kwargs)
    except TypeError as e:
        if "keyword argument" in str(e):  # a NumPy keyword the library does not take
            raise TypeError(
                f"numpy.{numpy_name} on tensors does not support the keyword(s) {sorted(kwargs)}: {e}"
            ) from None
        raise
