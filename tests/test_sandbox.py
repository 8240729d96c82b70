"""The sandbox of process.run_command, attacked: each escape must fail inside bubblewrap and leave
a sentinel tree outside the workspace byte-identical.

Skipped where bubblewrap cannot run, unless KAYAS_REQUIRE_ALL=1 (CI sets it: there a skip
would hide a broken sandbox).
"""
from __future__ import annotations

import http.server
import os
import threading
import time
from pathlib import Path

import psutil
import pytest

from conftest import need
from kayas.backends import sandbox
from kayas.settings import config_file
from kayas.tools.process import run_command

REPO = Path(__file__).resolve().parents[1]
REASON = sandbox.unavailable_reason()
need("a working bubblewrap sandbox", REASON is None, REASON or "")


KAYAS_STATE = {"runs", "trash", "journal.sqlite3", "journal.sqlite3-journal", "audit.jsonl"}  # Kayas's own, not a sentinel


def tree(folder: Path) -> dict[str, object]:
    """Every path under ``folder`` with its bytes, mode and symlink target (Kayas's own state aside)."""
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        if p.relative_to(folder).parts[0] in KAYAS_STATE:
            continue
        st = p.lstat()
        body = os.readlink(p) if p.is_symlink() else (p.read_bytes() if p.is_file() else None)
        out[str(p.relative_to(folder))] = (st.st_mode, body)
    return out


@pytest.fixture
def places(tmp_path, monkeypatch):
    """workspace/, a fake home with ~/.ssh/id_rsa, an outside/ tree, KAYAS_HOME: all but the workspace are sentinels."""
    ws, home, outside, kayas_home = (tmp_path / n for n in ("workspace", "home", "outside", "kayas-home"))
    for d in (ws, home / ".ssh", outside / "sub", kayas_home):
        d.mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    (outside / "keep.txt").write_text("keep me")
    (outside / "sub" / "data.bin").write_bytes(os.urandom(256))
    (ws / "out").symlink_to(outside, target_is_directory=True)  # a way out placed in the workspace
    (ws / ".trash").mkdir()
    (ws / ".trash" / "log.sqlite3").write_bytes(b"the undo log")
    monkeypatch.setenv("KAYAS_WORKSPACE", str(ws))
    monkeypatch.setenv("KAYAS_HOME", str(kayas_home))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KAYAS_TEST_SECRET", "tok-123")
    config_file().write_text("[process]\ncommand_timeout_s = 3.0\n")
    sentinels = {"home": home, "outside": outside, "kayas_home": kayas_home, "trash": ws / ".trash"}
    before = {name: tree(path) for name, path in sentinels.items()}
    yield {"ws": ws, "home": home, "outside": outside, "kayas_home": kayas_home}
    after = {name: tree(path) for name, path in sentinels.items()}
    assert after == before, "a sentinel outside the workspace changed"
    assert {p.name for p in tmp_path.iterdir()} == {"workspace", "home", "outside", "kayas-home"}


def test_commands_run_in_the_sandbox_and_may_write_the_workspace(places):
    res = run_command("echo made > made.txt && cat made.txt && cat /etc/hostname >/dev/null && pwd")
    assert res["sandbox"] == "bubblewrap"
    assert res["exit_code"] == 0 and res["stdout"] == f"made\n{places['ws']}\n"
    assert (places["ws"] / "made.txt").read_text() == "made\n"


@pytest.mark.parametrize("attack", [
    "echo x > {outside}/new.txt",
    "rm {outside}/keep.txt",
    "echo x >> {outside}/keep.txt",
    "mv {outside}/sub {ws}/stolen",
    "echo x > out/new.txt",  # through the symlink in the workspace
    "rm -r out/sub",
    "chmod 777 {outside}/keep.txt",
    "echo x > {kayas_home}/config.toml",
    "echo forged > .trash/log.sqlite3",  # the undo log is read-only inside
    "rm -rf .trash",
    "touch /etc/kayas-escaped",
    "touch {repo}/kayas-escaped",  # a folder outside /tmp: read-only, not hidden
    "echo x > {home}/.bashrc",
    "mkdir {home}/.ssh2",
])
def test_writes_outside_the_workspace_fail(places, attack):
    res = run_command(attack.format(repo=REPO, **places) + " ; echo rc=$?")
    assert res["sandbox"] == "bubblewrap"
    assert "rc=0" not in res["stdout"], res
    assert not Path("/etc/kayas-escaped").exists() and not (REPO / "kayas-escaped").exists()


