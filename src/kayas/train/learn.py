"""`kayas learn`'s training, readable top to bottom: continue a brain's LoRA on the CPU, in minutes.

setup: the base and the current brain's LoRA (trainable: training goes on from it), the mix of
`kayas.data.lesson` tokenised. train: AdamW, warmup then cosine, steps sized to a time budget measured
on this machine's first steps, each batch in micro-batches (less memory, same gradient). Every few
steps a check scores, by exact match in one teacher-forced pass, the new tools' val commands and old
commands not trained on; the best adapter that keeps the old ones is kept in memory (`Judge`), and a
run that keeps losing them stops. Ctrl-C (or the budget) ends the loop; the best adapter is written to the target folder
(KAYAS_HOME/brains/<name>: `kayas.brain.choice`) all at once, a folder renamed into place.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from kayas.errors import KayasError
from kayas.formats.adapter import AdapterInfo, write_meta
from kayas.formats.examples import Example, write_examples
from kayas.models import load_model, load_tokenizer, resolve, weight_fingerprint
from kayas.train.data import IGNORE, TokenizedExample, collate, plan_epoch, sha256, targets, tokenize
from kayas.train.recipe import _parts, loss_sum, lr_lambda

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "special_tokens_map.json")


@dataclass
class LearnConfig:
    """The run: sized for a 2-core laptop CPU (about 10 minutes), defaults in one place."""

    minutes: float = 11.0  # time budget for the training steps (setup and saving come on top)
    epochs: float = 2.0  # passes over the mix, if the budget allows
    batch_size: int = 8
    micro_batch: int = 4  # examples per forward/backward (gradients add up to batch_size): activations for 4, not 8
    learning_rate: float = 1e-3
    train_layers: int = 16  # only the LoRA of the top N decoder layers learns: backward stops below them (0: all)
    warmup_steps: int = 4
    max_grad_norm: float = 1.0
    max_seq_length: int = 192  # commands and plans are short; a longer example is cut
    eval_every: int = 8  # optimizer steps between checks (and at the end)
    forget_tolerance: float = 0.0  # how far the old commands' exact match may fall below the start (0.05: 5 points)
    forget_patience: int = 2  # checks in a row below that before the run stops
    threads: int = 0  # torch CPU threads (0: torch's default)
    seed: int = 0


@dataclass
class Outcome:
    """What a run left: the folder (None when nothing better than the start was found) and figures."""

    path: Path | None
    metrics: dict[str, Any]
    stopped: str  # "done", "budget", "interrupted" or "forgetting"


Progress = Callable[[str, dict[str, Any]], None]  # event, fields: "start", "step", "eval", "note"


def _quiet_progress(event: str, fields: dict[str, Any]) -> None:
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _trim() -> None:
    """Hand the heap's free memory back to the system (glibc): batches of ever-different shapes
    otherwise leave freed blocks scattered, and the process's resident memory creeps up step by step."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: nothing to trim
            pass


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


