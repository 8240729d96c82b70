"""The gate asks by risk: read-only plans never ask, undoable ones below a low bar, the rest below the high one."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kayas.assistant import Assistant
from kayas.assistant.gate import Gate, choose_bars, gate_table, plan_risk
from kayas.registry import default_registry
from kayas.settings import workspace
from kayas.testing import ScriptedPlanner

READ = [{"tool": "clock.now", "args": {}}]
UNDOABLE = [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt", "content": "milk"}}]
OTHER = [{"tool": "browser.open_url", "args": {"url": "https://github.com"}}]
DESTRUCTIVE = [{"tool": "filesystem.delete_file", "args": {"filename": "todo.txt"}}]
PLANS = {"time": READ, "create": UNDOABLE, "open": OTHER, "delete": DESTRUCTIVE, "create and open": UNDOABLE + OTHER}


def test_a_plan_is_as_risky_as_its_riskiest_call():
    reg = default_registry()
    assert [plan_risk(p, reg) for p in ([], READ, UNDOABLE, OTHER, DESTRUCTIVE, READ + UNDOABLE, UNDOABLE + OTHER)] == [
        "none", "read", "undoable", "other", "destructive", "undoable", "other"]
    # every timer, alarm, reminder and volume change is one `kayas undo` takes back
    for tool in ("timer.start", "alarm.set", "reminder.add", "system.change_volume", "filesystem.move_file"):
        assert plan_risk([{"tool": tool}], reg) == "undoable", tool
    for tool in ("browser.open_url", "process.start_program", "media.control", "clipboard.copy_text"):
        assert plan_risk([{"tool": tool}], reg) == "other", tool
    for tool in ("email.send", "slack.send_message", "process.kill_process"):  # they keep their confirmation
        assert plan_risk([{"tool": tool}], reg) == "destructive", tool


class Calibrated(ScriptedPlanner):
    """A scripted brain whose calibration chose a bar per risk class."""

    confidence_thresholds = {"undoable": 0.5, "other": 0.9, "destructive": 0.9}
    confidence_threshold = 0.9


def status(command: str, confidence: float) -> str:
    turn = Assistant(Calibrated(PLANS, confidence=confidence)).start(command)
    return "asks" if turn.question is not None and turn.question.kind == "unsure" else "sure"


@pytest.mark.parametrize("command, confidence, expected", [
    ("time", 0.01, "sure"),  # read-only: never asks, however unsure
    ("create", 0.6, "sure"), ("create", 0.4, "asks"),  # undoable: the low bar
    ("open", 0.8, "asks"), ("open", 0.95, "sure"),  # a change nothing takes back: the high bar
    ("create and open", 0.8, "asks"),  # the riskiest call sets the bar
    ("delete", 0.95, "sure"),
])
def test_the_bar_follows_the_risk(command, confidence, expected):
    assert status(command, confidence) == expected


def test_a_destructive_call_keeps_its_confirmation_whatever_the_confidence():
    (workspace() / "todo.txt").write_text("milk")
    turn = Assistant(Calibrated(PLANS, confidence=0.999)).start("delete")
    assert [q.kind for q in turn.questions] == ["confirm"]
    assert turn.finish().status == "refused" and (workspace() / "todo.txt").exists()


def test_read_only_runs_unasked_and_the_setting_is_one_bar_for_the_rest(monkeypatch):
    assert Assistant(Calibrated(PLANS, confidence=0.01)).run("time").status == "done"
    monkeypatch.setenv("KAYAS_CONFIDENCE_THRESHOLD", "0.7")
    assert status("create", 0.6) == "asks" and status("open", 0.8) == "sure" and status("time", 0.0) == "sure"
    assert Assistant(Calibrated(PLANS, confidence=0.6), threshold=0.5).start("open").question is None


def test_bars_are_chosen_per_class_and_the_table_counts_what_they_do():
    # undoable plans: right above 0.3, one wrong at 0.2; other plans: a wrong one at 0.85
    rows = [("undoable", c, c > 0.25) for c in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)]
    rows += [("other", c, c != 0.85) for c in (0.5, 0.6, 0.85, 0.9, 0.95, 0.99)]
    rows += [("read", 0.1, False), ("none", 0.5, True)]
    bars = choose_bars(rows)
    # the error target alone would put the high bar at 0.9, holding back 2 of the 5 right plans: more than 10 %
    assert bars == {"undoable": 0.3, "other": 0.5, "destructive": 0.5}
    table = {r["risk"]: r for r in gate_table(rows, Gate.of(bars, None))}
    assert table["undoable"] == {"risk": "undoable", "plans": 8, "bar": 0.3, "right": 7, "right_asked": 0.0,
                                 "ran_unasked": 7, "wrong_unasked": 0.0}
    assert table["other"]["right_asked"] == 0.0 and table["other"]["wrong_unasked"] == round(1 / 6, 4)
    assert table["read"]["ran_unasked"] == 1 and table["read"]["wrong_unasked"] == 1.0
    assert table["all"]["plans"] == 15 and "none" not in table
    # where the confidence separates, the error target sets the bar: 20 right plans from 0.9 up, one wrong at 0.5
    sure = [("other", 0.9 + i / 250, True) for i in range(20)] + [("other", 0.5, False), ("other", 0.1, True)]
    assert choose_bars(sure)["other"] == 0.9


@pytest.fixture(scope="module")
def reciting_brain(tiny_model_dir, tmp_path_factory):
    """A tiny model that recites three plans of three risk classes."""
    import torch

    from kayas.plan import dumps_plan, parse_plan
    from kayas.testing.stand_ins import make_overfit_brain

    reg = default_registry()
    pairs = [(c, dumps_plan(parse_plan(json.dumps(PLANS[k]), reg))) for c, k in
             [("what time is it", "time"), ("make todo.txt with milk", "create"), ("open github.com", "open")]]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return make_overfit_brain(tiny_model_dir, tmp_path_factory.mktemp("gate") / "brain", pairs, steps=150, lr=5e-3), pairs
    finally:
        torch.set_num_threads(threads)


def test_kayas_eval_calibrates_the_bars_and_prints_the_gate(reciting_brain, tmp_path):
    brain, pairs = reciting_brain
    rows = [{"messages": [{"role": "user", "content": c}, {"role": "assistant", "content": p}]} for c, p in pairs]
    rows += [{"messages": [{"role": "user", "content": c}, {"role": "assistant", "content": "[]"}]}
             for c in ("what time is it in tokyo", "open the github page", "make notes.md")]  # a reciting brain errs on these
    data = tmp_path / "calibration.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    kayas = [sys.executable, "-m", "kayas.cli.main", "eval", "--adapter", str(brain), "--data", str(data), "--engine", "torch"]
    fitted = subprocess.run([*kayas, "--calibrate"], capture_output=True, text=True, timeout=600)
    assert fitted.returncode == 0, fitted.stderr
    assert "calibration written to" in fitted.stderr and "bars: undoable" in fitted.stderr
    saved = json.loads((brain / "calibration.json").read_text())
    assert set(saved["thresholds"]) == {"undoable", "other", "destructive"}
    assert saved["thresholds"]["undoable"] <= saved["thresholds"]["other"] == saved["threshold"]
    shown = subprocess.run([*kayas, "--gate", "--json"], capture_output=True, text=True, timeout=600)
    assert shown.returncode == 0, shown.stderr
    gate = {r["risk"]: r for r in json.loads(shown.stdout)["gate"]}
    assert gate["all"]["plans"] == sum(r["plans"] for k, r in gate.items() if k != "all")
    assert gate["read"]["right_asked"] == 0.0  # read-only plans never ask
    assert all(0.0 <= r["right_asked"] <= 1.0 and r["ran_unasked"] <= r["plans"] for r in gate.values())
