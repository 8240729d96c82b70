"""The brain as one GGUF file for llama.cpp: the base with the LoRA merged in, made once and cached.

An adapter folder holds a PEFT LoRA trained on the base as transformers loads it (a GGUF
dequantised to F32, or a model directory). The merge: the base as an F32 GGUF (llama.cpp's own
quantiser dequantises a GGUF, in C++; a directory of safetensors is written out with numpy),
`scale * B @ A` added to each adapted matrix in place through a memory map (the rows of q and
k permuted from transformers' rotate-half order to GGUF's interleaved one, as
`convert_hf_to_gguf.py` does), then every matrix quantised to the engine's weight type (C++
again). A GGUF base's token embedding, which is also the LM head, keeps its own bytes.

The result is cached under the cache folder (`KAYAS_CACHE`, see `kayas.settings.cache_dir`) in a
folder named by a key of the base and the adapter files (path, size, modification time) and
the recipe, so later starts only map it; the system prompt's KV cache is saved beside it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kayas.engines.base import EngineError
from kayas.settings import cache_dir

RECIPE = 1  # bump when the merge changes: cached files of older recipes are then rebuilt
WEIGHT_TYPE = "Q8_0"  # chosen by measurement (README, "Speed: engines, CPU and GPU"); "F32" keeps the merge unquantised
_MODULES = {"q_proj": "attn_q", "k_proj": "attn_k", "v_proj": "attn_v", "o_proj": "attn_output",
            "gate_proj": "ffn_gate", "up_proj": "ffn_up", "down_proj": "ffn_down"}
_GGML_Q8_0 = 8
_LLAMA_TYPES = ("llama", "mistral")  # config.json model types written as GGUF arch "llama"


@dataclass(frozen=True)
class GgufBrain:
    """A ready GGUF for the llama.cpp engine and the folder it is cached in."""

    model: Path
    folder: Path
    built_s: float  # seconds spent making it now (0.0: it was in the cache)


@dataclass(frozen=True)
class Recipe:
    """What the merged file is made of: a base (a .gguf file or a model directory), maybe a LoRA."""

    base: Path
    lora: Path | None = None  # a PEFT adapter folder
    fingerprint: tuple[float, ...] | None = None  # the base's, as `kayas train` recorded it
    weight_type: str = WEIGHT_TYPE
    trained_with: str = ""  # the transformers version that trained the adapter, for messages

    def files(self) -> list[Path]:
        files = [self.base] if self.base.is_file() else sorted(self.base.glob("*.safetensors")) + [self.base / "config.json"]
        if self.lora is not None:
            files += [self.lora / "adapter_config.json", self.lora / "adapter_model.safetensors"]
        return files

    def key(self) -> str:
        """A hash of the recipe and of each input file's path, size and modification time."""
        import llama_cpp  # its quantiser makes the file: another version, another file

        h = hashlib.sha256(f"kayas-gguf-brain {RECIPE} {self.weight_type} {llama_cpp.__version__} {self.fingerprint}\n".encode())
        for path in self.files():
            st = path.stat()
            h.update(f"{path.resolve()} {st.st_size} {st.st_mtime_ns}\n".encode())
        return h.hexdigest()[:24]


_SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}  # GGUF value types
_STRING, _ARRAY = 8, 9


def gguf_architecture(path: Path) -> str | None:
    """`general.architecture` from a GGUF's header, reading the key-value pairs up to it only.

    gguf.GGUFReader parses every field (the 49k-entry vocabulary among them): seconds on every start,
    for the one key that says which engine can run the file."""
    with open(path, "rb") as f:
        magic, _version, _tensors, count = struct.unpack("<4sIQQ", f.read(24))
        if magic != b"GGUF":
            raise ValueError(f"{path} is not a GGUF file")

        def string() -> str:
            (n,) = struct.unpack("<Q", f.read(8))
            return f.read(n).decode("utf-8", "replace")

        def skip(kind: int) -> None:
            if kind == _STRING:
                (n,) = struct.unpack("<Q", f.read(8))
                f.seek(n, 1)
            elif kind == _ARRAY:
                inner, n = struct.unpack("<IQ", f.read(12))
                if inner in _SCALAR_SIZES:
                    f.seek(n * _SCALAR_SIZES[inner], 1)
                else:
                    for _ in range(n):
                        skip(inner)
            elif kind in _SCALAR_SIZES:
                f.seek(_SCALAR_SIZES[kind], 1)
            else:
                raise ValueError(f"{path}: unknown GGUF value type {kind}")

        for _ in range(count):
            key = string()
            (kind,) = struct.unpack("<I", f.read(4))
            if key == "general.architecture" and kind == _STRING:
                return string()
            skip(kind)
    return None


