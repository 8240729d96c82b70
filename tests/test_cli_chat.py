"""`kayas chat`: through a pseudo-terminal (pexpect) for line editing, history, help and quit; in
process with a scripted brain for what --execute prints (each plan once)."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from conftest import need_module
from kayas.cli.brain_options import BrainArgs
from kayas.cli.main import main
from kayas.settings import kayas_home, workspace
from kayas.testing import ScriptedPlanner

pexpect = need_module("pexpect", "pip install -e '.[test]'")

KAYAS = str(Path(sys.executable).with_name("kayas"))
PROMPT = "kayas> "


@pytest.fixture(scope="module")
def adapter(tiny_model_dir, tmp_path_factory):
    """A tiny random brain: chat's own commands never reach it, a typed command gets some valid plan."""
    from kayas.testing.stand_ins import make_random_adapter

    return str(make_random_adapter(tmp_path_factory.mktemp("chat-lora") / "adapter", str(tiny_model_dir)))


def spawn(adapter: str, *extra: str):
    env = {**os.environ, "TERM": "xterm", "PYTHONWARNINGS": "ignore"}
    child = pexpect.spawn(KAYAS, ["chat", "--adapter", adapter, "--max-new-tokens", "16", *extra],
                          env=env, encoding="utf-8", timeout=180, dimensions=(40, 200))
    return child


def test_chat_on_a_terminal_help_tools_history_quit(adapter):
    child = spawn(adapter)
    child.expect("loading the brain…")
    child.expect("I show each plan but run nothing")
    child.expect(PROMPT)
    for asked, answer in [("help", "Chat's own commands"), ("?", "/undo "), ("/tools", "filesystem.create_file"),
                          ("/undo", "nothing to undo"), ("/nope", "unknown chat command /nope")]:
        child.sendline(asked)
        child.expect(answer)
        child.expect(PROMPT)
    child.sendline("create a todo list")
    child.expect("planned in")
    child.expect(PROMPT)
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    history = (kayas_home() / "chat_history").read_text(encoding="utf-8").splitlines()
    assert history[-3:] == ["/nope", "create a todo list", "quit"] and "help" in history

    again = spawn(adapter)  # a new session: Up brings back the last line of the one before
    again.expect(PROMPT)
    again.send("\x1b[A")  # the Up arrow
    again.expect("quit")
    assert "^[[A" not in (again.before or "")
    again.send("\r")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0


def test_ctrl_d_leaves_and_the_banner_says_when_it_executes(adapter):
    child = spawn(adapter, "--execute")
    child.expect("I show each plan and run it, asking before destructive calls")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_execute_prints_each_plan_once_and_its_outcome(monkeypatch, capsys):
    plans = {"create a todo list": [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt"}}], "hi": []}
    monkeypatch.setattr(BrainArgs, "planner", lambda self: ScriptedPlanner(plans))
    monkeypatch.setattr(sys, "argv", ["kayas", "chat", "--execute"])
    monkeypatch.setattr(sys, "stdin", io.StringIO("create a todo list\nhi\nexit\n"))
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.count("Plan: create todo.txt") == 1
    assert out.count("✓ created todo.txt (empty)") == 1
    assert "Sorry, I can't do that: no tool for \"hi\"." in out
    assert (workspace() / "todo.txt").exists()
