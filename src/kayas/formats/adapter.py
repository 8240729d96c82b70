"""The adapter folder's metadata, `kayas_adapter.json`: the one reader and the one writer.

An adapter folder (what `kayas train` writes, and what the planner loads) holds the
tokenizer, either a PEFT LoRA adapter or (method "full") a whole model, and
`kayas_adapter.json`:

    {"format": 1, "base_model": ..., "method": "lora" | "full", "system_prompt": ...,
     "config": {...}, "data": {...}, ["created", "transformers", "base_fingerprint", "tools", "learned_from"]}

`base_fingerprint` (LoRA only) lets the loader refuse a base whose weights differ from the
ones the adapter was trained on. `tools` names the tools the brain was taught (`kayas learn`
teaches the registry's others; a folder without it knows the built-ins), `learned_from` the
adapter folder it was trained on top of (`kayas learn --undo` goes back to it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.errors import KayasError
from kayas.prompt import SYSTEM_PROMPT
from kayas.safe_input import InputError, loads_json

META_FILE = "kayas_adapter.json"
FORMAT = 1
METHODS = ("lora", "full")


class AdapterError(KayasError):
    """The adapter folder is missing, malformed or does not fit the base model."""


@dataclass(frozen=True)
class AdapterInfo:
    """What `kayas_adapter.json` says about an adapter folder."""

    path: Path
    base_model: str
    method: str
    system_prompt: str
    base_fingerprint: tuple[float, ...] | None = None  # see kayas.models.weight_fingerprint
    trained_with: str = ""  # the transformers version that trained it
    tools: tuple[str, ...] | None = None  # the tools it was taught; None: the built-ins
    learned_from: str = ""  # the adapter folder `kayas learn` continued from ("" for `kayas train`)
    reads_context: bool = False  # trained on conversations ("Earlier: ... / Now: ..."): only then is it shown the last turns

    @classmethod
    def read(cls, path: str | Path) -> "AdapterInfo":
        folder = Path(path).expanduser()
        if folder.is_file():
            raise AdapterError(f"--adapter wants the folder `kayas train` wrote, not a file: {path}")
        if not folder.is_dir():
            raise AdapterError(f"adapter folder not found: {path}")
        meta_path = folder / META_FILE
        if not meta_path.is_file():
            raise AdapterError(f"not a Kayas adapter folder (no {META_FILE}): {path}")
        try:
            meta = loads_json(meta_path.read_bytes())
        except (OSError, InputError) as exc:
            raise AdapterError(f"{meta_path} is not readable JSON: {exc}") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise AdapterError(f"{meta_path}: unsupported format {meta.get('format') if isinstance(meta, dict) else meta!r} (expected {FORMAT})")
        method = meta.get("method")
        if method not in METHODS:
            raise AdapterError(f"{meta_path}: method must be 'lora' or 'full', got {method!r}")
        base = meta.get("base_model")
        if not isinstance(base, str) or not base:
            raise AdapterError(f"{meta_path}: base_model is missing")
        prompt = meta.get("system_prompt") or SYSTEM_PROMPT
        fingerprint = meta.get("base_fingerprint")
        fingerprint = tuple(float(x) for x in fingerprint) if isinstance(fingerprint, list) else None
        tools = meta.get("tools")
        if tools is not None and not (isinstance(tools, list) and all(isinstance(t, str) for t in tools)):
            raise AdapterError(f"{meta_path}: tools must be a list of tool names")
        return cls(folder.resolve(), base, method, prompt, fingerprint, str(meta.get("transformers") or ""),
                   tuple(tools) if tools is not None else None, str(meta.get("learned_from") or ""),
                   meta.get("reads_context") is True)


def write_meta(
    out: str | Path,
    *,
    base_model: str,
    method: str,
    config: dict[str, Any],
    data: dict[str, Any],
    system_prompt: str = SYSTEM_PROMPT,
    created: str | None = None,
    transformers: str | None = None,
    base_fingerprint: list[float] | None = None,
    tools: list[str] | None = None,
    learned_from: str | None = None,
    reads_context: bool | None = None,
) -> Path:
    """Write `kayas_adapter.json` into ``out`` (the weights and tokenizer are saved beside it)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    meta: dict[str, Any] = {
        "format": FORMAT,
        "base_model": base_model,
        "method": method,
        "system_prompt": system_prompt,
        "config": config,
        "data": data,
    }
    optional = {"created": created, "transformers": transformers, "base_fingerprint": base_fingerprint,
                "tools": tools, "learned_from": learned_from, "reads_context": reads_context}
    meta.update({k: v for k, v in optional.items() if v is not None})
    path = Path(out) / META_FILE
    path.write_text(json.dumps(meta, indent=1))
    return path
