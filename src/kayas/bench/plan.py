"""`kayas bench plan`: the engines side by side, and plain `model.generate`, on the same brain.

One run, the same commands for every side, interleaved: the fast engine (llama.cpp), the torch
engine (the same decoder on transformers) and plain greedy `model.generate` on the torch
engine's merged weights, which generates exactly as many tokens as the torch plan has plus the
end-of-turn token. Per command set: p50/p95/max per command, forward passes, exact_match of
each engine, the plans that hit the budget, the share of plans the two engines agree on, and
where each pass's time goes (`Breakdown`: the model's forward pass against the decoder's own
work: masks, grammar, drafts, choosing, the rest). Plain `generate` is slow (about 10 tokens/s
on 2 cores), so it runs on every k-th command only.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kayas.brain.evaluate import labelled_examples, percentile
from kayas.errors import KayasError
from kayas.plan import PlanError, dumps_plan, parse_plan

HANDWRITTEN = ("handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl")

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


def bench_commands(data: str | None = None, single_only: bool = True) -> list[tuple[str, str]]:
    """(command, canonical plan text) pairs: the built-in list or a training-format file."""
    if data is None:
        return [(c, dumps_plan(parse_plan(p))) for c, p in COMMANDS]
    rows = labelled_examples(data)
    if single_only:
        rows = [r for r in rows if len(r.calls()) == 1] or rows
    return [(r.command, dumps_plan(r.calls())) for r in rows]


@dataclass
class Breakdown:
    """Milliseconds per forward pass, by where they went (a flame graph's first level)."""

    model: float = 0.0  # the engine's forward pass (llama_decode, or the torch model body)
    head: float = 0.0  # logits of the allowed ids, the copy bias, the pick
    mask: float = 0.0  # the grammar's allowed tokens
    grammar: float = 0.0  # consuming tokens, fast-forward
    draft: float = 0.0  # guesses (their masks included)
    other: float = 0.0  # the rest of the decoder: bookkeeping, the result

    @property
    def decoder(self) -> float:
        return round(self.head + self.mask + self.grammar + self.draft + self.other, 3)


@dataclass
class Side:
    """One engine's (or generate's) figures on one command set."""

    n: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    passes_mean: float = 0.0  # forward passes per command
    ms_per_pass: float = 0.0  # time in forward passes / passes
    exact_match: float | None = None  # None for generate (it only times)
    tokens_mean: float = 0.0  # plan tokens per command
    hit_budget: int = 0  # plans that gave up ([]) on the budget, tokens or seconds
    per_pass: Breakdown = field(default_factory=Breakdown)  # decoder sides only


@dataclass
class SetResult:
    name: str
    sides: dict[str, Side]
    identical: float | None  # share of commands whose plans are the same text on both engines
    differing: list[dict[str, str]] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)  # "torch/llamacpp", "generate/llamacpp" (p50)


@dataclass
class BenchResult:
    device: str
    threads: int
    mode: str  # "free" or "ideal"
    sets: list[SetResult]
    cold_start: list[dict[str, Any]] = field(default_factory=list)
    load: str = ""  # the load average (1, 5, 15 min) at the end: a busy machine's figures are not a benchmark

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_sets() -> list[Path]:
    """The two hand-written sets of the repository (`tests/data`)."""
    root = Path(__file__).resolve().parents[3] / "tests" / "data"
    paths = [root / n for n in HANDWRITTEN]
    if not all(p.is_file() for p in paths):
        raise KayasError("the hand-written sets are not here (tests/data of the repository): pass --data FILE.jsonl")
    return paths


@dataclass
class _Row:
    text: str
    ms: float
    forwards: int
    forward_ms: float
    tokens: int
    exact: bool | None
    truncated: bool = False
    parts_ms: dict[str, float] = field(default_factory=dict)  # Timings.as_ms() and the whole decode


def _time_plan(planner, command: str, expected: list[dict[str, Any]] | None, target: str | None) -> _Row:
    start = time.perf_counter()
    result = planner.decode(command, target=target)
    _sync(planner)
    ms = (time.perf_counter() - start) * 1000
    exact = None
    if expected is not None:
        try:
            exact = [c.as_json() for c in parse_plan(result.text, planner.registry)] == expected
        except PlanError:
            exact = False
    parts = {**result.timings.as_ms(), "decode": result.seconds * 1000}
    return _Row(result.text, ms, result.forwards, result.timings.forward * 1000, len(result.tokens), exact, result.truncated, parts)


