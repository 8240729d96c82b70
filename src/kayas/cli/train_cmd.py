"""`kayas train` and `kayas bench train`: parse, call kayas.train, print."""
from __future__ import annotations

import json
from pathlib import Path

import typer

EXTRA = {"allow_extra_args": True, "ignore_unknown_options": True}


def _config(ctx: typer.Context, config: Path | None, **named):
    from kayas.train.config import load_config, parse_overrides

    overrides = parse_overrides(ctx.args)
    overrides.update({k: str(v) for k, v in named.items() if v is not None})
    return load_config(config, overrides)


def register(app: typer.Typer) -> None:
    @app.command("train", context_settings=EXTRA)
    def train(
        ctx: typer.Context,
        config: Path | None = typer.Option(None, "--config", help="TOML config file (see configs/)."),
        model: str | None = typer.Option(None, "--model", help="smollm2 | gemma3 | FILE.gguf | DIR | hub id."),
        data: str | None = typer.Option(None, "--data", help="Training JSONL ({\"messages\": [...]} per line)."),
        val: str | None = typer.Option(None, "--val", help="Validation JSONL, evaluated each epoch."),
        out: str | None = typer.Option(None, "--out", help="Output folder (adapter, tokenizer, metrics)."),
        print_config: bool = typer.Option(False, "--print-config", help="Print the effective config and exit."),
        resume: bool = typer.Option(False, "--resume", help="Continue from the checkpoint in --out."),
        merge: bool = typer.Option(False, "--merge", help="Also write a merged model to OUT/merged."),
        max_steps: int | None = typer.Option(None, "--max-steps", help="Stop after N optimizer steps (default: all epochs)."),
        num_epochs: int | None = typer.Option(None, "--num-epochs", help="Passes over the data (default 3)."),
        learning_rate: float | None = typer.Option(None, "--learning-rate", help="Peak learning rate (default 2e-4)."),
        lora_r: int | None = typer.Option(None, "--lora-r", help="LoRA rank (default 16)."),
        method: str | None = typer.Option(None, "--method", help="lora (default) or full."),
    ) -> None:
        """Fine-tune the brain (LoRA; --method full; --quant 4bit on CUDA). Any other config key: --KEY VALUE (see --print-config)."""
        cfg = _config(ctx, config, model=model, data=data, val=val, out=out, merge=True if merge else None,
                      max_steps=max_steps, num_epochs=num_epochs, learning_rate=learning_rate, lora_r=lora_r, method=method)
        if print_config:
            typer.echo(cfg.to_toml(), nl=False)
            return
        from kayas.train.recipe import train as run_training

        metrics = run_training(cfg, resume=resume)
        steps = metrics["steps"]
        val_text = f", val loss {metrics['val'][-1]['loss']:.4f}" if metrics["val"] else ""
        typer.echo(
            f"trained {len(steps)} steps on {metrics['device']}: loss {steps[0]['loss']:.4f} -> {steps[-1]['loss']:.4f}"
            f"{val_text}, {metrics['tokens_per_s']:,.0f} tokens/s, {metrics['train_time_s']:.1f} s training"
            f" ({metrics['wall_time_s']:.1f} s in all) -> {cfg.out}"
        )


def register_bench(bench: typer.Typer) -> None:
    """`kayas bench train`, added to the bench group that `kayas.cli.main` hands in."""

    @bench.command("train", context_settings=EXTRA)
    def bench_train(
        ctx: typer.Context,
        config: Path | None = typer.Option(None, "--config", help="Kayas config to measure (default: the defaults); --KEY VALUE overrides it."),
        model: str | None = typer.Option(None, "--model", help="Base model (default smollm2)."),
        data: str | None = typer.Option(None, "--data", help="JSONL to train on (default: a built-in sample)."),
        steps: int = typer.Option(3, "--steps", min=1, help="Train on N x 16 examples: N optimizer steps of the seed's batch."),
        baseline_length: int = typer.Option(2048, "--baseline-length", min=16, help="The baseline pads every row to this."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Tokens/s of the kayas loop against a plain peft + transformers Trainer baseline."""
        from kayas.bench.train import bench

        cfg = _config(ctx, config, model=model, data=data)
        result = bench(cfg, steps, baseline_length)
        if as_json:
            typer.echo(json.dumps(result))
            return
        typer.echo(f"device: {result['device']}   real tokens per side: {result['tokens']:,}")
        typer.echo(f"kayas:    {result['kayas_tokens_per_s']:>10,.0f} tokens/s")
        typer.echo(f"baseline: {result['baseline_tokens_per_s']:>10,.0f} tokens/s  (peft + Trainer, padded to {baseline_length})")
        typer.echo(f"speedup:  {result['speedup']:.2f}x")
