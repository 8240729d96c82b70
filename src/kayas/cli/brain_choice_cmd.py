"""`kayas brain use|list`: which brain plans, the shipped one or one `kayas learn` taught."""
from __future__ import annotations

from typing import Annotated

import typer

brain_app = typer.Typer(name="brain", help="Which brain plans: the shipped one or one `kayas learn` taught.", no_args_is_help=True)


@brain_app.command("use")
def use(name: Annotated[str, typer.Argument(help="A brain in KAYAS_HOME/brains, or 'shipped'.")]) -> None:
    """Make a brain the default for plan, run, chat, eval and serve."""
    from kayas.brain import choice

    path = choice.use(name)
    typer.echo(f"the default brain is now {name}" + (f" ({path})" if path else ""))


@brain_app.command("list")
def list_() -> None:
    """The brains there are; * marks the default."""
    from kayas.brain import choice
    from kayas.formats.adapter import AdapterInfo

    current = choice.current()
    typer.echo(("* " if current == choice.SHIPPED else "  ") + "shipped")
    for n in choice.names():
        info = AdapterInfo.read(choice.brain_path(n))
        taught = f"{len(info.tools)} tools" if info.tools is not None else "the built-in tools"
        typer.echo(("* " if current == n else "  ") + f"{n}  ({taught}; taught from {info.learned_from or '?'})")


def register(app: typer.Typer) -> None:
    app.add_typer(brain_app)
