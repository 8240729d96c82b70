"""`kayas do PLAN` runs a JSON plan; `kayas undo` restores what the last command deleted.

Both go through `kayas.assistant.Assistant`, as `kayas run` does, so a planned command and a
typed plan behave alike; `kayas.cli.show` prints them.
"""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from kayas.backends import trash
from kayas.cli.show import DryRunOpt, JsonOpt, YesOpt, cli_assistant, run_and_show
from kayas.errors import KayasError
from kayas.plan import parse_plan
from kayas.safe_input import MAX_BYTES


def _read_plan(plan: str) -> str | bytes:
    if plan == "-":  # bytes: the one JSON reader checks size and UTF-8 (and says so in one line)
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        return stream.read(MAX_BYTES + 1)
    return plan


def register(app: typer.Typer) -> None:
    @app.command("do")
    def do(
        plan: Annotated[str, typer.Argument(help="A JSON list of calls, or - to read it from standard input.")],
        yes: YesOpt = False,
        dry_run: DryRunOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Run a JSON plan of tool calls, e.g. '[{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}}]'."""
        assistant = cli_assistant()
        calls = parse_plan(_read_plan(plan), assistant.registry)
        raise typer.Exit(run_and_show(assistant, calls, yes=yes, dry_run=dry_run, as_json=as_json))

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
        restored = cli_assistant().undo(count)
        if as_json:
            typer.echo(json.dumps({"restored": restored}))
        else:
            for name in restored:
                typer.echo(f"restored {name}")
