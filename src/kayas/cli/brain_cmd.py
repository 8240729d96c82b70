"""Placeholder: filled by its issue."""
import typer


def register(app: typer.Typer) -> None:
    pass
