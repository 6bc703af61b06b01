"""Pooling, normalisation, dropout and reshaping layers."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..._validation import as_bool, as_rng, data_of, nonneg_number, positive_int, probability
from ...ops import arithmetic as _ar
from ...ops import shape as _shape
from ...tensor import Tensor, asarray
from .. import initializers as I
from ..normalization import batchnorm, dropout
from ..pooling import _pool_geometry, avg_pool, max_pool
from .base import (
    Module,
    Shape,
    _concrete,
    _param,
    format_shape,
)


# =========================================================================== pooling
class _Pool(Module):
    def __init__(self, pool: Any, stride: Any, padding: Any, dilation: Any) -> None:
        if isinstance(pool, (int, np.integer)) and not isinstance(pool, bool):
            positive_int(pool, "pool")
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
            raise ValueError(
                f"{type(self).__name__} pools the last {len(window)} axes; got inputs of shape {format_shape(shape)}"
            )
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
        return max_pool(x, self._window(np.ndim(data_of(x))), self.stride, self.padding, self.dilation)


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
        self,
        pool: Any,
        stride: Any = None,
        padding: Any = 0,
        count_include_pad: bool = True,
        dilation: Any = 1,
    ) -> None:
        super().__init__(pool, stride, padding, dilation)
        self.count_include_pad = as_bool(count_include_pad, "count_include_pad")

    def forward(self, x: Any) -> Tensor:
        return avg_pool(
            x,
            self._window(np.ndim(data_of(x))),
            self.stride,
            self.padding,
            self.count_include_pad,
            dilation=self.dilation,
        )


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
        self.num_features = positive_int(num_features, "num_features", allow_none=True)
        self.eps = nonneg_number(eps, "eps")
        self.momentum = nonneg_number(momentum, "momentum")
        if self.momentum > 1:
            raise ValueError(f"momentum must lie in [0, 1]; got momentum={momentum!r}")
        self.affine = as_bool(affine, "affine")
        self.track_running_stats = as_bool(track_running_stats, "track_running_stats")
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
            self.num_features = positive_int(shape[1], "the input's channel axis")
            self._create()
        elif shape[1] != self.num_features:
            raise ValueError(
                f"BatchNorm expects {self.num_features} channels on axis 1; got inputs of shape {format_shape(shape)}"
            )
        return shape

    def forward(self, x: Any) -> Tensor:
        data = asarray(x)
        if self.training or not self.track_running_stats:
            y = batchnorm(x, gamma=self.gamma, beta=self.beta, eps=self.eps)
            n = data.size // data.shape[1]
            # an empty batch has no statistics: the running ones stay as they are
            if self.training and self.track_running_stats and n:
                axes = (0,) + tuple(range(2, data.ndim))
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
        self.p = probability(p, "p")
        self._rng = as_rng(rng)

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
        # the sizes are spelled out (no -1), so that an empty batch reshapes too
        return _shape.reshape(x, self.build(np.shape(data_of(x))))


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
        if len(tuple(input_shape)) < 1:
            raise ValueError("Reshape needs inputs with a batch axis")
        size = math.prod(_concrete(tuple(input_shape), "Reshape"))
        known = math.prod(n for n in self.shape if n != -1)
        if -1 in self.shape:
            if size % known:
                raise ValueError(f"cannot reshape samples of {size} elements to {self.shape}")
            out = tuple(size // known if n == -1 else n for n in self.shape)
        else:
            if known != size:
                raise ValueError(
                    f"cannot reshape samples of {size} elements to {self.shape} ({known} elements)"
                )
            out = self.shape
        return (input_shape[0],) + out

    def forward(self, x: Any) -> Tensor:
        return _shape.reshape(x, self.build(np.shape(data_of(x))))

    def extra_repr(self) -> str:
        return ", ".join(map(str, self.shape))