def llamacpp_can_run(info: Any, base_source: Any) -> bool:
    """Whether the merge handles this brain: a Llama-family base (a GGUF or a model directory)."""
    folder = info.path if info.method == "full" else Path(base_source.path)
    if info.method != "full" and base_source.gguf_file:
        try:
            return gguf_architecture(folder / base_source.gguf_file) == "llama"
        except (OSError, ValueError, struct.error):
            return False
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return config.get("model_type") in _LLAMA_TYPES


def recipe_for(info: Any, base_source: Any, weight_type: str = WEIGHT_TYPE) -> Recipe:
    """The recipe for an adapter folder (`AdapterInfo`) on a base (`kayas.models.ModelSource`)."""
    if info.method == "full":
        return Recipe(info.path, None, None, weight_type, info.trained_with)
    if base_source.gguf_file:
        base = Path(base_source.path) / base_source.gguf_file
    elif Path(base_source.path).is_dir():
        base = Path(base_source.path)
    else:
        raise EngineError(f"the llama.cpp engine needs a .gguf file or a local model directory as the base, not {base_source.name}")
    if not (info.path / "adapter_config.json").is_file():
        from kayas.formats.adapter import AdapterError

        raise AdapterError(f"{info.path} says method 'lora' but holds no adapter_config.json")
    return Recipe(base, info.path, info.base_fingerprint, weight_type, info.trained_with)


def build(recipe: Recipe) -> GgufBrain:
    """The cached GGUF for a recipe, made now if it is not there yet."""
    key = recipe.key()
    folder = cache_dir() / "engines" / "llamacpp" / key
    model = folder / "model.gguf"
    if model.is_file():
        return GgufBrain(model, folder, 0.0)
    start = time.perf_counter()
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=folder.parent))
    try:
        wide = work / "f32.gguf"
        if recipe.base.is_file():
            _quantize(recipe.base, wide, "ALL_F32", requantize=True)
        else:
            hf_to_gguf(recipe.base, wide)
        _check_fingerprint(wide, recipe)
        if recipe.lora is not None:
            add_lora(wide, recipe.lora)
        if recipe.weight_type == "F32":
            wide.rename(work / "model.gguf")
        else:
            _quantize(wide, work / "model.gguf", recipe.weight_type)
            wide.unlink()
        meta = {"recipe": RECIPE, "base": str(recipe.base), "lora": str(recipe.lora), "weight_type": recipe.weight_type}
        (work / "brain.json").write_text(json.dumps(meta, indent=1))
        try:
            os.replace(work, folder)
        except OSError:  # another process made it meanwhile
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return GgufBrain(model, folder, time.perf_counter() - start)


# -- the fingerprint -------------------------------------------------------------------------


def norm_fingerprint(path: Path) -> list[float]:
    """`kayas.models.weight_fingerprint` read from a GGUF: the mean of every norm weight, in
    transformers' parameter order (per layer: input, post-attention; then the final norm)."""
    import gguf

    tensors = {t.name: t for t in gguf.GGUFReader(str(path)).tensors}
    names, layer = [], 0
    while f"blk.{layer}.attn_norm.weight" in tensors:
        names += [f"blk.{layer}.attn_norm.weight", f"blk.{layer}.ffn_norm.weight"]
        layer += 1
    names.append("output_norm.weight")
    return [round(float(np.asarray(tensors[n].data, dtype=np.float32).mean()), 5) for n in names if n in tensors]


def _check_fingerprint(path: Path, recipe: Recipe) -> None:
    """Refuse a base whose weights differ from those the adapter was trained on."""
    if recipe.fingerprint is None:
        return
    here, there = norm_fingerprint(path), recipe.fingerprint
    if len(here) != len(there) or any(abs(a - b) > 1e-3 for a, b in zip(here, there)):
        from kayas.formats.adapter import AdapterError

        versions = f" (trained with transformers {recipe.trained_with})" if recipe.trained_with else ""
        raise AdapterError(
            f"the base model {recipe.base.name} here has other weights than the one the adapter in {recipe.lora} was trained on{versions}: "
            "its plans would be garbage; retrain it here or load the base it was trained on"
        )


