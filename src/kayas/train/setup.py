"""Everything a training run needs before its first step, built once: device, base model, LoRA, data.

`kayas.train.recipe` (the loop) and `kayas.bench.train` (the comparison with a plain Trainer)
both start here.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import torch

from kayas.models import ModelSource, load_model, load_tokenizer, pick_device, resolve
from kayas.train.config import ConfigError, TrainConfig
from kayas.train.data import TokenizedExample, load_examples


@dataclass
class Setup:
    """Everything the loop needs, built once."""

    cfg: TrainConfig
    device: torch.device
    autocast: torch.dtype | None  # None: plain fp32
    source: ModelSource
    tokenizer: Any
    model: torch.nn.Module
    train_set: list[TokenizedExample]
    val_set: list[TokenizedExample] = field(default_factory=list)


def device_and_autocast(cfg: TrainConfig) -> tuple[torch.device, torch.dtype | None]:
    """The device (`kayas.models.pick_device`) and the autocast dtype: bf16 on CUDA, fp32 on CPU unless asked otherwise."""
    device = torch.device(pick_device(cfg.device))
    bf16 = cfg.precision == "bf16" or (cfg.precision == "auto" and device.type == "cuda")
    return device, (torch.bfloat16 if bf16 else None)


def check_quant(cfg: TrainConfig, device: torch.device) -> None:
    """QLoRA needs CUDA and bitsandbytes; say so before loading anything."""
    if not cfg.quant:
        return
    if device.type != "cuda":
        raise ConfigError("--quant 4bit (QLoRA) needs a CUDA GPU; on this machine train without --quant")
    import importlib.util

    if importlib.util.find_spec("bitsandbytes") is None:
        raise ConfigError("--quant 4bit (QLoRA) needs bitsandbytes: pip install bitsandbytes")


def build_model(cfg: TrainConfig, source: ModelSource, device: torch.device, autocast: torch.dtype | None):
    """The base model, wrapped with LoRA adapters (or left whole for full fine-tuning)."""
    if cfg.quant:
        model = _load_4bit(source, device)
    else:
        # LoRA freezes the base, so it may live in bf16; full training keeps fp32 master weights.
        weights = autocast if (autocast is not None and cfg.method == "lora") else torch.float32
        model = load_model(source, dtype=weights, device=str(device))
    model.config.use_cache = False
    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    if cfg.method == "full":
        return model
    from peft import LoraConfig, get_peft_model

    modules = "all-linear" if cfg.target_modules == "all-linear" else [m.strip() for m in cfg.target_modules.split(",") if m.strip()]
    lora = LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules=modules, task_type="CAUSAL_LM")
    try:
        with warnings.catch_warnings():  # peft reads a property transformers 5 has deprecated
            warnings.simplefilter("ignore", FutureWarning)
            model = get_peft_model(model, lora)
    except ValueError as exc:  # e.g. a target module the model does not have
        raise ConfigError(f"cannot add LoRA adapters: {exc}") from None
    if cfg.gradient_checkpointing:
        model.enable_input_require_grads()
    return model


def _load_4bit(source: ModelSource, device: torch.device):
    from peft import prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, BitsAndBytesConfig

    path = source.path
    if source.gguf_file:  # bitsandbytes quantises safetensors weights: use the dequantised cache
        load_model(source)
        path = str(source.cache_dir)
    quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                               bnb_4bit_compute_dtype=torch.bfloat16)
    model = AutoModelForCausalLM.from_pretrained(path, quantization_config=quant, dtype=torch.bfloat16,
                                                 device_map={"": device.index or 0})
    return prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)


def setup(cfg: TrainConfig) -> Setup:
    if not cfg.data:
        raise ConfigError("no training data: pass --data FILE.jsonl (or set data in the config)")
    device, autocast = device_and_autocast(cfg)
    check_quant(cfg, device)
    source = resolve(cfg.model)
    tokenizer = load_tokenizer(source)
    train_set = load_examples(cfg.data, tokenizer, cfg.max_seq_length)
    val_set = load_examples(cfg.val, tokenizer, cfg.max_seq_length) if cfg.val else []
    if cfg.max_eval_examples > 0:
        val_set = val_set[: cfg.max_eval_examples]
    torch.manual_seed(cfg.seed)
    model = build_model(cfg, source, device, autocast)
    return Setup(cfg, device, autocast, source, tokenizer, model, train_set, val_set)


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    import platform

    return f"cpu ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
