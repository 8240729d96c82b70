"""`kayas bench plan`: the planner against plain `model.generate`, same model, prompts, commands.

Both sides produce the same number of tokens per command: the baseline generates exactly
as many as the planner's plan has, plus the end-of-turn token, as a model trained on the
plan would. With `ideal`, the planner follows the known plan text (the forward passes are
the real ones), which gives the latency of a well-trained brain even when the adapter is
random; without it, the planner's own output is timed, whatever it is.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from kayas.brain.evaluate import labelled_examples, percentile
from kayas.plan import dumps_plan, parse_plan

# Single-call commands from TOOLS.md's worked examples (the contract's own plans).
COMMANDS: list[tuple[str, list[dict[str, Any]]]] = [
    ("Create a todo list", [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt"}}]),
    ("kayas, add buy milk to errands.txt", [{"tool": "filesystem.append_file", "args": {"filename": "errands.txt", "content": "buy milk"}}]),
    ("Open YouTube and search for AI tutorials", [{"tool": "browser.run_steps", "args": {"steps": [{"action": "goto", "args": {"url": "https://www.youtube.com/results?search_query=AI+tutorials"}}]}}]),
    ("mail lee@uni.edu and kim@uni.edu, subject slides, body slides are up", [{"tool": "email.send", "args": {"to": "lee@uni.edu, kim@uni.edu", "subject": "slides", "body": "slides are up"}}]),
    ("start the terminal in the foreground", [{"tool": "process.start_program", "args": {"program": "terminal", "background": False}}]),
    ("run df -h", [{"tool": "process.run_command", "args": {"command": "df -h"}}]),
    ("close every vlc", [{"tool": "process.kill_process", "args": {"name": "vlc"}}]),
    ("copy my phone number 555 0199", [{"tool": "clipboard.copy_text", "args": {"text": "555 0199"}}]),
    ("what did I copy last, show me 3", [{"tool": "clipboard.get_history", "args": {"limit": 3}}]),
    ("click Apply in the Display Settings window", [{"tool": "uia.click_button", "args": {"window_title": "Display Settings", "button_text": "Apply"}}]),
    ("type the password hunter2 in the Password field of Sign In", [{"tool": "uia.type_text", "args": {"window_title": "Sign In", "text": "hunter2", "field": "Password"}}]),
    ("skip to some chill lofi", [{"tool": "spotify.play_query", "args": {"query": "chill lofi"}}]),
    ("let #design know the mockups are ready", [{"tool": "slack.send_message", "args": {"channel": "#design", "text": "the mockups are ready"}}]),
    ("where did I save the lease agreement", [{"tool": "local.search", "args": {"query": "lease agreement"}}]),
    ("show me the running processes", [{"tool": "process.list_processes", "args": {}}]),
    ("search google for python tutorials", [{"tool": "browser.run_steps", "args": {"steps": [{"action": "goto", "args": {"url": "https://www.google.com/search?q=python+tutorials"}}]}}]),
]


@dataclass
class BenchResult:
    device: str
    n: int
    planner_p50_ms: float
    planner_p95_ms: float
    baseline_p50_ms: float
    baseline_p95_ms: float
    speedup_p50: float
    mode: str
    threads: int
    planner_forwards_mean: float
    plan_tokens_mean: float

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def bench_commands(data: str | None = None, single_only: bool = True) -> list[tuple[str, str]]:
    """(command, canonical plan text) pairs: the built-in list or a training-format file."""
    if data is None:
        return [(c, dumps_plan(parse_plan(p))) for c, p in COMMANDS]
    rows = labelled_examples(data)
    if single_only:
        rows = [r for r in rows if len(r.calls()) == 1] or rows
    return [(r.command, dumps_plan(r.calls())) for r in rows]


def _baseline(planner, command: str, new_tokens: int) -> float:
    """Seconds for plain greedy `generate` of exactly `new_tokens` tokens from the full prompt."""
    import torch

    model = planner.brain.model
    ids = torch.tensor([planner.prompt_ids(command)], device=model.device)
    pad = planner.tokenizer.pad_token_id
    start = time.perf_counter()
    with torch.inference_mode():
        model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            do_sample=False,
            max_new_tokens=new_tokens,
            min_new_tokens=new_tokens,
            pad_token_id=pad if pad is not None else planner.tokenizer.eos_token_id,
        )
    _sync(model.device)
    return time.perf_counter() - start


def _sync(device) -> None:
    import torch

    if getattr(device, "type", str(device)) == "cuda":
        torch.cuda.synchronize()


def run_bench(planner, n: int = 32, ideal: bool = False, data: str | None = None, warmup: int = 2) -> BenchResult:
    """Time the planner and the baseline on n commands (cycling the list), interleaved."""
    import torch

    pairs = bench_commands(data)
    for command, plan in pairs[:warmup]:
        result = planner.decode(command, target=plan if ideal else None)
        _baseline(planner, command, len(result.tokens) + 1)
    ours, base, forwards, lengths = [], [], [], []
    for i in range(n):
        command, plan = pairs[i % len(pairs)]
        start = time.perf_counter()
        result = planner.decode(command, target=plan if ideal else None)
        _sync(planner.brain.model.device)
        ours.append(time.perf_counter() - start)
        base.append(_baseline(planner, command, len(result.tokens) + 1))
        forwards.append(result.forwards)
        lengths.append(len(result.tokens))
    p50, b50 = percentile(ours, 50) * 1000, percentile(base, 50) * 1000
    device = planner.brain.model.device
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({torch.get_num_threads()} threads)"
    return BenchResult(
        device=name,
        n=n,
        planner_p50_ms=round(p50, 1),
        planner_p95_ms=round(percentile(ours, 95) * 1000, 1),
        baseline_p50_ms=round(b50, 1),
        baseline_p95_ms=round(percentile(base, 95) * 1000, 1),
        speedup_p50=round(b50 / p50, 2) if p50 else 0.0,
        mode="ideal" if ideal else "free",
        threads=torch.get_num_threads(),
        planner_forwards_mean=round(sum(forwards) / n, 2),
        plan_tokens_mean=round(sum(lengths) / n, 2),
    )
