"""Stand-ins for tests: a tiny randomly initialised model with the embedded model's tokenizer.

The tiny model is saved as an ordinary model directory, so it goes through exactly the
same `--model DIR` paths (train, plan, eval) as a real one, in a fraction of the time.
"""
from __future__ import annotations

from pathlib import Path

from kayas.models import load_tokenizer, resolve


def make_tiny_model(out_dir: str | Path, seed: int = 0, layers: int = 2, hidden: int = 64) -> Path:
    """Write a tiny random Llama (SmolLM2's architecture and tokenizer) to out_dir."""
    from transformers import LlamaConfig, LlamaForCausalLM

    return _write_random(
        LlamaForCausalLM, LlamaConfig, out_dir, seed,
        hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers, num_key_value_heads=2,
    )


def make_tiny_gemma3(out_dir: str | Path, seed: int = 0, sliding_window: int = 512) -> Path:
    """Write a tiny random Gemma 3 (sliding-window and full attention layers, as the `gemma3`
    base has, with SmolLM2's tokenizer)."""
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    return _write_random(
        Gemma3ForCausalLM, Gemma3TextConfig, out_dir, seed,
        hidden_size=64, intermediate_size=128, num_hidden_layers=3, num_key_value_heads=1, head_dim=16,
        sliding_window=sliding_window, layer_types=["sliding_attention", "sliding_attention", "full_attention"],
    )


def _write_random(model_cls, config_cls, out_dir: str | Path, seed: int, **arch) -> Path:
    """A randomly initialised `model_cls` with SmolLM2's tokenizer, saved as a model directory."""
    import torch

    out = Path(out_dir)
    tokenizer = load_tokenizer(resolve("smollm2"))
    config = config_cls(
        vocab_size=len(tokenizer),
        num_attention_heads=4,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        **arch,
    )
    torch.manual_seed(seed)
    model_cls(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
