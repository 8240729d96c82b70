"""The audit log: every call run or refused is in KAYAS_HOME/audit.jsonl with its front end, command,
masked arguments and status; it rotates; `kayas log` shows it; a run killed mid-plan (a real
process, SIGKILL) leaves the log and the trash consistent."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from cli_runner import run_main
from kayas.assistant import Assistant
from kayas.assistant.audit import AuditConfig, AuditLog, log_path, mask, read_recent, rotated
from kayas.assistant.router import Router
from kayas.backends import trash
from kayas.plan import parse_plan
from kayas.settings import kayas_home, workspace

KAYAS = str(Path(sys.executable).with_name("kayas"))


def lines() -> list[dict]:
    return [json.loads(x) for x in log_path().read_text().splitlines()]


def kayas(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    return run_main(monkeypatch, capsys, args)


def test_each_call_is_written_before_it_runs_and_after(monkeypatch, capsys):
    plan = json.dumps([{"tool": "filesystem.create_file", "args": {"filename": "a.txt", "content": "api_key=abc123"}},
                       {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}}])
    code, _, _ = kayas(["do", plan], monkeypatch, capsys)  # no terminal, no --yes: the delete is refused
    assert code == 1
    rows = lines()
    assert [(r["index"], r["tool"], r["status"]) for r in rows] == [
        (0, "filesystem.create_file", "started"), (0, "filesystem.create_file", "ok"), (1, "filesystem.delete_file", "refused")]
    assert {r["front_end"] for r in rows} == {"cli"} and len({r["run"] for r in rows}) == 1
    assert rows[0]["args"] == {"filename": "a.txt", "content": "api_key=***"}
    assert "not confirmed" in rows[2]["error"] and rows[1]["ms"] >= 0
    assert rows[0]["time"].endswith("+00:00")


def test_the_front_end_and_the_command_are_recorded():
    from kayas.registry import default_registry

    class Planner:  # a stand-in brain: one search for any command
        registry = default_registry()

        def plan_result(self, command):
            from types import SimpleNamespace

            return SimpleNamespace(calls=parse_plan('[{"tool": "local.search", "args": {"query": "milk"}}]'), text="", confidence=None)

    Assistant(Planner(), front_end="http").run("find milk, my password is hunter2")
    Router().run(parse_plan('[{"tool": "local.search", "args": {"query": "eggs"}}]'))
    rows = [r for r in lines() if r["status"] == "ok"]
    assert [(r["front_end"], r["command"], r["args"]["query"]) for r in rows] == [
        ("http", "find milk, my password is ***", "milk"), ("library", "", "eggs")]


def test_a_dry_run_writes_nothing():
    Router(dry_run=True).run(parse_plan('[{"tool": "local.search", "args": {"query": "eggs"}}]'))
    assert not log_path().exists()


@pytest.mark.parametrize("args,masked", [
    ({"window_title": "Login", "text": "hunter2", "field": "Password"}, {"window_title": "Login", "text": "***", "field": "Password"}),
    ({"command": "curl -H 'Authorization: Bearer abcdefghijk' https://bob:pw@example.org"},
     {"command": "curl -H 'Authorization: *** ***' https://bob:***@example.org"}),
    ({"text": "export GH=ghp_abcdefghijklmnopqrstuvwx; SLACK=xoxb-12345678-abcdef"}, {"text": "export GH=***; SLACK=***"}),
    ({"steps": [{"action": "type", "selector": "#password", "text": "pw1"}, {"action": "goto", "url": "https://x.org"}]},
     {"steps": [{"action": "type", "selector": "#password", "text": "***"}, {"action": "goto", "url": "https://x.org"}]}),
    ({"token": "abc", "author": "bob", "body": "my password hunter2"}, {"token": "***", "author": "bob", "body": "my password ***"}),
])
def test_secrets_are_masked(args, masked):
    assert mask(args) == masked


def test_the_log_rotates_and_kayas_log_reads_across_files(monkeypatch, capsys):
    (kayas_home() / "config.toml").write_text("[audit]\nmax_bytes = 2000\nkeep = 2\n")
    for i in range(30):
        Router().run(parse_plan(json.dumps([{"tool": "local.search", "args": {"query": f"q{i}"}}])))
    assert log_path().stat().st_size <= 2000 and rotated(1).exists() and rotated(2).exists() and not rotated(3).exists()
    code, out, _ = kayas(["log", "-n", "3", "--json"], monkeypatch, capsys)
    assert code == 0 and [json.loads(x)["args"]["query"] for x in out.splitlines()] == ["q27", "q28", "q29"]


def test_kayas_log_shows_the_recent_calls(monkeypatch, capsys):
    code, out, err = kayas(["log"], monkeypatch, capsys)
    assert code == 0 and "no calls in the audit log yet" in err
    Router(assume_yes=True).run(parse_plan('[{"tool": "filesystem.create_file", "args": {"filename": "n.txt"}}]'))
    code, out, _ = kayas(["log"], monkeypatch, capsys)
    assert code == 0 and len(out.splitlines()) == 1
    assert "library" in out and " ok " in out and 'filesystem.create_file {"filename": "n.txt", "content": ""}' in out
    assert kayas(["log", "-n", "0"], monkeypatch, capsys) == (2, "", "error: --count must be at least 1\n")


def test_a_log_that_cannot_be_written_stops_the_call():
    log_path().mkdir(parents=True)  # a folder where the file should be
    report = Router(assume_yes=True).run(parse_plan('[{"tool": "filesystem.create_file", "args": {"filename": "x.txt"}}]'))
    assert report.results[0].status == "failed" and "cannot write the audit log" in report.results[0].error
    assert not (workspace() / "x.txt").exists()


def test_the_log_is_off_when_the_config_says_so():
    (kayas_home() / "config.toml").write_text("[audit]\nenabled = false\n")
    assert AuditLog().config == AuditConfig(enabled=False)
    Router().run(parse_plan('[{"tool": "local.search", "args": {"query": "eggs"}}]'))
    assert not log_path().exists()


def test_a_run_killed_mid_plan_leaves_log_and_trash_consistent():
    """Two deletes done, a long command running, one delete to come: SIGKILL, then check both records."""
    ws = workspace()
    for name in ("a.txt", "b.txt", "c.txt"):
        (ws / name).write_text(f"{name} body")
    marker = "kayas-crash-marker"
    plan = json.dumps([
        {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}},
        {"tool": "filesystem.delete_file", "args": {"filename": "b.txt"}},
        {"tool": "process.run_command", "args": {"command": f"sleep 30 # {marker}"}},
        {"tool": "filesystem.delete_file", "args": {"filename": "c.txt"}},
    ])
    proc = subprocess.Popen([KAYAS, "do", "--yes", plan], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while not (log_path().exists() and '"process.run_command"' in log_path().read_text()):
            assert proc.poll() is None and time.monotonic() < deadline, "the run never reached the command"
            time.sleep(0.05)
        time.sleep(0.3)  # the command is running now
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
    time.sleep(0.5)
    leftovers = [p for p in psutil.process_iter(["cmdline"]) if marker in " ".join(p.info.get("cmdline") or [])]
    for p in leftovers:  # without a sandbox the shell outlives Kayas; don't leave it behind
        p.kill()
    calls = read_recent(10)
    assert [(c["index"], c["tool"], c["status"]) for c in calls] == [
        (0, "filesystem.delete_file", "ok"), (1, "filesystem.delete_file", "ok"), (2, "process.run_command", "interrupted")]
    trashed = sorted(e.original for e in trash.pending())
    assert trashed == ["a.txt", "b.txt"]  # what the log says was done is exactly what the trash holds
    assert sorted(p.name for p in ws.iterdir() if p.name != ".trash") == ["c.txt"]
    assert sorted(trash.undo()) == ["a.txt", "b.txt"]
    assert (ws / "a.txt").read_text() == "a.txt body" and (ws / "b.txt").read_text() == "b.txt body"
    if _has_bwrap():
        assert leftovers == []  # in the sandbox, the command dies with Kayas


def _has_bwrap() -> bool:
    from kayas.backends.sandbox import unavailable_reason

    return unavailable_reason() is None
