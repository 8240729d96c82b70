"""`kayas tools`: the registered tools, as a table or as JSON schemas."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kayas.assistant.policy import Policy
from kayas.registry import Tool, default_registry


def _type_of(prop: dict[str, Any]) -> str:
    if "type" in prop:
        if prop["type"] == "array" and "items" in prop:
            return f"list[{_type_of(prop['items'])}]"
        return {"string": "str", "integer": "int", "boolean": "bool", "number": "float"}.get(prop["type"], prop["type"])
    refs = [p.get("$ref", "").rsplit("/", 1)[-1] for p in prop.get("anyOf", [prop])]
    if all(refs):  # a union of models, e.g. GotoStep | ClickStep -> Step
        common = os.path.commonprefix([r[::-1] for r in refs])[::-1]
        return common or " | ".join(refs)
    return "any"


def signature(t: Tool) -> str:
    """The arguments as the contract writes them: `name: type = default`."""
    schema = t.parameters_schema()
    parts = []
    for name, prop in schema.get("properties", {}).items():
        text = f"{name}: {_type_of(prop)}"
        if "default" in prop:
            text += f" = {json.dumps(prop['default'])}"
        parts.append(text)
    return ", ".join(parts) or "-"


def _new(name: str, folder: Path) -> None:
    """Write a plugin package for a tool of the user's own (see kayas.data.scaffold) and say what comes next."""
    from kayas.data.scaffold import create

    taken = {t.name.split(".", 1)[0] for t in default_registry()}
    made = create(name, folder, taken)
    typer.echo(f"made {made}: the tool {name}.greet, its phrasings, a held-out file to fill, its tests")
    typer.echo(f"next: edit {made.name}/kayas_{name}/{name}.py, write {made.name}/tests/heldout.jsonl by hand (30 commands), "
               f"then the templates; pip install ./{made.name}; kayas learn")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="List the tools the brain may call; `kayas tools new NAME` starts a tool of your own.")
    app.add_typer(group, name="tools")

    @group.command("new")
    def new(
        name: Annotated[str, typer.Argument(help="The tool's name, lower case (its calls are NAME.*).")],
        folder: Annotated[Path, typer.Option("--dir", help="Where the package folder kayas-NAME is written.")] = Path("."),
    ) -> None:
        """Write a plugin package for a tool of your own: the tool, its phrasings, a held-out file, its tests."""
        _new(name, folder)

    @group.callback(invoke_without_command=True)
    def tools(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print name, description and JSON-schema parameters.")] = False,
    ) -> None:
        """List the tools the brain may call; `kayas tools new NAME` starts a tool of your own."""
        if ctx.invoked_subcommand is not None:
            return
        registry = default_registry()
        if as_json:
            typer.echo(json.dumps(registry.describe(), ensure_ascii=False, indent=2))
            return
        policy = Policy.load(registry)  # config.toml [policy]: what each tool may do unasked
        table = Table(show_edge=False)
        table.add_column("tool", style="bold", no_wrap=True)
        table.add_column("args")
        table.add_column("", style="yellow")
        table.add_column("policy")
        table.add_column("description")
        for t in registry:
            rule = policy.decide(t)
            shown = rule.action if rule.rule.startswith("default") else f"{rule.action} ({rule.rule})"
            table.add_row(t.name, signature(t), "destructive" if t.destructive else "", escape(shown), t.description)
        Console().print(table)
        Console().print(f"{len(registry)} tools")
