"""`kayas data generate` and `kayas data stats`: thin wrappers over kayas.data."""
from __future__ import annotations

import json
import time
from pathlib import Path

import typer

data_app = typer.Typer(help="Make and inspect the brain's training data.", no_args_is_help=True)


@data_app.command("generate")
def generate_cmd(
    out: Path = typer.Option(Path("data"), "--out", help="Folder for the four .jsonl files."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same files."),
    size: int = typer.Option(14_000, "--size", help="About how many examples (at least 150 per tool)."),
) -> None:
    """Write brain_training_base.jsonl, brain_training_augmented.jsonl, train.jsonl and val.jsonl."""
    from kayas.data.generate import GenerateConfig, generate
    from kayas.errors import KayasError

    if size < 100:
        raise KayasError(f"--size must be at least 100 (got {size})")
    start = time.perf_counter()
    data = generate(out, GenerateConfig(seed=seed, size=size))
    took = time.perf_counter() - start
    typer.echo(
        f"wrote {len(data.examples)} examples to {out} in {took:.1f}s: train {len(data.train)}, "
        f"val {len(data.val)} ({len(data.val_templates)} val templates), base {len(data.base)}"
    )


@data_app.command("stats")
def stats_cmd(
    file: Path = typer.Argument(..., help="A .jsonl file written by `kayas data generate`."),
    tokenizer: str | None = typer.Option(
        None, "--tokenizer", help="Model whose tokenizer counts tokens (default: the embedded smollm2); 'none': word estimate."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Counts per tool and category, multi-step and no-tool shares, token lengths, duplicates."""
    from kayas.data.stats import compute, render_text

    st = compute(file, tokenizer)
    typer.echo(json.dumps(st.as_dict(), indent=2) if as_json else render_text(st))


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