def exact_rows(model, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(summed loss, per-example exact) in one teacher-forced pass.

    An example is exact when the most likely token is the right one at every labelled position:
    exactly when greedy decoding writes the expected plan, found without decoding token by token.
    """
    decoder, head, softcap = _parts(model)
    hidden = decoder(input_ids=batch["input_ids"], use_cache=False).last_hidden_state  # (B, T, C)
    width = hidden.size(1) - 1
    flat = hidden[:, :-1].reshape(-1, hidden.size(-1))
    logits = head(flat.index_select(0, batch["target_index"])).float()  # (N, V): labelled positions only
    if softcap:
        logits = torch.tanh(logits / softcap) * softcap
    loss = F.cross_entropy(logits, batch["target_labels"], reduction="sum")
    wrong = (logits.argmax(-1) != batch["target_labels"]).long()
    rows = torch.div(batch["target_index"], width, rounding_mode="floor")
    misses = torch.zeros(batch["input_ids"].size(0), dtype=torch.long).index_add_(0, rows, wrong)
    return loss, misses == 0


@dataclass
class Check:
    """One look at a set: mean loss per labelled token and the share of examples exact."""

    loss: float
    exact: float
    n: int


def score(model, examples: list[TokenizedExample], pad: int, batch_size: int) -> Check:
    """Loss and exact match of a set, no gradients; the model is back in training mode after."""
    if not examples:
        return Check(math.nan, math.nan, 0)
    model.eval()
    total, count, right = 0.0, 0, 0
    with torch.no_grad():
        for idx in plan_epoch([len(e) for e in examples], batch_size, 0, True, False, 0):
            batch = collate([examples[i] for i in idx], False, pad)
            loss, exact = exact_rows(model, batch)
            count += targets(batch)
            total += float(loss)
            right += int(exact.sum())
    model.train()
    return Check(total / max(count, 1), right / len(examples), len(examples))


def _trainable(model) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


@dataclass
class Lessons:
    """What is taught: the examples, and what the new brain's metadata says about them."""

    train: list[Example]
    val: list[Example]  # the new tools' val-only phrasings (and a few old ones): loss, and exact match
    tools: list[str]  # every tool the new brain knows (the registry's)
    taught: list[str]  # the tools new to it
    dropped: list[str]  # the tools its starting brain knew that are gone
    counts: dict[str, int]
    check: list[Example] = field(default_factory=list)  # old commands not trained on: must stay exact


class Judge:
    """Keeps the best adapter: the most new commands exact among the checks that keep the old ones.

    A check keeps the old figures when the old commands' exact match is no lower than at the
    start, less `tolerance`. Among those, more new commands exact wins, then the lower val loss.
    `patience` checks in a row that lose old commands stop the run: more steps would forget more.
    """

    def __init__(self, start_old: float, tolerance: float, patience: int) -> None:
        self.floor = start_old - tolerance - 1e-9 if not math.isnan(start_old) else -math.inf
        self.patience = patience
        self.below = 0
        self.best: dict[str, Any] = {"key": None, "step": 0, "weights": None}

    def keeps_old(self, old: Check) -> bool:
        return old.n == 0 or old.exact >= self.floor

    def offer(self, step: int, new: Check, old: Check, model) -> bool:
        """Weigh one check; True when it is the best so far (its weights are then kept)."""
        self.below = 0 if self.keeps_old(old) else self.below + 1
        if not self.keeps_old(old):
            return False
        key = (0.0 if math.isnan(new.exact) else new.exact, -new.loss if not math.isnan(new.loss) else 0.0)
        if self.best["key"] is not None and key <= self.best["key"]:
            return False
        self.best.update(key=key, step=step, weights=_trainable(model) if step > 0 else None)
        return True

    @property
    def forgetting(self) -> bool:
        return self.below >= self.patience


def learn(info: AdapterInfo, lessons: Lessons, target: Path, cfg: LearnConfig, progress: Progress = _quiet_progress,
          model_name: str | None = None) -> Outcome:
    """Continue the LoRA of `info` on the lessons; write the best adapter (see Judge) into `target`."""
    started = time.perf_counter()
    if cfg.threads > 0:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    if target.exists():
        raise KayasError(f"a brain named '{target.name}' exists already in {target.parent}: pick another --name")
    memory: dict[str, float] = {"start": peak_rss_mb()}
    model, source = load_trainable(info, model_name)
    trainable = freeze_below(model, cfg.train_layers)
    memory["loaded"] = peak_rss_mb()
    tokenizer = load_tokenizer(source)
    train_set = _tokenised(lessons.train, tokenizer, cfg.max_seq_length)
    val_set = _tokenised(lessons.val, tokenizer, cfg.max_seq_length)
    check_set = _tokenised(lessons.check, tokenizer, cfg.max_seq_length)
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
                               "check_examples": len(check_set), "setup_s": 0.0, "threads": torch.get_num_threads(),
                               "trainable": trainable, "counts": lessons.counts, "peak_rss_mb": memory}
    eval_batch = max(1, cfg.micro_batch * 2)

    def look(step: int) -> tuple[Check, Check]:
        new, old = score(model, val_set, pad, eval_batch), score(model, check_set, pad, eval_batch)
        metrics["val"].append({"step": step, "loss": new.loss, "exact": new.exact, "old_loss": old.loss, "old_exact": old.exact})
        return new, old

    new0, old0 = look(0)
    judge = Judge(old0.exact, cfg.forget_tolerance, cfg.forget_patience)
    judge.offer(0, new0, old0, model)
    memory["checked"] = peak_rss_mb()
    metrics["setup_s"] = time.perf_counter() - started
    budget = cfg.minutes * 60.0
    progress("start", {"total": plan["total"], "val_loss": new0.loss, "exact": new0.exact, "old_exact": old0.exact,
                       "examples": len(train_set), "check": len(check_set), "budget_s": budget})
    stopped, train_time, step = "done", 0.0, 0
    model.train()
    try:
        while step < plan["total"]:
            t0 = time.perf_counter()
            rows = [train_set[i] for i in batches[step]]
            micro = [collate(rows[i:i + cfg.micro_batch], False, pad) for i in range(0, len(rows), max(1, cfg.micro_batch))]
            n_targets = max(1, sum(targets(b) for b in micro))
            value = 0.0
            for part in micro:  # gradients of the whole batch, the activations of one part at a time
                loss = loss_sum(model, part) / n_targets
                loss.backward()
                value += float(loss.detach())
            torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            del micro, loss
            _trim()
            step += 1
            if step == 1:
                memory["first_step"] = peak_rss_mb()
            dt = time.perf_counter() - t0
            train_time += dt
            metrics["steps"].append({"step": step, "loss": value, "lr": scheduler.get_last_lr()[0], "s": round(dt, 3)})
            if step >= 3:  # what fits, from the steps so far (checks in): a shared CPU slows down and speeds up
                per_step = train_time / step
                fits = step + int(max(0.0, budget - train_time) / per_step)
                plan["total"] = min(planned, max(step, fits))  # it may grow back after a slow patch
            last = step == plan["total"]
            if (val_set or check_set) and (step % cfg.eval_every == 0 or last):
                t1 = time.perf_counter()
                new, old = look(step)
                train_time += time.perf_counter() - t1
                kept = judge.offer(step, new, old, model)
                progress("eval", {"step": step, "total": plan["total"], "loss": value, "val_loss": new.loss, "exact": new.exact,
                                  "old_exact": old.exact, "start_old_exact": old0.exact, "kept": kept,
                                  "left_s": (plan["total"] - step) * train_time / step})
                if judge.forgetting:
                    stopped = "forgetting"
                    progress("note", {"text": f"stopped at step {step}: the old commands' exact match fell to {old.exact:.1%} "
                                              f"(start {old0.exact:.1%}) {judge.below} checks in a row"})
                    break
            left = (plan["total"] - step) * train_time / step
            progress("step", {"step": step, "total": plan["total"], "loss": value, "left_s": left})
        else:
            stopped = "budget" if step < planned else "done"
    except KeyboardInterrupt:
        stopped = "interrupted"
        if (val_set or check_set) and step > max(m["step"] for m in metrics["val"]):  # the steps since the last check count too
            new, old = look(step)
            judge.offer(step, new, old, model)
        progress("note", {"text": f"stopped at step {step}: keeping the best adapter so far (step {judge.best['step']})"})
    best = judge.best
    if not (val_set or check_set):  # nothing to choose by: the last weights are the result
        best.update(step=step, weights=_trainable(model))
    chosen: dict[str, Any] = next((m for m in metrics["val"] if m["step"] == best["step"]), {})
    memory["end"] = peak_rss_mb()
    metrics.update(train_time_s=train_time, steps_done=step, best_step=best["step"], best_val_loss=chosen.get("loss", math.nan),
                   best_exact=chosen.get("exact", math.nan), best_old_exact=chosen.get("old_exact", math.nan),
                   start_old_exact=old0.exact, stopped=stopped)
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
