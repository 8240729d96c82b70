"""Stand-in brains in `kayas train`'s folder format, for tests and speed measurements.

A random LoRA plans nonsense but loads, merges and decodes exactly like a trained one, so
it measures the planner's speed before a trained brain exists. An overfit tiny model has
learnt a few plans by heart: it exercises the paths a trained brain takes (guesses that
the model confirms) in a test that runs in seconds.
"""
from __future__ import annotations

from pathlib import Path

from kayas.formats.adapter import write_meta
from kayas.models import load_model, load_tokenizer, resolve, weight_fingerprint
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
    write_meta(out, base_model=base_model, method="lora", config={"rank": rank, "random": True, "seed": seed},
               data={}, base_fingerprint=weight_fingerprint(base))
    return out


def make_overfit_brain(base_dir: str | Path, out_dir: str | Path, examples: list[tuple[str, str]], steps: int = 150, lr: float = 1e-2, seed: int = 0) -> Path:
    """A full-model brain (method "full") trained on (command, plan text) pairs until it recites them."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = Path(out_dir)
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    rows, starts = [], []
    for command, plan in examples:
        messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": command}]
        prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        full = tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": plan}], tokenize=False)
        rows.append(tokenizer(full, add_special_tokens=False)["input_ids"])
        starts.append(len(tokenizer(prompt, add_special_tokens=False)["input_ids"]))
    width = max(len(r) for r in rows)
    ids = torch.tensor([r + [0] * (width - len(r)) for r in rows])  # (B, T)
    mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
    # Only the plan's tokens are learnt: the LM head runs on those positions alone (49k rows).
    where = [(b, t) for b, (r, s) in enumerate(zip(rows, starts)) for t in range(s - 1, len(r) - 1)]
    rows_b = torch.tensor([b for b, _ in where])
    rows_t = torch.tensor([t for _, t in where])
    targets = ids[rows_b, rows_t + 1]
    head = model.get_output_embeddings()
    optim = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        hidden = model.get_decoder()(input_ids=ids, attention_mask=mask).last_hidden_state  # (B, T, H)
        logits = head(hidden[rows_b, rows_t])  # (N, V)
        loss = torch.nn.functional.cross_entropy(logits, targets)
        loss.backward()
        optim.step()
        optim.zero_grad()
    model.eval()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    write_meta(out, base_model=str(base_dir), method="full", config={"steps": steps, "lr": lr, "final_loss": float(loss.item())},
               reads_context=any(command.startswith("Earlier: ") for command, _ in examples),
               data={"examples": len(examples)})
    return out
