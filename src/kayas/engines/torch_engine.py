"""The torch engine: a transformers causal LM with a croppable KV cache (the training stack).

The transformer body runs without its LM head: the decoder asks for the logits of the few
tokens the grammar allows, and only their rows of the 49k-row head are multiplied (a gather
and a small matmul); positions with large masks get the whole head, in one matmul for all of
them. Works on the CPU and on CUDA. Needs the `train` extra (torch, transformers).
"""
from __future__ import annotations

import inspect
import os
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from kayas.config import setting
from kayas.config import threads as configured_threads
from kayas.engines.base import Engine
from kayas.errors import KayasError
from kayas.formats.adapter import AdapterError, AdapterInfo
from kayas.models import ModelLoadError, ModelSource


def set_threads(threads: int | None) -> None:
    """Torch CPU threads: `threads`, else $KAYAS_THREADS, else one per core, at most 8."""
    import torch

    if threads is None:
        threads = configured_threads()
    n = threads or max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


class TorchEngine(Engine):
    name = "torch"

    def __init__(self, model: Any):
        import torch

        self._torch = torch
        self.model = model
        self.body = model.get_decoder()  # the transformer without its LM head
        # transformers >= 5.2x calls the KV cache `cache`; older versions `past_key_values`.
        self._cache_kw = "cache" if "cache" in inspect.signature(self.body.forward).parameters else "past_key_values"
        self.head_weight = model.get_output_embeddings().weight  # (V, H)
        self.head_bias = getattr(model.get_output_embeddings(), "bias", None)
        self.softcap = getattr(model.config, "final_logit_softcapping", None)
        self.device = self.head_weight.device
        self.vocab_size = self.head_weight.shape[0]
        self.prefix_len = 0
        self.prefix_cache = self._new_cache()
        self.cache = self.prefix_cache
        self._hidden: dict[int, Any] = {}  # row of the last feed -> its hidden state, (H,)
        self._wide: set[int] = set()
        self._full: dict[int, Any] = {}  # row -> whole-vocabulary logits, (V,)

    def describe(self) -> str:
        if self.device.type == "cuda":
            return self._torch.cuda.get_device_name(self.device)
        return f"cpu ({self._torch.get_num_threads()} threads)"

    def _new_cache(self):
        """A cache of plain full layers, also for sliding-window models (Gemma 3): a sliding
        layer's cache cannot be cropped back (transformers 5.17 refuses). Exact while prompt
        and plan fit in the window (Gemma 3: 512 tokens, as many as training used); past it
        those layers would see the whole text."""
        from transformers import DynamicCache

        return DynamicCache()

    def _forward(self, ids: Sequence[int], cache) -> Any:
        """Feed ids after what the cache holds; their hidden states, (T, H)."""
        x = self._torch.tensor([list(ids)], dtype=self._torch.long, device=self.device)  # (1, T)
        out = self.body(input_ids=x, use_cache=True, **{self._cache_kw: cache})
        return out.last_hidden_state[0]  # (T, H)

    def prefill(self, ids: Sequence[int]) -> None:
        self.prefix_cache = self._new_cache()
        self.cache = self.prefix_cache
        self.prefix_len = len(ids)
        if ids:
            with self._torch.inference_mode():
                self._forward(ids, self.prefix_cache)

    @property
    def position(self) -> int:
        return self.cache.get_seq_length()

    def reset(self, keep_prefix: bool = True) -> None:
        _crop(self.prefix_cache, self.prefix_len)
        self.cache = self.prefix_cache if keep_prefix and self.prefix_len else self._new_cache()
        self._hidden, self._full = {}, {}

    def feed(self, tokens: Sequence[int], rows: Sequence[int], wide: Sequence[int] = ()) -> None:
        with self._torch.inference_mode():
            hidden = self._forward(tokens, self.cache)  # (T, H)
        self._hidden = {r: hidden[r] for r in rows}
        self._wide = set(wide)
        self._full = {}

    def _whole(self, row: int) -> Any:
        """Whole-vocabulary logits of a row; every wide row of the feed in one matmul."""
        if row not in self._full:
            rows = sorted(self._wide | {row})
            with self._torch.inference_mode():
                h = self._torch.stack([self._hidden[r] for r in rows])  # (R, H)
                logits = h @ self.head_weight.T  # (R, V)
                if self.head_bias is not None:
                    logits = logits + self.head_bias
            self._full.update({r: logits[k] for k, r in enumerate(rows)})
            self._wide = set()
        return self._full[row]

    def logits(self, row: int, ids: np.ndarray, whole: bool = False) -> np.ndarray:
        torch = self._torch
        with torch.inference_mode():
            index = torch.from_numpy(np.asarray(ids, dtype=np.int64)).to(self.device)
            if row in self._wide or row in self._full:
                logits = self._whole(row).index_select(0, index)
            else:
                h = self._hidden[row]
                if whole:
                    logits = (self.head_weight @ h).index_select(0, index)  # (V,) -> (N,)
                else:
                    logits = self.head_weight.index_select(0, index) @ h  # (N, H) @ (H,) -> (N,)
                if self.head_bias is not None:
                    logits = logits + self.head_bias.index_select(0, index)
            if self.softcap:
                logits = torch.tanh(logits / self.softcap) * self.softcap
            return logits.float().cpu().numpy()

    def rollback(self, position: int) -> None:
        _crop(self.cache, position)


