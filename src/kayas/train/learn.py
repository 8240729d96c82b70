"""`kayas learn`'s training, readable top to bottom: continue a brain's LoRA on the CPU, in minutes.

setup: the base and the current brain's LoRA (trainable: training goes on from it), the mix of
`kayas.data.lesson` tokenised. train: AdamW, warmup then cosine, steps sized to a time budget measured
on this machine's first steps; the val loss every few steps, and the best adapter kept in memory.
Ctrl-C (or the budget) ends the loop; the best adapter is written to the target folder
(KAYAS_HOME/brains/<name>: `kayas.brain.choice`) all at once, a folder renamed into place.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from kayas.errors import KayasError
from kayas.formats.adapter import AdapterInfo, write_meta
from kayas.formats.examples import Example, write_examples
from kayas.models import load_model, load_tokenizer, resolve, weight_fingerprint
from kayas.train.data import IGNORE, TokenizedExample, collate, plan_epoch, sha256, targets, tokenize
from kayas.train.recipe import loss_sum, lr_lambda

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "special_tokens_map.json")


@dataclass
class LearnConfig:
    """The run: sized for a 2-core laptop CPU (about 10 minutes), defaults in one place."""

    minutes: float = 11.0  # time budget for the training steps (setup and saving come on top)
    epochs: float = 2.0  # passes over the mix, if the budget allows
    batch_size: int = 8
    learning_rate: float = 1e-3
    train_layers: int = 16  # only the LoRA of the top N decoder layers learns: backward stops below them (0: all)
    warmup_steps: int = 4
    max_grad_norm: float = 1.0
    max_seq_length: int = 192  # commands and plans are short; a longer example is cut
    eval_every: int = 8  # optimizer steps between val losses (and at the end)
    threads: int = 0  # torch CPU threads (0: torch's default)
    seed: int = 0


@dataclass
class Outcome:
    """What a run left: the folder (None when nothing better than the start was found) and figures."""

    path: Path | None
    metrics: dict[str, Any]
    stopped: str  # "done", "budget" or "interrupted"


Progress = Callable[[str, dict[str, Any]], None]  # event, fields: "start", "step", "eval", "note"


def _quiet_progress(event: str, fields: dict[str, Any]) -> None:
    return None


def _tokenised(examples, tokenizer, max_len: int) -> list[TokenizedExample]:
    out = [tokenize(tokenizer, e.messages, max_len) for e in examples]
    return [e for e in out if any(t != IGNORE for t in e.labels[1:])]


def load_trainable(info: AdapterInfo, model: str | None = None):
    """The base as `kayas train` loads it, with the adapter's LoRA on top, trainable."""
    from peft import PeftModel

    if info.method != "lora":
        raise KayasError(f"{info.path} is a fully fine-tuned model; `kayas learn` continues a LoRA brain only")
    source = resolve(model or info.base_model)
    base = load_model(source, dtype=torch.float32, device="cpu")
    base.config.use_cache = False
    here = weight_fingerprint(base)
    there = info.base_fingerprint
    if there is not None and (len(here) != len(there) or any(abs(a - b) > 1e-3 for a, b in zip(here, there))):
        raise KayasError(f"the base model loads differently here than when {info.path} was trained "
                         f"(transformers {info.trained_with or '?'}): its LoRA would not fit")
    return PeftModel.from_pretrained(base, str(info.path), is_trainable=True), source


def freeze_below(model, top: int) -> int:
    """Keep only the LoRA weights of the top `top` decoder layers trainable; returns how many stay.

    Nothing below the lowest trainable layer needs a gradient, so autograd records nothing
    there: the backward pass costs those layers nothing, and their activations are not kept.
    """
    layer = re.compile(r"\.layers\.(\d+)\.")
    found = [int(m.group(1)) for n, _ in model.named_parameters() if (m := layer.search(n))]
    lowest = max(found) + 1 - top if top > 0 and found else 0
    kept = 0
    for name, p in model.named_parameters():
        if p.requires_grad:
            m = layer.search(name)
            p.requires_grad_(m is None or int(m.group(1)) >= lowest)
            kept += p.numel() if p.requires_grad else 0
    return kept


def _val_loss(model, val: list[TokenizedExample], pad: int, batch_size: int) -> float:
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for idx in plan_epoch([len(e) for e in val], batch_size * 2, 0, True, False, 0):
            batch = collate([val[i] for i in idx], False, pad)
            count += targets(batch)
            total += float(loss_sum(model, batch))
    model.train()
    return total / max(count, 1)


def _trainable(model) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


@dataclass
class Lessons:
    """What is taught: the examples, and what the new brain's metadata says about them."""

    train: list[Example]
    val: list[Example]
    tools: list[str]  # every tool the new brain knows (the registry's)
    taught: list[str]  # the tools new to it
    dropped: list[str]  # the tools its starting brain knew that are gone
    counts: dict[str, int]


