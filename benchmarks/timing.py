"""Timing helper shared by the benchmark modules."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeats: int, func: Callable[[], object]) -> float:
    """The fastest of `repeats` runs of `func`, in seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best
