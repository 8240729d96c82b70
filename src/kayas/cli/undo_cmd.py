"""`kayas undo`: take back the last command's changes; `kayas undo --list`: what could be taken back."""
from __future__ import annotations

import json
import time
from typing import Annotated

import click
import typer

from kayas.backends import journal
from kayas.backends.printable import printable
from kayas.errors import KayasError

_VERB = {"create": "created", "append": "appended to", "archive": "archived", "delete": "deleted", "move": "moved", "other": "",
         "command": "ran", "schedule": "", "volume": "changed"}  # schedule: the change says it ("set timer ...", "cancelled ...")


def _ago(at: float) -> str:
    s = max(0, int(time.time() - at))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if s >= size:
            return f"{s // size} {unit} ago"
    return f"{s} s ago"


def _list(limit: int, as_json: bool) -> None:
    ops = journal.operations(limit)
    if as_json:
        typer.echo(json.dumps([
            {"command": op.command, "at": op.at, "undone": op.undone,
             "changes": [{"kind": c.kind, "file": c.file, "undone": c.undone_at is not None, "note": c.undo_note}
                         for c in op.changes]}
            for op in ops
        ], ensure_ascii=False, indent=2))
        return
    if not ops:
        typer.echo("Nothing to undo: no command has changed anything yet.")
        return
    for n, op in enumerate(ops, 1):
        state = click.style(" (undone)", dim=True) if op.undone else ""
        typer.echo(f"{n}. {printable(op.command or '(a typed plan)')}  {_ago(op.at)}{state}")  # the command may hold escape codes
        for c in op.changes:
            done = "  [undone]" if c.undone_at is not None else ""
            what = c.detail.get("summary", c.file) + " (cannot be undone)" if c.kind == "other" else f"{_VERB[c.kind]} {c.file}".strip()
            typer.echo(printable(f"     {what}{done}"))


def register(app: typer.Typer) -> None:
    @app.command("undo", epilog="Exit codes: 0 all taken back; 1 something could not be; 2 nothing to undo.")
    def undo(
        count: Annotated[int, typer.Option("--count", "-n", help="How many commands to take back, newest first.")] = 1,
        show: Annotated[bool, typer.Option("--list", help="List the recent commands and their changes; change nothing.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """Take back what the last command changed: created files go to the trash, added lines come out, archived files move back, deleted files come back."""
        if count < 1:
            raise KayasError("--count must be at least 1")
        if show:
            _list(max(count, 10), as_json)
            return
        steps = journal.undo(count)
        if as_json:
            typer.echo(json.dumps([s.__dict__ for s in steps], ensure_ascii=False, indent=2))
        else:
            for s in steps:
                typer.echo(click.style("✓" if s.done else "✗", fg="green" if s.done else "yellow") + " " + s.message)
        raise typer.Exit(0 if all(s.done for s in steps) else 1)
