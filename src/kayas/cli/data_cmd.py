"""`kayas data generate`, `kayas data stats` and `kayas data clinc`: thin wrappers over kayas.data."""
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
    size: int = typer.Option(23_500, "--size", help="About how many template-made examples (at least 150 per tool); CLINC150 adds about 11 %."),
    clinc: Path | None = typer.Option(None, "--clinc", help="CLINC150 folder (default: third_party/clinc150 of this checkout)."),
    no_clinc: bool = typer.Option(False, "--no-clinc", help="Templates only, no CLINC150 queries."),
) -> None:
    """Write brain_training_base.jsonl, brain_training_augmented.jsonl, train.jsonl and val.jsonl."""
    from kayas.data.generate import GenerateConfig, generate
    from kayas.errors import KayasError

    if size < 100:
        raise KayasError(f"--size must be at least 100 (got {size})")
    cfg = GenerateConfig(seed=seed, size=size)
    if no_clinc:
        cfg.clinc = None
    elif clinc:
        cfg.clinc = clinc
    start = time.perf_counter()
    data = generate(out, cfg)
    took = time.perf_counter() - start
    no_tool = sum(ex.plan == "[]" for ex in data.train)
    typer.echo(
        f"wrote {len(data.examples)} examples to {out} in {took:.1f}s: train {len(data.train)} "
        f"({no_tool / max(len(data.train), 1):.1%} with plan []), val {len(data.val)} "
        f"({len(data.val_templates)} val templates), base {len(data.base)}"
    )
    typer.echo(
        f"CLINC150: {data.clinc} examples from {cfg.clinc}" if cfg.clinc
        else "CLINC150: not used (--no-clinc, or no third_party/clinc150 in this install)"
    )
    typer.echo(f"{data.decontaminated} generated commands left out: scored sets hold them "
               f"(CLINC150's test or val split, {len(cfg.scored)} hand-written sets)")
    if data.dropped_sets:
        typer.echo(f"taken over by your tools, so left out: {', '.join(data.dropped_sets)}")


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


@data_app.command("clinc")
def clinc_cmd(
    out: Path = typer.Option(..., "--out", help="The eval-format .jsonl to write (for `kayas eval --data`)."),
    split: str = typer.Option("test", "--split", help="test (scored only, never trained on) or val."),
    clinc: Path | None = typer.Option(None, "--clinc", help="CLINC150 folder (default: third_party/clinc150 of this checkout)."),
    no_tool_only: bool = typer.Option(False, "--no-tool-only", help="Only the queries labelled [] (the out-of-scope figures)."),
) -> None:
    """CLINC150's test (or val) split in the eval format, labelled by third_party/clinc150/kayas_mapping.json."""
    from collections import Counter

    from kayas.data import clinc as clinc150
    from kayas.errors import KayasError
    from kayas.prompt import SYSTEM_PROMPT
    from kayas.registry import default_registry

    folder = clinc or clinc150.default_dir()
    if folder is None:
        raise KayasError("no CLINC150 folder: pass --clinc DIR (a copy of third_party/clinc150)")
    if split == "train":
        raise KayasError("--split train is training input; score on test (or val)")
    rows = clinc150.eval_rows(clinc150.Clinc.load(folder), split, default_registry(), SYSTEM_PROMPT, no_tool_only)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    cats = Counter(r["category"] for r in rows)
    unknown = sum(not r["args_known"] for r in rows)
    typer.echo(f"wrote {len(rows)} rows to {out}: " + ", ".join(f"{c} {n}" for c, n in sorted(cats.items()))
               + f" ({unknown} with args_known false: score them at tool level only)")


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
