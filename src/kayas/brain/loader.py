"""Finding and loading a brain: a base model plus the adapter folder `kayas train` writes.

The folder's format (`kayas_adapter.json`, read into `AdapterInfo`) is `kayas.formats.adapter`.
A LoRA is merged into the base at load: the planner then runs one plain model, as fast as
the base alone. Which engine runs it (`kayas.engines.factory`): llama.cpp on the CPU (the
merge is made once as a GGUF and cached, `kayas.engines.gguf_brain`), torch on CUDA or when
asked for (`--engine torch`: transformers and peft, the `train` extra). The tokenizer and
the chat template come from the adapter folder through the `tokenizers` wheel and jinja2
(`kayas.brain.tokenizer`), so the llama.cpp path imports neither torch nor transformers.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.brain.tokenizer import ChatTokenizer, TokenizerError
from kayas.config import setting
from kayas.engines.base import Engine
from kayas.engines.torch_engine import QUANTIZE_CHOICES, _quantize_mode, load_torch_model, quantize_int8  # noqa: F401 - their old home
from kayas.errors import KayasError
from kayas.formats.adapter import META_FILE, AdapterError, AdapterInfo
from kayas.models import ModelSource, resolve

SHIPPED_DIR = Path(__file__).parent / "shipped"
ADAPTER_ENV = "KAYAS_ADAPTER"


def find_adapter(adapter: str | None) -> Path:
    """`--adapter`, else $KAYAS_ADAPTER, else the default brain (`kayas brain use`), else the shipped one."""
    chosen = adapter or setting(ADAPTER_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from kayas.brain.choice import default_adapter

    if (taught := default_adapter()) is not None:  # a brain `kayas learn` wrote, in KAYAS_HOME
        return taught
    if (SHIPPED_DIR / META_FILE).is_file():
        return SHIPPED_DIR
    raise AdapterError(
        "no brain to plan with: the trained brain is not shipped in this install yet; "
        f"pass --adapter DIR (a folder written by `kayas train`) or set {ADAPTER_ENV}"
    )


@dataclass
class Brain:
    """A ready brain: the engine that runs it, its tokenizer and its system prompt."""

    engine: Engine
    tokenizer: ChatTokenizer
    system_prompt: str
    info: AdapterInfo
    base_name: str
    model: Any = None  # the torch engine's transformers model (None for llama.cpp)


QUANTIZE_ENV = "KAYAS_QUANTIZE"


def load_brain(
    adapter: str | None = None,
    model: str | None = None,
    device: str | None = None,
    dtype: Any = None,
    quantize: str | None = None,
    engine: str | None = None,
    threads: int | None = None,
) -> Brain:
    """Base (`--model`, else the adapter's base_model) + adapter, merged, in an engine.

    `engine` (else $KAYAS_ENGINE, else the fastest installed for the device): "llamacpp" or
    "torch". `quantize` (else $KAYAS_QUANTIZE, else "none"), torch engine only: "int8"
    stores the transformer's linear weights as int8 (CPU only), faster but a few plans change.
    """
    from kayas.engines.factory import choose, make_engine
    from kayas.engines.gguf_brain import llamacpp_can_run

    info = AdapterInfo.read(find_adapter(adapter))
    base_source = resolve(model or info.base_model)
    mode = (quantize or setting(QUANTIZE_ENV) or "none").lower()
    # auto: int8 and non-Llama bases (Gemma 3) are the torch engine's
    name = choose(engine, device, llamacpp_fits=lambda: mode == "none" and llamacpp_can_run(info, base_source))
    if name != "torch" and mode != "none":
        raise KayasError(f"--quantize {mode} is for the torch engine; the llama.cpp engine has its own weight type (use --engine torch)")
    tokenizer = chat_tokenizer(info, base_source)
    ready = make_engine(name, info, base_source, device=device, dtype=dtype, quantize=quantize, threads=threads)
    if ready.engine.vocab_size < len(tokenizer):
        raise AdapterError(
            f"the tokenizer in {info.path} has {len(tokenizer)} tokens but the model only {ready.engine.vocab_size}: wrong base model?"
        )
    return Brain(ready.engine, tokenizer, info.system_prompt, info, base_source.name, ready.model)


def chat_tokenizer(info: AdapterInfo, base_source: ModelSource) -> ChatTokenizer:
    """The adapter folder's tokenizer (what `kayas train` saves), else the base's."""
    folders = [info.path] + ([Path(base_source.path)] if not base_source.gguf_file and Path(base_source.path).is_dir() else [])
    for folder in folders:
        if (folder / "tokenizer.json").is_file():
            try:
                return ChatTokenizer.from_folder(folder)
            except TokenizerError as exc:
                raise AdapterError(f"cannot load the tokenizer in {folder}: {exc}") from None
    import importlib.util

    if importlib.util.find_spec("transformers") is not None:  # a GGUF base whose tokenizer only transformers reads
        from kayas.models import load_tokenizer

        return ChatTokenizer.from_transformers(load_tokenizer(base_source))
    raise AdapterError(f"no tokenizer.json in {info.path}: copy the base model's tokenizer there (or install the train extra)")


