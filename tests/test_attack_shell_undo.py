"""Issue 25, point 7: "run rm -rf ~" then "yes" must be recoverable. A shell command runs on a
private copy of the workspace; its changes come in when it ends, journaled, and `kayas undo`
takes them back byte for byte, deletions included."""
from __future__ import annotations

import json
import os

import pytest

from cli_runner import run_main
from conftest import need
from kayas.backends import journal, sandbox
from kayas.settings import config_file, workspace
from kayas.tools.process import run_command

REASON = sandbox.unavailable_reason()
need("a working sandbox (bubblewrap)", REASON is None, REASON or "")


def everything() -> dict[str, object]:
    root = workspace()
    out: dict[str, object] = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        body = os.readlink(p) if p.is_symlink() else (p.read_bytes() if p.is_file() else "dir")
        out[str(p.relative_to(root))] = (st.st_mode, body)
    return out


@pytest.fixture
def notes():
    ws = workspace()
    (ws / "notes" / "2024").mkdir(parents=True)
    (ws / "notes" / "2024" / "q1.md").write_text("# Q1\nrevenue up\n")
    (ws / "photo.bin").write_bytes(os.urandom(4096))
    os.chmod(ws / "photo.bin", 0o640)
    (ws / ".hidden").write_text("dotfile")
    (ws / "link").symlink_to("notes/2024/q1.md")
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("[process]\ncommand_timeout_s = 10.0\n")
    return everything()


def test_rm_rf_home_is_taken_back_byte_for_byte(notes):
    with journal.operation("run rm -rf ~"):
        res = run_command("rm -rf ~/* ~/.[!.]* && ls -A ~ | wc -l")
    assert res["exit_code"] == 0 and res["stdout"].strip() == "0" and res["undoable"]
    assert everything() == {}  # the command did what it said
    assert set(res["changed"]) == {"notes/2024/q1.md", "photo.bin", ".hidden", "link"}
    steps = journal.undo()
    assert [s.done for s in steps] == [True], steps
    assert everything() == notes


def test_changes_creations_and_deletions_are_named_and_undone(notes):
    with journal.operation("edit"):
        res = run_command("echo more >> notes/2024/q1.md; echo new > new.txt; rm photo.bin; mkdir -p d/e; echo y > d/e/y.txt")
    assert sorted(res["changed"]) == ["d/e/y.txt", "new.txt", "notes/2024/q1.md", "photo.bin"]
    from kayas.tools.process import _ran

    assert "changed: " in _ran({}, res) and "new.txt" in _ran({}, res)
    assert (workspace() / "notes/2024/q1.md").read_text().endswith("more\n")
    journal.undo()
    assert everything() == notes


def test_a_file_changed_since_stops_the_undo_before_it_does_anything(notes):
    with journal.operation("edit"):
        run_command("echo new > new.txt; rm photo.bin")
    (workspace() / "new.txt").write_text("my own edit")
    steps = journal.undo()
    assert not steps[0].done and "new.txt was changed since" in steps[0].message
    assert (workspace() / "new.txt").read_text() == "my own edit" and not (workspace() / "photo.bin").exists()


def test_through_the_cli(notes, monkeypatch, capsys):
    plan = json.dumps([{"tool": "process.run_command", "args": {"command": "rm -rf ~/*"}}])
    code, out, err = run_main(monkeypatch, capsys, ["do", "--yes", plan])
    assert code == 0 and "changed: " in out and "kayas undo" in out, out + err
    code, out, err = run_main(monkeypatch, capsys, ["undo"])
    assert code == 0 and "took back what `rm -rf ~/*` changed" in out, out + err
    assert everything() == notes
