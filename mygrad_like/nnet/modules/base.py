"""Layers and models: the :class:`Module` base, the layers, and :class:`Sequential`.

A :class:`Module` finds its parameters in its attributes: a non-constant :class:`Tensor`
attribute is a parameter, a constant float tensor is a buffer (e.g. running statistics),
and a :class:`Module` (or a list/tuple of them) is a sub-module. Attributes whose name
starts with ``_`` are private and ignored. ``parameters()``, ``state_dict()``,
``save()``/``load()`` (``.npz``), ``train()``/``eval()`` and ``penalty()`` (the
regularisation terms of every layer) follow from that.

Shapes
------
Every layer knows its shape rule: ``layer.build(input_shape)`` takes a full input shape whose
batch axis may be ``None``, fills in what the layer left out (a ``Dense`` without
``in_features``, a ``Conv`` without ``in_channels``), creates the parameters, checks that the
shape fits and returns the output shape, before any data flows. :class:`Sequential` chains
these rules from an ``input_shape`` (per sample, without the batch axis), so a mismatch is
reported when the model is built, naming both layers, and :meth:`Sequential.summary` lists
every layer's output shape and parameter count. Without an input shape, a layer or model is
built on its first call.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.modules import Input, Conv, ReLU, MaxPool, Flatten, Dense
>>> model = Input((1, 8, 8)) >> Conv(16, 3, padding=1, rng=0) >> ReLU() >> MaxPool(2) >> Flatten() >> Dense(10, rng=0)
>>> model.summary()
#  layer                                    output shape      params
--------------------------------------------------------------------
0  Input                                    (?, 1, 8, 8)           0
1  Conv(1 -> 16, kernel (3, 3), padding=1)  (?, 16, 8, 8)        160
2  ReLU                                     (?, 16, 8, 8)          0
3  MaxPool(pool 2)                          (?, 16, 4, 4)          0
4  Flatten                                  (?, 256)               0
5  Dense(256 -> 10)                         (?, 10)            2,570
--------------------------------------------------------------------
total parameters: 2,730 (trainable 2,730)
>>> model(mg.zeros((5, 1, 8, 8), dtype="float32")).shape
(5, 10)
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ...engine import no_autodiff
from ...ops import arithmetic as _ar
from ...ops import joining as _joining
from ...ops import linalg as _linalg
from ...ops import reductions as _red
from ...ops import shape as _shape
from ...tensor import Tensor
from .. import _windows as W
from .. import activations as A
from .. import initializers as I
from ..conv import conv_nd, conv_transpose_nd
from ..normalization import batchnorm, dropout
from ..pooling import _pool_geometry, avg_pool, max_pool

__all__ = [
    "Module",
    "Sequential",
    "Input",
    "Dense",
    "Conv",
    "ConvTranspose",
    "MaxPool",
    "AvgPool",
    "BatchNorm",
    "Dropout",
    "Flatten",
    "Reshape",
    "Activation",
    "ReLU",
    "LeakyReLU",
    "ELU",
    "SELU",
    "GELU",
    "Sigmoid",
    "Tanh",
    "Softmax",
    "LogSoftmax",
    "Softplus",
    "SoftSign",
    "HardTanh",
    "GLU",
    "format_shape",
]

Shape = tuple


def format_shape(shape: Shape) -> str:
    """A shape with unknown (``None``) axes shown as ``?``.

    Examples
    --------
    >>> format_shape((None, 16, 8, 8))
    '(?, 16, 8, 8)'
    >>> format_shape((None, 10))
    '(?, 10)'
    """
    items = ["?" if n is None else str(n) for n in shape]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _positive_int(x: Any, name: str, allow_none: bool = False) -> int | None:
    if x is None and allow_none:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1:
        raise ValueError(f"{name} must be a positive int; got {name}={x!r}")
    return int(x)


def _nonneg(x: Any, name: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a non-negative number; got {name}={x!r}")
    if not (math.isfinite(x) and x >= 0):
        raise ValueError(f"{name} must be a finite non-negative number; got {name}={x!r}")
    return float(x)


def _initial_values(init: Any, shape: tuple, dtype: np.dtype, rng: Any, name: str) -> np.ndarray:
    """Values from an initializer (``init(*shape, dtype=, rng=)``) or a constant number."""
    if isinstance(init, (int, float, np.integer, np.floating)) and not isinstance(init, bool):
        return np.full(shape, init, dtype=dtype)
    if not callable(init):
        raise TypeError(f"{name} must be an initializer function or a number; got {name}={init!r}")
    values = init(*shape, dtype=dtype, rng=rng)
    arr = np.asarray(values.data if isinstance(values, Tensor) else values, dtype=dtype)
    if arr.shape != shape:
        raise ValueError(f"{name} returned an array of shape {arr.shape} for a parameter of shape {shape}")
    return arr


def _param(values: np.ndarray) -> Tensor:
    return Tensor(values, constant=False, copy=False)


def _concrete(shape: Shape, what: str) -> tuple:
    if any(n is None for n in shape[1:]):
        raise ValueError(f"{what} needs every axis but the batch axis to be known; got {format_shape(shape)}")
    return tuple(shape[1:])


# =========================================================================== Module
class Module:
    """Base class of layers and models.

    Subclasses implement ``forward`` and, to take part in shape inference, ``build``.
    Calling the module runs ``forward`` (building it from the input's shape first if it
    has not been built).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Module, Dense
    >>> class TwoLayer(Module):
    ...     def __init__(self):
    ...         self.hidden = Dense(3, 4, rng=0)
    ...         self.out = Dense(4, 2, rng=1)
    ...     def forward(self, x):
    ...         return self.out(mg.tanh(self.hidden(x)))
    >>> net = TwoLayer()
    >>> [name for name, _ in net.named_parameters()]
    ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']
    >>> net.num_parameters()
    26
    """

    training: bool = True

    # ------------------------------------------------------------------ running
    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must implement forward()")

    def __call__(self, x: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.built:
            self.build((None,) + tuple(np.shape(x.data if isinstance(x, Tensor) else x))[1:])
        return self.forward(x, *args, **kwargs)

    @property
    def built(self) -> bool:
        """Whether every parameter exists (layers that infer a size are not built until they know it)."""
        return all(m.built for _, m in self._children())

    def build(self, input_shape: Shape) -> Shape:
        """Infer the output shape for ``input_shape`` (batch axis may be ``None``), creating any
        parameters that depend on it. The default traces ``forward`` on a batch of one zero."""
        dims = _concrete(tuple(input_shape), type(self).__name__)
        with no_autodiff:
            out = self.forward(Tensor(np.zeros((1,) + dims, dtype=np.float32), constant=True))
        return (input_shape[0],) + tuple(out.shape[1:])

    def __rshift__(self, other: Module) -> Sequential:
        if not isinstance(other, Module):
            raise TypeError(f"only a Module can be joined with >>; got {other!r}")
        return Sequential(self, *(other.layers if isinstance(other, Sequential) else [other]))

    # ------------------------------------------------------------------ discovery
    def _members(self) -> Iterator[tuple[str, Any]]:
        for name, value in vars(self).items():
            if not name.startswith("_"):
                yield name, value

    def _children(self) -> Iterator[tuple[str, Module]]:
        for name, value in self._members():
            if isinstance(value, Module):
                yield name, value
            elif isinstance(value, (list, tuple)):
                for i, v in enumerate(value):
                    if isinstance(v, Module):
                        yield f"{name}.{i}", v

    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, Module]]:
        """``(name, module)`` for this module (name ``prefix``) and every sub-module."""
        yield prefix, self
        for name, child in self._children():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)

    def modules(self) -> list[Module]:
        return [m for _, m in self.named_modules()]

    def _walk_tensors(self, prefix: str) -> Iterator[tuple[str, Tensor]]:
        """Tensor attributes in attribute order, sub-modules expanded where they appear."""
        for name, value in self._members():
            full = prefix + name
            if isinstance(value, Tensor):
                yield full, value
            elif isinstance(value, Module):
                yield from value._walk_tensors(full + ".")
            elif isinstance(value, (list, tuple)):
                for i, v in enumerate(value):
                    if isinstance(v, Module):
                        yield from v._walk_tensors(f"{full}.{i}.")

    def _named_tensors(self, want_parameters: bool) -> Iterator[tuple[str, Tensor]]:
        seen: set = set()
        for name, t in self._walk_tensors(""):
            is_param = not t.constant
            is_buffer = t.constant and t.dtype.kind == "f"
            if id(t) not in seen and ((want_parameters and is_param) or (not want_parameters and is_buffer)):
                seen.add(id(t))
                yield name, t

    def named_parameters(self) -> Iterator[tuple[str, Tensor]]:
        """``(dotted name, tensor)`` for every parameter (non-constant tensor attribute), once each."""
        return self._named_tensors(True)

    def parameters(self) -> list[Tensor]:
        """The parameters, in a fixed order (attribute order, depth first)."""
        return [t for _, t in self.named_parameters()]

    def named_buffers(self) -> Iterator[tuple[str, Tensor]]:
        """``(dotted name, tensor)`` for every buffer (constant float tensor attribute)."""
        return self._named_tensors(False)

    def num_parameters(self) -> int:
        return sum(p.size for p in self.parameters())

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = None

    # ------------------------------------------------------------------ modes, penalty
    def train(self, mode: bool = True) -> Module:
        """Set training mode (``True``) or evaluation mode here and in every sub-module."""
        if not isinstance(mode, (bool, np.bool_)):
            raise TypeError(f"mode must be a bool; got mode={mode!r}")
        for m in self.modules():
            m.training = bool(mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode: dropout off, batch norm uses its running statistics."""
        return self.train(False)

    def _own_penalty(self) -> Tensor | None:
        return None

    def penalty(self) -> Tensor:
        """The sum of every layer's regularisation terms (a 0-d tensor; zero without any).

        Add it to the loss: ``loss = criterion(model(x), y) + model.penalty()``.
        """
        terms = [t for m in self.modules() if (t := m._own_penalty()) is not None]
        if not terms:
            params = self.parameters()
            return Tensor(np.zeros((), dtype=params[0].dtype if params else np.float32), constant=True)
        total = terms[0]
        for t in terms[1:]:
            total = total + t
        return total

    # ------------------------------------------------------------------ state
    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter and buffer, by dotted name."""
        if not self.built:
            raise ValueError(f"{type(self).__name__} is not built yet: give it an input shape or call it once")
        state = {name: t.data.copy() for name, t in self.named_parameters()}
        state.update((name, t.data.copy()) for name, t in self.named_buffers())
        return state

    def load_state_dict(self, state: dict, strict: bool = True) -> None:
        """Copy ``state`` (name -> array) into the parameters and buffers, in place.

        Raises ``ValueError`` listing missing and unexpected names (unless ``strict=False``)
        and every shape mismatch; nothing is changed when it raises.
        """
        if not self.built:
            raise ValueError(f"{type(self).__name__} is not built yet: give it an input shape or call it once")
        if not isinstance(state, dict):
            raise TypeError(f"state must be a dict of name -> array; got {type(state).__name__}")
        own = dict(self.named_parameters())
        own.update(self.named_buffers())
        missing = [k for k in own if k not in state]
        unexpected = [k for k in state if k not in own]
        problems = []
        if strict and missing:
            problems.append(f"missing {missing}")
        if strict and unexpected:
            problems.append(f"unexpected {unexpected}")
        for name, t in own.items():
            if name in state and np.shape(state[name]) != t.shape:
                problems.append(f"{name!r} has shape {np.shape(state[name])} in the state but {t.shape} in the model")
        if problems:
            raise ValueError(f"the state does not match this {type(self).__name__}: " + "; ".join(problems))
        for name, t in own.items():
            if name in state:
                t.data[...] = np.asarray(state[name], dtype=t.dtype)

    def save(self, path: Any) -> None:
        """Write the state (parameters and buffers) to an ``.npz`` file (``.npz`` is appended
        to a name without it, as ``numpy.savez`` does)."""
        np.savez(path, **self.state_dict())

    def load(self, path: Any) -> Module:
        """Read a state written by :meth:`save` into this (built) module; returns ``self``.

        Raises ``ValueError`` naming the file and every mismatch when the file holds a
        different model; the module is left unchanged then.
        """
        path = os.fspath(path)
        if not os.path.exists(path) and not path.endswith(".npz") and os.path.exists(path + ".npz"):
            path += ".npz"
        with np.load(path, allow_pickle=False) as f:
            state = {k: f[k] for k in f.files}
        try:
            self.load_state_dict(state)
        except ValueError as e:
            raise ValueError(f"{path}: {e}") from None
        return self

    # ------------------------------------------------------------------ display
    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"


class _Regularized(Module):
    """A layer with ``weight``/``bias`` parameters, L1/L2 penalties and initializers."""

    weight: Tensor | None
    bias: Tensor | None

    def _setup(self, bias: Any, weight_init: Any, bias_init: Any, regs: tuple, dtype: Any, rng: Any) -> None:
        if not isinstance(bias, (bool, np.bool_)):
            raise TypeError(f"bias must be a bool; got bias={bias!r}")
        self._use_bias = bool(bias)
        self._weight_init, self._bias_init = weight_init, bias_init
        names = ("weight_regularizer_l1", "weight_regularizer_l2", "bias_regularizer_l1", "bias_regularizer_l2")
        self._regs = tuple(_nonneg(r, n) for r, n in zip(regs, names))
        self._dtype = I._float_dtype(dtype)
        self._rng = I._generator(rng)
        self.weight = None
        self.bias = None

    @property
    def built(self) -> bool:
        return self.weight is not None

    def _create(self, weight_shape: tuple, n_bias: int, transpose: bool = False) -> None:
        w = _initial_values(self._weight_init, weight_shape, self._dtype, self._rng, "weight_init")
        self.weight = _param(np.ascontiguousarray(w.T) if transpose else w)
        if self._use_bias:
            self.bias = _param(_initial_values(self._bias_init, (n_bias,), self._dtype, self._rng, "bias_init"))

    def _own_penalty(self) -> Tensor | None:
        wl1, wl2, bl1, bl2 = self._regs
        terms = []
        for t, l1, l2 in ((self.weight, wl1, wl2), (self.bias, bl1, bl2)):
            if t is None:
                continue
            if l1:
                terms.append(_red.sum(_ar.absolute(t)) * l1)
            if l2:
                terms.append(_red.sum(t * t) * l2)
        if not terms:
            return None
        total = terms[0]
        for t in terms[1:]:
            total = total + t
        return total


# =========================================================================== Sequential
class SummaryTable(str):
    """The text of :meth:`Sequential.summary`; its ``repr`` is the text itself, so it shows
    as a table at the prompt."""

    def __repr__(self) -> str:
        return str(self)


class Sequential(Module):
    """Layers applied one after the other, with shape inference and a summary.

    Parameters
    ----------
    *layers : Module
        The layers (a leading :class:`Input` gives the input shape). ``a >> b`` builds the
        same thing.
    input_shape : tuple of int, optional
        The shape of one sample (without the batch axis). With it (or an ``Input``) the
        model is built at once: every output shape is inferred, missing input sizes are
        filled in, and a mismatch raises ``ValueError`` naming both layers.

    Examples
    --------
    >>> from mygrad_like.nnet.modules import Sequential, Dense, ReLU
    >>> model = Sequential(Dense(4, 8), ReLU(), Dense(3), input_shape=(4,))
    >>> model.output_shapes
    [(None, 8), (None, 8), (None, 3)]
    >>> Sequential(Dense(4, 8), Dense(5, 3), input_shape=(4,))
    Traceback (most recent call last):
    ...
    ValueError: layer 1 Dense(5 -> 3) cannot take the output of layer 0 Dense(4 -> 8), of shape (?, 8): Dense expects 5 input features on the last axis; got inputs of shape (?, 8)
    """

    def __init__(self, *layers: Module, input_shape: Any = None) -> None:
        if len(layers) == 1 and isinstance(layers[0], (list, tuple)):
            layers = tuple(layers[0])
        for i, layer in enumerate(layers):
            if not isinstance(layer, Module):
                raise TypeError(f"layer {i} must be a Module; got {layer!r}")
        self.layers = list(layers)
        self.input_shape: tuple | None = None
        self.output_shapes: list | None = None
        if input_shape is None and self.layers and isinstance(self.layers[0], Input):
            input_shape = self.layers[0].shape
        if input_shape is not None:
            if not isinstance(input_shape, (tuple, list)):
                raise TypeError(f"input_shape must be a tuple of ints (one sample's shape); got {input_shape!r}")
            for n in input_shape:
                _positive_int(n, "input_shape entries")
            self.build((None,) + tuple(int(n) for n in input_shape))

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        shapes = []
        source = "the input"
        for i, layer in enumerate(self.layers):
            try:
                out = layer.build(shape)
            except ValueError as e:
                raise ValueError(f"layer {i} {layer!r} cannot take {source}, of shape {format_shape(shape)}: {e}") from None
            shapes.append(tuple(out))
            shape = tuple(out)
            source = f"the output of layer {i} {layer!r}"
        self.input_shape = tuple(input_shape)
        self.output_shapes = shapes
        return shape

    @property
    def built(self) -> bool:
        return self.output_shapes is not None and all(layer.built for layer in self.layers)

    def forward(self, x: Any) -> Any:
        for layer in self.layers:
            x = layer(x)
        return x

    def __rshift__(self, other: Module) -> Sequential:
        if not isinstance(other, Module):
            raise TypeError(f"only a Module can be joined with >>; got {other!r}")
        more = other.layers if isinstance(other, Sequential) else [other]
        shape = self.input_shape[1:] if self.input_shape is not None else None
        return Sequential(*self.layers, *more, input_shape=shape)

    def __getitem__(self, i: int) -> Module:
        return self.layers[i]

    def __len__(self) -> int:
        return len(self.layers)

    def __iter__(self) -> Iterator[Module]:
        return iter(self.layers)

    def summary(self) -> SummaryTable:
        """A table: one row per layer with its output shape and parameter count, then the totals.

        The result is a ``str`` that shows as the table itself at the prompt; ``print`` it
        in a script.
        """
        if self.output_shapes is None:
            raise ValueError("the model has no input shape yet: pass input_shape=... (or an Input layer) or call it once")
        rows = []
        for i, (layer, shape) in enumerate(zip(self.layers, self.output_shapes)):
            name = repr(layer) if layer.extra_repr() else type(layer).__name__
            if len(name) > 40:
                name = name[:36] + "...)"
            rows.append((str(i), name, format_shape(shape), f"{layer.num_parameters():,}"))
        header = ("#", "layer", "output shape", "params")
        w = [max(len(r[k]) for r in rows + [header]) for k in range(4)]
        w[1], w[2] = max(w[1], 24), max(w[2], 14)

        def line(r: tuple) -> str:
            return f"{r[0]:<{w[0] + 2}}{r[1]:<{w[1] + 2}}{r[2]:<{w[2] + 1}}{r[3]:>{w[3] + 3}}"

        rule = "-" * len(line(header))
        total = self.num_parameters()
        trainable = sum(p.size for p in self.parameters())
        out = [line(header), rule, *map(line, rows), rule, f"total parameters: {total:,} (trainable {trainable:,})"]
        return SummaryTable("\n".join(out))

    def extra_repr(self) -> str:
        return ", ".join(map(repr, self.layers))

    def __repr__(self) -> str:
        inner = "".join(f"\n  ({i}) {layer!r}" for i, layer in enumerate(self.layers))
        return f"Sequential({inner}\n)"


class Input(Module):
    """Declares the shape of one sample (without the batch axis); starts a model built with ``>>``.

    Examples
    --------
    >>> from mygrad_like.nnet.modules import Input, Dense
    >>> (Input((3,)) >> Dense(2)).output_shapes
    [(None, 3), (None, 2)]
    """

    def __init__(self, shape: Any) -> None:
        shape = (shape,) if isinstance(shape, (int, np.integer)) else shape
        if not isinstance(shape, (tuple, list)):
            raise TypeError(f"shape must be a tuple of ints; got shape={shape!r}")
        self.shape = tuple(_positive_int(n, "shape entries") for n in shape)

    def build(self, input_shape: Shape) -> Shape:
        if tuple(input_shape[1:]) != self.shape:
            raise ValueError(f"Input expects samples of shape {self.shape}; got {format_shape(input_shape)}")
        return tuple(input_shape)

    def forward(self, x: Any) -> Any:
        return x

    def extra_repr(self) -> str:
        return ""


# =========================================================================== Dense
class Dense(_Regularized):
    """A fully connected layer: ``y = x @ weight + bias`` over the last axis.

    Parameters
    ----------
    in_features, out_features : int
        ``Dense(in_features, out_features)``, or ``Dense(out_features)`` to infer
        ``in_features`` from the input (at build time).
    bias : bool, default True
    weight_init : callable or float, default he_normal
        Called as ``weight_init(out_features, in_features, dtype=, rng=)`` (PyTorch's fan
        convention); the weight is stored transposed, shape ``(in_features, out_features)``.
    bias_init : callable or float, default 0
    weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2 : float
        Coefficients of the ``sum |w|`` and ``sum w**2`` terms this layer adds to
        :meth:`Module.penalty`.
    dtype : float dtype, default float32
    rng : numpy.random.Generator, RandomState or int, optional
        For the initializers (default: NumPy's global state).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Dense
    >>> layer = Dense(3, 2, weight_init=1.0, bias_init=0.5)
    >>> layer(mg.ones((4, 3))).shape
    (4, 2)
    >>> layer.weight.shape
    (3, 2)
    """

    def __init__(
        self,
        in_features: int | None,
        out_features: int | None = None,
        *,
        bias: bool = True,
        weight_init: Callable | float = I.he_normal,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        if out_features is None:
            in_features, out_features = None, in_features
        self.in_features = _positive_int(in_features, "in_features", allow_none=True)
        self.out_features = _positive_int(out_features, "out_features")
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        if self.in_features is not None:
            self._create((self.out_features, self.in_features), self.out_features, transpose=True)

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        if len(shape) < 2:
            raise ValueError(f"Dense needs inputs of shape (N, ..., in_features); got {format_shape(shape)}")
        n = shape[-1]
        if self.in_features is None:
            self.in_features = _positive_int(n, "the input's last axis")
            self._create((self.out_features, self.in_features), self.out_features, transpose=True)
        elif n != self.in_features:
            hint = ""
            if len(shape) > 2 and None not in shape[1:] and math.prod(shape[1:]) == self.in_features:
                hint = " (put a Flatten() before it)"
            raise ValueError(
                f"Dense expects {self.in_features} input features on the last axis; got inputs of shape "
                f"{format_shape(shape)}{hint}"
            )
        return shape[:-1] + (self.out_features,)

    def forward(self, x: Any) -> Tensor:
        y = _linalg.matmul(x, self.weight)
        return y + self.bias if self.bias is not None else y

    def extra_repr(self) -> str:
        inp = "?" if self.in_features is None else self.in_features
        return f"{inp} -> {self.out_features}" + ("" if self._use_bias else ", bias=False")


# =========================================================================== convolutions
def _split_channels(a: Any, b: Any, c: Any, names: tuple) -> tuple:
    """``(in, out, kernel)`` from the positional forms ``(in, out, kernel)`` and ``(out, kernel)``."""
    if c is None:
        if b is None:
            raise TypeError(f"{names[2]} is required: use ({names[0]}, {names[1]}, {names[2]}) or ({names[1]}, {names[2]})")
        return None, a, b
    if b is None:
        return None, a, c
    return a, b, c


class _ConvBase(_Regularized):
    _transposed = False

    def _setup_conv(self, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim) -> None:
        self.in_channels = _positive_int(in_channels, "in_channels", allow_none=True)
        self.out_channels = _positive_int(out_channels, "out_channels")
        if isinstance(kernel_size, (int, np.integer)) and not isinstance(kernel_size, bool):
            d = _positive_int(ndim, "ndim", allow_none=True)
        elif isinstance(kernel_size, (tuple, list)) and kernel_size:
            d = len(kernel_size)
            if ndim is not None and ndim != d:
                raise ValueError(f"ndim={ndim!r} does not match kernel_size={kernel_size!r}")
        else:
            raise TypeError(f"kernel_size must be an int or a non-empty tuple of ints; got kernel_size={kernel_size!r}")
        self.kernel_size = kernel_size
        self.stride, self.padding, self.dilation = stride, padding, dilation
        if isinstance(groups, bool) or not isinstance(groups, (int, np.integer)) or groups < 1:
            raise ValueError(f"groups must be a positive int; got groups={groups!r}")
        self.groups = int(groups)
        for name, n in (("in_channels", self.in_channels), ("out_channels", self.out_channels)):
            if n is not None and n % self.groups:
                raise ValueError(f"groups={self.groups} must divide {name}={n}")
        self._d = None
        if d is not None:
            self._set_rank(d)

    def _set_rank(self, d: int) -> None:
        """Canonicalise the geometry arguments for ``d`` spatial axes (raises on bad values)."""
        self._kernel = W.as_int_tuple(self.kernel_size, d, "kernel_size")
        self._stride = W.as_int_tuple(self.stride, d, "stride")
        self._dilation = W.as_int_tuple(self.dilation, d, "dilation")
        strings = ("valid",) if self._transposed else W.PADDING_STRINGS
        if not isinstance(self.padding, str):  # strings are resolved per input shape
            W.normalize_padding(self.padding, in_shape=(1,) * d, kernel=self._kernel, stride=self._stride,
                                dilation=self._dilation, strings=strings)
        elif self.padding.lower() not in strings:
            raise ValueError(f"padding must be an int, a tuple or one of {strings}; got padding={self.padding!r}")
        self._d = d
        if self.in_channels is not None:
            self._make_weight()

    def _make_weight(self) -> None:
        if self._transposed:
            shape = (self.in_channels, self.out_channels // self.groups) + self._kernel
        else:
            shape = (self.out_channels, self.in_channels // self.groups) + self._kernel
        self._create(shape, self.out_channels)

    def _check_input(self, input_shape: Shape) -> tuple:
        shape = tuple(input_shape)
        name = type(self).__name__
        if len(shape) < 3:
            raise ValueError(f"{name} needs inputs of shape (N, C, X0, ...) with at least one spatial axis; got {format_shape(shape)}")
        d = len(shape) - 2
        if self._d is None:
            self._set_rank(d)
        elif d != self._d:
            raise ValueError(
                f"{name} has {self._d} spatial axes (kernel {self._kernel}) so it expects inputs with "
                f"{self._d + 2} dimensions (N, C, X0, ...); got {format_shape(shape)}"
            )
        c = shape[1]
        if self.in_channels is None:
            self.in_channels = _positive_int(c, "the input's channel axis")
            if self.in_channels % self.groups:
                self.in_channels = None
                raise ValueError(f"groups={self.groups} must divide the input's {c} channels")
            self._make_weight()
        elif c != self.in_channels:
            raise ValueError(f"{name} expects {self.in_channels} input channels; got inputs of shape {format_shape(shape)}")
        return _concrete(shape, name)[1:]

    def _geometry_repr(self) -> str:
        kernel = self._kernel if self._d is not None else self.kernel_size
        parts = [f"kernel {kernel}"]
        for name, default in (("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1)):
            value = getattr(self, name)
            if value != default:
                parts.append(f"{name}={value!r}")
        return ", ".join(parts)


class Conv(_ConvBase):
    """N-dimensional convolution layer (on :func:`~mygrad_like.nnet.conv_nd`), any spatial rank.

    Parameters
    ----------
    in_channels, out_channels, kernel_size
        ``Conv(in_channels, out_channels, kernel_size)``, or ``Conv(out_channels, kernel_size)``
        to infer ``in_channels`` from the input. ``kernel_size`` is an int (the spatial rank
        then comes from the input, or from ``ndim``) or one int per spatial axis.
    stride, dilation : int or tuple, default 1
    padding : int, tuple, (lo, hi) pairs, "valid", "same" or "full", default 0
    groups : int, default 1
    bias : bool, default True
    padding_mode : {"zeros", "reflect", "replicate", "circular"}, default "zeros"
    conv_operation : {"cross-correlation", "convolution"}, default "cross-correlation"
        ``"convolution"`` flips the kernel along its spatial axes (a true convolution).
    weight_init : callable or float, default he_normal
        Called as ``weight_init(F, C // groups, *K, dtype=, rng=)``.
    bias_init : callable or float, default 0
    weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2 : float
        Coefficients of the penalty terms this layer adds to :meth:`Module.penalty`.
    ndim : int, optional
        The number of spatial axes, for an int ``kernel_size`` when the parameters are wanted
        before the first input.
    dtype : float dtype, default float32
    rng : numpy.random.Generator, RandomState or int, optional

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Conv
    >>> conv = Conv(3, 8, (3, 3), padding="same", rng=0)
    >>> conv.weight.shape, conv.bias.shape
    ((8, 3, 3, 3), (8,))
    >>> conv(mg.zeros((2, 3, 5, 5))).shape
    (2, 8, 5, 5)
    >>> Conv(4, 3, stride=2).build((None, 1, 9, 9, 9))  # 3-D, in_channels inferred
    (None, 4, 4, 4, 4)
    """

    def __init__(
        self,
        in_channels: int | None,
        out_channels: int | None = None,
        kernel_size: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
        bias: bool = True,
        padding_mode: str = "zeros",
        conv_operation: str = "cross-correlation",
        weight_init: Callable | float = I.he_normal,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        ndim: int | None = None,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        in_channels, out_channels, kernel_size = _split_channels(
            in_channels, out_channels, kernel_size, ("in_channels", "out_channels", "kernel_size")
        )
        if padding_mode not in W.PADDING_MODES:
            raise ValueError(f"padding_mode must be one of {W.PADDING_MODES}; got padding_mode={padding_mode!r}")
        if conv_operation not in ("cross-correlation", "convolution"):
            raise ValueError(
                f"conv_operation must be 'cross-correlation' or 'convolution'; got conv_operation={conv_operation!r}"
            )
        self.padding_mode, self.conv_operation = padding_mode, conv_operation
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        self._setup_conv(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim)

    def build(self, input_shape: Shape) -> Shape:
        spatial = self._check_input(input_shape)
        pairs = W.normalize_padding(self.padding, in_shape=spatial, kernel=self._kernel, stride=self._stride,
                                    dilation=self._dilation)
        if self.padding_mode == "reflect":
            for n, (lo, hi) in zip(spatial, pairs):
                if max(lo, hi) > n - 1:
                    raise ValueError(f"padding {pairs} is too wide for padding_mode='reflect' on inputs {format_shape(input_shape)}")
        grid = W.output_shape(spatial, self._kernel, self._stride, self._dilation, pairs, name="Conv")
        return (input_shape[0], self.out_channels) + grid

    def forward(self, x: Any) -> Tensor:
        w = self.weight
        if self.conv_operation == "convolution":
            w = _joining.flip(w, axis=tuple(range(2, w.ndim)))
        return conv_nd(x, w, stride=self._stride, padding=self.padding, dilation=self._dilation,
                       groups=self.groups, bias=self.bias, padding_mode=self.padding_mode)

    def extra_repr(self) -> str:
        inp = "?" if self.in_channels is None else self.in_channels
        extra = [self._geometry_repr()]
        if self.padding_mode != "zeros":
            extra.append(f"padding_mode={self.padding_mode!r}")
        if self.conv_operation != "cross-correlation":
            extra.append("convolution")
        if not self._use_bias:
            extra.append("bias=False")
        return f"{inp} -> {self.out_channels}, " + ", ".join(extra)


class ConvTranspose(_ConvBase):
    """N-dimensional transposed convolution layer (on :func:`~mygrad_like.nnet.conv_transpose_nd`).

    The adjoint of :class:`Conv` with the same geometry: it maps a conv's output shape back
    to its input shape (``output_padding`` picks among the sizes a strided conv merges).

    Parameters
    ----------
    in_channels, out_channels, kernel_size
        As for :class:`Conv` (``in_channels`` may be inferred).
    stride, dilation : int or tuple, default 1
    padding : int, tuple, (lo, hi) pairs or "valid", default 0
    output_padding : int or tuple, default 0
    groups : int, default 1
    bias : bool, default True
    weight_init, bias_init, weight_regularizer_l1, ..., ndim, dtype, rng
        As for :class:`Conv`; the weight has shape ``(C_in, C_out // groups, *K)``.

    Examples
    --------
    >>> from mygrad_like.nnet.modules import ConvTranspose
    >>> ConvTranspose(8, 4, 3, stride=2, padding=1, output_padding=1).build((None, 8, 4, 4))
    (None, 4, 8, 8)
    """

    _transposed = True

    def __init__(
        self,
        in_channels: int | None,
        out_channels: int | None = None,
        kernel_size: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        output_padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
        bias: bool = True,
        weight_init: Callable | float = I.he_normal,
        bias_init: Callable | float = 0.0,
        weight_regularizer_l1: float = 0.0,
        weight_regularizer_l2: float = 0.0,
        bias_regularizer_l1: float = 0.0,
        bias_regularizer_l2: float = 0.0,
        ndim: int | None = None,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        in_channels, out_channels, kernel_size = _split_channels(
            in_channels, out_channels, kernel_size, ("in_channels", "out_channels", "kernel_size")
        )
        self.output_padding = output_padding
        regs = (weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)
        self._setup(bias, weight_init, bias_init, regs, dtype, rng)
        self._setup_conv(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, ndim)

    def _set_rank(self, d: int) -> None:
        self._output_padding = W.as_int_tuple(self.output_padding, d, "output_padding", minimum=0)
        super()._set_rank(d)
        for op, s, dl in zip(self._output_padding, self._stride, self._dilation):
            if op >= max(s, dl):
                raise ValueError(
                    f"output_padding must be smaller than max(stride, dilation); got output_padding="
                    f"{self.output_padding!r}, stride={self.stride!r}, dilation={self.dilation!r}"
                )

    def build(self, input_shape: Shape) -> Shape:
        grid = self._check_input(input_shape)
        pairs = W.normalize_padding(self.padding, in_shape=grid, kernel=self._kernel, stride=self._stride,
                                    dilation=self._dilation, strings=("valid",))
        out = W.transposed_input_shape(grid, self._kernel, self._stride, self._dilation, pairs, self._output_padding)
        if any(n < 1 for n in out):
            raise ValueError(f"padding={self.padding!r} crops more than ConvTranspose produces (output {out})")
        return (input_shape[0], self.out_channels) + out

    def forward(self, x: Any) -> Tensor:
        return conv_transpose_nd(x, self.weight, stride=self._stride, padding=self.padding,
                                 output_padding=self._output_padding, dilation=self._dilation,
                                 groups=self.groups, bias=self.bias)

    def extra_repr(self) -> str:
        inp = "?" if self.in_channels is None else self.in_channels
        extra = self._geometry_repr()
        if self.output_padding != 0:
            extra += f", output_padding={self.output_padding!r}"
        return f"{inp} -> {self.out_channels}, {extra}" + ("" if self._use_bias else ", bias=False")


# =========================================================================== pooling
class _Pool(Module):
    def __init__(self, pool: Any, stride: Any, padding: Any, dilation: Any) -> None:
        if isinstance(pool, (int, np.integer)) and not isinstance(pool, bool):
            _positive_int(pool, "pool")
        elif not (isinstance(pool, (tuple, list)) and pool):
            raise TypeError(f"pool must be an int or a non-empty tuple of ints; got pool={pool!r}")
        self.pool, self.stride, self.padding, self.dilation = pool, stride, padding, dilation

    def _window(self, ndim: int) -> tuple:
        if isinstance(self.pool, (tuple, list)):
            return tuple(self.pool)
        return (self.pool,) * max(ndim - 2, 1)

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        window = self._window(len(shape))
        if len(shape) < len(window) + 1:
            raise ValueError(f"{type(self).__name__} pools the last {len(window)} axes; got inputs of shape {format_shape(shape)}")
        dims = _concrete(shape, type(self).__name__)
        probe = np.broadcast_to(np.int8(0), (1,) + dims)  # shape only, no memory
        geom = _pool_geometry(probe, window, self.stride, self.padding, self.dilation)
        return shape[: len(shape) - len(window)] + geom.out_shape

    def extra_repr(self) -> str:
        parts = [f"pool {self.pool}"]
        for name, default in (("stride", None), ("padding", 0), ("dilation", 1)):
            if getattr(self, name) != default:
                parts.append(f"{name}={getattr(self, name)!r}")
        return ", ".join(parts)


class MaxPool(_Pool):
    """Max pooling over the spatial axes (on :func:`~mygrad_like.nnet.max_pool`).

    Parameters
    ----------
    pool : int or tuple of int
        The window; an int is used along every spatial axis of an ``(N, C, *X)`` input.
    stride : int or tuple, optional
        Defaults to ``pool``.
    padding : int, tuple or str, default 0
    dilation : int or tuple, default 1

    Examples
    --------
    >>> from mygrad_like.nnet.modules import MaxPool
    >>> MaxPool(2).build((None, 16, 8, 8))
    (None, 16, 4, 4)
    """

    def __init__(self, pool: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1) -> None:
        super().__init__(pool, stride, padding, dilation)

    def forward(self, x: Any) -> Tensor:
        return max_pool(x, self._window(np.ndim(x.data if isinstance(x, Tensor) else x)), self.stride,
                        self.padding, self.dilation)


class AvgPool(_Pool):
    """Average pooling over the spatial axes (on :func:`~mygrad_like.nnet.avg_pool`).

    Parameters
    ----------
    pool : int or tuple of int
    stride : int or tuple, optional
        Defaults to ``pool``.
    padding : int, tuple or str, default 0
    count_include_pad : bool, default True
    dilation : int or tuple, default 1

    Examples
    --------
    >>> from mygrad_like.nnet.modules import AvgPool
    >>> AvgPool((2, 3), stride=1).build((None, 3, 5, 5))
    (None, 3, 4, 3)
    """

    def __init__(
        self, pool: Any, stride: Any = None, padding: Any = 0, count_include_pad: bool = True, dilation: Any = 1
    ) -> None:
        super().__init__(pool, stride, padding, dilation)
        if not isinstance(count_include_pad, (bool, np.bool_)):
            raise TypeError(f"count_include_pad must be a bool; got {count_include_pad!r}")
        self.count_include_pad = bool(count_include_pad)

    def forward(self, x: Any) -> Tensor:
        return avg_pool(x, self._window(np.ndim(x.data if isinstance(x, Tensor) else x)), self.stride,
                        self.padding, self.count_include_pad, dilation=self.dilation)


# =========================================================================== normalisation
class BatchNorm(Module):
    """Batch normalisation over axis 1, with learnable ``gamma``/``beta`` and running statistics.

    In training mode it normalises with the batch's statistics (see
    :func:`~mygrad_like.nnet.batchnorm`) and updates ``running_mean``/``running_var``
    (``running = (1 - momentum) * running + momentum * batch``, the unbiased variance); in
    evaluation mode it normalises with the running statistics.

    Parameters
    ----------
    num_features : int, optional
        The number of channels C (inferred from the input when omitted).
    eps : float, default 1e-5
    momentum : float, default 0.1
    affine : bool, default True
        Learn ``gamma`` (ones) and ``beta`` (zeros).
    track_running_stats : bool, default True
        Without it, evaluation mode also uses batch statistics.
    dtype : float dtype, default float32

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import BatchNorm
    >>> bn = BatchNorm(2, eps=0)
    >>> y = bn(mg.tensor([[1.0, 10.0], [3.0, 30.0]]))
    >>> y
    Tensor([[-1., -1.],
            [ 1.,  1.]])
    >>> bn.running_mean
    Tensor([0.2, 2. ], dtype=float32)
    """

    def __init__(
        self,
        num_features: int | None = None,
        *,
        eps: float = 1e-5,
        momentum: float = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        dtype: Any = np.float32,
    ) -> None:
        self.num_features = _positive_int(num_features, "num_features", allow_none=True)
        self.eps = _nonneg(eps, "eps")
        self.momentum = _nonneg(momentum, "momentum")
        if self.momentum > 1:
            raise ValueError(f"momentum must lie in [0, 1]; got momentum={momentum!r}")
        for name, flag in (("affine", affine), ("track_running_stats", track_running_stats)):
            if not isinstance(flag, (bool, np.bool_)):
                raise TypeError(f"{name} must be a bool; got {name}={flag!r}")
        self.affine, self.track_running_stats = bool(affine), bool(track_running_stats)
        self._dtype = I._float_dtype(dtype)
        self.gamma = self.beta = self.running_mean = self.running_var = None
        if self.num_features is not None:
            self._create()

    def _create(self) -> None:
        c, dt = self.num_features, self._dtype
        if self.affine:
            self.gamma = _param(np.ones(c, dt))
            self.beta = _param(np.zeros(c, dt))
        if self.track_running_stats:
            self.running_mean = Tensor(np.zeros(c, dt), constant=True)
            self.running_var = Tensor(np.ones(c, dt), constant=True)

    @property
    def built(self) -> bool:
        return self.num_features is not None

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        if len(shape) < 2:
            raise ValueError(f"BatchNorm needs inputs of shape (N, C, ...); got {format_shape(shape)}")
        if self.num_features is None:
            self.num_features = _positive_int(shape[1], "the input's channel axis")
            self._create()
        elif shape[1] != self.num_features:
            raise ValueError(f"BatchNorm expects {self.num_features} channels on axis 1; got inputs of shape {format_shape(shape)}")
        return shape

    def forward(self, x: Any) -> Tensor:
        data = x.data if isinstance(x, Tensor) else np.asarray(x)
        if self.training or not self.track_running_stats:
            y = batchnorm(x, gamma=self.gamma, beta=self.beta, eps=self.eps)
            if self.training and self.track_running_stats:
                axes = (0,) + tuple(range(2, data.ndim))
                n = data.size // data.shape[1]
                m = self.momentum
                mean = data.mean(axis=axes)
                var = data.var(axis=axes) * (n / max(n - 1, 1))
                self.running_mean.data[...] = (1 - m) * self.running_mean.data + m * mean
                self.running_var.data[...] = (1 - m) * self.running_var.data + m * var
            return y
        shape = (1, self.num_features) + (1,) * (data.ndim - 2)
        scale = (1 / np.sqrt(self.running_var.data + self.eps)).reshape(shape)
        y = _ar.multiply(_ar.subtract(x, self.running_mean.data.reshape(shape)), scale)
        if self.affine:
            y = y * self.gamma.reshape(shape) + self.beta.reshape(shape)
        return y

    def extra_repr(self) -> str:
        return "?" if self.num_features is None else str(self.num_features)


class Dropout(Module):
    """Dropout (inverted): active in training mode, the identity in evaluation mode.

    Parameters
    ----------
    p : float, default 0.5
        The drop probability.
    rng : numpy.random.Generator, RandomState or int, optional
        Where the masks are drawn from (default: NumPy's global state).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Dropout
    >>> layer = Dropout(0.5, rng=0)
    >>> sorted(set(layer(mg.ones(10)).data.tolist()))
    [0.0, 2.0]
    >>> layer.eval()(mg.ones(3, dtype="float64"))
    Tensor([1., 1., 1.])
    """

    def __init__(self, p: float = 0.5, *, rng: Any = None) -> None:
        if isinstance(p, bool) or not isinstance(p, (int, float, np.integer, np.floating)) or not 0 <= p <= 1:
            raise ValueError(f"p must be a probability in [0, 1]; got p={p!r}")
        self.p = float(p)
        self._rng = I._generator(rng)

    def build(self, input_shape: Shape) -> Shape:
        return tuple(input_shape)

    def forward(self, x: Any) -> Tensor:
        return dropout(x, self.p, training=self.training, rng=self._rng)

    def extra_repr(self) -> str:
        return f"p={self.p}"


# =========================================================================== reshaping
class Flatten(Module):
    """Flatten every axis but the batch axis: ``(N, ...) -> (N, prod(...))``.

    Examples
    --------
    >>> from mygrad_like.nnet.modules import Flatten
    >>> Flatten().build((None, 32, 4, 4))
    (None, 512)
    """

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        if len(shape) < 1:
            raise ValueError("Flatten needs inputs with a batch axis")
        return (shape[0], math.prod(_concrete(shape, "Flatten")))

    def forward(self, x: Any) -> Tensor:
        n = np.shape(x.data if isinstance(x, Tensor) else x)[0]
        return _shape.reshape(x, (n, -1))


class Reshape(Module):
    """Reshape each sample: ``(N, ...) -> (N, *shape)`` (one entry may be ``-1``).

    Examples
    --------
    >>> from mygrad_like.nnet.modules import Reshape
    >>> Reshape(1, 8, -1).build((None, 64))
    (None, 1, 8, 8)
    """

    def __init__(self, *shape: int) -> None:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        for n in shape:
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or (n < 1 and n != -1):
                raise ValueError(f"shape entries must be positive ints or -1; got shape={shape!r}")
        if list(shape).count(-1) > 1:
            raise ValueError(f"at most one entry of shape may be -1; got shape={shape!r}")
        self.shape = tuple(int(n) for n in shape)

    def build(self, input_shape: Shape) -> Shape:
        size = math.prod(_concrete(tuple(input_shape), "Reshape"))
        known = math.prod(n for n in self.shape if n != -1)
        if -1 in self.shape:
            if size % known:
                raise ValueError(f"cannot reshape samples of {size} elements to {self.shape}")
            out = tuple(size // known if n == -1 else n for n in self.shape)
        else:
            if known != size:
                raise ValueError(f"cannot reshape samples of {size} elements to {self.shape} ({known} elements)")
            out = self.shape
        return (input_shape[0],) + out

    def forward(self, x: Any) -> Tensor:
        n = np.shape(x.data if isinstance(x, Tensor) else x)[0]
        return _shape.reshape(x, (n,) + self.shape)

    def extra_repr(self) -> str:
        return ", ".join(map(str, self.shape))


# =========================================================================== activations
class Activation(Module):
    """A layer applying ``fn(x, **kwargs)``; shape preserving.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.modules import Activation
    >>> Activation(mg.exp)(mg.zeros(2, dtype="float64"))
    Tensor([1., 1.])
    """

    def __init__(self, fn: Callable, **kwargs: Any) -> None:
        if not callable(fn):
            raise TypeError(f"fn must be callable; got fn={fn!r}")
        self._fn, self._kwargs = fn, kwargs

    def build(self, input_shape: Shape) -> Shape:
        return tuple(input_shape)

    def forward(self, x: Any) -> Tensor:
        return self._fn(x, **self._kwargs)

    def extra_repr(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self._kwargs.items())
        if type(self) is Activation:
            return getattr(self._fn, "__name__", repr(self._fn)) + (", " + items if items else "")
        return items


class ReLU(Activation):
    """:func:`~mygrad_like.nnet.activations.relu` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.relu)


class LeakyReLU(Activation):
    """:func:`~mygrad_like.nnet.activations.leaky_relu` as a layer."""

    def __init__(self, slope: float = 0.01) -> None:
        A._real(slope, "slope")
        super().__init__(A.leaky_relu, slope=slope)


class ELU(Activation):
    """:func:`~mygrad_like.nnet.activations.elu` as a layer."""

    def __init__(self, alpha: float = 1.0) -> None:
        A._real(alpha, "alpha")
        super().__init__(A.elu, alpha=alpha)


class SELU(Activation):
    """:func:`~mygrad_like.nnet.activations.selu` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.selu)


class GELU(Activation):
    """:func:`~mygrad_like.nnet.activations.gelu` as a layer."""

    def __init__(self, approximate: str = "none") -> None:
        if approximate not in ("none", "tanh"):
            raise ValueError(f"approximate must be 'none' or 'tanh'; got approximate={approximate!r}")
        super().__init__(A.gelu, approximate=approximate)


class Sigmoid(Activation):
    """:func:`~mygrad_like.nnet.activations.sigmoid` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.sigmoid)


class Tanh(Activation):
    """``tanh`` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.tanh)


class Softmax(Activation):
    """:func:`~mygrad_like.nnet.activations.softmax` as a layer (over ``axis``, default -1)."""

    def __init__(self, axis: Any = -1) -> None:
        super().__init__(A.softmax, axis=axis)


class LogSoftmax(Activation):
    """:func:`~mygrad_like.nnet.activations.logsoftmax` as a layer (over ``axis``, default -1)."""

    def __init__(self, axis: Any = -1) -> None:
        super().__init__(A.logsoftmax, axis=axis)


class Softplus(Activation):
    """:func:`~mygrad_like.nnet.activations.softplus` as a layer."""

    def __init__(self, beta: float = 1.0) -> None:
        if A._real(beta, "beta") <= 0:
            raise ValueError(f"beta must be positive; got beta={beta!r}")
        super().__init__(A.softplus, beta=beta)


class SoftSign(Activation):
    """:func:`~mygrad_like.nnet.activations.soft_sign` as a layer."""

    def __init__(self) -> None:
        super().__init__(A.soft_sign)


class HardTanh(Activation):
    """:func:`~mygrad_like.nnet.activations.hard_tanh` as a layer."""

    def __init__(self, lower_bound: float = -1, upper_bound: float = 1) -> None:
        if not A._real(lower_bound, "lower_bound") < A._real(upper_bound, "upper_bound"):
            raise ValueError(f"lower_bound must be below upper_bound; got {lower_bound!r} and {upper_bound!r}")
        super().__init__(A.hard_tanh, lower_bound=lower_bound, upper_bound=upper_bound)


class GLU(Activation):
    """:func:`~mygrad_like.nnet.activations.glu` as a layer: halves ``axis`` (default -1).

    Examples
    --------
    >>> from mygrad_like.nnet.modules import GLU
    >>> GLU(axis=1).build((None, 8, 3))
    (None, 4, 3)
    """

    def __init__(self, axis: int = -1) -> None:
        if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
            raise TypeError(f"axis must be an int; got axis={axis!r}")
        super().__init__(A.glu, axis=int(axis))

    def build(self, input_shape: Shape) -> Shape:
        shape = list(input_shape)
        axis = self._kwargs["axis"]
        if not -len(shape) <= axis < len(shape):
            raise ValueError(f"GLU axis {axis} is out of bounds for inputs of shape {format_shape(input_shape)}")
        n = shape[axis]
        if n is None or n % 2:
            raise ValueError(f"GLU splits axis {axis} in half; got inputs of shape {format_shape(input_shape)}")
        shape[axis] = n // 2
        return tuple(shape)
