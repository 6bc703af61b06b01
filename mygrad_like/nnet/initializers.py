"""Weight initializers: He, Glorot, normal, uniform, constant, Dirac and identity.

Every initializer takes the shape as separate ints or as one tuple (``he_normal(16, 1, 3, 3)``
or ``he_normal((16, 1, 3, 3))``) and returns a :class:`~mygrad_like.Tensor`. The random ones
draw from ``rng``: a :class:`numpy.random.Generator` (or ``RandomState``), an int seed, or
``None`` for NumPy's global random state (seeded by ``mg.random.seed`` / ``np.random.seed``,
as in MyGrad), so a fixed seed gives the same weights every time.

Fan convention (PyTorch's): for a weight of shape ``(F, C, *K)`` -- F outputs, C inputs, a
kernel K -- ``fan_in = C * prod(K)`` and ``fan_out = F * prod(K)``. A dense weight is therefore
``(out_features, in_features)``. (:func:`glorot_normal` follows MyGrad's numbers instead: see it.)

The scalar parameters (``gain``, ``mean``, ``std``, ``lower_bound``, ``upper_bound``,
``value``) may also be 0-d tensors or arrays.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validation import (
    as_dtype,
    as_rng,
    nonneg_number,
    ordered_bounds,
    positive_int,
    real_number,
    shape_args,
)
from ..tensor import Tensor

__all__ = [
    "he_normal",
    "he_uniform",
    "glorot_normal",
    "glorot_uniform",
    "normal",
    "uniform",
    "constant",
    "dirac",
    "identity",
    "fans",
]


# --------------------------------------------------------------------------- argument helpers
def _float_dtype(dtype: Any) -> np.dtype:
    """The initializers (and the layers) raise ``ValueError`` for a non-float dtype."""
    return as_dtype(dtype, "f", kind_error=ValueError)


def fans(shape: tuple) -> tuple[int, int]:
    """``(fan_in, fan_out)`` of a weight of shape ``(F, C, *K)``.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import fans
    >>> fans((16, 3, 5, 5))
    (75, 400)
    """
    if len(shape) < 2:
        raise ValueError(f"a fan needs a weight shape with at least 2 dimensions; got shape={shape!r}")
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def _item(x: Any) -> Any:
    """A 0-d tensor or array as its Python scalar (other values unchanged, for the validators)."""
    if isinstance(x, (Tensor, np.ndarray)) and np.ndim(x) == 0:
        return x.item()
    return x


def _make(arr: np.ndarray, dtype: np.dtype, constant: bool | None) -> Tensor:
    return Tensor(arr.astype(dtype, copy=False), constant=constant, copy=False)


# --------------------------------------------------------------------------- variance scaling
def he_normal(
    *shape: Any, gain: float = 1.0, dtype: Any = np.float32, constant: bool | None = None, rng: Any = None
) -> Tensor:
    r"""Weights drawn from :math:`\mathcal{N}(0, \sigma^2)`, :math:`\sigma = \mathrm{gain}/\sqrt{\mathrm{fan\_in}}`.

    He et al. (2015), "Delving Deep into Rectifiers", with MyGrad's numbers: the default
    ``gain=1`` gives :math:`\sigma = 1/\sqrt{\mathrm{fan\_in}}`. He's value for a ReLU is
    ``gain = sqrt(2)``; for a leaky ReLU of slope ``a``, ``gain = sqrt(2 / (1 + a**2))``.

    Parameters
    ----------
    *shape : int
        The weight shape ``(F, C, *K)`` (at least 2 dimensions), as ints or one tuple.
    gain : float, default 1
        Scales the standard deviation.
    dtype : float data-type, default float32
    constant : bool, optional
        Passed to :class:`~mygrad_like.Tensor`.
    rng : numpy.random.Generator, RandomState or int, optional
        The random source (default: NumPy's global state); a seed makes the result reproducible.

    Returns
    -------
    Tensor, shape ``shape``

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import he_normal
    >>> w = he_normal(200, 50, rng=0)
    >>> w.shape, w.dtype
    ((200, 50), dtype('float32'))
    >>> round(float(w.data.std()), 2)  # 1 / sqrt(50)
    0.14
    """
    shape = shape_args(shape)
    gain, dtype = real_number(_item(gain), "gain"), _float_dtype(dtype)
    std = gain / math.sqrt(max(fans(shape)[0], 1))
    return _make(as_rng(rng).normal(0.0, std, shape), dtype, constant)


def he_uniform(
    *shape: Any, gain: float = 1.0, dtype: Any = np.float32, constant: bool | None = None, rng: Any = None
) -> Tensor:
    r"""Weights drawn from :math:`U[-b, b]`, :math:`b = \mathrm{gain}\sqrt{3/\mathrm{fan\_in}}`.

    The uniform form of :func:`he_normal` (same variance, ``gain**2 / fan_in``); He's value
    for a ReLU is ``gain = sqrt(2)``. (MyGrad's ``he_uniform`` computes its bound as
    ``gain / sqrt(3 / C * prod(K))``, which grows with the fan: see the migration guide.)

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import he_uniform
    >>> w = he_uniform(4, 3, rng=0)
    >>> bool(abs(w.data).max() <= 1.0)  # b = sqrt(3 / 3)
    True
    """
    shape = shape_args(shape)
    gain, dtype = real_number(_item(gain), "gain"), _float_dtype(dtype)
    bound = gain * math.sqrt(3.0 / max(fans(shape)[0], 1))
    return _make(as_rng(rng).uniform(-bound, bound, shape), dtype, constant)


def glorot_normal(
    *shape: Any, gain: float = 1.0, dtype: Any = np.float32, constant: bool | None = None, rng: Any = None
) -> Tensor:
    r"""Weights drawn from :math:`\mathcal{N}(0, \sigma^2)`, :math:`\sigma = \mathrm{gain}\sqrt{2/(\mathrm{fan\_in}+\mathrm{fan\_out})}`.

    Glorot & Bengio (2010), "Understanding the difficulty of training deep feedforward
    neural networks", with MyGrad's fans: for a shape ``(F, C, *K)`` with a kernel,
    ``fan_in = C * K[-1]`` and ``fan_out = F * K[-1]`` (the last kernel axis only; for one
    kernel axis this is the usual fan). :func:`glorot_uniform` multiplies all of ``K``.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import glorot_normal
    >>> w = glorot_normal(100, 100, rng=0)
    >>> round(float(w.data.std()), 1)  # sqrt(2 / 200)
    0.1
    >>> round(float(glorot_normal((10,) * 6, rng=0).data.std()), 2)  # fans 10 * 10 each
    0.1
    """
    shape = shape_args(shape)
    gain, dtype = real_number(_item(gain), "gain"), _float_dtype(dtype)
    fan_in, fan_out = fans(shape[:2] + shape[-1:] if len(shape) > 3 else shape)
    std = gain * math.sqrt(2.0 / max(fan_in + fan_out, 1))
    return _make(as_rng(rng).normal(0.0, std, shape), dtype, constant)


def glorot_uniform(
    *shape: Any, gain: float = 1.0, dtype: Any = np.float32, constant: bool | None = None, rng: Any = None
) -> Tensor:
    r"""Weights drawn from :math:`U[-b, b]`, :math:`b = \mathrm{gain}\sqrt{6/(\mathrm{fan\_in}+\mathrm{fan\_out})}`.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import glorot_uniform
    >>> w = glorot_uniform(3, 3, rng=0)
    >>> bool(abs(w.data).max() <= 1.0)  # b = sqrt(6 / 6)
    True
    """
    shape = shape_args(shape)
    gain, dtype = real_number(_item(gain), "gain"), _float_dtype(dtype)
    fan_in, fan_out = fans(shape)
    bound = gain * math.sqrt(6.0 / max(fan_in + fan_out, 1))
    return _make(as_rng(rng).uniform(-bound, bound, shape), dtype, constant)


# --------------------------------------------------------------------------- plain distributions
def normal(
    *shape: Any,
    mean: float = 0.0,
    std: float = 1.0,
    dtype: Any = np.float32,
    constant: bool | None = None,
    rng: Any = None,
) -> Tensor:
    r"""Values drawn from :math:`\mathcal{N}(\mathrm{mean}, \mathrm{std}^2)`.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import normal
    >>> normal(2, 3, mean=5.0, std=0.0)
    Tensor([[5., 5., 5.],
            [5., 5., 5.]], dtype=float32)
    """
    shape = shape_args(shape)
    mean, std = real_number(_item(mean), "mean"), nonneg_number(_item(std), "std")
    dtype = _float_dtype(dtype)
    return _make(as_rng(rng).normal(mean, std, shape), dtype, constant)


def uniform(
    *shape: Any,
    lower_bound: float = 0.0,
    upper_bound: float = 1.0,
    dtype: Any = np.float32,
    constant: bool | None = None,
    rng: Any = None,
) -> Tensor:
    """Values drawn uniformly from ``[lower_bound, upper_bound)``.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import uniform
    >>> w = uniform(1000, lower_bound=-1, upper_bound=3, rng=0)
    >>> bool(w.data.min() >= -1 and w.data.max() < 3)
    True
    """
    shape = shape_args(shape)
    lo, hi = ordered_bounds(_item(lower_bound), _item(upper_bound))
    return _make(as_rng(rng).uniform(lo, hi, shape), _float_dtype(dtype), constant)


# --------------------------------------------------------------------------- deterministic
def constant(
    *shape: Any, value: float = 0.0, dtype: Any = None, constant: bool | None = None, rng: Any = None
) -> Tensor:
    """A tensor filled with ``value`` (``rng`` is accepted and ignored, like every initializer).

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import constant
    >>> constant(2, 3, value=1)
    Tensor([[1, 1, 1],
            [1, 1, 1]])
    >>> constant(4)
    Tensor([0., 0., 0., 0.])
    """
    shape = shape_args(shape)
    value = _item(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"value must be a real number; got {value!r}")
    return Tensor(np.full(shape, value, dtype=dtype), constant=constant, copy=False)


def dirac(
    *shape: Any, groups: int = 1, dtype: Any = np.float32, constant: bool | None = None, rng: Any = None
) -> Tensor:
    """A convolution kernel ``(F, C, *K)`` that passes channels through unchanged.

    Zagoruyko & Komodakis (2017), "DiracNets". Output channel ``f`` of group ``g`` gets a one at
    the kernel centre of input channel ``f`` (for ``f < min(F / groups, C)``), zeros elsewhere,
    so a stride-1 cross-correlation with "same" padding copies as many channels as fit. A 2-D
    shape ``(F, C)`` (no kernel) gives the ``F x C`` identity, as in MyGrad.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import dirac
    >>> dirac(2, 2, 3)
    Tensor([[[0., 1., 0.],
             [0., 0., 0.]],
    <BLANKLINE>
            [[0., 0., 0.],
             [0., 1., 0.]]], dtype=float32)
    >>> dirac(2, 3)
    Tensor([[1., 0., 0.],
            [0., 1., 0.]], dtype=float32)
    """
    shape = shape_args(shape)
    if len(shape) < 2:
        raise ValueError(f"dirac needs a shape (F, C, *K) with at least 2 dimensions; got {shape!r}")
    groups = positive_int(groups, "groups")
    if shape[0] % groups:
        raise ValueError(f"the {shape[0]} output channels are not divisible by groups={groups}")
    arr = np.zeros(shape, dtype=_float_dtype(dtype))
    per_group = shape[0] // groups
    centre = tuple(k // 2 for k in shape[2:])
    for g in range(groups):
        for f in range(min(per_group, shape[1])):
            arr[(g * per_group + f, f, *centre)] = 1
    return Tensor(arr, constant=constant, copy=False)


def identity(n: int, dtype: Any = float, *, constant: bool | None = None) -> Tensor:
    """The ``(n, n)`` identity matrix.

    Examples
    --------
    >>> from mygrad_like.nnet.initializers import identity
    >>> identity(2)
    Tensor([[1., 0.],
            [0., 1.]])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative int; got n={n!r}")
    return Tensor(np.identity(int(n), dtype=dtype), constant=constant, copy=False)
