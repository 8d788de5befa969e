"""Small timing helpers for the benchmark: medians, percentiles and one result row."""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable, Optional


def timed(fn: Callable, *args, **kw) -> float:
    """Seconds one call of fn takes."""
    started = time.perf_counter()
    fn(*args, **kw)
    return time.perf_counter() - started


def runs(fn: Callable, n: int, *, warm: int = 0) -> list:
    """Seconds of n calls (after `warm` untimed calls)."""
    for _ in range(warm):
        fn()
    return [timed(fn) for _ in range(n)]


def median(values) -> float:
    return statistics.median(values)


def percentile(values, p: float) -> float:
    """The p-th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    rank = max(1, int(round(p / 100 * len(ordered) + 0.4999)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Result:
    """One line of the table: a figure, its floor measured beside it, and the target."""

    name: str
    value: Optional[float]  # seconds (or MiB when unit == "MiB"); None: not available
    floor: Optional[float] = None
    target: Optional[float] = None
    unit: str = "s"
    note: str = ""  # how it was measured, or why it is not available
    value_text: str = ""  # e.g. "p50 12 / p95 31 ms" when the figure has two parts

    @property
    def ratio(self) -> Optional[float]:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "" if self.value_text else "not available yet"
        if self.target is None:
            return ""
        return "PASS" if self.value < self.target else "MISS"


def show(value: Optional[float], unit: str) -> str:
    """A figure as a clerk-free engineer reads it: ms below 1 s, s above, MiB for memory."""
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"
