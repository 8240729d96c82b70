"""The training recipe, readable top to bottom: setup (kayas.train.setup), train, evaluate, checkpoint, save.

A short loop of our own rather than a Trainer: batches come from `data.plan_epoch` (no padding
to max_seq_length), the LM head runs only on the positions that carry loss (the vocabulary is
49k wide and most positions are prompt), bf16 autocast and fused AdamW on CUDA.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from kayas.errors import KayasError
from kayas.train import artifacts
from kayas.train.config import TrainConfig
from kayas.train.data import TokenizedExample, collate, plan_epoch, targets
from kayas.train.setup import Setup, device_name, setup

CHECKPOINT = "checkpoint.pt"


# ---------------------------------------------------------------- the loss

def _parts(model):
    """The decoder stack and the LM head, under any PEFT wrapper."""
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    return base.get_decoder(), base.get_output_embeddings(), getattr(base.config, "final_logit_softcapping", None)


def loss_sum(model, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """Summed next-token cross-entropy over the labelled positions only (see data.collate)."""
    decoder, head, softcap = _parts(model)
    hidden = decoder(input_ids=batch["input_ids"], position_ids=batch.get("position_ids"),
                     use_cache=False).last_hidden_state  # (B, T, C)
    hidden = hidden[:, :-1].reshape(-1, hidden.size(-1))  # (B*(T-1), C): position t predicts token t+1
    logits = head(hidden.index_select(0, batch["target_index"])).float()  # (N, V), N = labelled positions
    if softcap:
        logits = torch.tanh(logits / softcap) * softcap
    return F.cross_entropy(logits, batch["target_labels"], reduction="sum")


def evaluate(run: Setup) -> float:
    """Mean loss per labelled token on the val set."""
    model, cfg = run.model, run.cfg
    model.eval()
    total, count = 0.0, 0
    lengths = [len(e) for e in run.val_set]
    with torch.no_grad(), _autocast(run):
        for idx in plan_epoch(lengths, cfg.batch_size * 4, cfg.max_batch_tokens, True, cfg.packing, 0):
            batch = collate([run.val_set[i] for i in idx], cfg.packing, _pad_id(run), cfg.pad_to_multiple_of)
            count += targets(batch)
            total += float(loss_sum(model, _to(batch, run.device)))
    model.train()
    return total / max(count, 1)


# ---------------------------------------------------------------- the loop

def schedule(cfg: TrainConfig, examples: list[TokenizedExample]) -> list[tuple[int, list[list[int]]]]:
    """Every optimizer step of the run, as (epoch, micro-batches of example indices); deterministic."""
    lengths = [len(e) for e in examples]
    steps = []
    for epoch in range(cfg.num_epochs):
        batches = plan_epoch(lengths, cfg.batch_size, cfg.max_batch_tokens, cfg.group_by_length, cfg.packing, cfg.seed + epoch)
        k = cfg.gradient_accumulation_steps
        steps += [(epoch, batches[i : i + k]) for i in range(0, len(batches), k)]
    return steps[: cfg.max_steps] if cfg.max_steps > 0 else steps


def lr_lambda(total: int, warmup: int) -> Callable[[int], float]:
    """Linear warmup, then cosine decay to 10% of the peak."""
    def f(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        progress = (step - warmup) / max(1, total - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
    return f


def train(cfg: TrainConfig, resume: bool = False, progress: bool = True, run: Setup | None = None) -> dict:
    """Train and write the out folder; returns the metrics."""
    started = time.perf_counter()
    run = run or setup(cfg)
    out = Path(cfg.out).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    model, device = run.model, run.device
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay,
                                  fused=device.type == "cuda")
    steps = schedule(cfg, run.train_set)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda(len(steps), int(cfg.warmup_ratio * len(steps))))
    metrics: dict[str, Any] = {"steps": [], "val": [], "device": device_name(device), "examples": len(run.train_set)}
    start = 0
    if resume:
        start, metrics = _load_checkpoint(out, model, optimizer, scheduler)
    if cfg.compile:  # the decoder is what loss_sum calls; dynamic shapes: batches vary in length
        _parts(model)[0].compile(dynamic=True)
    pad = _pad_id(run)
    model.train()

    tokens_done, train_time = metrics.get("train_tokens", 0), metrics.get("train_time_s", 0.0)
    with artifacts.progress_bar(len(steps), start, enabled=progress) as bar:
        for step in range(start, len(steps)):
            epoch, micro = steps[step]
            t0 = time.perf_counter()
            batches = [collate([run.train_set[i] for i in mb], cfg.packing, pad, cfg.pad_to_multiple_of) for mb in micro]
            n_targets = max(1, sum(targets(b) for b in batches))  # loss is a mean over the whole step's targets
            n_tokens = sum(int(b["tokens"]) for b in batches)
            batches = [_to(b, device) for b in batches]
            step_loss = torch.zeros((), device=device)
            for batch in batches:
                with _autocast(run):
                    loss = loss_sum(model, batch) / n_targets
                loss.backward()
                step_loss += loss.detach()
            torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            value = float(step_loss)  # one sync per optimizer step
            dt = time.perf_counter() - t0
            tokens_done, train_time = tokens_done + n_tokens, train_time + dt
            metrics["steps"].append({"step": step + 1, "epoch": epoch + 1, "loss": value, "lr": scheduler.get_last_lr()[0],
                                     "tokens": n_tokens, "tokens_per_s": n_tokens / dt})
            metrics.update(train_tokens=tokens_done, train_time_s=train_time)
            bar.update(loss=value, tokens_per_s=tokens_done / train_time)
            epoch_end = step + 1 == len(steps) or steps[step + 1][0] != epoch
            if epoch_end and run.val_set and cfg.eval_each_epoch:
                val = evaluate(run)
                metrics["val"].append({"epoch": epoch + 1, "step": step + 1, "loss": val})
                bar.note(f"epoch {epoch + 1}: val loss {val:.4f}")
            if epoch_end or (cfg.save_every and (step + 1) % cfg.save_every == 0):
                _save_checkpoint(out, step + 1, model, optimizer, scheduler, metrics)
    metrics["tokens_per_s"] = tokens_done / train_time if train_time else 0.0
    metrics["wall_time_s"] = metrics.get("wall_time_s", 0.0) + time.perf_counter() - started  # setup, eval included
    artifacts.save(run, out, metrics)
    (out / CHECKPOINT).unlink(missing_ok=True)  # the out folder now holds the finished result
    return metrics


# ---------------------------------------------------------------- helpers

def _autocast(run: Setup):
    if run.autocast is None:
        return torch.autocast(run.device.type, enabled=False)
    return torch.autocast(run.device.type, dtype=run.autocast)


def _to(batch: dict[str, torch.Tensor], device: torch.device) -> dict[str, torch.Tensor]:
    return {k: v.to(device, non_blocking=True) for k, v in batch.items()}


def _pad_id(run: Setup) -> int:
    tok = run.tokenizer
    return tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id


def _trainable(model) -> dict[str, torch.Tensor]:
    return {n: p.detach() for n, p in model.named_parameters() if p.requires_grad}


def _save_checkpoint(out: Path, step: int, model, optimizer, scheduler, metrics: dict) -> None:
    tmp = out / (CHECKPOINT + ".tmp")
    torch.save({"step": step, "trainable": _trainable(model), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "metrics": metrics}, tmp)
    tmp.replace(out / CHECKPOINT)


def _load_checkpoint(out: Path, model, optimizer, scheduler) -> tuple[int, dict]:
    path = out / CHECKPOINT
    if not path.is_file():
        raise KayasError(f"nothing to resume: no {CHECKPOINT} in {out}")
    state = torch.load(path, map_location="cpu", weights_only=False)
    missing = set(_trainable(model)) - set(state["trainable"])
    if missing:
        raise KayasError(f"the checkpoint in {out} does not match this model/method (missing {sorted(missing)[0]})")
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in state["trainable"]:
                p.copy_(state["trainable"][name])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["step"], state["metrics"]
