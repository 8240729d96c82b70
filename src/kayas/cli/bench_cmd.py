"""`kayas bench ...`: speed measurements, one subcommand per engine.

The group is made here; `kayas.cli.main` hands it to the modules whose engines it measures
(`brain_cmd.register_bench`: `bench plan`; `train_cmd.register_bench`: `bench train`).
"""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> typer.Typer:
    """Add `kayas bench` to the main app; returns the group, for the modules' bench commands."""
    bench = typer.Typer(
        name="bench",
        help="Measure speed: training throughput, planning latency.",
        no_args_is_help=True,
        add_completion=False,
    )
    app.add_typer(bench, name="bench")
    return bench
