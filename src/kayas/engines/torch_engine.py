"""The torch engine: a transformers causal LM with a croppable KV cache (the training stack).

The transformer body runs without its LM head: the decoder asks for the logits of the few
tokens the grammar allows, and only their rows of the 49k-row head are multiplied (a gather
and a small matmul); positions with large masks get the whole head, in one matmul for all of
them. Works on the CPU and on CUDA. Needs the `train` extra (torch, transformers).
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from kayas.engines.base import Engine


def set_threads(threads: int | None) -> None:
    """Torch CPU threads: `threads`, else $KAYAS_THREADS, else one per core, at most 8."""
    import torch

    env = os.environ.get("KAYAS_THREADS", "")
    if threads is None and env.isdigit() and int(env) > 0:
        threads = int(env)
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
