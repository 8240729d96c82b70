"""`kayas plan`, `kayas eval` and `kayas bench plan`: the brain's commands (run: run_cmd; chat: chat_cmd)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options
from kayas.errors import KayasError


def _read_lines(file: str) -> list[str]:
    if file == "-":
        data = getattr(sys.stdin, "buffer", sys.stdin).read()
        return (data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data).splitlines()
    path = Path(file).expanduser()
    if not path.is_file():
        raise KayasError(f"file not found: {file}")
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def register(app: typer.Typer) -> None:
    @app.command("plan")
    @brain_options()
    def plan(
        command: Annotated[str | None, typer.Argument(help="What to do, in your words.")] = None,
        file: Annotated[str | None, typer.Option("--file", "-f", help="One command a line (- for stdin); one plan a line out.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help='One object a line: {"command", "plan", "confidence", "ms"}.')] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """Print the plan for a command as one line of JSON (always a valid plan)."""
        from kayas.command import clean_command
        from kayas.plan import dumps_plan

        if (command is None) == (file is None):
            raise KayasError('give a command or --file, e.g. kayas plan "create a todo list"')
        commands = [command] if file is None else _read_lines(file)
        for i, c in enumerate(commands, 1):  # check every line before loading the model
            if file and not c.strip():
                continue  # a blank line plans to [], so the output stays line for line
            try:
                clean_command(c)
            except KayasError as exc:
                raise KayasError(f"line {i}: {exc}" if file else str(exc)) from None
        planner = brain.planner()
        for c in commands:
            if not c.strip():
                typer.echo(json.dumps({"command": c, "plan": [], "confidence": None, "ms": 0.0}) if as_json else "[]")
                continue
            if not as_json:
                typer.echo(dumps_plan(planner.plan(c)))
                continue
            res = planner.plan_result(c)
            row = {"command": c, "plan": [x.as_json() for x in res.calls], "confidence": round(res.confidence, 4), "ms": round(res.decode.seconds * 1000, 1)}
            typer.echo(json.dumps(row, ensure_ascii=False))

    @app.command("eval")
    @brain_options(plan_seconds=0.0)
    def eval_(
        data: Annotated[str, typer.Option("--data", "-d", help="JSONL in the training format.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        show_misses: Annotated[bool, typer.Option("--show-misses", help="List every command whose plan differs.")] = False,
        limit: Annotated[int | None, typer.Option("--limit", help="Only the first N examples.")] = None,
        outcomes_file: Annotated[str | None, typer.Option("--outcomes", help="Write every example's outcome (plan, confidence, features) as JSONL here.")] = None,
        show_coverage: Annotated[bool, typer.Option("--coverage", help="Print what confidence thresholds trade: coverage against error.")] = False,
        calibrate: Annotated[bool, typer.Option("--calibrate", help="Fit the confidence calibration and the gate's bars on this data (a hand-labelled calibration set, never a scored one) and write them into the adapter folder.")] = False,
        show_gate: Annotated[bool, typer.Option("--gate", help="Print, per risk class, the share of right plans the gate asks about and of the plans it runs unasked that are wrong.")] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """Score the planner on labelled commands: json_valid, tool_sequence_acc, exact_match, latency."""
        from kayas.brain.evaluate import coverage, labelled_examples, report, run_all

        examples = labelled_examples(data)[: limit if limit and limit > 0 else None]
        planner = brain.planner()
        outcomes = run_all(planner, examples)
        rep = report(outcomes)
        if outcomes_file:
            _write_outcomes(outcomes, outcomes_file)
        if calibrate:
            _calibrate(planner, outcomes, data)
        table = coverage(outcomes, THRESHOLDS) if show_coverage else None
        gate = _gate_table(planner, outcomes) if show_gate else None
        if as_json:
            out = rep.as_dict(with_misses=show_misses)
            if table is not None:
                out["coverage"] = table
            if gate is not None:
                out["gate"] = gate
            typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
            return
        _print_eval(rep, show_misses)
        if table is not None:
            _print_coverage(table)
        if gate is not None:
            _print_gate(gate)


THRESHOLDS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99]


def _write_outcomes(outcomes, path: str) -> None:
    with open(Path(path).expanduser(), "w", encoding="utf-8") as f:
        for o in outcomes:
            row = {
                "command": o.example.command, "category": o.category, "expected": o.expected, "got": o.got,
                "exact": o.exact, "confidence": o.confidence, "features": o.features, "truncated": o.truncated, "timed_out": o.timed_out, "capped": o.capped,
                "side_effect": o.side_effect, "destructive": o.destructive, "ms": round(o.seconds * 1000, 2),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _calibrate(planner, outcomes, data: str) -> None:
    from kayas.assistant.gate import choose_bars, plan_risk
    from kayas.brain.confidence import fit

    usable = [o for o in outcomes if not o.truncated and not o.capped]
    cal = fit([o.features for o in usable], [o.exact for o in usable])
    cal.fitted_on = f"{Path(data).name}: {len(usable)} plans"
    scores = [cal(o.features) if o in usable else 0.0 for o in outcomes]
    # The bars bound the error of what `kayas run` would execute unasked, per risk class.
    cal.thresholds = choose_bars([(plan_risk(o.got, planner.registry), sc, o.exact) for o, sc in zip(outcomes, scores)])
    cal.threshold = cal.thresholds["other"]
    path = cal.save(planner.brain.info.path)
    for o, sc in zip(outcomes, scores):
        o.confidence = sc
    bars = ", ".join(f"{k} {v:.4f}" for k, v in cal.thresholds.items())
    typer.echo(f"calibration written to {path} (bars: {bars})", err=True)


def _gate_table(planner, outcomes) -> list[dict]:
    from kayas.assistant.gate import Gate, gate_table, plan_risk

    gate = Gate.calibrated(getattr(planner, "confidence_thresholds", None), getattr(planner, "confidence_threshold", None))
    return gate_table([(plan_risk(o.got, planner.registry), o.confidence or 0.0, o.exact) for o in outcomes], gate)


def _print_gate(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="the gate, per risk class", title_justify="left", show_edge=False)
    for col in ("risk", "plans", "bar", "right plans asked", "run unasked", "wrong among them"):
        table.add_column(col, justify="left" if col == "risk" else "right")
    for r in rows:
        bar = "" if r["bar"] is None else f"{r['bar']:.4f}"
        table.add_row(r["risk"], str(r["plans"]), bar, f"{r['right_asked']:.1%}", str(r["ran_unasked"]), f"{r['wrong_unasked']:.1%}")
    Console().print(table)


def _print_coverage(table) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="confidence threshold: coverage vs error", title_justify="left", show_edge=False)
    for col in ("threshold", "coverage", "plans kept", "error", "wrong kept"):
        t.add_column(col, justify="right")
    for r in table:
        t.add_row(f"{r['threshold']:.2f}", f"{r['coverage']:.1%}", str(r["kept"]), f"{r['error']:.2%}", str(r["wrong_kept"]))
    Console().print(t)


def _print_eval(rep, show_misses: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="eval", title_justify="left", show_edge=False)
    for col in ("category", "n", "json_valid", "tool_sequence_acc", "exact_match", "no_side_effect", "empty", "destructive"):
        table.add_column(col, justify="left" if col == "category" else "right")
    for name, s in [*rep.per_category.items(), ("ALL", rep.overall)]:
        table.add_row(
            name, str(s.n), f"{s.json_valid:.1%}", f"{s.tool_sequence_acc:.1%}", f"{s.exact_match:.1%}",
            f"{s.no_side_effect:.1%}", f"{s.empty:.1%}", f"{s.destructive:.1%}",
        )
    console.print(table)
    console.print(f"latency p50 {rep.latency_p50_ms:.1f} ms, p95 {rep.latency_p95_ms:.1f} ms, {rep.tokens_per_s:.0f} tokens/s")
    console.print(f"plans that hit the budget (gave up: []): {rep.hit_budget}, {rep.hit_deadline} of them on the clock; plans with a string cut at its length cap: {rep.capped}")
    if show_misses:
        for m in rep.misses:
            console.print(f"[yellow]miss[/] ({m['category']}) {m['command']}", markup=True, highlight=False)
            console.print(f"  expected {json.dumps(m['expected'], ensure_ascii=False)}", markup=False, highlight=False)
            console.print(f"  got      {json.dumps(m['got'], ensure_ascii=False)}", markup=False, highlight=False)


def register_bench(bench: typer.Typer) -> None:
    """`kayas bench plan` (kayas.cli.bench_plan_cmd), added to the bench group that `kayas.cli.main` hands in."""
    from kayas.cli import bench_plan_cmd

    bench_plan_cmd.register(bench)
