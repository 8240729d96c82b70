"""`kayas tokens add|list|revoke`: the HTTP API's tokens per client (kayas.server.client_tokens)."""
from __future__ import annotations

import json
import time
from typing import Annotated

import typer

from kayas.server import client_tokens

tokens = typer.Typer(help="Tokens per client for kayas serve: named, scoped (plan, run, confirm), revocable.",
                     no_args_is_help=True)


def _when(at: float | None) -> str:
    return "never" if at is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


@tokens.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Who uses it, e.g. home-assistant.")],
    scope: Annotated[list[str], typer.Option("--scope", "-s", help="plan, run or confirm; repeat for several.")],
    expires_days: Annotated[float | None, typer.Option("--expires-days", help="Ends after this many days.")] = None,
) -> None:
    """Make a token; it is printed once, and only its hash is kept."""
    row, value = client_tokens.add(name, scope, expires_days)
    typer.echo(value)
    typer.echo(f"(token '{row.name}', scopes {', '.join(row.scopes)}, expires {_when(row.expires)}; "
               "it is not shown again)", err=True)


@tokens.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """The tokens, with their scopes and state (the values are never kept)."""
    rows = client_tokens.load()
    if as_json:
        typer.echo(json.dumps([{"name": r.name, "scopes": r.scopes, "state": r.state(), "created": r.created,
                                "expires": r.expires, "prefix": r.prefix} for r in rows], indent=2))
        return
    if not rows:
        typer.echo("No client tokens (the console uses the server's own token).")
        return
    for r in rows:
        typer.echo(f"{r.name}  {r.prefix}…  {','.join(r.scopes)}  {r.state()}  expires {_when(r.expires)}")


@tokens.command("revoke")
def revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """End a token at once."""
    client_tokens.revoke(name)
    typer.echo(f"revoked {name}")


def register(app: typer.Typer) -> None:
    app.add_typer(tokens, name="tokens")
