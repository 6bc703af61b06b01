"""The Tensor: an ndarray that remembers how it was made, and the op front ends.

:func:`apply` runs a library op (``Op`` subclass) on tensors, arrays or scalars and
records a graph node when any input is a variable; :func:`execute_op` does the
same for MyGrad-style user operations (:class:`Operation`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from . import _guard, engine
from .engine import Op, is_autodiff_enabled
from .errors import InvalidGradient

__all__ = [
    "Tensor",
    "tensor",
    "astensor",
    "asarray",
    "apply",
    "execute_op",
    "Operation",
    "grad",
]

_SCALARS = (int, float, bool, np.number, np.bool_)
_ACCEPTED_KINDS = "biuf"


def _check_numeric(arr: np.ndarray, name: str) -> np.ndarray:
    if arr.dtype.kind not in _ACCEPTED_KINDS:
        raise TypeError(
            f"{name} must hold real numbers (bool, int or float); got dtype {arr.dtype}"
            + (f" from {arr.flat[0]!r}..." if arr.size and arr.dtype.kind in "OUS" else "")
        )
    return arr


def _check_ndmin(ndmin: Any) -> None:
    if isinstance(ndmin, (bool, np.bool_)) or not isinstance(ndmin, (int, np.integer)) or ndmin < 0:
        raise (TypeError if not isinstance(ndmin, (int, np.integer)) else ValueError)(
            f"ndmin must be a non-negative int; got ndmin={ndmin!r}"
        )


def _as_input(x: Any, name: str = "input") -> Any:
    """A non-tensor op input: Python/NumPy scalars pass through (NumPy's weak-scalar
    promotion keeps float32 float32); anything else becomes a numeric ndarray."""
    if isinstance(x, _SCALARS):
        return x
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as e:  # ragged nested sequences, etc.
        raise TypeError(f"{name} could not be converted to a numeric array: {x!r} ({e})") from None
    return _check_numeric(arr, name)


class Tensor:
    """An N-dimensional array that records the operations applied to it.

    Parameters
    ----------
    data : array_like
        Real numbers (bool, int or float). Strings and objects are rejected.
    dtype : data-type, optional
        Defaults to the dtype NumPy infers for ``data``.
    constant : bool, optional
        A constant never receives a gradient. Integer and bool tensors are always
        constant; float tensors are variables unless ``constant=True``.
    copy : bool, default True
        Copy ``data``; with ``False`` the tensor may share memory with it.
    ndmin : int, default 0
        The minimum number of dimensions: size-1 dimensions are prepended as needed.

    Attributes
    ----------
    data : numpy.ndarray
        The values.
    grad : numpy.ndarray or None
        The gradient from the latest backward pass that reached this tensor.
    creator : Op or None
        The operation that produced this tensor (``None`` for leaves and constants).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.Tensor([1.0, 2.0, 3.0])
    >>> y = (x ** 2).sum()
    >>> y.backward()
    >>> x.grad
    array([2., 4., 6.])
    >>> mg.Tensor([1, 2]).constant
    True
    """

    __slots__ = ("data", "_grad", "creator", "constant", "_mem", "__weakref__")
    __array_priority__ = 15.0

    def __init__(
        self, data: Any, dtype: Any = None, constant: bool | None = None, copy: bool = True, *, ndmin: int = 0
    ) -> None:
        if isinstance(data, Tensor):
            data = data.data
        _check_ndmin(ndmin)
        try:
            arr = np.array(data, dtype=dtype, copy=True if copy else None, ndmin=ndmin)
        except (ValueError, TypeError) as e:
            raise TypeError(f"data could not be converted to a numeric array: {data!r} ({e})") from None
        _check_numeric(arr, "data")
        if constant is not None and not isinstance(constant, (bool, np.bool_)):
            raise TypeError(f"constant must be None, True or False; got {constant!r}")
        is_float = arr.dtype.kind == "f"
        if constant is False and not is_float:
            raise ValueError(f"constant=False needs a float dtype; a {arr.dtype} tensor is always constant")
        self.data = arr
        self._grad = None
        self._mem = None
        self.creator = None
        self.constant = (not is_float) if constant is None else (constant or not is_float)

    @classmethod
    def _make(cls, data: Any, creator: Op | None, constant: bool) -> Tensor:
        """Fast internal constructor: no validation, no copy."""
        t = object.__new__(cls)
        t.data = data if type(data) is np.ndarray else np.asarray(data)
        t._grad = None
        t._mem = None
        t.creator = creator
        t.constant = constant
        return t

    # ------------------------------------------------------------------ array attributes
    @property
    def shape(self) -> tuple:
        """The shape; setting it reshapes the tensor in place (never copying), as NumPy does."""
        return self.data.shape

    @shape.setter
    def shape(self, new_shape: Any) -> None:
        _inplace.set_shape(self, new_shape)

    @property
    def grad(self) -> np.ndarray | None:
        """d(loss)/d(self) from the latest backward pass that reached this tensor.

        A view's gradient is its base's gradient seen through the view (sharing
        memory with it), as a view's data is its base's data.
        """
        m = self._mem
        if m is None or m.base is None:
            return self._grad
        return _inplace.view_grad(self)

    @grad.setter
    def grad(self, value: Any) -> None:
        self._grad = value

    @property
    def base(self) -> Tensor | None:
        """The tensor owning the memory this tensor views (``None`` if it owns its memory).

        Examples
        --------
        >>> import mygrad_like as mg
        >>> x = mg.tensor([1.0, 2.0, 3.0])
        >>> x[1:].base is x, x[1:][::2].base is x, x.base is None
        (True, True, True)
        """
        m = self._mem
        return None if m is None else m.base

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def T(self) -> Tensor:
        return _shape.transpose(self)

    def item(self) -> Any:
        """The value of a size-1 tensor as a Python scalar."""
        if self.data.size != 1:
            raise ValueError(f"item() needs a tensor of size 1; this one has shape {self.shape}")
        return self.data.item()

    def __len__(self) -> int:
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return len(self.data)

    def __iter__(self) -> Iterator[Tensor]:
        if self.data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(len(self.data)))

    def __bool__(self) -> bool:
        return bool(self.data)

    def __float__(self) -> float:
        return float(self.data)

    def __int__(self) -> int:
        return int(self.data)

    def __index__(self) -> int:
        return self.data.__index__()

    def __repr__(self) -> str:
        text = np.array_repr(self.data)
        return "Tensor(" + text[6:].replace("\n", "\n ")

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        if dtype is not None and dtype != self.data.dtype:
            if copy is False:
                raise ValueError(f"a copy is needed to cast a {self.data.dtype} tensor to {dtype}")
            return self.data.astype(dtype)
        return self.data.copy() if copy else self.data

    def __copy__(self) -> Tensor:
        return self.copy()

    def copy(self, *, constant: bool | None = None) -> Tensor:
        """A new leaf tensor holding a copy of the data (no graph history)."""
        return Tensor(self.data, constant=self.constant if constant is None else constant)

    def __reduce__(self) -> tuple:
        return (Tensor, (self.data, None, self.constant))

    # ------------------------------------------------------------------ autodiff
    def backward(self, grad: Any = None, *, retain_graph: bool = False) -> None:
        """Backpropagate from this tensor, storing ``.grad`` on every variable in its graph.

        Parameters
        ----------
        grad : array_like, optional
            The seed: d(loss)/d(self), broadcastable to ``self.shape``. Defaults to ones
            (for a scalar, the gradient of the tensor itself).
        retain_graph : bool, default False
            Keep the graph so it can be backpropagated through again. By default the
            graph is freed: intermediate arrays are released, and a second pass through
            it raises an error.

        See Also
        --------
        mygrad_like.grad : Returns the gradients instead of storing them; higher order.
        mygrad_like.testing.gradcheck : Compares a backward pass with finite differences.

        Examples
        --------
        >>> import mygrad_like as mg
        >>> x = mg.tensor(3.0)
        >>> y = x * x
        >>> y.backward(retain_graph=True)
        >>> x.grad
        array(6.)
        >>> y.backward(grad=2.0)
        >>> x.grad
        array(12.)
        """
        if self.constant:  # nothing to differentiate, as in MyGrad
            return
        seed = _make_seed(grad, self, "grad")
        engine.backprop([self], [seed], tensor_type=Tensor, retain_graph=retain_graph)

    def clear_graph(self) -> None:
        """Free the graph that produced this tensor: every op in it lets go of its inputs
        and of the arrays it kept read-only for a backward pass. This tensor and the
        tensors it was made from become leaves of no graph.

        Examples
        --------
        >>> import mygrad_like as mg
        >>> x = mg.tensor([1.0, 2.0])
        >>> y = x * x
        >>> x.data.flags.writeable
        False
        >>> y.clear_graph()
        >>> x.data.flags.writeable, y.creator
        (True, None)
        """
        stack = [self]
        seen: set = set()
        while stack:
            t = stack.pop()
            op = t.creator
            if op is None or id(op) in seen:
                continue
            seen.add(id(op))
            inputs = op.inputs
            if inputs is not None and engine._writes[0]:
                inputs = engine._resolve_inputs(op, Tensor)
            engine.release_op(op)
            t.creator = None
            _inplace._mem_of(t).cleared = next(_clock)
            engine._writes[0] += 1
            if inputs is not None:
                stack.extend(a for a in inputs if isinstance(a, Tensor))

    def null_grad(self) -> Tensor:
        """Set ``.grad`` to ``None``; returns ``self``."""
        self.grad = None
        return self

    # ------------------------------------------------------------------ operators
    def __add__(self, other: Any) -> Tensor:
        return apply(_ar.Add, self, other)

    def __radd__(self, other: Any) -> Tensor:
        return apply(_ar.Add, other, self)

    def __sub__(self, other: Any) -> Tensor:
        return apply(_ar.Subtract, self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return apply(_ar.Subtract, other, self)

    def __mul__(self, other: Any) -> Tensor:
        return apply(_ar.Multiply, self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return apply(_ar.Multiply, other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return apply(_ar.Divide, self, other)

    def __rtruediv__(self, other: Any) -> Tensor:
        return apply(_ar.Divide, other, self)

    def __floordiv__(self, other: Any) -> Tensor:
        return _ar.floor_divide(self, other)

    def __rfloordiv__(self, other: Any) -> Tensor:
        return _ar.floor_divide(other, self)

    def __mod__(self, other: Any) -> Tensor:
        return _ar.mod(self, other)

    def __rmod__(self, other: Any) -> Tensor:
        return _ar.mod(other, self)

    def __pow__(self, other: Any) -> Tensor:
        return _ar.power(self, other)

    def __rpow__(self, other: Any) -> Tensor:
        return _ar.power(other, self)

    def __neg__(self) -> Tensor:
        return apply(_ar.Negative, self)

    def __pos__(self) -> Tensor:
        return _ar.positive(self)

    def __abs__(self) -> Tensor:
        return _ar.absolute(self)

    def __matmul__(self, other: Any) -> Tensor:
        return _linalg.matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return _linalg.matmul(other, self)

    def __lt__(self, other: Any) -> Tensor:
        return _ar.less(self, other)

    def __le__(self, other: Any) -> Tensor:
        return _ar.less_equal(self, other)

    def __gt__(self, other: Any) -> Tensor:
        return _ar.greater(self, other)

    def __ge__(self, other: Any) -> Tensor:
        return _ar.greater_equal(self, other)

    def __eq__(self, other: Any) -> Tensor:  # type: ignore[override]
        return _ar.equal(self, other)

    def __ne__(self, other: Any) -> Tensor:  # type: ignore[override]
        return _ar.not_equal(self, other)

    __hash__ = object.__hash__  # tensors are hashable by identity, like PyTorch's

    # in-place forms (_inplace.py): the tensor becomes a new node holding the result;
    # ops recorded earlier keep the values they saw, views of it see the new values
    def _inplace(self, ufunc: np.ufunc, op_method: str, other: Any) -> Tensor:
        return _inplace.augmented(self, ufunc, op_method, other)

    def __iadd__(self, other: Any) -> Tensor:
        return self._inplace(np.add, "__add__", other)

    def __isub__(self, other: Any) -> Tensor:
        return self._inplace(np.subtract, "__sub__", other)

    def __imul__(self, other: Any) -> Tensor:
        return self._inplace(np.multiply, "__mul__", other)

    def __itruediv__(self, other: Any) -> Tensor:
        return self._inplace(np.true_divide, "__truediv__", other)

    def __ifloordiv__(self, other: Any) -> Tensor:
        return self._inplace(np.floor_divide, "__floordiv__", other)

    def __imod__(self, other: Any) -> Tensor:
        return self._inplace(np.remainder, "__mod__", other)

    def __ipow__(self, other: Any) -> Tensor:
        return self._inplace(np.power, "__pow__", other)

    def __getitem__(self, index: Any) -> Tensor:
        return _indexing.getitem(self, index)

    def __setitem__(self, index: Any, value: Any) -> None:
        _inplace.setitem(self, index, value)

    # ------------------------------------------------------------------ NumPy protocols
    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        from . import _numpy_dispatch

        return _numpy_dispatch.ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        from . import _numpy_dispatch

        return _numpy_dispatch.function(func, args, kwargs)

    # ------------------------------------------------------------------ methods (NumPy names)
    def astype(
        self, dtype: Any, casting: str = "unsafe", copy: bool = True, *, constant: bool | None = None
    ) -> Tensor:
        """A copy cast to ``dtype``; differentiable between float dtypes.

        ``casting`` is NumPy's rule for the cast (a forbidden cast raises ``TypeError``);
        with ``copy=False`` the tensor itself is returned when it already has ``dtype``
        (and the requested ``constant``).

        Examples
        --------
        >>> import mygrad_like as mg
        >>> x = mg.tensor([1.5, 2.0])
        >>> x.astype("float32")
        Tensor([1.5, 2. ], dtype=float32)
        >>> x.astype("float64", copy=False) is x
        True
        """
        dt = np.dtype(dtype)
        if casting != "unsafe" and not np.can_cast(self.dtype, dt, casting=casting):
            raise TypeError(f"cannot cast from {self.dtype} to {dt} under the casting rule {casting!r}")
        if not copy and dt == self.dtype and constant in (None, self.constant):
            return self
        return _ar.astype(self, dt, constant=constant)

    def reshape(self, *shape: Any) -> Tensor:
        return _shape.reshape(self, shape[0] if len(shape) == 1 else shape)

    def transpose(self, *axes: Any) -> Tensor:
        if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        return _shape.transpose(self, axes if axes != () else None)

    def flatten(self, *, constant: bool | None = None) -> Tensor:
        return _shape.flatten(self, constant=constant)

    def ravel(self) -> Tensor:
        return _shape.ravel(self)

    def squeeze(self, axis: Any = None) -> Tensor:
        return _shape.squeeze(self, axis)

    def swapaxes(self, axis1: int, axis2: int) -> Tensor:
        return _shape.swapaxes(self, axis1, axis2)

    def moveaxis(self, source: Any, destination: Any) -> Tensor:
        return _shape.moveaxis(self, source, destination)

    def repeat(self, repeats: Any, axis: int | None = None) -> Tensor:
        return _joining.repeat(self, repeats, axis)

    def sum(self, axis: Any = None, keepdims: bool = False) -> Tensor:
        return _red.sum(self, axis=axis, keepdims=keepdims)

    def mean(self, axis: Any = None, keepdims: bool = False) -> Tensor:
        return _red.mean(self, axis=axis, keepdims=keepdims)

    def prod(self, axis: Any = None, keepdims: bool = False) -> Tensor:
        return _red.prod(self, axis=axis, keepdims=keepdims)

    def max(self, axis: Any = None, keepdims: bool = False) -> Tensor:
        return _red.max(self, axis=axis, keepdims=keepdims)

    def min(self, axis: Any = None, keepdims: bool = False) -> Tensor:
        return _red.min(self, axis=axis, keepdims=keepdims)

    def var(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return _red.var(self, axis=axis, ddof=ddof, keepdims=keepdims)

    def std(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return _red.std(self, axis=axis, ddof=ddof, keepdims=keepdims)

    def cumsum(self, axis: int | None = None) -> Tensor:
        return _red.cumsum(self, axis=axis)

    def cumprod(self, axis: int | None = None) -> Tensor:
        return _red.cumprod(self, axis=axis)

    def clip(self, a_min: Any = None, a_max: Any = None) -> Tensor:
        return _ar.clip(self, a_min, a_max)

    def dot(self, other: Any) -> Tensor:
        return _linalg.dot(self, other)

    def matmul(self, other: Any) -> Tensor:
        return _linalg.matmul(self, other)

    def argmax(self, axis: int | None = None) -> np.ndarray:
        return np.argmax(self.data, axis=axis)

    def argmin(self, axis: int | None = None) -> np.ndarray:
        return np.argmin(self.data, axis=axis)

    def any(self, axis: Any = None, keepdims: bool = False) -> np.ndarray:
        return np.any(self.data, axis=axis, keepdims=keepdims)

    def all(self, axis: Any = None, keepdims: bool = False) -> np.ndarray:
        return np.all(self.data, axis=axis, keepdims=keepdims)


# ---------------------------------------------------------------------- construction
def tensor(
    data: Any, dtype: Any = None, constant: bool | None = None, copy: bool = True, *, ndmin: int = 0
) -> Tensor:
    """Create a tensor (same as :class:`Tensor`, whose parameters it takes).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.tensor([[1, 2], [3, 4]], dtype="float32")
    Tensor([[1., 2.],
            [3., 4.]], dtype=float32)
    >>> mg.tensor(1.0, ndmin=2)
    Tensor([[1.]])
    """
    return Tensor(data, dtype=dtype, constant=constant, copy=copy, ndmin=ndmin)


def astensor(
    t: Any, dtype: Any = None, constant: bool | None = None, *, copy: bool | None = None, ndmin: int = 0
) -> Tensor:
    """``t`` itself if it already is a tensor of that dtype and constant-ness (with at least
    ``ndmin`` dimensions), else a new tensor sharing memory with ``t`` where possible.

    ``copy=True`` always copies (the result is a new leaf tensor); ``ndmin`` prepends
    size-1 dimensions (differentiably for a tensor).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0])
    >>> mg.astensor(x) is x
    True
    >>> mg.astensor([1.0, 2.0], constant=True)
    Tensor([1., 2.])
    >>> mg.astensor(x, ndmin=2)
    Tensor([[1., 2.]])
    """
    _check_ndmin(ndmin)
    if isinstance(t, Tensor) and copy:
        t = Tensor(t.data, dtype=dtype, constant=t.constant if constant is None else constant, ndmin=ndmin)
        return t
    if isinstance(t, Tensor) and t.ndim < ndmin:
        t = _shape.reshape(t, (1,) * (ndmin - t.ndim) + t.shape)
    if isinstance(t, Tensor):
        if (dtype is None or np.dtype(dtype) == t.dtype) and (constant is None or constant == t.constant):
            return t
        if dtype is not None and np.dtype(dtype) != t.dtype:
            return t.astype(dtype, constant=constant)
        return Tensor(t.data, constant=constant, copy=False)
    return Tensor(t, dtype=dtype, constant=constant, copy=bool(copy), ndmin=ndmin)


def asarray(a: Any, dtype: Any = None, order: str | None = None) -> np.ndarray:
    """The data of a tensor (or ``numpy.asarray`` of anything else).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> mg.asarray(mg.tensor([1.0, 2.0]))
    array([1., 2.])
    """
    if isinstance(a, Tensor):
        a = a.data
    return np.asarray(a, dtype=dtype, order=order)


def _make_seed(grad: Any, t: Tensor, name: str) -> np.ndarray:
    if grad is None:
        return np.ones(t.shape, dtype=t.dtype)
    g = _as_input(grad.data if isinstance(grad, Tensor) else grad, name)
    g = np.asarray(g, dtype=t.dtype)
    try:
        return np.array(np.broadcast_to(g, t.shape))  # always a fresh, writable array
    except ValueError:
        raise InvalidGradient(
            f"{name} of shape {g.shape} does not broadcast to the tensor's shape {t.shape}"
        ) from None


# ---------------------------------------------------------------------- op front ends
def apply(op_cls: type, *args: Any, constant: bool | None = None, **params: Any) -> Tensor:
    """Run a library op on tensors/arrays/scalars, recording a graph node if needed.

    ``args`` are the differentiable inputs (tensors or constants); ``params`` go to
    ``forward`` as keywords. The result is a variable when any input is a variable,
    autodiff is on, the output is float and ``constant`` is not ``True``.
    """
    if constant is not None and constant is not True and constant is not False:
        raise TypeError(f"constant must be None, True or False; got {constant!r}")
    datas = []
    track = False
    converted = False
    enabled = engine._state.enabled
    for a in args:
        if isinstance(a, Tensor):
            datas.append(a.data)
            if not a.constant:
                track = True
                if a._grad is not None and enabled:  # a new graph: the old gradient goes
                    a._grad = None
        elif isinstance(a, _SCALARS):
            datas.append(a)
        else:
            datas.append(_as_input(a))
            converted = True
    op = op_cls()
    out = op.forward(*datas, **params)
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    if out.dtype.kind != "f":
        return Tensor._make(out, None, True)
    if track and constant is not True and enabled:
        op.inputs = (
            tuple(a if isinstance(a, Tensor) else d for a, d in zip(args, datas)) if converted else args
        )
        op._epoch = next(_clock)
        if _guard_switch.active:
            op._held = _hold(datas, out)
        t = _new_object(Tensor)  # Tensor._make, inlined: this is every recorded op's path
        t.data = out
        t._grad = None
        t._mem = None
        t.creator = op
        t.constant = False
        return t
    return Tensor._make(out, None, constant is not False)


class Operation(Op):
    """Base class for user-defined operations, compatible with MyGrad's.

    Implement ``__call__(self, *tensors, **kwargs) -> ndarray`` (store the inputs in
    ``self.variables``; read their values with ``.data``) and
    ``backward_var(self, grad, index, **kwargs)`` returning d(loss)/d(input ``index``)
    given ``grad`` = d(loss)/d(output). Returned gradients may have the output's shape:
    the engine sums them down to the input's shape. Run it with :func:`execute_op`.

    For higher-order gradients (``mg.grad(..., create_graph=True)``), write
    ``backward_var`` with operators and ``mygrad_like`` functions on ``grad`` and
    ``self.variables`` (not on ``.data``): in such a pass they are tensors, and an
    ndarray result raises an error rather than silently cutting the graph.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> class Cube(mg.Operation):
    ...     def __call__(self, x):
    ...         self.variables = (x,)
    ...         return x.data ** 3
    ...     def backward_var(self, grad, index, **kwargs):
    ...         (x,) = self.variables
    ...         return grad * 3 * x.data ** 2
    >>> x = mg.tensor([1.0, 2.0])
    >>> y = mg.execute_op(Cube, x)
    >>> y.backward()
    >>> x.grad
    array([ 3., 12.])
    """

    variables: tuple = ()

    def backward(self, g: Any, out: Any, inputs: tuple, needs: tuple, xp: Any) -> list:
        graph = xp is not np
        saved = self.variables
        if graph:  # hand the user tensors for a differentiable pass
            self.variables = tuple(inputs)
        try:
            grads = []
            for i, need in enumerate(needs):
                if not need:
                    grads.append(None)
                    continue
                gi = self.backward_var(g, i)
                if not isinstance(gi, (Tensor, np.ndarray, np.number, int, float)) or isinstance(gi, bool):
                    raise InvalidGradient(
                        f"{type(self).__name__}.backward_var(<gradient>, index={i}) must return a "
                        f"real-valued scalar, an ndarray or a Tensor; got {type(gi).__name__}"
                    )
                if isinstance(gi, Tensor):
                    gi = gi if graph else gi.data
                elif graph:
                    raise TypeError(
                        f"{type(self).__name__}.backward_var returned an ndarray during a "
                        "create_graph=True pass; write it with mygrad_like functions on "
                        "`grad` and `self.variables` so that it can be differentiated"
                    )
                grads.append(gi)
            return grads
        finally:
            self.variables = saved

    def backward_var(self, grad: Any, index: int, **kwargs: Any) -> Any:  # pragma: no cover
        raise NotImplementedError


def execute_op(
    op_type: type,
    *input_vars: Any,
    op_args: Sequence[Any] | None = None,
    op_kwargs: dict | None = None,
    constant: bool | None = None,
) -> Tensor:
    """Run a user operation (an :class:`Operation` subclass) and record it in the graph.

    Parameters
    ----------
    op_type : type
        The ``Operation`` subclass.
    *input_vars : array_like
        The tensor inputs; non-tensors become constant tensors.
    op_args, op_kwargs
        Extra positional and keyword arguments for ``op_type.__call__``.
    constant : bool, optional
        Force the result to be a constant.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> class Double(mg.Operation):
    ...     def __call__(self, x):
    ...         self.variables = (x,)
    ...         return 2 * x.data
    ...     def backward_var(self, grad, index, **kwargs):
    ...         return 2 * grad
    >>> mg.execute_op(Double, mg.tensor([1.0, 2.0]))
    Tensor([2., 4.])
    """
    if not (isinstance(op_type, type) and issubclass(op_type, Operation)):
        raise TypeError(f"op_type must be a subclass of mygrad_like.Operation; got {op_type!r}")
    tensors = tuple(
        a if isinstance(a, Tensor) else Tensor(_as_input(a, "input_vars"), constant=True, copy=False)
        for a in input_vars
    )
    if engine._state.enabled:  # a new graph: the inputs' old gradients go, as in apply()
        for t in tensors:
            if not t.constant:
                t._grad = None
    op = op_type()
    out = op(*tensors, *(op_args or ()), **(op_kwargs or {}))
    if isinstance(out, Tensor):
        out = out.data
    out = np.asarray(out)
    _check_numeric(out, f"{op_type.__name__}.__call__'s result")
    track = any(not t.constant for t in tensors)
    if out.dtype.kind == "f" and track and constant is not True and is_autodiff_enabled():
        op.inputs = tensors
        if not op.variables:
            op.variables = tensors
        op._epoch = next(_clock)
        if _guard_switch.active:
            op._held = _hold([t.data for t in tensors], out)
        return Tensor._make(out, op, False)
    return Tensor._make(out, None, out.dtype.kind != "f" or constant is not False)


# ---------------------------------------------------------------------- functional gradients
def _graph_seed(s: Any, o: Tensor) -> Tensor:
    """A ``grad_outputs`` entry for a ``create_graph`` pass: a variable tensor is kept in the
    graph (broadcast and cast by graph ops), anything else becomes a constant."""
    if not isinstance(s, Tensor) or s.constant:
        return Tensor._make(_make_seed(s, o, "grad_outputs"), None, True)
    _make_seed(s, o, "grad_outputs")  # the shape check and its message
    if s.dtype != o.dtype:
        s = s.astype(o.dtype)
    return s if s.shape == o.shape else _shape.broadcast_to(s, o.shape)


def _as_tensor_list(x: Any, name: str) -> list:
    items = [x] if isinstance(x, Tensor) else list(x) if isinstance(x, (list, tuple)) else None
    if items is None or not all(isinstance(t, Tensor) for t in items) or not items:
        raise TypeError(f"{name} must be a Tensor or a non-empty sequence of Tensors; got {x!r}")
    return items


def grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    *,
    create_graph: bool = False,
    retain_graph: bool | None = None,
    allow_unused: bool = False,
) -> tuple:
    """Gradients of ``outputs`` with respect to ``inputs``, returned (not stored in ``.grad``).

    Parameters
    ----------
    outputs : Tensor or sequence of Tensor
        What to differentiate; with several, their gradients add up.
    inputs : Tensor or sequence of Tensor
        What to differentiate with respect to.
    grad_outputs : array_like or sequence, optional
        The seed d(loss)/d(output), broadcastable to the output's shape (default: ones);
        a sequence of seeds when ``outputs`` is a sequence. With ``create_graph=True`` a
        seed that is a variable tensor stays in the graph, so the result can be
        differentiated with respect to it (the result is linear in the seed).
    create_graph : bool, default False
        Record the gradient computation so that the returned tensors can be
        differentiated again (Hessian-vector products, gradient penalties).
    retain_graph : bool, optional
        Keep the graph of ``outputs`` after this call; defaults to ``create_graph``.
    allow_unused : bool, default False
        Return ``None`` for an input the outputs do not depend on, instead of raising.

    Returns
    -------
    tuple of Tensor
        One gradient per input, shaped like it.

    See Also
    --------
    Tensor.backward : Stores the gradients in ``.grad`` instead.
    mygrad_like.testing.gradcheck : Compares a backward pass with finite differences.
    mygrad_like.testing.gradgradcheck : The same for second derivatives.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> x = mg.tensor(2.0)
    >>> y = x ** 3
    >>> (dy,) = mg.grad(y, x, create_graph=True)
    >>> dy
    Tensor(12.)
    >>> (d2y,) = mg.grad(dy, x)
    >>> d2y
    Tensor(12.)
    """
    outs = _as_tensor_list(outputs, "outputs")
    ins = _as_tensor_list(inputs, "inputs")
    if grad_outputs is None:
        seeds_in = [None] * len(outs)
    elif not isinstance(outputs, Tensor):  # a sequence of outputs: one seed each
        if not isinstance(grad_outputs, (list, tuple)):
            raise TypeError("grad_outputs must be a sequence (one seed per output) when outputs is")
        seeds_in = list(grad_outputs)
    else:
        seeds_in = [grad_outputs]
    if len(seeds_in) != len(outs):
        raise ValueError(f"grad_outputs has {len(seeds_in)} entries for {len(outs)} outputs")
    for i, t in enumerate(ins):
        if t.constant:
            raise ValueError(f"inputs[{i}] is a constant tensor; it has no gradient")
    if all(o.constant for o in outs):
        raise ValueError("every output is a constant tensor: there is no graph to differentiate")
    if retain_graph is None:
        retain_graph = create_graph
    if create_graph:  # a seed that is a variable stays in the graph: d(result)/d(seed) exists
        seeds = [_graph_seed(s, o) for s, o in zip(seeds_in, outs)]
    else:
        seeds = [_make_seed(s, o, "grad_outputs") for s, o in zip(seeds_in, outs)]
    import mygrad_like

    prev = engine._state.enabled
    engine._state.enabled = create_graph
    try:
        found = engine.backprop(
            outs,
            seeds,
            tensor_type=Tensor,
            targets=ins,
            create_graph=create_graph,
            retain_graph=retain_graph,
            xp_graph=mygrad_like,
        )
    finally:
        engine._state.enabled = prev
    result = []
    for i, t in enumerate(ins):
        g = found.get(id(t))
        if g is None:
            if not allow_unused:
                raise ValueError(
                    f"inputs[{i}] is not part of the graph of outputs (pass allow_unused=True "
                    "to get None for it)"
                )
            result.append(None)
        else:
            result.append(g if isinstance(g, Tensor) else Tensor._make(g, None, True))
    return tuple(result)


_clock = engine.clock
_guard_switch = _guard._switch
_hold = _guard.hold
_new_object = object.__new__

# The ops modules import this module; they are imported last so that Tensor's methods
# can reach them (the import graph stays engine <- tensor <- ops).
from . import _inplace  # noqa: E402
from .ops import arithmetic as _ar  # noqa: E402
from .ops import indexing as _indexing  # noqa: E402
from .ops import joining as _joining  # noqa: E402
from .ops import linalg as _linalg  # noqa: E402
from .ops import reductions as _red  # noqa: E402
from .ops import shape as _shape  # noqa: E402
