"""The training recipe on a tiny random Llama: masking, the loss, batching, learning, saving, resuming."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from kayas.formats.examples import read_examples
from kayas.models import load_model, load_tokenizer, resolve
from kayas.train import recipe
from kayas.train.config import ConfigError, load_config, parse_overrides
from kayas.train.data import IGNORE, collate, load_examples, plan_epoch, targets, tokenize
from kayas.train.data import TokenizedExample as Example
from test_train_sample import write_sample


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    return load_tokenizer(resolve(str(tiny_model_dir)))


@pytest.fixture
def sample(tmp_path):
    return write_sample(tmp_path / "train.jsonl", repeat=2)


def _cfg(tiny_model_dir, data, out, **kw):
    values = {"model": str(tiny_model_dir), "data": str(data), "out": str(out), "lora_dropout": 0.0}
    values.update(kw)
    return load_config(None, values)


# ---------------------------------------------------------------- masking and batching

def test_only_the_assistant_turn_and_its_end_token_carry_labels(tokenizer, sample):
    messages = read_examples(sample)[2].messages
    example = tokenize(tokenizer, messages, 2048)
    labelled = [t for t in example.labels if t != IGNORE]
    assert tokenizer.decode(labelled) == messages[-1]["content"] + "<|im_end|>"
    # everything before the assistant's text (system, user, the assistant header) is masked
    n_masked = example.labels.index(labelled[0])
    prompt = tokenizer.apply_chat_template(messages[:-1], tokenize=False, add_generation_prompt=True)
    assert tokenizer.decode(example.input_ids[:n_masked]) == prompt


def test_truncation_keeps_lengths_aligned(tokenizer, sample):
    example = tokenize(tokenizer, read_examples(sample)[0].messages, 10)
    assert len(example.input_ids) == len(example.labels) == 10


def test_length_grouping_covers_every_example_once_and_respects_the_token_budget():
    lengths = [5 + (i * 37) % 200 for i in range(300)]
    for packing in (False, True):
        batches = plan_epoch(lengths, 4, 512, group_by_length=True, packing=packing, seed=1)
        assert sorted(i for b in batches for i in b) == list(range(300))
        for b in batches:
            cost = sum(lengths[i] for i in b) if packing else len(b) * max(lengths[i] for i in b)
            assert cost <= 512 or len(b) == 1
    fixed = plan_epoch(lengths, 4, 0, group_by_length=True, packing=False, seed=1)
    assert all(len(b) == 4 for b in fixed)
    assert fixed == plan_epoch(lengths, 4, 0, group_by_length=True, packing=False, seed=1)  # deterministic


# ---------------------------------------------------------------- the loss

def test_loss_is_the_models_own_loss_on_unmasked_tokens(tiny_model_dir, tokenizer, sample):
    model = load_model(resolve(str(tiny_model_dir)))
    example = load_examples(sample, tokenizer, 2048)[3]
    batch = collate([example], packing=False, pad_id=tokenizer.pad_token_id, multiple=1)
    n = int((batch["labels"][:, 1:] != IGNORE).sum())
    with torch.no_grad():
        ours = recipe.loss_sum(model, batch) / n
        theirs = model(input_ids=batch["input_ids"], labels=batch["labels"]).loss
        assert torch.allclose(ours, theirs, atol=1e-5)
        # masked tokens carry no loss: with every label masked there is nothing to learn
        none = collate([Example(example.input_ids, [IGNORE] * len(example))], False, tokenizer.pad_token_id, 1)
        assert targets(none) == 0 and float(recipe.loss_sum(model, none)) == 0.0


@pytest.mark.parametrize("packing", [False, True])
def test_padding_and_packing_do_not_change_any_examples_loss(tiny_model_dir, tokenizer, sample, packing):
    model = load_model(resolve(str(tiny_model_dir)))
    examples = load_examples(sample, tokenizer, 2048)[:4]
    with torch.no_grad():
        alone = sum(recipe.loss_sum(model, collate([e], False, tokenizer.pad_token_id, 1)) for e in examples)
        together = recipe.loss_sum(model, collate(examples, packing, tokenizer.pad_token_id, 8))
    assert torch.allclose(alone, together, rtol=1e-4)


# ---------------------------------------------------------------- learning, saving, resuming

@pytest.mark.parametrize(("method", "lr", "epochs", "factor"), [("lora", 1e-2, 6, 0.95), ("full", 3e-3, 3, 0.8)])
def test_loss_falls_over_a_few_dozen_steps(tiny_model_dir, sample, tmp_path, method, lr, epochs, factor):
    # LoRA cannot move the tiny model's small random (tied, frozen) embeddings, so it falls less far.
    cfg = _cfg(tiny_model_dir, sample, tmp_path / "out", method=method, batch_size=4, gradient_accumulation_steps=1,
               learning_rate=lr, num_epochs=epochs, warmup_ratio=0.0)
    losses = [s["loss"] for s in recipe.train(cfg, progress=False)["steps"]]
    assert len(losses) == 6 * epochs
    assert sum(losses[-6:]) < factor * sum(losses[:6])


def test_the_saved_adapter_matches_the_trained_model(tiny_model_dir, sample, tmp_path):
    from peft import PeftModel

    cfg = _cfg(tiny_model_dir, sample, tmp_path / "out", max_steps=3, learning_rate=1e-2)
    run = recipe.setup(cfg)
    recipe.train(cfg, progress=False, run=run)
    reloaded = PeftModel.from_pretrained(load_model(resolve(str(tiny_model_dir))), tmp_path / "out").eval()
    ids = torch.tensor([[1, 2, 3, 400, 500, 600]])
    with torch.no_grad():
        assert torch.allclose(run.model.eval()(input_ids=ids).logits, reloaded(input_ids=ids).logits, atol=1e-5)


def test_resume_continues_where_the_interrupted_run_stopped(tiny_model_dir, sample, tmp_path, monkeypatch):
    settings = dict(max_steps=4, save_every=1, gradient_accumulation_steps=2)
    straight = recipe.train(_cfg(tiny_model_dir, sample, tmp_path / "a", **settings), progress=False)

    real_save = recipe._save_checkpoint

    def save_then_stop(out, step, *args):
        real_save(out, step, *args)
        if step == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(recipe, "_save_checkpoint", save_then_stop)
    cfg = _cfg(tiny_model_dir, sample, tmp_path / "b", **settings)
    with pytest.raises(KeyboardInterrupt):
        recipe.train(cfg, progress=False)
    monkeypatch.setattr(recipe, "_save_checkpoint", real_save)
    resumed = recipe.train(cfg, resume=True, progress=False)
    assert [s["step"] for s in resumed["steps"]] == [1, 2, 3, 4]
    for a, b in zip(straight["steps"], resumed["steps"]):
        assert a["loss"] == pytest.approx(b["loss"], rel=1e-5)
    assert not (tmp_path / "b" / recipe.CHECKPOINT).exists()


def test_resume_without_a_checkpoint_is_a_clear_error(tiny_model_dir, sample, tmp_path):
    with pytest.raises(Exception, match="nothing to resume"):
        recipe.train(_cfg(tiny_model_dir, sample, tmp_path / "none", max_steps=1), resume=True, progress=False)


# ---------------------------------------------------------------- config

def test_config_defaults_are_the_seeds():
    cfg = load_config()
    assert (cfg.batch_size, cfg.gradient_accumulation_steps, cfg.num_epochs, cfg.learning_rate) == (2, 8, 3, 2e-4)
    assert (cfg.max_seq_length, cfg.lora_r, cfg.lora_alpha) == (2048, 16, 32)


def test_config_file_then_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('lora_r = 8\nlearning_rate = 1e-3\ntarget_modules = ["q_proj", "v_proj"]\n')
    cfg = load_config(path, parse_overrides(["--lora-r", "4", "--packing", "--quant=none"]))
    assert (cfg.lora_r, cfg.learning_rate, cfg.packing, cfg.quant) == (4, 1e-3, True, None)
    assert cfg.target_modules == "q_proj,v_proj"
    again = tmp_path / "again.toml"
    again.write_text(cfg.to_toml())
    assert load_config(again) == cfg


@pytest.mark.parametrize(("overrides", "message"), [
    ({"lora_rank": "8"}, "unknown config key 'lora_rank'"),
    ({"batch_size": "two"}, "config key 'batch_size' wants int"),
    ({"method": "qlora"}, "method must be"),
    ({"quant": "8bit"}, "quant must be"),
])
def test_bad_config_is_a_clear_error(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(None, overrides)


CONFIGS = sorted((Path(__file__).resolve().parent.parent / "configs").glob("*.toml"))


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_shipped_config_loads_and_gives_its_command(path):
    load_config(path)
    header = [line for line in path.read_text().splitlines() if line.startswith("#")]
    assert any(f"kayas train --config configs/{path.name}" in line for line in header)


def test_there_are_shipped_configs():
    assert {"seed.toml", "smollm2_h100.toml", "smollm2_cpu.toml"} <= {p.name for p in CONFIGS}
