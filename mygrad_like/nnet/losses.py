"""Loss functions, with MyGrad's names and signatures, plus mean squared error and binary
cross-entropy with logits.

Class targets may be integer labels of shape ``(N,)`` or, where it makes sense, one-hot
(or, for the cross-entropies, probability) rows of shape ``(N, C)``. Labels outside
``[0, C)`` raise a ``ValueError`` naming the label. Targets never receive a gradient, except
in :func:`mean_squared_error` and :func:`binary_crossentropy_with_logits`.

``softmax_crossentropy``, the focal losses and the logits cross-entropy are ops of their own
(stable forward, a backward written with the library's functions so it is differentiable
again); the others are compositions of existing ops.

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.losses import softmax_crossentropy
>>> x = mg.tensor([[2.0, 2.0, 2.0], [0.0, 0.0, 1e6]])
>>> softmax_crossentropy(x, [0, 2])  # (log 3 + 0) / 2
Tensor(0.54930614)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import data_of, nonneg_number, one_of, real_number
from ..engine import Op
from ..ops import arithmetic as _ar
from ..ops import reductions as _red
from ..ops.explog import log as _log
from ..tensor import Tensor, apply, asarray
from .activations import _np_sigmoid, logsoftmax, sigmoid, softmax

__all__ = [
    "softmax_crossentropy",
    "negative_log_likelihood",
    "focal_loss",
    "softmax_focal_loss",
    "margin_ranking_loss",
    "multiclass_hinge",
    "mean_squared_error",
    "binary_crossentropy_with_logits",
]

ArrayLike = Any


# --------------------------------------------------------------------------- argument helpers
def _scores(x: Any, name: str) -> Tensor:
    """``x`` as a tensor of shape (N, C) with N, C >= 1."""
    x = x if isinstance(x, Tensor) else Tensor(x, copy=False, constant=True)
    if x.ndim != 2:
        raise ValueError(f"{name} must have shape (N, C); got an array of shape {x.shape}")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one datum and one class; got shape {x.shape}")
    return x


def _targets(y: Any, shape: tuple, name: str, dense: str = "none") -> np.ndarray:
    """Validate class targets for scores of ``shape`` (N, C).

    Returns an int array (N,) of labels, or -- for (N, C) targets -- a float array (N, C)
    when ``dense == "soft"`` (any non-negative rows) or labels when ``dense == "onehot"``.
    """
    n, c = shape
    arr = asarray(y)
    if arr.ndim == 2 and dense != "none":
        if arr.shape != shape:
            raise ValueError(f"{name} of shape {arr.shape} must match the scores' shape {shape}")
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name} must hold numbers; got dtype {arr.dtype}")
        if dense == "soft":
            return arr
        ok = np.isin(arr, (0, 1)).all() and (arr.sum(axis=1) == 1).all()
        if not ok:
            raise ValueError(f"{name} of shape {shape} must be one-hot rows (a single 1, zeros elsewhere)")
        return np.argmax(arr, axis=1)
    if arr.ndim != 1:
        forms = "(N,) integer labels" + (" or (N, C) one-hot rows" if dense != "none" else "")
        raise ValueError(f"{name} must be {forms}; got an array of shape {arr.shape}")
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class labels; got dtype {arr.dtype}")
    if arr.shape[0] != n:
        raise ValueError(f"{name} has {arr.shape[0]} labels for {n} rows of scores")
    bad = (arr < 0) | (arr >= c)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{name}[{i}] = {int(arr[i])} is not a class label in [0, {c})")
    return arr


def _one_hot(labels: np.ndarray, c: int, dtype: Any) -> np.ndarray:
    out = np.zeros((labels.shape[0], c), dtype=dtype)
    out[np.arange(labels.shape[0]), labels] = 1
    return out


def _reduce(loss: Tensor, reduction: str, constant: bool | None) -> Tensor:
    reduction = one_of(reduction, ("mean", "sum", "none"), "reduction")
    if reduction == "mean":
        return _red.mean(loss, constant=constant)
    if reduction == "sum":
        return _red.sum(loss, constant=constant)
    return loss if not constant else Tensor(loss.data, constant=True, copy=False)


def _pick(x: Tensor, labels: np.ndarray) -> Tensor:
    """``x[i, labels[i]]`` for each row, as ``sum(x * one_hot, axis=1)`` (differentiable to any order)."""
    return _red.sum(_ar.multiply(x, _one_hot(labels, x.shape[1], x.dtype)), axis=1)


# --------------------------------------------------------------------------- cross-entropy
class SoftmaxCrossEntropy(Op):
    """``mean_i -sum_k t_ik log softmax(x_i)_k`` for labels or probability rows ``t``."""

    __slots__ = ()

    def forward(self, x, targets=None):
        self.targets = targets
        z = x - np.max(x, axis=1, keepdims=True)
        logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
        n = x.shape[0]
        if targets.ndim == 1:
            total = logp[np.arange(n), targets].sum()
        else:
            total = np.sum(logp * targets)
        return np.asarray(-total / n, dtype=x.dtype)

    def backward(self, g, out, inputs, needs, xp):
        # d loss / d x_i = (softmax(x_i) * sum_k t_ik - t_i) / N
        (x,) = inputs
        t = self.targets
        n = x.shape[0]
        if xp is np:
            p = np.exp(x - np.max(x, axis=1, keepdims=True))
            p /= np.sum(p, axis=1, keepdims=True)
            if t.ndim == 1:
                p[np.arange(n), t] -= 1
            else:
                p = p * t.sum(axis=1, keepdims=True) - t
            return (p * (g / n),)
        p = softmax(x, axis=1)
        if t.ndim == 1:
            d = p - _one_hot(t, x.shape[1], x.dtype)
        else:
            d = p * t.sum(axis=1, keepdims=True) - t
        return (d * (g / n),)


def softmax_crossentropy(x: ArrayLike, y_true: ArrayLike, *, constant: bool | None = None) -> Tensor:
    r"""The mean cross-entropy between ``softmax(x)`` and the true classes.

    :math:`L = -\frac{1}{N}\sum_i \sum_k t_{ik} \log \mathrm{softmax}(x_i)_k`, computed with a
    log-softmax so that any finite scores work.

    Parameters
    ----------
    x : array_like, shape (N, C)
        Class scores (logits).
    y_true : array_like, shape (N,) or (N, C)
        Integer labels in ``[0, C)``, or rows of target probabilities (one-hot or soft).
    constant : bool, optional

    Returns
    -------
    Tensor, shape ()

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import softmax_crossentropy
    >>> x = mg.tensor([[1.0, 1.0]])
    >>> loss = softmax_crossentropy(x, [1])
    >>> loss
    Tensor(0.69314718)
    >>> loss.backward()
    >>> x.grad
    array([[ 0.5, -0.5]])
    >>> softmax_crossentropy(x, [[0.0, 1.0]])  # one-hot targets
    Tensor(0.69314718)
    """
    x = _scores(x, "x")
    t = _targets(y_true, x.shape, "y_true", dense="soft")
    if t.ndim == 2:
        t = t.astype(x.dtype if x.dtype.kind == "f" else np.float64)
    return apply(SoftmaxCrossEntropy, x, targets=t, constant=constant)


def negative_log_likelihood(
    x: ArrayLike, y_true: ArrayLike, *, weights: ArrayLike | None = None, constant: bool | None = None
) -> Tensor:
    r"""The mean (optionally class-weighted) negative log-likelihood of log-probabilities.

    :math:`L = -\frac{1}{N}\sum_i w_{y_i} x_{i, y_i}` (like MyGrad, the weighted sum is divided by
    N, not by the sum of the weights).

    Parameters
    ----------
    x : array_like, shape (N, C)
        Log-probabilities (e.g. from :func:`~mygrad_like.nnet.activations.logsoftmax`).
    y_true : array_like, shape (N,) or (N, C)
        Integer labels, or target-probability rows.
    weights : array_like, shape (C,), optional
        Per-class weights.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import negative_log_likelihood
    >>> x = mg.tensor([[-4.6, -4.6, -0.02]])
    >>> negative_log_likelihood(x, [0], weights=[2, 1, 1])
    Tensor(9.2)
    """
    x = _scores(x, "x")
    t = _targets(y_true, x.shape, "y_true", dense="soft")
    dtype = x.dtype if x.dtype.kind == "f" else np.float64
    t = _one_hot(t, x.shape[1], dtype) if t.ndim == 1 else t.astype(dtype)
    if weights is not None:
        w = asarray(weights)
        if w.shape != (x.shape[1],):
            raise ValueError(f"weights must have shape (C,) = ({x.shape[1]},); got shape {w.shape}")
        t = t * w.astype(dtype)
    total = _red.sum(_ar.multiply(x, t))
    return _ar.divide(_ar.negative(total), x.shape[0], constant=constant)


# --------------------------------------------------------------------------- focal losses
class FocalFromLog(Op):
    """``-alpha (1 - p)**gamma log(p)`` elementwise, from ``l = log(p)`` (``l <= 0``)."""

    __slots__ = ()

    def forward(self, logp, alpha=1.0, gamma=0.0):
        self.alpha, self.gamma = alpha, gamma
        q = -np.expm1(logp)  # 1 - p, accurate when p is close to 1
        return (q**gamma * logp) * -alpha + 0.0  # + 0.0 turns -0.0 (a certain datum) into 0.0

    def backward(self, g, out, inputs, needs, xp):
        # f = -a q^gamma l with q = 1 - e^l:  f' = -a (q^gamma - gamma q^(gamma-1) p l).
        # Where p == 1 (q == 0) the second term tends to 0; q is replaced by 1 there so that
        # no inf enters the (possibly differentiated) expression.
        (logp,) = inputs
        a, gm = self.alpha, self.gamma
        q = -xp.expm1(logp)
        if gm == 0:
            return (g * -a,)
        live = data_of(logp) < 0
        q_safe = xp.where(live, q, 1)
        second = xp.where(live, gm * q_safe ** (gm - 1) * (1 - q) * logp, 0)
        return (g * (-a) * (q**gm - second),)


def _focal_args(alpha: Any, gamma: Any) -> dict:
    return {"alpha": real_number(alpha, "alpha"), "gamma": nonneg_number(gamma, "gamma")}


def focal_loss(
    class_probs: ArrayLike,
    targets: ArrayLike,
    *,
    alpha: float = 1,
    gamma: float = 0,
    constant: bool | None = None,
) -> Tensor:
    r"""The per-datum focal loss (Lin et al., 2017), :math:`-\alpha (1 - p_t)^\gamma \log p_t`.

    With ``alpha=1, gamma=0`` it is the cross-entropy of each datum.

    Parameters
    ----------
    class_probs : array_like, shape (N, C)
        Class probabilities, each in ``(0, 1]``.
    targets : array_like, shape (N,) or (N, C)
        Integer labels, or one-hot rows.
    alpha : float, default 1
    gamma : float, default 0
        The focusing parameter (non-negative).

    Returns
    -------
    Tensor, shape (N,)

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import focal_loss
    >>> p = mg.tensor([[0.5, 0.5], [0.1, 0.9]])
    >>> focal_loss(p, [0, 1], gamma=2)  # -(0.5**2) log 0.5, -(0.1**2) log 0.9
    Tensor([0.1732868 , 0.00105361])
    """
    p = _scores(class_probs, "class_probs")
    labels = _targets(targets, p.shape, "targets", dense="onehot")
    if ((p.data < 0) | (p.data > 1)).any():
        raise ValueError("class_probs must be probabilities in [0, 1]; use softmax_focal_loss for scores")
    logp_t = _log(_pick(p, labels))
    return apply(FocalFromLog, logp_t, **_focal_args(alpha, gamma), constant=constant)


def softmax_focal_loss(
    scores: ArrayLike,
    targets: ArrayLike,
    *,
    alpha: float = 1,
    gamma: float = 0,
    constant: bool | None = None,
) -> Tensor:
    r"""The per-datum focal loss of ``softmax(scores)``, computed from the log-softmax (stable).

    Parameters
    ----------
    scores : array_like, shape (N, C)
    targets : array_like, shape (N,) or (N, C)
        Integer labels, or one-hot rows.
    alpha : float, default 1
    gamma : float, default 0

    Returns
    -------
    Tensor, shape (N,)

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import softmax_focal_loss
    >>> softmax_focal_loss(mg.tensor([[0.0, 0.0], [0.0, 1000.0]]), [0, 1], gamma=2)
    Tensor([0.1732868, 0.       ])
    """
    x = _scores(scores, "scores")
    labels = _targets(targets, x.shape, "targets", dense="onehot")
    logp_t = _pick(logsoftmax(x, axis=1), labels)
    return apply(FocalFromLog, logp_t, **_focal_args(alpha, gamma), constant=constant)


# --------------------------------------------------------------------------- margins
def margin_ranking_loss(
    x1: ArrayLike, x2: ArrayLike, y: ArrayLike, margin: float, *, constant: bool | None = None
) -> Tensor:
    """The mean margin ranking loss ``mean(maximum(0, margin - y * (x1 - x2)))``.

    Parameters
    ----------
    x1, x2 : array_like of floats, shape (N,) or (N, D)
        Scores (or descriptors) to compare; integer input raises ``TypeError`` (as in MyGrad).
    y : int or array_like, shape () or (N,)
        ``1`` where ``x1`` should rank higher, ``-1`` where ``x2`` should.
    margin : float
        Non-negative.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import margin_ranking_loss
    >>> margin_ranking_loss(mg.tensor([1.0, 0.0]), mg.tensor([0.0, 0.5]), [1, 1], margin=0.5)
    Tensor(0.5)
    """
    s1 = x1.shape if isinstance(x1, Tensor) else np.shape(x1)
    s2 = x2.shape if isinstance(x2, Tensor) else np.shape(x2)
    if s1 != s2 or len(s1) not in (1, 2):
        raise ValueError(f"x1 and x2 must have the same shape (N,) or (N, D); got {s1} and {s2}")
    for name, x in (("x1", x1), ("x2", x2)):
        if np.asarray(x.data if isinstance(x, Tensor) else x).dtype.kind != "f":
            raise TypeError(f"{name} must hold floats (scores); got dtype {np.result_type(asarray(x))}")
    margin = nonneg_number(margin, "margin")
    yy = asarray(y)
    if yy.ndim > 1 or (yy.ndim == 1 and yy.shape[0] != s1[0]):
        raise ValueError(f"y must be a scalar or have shape ({s1[0]},); got shape {yy.shape}")
    if not np.isin(yy, (-1, 1)).all():
        raise ValueError(f"y must hold only 1 and -1; got {yy!r}")
    if yy.ndim == 1 and len(s1) == 2:
        yy = yy[:, None]
    diff = _ar.subtract(x1, x2)
    hinge = _ar.maximum(0, _ar.subtract(margin, _ar.multiply(yy.astype(diff.dtype), diff)))
    return _red.mean(hinge, constant=constant)


def multiclass_hinge(
    x: ArrayLike, y_true: ArrayLike, hinge: float = 1.0, *, constant: bool | None = None
) -> Tensor:
    r"""The mean multiclass hinge loss :math:`\frac{1}{N}\sum_i\sum_{j \ne y_i}\max(0, x_{ij} - x_{iy_i} + \mathrm{hinge})`.

    Parameters
    ----------
    x : array_like, shape (N, C)
        Class scores.
    y_true : array_like, shape (N,) or (N, C)
        Integer labels, or one-hot rows.
    hinge : float, default 1

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import multiclass_hinge
    >>> multiclass_hinge(mg.tensor([[3.0, 2.5, 0.0]]), [0])  # max(0, 2.5 - 3 + 1)
    Tensor(0.5)
    """
    x = _scores(x, "x")
    labels = _targets(y_true, x.shape, "y_true", dense="onehot")
    hinge = real_number(hinge, "hinge")
    dtype = x.dtype if x.dtype.kind == "f" else np.float64
    t = _one_hot(labels, x.shape[1], dtype)
    correct = _red.sum(_ar.multiply(x, t), axis=1, keepdims=True)
    margins = _ar.multiply(_ar.maximum(0, _ar.add(_ar.subtract(x, correct), hinge)), 1 - t)
    return _ar.divide(_red.sum(margins), x.shape[0], constant=constant)


# --------------------------------------------------------------------------- regression / binary
def mean_squared_error(
    outputs: ArrayLike, targets: ArrayLike, *, reduction: str = "mean", constant: bool | None = None
) -> Tensor:
    """``(outputs - targets)**2``, averaged (``reduction="mean"``), summed, or kept (``"none"``).

    ``outputs`` and ``targets`` must broadcast to each other.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import mean_squared_error
    >>> mean_squared_error(mg.tensor([1.0, 2.0]), [0.0, 0.0])
    Tensor(2.5)
    """
    s1 = outputs.shape if isinstance(outputs, Tensor) else np.shape(outputs)
    s2 = targets.shape if isinstance(targets, Tensor) else np.shape(targets)
    try:
        np.broadcast_shapes(s1, s2)
    except ValueError:
        raise ValueError(
            f"outputs of shape {s1} and targets of shape {s2} do not broadcast together"
        ) from None
    return _reduce(_ar.square(_ar.subtract(outputs, targets)), reduction, constant)


class BCEWithLogits(Op):
    """``max(x, 0) - x t + log(1 + exp(-|x|))`` elementwise: ``-t log s(x) - (1-t) log(1-s(x))``."""

    __slots__ = ()

    def forward(self, x, t):
        return np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))

    def backward(self, g, out, inputs, needs, xp):
        x, t = inputs
        gx = gt = None
        if needs[0]:
            s = _np_sigmoid(x) if xp is np else sigmoid(x)
            gx = g * (s - t)
        if needs[1]:
            gt = -g * x
        return gx, gt


def binary_crossentropy_with_logits(
    logits: ArrayLike, targets: ArrayLike, *, reduction: str = "mean", constant: bool | None = None
) -> Tensor:
    """Binary cross-entropy between ``sigmoid(logits)`` and ``targets`` in [0, 1], stable for any logits.

    Parameters
    ----------
    logits : array_like
    targets : array_like
        Same shape as ``logits`` (or broadcastable to it); probabilities in [0, 1].
    reduction : {"mean", "sum", "none"}, default "mean"

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.losses import binary_crossentropy_with_logits
    >>> x = mg.tensor([0.0, 1000.0, -1000.0])
    >>> binary_crossentropy_with_logits(x, [1.0, 1.0, 1.0], reduction="none")
    Tensor([6.93147181e-01, 0.00000000e+00, 1.00000000e+03])
    """
    s1 = logits.shape if isinstance(logits, Tensor) else np.shape(logits)
    t = asarray(targets)
    try:
        if np.broadcast_shapes(s1, t.shape) != s1:
            raise ValueError
    except ValueError:
        raise ValueError(f"targets of shape {t.shape} do not broadcast to the logits' shape {s1}") from None
    if t.dtype.kind not in "biuf" or ((t < 0) | (t > 1)).any():
        raise ValueError("targets must be probabilities in [0, 1]")
    if not isinstance(targets, Tensor):
        targets = t.astype(asarray(logits).dtype) if t.dtype.kind != "f" else t
    return _reduce(apply(BCEWithLogits, logits, targets), reduction, constant)
