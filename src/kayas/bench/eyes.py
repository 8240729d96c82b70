"""How fast the Eyes are: window lookup, full tree walk and a click, each the median of several runs."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from kayas.eyes.base import Backend


@dataclass
class Timing:
    name: str
    median_ms: float
    min_ms: float
    runs: int
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "median_ms": round(self.median_ms, 3), "min_ms": round(self.min_ms, 3),
                "runs": self.runs, "note": self.note}


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def run_bench(make: Callable[[], Backend], title: str, button: str | None = None, runs: int = 20) -> list[Timing]:
    """Time each step on the window ``title``; ``button`` (optional) is clicked ``runs`` times."""
    timings = []
    start = time.perf_counter()
    backend = make()
    backend.find_window(title)
    first = (time.perf_counter() - start) * 1000
    timings.append(Timing("first lookup (connect to the bus + list windows)", first, first, 1))
    med, low = _time(lambda: backend._match_window(title, backend.windows(refresh=True)), runs)
    timings.append(Timing("window lookup (fresh window list)", med, low, runs, f"{len(backend.windows())} windows"))
    med, low = _time(lambda: backend.find_window(title), runs)
    timings.append(Timing("window lookup (cached window list)", med, low, runs))
    window = backend.find_window(title)
    count = sum(1 for _ in backend._tree(window).walk())
    med, low = _time(lambda: backend._tree(window), runs)
    timings.append(Timing("full tree walk", med, low, runs, f"{count} controls"))
    if button:
        med, low = _time(lambda: backend.click_button(title, button), runs)
        timings.append(Timing(f"click '{button}' (lookup + find the button + action)", med, low, runs))
    return timings
