"""`kayas eyes windows | tree TITLE | bench TITLE`: what the accessibility backend sees, and how fast."""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from kayas.eyes import Node, get_backend, make_backend

eyes_app = typer.Typer(
    name="eyes",
    help="See other applications through the accessibility API (AT-SPI on Linux, UI Automation on Windows).",
    no_args_is_help=True,
    add_completion=False,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table or tree.")]


def _label(node: Node) -> str:
    from rich.markup import escape

    text = f"[bold]{escape(node.role)}[/bold]"
    if node.name:
        text += f" {escape(repr(node.name))}"
    if node.labels:
        text += f" [cyan]labels={escape(repr(node.labels))}[/cyan]"
    if node.text and node.text != node.name:
        text += f" [green]text={escape(repr(node.text[:60]))}[/green]"
    flags = [s for s in node.states if s in ("focused", "checked", "selected", "read-only", "truncated")]
    if not node.enabled:
        flags.append("disabled")
    if flags:
        text += f" [dim]({', '.join(flags)})[/dim]"
    return text


def _rich_tree(node: Node, branch: Tree | None = None) -> Tree:
    branch = Tree(_label(node)) if branch is None else branch.add(_label(node))
    for child in node.children:
        _rich_tree(child, branch)
    return branch


@eyes_app.command("windows")
def windows(as_json: JsonOpt = False) -> None:
    """List the open windows: title, application, process id."""
    found = get_backend().windows(refresh=True)
    if as_json:
        typer.echo(json.dumps([w.as_dict() for w in found], ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False)
    for column in ("title", "app", "pid", "role"):
        table.add_column(column)
    for w in found:
        table.add_row(w.title or "(untitled)", w.app, str(w.pid or ""), w.role)
    Console().print(table if found else "no windows (is an application with accessibility support running?)")


@eyes_app.command("tree")
def tree(
    title: Annotated[str, typer.Argument(help="The window's title (any case; a unique prefix or part will do).")],
    as_json: JsonOpt = False,
) -> None:
    """Print a window's control tree: role, name, labels, text and notable states of each control."""
    root = get_backend().control_tree(title)
    if as_json:
        typer.echo(json.dumps(root.as_dict(), ensure_ascii=False, indent=2))
        return
    Console().print(_rich_tree(root))


@eyes_app.command("bench")
def bench(
    title: Annotated[str, typer.Argument(help="The window to measure on.")],
    button: Annotated[str | None, typer.Option(help="Also time clicking this button (it is really clicked).")] = None,
    runs: Annotated[int, typer.Option(min=1, max=1000, help="Runs per measurement; the median is shown.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Time a window lookup, a full tree walk and (with --button) a click; median of several runs."""
    from kayas.bench.eyes import run_bench

    timings = run_bench(make_backend, title, button, runs)
    if as_json:
        typer.echo(json.dumps([t.as_dict() for t in timings], indent=2))
        return
    table = Table(show_edge=False)
    for column, justify in (("step", "left"), ("median ms", "right"), ("min ms", "right"), ("runs", "right"),
                            ("", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for t in timings:
        table.add_row(t.name, f"{t.median_ms:.2f}", f"{t.min_ms:.2f}", str(t.runs), t.note)
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(eyes_app, name="eyes")
