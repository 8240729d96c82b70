"""Cold start: seconds from the shell to the first plan, and the memory it took, per engine.

Each run is a fresh `kayas plan "..."` process, as a user starts it. The first run of an
engine gets an empty cache folder (`KAYAS_CACHE`): the llama.cpp engine then merges the LoRA
into a GGUF and saves the system prompt's KV cache, the torch engine dequantises the GGUF and
saves a safetensors copy. Later runs find all that in the cache. Peak resident memory is the
child's own `ru_maxrss` (`os.wait4`).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Any

from kayas.errors import KayasError

COMMAND = "create a todo list"


@dataclass
class ColdRun:
    engine: str
    run: str  # "first ever" (cache empty) or "later"
    seconds: float
    max_rss_mb: float
    plan: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def time_plan_process(engine: str, cache: str, adapter: str | None = None, command: str = COMMAND) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout) of one `kayas plan` process on `engine` with cache folder `cache`."""
    argv = [sys.executable, "-m", "kayas.cli.main", "plan", command, "--engine", engine, "--device", "cpu"]
    if adapter:
        argv += ["--adapter", adapter]
    env = {**os.environ, "KAYAS_CACHE": cache}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        last = (stderr.strip().splitlines() or ["?"])[-1]
        raise KayasError(f"kayas plan --engine {engine} failed: {last}")
    rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # Linux: kB
    return seconds, round(rss_mb, 1), stdout.strip()


def measure(engines: list[str], adapter: str | None = None, later_runs: int = 2) -> list[ColdRun]:
    """For each engine: the first run on an empty cache folder, then `later_runs` runs on the filled one."""
    runs: list[ColdRun] = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="kayas-cold-") as cache:
            for i in range(1 + later_runs):
                seconds, rss, plan = time_plan_process(engine, cache, adapter)
                runs.append(ColdRun(engine, "first ever" if i == 0 else "later", round(seconds, 2), rss, plan))
    return runs
