"""`kayas data generate` / `kayas data stats` through the real CLI, and the extension path."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from kayas.cli.main import app
from kayas.data.generate import GenerateConfig, Generator
from kayas.data.spec import TemplateError, TemplateSet
from kayas.registry import Registry, default_registry

runner = CliRunner()


def test_generate_then_stats(tmp_path):
    res = runner.invoke(app, ["data", "generate", "--out", str(tmp_path), "--size", "800", "--seed", "3"])
    assert res.exit_code == 0, res.output
    assert "wrote" in res.output
    for name in ("brain_training_base.jsonl", "brain_training_augmented.jsonl", "train.jsonl", "val.jsonl"):
        assert (tmp_path / name).stat().st_size > 0
    res = runner.invoke(app, ["data", "stats", str(tmp_path / "brain_training_augmented.jsonl"),
                              "--tokenizer", "none", "--json"])
    assert res.exit_code == 0, res.output
    st = json.loads(res.output)
    lines = (tmp_path / "brain_training_augmented.jsonl").read_text().count("\n")
    assert st["examples"] == lines and st["duplicates"] == 0
    assert st["multi_step_share"] >= 0.15 and st["no_tool_share"] >= 0.05
    assert set(st["per_tool"]) == set(default_registry().names())
    assert st["token_length"]["p50"] <= st["token_length"]["p90"] <= st["token_length"]["max"]


def test_stats_counts_duplicates(tmp_path):
    row = {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "paste"},
                        {"role": "assistant", "content": '[{"tool":"clipboard.paste_text","args":{}}]'}],
           "category": "clipboard"}
    other = json.loads(json.dumps(row))
    other["messages"][2]["content"] = "[]"
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in (row, row, other)) + "\n")
    res = runner.invoke(app, ["data", "stats", str(f), "--tokenizer", "none", "--json"])
    st = json.loads(res.output)
    assert st["duplicates"] == 2 and st["conflicting"] == 1 and st["no_tool_share"] == pytest.approx(1 / 3, abs=1e-3)


def test_bad_input_is_one_line_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kayas.cli.main", "data", "stats", str(tmp_path / "nope.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0 and "no such data file" in proc.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    proc = subprocess.run([sys.executable, "-m", "kayas.cli.main", "data", "stats", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "bad.jsonl:1" in proc.stderr and "Traceback" not in proc.stderr


def test_an_invalid_example_fails_loudly():
    wrong = TemplateSet("filesystem.create_file", name="test.wrong").imp("create {file}")  # slot 'file' is no argument
    gen = Generator(GenerateConfig(size=200), sets=[wrong])
    with pytest.raises(TemplateError, match="test.wrong/i00 made an invalid example.*missing argument 'filename'"):
        gen.say(wrong.templates[0], __import__("random").Random(0))


def test_user_tool_examples_are_discovered(tmp_path, monkeypatch):
    (tmp_path / "weather_tool.py").write_text(textwrap.dedent('''
        from kayas.registry import tool
        from kayas.data import TemplateSet
        from kayas.data.pools import as_said

        @tool
        def forecast(city: str) -> dict:
            """The weather forecast for a city.

            Args:
                city: The city, as said.
            """
            return {}

        EXAMPLES = TemplateSet("weather_tool.forecast", pools={"city": as_said(["Paris", "Lima", "Oslo"])}).imp(
            "what's the weather in {city}", "forecast for {city}", "will it rain in {city}",
        )
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry()
    for t in default_registry():
        registry.register(t)
    registry.register_module("weather_tool")
    data = Generator(GenerateConfig(size=1500, min_per_tool=30), registry).run()  # 42 built-in tools share the size
    mine = [e for e in data.examples if '"weather_tool.forecast"' in e.plan]
    assert len(mine) >= 20
    assert any(e.plan == '[{"tool":"weather_tool.forecast","args":{"city":"Oslo"}}]' for e in mine)
