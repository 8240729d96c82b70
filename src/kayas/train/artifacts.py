"""What a training run leaves behind, and the progress bar it shows meanwhile.

The out folder is the planner's input: the adapter (or the full model), the tokenizer with its
chat template, and `kayas_adapter.json` (written by `kayas.formats.adapter`) saying how to
rebuild the prompt and which base to load.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import transformers

from kayas.formats.adapter import write_meta
from kayas.models import weight_fingerprint
from kayas.train.data import sha256

if TYPE_CHECKING:
    from kayas.train.setup import Setup

def save(run: Setup, out: Path, metrics: dict) -> None:
    cfg = run.cfg
    model = run.model
    if cfg.method == "full":
        model.config.use_cache = True
    model.save_pretrained(out)  # lora: adapter_config.json + adapter_model.safetensors; full: the model
    run.tokenizer.save_pretrained(out)
    (out / "config.toml").write_text(cfg.to_toml())
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1))
    write_meta(
        out,
        base_model=cfg.model,
        method=cfg.method,
        config=cfg.to_dict(),
        data={"train": str(Path(cfg.data).expanduser().resolve()), "sha256": sha256(cfg.data), "examples": len(run.train_set)},
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        transformers=transformers.__version__,
        base_fingerprint=weight_fingerprint(model) if cfg.method == "lora" else None,
        reads_context=b"Earlier: " in Path(cfg.data).expanduser().read_bytes(),  # conversations in its data
    )
    plot_loss(metrics, out / "loss.png")
    if cfg.merge:
        merge(run, out)


def merge(run: Setup, out: Path) -> Path:
    """A standalone model in out/merged: the base reloaded unquantised in fp32, the adapter folded in."""
    import torch
    from peft import PeftModel

    from kayas.models import load_model

    target = out / "merged"
    if run.cfg.method == "full":
        model = run.model
    else:
        base = load_model(run.source, dtype=torch.float32)
        model = PeftModel.from_pretrained(base, out).merge_and_unload()
    model.config.use_cache = True
    model.save_pretrained(target)
    run.tokenizer.save_pretrained(target)
    return target


def plot_loss(metrics: dict, path: Path) -> None:
    """Train loss per step and val loss per epoch, on one chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    steps = metrics["steps"]
    ax.plot([s["step"] for s in steps], [s["loss"] for s in steps], label="train", linewidth=1)
    if metrics["val"]:
        ax.plot([v["step"] for v in metrics["val"]], [v["loss"] for v in metrics["val"]], "o-", label="val")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss per assistant token")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


class _Bar:
    def __init__(self, progress, task):
        self.progress, self.task = progress, task

    def update(self, loss: float, tokens_per_s: float) -> None:
        if self.progress:
            self.progress.update(self.task, advance=1, loss=loss, tps=tokens_per_s)

    def note(self, text: str) -> None:
        if self.progress:
            self.progress.console.print(text)


@contextlib.contextmanager
def progress_bar(total: int, done: int, enabled: bool = True) -> Iterator[_Bar]:
    """A rich bar with loss, tokens/s and ETA; a no-op when disabled (tests, benchmarks)."""
    if not enabled:
        yield _Bar(None, None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [
        TextColumn("[bold]train"), BarColumn(), MofNCompleteColumn(),
        TextColumn("loss {task.fields[loss]:.4f}"), TextColumn("{task.fields[tps]:,.0f} tok/s"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    ]
    with Progress(*columns) as progress:
        task = progress.add_task("train", total=total, completed=done, loss=float("nan"), tps=0.0)
        yield _Bar(progress, task)
