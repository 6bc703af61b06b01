"""Per-op overhead: a long chain of small elementwise ops, forward + backward, in µs per op.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_overhead.py
(from a checkout, ``PYTHONPATH=.`` times that checkout's package rather than an installed one)

Compares mygrad_like with plain NumPy doing the same arithmetic (forward and the hand-written
backward), and with MyGrad and PyTorch when they are installed. All numbers come from one run.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import mygrad_like as mg


def chain_mygrad_like(n: int, size: int) -> float:
    x = mg.tensor(np.linspace(0.1, 1.0, size))
    t0 = time.perf_counter()
    y = x
    for i in range(n):
        y = y * 1.0001 + 0.0001 if i % 2 else y - 0.5 * y
    y.sum().backward()
    return time.perf_counter() - t0


def chain_numpy(n: int, size: int) -> float:
    x = np.linspace(0.1, 1.0, size)
    t0 = time.perf_counter()
    y = x
    for i in range(n):  # forward, keeping what a backward needs
        y = y * 1.0001 + 0.0001 if i % 2 else y - 0.5 * y
    g = np.ones_like(y)
    for i in reversed(range(n)):  # the hand-written backward
        g = g * 1.0001 if i % 2 else g - 0.5 * g
    return time.perf_counter() - t0


def chain_mygrad(n: int, size: int) -> float | None:
    try:
        import mygrad
    except ImportError:
        return None
    x = mygrad.tensor(np.linspace(0.1, 1.0, size))
    t0 = time.perf_counter()
    y = x
    for i in range(n):
        y = y * 1.0001 + 0.0001 if i % 2 else y - 0.5 * y
    y.sum().backward()
    return time.perf_counter() - t0


def chain_torch(n: int, size: int) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    x = torch.linspace(0.1, 1.0, size, dtype=torch.float64, requires_grad=True)
    t0 = time.perf_counter()
    y = x
    for i in range(n):
        y = y * 1.0001 + 0.0001 if i % 2 else y - 0.5 * y
    y.sum().backward()
    return time.perf_counter() - t0


def best(fn, n: int, size: int, repeats: int) -> float | None:
    times = [fn(n, size) for _ in range(repeats)]
    return None if times[0] is None else min(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--ops", type=int, default=3000, help="pairs of ops in the chain")
    p.add_argument("--size", type=int, default=16, help="elements per tensor")
    p.add_argument("--repeats", type=int, default=7)
    a = p.parse_args()
    n_ops = 2 * a.ops  # each step is two ops (mul+add or mul+sub)
    rows = [
        ("numpy (hand-written fwd+bwd)", chain_numpy),
        ("mygrad_like", chain_mygrad_like),
        ("mygrad", chain_mygrad),
        ("torch (eager, 1 thread)", chain_torch),
    ]
    # mygrad_like and torch alternately, call by call: the ratio of each pair is robust to the
    # load of a shared machine
    ratios = []
    if chain_torch(10, a.size) is not None:
        for _ in range(a.repeats):
            ours_t = chain_mygrad_like(a.ops, a.size)
            ratios.append(ours_t / chain_torch(a.ops, a.size))
    res = {name: best(fn, a.ops, a.size, a.repeats) for name, fn in rows}
    ours = res["mygrad_like"]
    print(
        f"chain of {n_ops} elementwise ops on {a.size} float64 elements, forward+backward, best of {a.repeats}"
    )
    print(f"{'library':32s} {'us/op':>8s} {'vs mygrad_like':>15s}")
    for name, t in res.items():
        if t is None:
            print(f"{name:32s} {'n/a':>8s}")
            continue
        print(f"{name:32s} {1e6 * t / n_ops:8.2f} {t / ours:14.2f}x")
    if ratios:
        ratios.sort()
        median = ratios[len(ratios) // 2]
        print(f"\n# mygrad_like / torch, median of {len(ratios)} interleaved pairs: {median:.2f}")


if __name__ == "__main__":
    main()
