"""The llama.cpp engine: a GGUF model through llama-cpp-python's low-level API, no torch.

One context with one sequence; the system prompt's KV cache is computed once (or read from
disk, see `kayas.engines.gguf_brain`) and kept as a state blob, so a decode that had to start
from an empty cache can get it back in a millisecond. A feed is one `llama_decode` of a batch
whose output flags are set only on the rows the decoder will look at; their logits are full
vocabulary rows (llama.cpp multiplies the whole LM head), read through numpy without a copy.
Rolling back is `llama_memory_seq_rm`. Fed in one batch or token by token, the logits are
bit-identical (measured), so fast-forward and drafts stay exact here too.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kayas.config import threads as configured_threads
from kayas.engines.base import Engine, EngineError

N_CTX = 2048  # prompt (<= 2,000 characters) + plan (<= 256 + 512 tokens) fit
N_BATCH = 512  # tokens per llama_decode; longer feeds are split

_log_callback: Any = None  # kept alive: llama.cpp holds the pointer


def silence(L: Any) -> None:
    """llama.cpp logs every load to stderr; the CLI's output must stay one line."""
    global _log_callback
    if _log_callback is None:
        _log_callback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)(lambda level, text, user: None)
        L.llama_log_set(_log_callback, ctypes.c_void_p(0))


def default_threads() -> int:
    """$KAYAS_THREADS, else one per core this process may use, at most 8."""
    if (configured := configured_threads()) is not None:
        return configured
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(8, cores))


