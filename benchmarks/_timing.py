"""Timing two implementations in one process, alternating call by call.

Separate runs on a shared machine differ by 2-3x, so every comparison in these
benchmarks calls the two sides in turn (a b, b a, a b, ...) and reports the median of
the per-pair ratios next to the median times.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(
    fa: Callable[[], object],
    fb: Callable[[], object],
    min_time: float,
    *,
    min_pairs: int = 7,
    max_pairs: int | None = 400,
    warmup: int = 1,
) -> tuple[float, float, float]:
    """(median time of ``fa``, median time of ``fb``, median of the per-pair ratios
    ``t_a / t_b``), after ``warmup`` calls of each, the two called alternately for at least
    ``min_time`` seconds and ``min_pairs`` pairs (and at most ``max_pairs``, if given)."""
    for _ in range(warmup):  # allocations, thread pools, caches
        fa()
        fb()
    ta: list[float] = []
    tb: list[float] = []
    start = time.perf_counter()
    while len(ta) < min_pairs or (
        time.perf_counter() - start < min_time and (max_pairs is None or len(ta) < max_pairs)
    ):
        first, second = (fa, fb) if len(ta) % 2 == 0 else (fb, fa)
        t0 = time.perf_counter()
        first()
        t1 = time.perf_counter()
        second()
        t2 = time.perf_counter()
        a, b = (t1 - t0, t2 - t1) if first is fa else (t2 - t1, t1 - t0)
        ta.append(a)
        tb.append(b)
    ratios = [a / b for a, b in zip(ta, tb)]
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)
