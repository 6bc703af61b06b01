"""Cost of ``x[idx] = v`` inside a graph (and the backward through the writes), vs MyGrad.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_setitem.py

Setup: ``y = x * 1`` for a float64 leaf ``x`` of ``--size`` elements, then ``--writes``
item assignments ``y[i] = v * k`` (an int index, a variable ``v``), then ``y.sum().backward()``.
The two libraries run alternately, call by call, in one process; reported: the median of
the per-pair time ratios and each library's median time per write.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import mygrad_like


def run(mg, size: int, writes: int) -> float:
    x = mg.tensor(np.linspace(0.1, 1.0, size))
    v = mg.tensor(2.0)
    t0 = time.perf_counter()
    y = x * 1
    for k in range(writes):
        y[k % size] = v * k
    y.sum().backward()
    return time.perf_counter() - t0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--writes", type=int, default=200)
    p.add_argument("--pairs", type=int, default=15)
    a = p.parse_args()
    import mygrad

    ours, theirs = [], []
    for _ in range(a.pairs):
        ours.append(run(mygrad_like, a.size, a.writes))
        theirs.append(run(mygrad, a.size, a.writes))
    ratios = [o / t for o, t in zip(ours, theirs)]
    per = 1e6 / a.writes
    print(f"y[i] = v*k, {a.writes} writes into {a.size} float64 elements inside a graph, then backward")
    print(f"mygrad_like {statistics.median(ours) * per:8.1f} us/write")
    print(f"mygrad      {statistics.median(theirs) * per:8.1f} us/write")
    print(
        f"median ratio mygrad_like / mygrad over {a.pairs} interleaved pairs: {statistics.median(ratios):.2f}"
    )


if __name__ == "__main__":
    main()
