"""`kayas bench train`: the kayas loop against a plain peft + transformers Trainer, in one run.

Both sides train one epoch over the same examples (steps x 2 x 8 of them: N optimizer steps of
the seed's batch, drawn from --data with the seed) from the same base model with the same LoRA
settings. The kayas side runs the given config (its own batching); the baseline is what the seed
did: batch 2 x accumulation 8, lr 2e-4, every row padded to 2048 tokens, no packing, Trainer's loop.
Throughput counts real tokens only (the examples' own lengths), so padding is not rewarded.
"""
from __future__ import annotations

import contextlib
import dataclasses
import random
import sys
import tempfile
import time

import torch

from kayas.models import load_model, load_tokenizer, resolve
from kayas.train.config import ConfigError, TrainConfig
from kayas.train.data import IGNORE, TokenizedExample, collate, load_examples
from kayas.train.recipe import loss_sum, train
from kayas.train.setup import Setup, build_model, check_quant, device_and_autocast, device_name

SEED = TrainConfig()  # the seed's recipe: the baseline's batch, accumulation, learning rate and length


def pick_examples(examples: list[TokenizedExample], count: int, seed: int) -> list[TokenizedExample]:
    """`count` examples in a seeded random order, cycling through the file if it is shorter."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    return [examples[order[i % len(order)]] for i in range(count)]


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def run_kayas(cfg: TrainConfig, source, tokenizer, subset: list[TokenizedExample], device, autocast) -> float:
    """Seconds the kayas loop takes for one epoch over the subset (setup and saving not counted)."""
    torch.manual_seed(cfg.seed)
    model = build_model(cfg, source, device, autocast)
    with tempfile.TemporaryDirectory() as out:
        run_cfg = dataclasses.replace(cfg, out=out, num_epochs=1, max_steps=0, eval_each_epoch=False, merge=False, val="")
        run = Setup(run_cfg, device, autocast, source, tokenizer, model, subset)
        if device.type == "cuda":  # one untimed micro-batch: kernel selection, allocator warmup
            batch = collate(subset[: cfg.batch_size], cfg.packing, tokenizer.pad_token_id or 0, cfg.pad_to_multiple_of)
            with torch.autocast("cuda", dtype=autocast or torch.float32, enabled=autocast is not None):
                loss_sum(model, {k: v.to(device) for k, v in batch.items()}).backward()
            model.zero_grad(set_to_none=True)
        metrics = train(run_cfg, progress=False, run=run)
    del model, run
    return metrics["train_time_s"]


def run_baseline(cfg: TrainConfig, source, tokenizer, subset: list[TokenizedExample], device, max_len: int) -> float:
    """Seconds a plain peft + Trainer run takes for one epoch over the subset, padded to max length."""
    from peft import LoraConfig, get_peft_model
    from transformers import Trainer, TrainerCallback, TrainingArguments

    cuda = device.type == "cuda"
    torch.manual_seed(cfg.seed)
    model = load_model(source, dtype=torch.float32)
    modules = "all-linear" if cfg.target_modules == "all-linear" else cfg.target_modules.split(",")
    model = get_peft_model(model, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                                             target_modules=modules, task_type="CAUSAL_LM"))
    width, pad = max_len, tokenizer.pad_token_id or 0
    rows = [
        {
            "input_ids": e.input_ids + [pad] * (width - len(e)),
            "attention_mask": [1] * len(e) + [0] * (width - len(e)),
            "labels": e.labels + [IGNORE] * (width - len(e)),
        }
        for e in subset
    ]

    class Clock(TrainerCallback):
        start = end = 0.0

        def on_train_begin(self, *args, **kwargs):
            _sync(device)
            Clock.start = time.perf_counter()

        def on_train_end(self, *args, **kwargs):
            _sync(device)
            Clock.end = time.perf_counter()

    with tempfile.TemporaryDirectory() as out:
        args = TrainingArguments(
            output_dir=out, per_device_train_batch_size=cfg.batch_size,
            gradient_accumulation_steps=cfg.gradient_accumulation_steps, learning_rate=cfg.learning_rate,
            num_train_epochs=1, lr_scheduler_type="cosine", weight_decay=cfg.weight_decay, max_grad_norm=cfg.max_grad_norm,
            bf16=cuda, use_cpu=not cuda, save_strategy="no", logging_strategy="no", report_to="none",
            disable_tqdm=True, dataloader_num_workers=0, seed=cfg.seed,
        )
        trainer = Trainer(model=model, args=args, train_dataset=rows, callbacks=[Clock()])
        if cuda:  # the same untimed warmup micro-batch as the kayas side
            model.to(device)
            batch = {k: torch.tensor([r[k] for r in rows[: cfg.batch_size]], device=device) for k in rows[0]}
            with torch.autocast("cuda", dtype=torch.bfloat16):
                model(**batch).loss.backward()
            model.zero_grad(set_to_none=True)
        trainer.train()
    del trainer, model
    return Clock.end - Clock.start


def bench(cfg: TrainConfig, steps: int, baseline_max_len: int = SEED.max_seq_length) -> dict:
    """Both throughputs in real tokens/s, and their ratio."""
    if not cfg.data:
        raise ConfigError("kayas bench train needs --data FILE.jsonl (e.g. the output of kayas data generate)")
    if cfg.method != "lora" or cfg.quant:
        raise ConfigError("kayas bench train compares LoRA runs: leave method and quant at their defaults")
    device, autocast = device_and_autocast(cfg)
    check_quant(cfg, device)
    source = resolve(cfg.model)
    tokenizer = load_tokenizer(source)
    examples = load_examples(cfg.data, tokenizer, min(cfg.max_seq_length, baseline_max_len))
    subset = pick_examples(examples, steps * SEED.batch_size * SEED.gradient_accumulation_steps, cfg.seed)
    tokens = sum(len(e) for e in subset)
    kayas_s = run_kayas(cfg, source, tokenizer, subset, device, autocast)
    if device.type == "cuda":
        torch.cuda.empty_cache()
    with contextlib.redirect_stdout(sys.stderr):  # Trainer prints its summary; keep stdout for the result
        seed_cfg = dataclasses.replace(SEED, lora_r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                                       target_modules=cfg.target_modules, seed=cfg.seed)
        baseline_s = run_baseline(seed_cfg, source, tokenizer, subset, device, baseline_max_len)
    return {
        "device": device_name(device),
        "tokens": tokens,
        "kayas_tokens_per_s": tokens / kayas_s,
        "baseline_tokens_per_s": tokens / baseline_s,
        "speedup": baseline_s / kayas_s,
    }
