"""The brain's tokenizer without transformers: the `tokenizers` wheel plus the chat template in jinja2.

An adapter folder written by `kayas train` holds `tokenizer.json`, `tokenizer_config.json` and
`chat_template.jinja`: that is all the planner needs to render a prompt exactly as training
did and to build the grammar's llguidance tokenizer, so the runtime imports neither torch
nor transformers. The template is rendered the way transformers renders it (a sandboxed
jinja2 environment with `trim_blocks` and `lstrip_blocks`), so the prompt tokens are the
training's, token for token (checked on both hand-written sets).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.errors import KayasError

# A base that ships no chat template gets its family's (see kayas.models, which holds the same
# two templates for training): Gemma's turn markers, else ChatML.
GEMMA_MARKER = "<start_of_turn>"


class TokenizerError(KayasError):
    """The adapter folder's tokenizer files are missing or unreadable."""


@dataclass
class ChatTokenizer:
    """Token ids for chat prompts and plan text, and the tokenizer llguidance needs."""

    backend: Any  # tokenizers.Tokenizer
    template: Any  # a compiled jinja2 template
    special: dict[str, str]  # bos_token, eos_token, ... for the template
    eos_token_id: int

    @classmethod
    def from_folder(cls, folder: str | Path) -> "ChatTokenizer":
        """Read tokenizer.json, tokenizer_config.json and the chat template from a folder."""
        from tokenizers import Tokenizer

        folder = Path(folder)
        path = folder / "tokenizer.json"
        if not path.is_file():
            raise TokenizerError(f"no tokenizer.json in {folder}")
        config = _read_json(folder / "tokenizer_config.json")
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TokenizerError(f"{path} is not readable: {exc}") from None
        backend = Tokenizer.from_str(json.dumps(_repair(spec)))
        template = _template_text(folder, config, backend)
        return cls.build(backend, template, config)

    @classmethod
    def from_transformers(cls, hf: Any) -> "ChatTokenizer":
        """From a transformers fast tokenizer (a GGUF base's, read by transformers)."""
        from tokenizers import Tokenizer

        spec = json.loads(hf.backend_tokenizer.to_str())
        config = {k: getattr(hf, k, None) for k in ("bos_token", "eos_token", "unk_token", "pad_token")}
        return cls.build(Tokenizer.from_str(json.dumps(_repair(spec))), hf.chat_template or "", config)

    @classmethod
    def build(cls, backend: Any, template: str, config: dict[str, Any]) -> "ChatTokenizer":
        special = {k: _token_text(config.get(k)) for k in ("bos_token", "eos_token", "unk_token", "pad_token")}
        special = {k: v for k, v in special.items() if v}
        if "<|im_end|>" in template:  # ChatML ends a turn with <|im_end|>, whatever the config says
            special["eos_token"] = "<|im_end|>"
        eos = backend.token_to_id(special.get("eos_token", ""))
        if eos is None:
            raise TokenizerError(f"the tokenizer has no end-of-turn token {special.get('eos_token')!r}")
        return cls(backend, _compile(template), special, eos)

    def render(self, messages: list[dict[str, str]], add_generation_prompt: bool = True) -> str:
        """The chat prompt as text, as transformers' `apply_chat_template(tokenize=False)` writes it."""
        return self.template.render(messages=messages, add_generation_prompt=add_generation_prompt, **self.special)

    def encode(self, text: str) -> list[int]:
        """Token ids of text; special tokens written in it (<|im_start|>) become their ids."""
        return list(self.backend.encode(text, add_special_tokens=False).ids)

    def chat_ids(self, messages: list[dict[str, str]]) -> list[int]:
        return self.encode(self.render(messages))

    def __len__(self) -> int:
        return self.backend.get_vocab_size(with_added_tokens=True)

    def lltokenizer(self, n_vocab: int | None = None) -> Any:
        """The llguidance tokenizer for the grammar (~1 s to build: build it once)."""
        import llguidance

        backend = self.backend
        try:
            return llguidance.LLTokenizer(backend.to_str(), n_vocab=n_vocab, eos_token=self.eos_token_id)
        except ValueError as exc:
            raise TokenizerError(f"the tokenizer cannot drive the grammar: {exc}") from None


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TokenizerError(f"{path} is not readable JSON: {exc}") from None
    return data if isinstance(data, dict) else {}


def _token_text(value: Any) -> str | None:
    if isinstance(value, dict):  # older configs: {"content": "<|im_end|>", ...}
        value = value.get("content")
    return value if isinstance(value, str) else None


def _repair(spec: dict[str, Any]) -> dict[str, Any]:
    """A byte-level BPE needs a byte-level decoder (see kayas.models.repair_tokenizer): else
    llguidance reads 'Ġ' as a character instead of a space."""
    if (spec.get("pre_tokenizer") or {}).get("type") == "ByteLevel" and (spec.get("decoder") or {}).get("type") != "ByteLevel":
        spec["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
        spec.get("model", {})["byte_fallback"] = False
    spec["padding"] = None
    spec["truncation"] = None
    return spec


def _template_text(folder: Path, config: dict[str, Any], backend: Any) -> str:
    path = folder / "chat_template.jinja"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    template = config.get("chat_template")
    if isinstance(template, str) and template:
        return template
    from kayas.models import CHATML_TEMPLATE, GEMMA_TEMPLATE

    return GEMMA_TEMPLATE if backend.token_to_id(GEMMA_MARKER) is not None else CHATML_TEMPLATE


def _compile(template: str) -> Any:
    """The template compiled as transformers compiles it (sandboxed, trim and lstrip blocks)."""
    import jinja2
    from jinja2.ext import loopcontrols
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def raise_exception(message: str) -> None:
        raise TokenizerError(f"the chat template refused the messages: {message}")

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = lambda x, indent=None, ensure_ascii=False: json.dumps(x, indent=indent, ensure_ascii=ensure_ascii)
    env.globals["raise_exception"] = raise_exception
    try:
        return env.from_string(template)
    except jinja2.TemplateError as exc:
        raise TokenizerError(f"the chat template does not compile: {exc}") from None
