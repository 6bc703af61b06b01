"""Gradient checking for the library's ops and for users' own: ``gradcheck``, ``gradgradcheck``
and hypothesis strategies for tensors.

The checker compares the analytic gradient (a backward pass) with central finite
differences, in float64 by default, and when they disagree says which input, which
element of it, which output element, and both values.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._validation import as_dtype
from .tensor import Tensor, grad

__all__ = ["gradcheck", "gradgradcheck", "GradcheckError", "tensors", "array_shapes"]


class GradcheckError(AssertionError):
    """A gradient check found a mismatch (an ``AssertionError``, so test runners report it)."""


_DEFAULT_TOL = {  # (atol, rtol) by the dtype the check runs in
    np.dtype(np.float64): (1e-5, 1e-4),
    np.dtype(np.float32): (2e-2, 2e-2),
    np.dtype(np.float16): (2e-1, 2e-1),
}


def _outputs(result: Any, name: str) -> list:
    outs = list(result) if isinstance(result, (tuple, list)) else [result]
    for i, o in enumerate(outs):
        if not isinstance(o, Tensor):
            raise TypeError(
                f"{name} must return a Tensor or a tuple of Tensors; output {i} is {type(o).__name__}"
            )
    return outs


def _prepare(inputs: Sequence[Any], dtype: np.dtype) -> tuple[list, list]:
    """Fresh float copies of the differentiable inputs (``dtype``); others pass through."""
    prepared, wrt = [], []
    for x in inputs:
        if isinstance(x, Tensor):
            if x.constant:
                prepared.append(x)
                continue
            data = x.data
        else:
            data = np.asarray(x)
            if data.dtype.kind != "f":
                prepared.append(x)
                continue
        t = Tensor(data.astype(dtype), constant=False)
        prepared.append(t)
        wrt.append(len(prepared) - 1)
    return prepared, wrt


def _analytic_vjp(f: Callable, args: list, wrt: list, seeds: list, create_graph: bool) -> list:
    outs = _outputs(f(*args), "f")
    live = [(o, s) for o, s in zip(outs, seeds) if not o.constant]
    if not live:
        return [np.zeros(args[i].shape) for i in wrt]
    gs = grad(
        [o for o, _ in live],
        [args[i] for i in wrt],
        [s for _, s in live],
        allow_unused=True,
        create_graph=create_graph,
    )
    return [np.zeros(args[i].shape) if g is None else g.data for g, i in zip(gs, wrt)]


def _evaluate(f: Callable, args: list) -> list:
    # autodiff stays on: f may itself take gradients (gradgradcheck's first derivative)
    return [o.data.astype(np.float64) for o in _outputs(f(*args), "f")]


def gradcheck(
    f: Callable[..., Any],
    *inputs: Any,
    eps: float | None = None,
    atol: float | None = None,
    rtol: float | None = None,
    fast: bool = False,
    dtype: Any = np.float64,
    seed: int = 0,
    check_linearity: bool = True,
    raise_exception: bool = True,
) -> bool:
    """Compare ``f``'s analytic gradients with central finite differences.

    Parameters
    ----------
    f : callable
        Takes the inputs, returns a Tensor or a tuple of Tensors.
    *inputs : array_like
        Float tensors/arrays are differentiated (as fresh ``dtype`` copies; constant
        tensors and integer arrays are passed through unchanged).
    eps : float, optional
        The finite-difference step; default ``finfo(dtype).eps ** (1/3)``
        (6e-6 in float64).
    atol, rtol : float, optional
        Tolerances; defaults depend on ``dtype`` (1e-5 / 1e-4 in float64).
    fast : bool, default False
        ``False``: the whole Jacobian, element by element. ``True``: one random
        projection ``v^T J u`` per input (cheap, for large inputs).
    dtype : data-type, default float64
        The precision of the check. Lower precisions warn: their finite differences are
        too coarse to catch small errors.
    seed : int, default 0
        Seeds the random projections and seeds.
    check_linearity : bool, default True
        Also check that the backward pass is linear in its seed.
    raise_exception : bool, default True
        Raise :class:`GradcheckError` on a mismatch (else return ``False``).

    Returns
    -------
    bool
        ``True`` when the gradients agree.

    See Also
    --------
    gradgradcheck : The same check for second derivatives.
    mygrad_like.grad : The gradients that this checks, returned as tensors.
    mygrad_like.Tensor.backward : The backward pass that this checks. The guide
        :doc:`/guides/custom_operations` writes an operation and checks it.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.testing import gradcheck
    >>> gradcheck(lambda x, y: x * mg.sin(y), [1.0, 2.0], [0.5, -1.0])
    True
    """
    dtype = as_dtype(dtype, "f")
    if dtype != np.float64:
        warnings.warn(
            f"gradcheck in {dtype}: finite differences at this precision only catch gross errors",
            stacklevel=2,
        )
    eps = float(np.finfo(dtype).eps ** (1 / 3)) if eps is None else eps
    d_atol, d_rtol = _DEFAULT_TOL.get(dtype, (1e-5, 1e-4))
    atol = d_atol if atol is None else atol
    rtol = d_rtol if rtol is None else rtol
    rng = np.random.default_rng(seed)
    args, wrt = _prepare(inputs, dtype)
    if not wrt:
        raise ValueError("gradcheck needs at least one float input to differentiate")
    originals = [np.copy(args[i].data) for i in wrt]
    base = _evaluate(f, args)
    try:
        if fast:
            ok, msg = _check_projection(f, args, wrt, base, eps, atol, rtol, rng, dtype)
        else:
            ok, msg = _check_full(f, args, wrt, base, eps, atol, rtol, dtype)
        if ok and check_linearity:
            ok, msg = _check_linearity(f, args, wrt, base, atol, rtol, rng, dtype)
    finally:
        for i, orig in zip(wrt, originals):
            args[i].data[...] = orig
    if not ok and raise_exception:
        raise GradcheckError(msg)
    return ok


def _numeric_column(f: Callable, args: list, t: Tensor, flat_index: int, eps: float) -> list:
    flat = t.data.reshape(-1)
    orig = flat[flat_index]
    flat[flat_index] = orig + eps
    plus = _evaluate(f, args)
    flat[flat_index] = orig - eps
    minus = _evaluate(f, args)
    flat[flat_index] = orig
    return [(p - m) / (2 * eps) for p, m in zip(plus, minus)]


def _check_full(f, args, wrt, base, eps, atol, rtol, dtype) -> tuple[bool, str]:
    # numeric Jacobian, one input element at a time: numeric[k][o] has shape (size_k, *out_o.shape)
    numeric = []
    for i in wrt:
        t = args[i]
        cols = [_numeric_column(f, args, t, j, eps) for j in range(t.size)]
        numeric.append(
            [np.array([c[o] for c in cols]).reshape((t.size,) + base[o].shape) for o in range(len(base))]
        )
    # analytic Jacobian, one output element at a time
    for o, out in enumerate(base):
        for j in range(out.size):
            seeds = [np.zeros(b.shape, dtype) for b in base]
            seeds[o].reshape(-1)[j] = 1
            analytic = _analytic_vjp(f, args, wrt, seeds, False)
            for k, (i, a) in enumerate(zip(wrt, analytic)):
                n = numeric[k][o].reshape(args[i].size, out.size)[:, j]
                a = a.reshape(-1).astype(np.float64)
                bad = ~np.isclose(a, n, atol=atol, rtol=rtol, equal_nan=True)
                if bad.any():
                    e = int(np.argmax(np.abs(a - n) * bad))
                    where_in = np.unravel_index(e, args[i].shape)
                    where_out = np.unravel_index(j, out.shape)
                    return False, (
                        f"gradient check failed for input {i} (shape {args[i].shape}) at element "
                        f"{tuple(int(v) for v in where_in)}, output {o} element "
                        f"{tuple(int(v) for v in where_out)}: analytic {a[e]:.8g} vs numeric {n[e]:.8g} "
                        f"({int(bad.sum())} of {bad.size} entries of this Jacobian row differ; "
                        f"atol={atol}, rtol={rtol})"
                    )
    return True, ""


def _check_projection(f, args, wrt, base, eps, atol, rtol, rng, dtype) -> tuple[bool, str]:
    seeds = [rng.standard_normal(b.shape).astype(dtype) for b in base]
    analytic = _analytic_vjp(f, args, wrt, seeds, False)
    for k, i in enumerate(wrt):
        t = args[i]
        u = rng.standard_normal(t.shape).astype(dtype)
        orig = t.data.copy()
        t.data[...] = orig + eps * u
        plus = _evaluate(f, args)
        t.data[...] = orig - eps * u
        minus = _evaluate(f, args)
        t.data[...] = orig
        num = sum(float(np.sum((p - m) / (2 * eps) * s)) for p, m, s in zip(plus, minus, seeds))
        ana = float(np.sum(analytic[k] * u))
        if not np.isclose(ana, num, atol=atol * max(1, np.sqrt(t.size)), rtol=rtol):
            return False, (
                f"gradient check (fast mode) failed for input {i} (shape {t.shape}): the random "
                f"projection v^T J u is {ana:.8g} analytically vs {num:.8g} numerically; rerun with "
                "fast=False to find the element"
            )
    return True, ""


def _check_linearity(f, args, wrt, base, atol, rtol, rng, dtype) -> tuple[bool, str]:
    s1 = [rng.standard_normal(b.shape).astype(dtype) for b in base]
    s2 = [rng.standard_normal(b.shape).astype(dtype) for b in base]
    g1 = _analytic_vjp(f, args, wrt, s1, False)
    g2 = _analytic_vjp(f, args, wrt, s2, False)
    g12 = _analytic_vjp(f, args, wrt, [a + 2 * b for a, b in zip(s1, s2)], False)
    for i, a, b, c in zip(wrt, g1, g2, g12):
        if not np.allclose(a + 2 * b, c, atol=atol, rtol=rtol):
            e = int(np.argmax(np.abs(a + 2 * b - c)))
            where = tuple(int(v) for v in np.unravel_index(e, np.shape(c)))
            return False, (
                f"the backward pass is not linear in its seed for input {i}: at element {where}, "
                f"vjp(v1 + 2 v2) = {np.ravel(c)[e]:.8g} but vjp(v1) + 2 vjp(v2) = {np.ravel(a + 2 * b)[e]:.8g}"
            )
    return True, ""


def gradgradcheck(
    f: Callable[..., Any],
    *inputs: Any,
    grad_outputs: Any = None,
    seed: int = 0,
    **kwargs: Any,
) -> bool:
    """Check first and second derivatives of ``f``.

    First ``gradcheck(f, *inputs)``; then ``gradcheck`` on the function
    ``inputs -> VJP(f)(v)``, computed with ``mygrad_like.grad(..., create_graph=True)`` for
    a fixed random seed ``v`` (or ``grad_outputs``). So it checks that the gradient is right
    *and* correctly differentiable (a wrong but self-consistent gradient fails the first step).

    Parameters
    ----------
    f : callable
        As for :func:`gradcheck`.
    *inputs : array_like
        As for :func:`gradcheck`.
    grad_outputs : array_like or sequence, optional
        The seed(s) ``v``; random by default.
    seed : int, default 0
    **kwargs
        Passed on to :func:`gradcheck` (``eps``, ``atol``, ``rtol``, ``fast``, ...).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.testing import gradgradcheck
    >>> gradgradcheck(lambda x: mg.sin(x) * x, [0.3, 1.2])
    True
    """
    dtype = np.dtype(kwargs.get("dtype", np.float64))
    probe_args, wrt = _prepare(inputs, dtype)
    outs = _outputs(f(*probe_args), "f")
    rng = np.random.default_rng(seed + 1)
    if grad_outputs is None:
        seeds = [rng.standard_normal(o.shape).astype(dtype) for o in outs]
    else:
        seeds = list(grad_outputs) if isinstance(grad_outputs, (list, tuple)) else [grad_outputs]

    def first_derivative(*xs: Any) -> tuple:
        out = _outputs(f(*xs), "f")
        live = [(o, s) for o, s in zip(out, seeds) if not o.constant]
        targets = [xs[i] for i in wrt]
        gs = grad([o for o, _ in live], targets, [s for _, s in live], create_graph=True, allow_unused=True)
        return tuple(
            g if g is not None else Tensor(np.zeros(t.shape), constant=True) for g, t in zip(gs, targets)
        )

    if not gradcheck(f, *inputs, seed=seed, **kwargs):
        return False
    return gradcheck(first_derivative, *inputs, seed=seed, **kwargs)


# ---------------------------------------------------------------------- hypothesis strategies
def array_shapes(*, min_dims: int = 0, max_dims: int = 4, min_side: int = 1, max_side: int = 5) -> Any:
    """A hypothesis strategy for array shapes (needs the ``hypothesis`` package).

    Examples
    --------
    >>> from hypothesis import given
    >>> from mygrad_like.testing import array_shapes
    >>> @given(shape=array_shapes(min_dims=2, max_dims=2, max_side=3))
    ... def test_two_dims(shape):
    ...     assert len(shape) == 2 and max(shape) <= 3
    >>> test_two_dims()
    """
    from hypothesis.extra import numpy as hnp

    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def tensors(
    dtype: Any = np.float64,
    shape: Any = None,
    *,
    elements: Any = None,
    constant: bool | None = None,
    min_value: float = -10.0,
    max_value: float = 10.0,
) -> Any:
    """A hypothesis strategy for tensors (needs the ``hypothesis`` package).

    Parameters
    ----------
    dtype : data-type or strategy, default float64
    shape : tuple, int or strategy, optional
        Defaults to :func:`array_shapes`.
    elements : strategy, optional
        Defaults to finite floats in ``[min_value, max_value]`` (ints for integer dtypes).
    constant : bool, optional
        Passed to :class:`Tensor`.

    Examples
    --------
    >>> from hypothesis import given
    >>> from mygrad_like.testing import tensors
    >>> @given(x=tensors(shape=(2, 3)))
    ... def test_shape(x):
    ...     assert x.shape == (2, 3)
    >>> test_shape()
    """
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    if shape is None:
        shape = array_shapes()
    if elements is None:
        kind = np.dtype(dtype).kind if not isinstance(dtype, st.SearchStrategy) else "f"
        if kind == "f":
            width = 8 * np.dtype(dtype).itemsize if not isinstance(dtype, st.SearchStrategy) else 64
            elements = st.floats(
                min_value, max_value, allow_nan=False, allow_infinity=False, width=min(width, 64)
            )
        else:
            elements = st.integers(int(min_value), int(max_value))
    return hnp.arrays(dtype, shape, elements=elements).map(lambda a: Tensor(a, constant=constant))
