"""`kayas reminders`: the pending timers, alarms and reminders; `cancel TEXT`; `scheduler` runs the resident process."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from kayas.backends.printable import printable
from kayas.tools import reminder

reminders_app = typer.Typer(help="The pending timers, alarms and reminders (set them with kayas run \"remind me ...\").",
                            no_args_is_help=False, invoke_without_command=True)


@reminders_app.callback()
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List what is pending, soonest first (and start the scheduler if entries wait without one)."""
    if ctx.invoked_subcommand is not None:
        return
    rows = reminder.list_pending()
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    typer.echo(printable(reminder.describe_pending(rows)))  # texts come from plans


@reminders_app.command("cancel")
def cancel(
    text: Annotated[str, typer.Argument(help="Words of the text or label, e.g. pasta.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Cancel the pending ones whose text or label holds these words (`kayas undo` brings them back)."""
    rows = reminder.cancel(text)
    typer.echo(json.dumps(rows, ensure_ascii=False, indent=2) if as_json else
               printable("\n".join(f"cancelled {r['kind']} '{r['text']}' due {r['due']}" for r in rows)))


@reminders_app.command("scheduler")
def scheduler_run() -> None:
    """Run the resident scheduler in the foreground (Kayas starts it by itself; this is for a service manager)."""
    from kayas.backends import scheduler

    raise typer.Exit(scheduler.run())


def register(app: typer.Typer) -> None:
    app.add_typer(reminders_app, name="reminders")
