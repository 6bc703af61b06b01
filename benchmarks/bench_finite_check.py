"""What the finiteness check of ``algorithm="auto"`` costs when the cost model picks the FFT.

Run (from the checkout root):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONPATH=. python benchmarks/bench_finite_check.py

With ``algorithm="auto"`` a call that the cost model sends to the FFT first checks that every
operand is finite (one summing pass over each), and takes the direct path otherwise, so that
a NaN or inf stays where the direct path puts it. This script times, in one process and
alternating call by call, the same convolution with ``algorithm="fft"`` (no check) and with
``algorithm="auto"`` (check + FFT), forward alone and forward + backward, and reports the
median of the per-pair ratios auto / fft. It also times the check alone (of ``x`` and ``w``)
against the FFT call; a forward + backward pass runs three such checks, one per kernel call
(forward, input gradient, filter gradient). Inputs are finite, so both calls do the same
FFT work.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import mygrad_like as mg
from mygrad_like.nnet import _windows as W
from mygrad_like.nnet import conv_nd
from mygrad_like.nnet.conv import _finite, _resolve_algorithm


def _forward(x: np.ndarray, w: np.ndarray, algorithm: str) -> float:
    t0 = time.perf_counter()
    conv_nd(x, w, algorithm=algorithm, constant=True)
    return time.perf_counter() - t0


def _forward_backward(x: np.ndarray, w: np.ndarray, algorithm: str) -> float:
    xt, wt = mg.tensor(x), mg.tensor(w)
    t0 = time.perf_counter()
    conv_nd(xt, wt, algorithm=algorithm).sum().backward()
    return time.perf_counter() - t0


def _check(x: np.ndarray, w: np.ndarray) -> float:
    t0 = time.perf_counter()
    _finite(x, w)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    cases = [
        ("x (2,4,64,64) w (4,4,31,31) float64", (2, 4, 64, 64), (4, 4, 31, 31), np.float64),
        ("x (2,4,64,64) w (4,4,31,31) float32", (2, 4, 64, 64), (4, 4, 31, 31), np.float32),
        ("x (8,16,64,64) w (16,16,15,15) float32", (8, 16, 64, 64), (16, 16, 15, 15), np.float32),
    ]
    print(f"{'case':<42} {'pass':<8} {'fft ms':>8} {'auto/fft':>9} {'check ms':>9} {'check/fft':>10}")
    for name, xs, ws, dt in cases:
        x, w = rng.normal(size=xs).astype(dt), rng.normal(size=ws).astype(dt)
        geom = W.make_geometry(xs[2:], ws[2:], (1, 1), (1, 1), ((0, 0), (0, 0)))
        assert _resolve_algorithm("auto", geom, xs[0], xs[1], ws[0], 1) == "auto-fft", name
        for label, fn in (("forward", _forward), ("fwd+bwd", _forward_backward)):
            fn(x, w, "fft"), fn(x, w, "auto")  # warm-up (workspaces, FFT plans)
            ratios, ffts = [], []
            for i in range(args.repeats):
                if i % 2:
                    t_auto, t_fft = fn(x, w, "auto"), fn(x, w, "fft")
                else:
                    t_fft, t_auto = fn(x, w, "fft"), fn(x, w, "auto")
                ratios.append(t_auto / t_fft)
                ffts.append(t_fft)
            checks = [_check(x, w) for _ in range(args.repeats)]
            t_fft, t_check = float(np.median(ffts)), float(np.median(checks))
            print(
                f"{name:<42} {label:<8} {t_fft * 1e3:8.2f} {np.median(ratios):9.3f} "
                f"{t_check * 1e3:9.3f} {t_check / t_fft:10.4f}"
            )


if __name__ == "__main__":
    main()