def _generate(planner, command: str, new_tokens: int) -> float:
    """Milliseconds for plain greedy `generate` of exactly `new_tokens` tokens from the full prompt."""
    import torch

    model = planner.brain.model
    ids = torch.tensor([planner.prompt_ids(command)], device=model.device)
    eos = planner.tokenizer.eos_token_id
    start = time.perf_counter()
    with torch.inference_mode():
        model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=new_tokens, min_new_tokens=new_tokens, pad_token_id=eos)
    _sync(planner)
    return (time.perf_counter() - start) * 1000


def _sync(planner) -> None:
    model = getattr(planner.brain, "model", None)
    if model is not None and model.device.type == "cuda":
        import torch

        torch.cuda.synchronize()


def _side(rows: list[_Row]) -> Side:
    if not rows:
        return Side()
    ms = [r.ms for r in rows]
    passes = sum(r.forwards for r in rows)
    exact = [r.exact for r in rows if r.exact is not None]
    return Side(
        n=len(rows),
        p50_ms=round(percentile(ms, 50), 1),
        p95_ms=round(percentile(ms, 95), 1),
        max_ms=round(max(ms), 1),
        passes_mean=round(passes / len(rows), 2),
        ms_per_pass=round(sum(r.forward_ms for r in rows) / passes, 2) if passes else 0.0,
        exact_match=round(sum(exact) / len(exact), 4) if exact else None,
        tokens_mean=round(sum(r.tokens for r in rows) / len(rows), 1),
        hit_budget=sum(r.truncated for r in rows),
        per_pass=breakdown(rows, passes),
    )


def breakdown(rows: list[_Row], passes: int) -> Breakdown:
    """Where the decodes' time went, per forward pass."""
    if not passes or not any(r.parts_ms for r in rows):
        return Breakdown()
    total = {k: sum(r.parts_ms.get(k, 0.0) for r in rows) for k in ("forward", "head", "mask", "grammar", "draft", "decode")}
    known = sum(total[k] for k in ("forward", "head", "mask", "grammar", "draft"))
    per = {k: round(v / passes, 3) for k, v in total.items()}
    return Breakdown(per["forward"], per["head"], per["mask"], per["grammar"], per["draft"], round(max(total["decode"] - known, 0.0) / passes, 3))


def compare(
    planners: dict[str, Any],
    sets: list[Path] | None = None,
    limit: int | None = None,
    generate_every: int = 4,
    ideal: bool = False,
    warmup: int = 2,
    progress: Any = None,
) -> list[SetResult]:
    """Every planner (name -> Planner) and plain generate (on the "torch" planner's model), per set."""
    results = []
    for path in sets or default_sets():
        examples = labelled_examples(path)[: limit if limit and limit > 0 else None]
        cases = [(ex.command, [c.as_json() for c in ex.calls()]) for ex in examples]
        for command, expected in cases[:warmup]:
            for p in planners.values():
                p.decode(command, target=dumps_plan(parse_plan(expected)) if ideal else None)
        rows: dict[str, list[_Row]] = {name: [] for name in planners}
        generated: list[_Row] = []
        for i, (command, expected) in enumerate(cases):
            target = dumps_plan(parse_plan(expected)) if ideal else None
            for name, p in planners.items():
                rows[name].append(_time_plan(p, command, None if ideal else expected, target))
            torch_rows = rows.get("torch")
            if torch_rows is not None and generate_every > 0 and i % generate_every == 0:
                ms = _generate(planners["torch"], command, torch_rows[-1].tokens + 1)
                generated.append(_Row("", ms, torch_rows[-1].tokens + 1, ms, torch_rows[-1].tokens + 1, None))
            if progress:
                progress()
        sides = {name: _side(r) for name, r in rows.items()}
        if generated:
            sides["generate"] = _side(generated)
        identical, differing = None, []
        if "llamacpp" in rows and "torch" in rows:
            pairs = list(zip(cases, rows["llamacpp"], rows["torch"]))
            identical = round(sum(a.text == b.text for _, a, b in pairs) / len(pairs), 4)
            differing = [{"command": c, "llamacpp": a.text, "torch": b.text} for (c, _), a, b in pairs if a.text != b.text]
        fast = sides.get("llamacpp")
        ratios = {}
        if fast is not None and fast.p50_ms:
            ratios = {f"{k}/llamacpp": round(v.p50_ms / fast.p50_ms, 2) for k, v in sides.items() if k != "llamacpp" and v.p50_ms}
        results.append(SetResult(path.name, sides, identical, differing, ratios))
    return results


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for the report ("" where the system has none)."""
    import os

    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return ""