# -- llama.cpp's quantiser -------------------------------------------------------------------


def _quantize(src: Path, dst: Path, ftype: str, requantize: bool = False) -> None:
    """Every matrix of src to `ftype` (llama.cpp, C++); a Q8_0 token embedding keeps its bytes."""
    import llama_cpp as L

    from kayas.engines.llamacpp_engine import default_threads, silence

    silence(L)
    params = L.llama_model_quantize_default_params()
    params.nthread = default_threads()
    params.ftype = getattr(L, f"LLAMA_FTYPE_{ftype}" if ftype.startswith("ALL_") else f"LLAMA_FTYPE_MOSTLY_{ftype}")
    params.allow_requantize = requantize
    params.pure = True  # one type for every matrix, no per-tensor mix
    keep = _GGML_Q8_0 if ftype != "ALL_F32" or _embedding_type(src) == _GGML_Q8_0 else params.token_embedding_type  # (no override)
    params.token_embedding_type = keep  # the LM head too (tied): Q8_0, as the base ships it
    params.output_tensor_type = keep
    if L.llama_model_quantize(str(src).encode(), str(dst).encode(), params) != 0:
        raise EngineError(f"llama.cpp could not convert {src.name} to {ftype}")


def _embedding_type(path: Path) -> int:
    import gguf

    for t in gguf.GGUFReader(str(path)).tensors:
        if t.name == "token_embd.weight":
            return int(t.tensor_type)
    return -1


# -- the LoRA --------------------------------------------------------------------------------


def permute(w: np.ndarray, n_head: int) -> np.ndarray:
    """Rows from transformers' rotate-half RoPE order to GGUF's interleaved order, (out, ...)."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def lora_deltas(adapter: Path) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]], float]:
    """{GGUF tensor name: (A (r, in), B (out, r))} and the scale alpha / r, from a PEFT folder."""
    from safetensors.numpy import load_file

    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    if config.get("use_dora") or config.get("use_rslora") or config.get("rank_pattern") or config.get("alpha_pattern"):
        raise EngineError(f"the adapter in {adapter} uses DoRA, rsLoRA or per-layer ranks, which the llama.cpp merge does not handle")
    weights = load_file(str(adapter / "adapter_model.safetensors"))
    pairs = {}
    for name, a in weights.items():
        if ".lora_A." not in name:
            continue
        parts = name.split(".")
        module = parts[parts.index("lora_A") - 1]
        if "layers" not in parts or module not in _MODULES:
            raise EngineError(f"the adapter in {adapter} adapts {name}, which the llama.cpp merge does not handle")
        layer = int(parts[parts.index("layers") + 1])
        b = weights[name.replace(".lora_A.", ".lora_B.")]
        pairs[f"blk.{layer}.{_MODULES[module]}.weight"] = (a.astype(np.float32), b.astype(np.float32))
    return pairs, float(config["lora_alpha"]) / float(config["r"])


def add_lora(path: Path, adapter: Path) -> None:
    """Add scale * B @ A to the adapted F32 matrices of a GGUF, in place."""
    import gguf

    reader = gguf.GGUFReader(str(path), "r+")
    heads = int(reader.fields["llama.attention.head_count"].contents())
    kv_heads = int(reader.fields["llama.attention.head_count_kv"].contents())
    pairs, scale = lora_deltas(adapter)
    tensors = {t.name: t for t in reader.tensors}
    with _one_blas_thread():
        for name, (a, b) in pairs.items():
            t = tensors.get(name)
            if t is None or t.tensor_type != gguf.GGMLQuantizationType.F32:
                raise EngineError(f"the base has no F32 matrix {name} for the adapter's weights: wrong base?")
            if ".attn_q." in name:
                b = permute(b, heads)
            elif ".attn_k." in name:
                b = permute(b, kv_heads)
            w = t.data  # (out, in), a writable view of the file
            if w.shape != (b.shape[0], a.shape[1]):
                from kayas.formats.adapter import AdapterError

                raise AdapterError(
                    f"the adapter in {adapter} does not fit the model: its {name} is {b.shape[0]}x{a.shape[1]}, the base's {w.shape[0]}x{w.shape[1]}"
                )
            w += np.float32(scale) * (b @ a)
    reader.data.flush()


class _one_blas_thread:
    """numpy's BLAS on one thread: on a busy machine its thread pool is 6x slower than one thread."""

    def __enter__(self):
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            self._limit = None
        else:
            self._limit = threadpool_limits(1, "blas")
        return self

    def __exit__(self, *exc):
        if self._limit is not None:
            self._limit.restore_original_limits()


