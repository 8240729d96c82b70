"""`kayas bench ...`: speed measurements. Other groups add their own bench commands to `bench_app`."""
from __future__ import annotations

import typer

bench_app = typer.Typer(
    name="bench",
    help="Measure speed: training throughput, planning latency.",
    no_args_is_help=True,
    add_completion=False,
)


def register(app: typer.Typer) -> None:
    """Add `kayas bench` to the main app (its subcommands register on `bench_app`)."""
    app.add_typer(bench_app, name="bench")
