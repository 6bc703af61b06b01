"""One training step of a small CNN, mygrad_like vs PyTorch (and MyGrad) when installed.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_train_step.py

The step: conv(1->16, 3x3, pad 1) - relu - conv(16->32, 3x3, pad 1) - relu - maxpool 2x2 -
dense(512->10) - softmax cross-entropy, batch 64 of 1x8x8 float32, forward + backward + an
SGD update. Every library runs the same step on the same data. mygrad_like is compared
with each other configuration interleaved: the two alternate step by step in one process
(the order swapped every pair) for ``--seconds``, and the table shows each side's median
step time and the median of the per-pair ratios ours / other (< 1: mygrad_like is
faster), which cancels most of the drift of a machine shared with other work. PyTorch
runs with its default intra-op threads and with one thread. The NumPy side uses whatever
BLAS threads NumPy is configured with.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

import numpy as np
from _timing import interleaved

from mygrad_like import nnet as nn

BATCH = 64


def data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((BATCH, 1, 8, 8), dtype=np.float32), rng.integers(0, 10, BATCH)


def step_mygrad_like() -> Callable[[], None]:
    x, y = data()
    model = (
        nn.Input((1, 8, 8))
        >> nn.Conv(16, 3, padding=1, rng=0)
        >> nn.ReLU()
        >> nn.Conv(32, 3, padding=1, rng=1)
        >> nn.ReLU()
        >> nn.MaxPool(2)
        >> nn.Flatten()
        >> nn.Dense(10, rng=2)
    )
    opt = nn.SGD(model, lr=0.01)

    def step() -> None:
        loss = nn.softmax_crossentropy(model(x), y)
        loss.backward()
        opt.step()

    return step


def step_mygrad() -> Callable[[], None] | None:
    try:
        import mygrad
        from mygrad.nnet import conv_nd, max_pool, relu, softmax_crossentropy
    except ImportError:
        return None
    x, y = data()
    rng = np.random.default_rng(0)
    w1 = mygrad.tensor(rng.normal(0, 0.3, (16, 1, 3, 3)).astype(np.float32))
    b1 = mygrad.tensor(np.zeros((1, 16, 1, 1), np.float32))
    w2 = mygrad.tensor(rng.normal(0, 0.1, (32, 16, 3, 3)).astype(np.float32))
    b2 = mygrad.tensor(np.zeros((1, 32, 1, 1), np.float32))
    w3 = mygrad.tensor(rng.normal(0, 0.05, (512, 10)).astype(np.float32))
    b3 = mygrad.tensor(np.zeros(10, np.float32))
    params = [w1, b1, w2, b2, w3, b3]

    def step() -> None:
        h = relu(conv_nd(x, w1, stride=1, padding=1) + b1)
        h = relu(conv_nd(h, w2, stride=1, padding=1) + b2)
        h = max_pool(h, (2, 2), 2).reshape(BATCH, 512)
        loss = softmax_crossentropy(h @ w3 + b3, y)
        loss.backward()
        for p in params:
            p.data -= 0.01 * p.grad

    return step


def step_torch(threads: int | None) -> Callable[[], None] | None:
    try:
        import torch
    except ImportError:
        return None
    if threads is not None:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y = data()
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.Conv2d(16, 32, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(512, 10),
    )
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    lossf = torch.nn.CrossEntropyLoss()

    def step() -> None:
        opt.zero_grad()
        loss = lossf(model(tx), ty)
        loss.backward()
        opt.step()

    return step


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=5.0, help="seconds of interleaved steps per pair")
    a = p.parse_args()
    ours = step_mygrad_like()
    others: list[tuple[str, Callable[[], None] | None]] = [("mygrad", step_mygrad())]
    torch_default = step_torch(None)
    if torch_default is not None:
        import torch

        threads = torch.get_num_threads()
        others.append((f"torch ({threads} threads)", torch_default))
    print(
        f"# one training step (batch {BATCH}, 1x8x8 float32, conv16-conv32-maxpool-dense10, SGD); "
        f"interleaved step by step, {a.seconds:g} s per pair; load average at start "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(f"{'other':22s} {'ours ms':>9s} {'other ms':>9s} {'ours/other':>11s}")
    rows = others + ([("torch (1 thread)", None)] if torch_default is not None else [])
    for name, step in rows:
        if name == "torch (1 thread)":
            step = step_torch(1)
        if step is None:
            print(f"{name:22s} {'n/a':>9s}")
            continue
        t_ours, t_other, ratio = interleaved(ours, step, a.seconds, min_pairs=20, max_pairs=None, warmup=10)
        print(f"{name:22s} {1e3 * t_ours:9.2f} {1e3 * t_other:9.2f} {ratio:11.2f}", flush=True)
    if torch_default is not None:
        torch.set_num_threads(threads)


if __name__ == "__main__":
    main()
