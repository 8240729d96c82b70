"""`kayas run` answers in words, through the real entry point: the plan once, each outcome as its
tool's summary, long output whole, --verbose, --json, requests it cannot serve, unsure plans,
exit codes. The brain is a scripted stand-in (kayas.testing.ScriptedPlanner); everything after
planning is real: the router, the tools, the files, the processes."""
from __future__ import annotations

import json
import re
import sys

import psutil
import pytest

from cli_runner import run_main
from conftest import need_module
from kayas.cli.brain_options import BrainArgs
from kayas.settings import workspace
from kayas.testing import ScriptedPlanner

PLANS = {
    "create a todo list": [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt", "content": ""}}],
    "how much disk space do I have left": [{"tool": "process.get_system_info", "args": {}}],
    "count to 3000": [{"tool": "process.run_command", "args": {"command": "seq 1 3000"}}],
    "add milk to errands.txt": [{"tool": "filesystem.append_file", "args": {"filename": "errands.txt", "content": "milk"}}],
    "set an alarm for 7": [],
}


@pytest.fixture
def brain(monkeypatch):
    """The scripted brain behind `kayas run`, with a confidence per command (default: sure)."""
    planner = ScriptedPlanner(PLANS, confidence={c: 0.99 for c in PLANS})
    monkeypatch.setattr(BrainArgs, "planner", lambda self: planner)
    monkeypatch.setenv("KAYAS_CONFIDENCE_THRESHOLD", "0.9")
    return planner


def kayas(monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    return run_main(monkeypatch, capsys, list(args), stdin)


def test_run_says_the_plan_once_and_what_was_done(brain, monkeypatch, capsys):
    code, out, err = kayas(monkeypatch, capsys, "run", "create a todo list")
    assert code == 0
    assert out == "Plan: create todo.txt\n✓ created todo.txt (empty)\n"
    assert (workspace() / "todo.txt").read_text() == ""
    assert err.splitlines()[0] == "loading the brain…"
    assert re.search(r"^loaded the brain in \d+\.\d s$", err, re.M)
    assert re.search(r"^planned in \d+ ms, ran in \d+ ms$", err, re.M)


def test_disk_space_is_a_sentence_with_the_figure(brain, monkeypatch, capsys):
    code, out, _ = kayas(monkeypatch, capsys, "run", "how much disk space do I have left")
    assert code == 0
    free = psutil.disk_usage("/").free / 1024**3
    found = re.search(r"^✓ (\d+\.\d) GB free of (\d+\.\d) GB on /", out, re.M)
    assert found, out
    assert abs(float(found.group(1)) - free) < 1.0  # the same disk, read a moment apart
    assert "…" not in out and "physical_co" not in out  # a sentence, not a cut-off JSON cell


def test_long_output_is_shown_whole(brain, monkeypatch, capsys):
    code, out, _ = kayas(monkeypatch, capsys, "run", "count to 3000", "--yes")
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "✓ ran `seq 1 3000`: exit code 0"
    assert lines[2:] == [str(n) for n in range(1, 3001)]  # every line, unescaped, nothing cut


def test_verbose_adds_the_whole_result(brain, monkeypatch, capsys):
    code, out, _ = kayas(monkeypatch, capsys, "run", "add milk to errands.txt", "--verbose")
    assert code == 0
    assert "✓ added a line to errands.txt (a new file)\n" in out
    assert "    file: errands.txt\n" in out and "    bytes: 5\n" in out and "    created: true\n" in out


def test_json_gives_everything(brain, monkeypatch, capsys):
    code, out, err = kayas(monkeypatch, capsys, "run", "create a todo list", "--json")
    assert code == 0
    report = json.loads(out)  # stdout is the JSON alone; the status lines are on stderr
    assert report["command"] == "create a todo list"
    assert report["plan"] == PLANS["create a todo list"]
    assert report["confidence"] == 0.99
    assert set(report["timings"]) >= {"load_ms", "plan_ms", "run_ms"}
    assert report["results"][0]["summary"] == "created todo.txt (empty)"
    assert report["results"][0]["result"]["file"] == "todo.txt"
    assert (report["status"], report["exit_code"]) == ("done", 0)
    assert "loading the brain" in err


def test_a_request_it_cannot_serve_is_answered_in_words_and_exits_1(brain, monkeypatch, capsys):
    code, out, _ = kayas(monkeypatch, capsys, "run", "set an alarm for 7")
    assert code == 1
    assert out == "Sorry, I can't do that: no tool for \"set an alarm for 7\".\n"


def test_an_unsure_plan_is_not_run_without_a_person_or_force(brain, monkeypatch, capsys):
    brain.confidence["create a todo list"] = 0.2
    code, out, _ = kayas(monkeypatch, capsys, "run", "create a todo list")
    assert code == 1
    assert out == (
        "Not sure I understood. Did you mean: create todo.txt? "
        "Not run: pass --force to run it anyway.\n"
    )
    assert not (workspace() / "todo.txt").exists()
    code, out, _ = kayas(monkeypatch, capsys, "run", "create a todo list", "--force")
    assert code == 0 and "✓ created todo.txt" in out


@pytest.mark.parametrize("answer,code,made", [("y", 0, True), ("n", 1, False)])
def test_an_unsure_plan_on_a_terminal_asks_did_you_mean(brain, monkeypatch, capsys, answer, code, made):
    brain.confidence["create a todo list"] = 0.2
    monkeypatch.setattr("kayas.cli.show.is_terminal", lambda: True)  # a person is there to answer
    rc, out, err = kayas(monkeypatch, capsys, "run", "create a todo list", stdin=answer + "\n")
    assert "Did you mean: create todo.txt? [y/N]" in err
    assert rc == code
    assert (workspace() / "todo.txt").exists() is made
    assert ("✓ created todo.txt" in out) is made


def test_a_failed_call_exits_1_and_bad_input_exits_2(brain, monkeypatch, capsys):
    (workspace() / "todo.txt").write_text("mine")
    code, out, _ = kayas(monkeypatch, capsys, "run", "create a todo list")
    assert code == 1
    assert "✗ Could not create todo.txt: 'todo.txt' already exists" in out
    code, out, err = kayas(monkeypatch, capsys, "run", "   ")
    assert code == 2 and out == "" and err.startswith("error: ") and len(err.splitlines()) == 1


def test_run_help_documents_the_exit_codes(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = kayas(monkeypatch, capsys, "run", "--help")
    assert code == 0
    assert "Exit codes: 0 done; 1 a call failed or was refused, or nothing could be done; 2 bad input." in out


def test_a_long_value_in_the_plan_is_said_whole(brain, monkeypatch, capsys):
    """What a person says yes to is the whole call: a long value is never cut in the plan."""
    note = "remember to call the plumber about the leaking kitchen tap before the weekend starts please"
    brain.plans["note it"] = json.dumps([{"tool": "filesystem.create_file", "args": {"filename": "n.txt", "content": note}}])
    brain.confidence["note it"] = 0.99
    code, out, _ = kayas(monkeypatch, capsys, "run", "note it")
    assert code == 0
    assert out.splitlines()[0] == f"Plan: create n.txt containing '{note}'"
    assert (workspace() / "n.txt").read_text() == note


def test_output_longer_than_the_terminal_goes_through_the_pager(tmp_path):
    """On a terminal of 20 rows, 200 lines of output go to $PAGER (here one that keeps 3 lines)."""
    import os
    from pathlib import Path

    pexpect = need_module("pexpect", "pip install -e '.[test]'")
    kayas_bin = str(Path(sys.executable).with_name("kayas"))
    plan = json.dumps([{"tool": "process.run_command", "args": {"command": "seq 1 200"}}])
    env = {**os.environ, "PAGER": "head -n 3", "TERM": "xterm"}
    child = pexpect.spawn(kayas_bin, ["do", "--yes", plan], env=env, encoding="utf-8", timeout=120, dimensions=(20, 120))
    child.expect(pexpect.EOF)
    child.close()
    seen = child.before.replace("\r\n", "\n")
    assert child.exitstatus == 0
    assert "Plan: run the shell command `seq 1 200`" in seen and "✓ ran `seq 1 200`: exit code 0\n1\n" in seen
    assert "\n200\n" not in seen  # the pager had it, not the screen