def learn(info: AdapterInfo, lessons: Lessons, target: Path, cfg: LearnConfig, progress: Progress = _quiet_progress,
          model_name: str | None = None) -> Outcome:
    """Continue the LoRA of `info` on the lessons; write the best adapter (by val loss) into `target`."""
    started = time.perf_counter()
    if cfg.threads > 0:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    if target.exists():
        raise KayasError(f"a brain named '{target.name}' exists already in {target.parent}: pick another --name")
    model, source = load_trainable(info, model_name)
    trainable = freeze_below(model, cfg.train_layers)
    tokenizer = load_tokenizer(source)
    train_set = _tokenised(lessons.train, tokenizer, cfg.max_seq_length)
    val_set = _tokenised(lessons.val, tokenizer, cfg.max_seq_length)
    if not train_set:
        raise KayasError("no training example left after tokenising")
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    lengths = [len(e) for e in train_set]
    batches: list[list[int]] = []
    for epoch in range(math.ceil(cfg.epochs)):
        batches += plan_epoch(lengths, cfg.batch_size, 0, True, False, cfg.seed + epoch)
    planned = max(1, round(len(batches) * cfg.epochs / math.ceil(cfg.epochs)))
    plan = {"total": planned}  # shrunk once the first steps show what fits the budget
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: lr_lambda(plan["total"], cfg.warmup_steps)(s))
    metrics: dict[str, Any] = {"steps": [], "val": [], "examples": len(train_set), "val_examples": len(val_set),
                               "setup_s": 0.0, "threads": torch.get_num_threads(), "trainable": trainable, "counts": lessons.counts}
    best = {"loss": _val_loss(model, val_set, pad, cfg.batch_size) if val_set else math.inf, "step": 0, "weights": None}
    metrics["val"].append({"step": 0, "loss": best["loss"]})
    metrics["setup_s"] = time.perf_counter() - started
    budget = cfg.minutes * 60.0
    progress("start", {"total": plan["total"], "val_loss": best["loss"], "examples": len(train_set), "budget_s": budget})
    stopped, train_time, step = "done", 0.0, 0
    model.train()
    try:
        while step < plan["total"]:
            t0 = time.perf_counter()
            batch = collate([train_set[i] for i in batches[step]], False, pad)
            loss = loss_sum(model, batch) / max(1, targets(batch))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            value = float(loss.detach())
            dt = time.perf_counter() - t0
            train_time += dt
            metrics["steps"].append({"step": step, "loss": value, "lr": scheduler.get_last_lr()[0], "s": round(dt, 3)})
            if step >= 3:  # what fits, from the steps so far (val passes in): a shared CPU slows down and speeds up
                per_step = train_time / step
                fits = step + int(max(0.0, budget - train_time) / per_step)
                plan["total"] = min(planned, max(step, fits))  # it may grow back after a slow patch
            last = step == plan["total"]
            if val_set and (step % cfg.eval_every == 0 or last):
                t1 = time.perf_counter()
                val = _val_loss(model, val_set, pad, cfg.batch_size)
                train_time += time.perf_counter() - t1
                metrics["val"].append({"step": step, "loss": val})
                if val < best["loss"]:
                    best.update(loss=val, step=step, weights=_trainable(model))
                progress("eval", {"step": step, "val_loss": val, "best": best["loss"]})
            progress("step", {"step": step, "total": plan["total"], "loss": value})
        stopped = "budget" if step < planned else "done"
    except KeyboardInterrupt:
        stopped = "interrupted"
        if val_set and step > max(m["step"] for m in metrics["val"]):  # the steps since the last val pass count too
            val = _val_loss(model, val_set, pad, cfg.batch_size)
            metrics["val"].append({"step": step, "loss": val})
            if val < best["loss"]:
                best.update(loss=val, step=step, weights=_trainable(model))
        progress("note", {"text": f"stopped at step {step}: keeping the best adapter so far (step {best['step']})"})
    if not val_set:  # nothing to choose by: the last weights are the result
        best.update(step=step, weights=_trainable(model))
    metrics.update(train_time_s=train_time, steps_done=step, best_step=best["step"], best_val_loss=best["loss"], stopped=stopped)
    if best["weights"] is None:
        metrics["wall_time_s"] = time.perf_counter() - started
        return Outcome(None, metrics, stopped)
    with torch.no_grad():
        for n, p in model.named_parameters():
            if n in best["weights"]:
                p.copy_(best["weights"][n])
    metrics["wall_time_s"] = time.perf_counter() - started
    return Outcome(save(model, info, lessons, cfg, target, metrics), metrics, stopped)


def save(model, info: AdapterInfo, lessons: Lessons, cfg: LearnConfig, target: Path, metrics: dict[str, Any]) -> Path:
    """The brain folder, written beside its place and renamed in: never half a brain."""
    import transformers

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    model.save_pretrained(tmp)
    for file in TOKENIZER_FILES:  # the prompt exactly as the brain it continues renders it
        if (info.path / file).is_file():
            shutil.copy2(info.path / file, tmp / file)
    write_examples(tmp / "train.jsonl", lessons.train)  # what it was taught, exactly
    write_examples(tmp / "val.jsonl", lessons.val)
    (tmp / "metrics.json").write_text(json.dumps(metrics, indent=1))
    config = asdict(cfg)
    write_meta(
        tmp,
        base_model=info.base_model,
        method="lora",
        config=config,
        data={"train": str(target / "train.jsonl"), "sha256": sha256(tmp / "train.jsonl"), "examples": len(lessons.train),
              "taught": lessons.taught, "dropped": lessons.dropped, **lessons.counts},
        system_prompt=info.system_prompt,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        transformers=transformers.__version__,
        base_fingerprint=list(info.base_fingerprint) if info.base_fingerprint is not None else weight_fingerprint(model),
        tools=lessons.tools,
        learned_from=str(info.path),
    )
    tmp.replace(target)
    return target
