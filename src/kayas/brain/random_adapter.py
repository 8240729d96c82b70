"""A random LoRA adapter folder in `kayas train`'s format: for tests and speed measurements.

Its plans are meaningless, but it loads, merges and decodes exactly like a trained one,
so it measures the planner's speed before a trained brain exists.
"""
from __future__ import annotations

import json
from pathlib import Path

from kayas.brain.loader import FORMAT, META_FILE
from kayas.models import load_model, load_tokenizer, resolve
from kayas.prompt import SYSTEM_PROMPT


def make_random_adapter(out_dir: str | Path, base_model: str = "smollm2", rank: int = 4, seed: int = 0) -> Path:
    """Write a random LoRA (q/v projections) on `base_model` with its tokenizer and metadata."""
    import torch
    from peft import LoraConfig, get_peft_model

    out = Path(out_dir)
    source = resolve(base_model)
    torch.manual_seed(seed)
    base = load_model(source)
    config = LoraConfig(r=rank, lora_alpha=2 * rank, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    model = get_peft_model(base, config)
    model.save_pretrained(out)
    load_tokenizer(source).save_pretrained(out)
    meta = {
        "format": FORMAT,
        "base_model": base_model,
        "method": "lora",
        "system_prompt": SYSTEM_PROMPT,
        "config": {"rank": rank, "random": True, "seed": seed},
        "data": {},
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1))
    return out