def test_hidden_places_are_empty_inside_and_tmp_is_scratch(places):
    res = run_command("ls -A {home} {kayas_home} /root /run | tr '\\n' ' '; echo x > /tmp/scratch && cat /tmp/scratch".format(**places))
    assert res["exit_code"] == 0 and res["stdout"].endswith("x\n")
    assert ".ssh" not in res["stdout"] and "config.toml" not in res["stdout"]
    assert not Path("/tmp/scratch").exists()


@pytest.mark.parametrize("attack", [
    "cat {home}/.ssh/id_rsa",
    "cat out/keep.txt",
    "ls {outside}",
    "cat {kayas_home}/config.toml",
    "cat ~/.ssh/id_rsa",
])
def test_files_outside_the_workspace_cannot_be_read(places, attack):
    res = run_command(attack.format(**places))
    assert res["exit_code"] != 0
    assert "secret" not in res["stdout"] and "keep me" not in res["stdout"] and "command_timeout_s" not in res["stdout"]


def test_the_environment_is_cleared(places):
    res = run_command("env")
    assert "tok-123" not in res["stdout"] and "KAYAS_TEST_SECRET" not in res["stdout"]
    assert "PATH=" in res["stdout"]


def test_no_process_inside_shows_kayas_environment(places):
    """Issue 25: process 1 inside is bubblewrap itself; `--clearenv` cleaned only its child."""
    res = run_command("for f in /proc/[0-9]*/environ; do echo \"== $f\"; tr '\\0' '\\n' < $f; done")
    assert res["exit_code"] == 0 and "== /proc/1/environ" in res["stdout"], res
    assert "tok-123" not in res["stdout"] and "KAYAS_TEST_SECRET" not in res["stdout"]


class _Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"hello from the host")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def _fetch(port: int) -> str:
    return (f"bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port} && printf \"GET / HTTP/1.0\\r\\n\\r\\n\" >&3 && cat <&3'")


def test_the_network_cannot_be_reached(places, http_server):
    res = run_command(_fetch(http_server))
    assert res["exit_code"] != 0 and "hello from the host" not in res["stdout"]


def test_the_network_is_reached_when_the_config_allows_it(places, http_server):
    config_file().write_text("[process]\ncommand_timeout_s = 3.0\n[sandbox]\nnetwork = true\n")
    res = run_command(_fetch(http_server))
    assert res["sandbox"] == "bubblewrap (network allowed)"
    assert "hello from the host" in res["stdout"]  # the same fetch works: the test above can fail
    config_file().write_text("[process]\ncommand_timeout_s = 3.0\n")


def _leftovers(marker: str) -> list[int]:
    found = []
    for p in psutil.process_iter(["cmdline"]):
        if marker in " ".join(p.info.get("cmdline") or []):
            found.append(p.pid)
    return found


def test_a_fork_bomb_is_bounded_and_ended(places):
    config_file().write_text("[process]\ncommand_timeout_s = 30.0\n[sandbox]\nmax_processes = 32\n")
    res = run_command("b(){ b|b& }; b; sleep 20 # kayas-bomb-marker")
    assert res["ended"] == "process limit" and res["exit_code"] is None  # the bound ended it, not the time limit
    time.sleep(0.3)
    assert _leftovers("kayas-bomb-marker") == []
    config_file().write_text("[process]\ncommand_timeout_s = 3.0\n")


def test_nothing_outlives_the_time_limit(places):
    marker = places["ws"] / "late.txt"
    res = run_command(f"(sleep 4; echo late > {marker}) & setsid sh -c 'sleep 4; echo late >> {marker}' & "
                      "nohup sleep 60 >/dev/null 2>&1 & sleep 30 # kayas-late-marker")
    assert res["timed_out"] and res["ended"] == "time limit" and 2.9 < res["seconds"] < 6
    time.sleep(1.5)  # the children would write at 4 s
    assert not marker.exists() and _leftovers("kayas-late-marker") == [] and _leftovers("sleep 60") == []


def test_background_children_end_with_the_command(places):
    marker = places["ws"] / "after.txt"
    res = run_command(f"setsid sh -c 'sleep 1; echo after > {marker}' > /dev/null 2>&1 & echo started")
    assert res["exit_code"] == 0 and res["stdout"] == "started\n" and res["seconds"] < 1
    time.sleep(1.5)
    assert not marker.exists()


def test_without_bubblewrap_the_result_says_so(places, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    res = run_command("echo plain")
    assert res["sandbox"] == "none: bubblewrap (bwrap) is not installed"
    assert res["stdout"] == "plain\n"
