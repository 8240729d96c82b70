"""`kayas bench plan`: the llama.cpp engine, the torch engine and plain `generate`, one run.

Thin: parse, load one planner per engine (same adapter, same base), call
`kayas.bench.plan.compare` and `kayas.brain.cold_start.measure`, print.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options, quiet
from kayas.errors import KayasError


def register(bench: typer.Typer) -> None:
    @bench.command("plan")
    @brain_options()  # --max-new-tokens and --plan-seconds: the budget as `kayas plan` has it
    def bench_plan(
        data: Annotated[list[str] | None, typer.Option("--data", help="A training-format JSONL to time (repeat it; default: both hand-written sets).")] = None,
        limit: Annotated[int | None, typer.Option("--limit", help="Only the first N commands of each set.")] = None,
        engines: Annotated[str, typer.Option("--engines", help="Engines to compare, comma-separated.")] = "llamacpp,torch",
        generate_every: Annotated[int, typer.Option("--generate-every", help="Plain generate on every k-th command (0: never; it is slow).")] = 4,
        cold: Annotated[str, typer.Option("--cold", help="Engines whose cold start to measure (comma-separated, or none).")] = "llamacpp,torch",
        ideal: Annotated[bool, typer.Option("--ideal", help="Follow the known plans: a well-trained brain's latency.")] = False,
        random_lora: Annotated[bool, typer.Option("--random-lora", help="Measure with a random LoRA on the base (no trained brain needed).")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """The engines side by side and plain `model.generate`: latency, passes, agreement, cold start."""
        from kayas.bench.plan import BenchResult, compare, load_average
        from kayas.brain.cold_start import measure
        from kayas.testing.stand_ins import make_random_adapter

        names = [e.strip() for e in engines.split(",") if e.strip()]
        cold_names = [] if cold.strip().lower() in ("", "none") else [e.strip() for e in cold.split(",") if e.strip()]
        if not names or any(n not in ("llamacpp", "torch") for n in names + cold_names):
            raise KayasError("--engines and --cold take llamacpp and/or torch")
        sets = [Path(d).expanduser() for d in data] if data else None
        for path in sets or []:
            if not path.is_file():
                raise KayasError(f"data file not found: {path}")
        quiet()
        with tempfile.TemporaryDirectory() as tmp:
            if random_lora:
                brain.adapter = str(make_random_adapter(Path(tmp) / "random-lora", brain.model or "smollm2"))
            planners, quantize = {}, brain.quantize
            for name in names:
                brain.engine, brain.quantize = name, quantize if name == "torch" else None  # int8 is the torch engine's
                planners[name] = brain.planner()
            results = compare(planners, sets, limit=limit, generate_every=generate_every if "torch" in planners else 0, ideal=ideal)
            cold_runs = measure(cold_names, brain.adapter) if cold_names else []
        first = next(iter(planners.values()))
        result = BenchResult(first.engine.describe(), getattr(first.engine, "threads", 0), "ideal" if ideal else "free", results, [r.as_dict() for r in cold_runs], load_average())
        if as_json:
            typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        _print(result)


def _print(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for s in result.sets:
        table = Table(title=f"bench plan: {s.name}, {result.device}, {result.mode}", title_justify="left", show_edge=False)
        for col in ("", "n", "p50 ms", "p95 ms", "max ms", "passes", "ms/pass", "exact_match", "hit_budget"):
            table.add_column(col, justify="left" if not col else "right")
        for name, side in s.sides.items():
            exact = f"{side.exact_match:.1%}" if side.exact_match is not None else ""
            budget = str(side.hit_budget) if name != "generate" else ""
            table.add_row(name, str(side.n), f"{side.p50_ms:.1f}", f"{side.p95_ms:.1f}", f"{side.max_ms:.1f}", f"{side.passes_mean:.2f}",
                          f"{side.ms_per_pass:.1f}", exact, budget)
        console.print(table)
        _print_breakdown(console, s)
        extra = [f"{k}: {v:.2f}x (p50)" for k, v in s.ratios.items()]
        if s.identical is not None:
            extra.append(f"identical plans llamacpp/torch: {s.identical:.1%}")
        console.print("  " + "; ".join(extra), highlight=False)
    console.print(f"load average at the end: {result.load}", highlight=False)
    if result.cold_start:
        table = Table(title="cold start: `kayas plan` from the shell to the plan", title_justify="left", show_edge=False)
        for col in ("engine", "run", "seconds", "peak RSS MB"):
            table.add_column(col, justify="left" if col in ("engine", "run") else "right")
        for r in result.cold_start:
            table.add_row(r["engine"], r["run"], f"{r['seconds']:.2f}", f"{r['max_rss_mb']:.0f}")
        console.print(table)


def _print_breakdown(console, s) -> None:
    """Per forward pass: the model's time, then the decoder's own, part by part, as bars."""
    for name, side in s.sides.items():
        b = side.per_pass
        if name == "generate" or not (b.model or b.decoder):
            continue
        whole = b.model + b.decoder
        console.print(f"  {name}: {whole:.2f} ms per pass = model {b.model:.2f} + decoder {b.decoder:.2f}", highlight=False)
        for part in ("model", "head", "mask", "grammar", "draft", "other"):
            ms = getattr(b, part)
            bar = "#" * round(40 * ms / whole) if whole else ""
            console.print(f"    {part:<8}{ms:8.2f} ms  {bar}", highlight=False)
