"""How the CLI shows an `Assistant` at work: the plan in words, the yes/no, each outcome in words.

`kayas do`, `kayas run` and `kayas chat` all go through `run_and_show`, so a planned command
and a typed plan look alike. Everything here is presentation; the path itself is
`kayas.assistant.Assistant`, and the sentences come from `kayas.assistant.words`.
Nothing is cut: a result longer than the terminal goes through a pager on a terminal, and
is printed whole everywhere else.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from collections.abc import Iterator
from typing import Annotated, Any

import click
import typer

from kayas.assistant import Assistant, RunReport, words
from kayas.plan import Call
from kayas.registry import Registry

# The CLI's words for how a refused destructive call can be allowed.
REFUSAL_HINT = "pass --yes to allow destructive calls, or run on a terminal to confirm each one"

_MARK = {"ok": ("✓", "green"), "failed": ("✗", "red"), "refused": ("✗", "yellow"), "skipped": ("-", None),
         "dry-run": ("·", "cyan")}

# The options of every command that runs a plan (`kayas do`, `kayas run`).
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Run destructive calls without asking.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would run; run nothing.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print everything as one JSON object: command, plan, confidence, results, timings.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Also print each call's whole result.")]

EXIT_CODES = "Exit codes: 0 done; 1 a call failed or was refused, or nothing could be done; 2 bad input."


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def plan_lines(calls: list[Call], registry: Registry) -> list[str]:
    """The plan in words, one line a call; destructive calls marked."""
    def line(call: Call) -> str:
        mark = click.style(" (destructive)", fg="yellow") if call.tool in registry and registry.get(call.tool).destructive else ""
        return words.describe_call(call, registry, calls) + mark

    if len(calls) == 1:
        return ["Plan: " + line(calls[0])]
    return ["Plan:"] + [f"  {i}. {line(c)}" for i, c in enumerate(calls, 1)]


def report_lines(report: RunReport, *, verbose: bool = False) -> list[str]:
    """Each call's outcome in words (a tool's summary), then the verdict if something went wrong."""
    lines: list[str] = []
    problem = report.first_problem
    for r in report.results:
        mark, color = _MARK[r.status]
        text = report.message if r is problem else r.summary or r.status  # the problem, said once
        first, *rest = text.splitlines() or [""]
        lines.append(click.style(mark, fg=color) + " " + (click.style(first, fg=color) if r is problem else first))
        lines.extend(rest)
        if verbose and r.status == "ok" and r.result is not None:
            lines.extend("    " + x for x in words.render(r.result).splitlines())
    if report.status == "dry-run":
        lines.append(click.style("Dry run: nothing was run.", fg="cyan"))
    return lines


def echo_lines(lines: list[str]) -> None:
    """Print whole; through the pager when it would not fit on the terminal."""
    if not lines:
        return
    height = shutil.get_terminal_size((80, 24)).lines
    if sys.stdout.isatty() and sys.stdin.isatty() and len(lines) > height - 2:
        click.echo_via_pager("\n".join(lines) + "\n")
    else:
        typer.echo("\n".join(lines))


def note(text: str) -> None:
    """A status line for a person (stderr), never mixed into what a script reads."""
    typer.echo(click.style(text, dim=True), err=True)


@contextlib.contextmanager
def loading(what: str = "the brain") -> Iterator[dict[str, float]]:
    """'loading the brain…' on stderr while the block runs, then how long it took."""
    timing: dict[str, float] = {}
    note(f"loading {what}…")
    started = time.perf_counter()
    yield timing
    timing["load_ms"] = round((time.perf_counter() - started) * 1000, 2)
    note(f"loaded {what} in {timing['load_ms'] / 1000:.1f} s")


def timing_line(report: RunReport) -> str | None:
    t = report.timings
    parts = []
    if "plan_ms" in t:
        parts.append(f"planned in {_seconds(t['plan_ms'])}")
    if "run_ms" in t:
        parts.append(f"ran in {_seconds(t['run_ms'])}")
    return ", ".join(parts) or None


def _seconds(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def ask(question: str) -> bool:
    """A turn's question on the terminal ([y/N]); where no one can answer, no."""
    if not is_terminal():
        return False
    return typer.confirm(question, default=False, err=True)


def cli_assistant(**kwargs: Any) -> Assistant:
    """An Assistant that speaks the CLI's words."""
    return Assistant(front_end="cli", refusal_hint=REFUSAL_HINT, **kwargs)


def run_and_show(
    assistant: Assistant,
    what: str | list[Call],
    *,
    yes: bool,
    dry_run: bool,
    as_json: bool,
    verbose: bool = False,
    force: bool = False,
    show_plan: bool = True,
    extra_timings: dict[str, float] | None = None,
) -> int:
    """Start a turn, show its plan once, ask its questions on a terminal, print each outcome.

    Returns the exit code: 0 done, 1 a call failed or was refused, or nothing could be done.
    Off a terminal (or with --json) no one is asked: an unsure plan is not run unless
    ``force``, and a call that needs a yes is refused unless ``yes``.
    """
    turn = assistant.start(what, assume_yes=yes, dry_run=dry_run, force=force)
    outcome = turn.outcome
    if show_plan and not as_json and outcome.calls and turn.report is None and not (turn.question and turn.question.kind == "unsure"):
        echo_lines(plan_lines(outcome.calls, assistant.registry))
    while not as_json and (question := turn.question) is not None and is_terminal():
        agreed = ask(question.text)
        if agreed and question.kind == "unsure" and show_plan:
            echo_lines(plan_lines(outcome.calls, assistant.registry))  # what was agreed to, before it runs
        turn.answer(agreed)
    report = turn.finish()
    if extra_timings:
        report.timings.update(extra_timings)
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return report.exit_code
    if report.status == "unsure":
        hint = "" if is_terminal() else " Not run: pass --force to run it anyway."
        typer.echo(click.style(report.message + hint, fg="yellow"))
        return report.exit_code
    if report.status == "nothing":
        typer.echo(report.message)
    else:
        echo_lines(report_lines(report, verbose=verbose))
    line = timing_line(report)
    if line:
        note(line)
    return report.exit_code
