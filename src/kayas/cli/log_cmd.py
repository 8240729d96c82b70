"""`kayas log`: the recent calls of the audit log (KAYAS_HOME/audit.jsonl), newest last."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from kayas.backends.printable import printable
from kayas.errors import KayasError


def _line(row: dict) -> str:
    when = str(row.get("time", ""))[:19].replace("T", " ")
    args = json.dumps(row.get("args", {}), ensure_ascii=False)
    args = args if len(args) <= 80 else args[:79] + "…"
    said = f' "{row["command"]}"' if row.get("command") else ""
    error = f": {row['error']}" if row.get("error") else ""
    return f"{when}  {row.get('front_end', '?'):<7} {row.get('status', '?'):<11} {row.get('tool', '?')} {args}{said}{error}"


def register(app: typer.Typer) -> None:
    @app.command("log")
    def log(
        count: Annotated[int, typer.Option("--count", "-n", help="How many of the last calls.")] = 20,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line, as the log holds them.")] = False,
    ) -> None:
        """The recent calls Kayas ran or refused (time, front end, status, tool, arguments with secrets masked, command)."""
        from kayas.assistant.audit import log_path, read_recent

        if count < 1:
            raise KayasError("--count must be at least 1")
        rows = read_recent(count)
        if not rows:
            typer.echo(f"no calls in the audit log yet ({log_path()})", err=True)
            return
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False) if as_json else printable(_line(row)))  # commands from any client
