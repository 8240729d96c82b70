"""Issue 25's smaller findings, each a test: no path in the 401 answer, half-open connections
closed, terminal escape codes shown and not obeyed, very deep names refused in one line, and
`kayas undo` on a corrupt journal or trash log answering in one line."""
from __future__ import annotations

import json
import socket
import time

import pytest

from cli_runner import run_main
from kayas.backends import trash
from kayas.backends.printable import printable
from kayas.server import security
from kayas.server.client import Client
from kayas.server.config import ServerConfig
from kayas.server.runner import BackgroundServer
from kayas.server.service import http_assistant
from kayas.settings import kayas_home, workspace
from kayas.testing import ScriptedPlanner


@pytest.fixture
def server():
    with BackgroundServer(http_assistant(planner=ScriptedPlanner({}), threshold=0.5), ServerConfig(port=0)) as s:
        yield s


def test_the_401_answer_names_no_path(server):
    client = Client(server.url, "wrong")
    try:
        answer = client.get("/tools")
    finally:
        client.close()
    assert answer.status == 401
    assert str(server.token_file) not in answer.text and str(kayas_home()) not in answer.text
    assert "/" not in answer.json["error"].split("Bearer", 1)[1]


def test_half_open_connections_are_closed(server, monkeypatch):
    monkeypatch.setattr(security, "HEADER_TIMEOUT_S", 1.0)
    with BackgroundServer(http_assistant(planner=ScriptedPlanner({}), threshold=0.5), ServerConfig(port=0)) as quick:
        socks = []
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", quick.port), timeout=5)
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
            socks.append(s)
        time.sleep(2.0)
        closed = 0
        for s in socks:
            try:
                closed += s.recv(1) == b""
            except OSError:
                closed += 1
            s.close()
        assert closed == 20
        ok = Client(quick.url, quick.token.value)
        try:
            assert ok.get("/health", token=False).status == 200  # a whole request is still served
        finally:
            ok.close()


def test_printable_shows_control_characters():
    assert printable("a\x1b]52;c;ZXZpbA==\x07b\tc\nd\r\x9b2J\x7f") == "a\\x1b]52;c;ZXZpbA==\\x07b\tc\nd\\x0d\\x9b2J\\x7f"


def test_escape_codes_in_names_and_output_reach_the_terminal_as_text(monkeypatch, capsys):
    osc52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
    title = "\x1b]0;pwned\x07"
    plan = json.dumps([{"tool": "filesystem.create_file", "args": {"filename": f"a{osc52}.txt", "content": "x"}},
                       {"tool": "filesystem.append_file", "args": {"filename": f"b{title}.txt", "content": "y"}}])
    code, out, err = run_main(monkeypatch, capsys, ["do", "--yes", "--verbose", plan])
    assert code == 0, out + err
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]52" in out
    code, out, err = run_main(monkeypatch, capsys, ["undo"])
    assert code == 0 and "\x1b" not in out and "\\x1b]0;pwned" in out


def test_escape_codes_in_the_undo_list_and_the_audit_log_reach_the_terminal_as_text(monkeypatch, capsys):
    osc52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
    plan = json.dumps([{"tool": "filesystem.create_file", "args": {"filename": f"a{osc52}.txt", "content": "x"}}])
    assert run_main(monkeypatch, capsys, ["do", "--yes", plan])[0] == 0
    for argv in (["undo", "--list"], ["log"]):
        code, out, err = run_main(monkeypatch, capsys, argv)
        assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err, argv
        assert "\\x1b]52" in out or "\\u001b]52" in out, (argv, out)  # shown as text, not sent


def test_a_name_of_2000_folders_is_one_line():
    from kayas.errors import KayasError
    from kayas.tools.filesystem import create_file

    with pytest.raises(KayasError, match="too many folders"):
        create_file("a/" * 2000 + "x.txt", "x")
    assert list(workspace().iterdir()) == []


@pytest.mark.parametrize("broken", ["journal", "trash log"])
def test_undo_on_a_corrupt_state_file_is_one_line(monkeypatch, capsys, broken):
    (workspace() / "a.txt").write_text("a")
    code, out, err = run_main(monkeypatch, capsys, ["do", "--yes", json.dumps(
        [{"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}}])])
    assert code == 0, out + err
    path = kayas_home() / "journal.sqlite3" if broken == "journal" else trash.trash_dir() / "log.sqlite3"
    path.write_bytes(b"\x00garbage" * 200)
    code, out, err = run_main(monkeypatch, capsys, ["undo"])
    assert code != 0 and "Traceback" not in out + err
    assert len((out + err).strip().splitlines()) == 1 and "cannot be used" in out + err, out + err
    code, out, err = run_main(monkeypatch, capsys, ["undo", "--list"])
    assert "Traceback" not in out + err and (code == 0) == (broken == "trash log"), out + err
