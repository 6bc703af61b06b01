"""The :class:`Module` base class, :class:`Sequential`, :class:`Input` and the shape helpers
the layers share."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..._guard import read_only_reason
from ..._validation import as_bool, as_rng, data_of, nonneg_number, positive_int
from ...engine import no_autodiff
from ...io import LoadError, read_archive, write_archive
from ...ops import arithmetic as _ar
from ...ops import reductions as _red
from ...tensor import Tensor, asarray
from .. import initializers as I

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


def _initial_values(init: Any, shape: tuple, dtype: np.dtype, rng: Any, name: str) -> np.ndarray:
    """Values from an initializer (``init(*shape, dtype=, rng=)``) or a constant number."""
    if isinstance(init, (int, float, np.integer, np.floating)) and not isinstance(init, bool):
        return np.full(shape, init, dtype=dtype)
    if not callable(init):
        raise TypeError(f"{name} must be an initializer function or a number; got {name}={init!r}")
    values = init(*shape, dtype=dtype, rng=rng)
    arr = asarray(values, dtype=dtype)
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
            self.build((None,) + tuple(np.shape(data_of(x)))[1:])
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
        mode = as_bool(mode, "mode")
        for m in self.modules():
            m.training = mode
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
            raise ValueError(
                f"{type(self).__name__} is not built yet: give it an input shape or call it once"
            )
        state = {name: t.data.copy() for name, t in self.named_parameters()}
        state.update((name, t.data.copy()) for name, t in self.named_buffers())
        return state

    def load_state_dict(self, state: dict, strict: bool = True) -> None:
        """Copy ``state`` (name -> array) into the parameters and buffers, in place.

        Everything is checked before anything is written: raises ``ValueError`` listing
        missing and unexpected names (unless ``strict=False``), every shape mismatch, every
        value that is not an array of real numbers (strings, objects, complex numbers), and
        any parameter whose array is read-only; nothing is changed when it raises.
        """
        if not self.built:
            raise ValueError(
                f"{type(self).__name__} is not built yet: give it an input shape or call it once"
            )
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
        values = {}
        for name, t in own.items():
            if name not in state:
                continue
            try:
                value = np.asarray(state[name])
            except (TypeError, ValueError) as e:
                problems.append(f"{name!r} is not an array ({e})")
                continue
            if value.dtype.kind not in "biuf":
                problems.append(f"{name!r} must hold real numbers; got dtype {value.dtype}")
            elif value.shape != t.shape:
                problems.append(f"{name!r} has shape {value.shape} in the state but {t.shape} in the model")
            elif not t.data.flags.writeable:
                problems.append(
                    f"{name!r} cannot be written: its array is read-only{read_only_reason(t.data)}"
                )
            else:
                values[name] = value
        if problems:
            raise ValueError(f"the state does not match this {type(self).__name__}: " + "; ".join(problems))
        for name, value in values.items():
            own[name].data[...] = value

    def save(self, path: Any) -> None:
        """Write the state (parameters and buffers) to an ``.npz`` file (``.npz`` is appended
        to a name without it, as ``numpy.savez`` does). An earlier file at that path is
        replaced only once the new one is complete (see :func:`mygrad_like.save`)."""
        write_archive(path, self.state_dict())

    def load(self, path: Any) -> Module:
        """Read a state written by :meth:`save` into this (built) module; returns ``self``.

        Raises
        ------
        mygrad_like.LoadError
            (a ``ValueError``) naming the file and the problem, when the file is not an intact
            ``.npz`` archive (empty, truncated, a damaged member, a ``.npy`` file, a pickle,
            object arrays) or holds a different model (every mismatch is listed). The module
            is left unchanged then.
        FileNotFoundError
            If there is no such file.
        """
        if not self.built:
            raise ValueError(
                f"{type(self).__name__} is not built yet: give it an input shape or call it once"
            )
        path = os.fspath(path)
        if not os.path.exists(path) and not path.endswith(".npz") and os.path.exists(path + ".npz"):
            path += ".npz"
        state = read_archive(path, f"a {type(self).__name__} state")
        try:
            self.load_state_dict(state)
        except ValueError as e:
            raise LoadError(f"cannot load a {type(self).__name__} state from {path}: {e}") from None
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
        self._use_bias = as_bool(bias, "bias")
        self._weight_init, self._bias_init = weight_init, bias_init
        names = (
            "weight_regularizer_l1",
            "weight_regularizer_l2",
            "bias_regularizer_l1",
            "bias_regularizer_l2",
        )
        self._regs = tuple(nonneg_number(r, n) for r, n in zip(regs, names))
        self._dtype = I._float_dtype(dtype)
        self._rng = as_rng(rng)
        self.weight = None
        self.bias = None

    @property
    def built(self) -> bool:
        return self.weight is not None

    def _create(self, weight_shape: tuple, n_bias: int, transpose: bool = False) -> None:
        w = _initial_values(self._weight_init, weight_shape, self._dtype, self._rng, "weight_init")
        self.weight = _param(np.ascontiguousarray(w.T) if transpose else w)
        if self._use_bias:
            self.bias = _param(
                _initial_values(self._bias_init, (n_bias,), self._dtype, self._rng, "bias_init")
            )

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
                raise TypeError(
                    f"input_shape must be a tuple of ints (one sample's shape); got {input_shape!r}"
                )
            for n in input_shape:
                positive_int(n, "input_shape entries")
            self.build((None,) + tuple(int(n) for n in input_shape))

    def build(self, input_shape: Shape) -> Shape:
        shape = tuple(input_shape)
        shapes = []
        source = "the input"
        for i, layer in enumerate(self.layers):
            try:
                out = layer.build(shape)
            except ValueError as e:
                raise ValueError(
                    f"layer {i} {layer!r} cannot take {source}, of shape {format_shape(shape)}: {e}"
                ) from None
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
            raise ValueError(
                "the model has no input shape yet: pass input_shape=... (or an Input layer) or call it once"
            )
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
        out = [
            line(header),
            rule,
            *map(line, rows),
            rule,
            f"total parameters: {total:,} (trainable {trainable:,})",
        ]
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
        self.shape = tuple(positive_int(n, "shape entries") for n in shape)

    def build(self, input_shape: Shape) -> Shape:
        if tuple(input_shape[1:]) != self.shape:
            raise ValueError(f"Input expects samples of shape {self.shape}; got {format_shape(input_shape)}")
        return tuple(input_shape)

    def forward(self, x: Any) -> Any:
        return x

    def extra_repr(self) -> str:
        return ""
