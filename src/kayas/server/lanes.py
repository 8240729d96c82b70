"""Lanes: one worker thread each, a bounded number of jobs, a time limit per request.

The planner is one loaded model: its requests queue in the planner lane, so a burst waits
its turn instead of piling threads onto two cores. Plans run in the run lane, one at a time
and always on the same thread (the browser's Playwright session is bound to the thread that
started it, and two plans should not interleave on one workspace). A lane that is full
answers at once (`Busy`, a 503), and so does one whose queue would take longer than the time
limit (the jobs ahead, and its own, times the 90th percentile of the last 50 jobs' times: on a
shared machine plan times vary several-fold, and a mean lets through requests that then wait
past the limit): that request would only wait to fail.
A request that still waits too long gets `TimedOut` (a 504); a job that had not started by
then is dropped, one that had is left to finish.
"""
from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from kayas.errors import KayasError

T = TypeVar("T")


class Busy(KayasError):
    """The lane holds as many jobs as it may, or more work than its time limit: try again shortly."""

    def __init__(self, message: str, retry_after_s: int = 1) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class TimedOut(KayasError):
    """The request waited past its time limit."""


class Lane:
    """A single-thread executor with a cap on jobs waiting or running, and a timeout."""

    def __init__(self, name: str, capacity: int, timeout_s: float) -> None:
        if capacity < 1:
            raise KayasError(f"the {name} queue must hold at least 1 request")
        self.name = name
        self.capacity = capacity
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"kayas-{name}")
        self._lock = threading.Lock()
        self._jobs = 0  # submitted and not finished
        self.served = 0
        self.refused = 0
        self.busy_s = 0.0  # time the worker spent on jobs
        self._recent: deque[float] = deque(maxlen=50)  # the last jobs' times

    @property
    def jobs(self) -> int:
        return self._jobs

    def _release(self, _: Future) -> None:
        with self._lock:
            self._jobs -= 1

    def _timed(self, fn: Callable[..., T], args: tuple) -> T:
        started = time.perf_counter()
        try:
            return fn(*args)
        finally:
            took = time.perf_counter() - started
            self.busy_s += took
            self.served += 1
            self._recent.append(took)

    async def call(self, fn: Callable[..., T], *args: Any, timeout_s: float | None = None) -> T:
        """Run ``fn(*args)`` on the lane's thread; Busy when full, TimedOut past the limit."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        with self._lock:
            if self._jobs >= self.capacity:
                self.refused += 1
                raise Busy(f"busy: {self._jobs} requests are already waiting for the {self.name}; try again shortly",
                           self._retry_after(limit))
            per_job = self.job_s()
            expected = (self._jobs + 1) * per_job
            if expected > limit:
                self.refused += 1
                raise Busy(f"busy: the {self.name} has up to {expected - per_job:.0f} s of work queued, "
                           f"more than the {limit:g} s limit allows; try again shortly", self._retry_after(limit))
            self._jobs += 1
        try:
            future = self._pool.submit(self._timed, fn, args)
        except RuntimeError:  # shut down
            self._release(None)  # type: ignore[arg-type]
            raise Busy(f"the {self.name} is shutting down") from None
        future.add_done_callback(self._release)
        try:
            # On a timeout wait_for cancels the wrapper, which cancels the job if it has not started.
            return await asyncio.wait_for(asyncio.wrap_future(future), limit)
        except TimeoutError:
            raise TimedOut(f"the {self.name} did not answer within {limit:g} s") from None

    def job_s(self) -> float:
        """A cautious time per job: the 90th percentile of the last 50 (0 before the first)."""
        if not self._recent:
            return 0.0
        ordered = sorted(self._recent)
        return ordered[int(0.9 * (len(ordered) - 1))]

    def _retry_after(self, limit: float) -> int:
        """Seconds until the queue is likely short enough again (at least 1)."""
        per_job = self.job_s()
        if not per_job:
            return 1
        excess = (self._jobs + 1) * per_job - limit
        return max(1, math.ceil(max(excess, per_job)))

    def shutdown(self) -> None:
        """Drop what waits; what runs finishes."""
        self._pool.shutdown(wait=False, cancel_futures=True)
