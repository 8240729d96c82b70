"""`kayas plan/run/chat/eval/bench plan` through the real entry point, on a tiny random brain."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import need
from kayas.plan import parse_plan


@pytest.fixture(scope="module")
def adapter(tiny_model_dir, tmp_path_factory):
    from kayas.testing.stand_ins import make_random_adapter

    return str(make_random_adapter(tmp_path_factory.mktemp("cli-lora") / "adapter", str(tiny_model_dir)))


def kayas(monkeypatch, capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run `kayas ARGS` in-process: (exit code, stdout, stderr)."""
    import io

    from kayas.cli.main import main

    monkeypatch.setattr(sys, "argv", ["kayas", *args])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_prints_one_valid_line(monkeypatch, capsys, adapter):
    code, out, _ = kayas(monkeypatch, capsys, "plan", "create a todo list", "--adapter", adapter, "--max-new-tokens", "24")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    parse_plan(lines[0])


def test_plan_file_keeps_order_one_line_each(monkeypatch, capsys, adapter, tmp_path):
    commands = ["create a todo list", "hello", "run df -h"]
    (tmp_path / "c.txt").write_text("\n".join(commands) + "\n")
    code, out, _ = kayas(monkeypatch, capsys, "plan", "--file", str(tmp_path / "c.txt"), "--adapter", adapter, "--max-new-tokens", "24")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    single = [kayas(monkeypatch, capsys, "plan", c, "--adapter", adapter, "--max-new-tokens", "24")[1].strip() for c in commands]
    assert lines == single


