"""Optimizers (SGD, Adam, AdamW, RMSprop) and learning-rate schedules (step, cosine, lambda).

An optimizer holds a list of parameters (non-constant leaf tensors). After a backward pass,
``step()`` reads each parameter's ``.grad`` and updates its ``.data`` in place (plain NumPy,
no graph); ``zero_grad()`` clears the gradients. Parameters whose ``.grad`` is ``None`` are
skipped. The update rules follow PyTorch's (``torch.optim``), written out in each class.

A schedule wraps an optimizer and sets its ``lr`` each time its ``step()`` is called (usually
once per epoch).

Examples
--------
>>> import mygrad_like as mg
>>> from mygrad_like.nnet.optim import SGD
>>> w = mg.tensor([1.0, -2.0])
>>> opt = SGD([w], lr=0.1)
>>> (w * w).sum().backward()
>>> opt.step()
>>> w
Tensor([ 0.8, -1.6])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .._guard import read_only_reason
from .._validation import as_bool, nonneg_number, positive_int
from ..tensor import Tensor

__all__ = [
    "Optimizer",
    "SGD",
    "Adam",
    "AdamW",
    "RMSprop",
    "LRSchedule",
    "StepLR",
    "CosineLR",
    "LambdaLR",
]


def _unit(x: Any, name: str) -> float:
    x = nonneg_number(x, name)
    if not x < 1:
        raise ValueError(f"{name} must lie in [0, 1); got {name}={x!r}")
    return x


class Optimizer:
    """Base class: holds the parameters, ``zero_grad()`` and the ``step()`` loop.

    Subclasses implement ``_update(p, g, state)``: update ``p`` (an ndarray, in place) from
    its gradient ``g``, keeping per-parameter arrays in the dict ``state``.

    Parameters
    ----------
    params : iterable of Tensor, or a Module
        The tensors to optimize (anything with a ``parameters()`` method is asked for them).
    lr : float
        The learning rate (schedules change ``self.lr``).
    """

    def __init__(self, params: Any, lr: float) -> None:
        if hasattr(params, "parameters") and callable(params.parameters):
            params = params.parameters()
        if isinstance(params, Tensor) or not isinstance(params, Iterable):
            raise TypeError(f"params must be an iterable of Tensors or a Module; got {params!r}")
        params = list(params)
        if not params:
            raise ValueError("params is empty: there is nothing to optimize")
        seen: set = set()
        for i, p in enumerate(params):
            if not isinstance(p, Tensor):
                raise TypeError(f"params[{i}] must be a Tensor; got {type(p).__name__}")
            if p.constant:
                raise ValueError(f"params[{i}] is a constant tensor; it never receives a gradient")
            if id(p) in seen:
                raise ValueError(f"params[{i}] appears more than once")
            seen.add(id(p))
        self.params: list[Tensor] = params
        self.lr = nonneg_number(lr, "lr")
        self.state: list[dict] = [{} for _ in params]
        self.steps = 0

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to ``None``."""
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        """Update every parameter that has a gradient.

        All or nothing: every gradient is checked first (an array of real numbers of its
        parameter's exact shape, no broadcasting) and every parameter's array must be
        writable; if any check fails, ``ValueError``/``TypeError`` names the parameter and
        no parameter, optimizer state or step count has changed.
        """
        self.lr = nonneg_number(self.lr, "lr")  # a schedule or the user may have set it
        updates = []
        for i, (p, state) in enumerate(zip(self.params, self.state)):
            if p.grad is None:
                continue
            g = p.grad.data if isinstance(p.grad, Tensor) else p.grad
            try:
                g = np.asarray(g)
            except (TypeError, ValueError) as e:
                raise TypeError(f"params[{i}].grad is not an array ({e}); no parameter was updated") from None
            if g.dtype.kind not in "biuf":
                raise TypeError(
                    f"params[{i}].grad must hold real numbers; got dtype {g.dtype}; no parameter was updated"
                )
            if g.shape != p.shape:
                raise ValueError(
                    f"params[{i}].grad has shape {g.shape} but the parameter has shape {p.shape}; "
                    "no parameter was updated"
                )
            if not p.data.flags.writeable:
                raise ValueError(
                    f"params[{i}] cannot be updated in place: its array is read-only"
                    f"{read_only_reason(p.data)}; no parameter was updated"
                )
            updates.append((p.data, g.astype(p.dtype, copy=False), state))
        self.steps += 1
        for data, g, state in updates:
            self._update(data, g, state)

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict) -> None:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.params)} parameters, lr={self.lr})"


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay.

    With ``d = g + weight_decay * p``::

        b = d                                   (first step)
        b = momentum * b + (1 - dampening) * d  (later steps)
        p -= lr * (d + momentum * b if nesterov else b)

    (without momentum, ``p -= lr * d``).

    Parameters
    ----------
    params : iterable of Tensor, or a Module
    lr : float
    momentum : float, default 0
    dampening : float, default 0
    nesterov : bool, default False
        Needs ``momentum > 0`` and ``dampening == 0``.
    weight_decay : float, default 0
        L2 penalty coefficient (added to the gradient).

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import SGD
    >>> w = mg.tensor([1.0])
    >>> opt = SGD([w], lr=0.5, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.zero_grad()
    ...     w.backward()  # d(w)/dw = 1
    ...     opt.step()
    >>> w  # 1 - 0.5 * 1 - 0.5 * (0.9 + 1)
    Tensor([-0.45])
    """

    def __init__(
        self,
        params: Any,
        lr: float,
        momentum: float = 0.0,
        dampening: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        self.momentum = nonneg_number(momentum, "momentum")
        self.dampening = nonneg_number(dampening, "dampening")
        self.weight_decay = nonneg_number(weight_decay, "weight_decay")
        self.nesterov = as_bool(nesterov, "nesterov")
        if self.nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError(
                f"nesterov=True needs momentum > 0 and dampening = 0; got momentum={momentum!r}, "
                f"dampening={dampening!r}"
            )

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict) -> None:
        if self.weight_decay:
            g = g + self.weight_decay * p
        if self.momentum:
            buf = state.get("momentum")
            if buf is None:
                buf = state["momentum"] = g.copy()
            else:
                buf *= self.momentum
                buf += (1 - self.dampening) * g
            g = g + self.momentum * buf if self.nesterov else buf
        p -= self.lr * g


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015), with L2 weight decay added to the gradient.

    With ``d = g + weight_decay * p`` and step count ``t``::

        m = beta1 * m + (1 - beta1) * d
        v = beta2 * v + (1 - beta2) * d**2
        p -= lr * (m / (1 - beta1**t)) / (sqrt(v / (1 - beta2**t)) + eps)

    Parameters
    ----------
    params : iterable of Tensor, or a Module
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 0

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import Adam
    >>> w = mg.tensor([1.0, -1.0])
    >>> opt = Adam([w], lr=0.1)
    >>> (w * 3.0).sum().backward()
    >>> opt.step()  # the first Adam step moves each weight by about lr
    >>> w
    Tensor([ 0.9, -1.1])
    """

    _decoupled = False

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(f"betas must be a pair of floats; got betas={betas!r}")
        self.betas = (_unit(betas[0], "betas[0]"), _unit(betas[1], "betas[1]"))
        self.eps = nonneg_number(eps, "eps")
        self.weight_decay = nonneg_number(weight_decay, "weight_decay")

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict) -> None:
        b1, b2 = self.betas
        if self.weight_decay:
            if self._decoupled:
                p *= 1 - self.lr * self.weight_decay
            else:
                g = g + self.weight_decay * p
        if not state:
            state["t"] = 0
            state["m"] = np.zeros_like(p)
            state["v"] = np.zeros_like(p)
        state["t"] += 1
        t, m, v = state["t"], state["m"], state["v"]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * (g * g)
        step = self.lr / (1 - b1**t)
        denom = np.sqrt(v / (1 - b2**t))
        denom += self.eps
        p -= step * (m / denom)