def _crop(cache, length: int) -> None:
    """Cut the cache back to its first `length` positions (negative: tokens to drop, any version)."""
    extra = cache.get_seq_length() - length
    if extra > 0:
        cache.crop(-extra)


# -- loading: the merged transformers model ----------------------------------------------------

QUANTIZE_ENV = "KAYAS_QUANTIZE"
QUANTIZE_CHOICES = ("none", "int8")


def load_torch_model(info: AdapterInfo, base_source: ModelSource, device: str | None, dtype: Any = None, quantize: str | None = None) -> Any:
    """The merged transformers model on `device`, in eval mode (the torch engine's weights)."""
    import torch

    from kayas.models import pick_device

    device = pick_device(device)
    mode = _quantize_mode(quantize, device)  # a bad value fails before the model loads
    dtype = dtype or torch.float32
    if info.method == "full":
        net = _load_full(info, dtype)
    else:
        net = _load_lora(info, base_source, dtype)
    net.to(device).eval()
    if mode == "int8":
        quantize_int8(net)
    return net


def _quantize_mode(quantize: str | None, device: str) -> str:
    mode = (quantize or setting(QUANTIZE_ENV) or "none").lower()
    if mode not in QUANTIZE_CHOICES:
        raise KayasError(f"quantize must be one of {', '.join(QUANTIZE_CHOICES)}, got {mode!r}")
    if mode == "int8" and device != "cpu":
        raise KayasError(f"int8 quantisation runs on the CPU only (device {device}); use --quantize none")
    return mode


def quantize_int8(net: Any) -> None:
    """int8 weights for the linear layers of the transformer body (dynamic quantisation).

    One forward pass on a CPU reads every weight once: at fp32 that memory traffic is most of
    the planner's latency, and int8 cuts it by four. The LM head stays in full precision; the
    decoder multiplies only the rows the grammar allows. Activations are quantised per forward
    pass, so with int8 fast-forwarded decoding is no longer bit-exact to step-by-step decoding.
    """
    import torch
    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's deprecation notice
        quantize_dynamic(net.get_decoder(), {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def _load_full(info: AdapterInfo, dtype: Any) -> Any:
    from transformers import AutoModelForCausalLM

    try:
        return AutoModelForCausalLM.from_pretrained(info.path, dtype=dtype)
    except Exception as exc:  # noqa: BLE001
        raise ModelLoadError(f"cannot load the full model in {info.path}: {exc}") from None


def _check_base(info: AdapterInfo, base: Any, name: str) -> None:
    """Refuse a base whose weights differ from the ones the adapter was trained on."""
    if info.base_fingerprint is None:
        return
    import transformers

    from kayas.models import weight_fingerprint

    here = weight_fingerprint(base)
    same = len(here) == len(info.base_fingerprint) and all(abs(a - b) <= 1e-3 for a, b in zip(here, info.base_fingerprint))
    if not same:
        versions = f" (trained with transformers {info.trained_with}, this is {transformers.__version__})" if info.trained_with else ""
        raise AdapterError(
            f"the base model {name} here has other weights than the one the adapter in {info.path} was trained on{versions}: "
            "its plans would be garbage; retrain it here or load the base it was trained on"
        )


def _load_lora(info: AdapterInfo, base_source, dtype: Any) -> Any:
    from peft import PeftModel

    from kayas.models import load_model

    if not (info.path / "adapter_config.json").is_file():
        raise AdapterError(f"{info.path} says method 'lora' but holds no adapter_config.json")
    base = load_model(base_source, dtype=dtype)
    _check_base(info, base, base_source.name)
    try:
        merged = PeftModel.from_pretrained(base, info.path).merge_and_unload()
    except Exception as exc:  # noqa: BLE001 - shape mismatches, missing modules: a wrong base
        lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()] or [type(exc).__name__]
        first = next((ln for ln in lines if "size mismatch" in ln), lines[0])
        raise AdapterError(
            f"the adapter in {info.path} (trained on {info.base_model}) does not fit the model {base_source.name}: {first[:300]}"
        ) from None
    return merged