# -- a model directory as a GGUF -------------------------------------------------------------


def hf_to_gguf(folder: Path, out: Path) -> None:
    """A Llama-family model directory (config.json, safetensors, tokenizer.json) as an F32 GGUF."""
    import gguf
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if config.get("model_type") not in _LLAMA_TYPES:
        raise EngineError(f"the llama.cpp engine converts Llama-family models only; {folder} is {config.get('model_type')!r}")
    weights: dict[str, np.ndarray] = {}
    for file in sorted(folder.glob("*.safetensors")):
        weights.update(load_file(str(file)))
    heads, kv_heads = config["num_attention_heads"], config.get("num_key_value_heads") or config["num_attention_heads"]
    head_dim = config.get("head_dim") or config["hidden_size"] // heads
    rope = config.get("rope_theta") or (config.get("rope_parameters") or {}).get("rope_theta") or 10000.0
    w = gguf.GGUFWriter(str(out), arch="llama")
    w.add_context_length(config.get("max_position_embeddings", 2048))
    w.add_embedding_length(config["hidden_size"])
    w.add_block_count(config["num_hidden_layers"])
    w.add_feed_forward_length(config["intermediate_size"])
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_key_length(head_dim)
    w.add_value_length(head_dim)
    w.add_rope_dimension_count(head_dim)
    w.add_rope_freq_base(float(rope))
    w.add_layer_norm_rms_eps(float(config.get("rms_norm_eps", 1e-5)))
    w.add_vocab_size(config["vocab_size"])
    w.add_file_type(0)
    _add_vocab(w, folder / "tokenizer.json", config["vocab_size"])
    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight", "lm_head.weight": "output.weight"}
    hf_parts = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm",
                **{f"self_attn.{m}": g for m, g in _MODULES.items() if m.endswith(("q_proj", "k_proj", "v_proj", "o_proj"))},
                **{f"mlp.{m}": g for m, g in _MODULES.items() if m in ("gate_proj", "up_proj", "down_proj")}}
    tied = config.get("tie_word_embeddings", False)
    for name, value in weights.items():
        if name == "lm_head.weight" and tied:
            continue
        target = names.get(name)
        if target is None and name.startswith("model.layers."):
            layer, rest = name[len("model.layers."):].split(".", 1)
            part = hf_parts.get(rest.removesuffix(".weight"))
            target = f"blk.{layer}.{part}.weight" if part else None
        if target is None:
            raise EngineError(f"{folder}: no GGUF name for the tensor {name}")
        data = value.astype(np.float32)
        if target.endswith("attn_q.weight"):
            data = permute(data, heads)
        elif target.endswith("attn_k.weight"):
            data = permute(data, kv_heads)
        w.add_tensor(target, data)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def _add_vocab(w: Any, path: Path, n_vocab: int) -> None:
    """The tokenizer as GGUF fields: llama.cpp refuses a model without one, although Kayas
    tokenizes with the `tokenizers` wheel and never with llama.cpp's tokenizer."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    model = spec.get("model") or {}
    if model.get("type") != "BPE":
        raise EngineError(f"{path}: the llama.cpp conversion handles byte-level BPE tokenizers only")
    tokens = [f"[PAD{i}]" for i in range(n_vocab)]
    types = [5] * n_vocab  # UNUSED
    for text, i in model.get("vocab", {}).items():
        if i < n_vocab:
            tokens[i], types[i] = text, 1  # NORMAL
    for added in spec.get("added_tokens", []):
        if added["id"] < n_vocab:
            tokens[added["id"]], types[added["id"]] = added["content"], 3 if added.get("special") else 4  # CONTROL, USER_DEFINED
    merges = [m if isinstance(m, str) else " ".join(m) for m in model.get("merges", [])]
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
