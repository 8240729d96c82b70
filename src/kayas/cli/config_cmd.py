"""`kayas config`: every setting's value and where it came from (environment, config.toml, default)."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from kayas import config

_MASKED = ("PASSWORD", "TOKEN")  # shown as set, never printed


def _shown(name: str, value: str | None) -> str | None:
    if value is not None and any(word in name for word in _MASKED):
        return "(set)"
    return value


def show_config(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: each setting's section, value and source.")] = False,
) -> None:
    """Print every setting: its section, its value (secrets masked) and where it came from."""
    rows = [{"section": s.section, "name": s.name, "value": _shown(s.name, r.value), "source": r.source}
            for s, r in config.effective()]
    tables = sorted(set(config.user_config()) & set(config.TABLES))
    if as_json:
        typer.echo(json.dumps({"config_file": str(config.config_file()), "settings": rows, "tables": tables}, indent=1))
        return
    typer.echo(f"config file: {config.config_file()}" + ("" if config.config_file().is_file() else " (none)"))
    width = max(len(s.name) for s in config.SETTINGS)
    section = None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            typer.echo(f"[{section}]")
        value = "(unset)" if r["value"] is None else r["value"]
        typer.echo(f"  {r['name']:<{width}}  {value}  ({r['source']})")
    if tables:
        typer.echo("tables set in config.toml: " + ", ".join(f"[{t}]" for t in tables))


def register(app: typer.Typer) -> None:
    app.command("config")(show_config)
