"""`kayas tools`: the registered tools, as a table or as JSON schemas."""
from __future__ import annotations

import json
import os
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


def register(app: typer.Typer) -> None:
    @app.command("tools")
    def tools(
        as_json: Annotated[bool, typer.Option("--json", help="Print name, description and JSON-schema parameters.")] = False,
    ) -> None:
        """List the tools the brain may call."""
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
