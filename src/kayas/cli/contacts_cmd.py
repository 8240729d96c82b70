"""`kayas contacts add|list|remove`: the names email.send accepts in `to` (KAYAS_HOME/contacts.toml)."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from kayas.backends import contacts as book

contacts = typer.Typer(name="contacts", no_args_is_help=True,
                       help="The names email.send accepts instead of addresses: add, list, remove.")


@contacts.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The name you will say, e.g. bob (quote a name of several words).")],
    address: Annotated[str, typer.Argument(help="The email address, e.g. bob@example.com.")],
    replace: Annotated[bool, typer.Option("--replace", help="Change the address of an existing contact.")] = False,
) -> None:
    """Add a contact, so "email bob the report" knows where to send it."""
    saved, old = book.add(name, address, replace)
    shown = " ".join(name.split())
    typer.echo(f"{shown}: {saved}" + (f" (was {old})" if old else "") + f"  [{book.path()}]")


@contacts.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """The contacts, name and address."""
    known = book.load()
    if as_json:
        typer.echo(json.dumps(known, ensure_ascii=False, indent=2))
        return
    if not known:
        typer.echo("No contacts yet: kayas contacts add NAME ADDRESS")
        return
    width = max(len(n) for n in known)
    for name, address in known.items():
        typer.echo(f"{name:<{width}}  {address}")


@contacts.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The contact's name.")]) -> None:
    """Remove a contact."""
    address = book.remove(name)
    typer.echo(f"removed {' '.join(name.split())} ({address})")


def register(app: typer.Typer) -> None:
    app.add_typer(contacts)