@pytest.mark.parametrize(
    "args,message",
    [
        (["plan", ""], "empty command"),
        (["plan", "x" * 10_000], "too long"),
        (["plan", "\x01\x02\x03\x04\x05\x06\x07"], "not text"),
        (["plan", "hi", "--adapter", "/nonexistent/brain"], "not found"),
        (["plan"], "give a command or --file"),
        (["eval", "--data", "/nonexistent.jsonl"], "not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(monkeypatch, capsys, adapter, args, message):
    code, out, err = kayas(monkeypatch, capsys, *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_no_adapter_anywhere_is_a_clear_message(monkeypatch, capsys, tmp_path):
    from kayas.brain import loader

    monkeypatch.delenv("KAYAS_ADAPTER", raising=False)
    monkeypatch.setattr(loader, "SHIPPED_DIR", tmp_path)
    code, _, err = kayas(monkeypatch, capsys, "plan", "hello")
    assert code == 2 and "--adapter" in err


def test_run_dry_run_plans_and_runs_nothing(monkeypatch, capsys, adapter, tmp_path):
    code, out, _ = kayas(monkeypatch, capsys, "run", "delete notes.txt", "--dry-run", "--json", "--adapter", adapter, "--max-new-tokens", "24")
    report = json.loads(out)
    # a random brain may give up within its budget: then the plan is [] and nothing is planned (exit 1)
    assert (code, report["status"]) == ((0, "dry-run") if report["plan"] else (1, "nothing")), report
    assert all(r["status"] == "dry-run" for r in report["results"]) and not (tmp_path / "notes.txt").exists()


def test_chat_shows_plan_and_validity(monkeypatch, capsys, adapter):
    code, out, err = kayas(monkeypatch, capsys, "chat", "--adapter", adapter, "--max-new-tokens", "24", stdin="create a todo list\n\nexit\n")
    assert code == 0
    answer = out.split("kayas> ")[1]  # the one line typed before the blank line and exit
    assert answer.startswith(("Plan: ", "Plan:\n", "Sorry, I can't", "Not sure I understood")), answer
    assert "planned in" in err


def test_eval_reports_metrics(monkeypatch, capsys, adapter, tmp_path):
    from kayas.bench.plan import COMMANDS
    from kayas.plan import dumps_plan
    from kayas.prompt import SYSTEM_PROMPT

    rows = [
        {"messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": c},
                      {"role": "assistant", "content": dumps_plan(parse_plan(p))}], "category": p[0]["tool"].split(".")[0]}
        for c, p in COMMANDS[:4]
    ]
    data = tmp_path / "val.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows))
    code, out, _ = kayas(monkeypatch, capsys, "eval", "--data", str(data), "--json", "--show-misses", "--adapter", adapter, "--max-new-tokens", "24")
    assert code == 0
    rep = json.loads(out)
    assert rep["overall"]["n"] == 4 and rep["overall"]["json_valid"] == 1.0
    assert set(rep["per_category"]) == {r["category"] for r in rows}
    assert rep["latency_p50_ms"] > 0 and rep["tokens_per_s"] > 0
    assert len(rep["misses"]) == round(4 * (1 - rep["overall"]["exact_match"]))
    for key in ("no_side_effect", "empty", "destructive"):
        assert 0.0 <= rep["overall"][key] <= 1.0
    assert rep["hit_budget"] + rep["capped"] >= 0

    outcomes = tmp_path / "outcomes.jsonl"
    code, out, _ = kayas(monkeypatch, capsys, "eval", "--data", str(data), "--json", "--coverage", "--outcomes", str(outcomes), "--adapter", adapter, "--max-new-tokens", "24")
    assert code == 0
    table = json.loads(out)["coverage"]
    assert table[0]["threshold"] == 0.0 and table[0]["kept"] == 4
    assert [r["kept"] for r in table] == sorted((r["kept"] for r in table), reverse=True)
    lines = [json.loads(x) for x in outcomes.read_text().splitlines()]
    assert len(lines) == 4 and all(0.0 <= x["confidence"] <= 1.0 and len(x["features"]) == 6 for x in lines)


def test_plan_json_gives_the_confidence(monkeypatch, capsys, adapter):
    code, out, _ = kayas(monkeypatch, capsys, "plan", "create a todo list", "--json", "--adapter", adapter, "--max-new-tokens", "24")
    assert code == 0
    row = json.loads(out)
    assert row["command"] == "create a todo list" and 0.0 <= row["confidence"] <= 1.0 and row["ms"] > 0
    parse_plan(json.dumps(row["plan"]))


def _labelled(tmp_path, n: int = 3):
    from kayas.bench.plan import COMMANDS
    from kayas.plan import dumps_plan
    from kayas.prompt import SYSTEM_PROMPT

    rows = [
        {"messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": c},
                      {"role": "assistant", "content": dumps_plan(parse_plan(p))}], "category": p[0]["tool"].split(".")[0]}
        for c, p in COMMANDS[:n]
    ]
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows))
    return data


def test_bench_plan_json_compares_the_engines_and_generate(monkeypatch, capsys, adapter, tmp_path):
    from kayas.engines.factory import installed

    need("llama-cpp-python", installed("llamacpp"), "make install")
    data = _labelled(tmp_path)
    code, out, _ = kayas(monkeypatch, capsys, "bench", "plan", "--data", str(data), "--generate-every", "2", "--cold", "none", "--json", "--adapter", adapter)
    assert code == 0
    result = json.loads(out)
    (s,) = result["sets"]
    assert s["name"] == "set.jsonl" and set(s["sides"]) == {"llamacpp", "torch", "generate"}
    assert s["sides"]["llamacpp"]["n"] == s["sides"]["torch"]["n"] == 3 and s["sides"]["generate"]["n"] == 2
    for side in s["sides"].values():
        assert side["p50_ms"] > 0 and side["passes_mean"] > 0 and side["ms_per_pass"] > 0
    assert 0.0 <= s["identical"] <= 1.0 and len(s["differing"]) == round(3 * (1 - s["identical"]))
    assert set(s["ratios"]) == {"torch/llamacpp", "generate/llamacpp"}
    assert result["cold_start"] == []


def test_bench_plan_refuses_an_unknown_engine(monkeypatch, capsys, adapter):
    code, _, err = kayas(monkeypatch, capsys, "bench", "plan", "--engines", "onnx", "--adapter", adapter)
    assert code == 2 and "llamacpp and/or torch" in err
