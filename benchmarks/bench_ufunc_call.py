"""Cost of the ufunc objects: ``mg.multiply(x, c)`` against the plain function the object calls.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_ufunc_call.py

``mg.add``, ``mg.exp``, ... are ufunc objects (classes whose type holds the function as a static
``__call__``; see ``mygrad_like/ufuncs.py``). This times, in one process and alternating run by
run, a loop of calls through the object and the same loop calling the function it wraps
directly, on a small tensor (16 float64 elements: the per-call overhead dominates), with graph
recording on. It prints the median of the per-pair time ratios and the median time per call.
Operators (``x * c``) do not go through the ufunc objects; benchmarks/bench_overhead.py times them.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import mygrad_like as mg


def loop(f, x, other, n: int) -> float:
    t0 = time.perf_counter()
    if other is None:
        for _ in range(n):
            f(x)
    else:
        for _ in range(n):
            f(x, other)
    return time.perf_counter() - t0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--calls", type=int, default=2000, help="calls per timed loop")
    p.add_argument("--pairs", type=int, default=60, help="alternating (object, function) pairs")
    a = p.parse_args()
    x = mg.tensor(np.linspace(0.1, 1.0, 16))
    print(f"{a.calls} calls per loop on a 16-element tensor, {a.pairs} alternating pairs, medians")
    print(f"{'ufunc':10s} {'object/function':>16s} {'us/call (object)':>17s}")
    for name, other in [("multiply", 1.5), ("add", x), ("exp", None), ("sqrt", None)]:
        obj = getattr(mg, name)
        plain = type(obj).__dict__["__call__"].__func__  # the function the object calls
        for _ in range(3):  # warm-up
            loop(obj, x, other, a.calls), loop(plain, x, other, a.calls)
        ratios, times = [], []
        for k in range(a.pairs):
            if k % 2:
                t_obj = loop(obj, x, other, a.calls)
                t_fn = loop(plain, x, other, a.calls)
            else:
                t_fn = loop(plain, x, other, a.calls)
                t_obj = loop(obj, x, other, a.calls)
            ratios.append(t_obj / t_fn)
            times.append(t_obj / a.calls)
        print(f"{name:10s} {statistics.median(ratios):16.3f} {1e6 * statistics.median(times):17.2f}")


if __name__ == "__main__":
    main()
