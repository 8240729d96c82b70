"""Training examples: tokenise with the chat template, mask, and batch without waste.

The file is read by `kayas.formats.examples`.

Only the assistant's tokens carry loss (its closing end-of-turn token included, so the model
learns to stop); system and user tokens are context. Examples are ~100-300 tokens, so instead
of padding every row to max_seq_length the batches group similar lengths (padding only to the
longest in the batch) or pack several examples into one row with per-example position_ids.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

import torch

from kayas.formats.examples import DataError, read_examples

IGNORE = -100  # label of a token that carries no loss


@dataclass
class TokenizedExample:
    """One example as the model sees it: token ids, and the labels that carry loss."""

    input_ids: list[int]
    labels: list[int]  # IGNORE where masked

    def __len__(self) -> int:
        return len(self.input_ids)


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).expanduser().read_bytes()).hexdigest()


def tokenize(tokenizer, messages: list[dict], max_len: int) -> TokenizedExample:
    """Render with the chat template and label the character spans of the assistant turns.

    The span of turn i runs from the end of the prompt for it (messages[:i] plus the generation
    prompt) to the end of messages[:i+1] without trailing whitespace, so the end-of-turn token is
    learnt and the newline after it is not. Character offsets make this exact for any template.
    """
    text = tokenizer.apply_chat_template(messages, tokenize=False)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        start = len(tokenizer.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True))
        end = len(tokenizer.apply_chat_template(messages[: i + 1], tokenize=False).rstrip())
        spans.append((start, end))
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = enc["input_ids"][:max_len]
    labels = [
        tok if any(s <= a < e for s, e in spans) else IGNORE
        for tok, (a, _b) in zip(ids, enc["offset_mapping"][:max_len])
    ]
    return TokenizedExample(ids, labels)


def load_examples(path: str | Path, tokenizer, max_len: int) -> list[TokenizedExample]:
    examples = [tokenize(tokenizer, e.messages, max_len) for e in read_examples(path)]
    examples = [e for e in examples if any(t != IGNORE for t in e.labels[1:])]
    if not examples:
        raise DataError(f"{path}: no example keeps an assistant token within max_seq_length")
    return examples


def plan_epoch(lengths: list[int], batch_size: int, max_batch_tokens: int, group_by_length: bool,
               packing: bool, seed: int) -> list[list[int]]:
    """The micro-batches (lists of example indices) of one epoch, shuffled deterministically by seed.

    Grouping sorts within large shuffled windows, so batches are near-uniform in length while the
    order of batches stays random. With a token budget, a batch is as many examples as fit:
    padded size (len(batch) x longest) when padding, plain sum when packing.
    """
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    if group_by_length and not packing:
        window = max(batch_size, 1) * 64
        order = [i for w in range(0, len(order), window) for i in sorted(order[w : w + window], key=lambda j: lengths[j])]
    batches: list[list[int]] = []
    current: list[int] = []
    longest = total = 0
    for i in order:
        n = lengths[i]
        if max_batch_tokens > 0:
            cost = total + n if packing else (len(current) + 1) * max(longest, n)
            full = current and cost > max_batch_tokens
        else:
            full = len(current) == batch_size
        if full:
            batches.append(current)
            current, longest, total = [], 0, 0
        current.append(i)
        longest, total = max(longest, n), total + n
    if current:
        batches.append(current)
    if group_by_length and not packing:
        rng.shuffle(batches)
    return batches


def collate(examples: list[TokenizedExample], packing: bool, pad_id: int, multiple: int = 8) -> dict[str, torch.Tensor]:
    """Tensors for one micro-batch; padding is on the right and never labelled.

    Right padding needs no attention mask in a causal model (real tokens never see later pads),
    which keeps SDPA on its fast causal kernel. Packing restarts position_ids at each example,
    from which transformers builds the block-diagonal mask that keeps examples apart.
    """
    if packing:
        ids = [t for e in examples for t in e.input_ids]
        labels = [t for e in examples for t in e.labels]
        pos = [p for e in examples for p in range(len(e))]
        width = -(-len(ids) // multiple) * multiple
        pad = width - len(ids)
        batch = {
            "input_ids": torch.tensor([ids + [pad_id] * pad]),  # (1, T)
            "labels": torch.tensor([labels + [IGNORE] * pad]),  # (1, T)
            "position_ids": torch.tensor([pos + list(range(pad))]),  # (1, T)
        }
    else:
        width = -(-max(len(e) for e in examples) // multiple) * multiple
        batch = {
            "input_ids": torch.tensor([e.input_ids + [pad_id] * (width - len(e)) for e in examples]),  # (B, T)
            "labels": torch.tensor([e.labels + [IGNORE] * (width - len(e)) for e in examples]),  # (B, T)
        }
    # Where the loss is, found here on the CPU so the GPU never waits on a boolean mask.
    shifted = batch["labels"][:, 1:]  # (B, T-1): position t predicts token t+1
    batch["target_index"] = (shifted != IGNORE).flatten().nonzero().squeeze(1)  # (N,) into B*(T-1)
    batch["target_labels"] = shifted.flatten()[batch["target_index"]]  # (N,)
    batch["tokens"] = torch.tensor(sum(len(e) for e in examples))
    return batch


def targets(batch: dict[str, torch.Tensor]) -> int:
    """How many tokens of the batch carry loss."""
    return len(batch["target_index"])