class AdamW(Adam):
    r"""Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    Before the Adam step (which sees the raw gradient), ``p *= 1 - lr * weight_decay``.

    Parameters
    ----------
    params : iterable of Tensor, or a Module
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 0.01

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import AdamW
    >>> w = mg.tensor([2.0])
    >>> opt = AdamW([w], lr=0.1, weight_decay=0.5)
    >>> (w * 0.0).sum().backward()  # a zero gradient: only the decay acts
    >>> opt.step()
    >>> w
    Tensor([1.9])
    """

    _decoupled = True

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        super().__init__(params, lr, betas=betas, eps=eps, weight_decay=weight_decay)


class RMSprop(Optimizer):
    """RMSprop (Hinton's lecture notes), optionally centred and with momentum.

    With ``d = g + weight_decay * p``::

        s = alpha * s + (1 - alpha) * d**2
        a = alpha * a + (1 - alpha) * d          (centered only)
        r = sqrt(s - a**2 if centered else s) + eps
        b = momentum * b + d / r;  p -= lr * b   (with momentum)
        p -= lr * d / r                          (without)

    Parameters
    ----------
    params : iterable of Tensor, or a Module
    lr : float, default 1e-2
    alpha : float, default 0.99
    eps : float, default 1e-8
    weight_decay : float, default 0
    momentum : float, default 0
    centered : bool, default False

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import RMSprop
    >>> w = mg.tensor([1.0])
    >>> opt = RMSprop([w], lr=0.01, alpha=0.75)
    >>> w.backward(grad=2.0)
    >>> opt.step()  # s = 0.25 * 4 = 1, so the step is 0.01 * 2 / 1
    >>> w
    Tensor([0.98])
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        momentum: float = 0.0,
        centered: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.alpha = _unit(alpha, "alpha")
        self.eps = nonneg_number(eps, "eps")
        self.weight_decay = nonneg_number(weight_decay, "weight_decay")
        self.momentum = nonneg_number(momentum, "momentum")
        self.centered = as_bool(centered, "centered")

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict) -> None:
        a = self.alpha
        if self.weight_decay:
            g = g + self.weight_decay * p
        if not state:
            state["square_avg"] = np.zeros_like(p)
            if self.centered:
                state["grad_avg"] = np.zeros_like(p)
            if self.momentum:
                state["momentum"] = np.zeros_like(p)
        s = state["square_avg"]
        s *= a
        s += (1 - a) * (g * g)
        if self.centered:
            ga = state["grad_avg"]
            ga *= a
            ga += (1 - a) * g
            denom = np.sqrt(s - ga * ga)
        else:
            denom = np.sqrt(s)
        denom += self.eps
        if self.momentum:
            buf = state["momentum"]
            buf *= self.momentum
            buf += g / denom
            p -= self.lr * buf
        else:
            p -= self.lr * (g / denom)


# --------------------------------------------------------------------------- schedules
class LRSchedule:
    """Base class of the learning-rate schedules.

    ``step()`` advances the schedule's counter by one and sets ``optimizer.lr`` to
    ``lr_at(counter)``; the constructor sets the rate for counter 0. ``base_lr`` is the
    optimizer's rate when the schedule was made.
    """

    def __init__(self, optimizer: Optimizer) -> None:
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"optimizer must be an Optimizer; got {optimizer!r}")
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.last_step = 0
        optimizer.lr = self.lr_at(0)

    def lr_at(self, step: int) -> float:  # pragma: no cover
        raise NotImplementedError

    def step(self) -> float:
        """Advance one step (epoch); returns the new learning rate.

        If the new rate cannot be computed (a ``LambdaLR`` factor that raises or returns
        something other than a finite non-negative number), nothing changes: neither the
        counter nor the optimizer's rate.
        """
        lr = nonneg_number(self.lr_at(self.last_step + 1), "the scheduled learning rate")
        self.last_step += 1
        self.optimizer.lr = lr
        return lr

    def get_last_lr(self) -> float:
        return self.optimizer.lr


class StepLR(LRSchedule):
    """Multiply the rate by ``gamma`` every ``step_size`` steps: ``base_lr * gamma**(t // step_size)``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import SGD, StepLR
    >>> opt = SGD([mg.tensor(1.0)], lr=1.0)
    >>> sched = StepLR(opt, step_size=2, gamma=0.5)
    >>> [sched.step() for _ in range(4)]
    [1.0, 0.5, 0.5, 0.25]
    """

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        self.step_size = positive_int(step_size, "step_size")
        self.gamma = nonneg_number(gamma, "gamma")
        super().__init__(optimizer)

    def lr_at(self, step: int) -> float:
        return self.base_lr * self.gamma ** (step // self.step_size)


class CosineLR(LRSchedule):
    """Cosine decay from ``base_lr`` to ``min_lr`` over ``total_steps``, after optional linear warm-up.

    For ``t < warmup``: ``base_lr * (t + 1) / (warmup + 1)``; then, with
    ``u = min(1, (t - warmup) / (total_steps - warmup))``,
    ``min_lr + (base_lr - min_lr) * (1 + cos(pi * u)) / 2``; it stays at ``min_lr`` after
    ``total_steps``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import SGD, CosineLR
    >>> opt = SGD([mg.tensor(1.0)], lr=1.0)
    >>> sched = CosineLR(opt, total_steps=4)
    >>> [round(sched.step(), 4) for _ in range(5)]
    [0.8536, 0.5, 0.1464, 0.0, 0.0]
    """

    def __init__(self, optimizer: Optimizer, total_steps: int, min_lr: float = 0.0, warmup: int = 0) -> None:
        self.total_steps = positive_int(total_steps, "total_steps")
        self.min_lr = nonneg_number(min_lr, "min_lr")
        if (
            isinstance(warmup, bool)
            or not isinstance(warmup, (int, np.integer))
            or not 0 <= warmup < total_steps
        ):
            raise ValueError(f"warmup must be an int in [0, total_steps); got warmup={warmup!r}")
        self.warmup = int(warmup)
        super().__init__(optimizer)

    def lr_at(self, step: int) -> float:
        if step < self.warmup:
            return self.base_lr * (step + 1) / (self.warmup + 1)
        u = min(1.0, (step - self.warmup) / (self.total_steps - self.warmup))
        return self.min_lr + (self.base_lr - self.min_lr) * (1 + math.cos(math.pi * u)) / 2


class LambdaLR(LRSchedule):
    """``base_lr * factor(t)`` for a user function ``factor``.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.nnet.optim import SGD, LambdaLR
    >>> opt = SGD([mg.tensor(1.0)], lr=2.0)
    >>> sched = LambdaLR(opt, lambda t: 1 / (t + 1))
    >>> sched.step()
    1.0
    """

    def __init__(self, optimizer: Optimizer, factor: Callable[[int], float]) -> None:
        if not callable(factor):
            raise TypeError(f"factor must be callable; got factor={factor!r}")
        self.factor = factor
        super().__init__(optimizer)

    def lr_at(self, step: int) -> float:
        return self.base_lr * float(self.factor(step))
