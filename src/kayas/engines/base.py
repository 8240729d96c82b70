"""The one interface between the constrained decoder and a model runtime.

The decoder (`kayas.brain.decode`) owns the grammar, the fast-forward, the drafts and the copy
bias; an engine owns the weights and the KV cache. What the decoder asks of it is small:
compute and keep the system prompt's prefix, feed tokens after what the cache holds, give the
logits of some token ids at some of the fed positions, and cut the cache back to a position
when a guessed token was wrong. Logits come back as numpy float32 arrays, whatever the engine,
so the decoder's choices (argmax, sampling, the copy bias) are the same code for all of them.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

from kayas.errors import KayasError


class EngineError(KayasError):
    """The engine cannot be loaded or chosen, or failed while running."""


class Engine(ABC):
    """A causal LM with one KV cache and a kept prefix. Not thread-safe."""

    name: str = ""  # "torch", "llamacpp"
    vocab_size: int = 0  # rows of the LM head

    @abstractmethod
    def describe(self) -> str:
        """Where it runs, for reports: e.g. "cpu (2 threads)", "NVIDIA H200"."""

    @abstractmethod
    def prefill(self, ids: Sequence[int]) -> None:
        """Compute the KV cache of the tokens every prompt starts with, and keep it."""

    @property
    @abstractmethod
    def position(self) -> int:
        """How many tokens the cache holds now."""

    @abstractmethod
    def reset(self, keep_prefix: bool = True) -> None:
        """Back to the kept prefix (or, with keep_prefix=False, to an empty cache)."""

    @abstractmethod
    def feed(self, tokens: Sequence[int], rows: Sequence[int], wide: Sequence[int] = ()) -> None:
        """Feed tokens after what the cache holds, in one pass.

        `rows`: indices into `tokens` whose outputs `logits` will be asked for (the last feed's
        only). `wide`: those of `rows` whose logits will be wanted over much of the vocabulary,
        which an engine may compute together.
        """

    @abstractmethod
    def logits(self, row: int, ids: np.ndarray, whole: bool = False) -> np.ndarray:
        """Logits (float32, one per id) of the token ids `ids` at `row` of the last feed.

        `whole`: many ids are asked for; an engine that can multiply only some rows of its LM
        head multiplies all of them instead.
        """

    @abstractmethod
    def rollback(self, position: int) -> None:
        """Cut the cache back to its first `position` tokens."""

    def close(self) -> None:  # noqa: B027 - most engines have nothing to free early
        """Free native memory now rather than at garbage collection."""
