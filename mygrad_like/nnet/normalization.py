"""Batch normalisation (MyGrad's ``batchnorm``) and dropout, as functions.

The layer forms (:class:`~mygrad_like.nnet.modules.BatchNorm` with running statistics,
:class:`~mygrad_like.nnet.modules.Dropout`) are built on these.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import as_bool, as_rng, nonneg_number, probability
from ..engine import Op
from ..ops import arithmetic as _ar
from ..tensor import Tensor, apply

__all__ = ["batchnorm", "dropout"]

ArrayLike = Any


class BatchNormOp(Op):
    """``(x - mean) / sqrt(var + eps) * gamma + beta`` with per-channel (axis 1) batch statistics.

    Gradient, with ``xh = (x - mean) * r``, ``r = 1 / sqrt(var + eps)``, ``m`` elements per
    channel and ``<.>`` the mean over the non-channel axes::

        dxh = g * gamma;   dx = r * (dxh - <dxh> - xh * <dxh * xh>)
        dgamma = sum(g * xh);   dbeta = sum(g)

    written with ``xp`` so that it is itself differentiable; the statistics are recomputed
    from the input in the backward pass.
    """

    __slots__ = ()

    def forward(self, x, *affine, eps=1e-5, has_gamma=False, has_beta=False):
        self.eps, self.has_gamma, self.has_beta = eps, has_gamma, has_beta
        axes = (0,) + tuple(range(2, x.ndim))
        self.axes = axes
        if x.size == 0:  # no statistics to take and nothing to normalise
            return np.zeros(x.shape, np.result_type(x.dtype if x.dtype.kind == "f" else np.float64, *affine))
        mean = x.mean(axis=axes, keepdims=True)
        centred = x - mean
        var = np.mean(centred * centred, axis=axes, keepdims=True)
        out = centred / np.sqrt(var + eps)
        shape = (1, x.shape[1]) + (1,) * (x.ndim - 2)
        i = 0
        if has_gamma:
            out *= affine[i].reshape(shape)
            i += 1
        if has_beta:
            out += affine[i].reshape(shape)
        return out

    def backward(self, g, out, inputs, needs, xp):
        x = inputs[0]
        axes, eps = self.axes, self.eps
        if x.size == 0:  # every gradient is a sum over no elements
            zero = xp.sum(g, axis=axes)
            return [g if needs[0] else None] + [zero if need else None for need in needs[1:]]
        shape = (1, x.shape[1]) + (1,) * (x.ndim - 2)
        mean = xp.mean(x, axis=axes, keepdims=True)
        centred = x - mean
        r = 1 / xp.sqrt(xp.mean(centred * centred, axis=axes, keepdims=True) + eps)
        xh = centred * r
        grads = [None] * len(inputs)
        gamma = inputs[1].reshape(shape) if self.has_gamma else None
        if needs[0]:
            dxh = g * gamma if gamma is not None else g
            dx = dxh - xp.mean(dxh, axis=axes, keepdims=True)
            dx = dx - xh * xp.mean(dxh * xh, axis=axes, keepdims=True)
            grads[0] = dx * r
        i = 1
        if self.has_gamma:
            if needs[i]:
                grads[i] = xp.sum(g * xh, axis=axes)
            i += 1
        if self.has_beta and needs[i]:
            grads[i] = xp.sum(g, axis=axes)
        return grads


def _channel_param(p: Any, name: str, c: int) -> Any:
    if p is None:
        return None
    shape = p.shape if isinstance(p, (Tensor, np.ndarray)) else np.shape(p)
    if tuple(shape) != (c,):
        raise ValueError(
            f"{name} must have shape (C,) = ({c},), one value per channel; got shape {tuple(shape)}"
        )
    return p


def batchnorm(
    x: ArrayLike,
    *,
    gamma: ArrayLike | None = None,
    beta: ArrayLike | None = None,
    eps: float,
    constant: bool | None = None,
) -> Tensor:
    """Batch normalisation: normalise each channel (axis 1) over the batch and all other axes.

    ``y = (x - E[x]) / sqrt(Var[x] + eps) * gamma + beta``, with the (biased) mean and
    variance taken over every axis but axis 1.

    Parameters
    ----------
    x : array_like, shape (N, C, ...)
    gamma : array_like, shape (C,), optional
        Per-channel scale.
    beta : array_like, shape (C,), optional
        Per-channel shift.
    eps : float
        A small non-negative number added to the variance.
    constant : bool, optional

    Returns
    -------
    Tensor, shape (N, C, ...)

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import batchnorm
    >>> x = mg.tensor([1.0, 4.0, 1.0]).reshape(3, 1)
    >>> batchnorm(x, eps=0)
    Tensor([[-0.70710678],
            [ 1.41421356],
            [-0.70710678]])
    >>> batchnorm(x, gamma=[2.0], beta=[1.0], eps=0)
    Tensor([[-0.41421356],
            [ 3.82842712],
            [-0.41421356]])
    """
    x = x if isinstance(x, Tensor) else Tensor(x, copy=False, constant=True)
    if x.ndim < 2:
        raise ValueError(f"x must have shape (N, C, ...) with at least 2 dimensions; got shape {x.shape}")
    eps = nonneg_number(eps, "eps")
    c = x.shape[1]
    affine = [
        p for p in (_channel_param(gamma, "gamma", c), _channel_param(beta, "beta", c)) if p is not None
    ]
    return apply(
        BatchNormOp,
        x,
        *affine,
        eps=float(eps),
        has_gamma=gamma is not None,
        has_beta=beta is not None,
        constant=constant,
    )


def dropout(
    x: ArrayLike, p: float = 0.5, *, training: bool = True, rng: Any = None, constant: bool | None = None
) -> Tensor:
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    With ``training=False`` (or ``p == 0``) ``x`` is returned unchanged, so the expected value
    of the output equals ``x`` in both modes ("inverted" dropout).

    Parameters
    ----------
    x : array_like
    p : float, default 0.5
        The drop probability, in ``[0, 1]``.
    training : bool, default True
    rng : numpy.random.Generator, RandomState or int, optional
        Where the mask is drawn from (default: NumPy's global state).
    constant : bool, optional

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet import dropout
    >>> y = dropout(mg.ones(8), p=0.5, rng=0)
    >>> sorted(set(y.data.tolist()))  # dropped, or kept and doubled
    [0.0, 2.0]
    >>> dropout(mg.ones(3, dtype="float64"), p=0.5, training=False)
    Tensor([1., 1., 1.])
    """
    p = probability(p, "p")
    training = as_bool(training, "training")
    x = x if isinstance(x, Tensor) else Tensor(x, copy=False, constant=True)
    source = as_rng(rng)
    if not training or p == 0:
        return Tensor(x.data, constant=True, copy=False) if constant else x
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    keep = source.random(x.shape) >= p
    mask = keep.astype(dtype) * dtype.type(1 / (1 - p)) if p < 1 else np.zeros(x.shape, dtype)
    return _ar.multiply(x, mask, constant=constant)
