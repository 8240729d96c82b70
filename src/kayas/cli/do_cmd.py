"""`kayas do PLAN` runs a JSON plan of tool calls.

It goes through `kayas.assistant.Assistant`, as `kayas run` does, so a planned command and a
typed plan behave alike; `kayas.cli.show` prints them.
"""
from __future__ import annotations

import sys
from typing import Annotated

import typer

from kayas.cli.show import EXIT_CODES, DryRunOpt, JsonOpt, VerboseOpt, YesOpt, cli_assistant, run_and_show
from kayas.plan import parse_plan
from kayas.safe_input import MAX_BYTES


def _read_plan(plan: str) -> str | bytes:
    if plan == "-":  # bytes: the one JSON reader checks size and UTF-8 (and says so in one line)
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        return stream.read(MAX_BYTES + 1)
    return plan


def register(app: typer.Typer) -> None:
    @app.command("do", epilog=EXIT_CODES)
    def do(
        plan: Annotated[str, typer.Argument(help="A JSON list of calls, or - to read it from standard input.", show_default=False)],
        yes: YesOpt = False,
        dry_run: DryRunOpt = False,
        verbose: VerboseOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Run a JSON plan of tool calls, e.g. '[{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}}]'."""
        assistant = cli_assistant()
        calls = parse_plan(_read_plan(plan), assistant.registry)
        raise typer.Exit(run_and_show(assistant, calls, yes=yes, dry_run=dry_run, as_json=as_json, verbose=verbose))
