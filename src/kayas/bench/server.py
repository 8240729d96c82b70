"""`kayas bench serve`: a bounded load test of `kayas serve` on loopback, against the in-process planner.

In one run, on the same commands and the same brain (the machine may be shared, so every
comparison is made between measurements taken in the same stretch of time):

1. warm-up: every command once in-process and once through the server (the grammar's lexer
   is built lazily, so first plans are slower);
2. pairs: each command planned in-process (`Assistant.plan`, the path the server takes, on a
   worker thread as in the server) and through `POST /plan` by one client, in alternating order;
   the client's time minus the server's own plan_ms is what the server adds to one plan;
3. load: N `/plan` requests from C clients at once (default 500 from 20), in rounds, with a
   few in-process plans between rounds; every status is counted (the only error the API
   documents under load is 503: queue full, or longer than the time limit), and each answer's server-side plan_ms is compared
   with the in-process plans of the same stretch.

The server runs in its own process (as a user runs it) with its own KAYAS_HOME in a temp
folder; it only ever plans (nothing runs). Every loop is bounded in count and time.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.bench.plan import bench_commands
from kayas.brain.evaluate import percentile
from kayas.errors import KayasError
from kayas.server.client import Client
from kayas.server.service import http_assistant


@dataclass
class BenchOptions:
    requests: int = 500
    clients: int = 20
    inprocess: int = 32  # pairs (in-process, then one client), and in-process plans spread over the load
    data: str | None = None  # a training-format file of commands; default: the built-in list
    queue_size: int | None = None  # the server's planner queue; default: the server's
    max_seconds: float = 1800.0  # the load phase stops here, whatever is left
    rounds: int = 10  # the load comes in this many rounds, with in-process plans between them
    adapter: str | None = None
    model: str | None = None
    device: str | None = None
    quantize: str | None = None
    max_new_tokens: int = 256


def _ms(samples: list[float], q: float) -> float:
    return round(percentile(samples, q) * 1000, 1) if samples else 0.0


_INPROCESS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-inprocess")


def _inprocess(assistant, commands: list[str], n: int) -> list[float]:
    """Seconds per `Assistant.plan`, called on one worker thread, as the server's planner lane calls it.

    (Not on the main thread: on an oversubscribed machine torch's OpenMP team of the main thread
    measured several times slower than that of a worker thread, which would flatter the server.)
    """
    def work() -> list[float]:
        seconds = []
        for i in range(n):
            started = time.perf_counter()
            assistant.plan(commands[i % len(commands)])
            seconds.append(time.perf_counter() - started)
        return seconds

    return _INPROCESS.submit(work).result()


class _ServerProcess:
    """`kayas serve --port 0` in a child process with a temp KAYAS_HOME; stopped with Ctrl-C."""

    def __init__(self, options: BenchOptions, home: Path) -> None:
        args = [sys.executable, "-m", "kayas.cli.main", "serve", "--port", "0", "--max-new-tokens", str(options.max_new_tokens)]
        for flag, value in (("--adapter", options.adapter), ("--model", options.model), ("--device", options.device),
                            ("--quantize", options.quantize), ("--queue-size", options.queue_size)):
            if value is not None:
                args += [flag, str(value)]
        env = {**os.environ, "KAYAS_HOME": str(home / "home"), "KAYAS_WORKSPACE": str(home / "workspace")}
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.url = self._wait_for_url(timeout_s=600)
        self.token = (home / "home" / "server-token").read_text().strip()

    def _wait_for_url(self, timeout_s: float) -> str:
        found: list[str] = []

        def read() -> None:
            for line in self.proc.stdout:  # type: ignore[union-attr]
                m = re.match(r"listening on (http://\S+)", line)
                if m and not found:
                    found.append(m.group(1))

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + timeout_s
        while not found:
            if self.proc.poll() is not None:
                raise KayasError(f"kayas serve exited: {' '.join(self.proc.stderr.read().split())[:300]}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                self.stop()
                raise KayasError(f"kayas serve did not listen within {timeout_s:g} s")
            time.sleep(0.05)
        return found[0]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()


def _timed_post(client: Client, command: str) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = client.post("/plan", {"command": command})
    took = time.perf_counter() - started
    if answer.status != 200:
        raise KayasError(f"one client got HTTP {answer.status}: {answer.text[:200]}")
    return took, answer


class _Load:
    """Requests from C threads in rounds; every status, latency and the server's own plan_ms."""

    def __init__(self, url: str, token: str, commands: list[str], options: BenchOptions) -> None:
        self.url, self.token, self.commands, self.options = url, token, commands, options
        self.counter = itertools.count()
        self.lock = threading.Lock()
        self.statuses: Counter[str] = Counter()
        self.latency: list[float] = []
        self.plan_s: list[float] = []
        self.errors: list[str] = []
        self.wall = 0.0
        self.deadline = time.monotonic() + options.max_seconds

    def round(self, upto: int) -> None:
        """Send requests until ``upto`` have been sent (or the deadline passes)."""
        started = time.perf_counter()
        threads = [threading.Thread(target=self._worker, args=(upto,), name=f"bench-client-{k}")
                   for k in range(self.options.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.wall += time.perf_counter() - started

    def _worker(self, upto: int) -> None:
        client = Client(self.url, self.token, timeout_s=180)
        try:
            while time.monotonic() < self.deadline:
                with self.lock:
                    i = next(self.counter)
                if i >= upto:
                    with self.lock:  # not sent: the next round takes it
                        self.counter = itertools.count(i)
                    return
                started = time.perf_counter()
                try:
                    answer = client.post("/plan", {"command": self.commands[i % len(self.commands)]})
                except OSError as exc:
                    with self.lock:
                        self.statuses["connection error"] += 1
                        self.errors.append(f"{type(exc).__name__}: {exc}")
                    client.close()
                    continue
                took = time.perf_counter() - started
                with self.lock:
                    self.statuses[str(answer.status)] += 1
                    if answer.status == 200:
                        self.latency.append(took)
                        self.plan_s.append(answer.json["timings"]["plan_ms"] / 1000)
                    elif answer.status != 503 and len(self.errors) < 5:
                        self.errors.append(f"HTTP {answer.status}: {answer.text[:200]}")
        finally:
            client.close()

    def figures(self) -> dict[str, Any]:
        ok = self.statuses.get("200", 0)
        return {
            "clients": self.options.clients,
            "requests_sent": sum(self.statuses.values()),
            "statuses": dict(sorted(self.statuses.items())),
            "errors_other_than_503": sum(v for k, v in self.statuses.items() if k not in ("200", "503")),
            "error_samples": self.errors,
            "wall_s": round(self.wall, 1),
            "plans_per_s": round(ok / self.wall, 2) if self.wall else 0.0,
            "wall_per_plan_ms": round(self.wall / ok * 1000, 1) if ok else 0.0,
            "latency_p50_ms": _ms(self.latency, 50),
            "latency_p95_ms": _ms(self.latency, 95),
            "server_plan_p50_ms": _ms(self.plan_s, 50),
            "server_plan_p95_ms": _ms(self.plan_s, 95),
        }


def run_bench(options: BenchOptions, planner: Callable[[], Any]) -> dict[str, Any]:
    """Every figure of one run (see the module's docstring)."""
    commands = [c for c, _ in bench_commands(options.data)]
    load_before = os.getloadavg()
    say = lambda text: print(f"bench serve: {text}", file=sys.stderr, flush=True)  # noqa: E731
    say("loading the brain in-process...")
    assistant = http_assistant(planner=planner())
    with tempfile.TemporaryDirectory(prefix="kayas-bench-serve-") as tmp:
        say("starting kayas serve...")
        server = _ServerProcess(options, Path(tmp))
        client = Client(server.url, server.token)
        try:
            say(f"warm-up: {len(commands)} commands in-process and through the server...")
            _inprocess(assistant, commands, len(commands))
            for c in commands:
                _timed_post(client, c)
            say(f"pairs: {options.inprocess} commands, in-process then one client...")
            paired_in, paired_http, server_side = [], [], []
            for i in range(options.inprocess):
                command = commands[i % len(commands)]
                if i % 2:  # in-process first, then the server, then the other way round: drift cancels
                    paired_in += _inprocess(assistant, [command], 1)
                took, answer = _timed_post(client, command)
                if not i % 2:
                    paired_in += _inprocess(assistant, [command], 1)
                paired_http.append(took)
                server_side.append(answer.json["timings"]["plan_ms"] / 1000)
            client.close()
            rounds = max(1, min(options.rounds, options.requests))
            per_round = max(1, options.inprocess // rounds)
            say(f"load: {options.requests} requests from {options.clients} clients in {rounds} rounds, "
                f"{per_round} in-process plans after each...")
            load = _Load(server.url, server.token, commands, options)
            during: list[float] = []
            for r in range(1, rounds + 1):
                load.round(upto=options.requests * r // rounds)
                during += _inprocess(assistant, commands[(r * per_round) % len(commands):] + commands, per_round)
        finally:
            client.close()
            server_exit = server.stop()
    load_figures = load.figures()
    in_p50 = percentile(paired_in, 50) * 1000
    during_p50 = percentile(during, 50) * 1000
    return {
        "commands": len(commands),
        "device": _device(assistant),
        "pairs": options.inprocess,
        "inprocess_p50_ms": round(in_p50, 1),
        "inprocess_p95_ms": _ms(paired_in, 95),
        "one_client_p50_ms": _ms(paired_http, 50),
        "one_client_p95_ms": _ms(paired_http, 95),
        "one_client_server_side_p50_ms": _ms(server_side, 50),
        "one_client_over_inprocess_p50": round(percentile(paired_http, 50) * 1000 / in_p50, 3),
        "pair_ratio_p50": round(percentile([h / p for h, p in zip(paired_http, paired_in)], 50), 3),
        "server_overhead_p50_ms": _ms([h - p for h, p in zip(paired_http, server_side)], 50),
        "server_overhead_p95_ms": _ms([h - p for h, p in zip(paired_http, server_side)], 95),
        "load": load_figures,
        "inprocess_during_load_p50_ms": round(during_p50, 1),
        "inprocess_during_load_n": len(during),
        "load_server_plan_over_inprocess_p50": round(load_figures["server_plan_p50_ms"] / during_p50, 3) if during_p50 else 0.0,
        "server_exit_code": server_exit,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpu_cores": os.cpu_count(),
    }


def _device(assistant) -> str:
    model = getattr(getattr(assistant.planner, "brain", None), "model", None)
    if model is None:
        return "unknown"
    import torch

    return "cuda" if model.device.type == "cuda" else f"cpu ({torch.get_num_threads()} threads)"


def print_figures(figures: dict[str, Any], as_json: bool = False) -> None:
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    load = figures["load"]
    lines = [
        f"device: {figures['device']}; {figures['cpu_cores']} cores; load average {figures['load_average_before']} before, "
        f"{figures['load_average_after']} after",
        f"pairs ({figures['pairs']} commands of {figures['commands']}): in-process p50 {figures['inprocess_p50_ms']} ms "
        f"(p95 {figures['inprocess_p95_ms']}); one client POST /plan p50 {figures['one_client_p50_ms']} ms "
        f"(p95 {figures['one_client_p95_ms']}) = {figures['one_client_over_inprocess_p50']:.3f} x in-process; "
        f"median of the pairs' ratios {figures['pair_ratio_p50']:.3f}",
        f"  what the server adds to one plan (client's time minus the server's plan_ms): p50 "
        f"{figures['server_overhead_p50_ms']} ms, p95 {figures['server_overhead_p95_ms']} ms",
        f"load: {load['requests_sent']} requests from {load['clients']} clients in {load['wall_s']} s: statuses "
        f"{load['statuses']}; errors other than 503: {load['errors_other_than_503']}",
        f"  latency (queue included) p50 {load['latency_p50_ms']} ms, p95 {load['latency_p95_ms']} ms; "
        f"{load['plans_per_s']} plans/s, {load['wall_per_plan_ms']} ms of wall time per plan",
        f"  per plan under load: server-side plan_ms p50 {load['server_plan_p50_ms']} ms (p95 {load['server_plan_p95_ms']}) "
        f"= {figures['load_server_plan_over_inprocess_p50']:.3f} x the in-process p50 between rounds "
        f"({figures['inprocess_during_load_p50_ms']} ms, n={figures['inprocess_during_load_n']})",
        f"server stopped with exit code {figures['server_exit_code']}",
    ]
    for sample in load["error_samples"]:
        lines.append(f"  error: {sample}")
    print("\n".join(lines))
