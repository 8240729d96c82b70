"""`kayas train` and `kayas bench train` through the real CLI entry point: outputs and one-line errors."""
from __future__ import annotations

import json
import sys

import pytest
import torch

from kayas.cli.main import main
from kayas.prompt import SYSTEM_PROMPT
from kayas.train.config import load_config
from test_train_sample import write_sample


def kayas(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["kayas", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_train_writes_everything_the_planner_loads(tiny_model_dir, tmp_path, monkeypatch, capsys):
    data = write_sample(tmp_path / "train.jsonl")
    val = write_sample(tmp_path / "val.jsonl")
    out = tmp_path / "brain"
    code, stdout, err = kayas(monkeypatch, capsys, "train", "--model", str(tiny_model_dir), "--data", str(data),
                              "--val", str(val), "--max-steps", "5", "--batch-size", "2", "--gradient-accumulation-steps", "1",
                              "--max-eval-examples", "4", "--out", str(out), "--merge")
    assert code == 0, err
    assert "trained 5 steps" in stdout
    for name in ("adapter_config.json", "adapter_model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "config.toml", "metrics.json", "loss.png", "kayas_adapter.json", "merged/config.json"):
        assert (out / name).is_file(), name
    assert "<|im_start|>" in (out / "chat_template.jinja").read_text()
    meta = json.loads((out / "kayas_adapter.json").read_text())
    assert meta["format"] == 1 and meta["base_model"] == str(tiny_model_dir) and meta["method"] == "lora"
    assert meta["system_prompt"] == SYSTEM_PROMPT
    assert meta["data"]["examples"] == 12 and len(meta["data"]["sha256"]) == 64
    assert meta["config"]["max_steps"] == 5
    from kayas.models import load_model, resolve, weight_fingerprint

    assert meta["base_fingerprint"] == weight_fingerprint(load_model(resolve(str(tiny_model_dir))))  # LoRA leaves the base as it was
    metrics = json.loads((out / "metrics.json").read_text())
    assert [s["step"] for s in metrics["steps"]] == [1, 2, 3, 4, 5]
    assert 0 < metrics["train_time_s"] < metrics["wall_time_s"] and metrics["tokens_per_s"] > 0 and metrics["device"].startswith("cpu")
    assert len(metrics["val"]) == 1  # 5 steps stay inside epoch 1 (6 steps); the last step still evaluates
    assert load_config(out / "config.toml").max_steps == 5
    assert not (out / "checkpoint.pt").exists()


def test_full_fine_tuning_saves_the_whole_model(tiny_model_dir, tmp_path, monkeypatch, capsys):
    from transformers import AutoModelForCausalLM

    data = write_sample(tmp_path / "train.jsonl")
    out = tmp_path / "full"
    code, _, err = kayas(monkeypatch, capsys, "train", "--model", str(tiny_model_dir), "--data", str(data),
                         "--method", "full", "--max-steps", "2", "--out", str(out))
    assert code == 0, err
    assert json.loads((out / "kayas_adapter.json").read_text())["method"] == "full"
    model = AutoModelForCausalLM.from_pretrained(out)
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    changed = [n for n, p in model.named_parameters() if not torch.equal(p, base.get_parameter(n))]
    assert changed


def test_print_config_shows_the_effective_config(tmp_path, monkeypatch, capsys):
    config = tmp_path / "c.toml"
    config.write_text("lora_r = 8\n")
    code, out, _ = kayas(monkeypatch, capsys, "train", "--config", str(config), "--lora-alpha", "64", "--print-config")
    assert code == 0
    assert "lora_r = 8\n" in out and "lora_alpha = 64\n" in out and "batch_size = 2\n" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--data", "nowhere.jsonl"], "data file not found: nowhere.jsonl"),
    (["--data", "{sample}", "--warmup", "5"], "unknown config key 'warmup'"),
    (["--data", "{sample}", "--quant", "4bit", "--device", "cpu"], "--quant 4bit (QLoRA) needs a CUDA GPU"),
    (["--data", "{sample}", "--config", "missing.toml"], "config file not found: missing.toml"),
    (["--data", "{bad}"], "bad.jsonl:1: not JSON"),
    ([], "no training data"),
])
def test_bad_input_is_one_line_and_exit_2(tiny_model_dir, tmp_path, monkeypatch, capsys, args, message):
    sample = write_sample(tmp_path / "s.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    args = [a.format(sample=sample, bad=bad) for a in args]
    code, _, err = kayas(monkeypatch, capsys, "train", "--model", str(tiny_model_dir), "--out", str(tmp_path / "o"), *args)
    assert code == 2
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_bench_train_reports_both_throughputs(tiny_model_dir, tmp_path, monkeypatch, capsys):
    data = write_sample(tmp_path / "train.jsonl")
    code, out, err = kayas(monkeypatch, capsys, "bench", "train", "--model", str(tiny_model_dir), "--data", str(data),
                           "--steps", "1", "--baseline-length", "256", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"device", "tokens", "kayas_tokens_per_s", "baseline_tokens_per_s", "speedup"}
    assert result["tokens"] > 16 * 20  # 16 examples (one seed step), every one well over 20 tokens
    assert result["kayas_tokens_per_s"] > 0 and result["baseline_tokens_per_s"] > 0
    assert result["speedup"] == pytest.approx(result["kayas_tokens_per_s"] / result["baseline_tokens_per_s"])
