"""`kayas do PLAN` runs a JSON plan; `kayas undo` restores what the last command deleted.

``execute_and_report`` is the one path from validated calls to a printed report; `kayas
run` (the brain) goes through it too, so a planned command and a typed plan behave alike.
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kayas import trash
from kayas.errors import KayasError
from kayas.plan import Call, parse_plan
from kayas.registry import default_registry
from kayas.router import CallResult, Router, RunReport

_STYLE = {"ok": "green", "failed": "red", "refused": "yellow", "skipped": "dim", "dry-run": "cyan"}


def _short(value: Any, width: int = 70) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _plan_table(calls: list[Call]) -> Table:
    registry = default_registry()
    table = Table(title="plan", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("tool")
    table.add_column("args", overflow="fold")
    for i, call in enumerate(calls):
        mark = " [bold yellow](destructive)[/]" if call.tool in registry and registry.get(call.tool).destructive else ""
        table.add_row(str(i), call.tool + mark, _short(call.args, 100))
    return table


def _result_text(r: CallResult) -> str:
    if r.error:
        return r.error
    if r.status == "ok":
        return _short(r.result, 100)
    return {"skipped": "not run: an earlier call did not succeed", "dry-run": "would run"}.get(r.status, "")


def _report_table(report: RunReport) -> Table:
    table = Table(title="results", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("tool")
    table.add_column("status")
    table.add_column("result", overflow="fold")
    for r in report.results:
        style = _STYLE[r.status]
        table.add_row(str(r.index), r.tool, f"[{style}]{r.status}[/]", _result_text(r))
    return table


def _terminal_confirm(console: Console):
    """A confirm callback when a person can answer, else None (destructive calls are refused)."""
    if not sys.stdin.isatty():
        return None

    def confirm(call: Call) -> bool:
        console.print(f"[bold yellow]{call.tool}[/] {_short(call.args, 100)}")
        return typer.confirm("Run this destructive call?", default=False, err=True)

    return confirm


def execute_and_report(calls: list[Call], *, yes: bool, dry_run: bool, as_json: bool) -> int:
    """Show the plan, run it (confirming destructive calls), print the report; 0 if all ok, else 1."""
    out = Console(stderr=as_json, soft_wrap=False)  # with --json, stdout holds only the JSON
    if not as_json:
        out.print(_plan_table(calls) if calls else "[dim]empty plan: nothing to do[/]")
    router = Router(assume_yes=yes, dry_run=dry_run, confirm=None if yes else _terminal_confirm(out))
    report = router.run(calls)
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif calls:
        out.print(_report_table(report))
        problem = report.first_problem
        if problem is not None:
            out.print(f"[red]call {problem.index} ({problem.tool}) {problem.status}:[/] {problem.error}")
        elif dry_run:
            out.print("[cyan]dry run: nothing was run[/]")
    return 0 if report.ok else 1


def _read_plan(plan: str) -> str:
    if plan == "-":
        return sys.stdin.read()
    return plan


# The options of every command that runs a plan (`kayas do`, `kayas run`).
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Run destructive calls without asking.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would run; run nothing.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the results as JSON.")]


def register(app: typer.Typer) -> None:
    @app.command("do")
    def do(
        plan: Annotated[str, typer.Argument(help="A JSON list of calls, or - to read it from standard input.")],
        yes: YesOpt = False,
        dry_run: DryRunOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Run a JSON plan of tool calls, e.g. '[{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}}]'."""
        calls = parse_plan(_read_plan(plan))
        raise typer.Exit(execute_and_report(calls, yes=yes, dry_run=dry_run, as_json=as_json))

    @app.command("undo")
    def undo(
        count: Annotated[int, typer.Option("--count", "-n", help="How many deleting commands to undo.")] = 1,
        show: Annotated[bool, typer.Option("--list", help="List the trash instead of restoring.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """Restore the files the last command deleted (byte for byte, from the workspace's trash)."""
        if show:
            entries = trash.pending()
            if as_json:
                typer.echo(json.dumps([e.__dict__ for e in entries], indent=2))
            elif not entries:
                typer.echo("the trash is empty")
            for e in entries if not as_json else []:
                typer.echo(f"{e.original}  ({e.size} bytes)")
            return
        if count < 1:
            raise KayasError("--count must be at least 1")
        restored = trash.undo(count)
        if as_json:
            typer.echo(json.dumps({"restored": restored}))
        else:
            for name in restored:
                typer.echo(f"restored {name}")
