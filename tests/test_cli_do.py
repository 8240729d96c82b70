"""`kayas do` and `kayas undo` end to end: exit codes, one-line errors, confirmation, JSON reports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_main
from kayas.settings import workspace

KAYAS = str(Path(sys.executable).with_name("kayas"))


def kayas(args: list[str], stdin: str = "", monkeypatch=None, capsys=None) -> tuple[int, str, str]:
    """Run the real entry point in this process (fast); returns (exit code, stdout, stderr)."""
    return run_main(monkeypatch, capsys, args, stdin)


BAD_INPUTS = [
    ("create a todo list", "error: not JSON: Expecting value at line 1 column 1"),
    ("", "error: empty plan: expected a JSON list of calls"),
    ('{"calls": 1}', "error: a plan is a JSON list of calls, got dict"),
    ('"todo.txt"', "error: a plan is a JSON list of calls, got str"),
    ('["filesystem.create_file"]', "error: call 0: expected an object with 'tool' and 'args', got str"),
    ('[{"tool": "nope", "args": {}}]', "error: call 0: unknown tool 'nope'"),
    ('[{"tool": "filesystem.crate_file", "args": {"filename": "a"}}]',
     "error: call 0: unknown tool 'filesystem.crate_file' (did you mean 'filesystem.create_file'?)"),
    ('[{"tool": "filesystem.create_file", "args": {}}]', "error: call 0: filesystem.create_file: missing argument 'filename'"),
    ('[{"tool": "filesystem.create_file", "args": {"filename": "a", "mode": "w"}}]',
     "error: call 0: filesystem.create_file: unexpected argument 'mode'"),
    ('[{"tool": "filesystem.create_file", "args": {"filename": 7}}]',
     "error: call 0: filesystem.create_file: argument 'filename': Input should be a valid string"),
    ('[{"tool": "clipboard.get_history", "args": {"limit": 2.5}}]',
     "error: call 0: clipboard.get_history: argument 'limit': Input should be a valid integer"),
]


@pytest.mark.parametrize("plan,message", BAD_INPUTS)
@pytest.mark.parametrize("via", ["argument", "stdin"])
def test_bad_plans_exit_2_with_one_line(plan, message, via, monkeypatch, capsys):
    args = ["do", plan] if via == "argument" else ["do", "-"]
    code, out, err = kayas(args, stdin=plan if via == "stdin" else "", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert err == message + "\n"
    assert out == ""
    assert list(workspace().iterdir()) == []


def test_unknown_tool_in_a_real_process():
    done = subprocess.run([KAYAS, "do", '[{"tool": "nope", "args": {}}]'], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "error: call 0: unknown tool 'nope'\n"
    assert "Traceback" not in done.stderr


def test_plan_from_stdin_runs_and_reports_json(monkeypatch, capsys):
    plan = json.dumps([
        {"tool": "filesystem.create_file", "args": {"filename": "shopping.txt", "content": "eggs"}},
        {"tool": "filesystem.append_file", "args": {"filename": "shopping.txt", "content": "milk"}},
    ])
    code, out, _ = kayas(["do", "--json", "-"], stdin=plan, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    report = json.loads(out)
    assert [r["status"] for r in report["results"]] == ["ok", "ok"]
    assert (workspace() / "shopping.txt").read_text() == "eggs\nmilk\n"


def test_failed_call_exits_1_and_names_it(monkeypatch, capsys):
    (workspace() / "a.txt").write_text("keep")
    plan = '[{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}}, {"tool": "process.list_processes", "args": {}}]'
    code, out, _ = kayas(["do", plan], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert "✗ Could not create a.txt: 'a.txt' already exists" in out
    assert "- list the running processes: skipped, an earlier call did not succeed" in out


def test_destructive_call_without_terminal_or_yes_is_refused(monkeypatch, capsys):
    (workspace() / "a.txt").write_text("keep")
    plan = '[{"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}}]'
    code, out, _ = kayas(["do", "--json", plan], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    result = json.loads(out)["results"][0]
    assert result["status"] == "refused"
    assert "pass --yes to allow destructive calls" in result["error"]
    assert (workspace() / "a.txt").read_text() == "keep"


def test_dry_run_shows_and_runs_nothing(monkeypatch, capsys):
    plan = '[{"tool": "process.run_command", "args": {"command": "touch ran"}}]'
    code, out, _ = kayas(["do", "--dry-run", plan], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    assert "Plan: run the shell command `touch ran`" in out
    assert "Dry run: nothing was run." in out
    assert not (workspace() / "ran").exists()


def test_delete_then_undo_in_real_processes():
    data = b"line one\r\nline two\x00\xff\n"
    (workspace() / "report.txt").write_bytes(data)
    plan = '[{"tool": "filesystem.delete_file", "args": {"filename": "report.txt"}}]'
    deleted = subprocess.run([KAYAS, "do", "--yes", plan], capture_output=True, text=True)
    assert deleted.returncode == 0 and not (workspace() / "report.txt").exists()
    listed = subprocess.run([KAYAS, "undo", "--list"], capture_output=True, text=True)
    assert "report.txt" in listed.stdout
    undone = subprocess.run([KAYAS, "undo"], capture_output=True, text=True)
    assert (undone.returncode, undone.stdout) == (0, "✓ restored report.txt from the trash\n")
    assert (workspace() / "report.txt").read_bytes() == data
    again = subprocess.run([KAYAS, "undo"], capture_output=True, text=True)
    assert (again.returncode, again.stderr) == (2, "error: nothing to undo: no command has changed anything yet\n")


def test_parent_paths_are_refused_and_nothing_outside_changes(tmp_path, monkeypatch, capsys):
    before = sorted(p.name for p in tmp_path.iterdir())
    plan = '[{"tool": "filesystem.create_file", "args": {"filename": "../escape.txt", "content": "x"}}]'
    code, out, _ = kayas(["do", "--json", plan], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert json.loads(out)["results"][0]["error"] == (
        "'..' is not allowed in file names: '../escape.txt' (it would leave the workspace)"
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == before  # KAYAS_HOME: the audit log


def run_on_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """Run kayas with a pseudo-terminal as stdin/stdout, typing ``answer`` at the prompt."""
    import os
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([KAYAS, *args], stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "COLUMNS": "200"})
    os.close(slave)
    seen, answered = b"", False
    while True:
        ready, _, _ = select.select([master], [], [], 15)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"Delete a.txt?" in seen:
            os.write(master, answer.encode() + b"\n")
            answered = True
    os.close(master)
    return proc.wait(timeout=15), seen.decode(errors="replace")


@pytest.mark.parametrize("answer,code,exists", [("y", 0, False), ("n", 1, True)])
def test_terminal_asks_before_a_destructive_call(answer, code, exists):
    (workspace() / "a.txt").write_text("x")
    rc, seen = run_on_terminal(["do", '[{"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}}]'], answer)
    assert "Delete a.txt? [y/N]" in seen
    assert rc == code
    assert (workspace() / "a.txt").exists() is exists
    if not exists:
        assert "declined" not in seen
    else:
        assert "filesystem.delete_file was declined" in seen
