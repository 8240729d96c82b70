"""How the CLI shows an `Assistant` at work: the plan, the terminal's yes/no, the report.

`kayas do`, `kayas run` and `kayas chat` all go through `run_and_show`, so a planned command
and a typed plan look alike. Everything here is presentation; the path itself is
`kayas.assistant.Assistant`.
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kayas.assistant import Assistant, CallResult, PlanOutcome, RunReport
from kayas.plan import Call
from kayas.registry import Registry

# The CLI's words for how a refused destructive call can be allowed.
REFUSAL_HINT = "pass --yes to allow destructive calls, or run on a terminal to confirm each one"

_STYLE = {"ok": "green", "failed": "red", "refused": "yellow", "skipped": "dim", "dry-run": "cyan"}

# The options of every command that runs a plan (`kayas do`, `kayas run`).
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Run destructive calls without asking.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would run; run nothing.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the results as JSON.")]


def _short(value: Any, width: int = 70) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return escape(text if len(text) <= width else text[: width - 1] + "…")  # "[/]" in an argument is text, not markup


def plan_table(calls: list[Call], registry: Registry) -> Table:
    table = Table(title="plan", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("tool")
    table.add_column("args", overflow="fold")
    for i, call in enumerate(calls):
        mark = " [bold yellow](destructive)[/]" if call.tool in registry and registry.get(call.tool).destructive else ""
        table.add_row(str(i), escape(call.tool) + mark, _short(call.args, 100))
    return table


def _result_text(r: CallResult) -> str:
    if r.error:
        return escape(r.error)
    if r.status == "ok":
        return _short(r.result, 100)
    return {"skipped": "not run: an earlier call did not succeed", "dry-run": "would run"}.get(r.status, "")


def report_table(report: RunReport) -> Table:
    table = Table(title="results", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("tool")
    table.add_column("status")
    table.add_column("result", overflow="fold")
    for r in report.results:
        style = _STYLE[r.status]
        table.add_row(str(r.index), escape(r.tool), f"[{style}]{r.status}[/]", _result_text(r))
    return table


def terminal_confirm(console: Console):
    """A confirm callback when a person can answer, else None (destructive calls are refused)."""
    if not sys.stdin.isatty():
        return None

    def confirm(call: Call) -> bool:
        console.print(f"[bold yellow]{call.tool}[/] {_short(call.args, 100)}")
        return typer.confirm("Run this destructive call?", default=False, err=True)

    return confirm


def cli_assistant(**kwargs: Any) -> Assistant:
    """An Assistant that speaks the CLI's words."""
    return Assistant(front_end="cli", refusal_hint=REFUSAL_HINT, **kwargs)


def run_and_show(
    assistant: Assistant, what: str | PlanOutcome | list[Call], *, yes: bool, dry_run: bool, as_json: bool
) -> int:
    """Show the plan, run it (confirming destructive calls), print the report; 0 if all ok, else 1."""
    out = Console(stderr=as_json, soft_wrap=False)  # with --json, stdout holds only the JSON

    def show_plan(p: PlanOutcome) -> None:
        if not as_json:
            out.print(plan_table(p.calls, assistant.registry) if p.calls else "[dim]empty plan: nothing to do[/]")

    report = assistant.run(
        what, confirm=None if yes else terminal_confirm(out), assume_yes=yes, dry_run=dry_run, on_plan=show_plan
    )
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif report.status == "unsure":
        out.print(f"[yellow]{escape(report.message)}[/]")
    elif report.results:
        out.print(report_table(report))
        problem = report.first_problem
        if problem is not None:
            out.print(f"[red]call {problem.index} ({problem.tool}) {problem.status}:[/] {escape(problem.error or '')}")
        elif dry_run:
            out.print("[cyan]dry run: nothing was run[/]")
    return 0 if report.status == "nothing" else report.exit_code  # today's CLI: an empty plan is no error
