"""Optimizers against hand-computed updates (and PyTorch when installed); schedules; errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like.nnet.optim import SGD, Adam, AdamW, CosineLR, LambdaLR, RMSprop, StepLR


def quad_grad(w):
    """Gradient of sum(w**4 / 4 - w): w**3 - 1 (nonlinear, so the path matters)."""
    return w**3 - 1


def run(opt_cls, w0, steps, **kw):
    w = mg.tensor(np.array(w0, dtype=np.float64))
    opt = opt_cls([w], **kw)
    for _ in range(steps):
        opt.zero_grad()
        (w**4 / 4 - w).sum().backward()
        opt.step()
    return w.data


W0 = [0.5, -1.0, 2.0]


def test_sgd_plain():
    w = np.array(W0)
    for _ in range(3):
        w = w - 0.1 * quad_grad(w)
    np.testing.assert_allclose(run(SGD, W0, 3, lr=0.1), w)


@pytest.mark.parametrize("nesterov", [False, True])
@pytest.mark.parametrize("wd", [0.0, 0.05])
def test_sgd_momentum(nesterov, wd):
    lr, mu = 0.05, 0.9
    w = np.array(W0)
    buf = None
    for _ in range(4):
        d = quad_grad(w) + wd * w
        buf = d.copy() if buf is None else mu * buf + d
        w = w - lr * (d + mu * buf if nesterov else buf)
    np.testing.assert_allclose(run(SGD, W0, 4, lr=lr, momentum=mu, nesterov=nesterov, weight_decay=wd), w)


def test_sgd_dampening():
    w = np.array(W0)
    buf = None
    for _ in range(3):
        d = quad_grad(w)
        buf = d.copy() if buf is None else 0.5 * buf + 0.7 * d
        w = w - 0.1 * buf
    np.testing.assert_allclose(run(SGD, W0, 3, lr=0.1, momentum=0.5, dampening=0.3), w)


def adam_reference(w, steps, lr, b1, b2, eps, wd, decoupled):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = quad_grad(w)
        if decoupled:
            w = w * (1 - lr * wd)
        else:
            g = g + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return w


@pytest.mark.parametrize("wd", [0.0, 0.1])
def test_adam(wd):
    expected = adam_reference(np.array(W0), 5, 0.01, 0.8, 0.99, 1e-6, wd, False)
    np.testing.assert_allclose(
        run(Adam, W0, 5, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=wd), expected
    )


def test_adamw_decouples_weight_decay():
    expected = adam_reference(np.array(W0), 5, 0.01, 0.9, 0.999, 1e-8, 0.1, True)
    got = run(AdamW, W0, 5, lr=0.01, weight_decay=0.1)
    np.testing.assert_allclose(got, expected)
    assert not np.allclose(got, run(Adam, W0, 5, lr=0.01, weight_decay=0.1))


@pytest.mark.parametrize("centered", [False, True])
@pytest.mark.parametrize("momentum", [0.0, 0.5])
def test_rmsprop(centered, momentum):
    lr, a, eps, wd = 0.01, 0.9, 1e-8, 0.01
    w = np.array(W0)
    s = np.zeros(3)
    ga = np.zeros(3)
    buf = np.zeros(3)
    for _ in range(4):
        d = quad_grad(w) + wd * w
        s = a * s + (1 - a) * d * d
        ga = a * ga + (1 - a) * d
        r = np.sqrt(s - ga * ga if centered else s) + eps
        if momentum:
            buf = momentum * buf + d / r
            w = w - lr * buf
        else:
            w = w - lr * d / r
    got = run(RMSprop, W0, 4, lr=lr, alpha=a, eps=eps, weight_decay=wd, momentum=momentum, centered=centered)
    np.testing.assert_allclose(got, w)


def test_against_torch():
    torch = pytest.importorskip("torch")
    configs = [
        (SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
        (Adam, torch.optim.Adam, dict(lr=0.02, weight_decay=0.01)),
        (AdamW, torch.optim.AdamW, dict(lr=0.02, weight_decay=0.05)),
        (RMSprop, torch.optim.RMSprop, dict(lr=0.01, momentum=0.3, centered=True)),
    ]
    for ours, theirs, kw in configs:
        tw = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
        topt = theirs([tw], **kw)
        for _ in range(6):
            topt.zero_grad()
            (tw**4 / 4 - tw).sum().backward()
            topt.step()
        np.testing.assert_allclose(
            run(ours, W0, 6, **kw), tw.detach().numpy(), rtol=1e-10, err_msg=ours.__name__
        )


def test_float32_parameters_stay_float32_and_none_grads_are_skipped():
    w = mg.tensor(np.ones(3, np.float32))
    u = mg.tensor(np.ones(2, np.float32))
    opt = Adam([w, u], lr=0.1)
    (w * 2).sum().backward()
    opt.step()
    assert w.dtype == np.float32 and w.data.dtype == np.float32
    np.testing.assert_allclose(w.data, 0.9, rtol=1e-6)
    np.testing.assert_array_equal(u.data, 1)  # no gradient: untouched
    opt.zero_grad()
    assert w.grad is None


def test_accepts_a_module_like_object():
    w = mg.tensor([1.0])

    class M:
        def parameters(self):
            return [w]

    assert SGD(M(), lr=0.1).params == [w]


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda w: SGD([], lr=0.1), ValueError, "empty"),
        (lambda w: SGD(w, lr=0.1), TypeError, "iterable of Tensors"),
        (lambda w: SGD([w, 3.0], lr=0.1), TypeError, r"params\[1\]"),
        (lambda w: SGD([mg.tensor([1.0], constant=True)], lr=0.1), ValueError, "constant"),
        (lambda w: SGD([w, w], lr=0.1), ValueError, "more than once"),
        (lambda w: SGD([w], lr=-1.0), ValueError, "lr"),
        (lambda w: SGD([w], lr="fast"), TypeError, "lr"),
        (lambda w: SGD([w], lr=0.1, nesterov=True), ValueError, "nesterov"),
        (lambda w: Adam([w], betas=(0.9, 1.0)), ValueError, r"betas\[1\]"),
        (lambda w: Adam([w], betas=0.9), TypeError, "betas"),
        (lambda w: RMSprop([w], alpha=1.5), ValueError, "alpha"),
        (lambda w: StepLR(SGD([w], lr=1.0), step_size=0), ValueError, "step_size"),
        (lambda w: CosineLR(SGD([w], lr=1.0), total_steps=5, warmup=5), ValueError, "warmup"),
        (lambda w: StepLR("opt", step_size=1), TypeError, "optimizer"),
        (lambda w: LambdaLR(SGD([w], lr=1.0), 3), TypeError, "factor"),
    ],
)
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call(mg.tensor([1.0]))


def test_step_schedule():
    opt = SGD([mg.tensor([1.0])], lr=0.3)
    sched = StepLR(opt, step_size=3, gamma=0.1)
    lrs = [opt.lr] + [sched.step() for _ in range(7)]
    np.testing.assert_allclose(lrs, [0.3] * 3 + [0.03] * 3 + [0.003] * 2)
    assert sched.get_last_lr() == opt.lr


def test_cosine_schedule_with_warmup():
    opt = SGD([mg.tensor([1.0])], lr=1.0)
    sched = CosineLR(opt, total_steps=6, min_lr=0.1, warmup=2)
    lrs = [opt.lr] + [sched.step() for _ in range(8)]
    expected = (
        [1 / 3, 2 / 3] + [0.1 + 0.9 * (1 + math.cos(math.pi * u / 4)) / 2 for u in range(5)] + [0.1, 0.1]
    )
    np.testing.assert_allclose(lrs, expected)


def test_schedule_drives_the_update():
    w = mg.tensor([0.0])
    opt = SGD([w], lr=1.0)
    sched = LambdaLR(opt, lambda t: 0.5**t)
    for _ in range(3):
        opt.zero_grad()
        w.backward()
        opt.step()
        sched.step()
    np.testing.assert_allclose(w.data, [-(1 + 0.5 + 0.25)])
