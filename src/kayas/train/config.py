"""The training config: one typed dataclass, defaults in one place, a TOML file and `--key value` on top.

Defaults are the seed's (batch 2 x accumulation 8, 3 epochs, lr 2e-4, LoRA r16/alpha32, 2048
tokens), so `kayas train` with no config behaves like the original recipe, only faster.
"""
from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kayas.errors import KayasError


class ConfigError(KayasError):
    """A config file or override the trainer cannot use."""


@dataclass
class TrainConfig:
    # what to train on and where to write it
    model: str = "smollm2"  # embedded short name, .gguf path, local directory or hub id
    data: str = ""  # JSONL with {"messages": [...]} per line
    val: str = ""  # optional JSONL, evaluated each epoch
    out: str = "runs/brain"
    method: str = "lora"  # "lora" | "full"
    quant: str | None = None  # None | "4bit" (QLoRA: CUDA + bitsandbytes)
    # the seed's recipe
    batch_size: int = 2  # sequences per micro-batch (when max_batch_tokens is 0)
    gradient_accumulation_steps: int = 8  # micro-batches per optimizer step
    num_epochs: int = 3
    learning_rate: float = 2e-4
    max_seq_length: int = 2048  # longer examples are truncated
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: str = "all-linear"  # or a comma-separated list: "q_proj,v_proj"
    # optimisation
    warmup_ratio: float = 0.03
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    max_steps: int = 0  # stop after this many optimizer steps (0: run all epochs)
    seed: int = 42
    # speed
    precision: str = "auto"  # "auto" (bf16 on CUDA, fp32 on CPU) | "bf16" | "fp32"
    device: str = "auto"  # "auto" | "cpu" | "cuda" | "cuda:1" ...
    max_batch_tokens: int = 0  # >0: fill each micro-batch up to this many (padded) tokens instead of batch_size
    group_by_length: bool = True  # batch similar lengths together: little padding
    packing: bool = False  # pack several examples into one row (per-example position_ids)
    pad_to_multiple_of: int = 8
    gradient_checkpointing: bool = False
    compile: bool = False  # torch.compile the model (CUDA; pays off on long runs)
    # bookkeeping
    eval_each_epoch: bool = True
    max_eval_examples: int = 0  # evaluate on the first N val examples only (0: all; a CPU saver)
    save_every: int = 0  # also checkpoint every N optimizer steps (0: at the end of each epoch only)
    merge: bool = False  # also write a merged model to out/merged

    def check(self) -> TrainConfig:
        """Refuse values that would fail later, deep in the loop, with a less clear message."""
        if self.method not in ("lora", "full"):
            raise ConfigError(f"method must be 'lora' or 'full', got '{self.method}'")
        if self.quant not in (None, "4bit"):
            raise ConfigError(f"quant must be '4bit' or none, got '{self.quant}'")
        if self.quant and self.method != "lora":
            raise ConfigError("quant '4bit' (QLoRA) works with method 'lora' only")
        if self.precision not in ("auto", "bf16", "fp32"):
            raise ConfigError(f"precision must be auto, bf16 or fp32, got '{self.precision}'")
        for name in ("batch_size", "gradient_accumulation_steps", "num_epochs", "max_seq_length", "lora_r", "pad_to_multiple_of"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.learning_rate <= 0:
            raise ConfigError(f"learning_rate must be positive, got {self.learning_rate}")
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_toml(self) -> str:
        """The effective config as TOML (None values are left out: TOML has no null)."""
        lines = []
        for key, value in self.to_dict().items():
            if value is not None:
                lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field_types() -> dict[str, Any]:
    hints = typing.get_type_hints(TrainConfig)
    return {f.name: hints[f.name] for f in fields(TrainConfig)}


def _coerce(key: str, value: Any, kind: Any) -> Any:
    """Turn a TOML value or a command-line string into the field's type, or say what is wrong."""
    optional = isinstance(kind, types.UnionType) and type(None) in typing.get_args(kind)
    if optional:
        if value is None or (isinstance(value, str) and value.lower() in ("", "none", "null")):
            return None
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            raise ValueError
        if kind is int:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(float(value)) if isinstance(value, str) and "e" in value.lower() else int(value)
        if kind is float:
            return float(value)
        if isinstance(value, list):  # a TOML list of module names
            return ",".join(str(v) for v in value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"config key '{key}' wants {kind.__name__}, got {value!r}") from None


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> TrainConfig:
    """Defaults, then the TOML file, then overrides; an unknown key is an error naming it."""
    values: dict[str, Any] = {}
    if path:
        file = Path(path).expanduser()
        if not file.is_file():
            raise ConfigError(f"config file not found: {path}")
        try:
            values.update(tomllib.loads(file.read_text()))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    values.update({k.replace("-", "_"): v for k, v in (overrides or {}).items()})
    types_ = _field_types()
    kwargs = {}
    for key, value in values.items():
        if key not in types_:
            raise ConfigError(f"unknown config key '{key}' (known: {', '.join(types_)})")
        kwargs[key] = _coerce(key, value, types_[key])
    return TrainConfig(**kwargs).check()


def parse_overrides(args: list[str]) -> dict[str, str]:
    """`--key value`, `--key=value` and a bare `--flag` (true) from the command line's leftovers."""
    out: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--") or len(arg) == 2:
            raise ConfigError(f"unexpected argument '{arg}' (overrides are --key value)")
        key = arg[2:]
        if "=" in key:
            key, value = key.split("=", 1)
            i += 1
        elif i + 1 < len(args) and not args[i + 1].startswith("--"):
            value = args[i + 1]
            i += 2
        else:
            value = "true"
            i += 1
        out[key.replace("-", "_")] = value
    return out