class LlamaCppEngine(Engine):
    name = "llamacpp"

    def __init__(
        self,
        model_path: str | Path,
        lora_path: str | Path | None = None,
        threads: int | None = None,
        n_ctx: int = N_CTX,
        state_dir: str | Path | None = None,
    ):
        try:
            import llama_cpp as L
        except ImportError:
            raise EngineError("the llama.cpp engine needs llama-cpp-python: pip install llama-cpp-python") from None
        self._L = L
        silence(L)
        L.llama_backend_init()
        self.threads = threads or default_threads()
        params = L.llama_model_default_params()
        params.use_mmap = True
        self.model = L.llama_model_load_from_file(str(model_path).encode(), params)
        if not self.model:
            raise EngineError(f"llama.cpp cannot load {model_path}")
        cp = L.llama_context_default_params()
        cp.n_ctx, cp.n_batch, cp.n_ubatch, cp.n_seq_max = n_ctx, N_BATCH, N_BATCH, 1
        cp.n_threads = cp.n_threads_batch = self.threads
        cp.no_perf = True
        self.ctx = L.llama_init_from_model(self.model, cp)
        if not self.ctx:
            raise EngineError("llama.cpp cannot create a context")
        self.lora = None
        if lora_path is not None:
            self.lora = L.llama_adapter_lora_init(self.model, str(lora_path).encode())
            if not self.lora:
                raise EngineError(f"llama.cpp cannot load the LoRA adapter {lora_path}")
            adapters = (L.llama_adapter_lora_p_ctypes * 1)(self.lora)
            scales = (ctypes.c_float * 1)(1.0)
            if L.llama_set_adapters_lora(self.ctx, adapters, 1, scales) != 0:
                raise EngineError(f"llama.cpp cannot apply the LoRA adapter {lora_path}")
        self.n_ctx = n_ctx
        self.mem = L.llama_get_memory(self.ctx)
        self.vocab_size = L.llama_vocab_n_tokens(L.llama_model_get_vocab(self.model))
        self.batch = L.llama_batch_init(N_BATCH, 0, 1)
        # numpy views of the batch's arrays: filling a batch is three slice assignments
        self._tokens = np.ctypeslib.as_array(self.batch.token, shape=(N_BATCH,))
        self._pos = np.ctypeslib.as_array(self.batch.pos, shape=(N_BATCH,))
        self._outputs = np.ctypeslib.as_array(self.batch.logits, shape=(N_BATCH,))
        np.ctypeslib.as_array(self.batch.n_seq_id, shape=(N_BATCH,))[:] = 1
        for i in range(N_BATCH):
            self.batch.seq_id[i][0] = 0
        self._n_past = 0
        self.prefix_len = 0
        self._prefix_state: bytes | None = None
        self.state_dir = Path(state_dir) if state_dir is not None else None  # where the prefix's cache is saved
        self.prefix_from_disk = False
        self._rows: dict[int, int] = {}  # row of the last feed -> its index in the last llama_decode batch
        self._offset = 0  # the last feed's first token, in the last batch

    def describe(self) -> str:
        return f"cpu ({self.threads} threads)"

    # -- the prefix ----------------------------------------------------------------------

    def prefill(self, ids: Sequence[int]) -> None:
        """Compute the prefix's cache, or read it from `state_dir` where an earlier run saved it."""
        path = self._state_path(ids)
        if path is not None and path.is_file():
            try:
                self.prefix_from_disk = self.load_prefix(ids, path.read_bytes())
            except OSError:
                self.prefix_from_disk = False
            if self.prefix_from_disk:
                return
        self._clear()
        self.prefix_len = len(ids)
        if ids:
            self.feed(ids, [])
        self._prefix_state = self.state()
        if path is not None:
            _write_quietly(path, self._prefix_state)

    def _state_path(self, ids: Sequence[int]) -> Path | None:
        if self.state_dir is None or not ids:
            return None
        digest = hashlib.sha256(f"{self.n_ctx} {list(ids)}".encode()).hexdigest()[:16]
        return self.state_dir / f"prefix-{digest}.state"

    def state(self) -> bytes:
        """The cache as bytes (llama_state_seq_get_data), to keep or to save."""
        L = self._L
        size = L.llama_state_seq_get_size(self.ctx, 0)
        buf = (ctypes.c_uint8 * size)()
        got = L.llama_state_seq_get_data(self.ctx, buf, size, 0)
        return bytes(buf[:got])

    def load_prefix(self, ids: Sequence[int], state: bytes) -> bool:
        """Take the prefix's cache from bytes `state` saved earlier; False if llama.cpp refuses them."""
        self._clear()
        if not self._set_state(state):
            return False
        self.prefix_len, self._n_past, self._prefix_state = len(ids), len(ids), state
        return True

    def _set_state(self, state: bytes) -> bool:
        buf = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        return self._L.llama_state_seq_set_data(self.ctx, buf, len(state), 0) == len(state)

    def _clear(self) -> None:
        self._L.llama_memory_clear(self.mem, True)
        self._n_past = 0

    @property
    def position(self) -> int:
        return self._n_past

    def reset(self, keep_prefix: bool = True) -> None:
        if not keep_prefix:
            self._clear()
        elif self._n_past >= self.prefix_len:
            self.rollback(self.prefix_len)
        elif self._prefix_state is not None:  # a decode without the prefix cleared it
            self._clear()
            if not self._set_state(self._prefix_state):
                raise EngineError("llama.cpp refused the prefix's saved cache")
            self._n_past = self.prefix_len
        self._rows = {}

    # -- feeding -------------------------------------------------------------------------

    def feed(self, tokens: Sequence[int], rows: Sequence[int], wide: Sequence[int] = ()) -> None:
        n = len(tokens)
        if n == 0:
            raise EngineError("internal: nothing to feed")
        if self._n_past + n > self.n_ctx:
            raise EngineError(f"the prompt and plan need more than {self.n_ctx} tokens")
        last = max(n - N_BATCH, 0)  # the last chunk is a whole batch, so it holds every row asked for
        if rows and min(rows) < last:
            raise EngineError(f"internal: rows more than {N_BATCH} tokens from the end of a feed")
        starts = [*range(0, last, N_BATCH), last]
        for start, end in zip(starts, [*starts[1:], n]):
            chunk = tokens[start:end]
            k = len(chunk)
            self._tokens[:k] = chunk
            self._pos[:k] = np.arange(self._n_past, self._n_past + k, dtype=np.int32)
            self._outputs[:k] = 0
            mine = [r - start for r in rows if start <= r < start + k]
            if mine:
                self._outputs[mine] = 1
            self.batch.n_tokens = k
            code = self._L.llama_decode(self.ctx, self.batch)
            if code != 0:
                raise EngineError(f"llama_decode failed (code {code})")
            self._n_past += k
            self._offset = start
        self._rows = {r: r - self._offset for r in rows}

    def logits(self, row: int, ids: np.ndarray, whole: bool = False) -> np.ndarray:
        if row not in self._rows:
            raise EngineError(f"internal: no logits kept for row {row} of the last feed")
        pointer = self._L.llama_get_logits_ith(self.ctx, self._rows[row])
        full = np.ctypeslib.as_array(pointer, shape=(self.vocab_size,))  # a view, valid until the next feed
        return full[np.asarray(ids, dtype=np.int64)]

    def rollback(self, position: int) -> None:
        if position < self._n_past:
            if not self._L.llama_memory_seq_rm(self.mem, 0, position, -1):
                raise EngineError("llama.cpp could not roll the cache back")
            self._n_past = position

    def close(self) -> None:
        L = self._L
        if getattr(self, "batch", None) is not None:
            L.llama_batch_free(self.batch)
            self.batch = None
        if getattr(self, "ctx", None):
            L.llama_free(self.ctx)
            self.ctx = None
        if getattr(self, "lora", None):
            L.llama_adapter_lora_free(self.lora)
            self.lora = None
        if getattr(self, "model", None):
            L.llama_model_free(self.model)
            self.model = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _write_quietly(path: Path, data: bytes) -> None:
    """Best effort: a read-only cache only costs the next start the prefill again."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
