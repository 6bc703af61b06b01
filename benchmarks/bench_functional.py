"""Cost of forward mode: jvp vs vjp of the same function, and jacobian's two strategies.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_functional.py

Each row times two calls on the same function and inputs in one process, alternating call
by call, and reports the median over the pairs of the per-pair ratio (robust to load from
other processes), with the median time of each call. Times are this process's CPU time
(``time.process_time``), which time slices given to other processes do not inflate. By default everything runs on one
thread (BLAS limited by threadpoolctl, ``conv.settings.THREADS = 1``), so that the ratios
measure the work done and not how two busy cores are shared; ``--threads N`` changes that.

- ``jvp / vjp``: ``mg.jvp(f, inputs, v)`` against ``mg.vjp(f, inputs, u)``. The JVP is two
  reverse sweeps, the first one recording a graph (see ``mygrad_like.functional``).
- ``jacobian forward / reverse``: ``strategy="forward-mode"`` (one recorded sweep, then one
  sweep per input element) against ``"reverse-mode"`` (one sweep per output element), for a
  tall-thin Jacobian (few inputs, many outputs) and a wide one (the reverse).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mygrad_like as mg  # noqa: E402
from mygrad_like.nnet import avg_pool, conv_nd  # noqa: E402


def _time(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def pair(a: Callable[[], object], b: Callable[[], object], pairs: int) -> tuple[float, float, float]:
    """(median a/b, median a, median b) over ``pairs`` alternated calls (after one warm-up each)."""
    a(), b()
    ta, tb, ratios = [], [], []
    for i in range(pairs):
        if i % 2:  # alternate which one runs first
            y, x = _time(b), _time(a)
        else:
            x, y = _time(a), _time(b)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
    return statistics.median(ratios), statistics.median(ta), statistics.median(tb)


def conv_layer(x: mg.Tensor, w: mg.Tensor) -> mg.Tensor:
    # (N, C, 16, 16) x (F, C, 3, 3) -> (N, F, 16, 16) -> pooled (N, F, 8, 8)
    return avg_pool(mg.tanh(conv_nd(x, w, padding=1)), (2, 2))


def mlp(x: mg.Tensor, w1: mg.Tensor, w2: mg.Tensor) -> mg.Tensor:
    return mg.tanh(mg.tanh(x @ w1) @ w2)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--pairs", type=int, default=21)
    p.add_argument("--threads", type=int, default=1, help="BLAS and conv worker threads")
    a = p.parse_args()
    from mygrad_like.nnet import conv

    conv.settings.THREADS = a.threads
    try:
        from threadpoolctl import threadpool_limits  # the bench extra
    except ImportError:
        print("threadpoolctl is not installed: BLAS runs on its default number of threads")
        run(a)
        return
    with threadpool_limits(limits=a.threads):
        run(a)


def run(a: argparse.Namespace) -> None:
    rng = np.random.default_rng(0)
    print(f"numpy {np.__version__}, python {platform.python_version()}, {platform.machine()}, float64")
    print(f"median of {a.pairs} per-pair ratios, calls alternated in one process, {a.threads} thread(s)\n")
    print(f"{'case':68s} {'ratio':>7s} {'t_a (ms)':>10s} {'t_b (ms)':>10s}")

    def row(name: str, fa: Callable, fb: Callable, n: int = a.pairs) -> None:
        r, ta, tb = pair(fa, fb, n)
        print(f"{name:68s} {r:7.2f} {ta * 1e3:10.3f} {tb * 1e3:10.3f}")

    # jvp vs vjp
    x, w = rng.normal(size=(8, 4, 16, 16)), rng.normal(size=(8, 4, 3, 3)) * 0.3
    vx, vw = rng.normal(size=x.shape), rng.normal(size=w.shape)
    u = rng.normal(size=(8, 8, 8, 8))
    row(
        "jvp / vjp  conv layer, x (8,4,16,16), w (8,4,3,3)",
        lambda: mg.jvp(conv_layer, (x, w), (vx, vw)),
        lambda: mg.vjp(conv_layer, (x, w), u),
    )
    for n_rows, width, n_out, note in ((32, 64, 10, ""), (2, 8, 8, " (overhead-bound)")):
        xs = (
            rng.normal(size=(n_rows, width)),
            rng.normal(size=(width, width)) * 0.1,
            rng.normal(size=(width, n_out)) * 0.1,
        )
        vs = tuple(rng.normal(size=t.shape) for t in xs)
        u_out = rng.normal(size=(n_rows, n_out))
        row(
            f"jvp / vjp  MLP, x ({n_rows},{width}), w1 ({width},{width}), w2 ({width},{n_out}){note}",
            lambda xs=xs, vs=vs: mg.jvp(mlp, xs, vs),
            lambda xs=xs, u_out=u_out: mg.vjp(mlp, xs, u_out),
        )

    # jacobian: forward vs reverse
    def layer(a_mat: np.ndarray) -> Callable[[mg.Tensor], mg.Tensor]:
        a_t = mg.tensor(a_mat, constant=True)
        return lambda t: mg.sin(mg.tanh(a_t @ t) * 2)

    tall, wide = layer(rng.normal(size=(400, 4))), layer(rng.normal(size=(4, 400)))
    n = max(5, a.pairs // 3)
    for name, fn, arg in (
        ("jacobian forward / reverse  tall-thin: R^4 -> R^400", tall, rng.normal(size=4)),
        ("jacobian forward / reverse  wide: R^400 -> R^4", wide, rng.normal(size=400)),
    ):
        row(
            name,
            lambda fn=fn, arg=arg: mg.jacobian(fn, arg, strategy="forward-mode"),
            lambda fn=fn, arg=arg: mg.jacobian(fn, arg, strategy="reverse-mode"),
            n,
        )
    xc = rng.normal(size=(1, 2, 12, 12))
    wc = rng.normal(size=(4, 2, 3, 3)) * 0.3
    row(
        "jacobian forward / reverse  conv w.r.t. w (72) -> (1,4,12,12) (576)",
        lambda: mg.jacobian(lambda t: mg.tanh(conv_nd(xc, t, padding=1)), wc, strategy="forward-mode"),
        lambda: mg.jacobian(lambda t: mg.tanh(conv_nd(xc, t, padding=1)), wc, strategy="reverse-mode"),
        n,
    )


if __name__ == "__main__":
    main()
