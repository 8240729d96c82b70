"""`kayas doctor`: which tools are ready here, what each other one needs, and nothing is sent."""
from __future__ import annotations

import io
import json
import socket
import sys

import pytest

from kayas.cli.main import main

SERVICE_VARS = ["KAYAS_SMTP_HOST", "KAYAS_SMTP_FROM", "KAYAS_SMTP_USER", "KAYAS_SMTP_PASSWORD", "KAYAS_SMTP_PORT",
                "KAYAS_SPOTIFY_TOKEN", "SPOTIPY_CLIENT_ID", "SPOTIPY_CLIENT_SECRET", "SPOTIPY_REDIRECT_URI",
                "SLACK_BOT_TOKEN", "SLACK_USER_TOKEN", "DISPLAY", "WAYLAND_DISPLAY"]


def doctor(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.setattr(sys, "argv", ["kayas", "doctor", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().out


@pytest.fixture
def bare(monkeypatch):
    """No service is set up, no display."""
    for name in SERVICE_VARS:
        monkeypatch.delenv(name, raising=False)


def by_area(rows: list[dict]) -> dict[str, dict]:
    return {r["tools"]: r for r in rows}


def test_a_bare_machine_names_what_each_tool_needs(bare, monkeypatch, capsys):
    code, out = doctor(monkeypatch, capsys, "--json")
    assert code == 0
    rows = by_area(json.loads(out))
    assert rows["filesystem.*, local.search"]["ready"]
    assert not rows["email.send"]["ready"] and "KAYAS_SMTP_HOST" in rows["email.send"]["detail"]
    assert not rows["spotify.*"]["ready"] and "KAYAS_SPOTIFY_TOKEN" in rows["spotify.*"]["detail"]
    assert (rows["slack.send_message"]["ready"], rows["slack.send_message"]["detail"]) == (False, "SLACK_BOT_TOKEN")
    assert (rows["slack.search_messages"]["ready"], rows["slack.search_messages"]["detail"]) == (False, "SLACK_USER_TOKEN")
    assert not rows["uia.*"]["ready"] and "display" in rows["uia.*"]["detail"]
    assert not rows["process.start_program"]["ready"] and "DISPLAY" in rows["process.start_program"]["detail"]
    assert not rows["clipboard.*"]["ready"]
    assert "ready" in rows["kayas listen"] and rows["kayas listen"]["detail"]


def test_set_up_services_are_ready_and_nothing_is_sent(bare, monkeypatch, capsys):
    with socket.socket() as server:  # a mail server that must never hear from the doctor
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.3)
        port = server.getsockname()[1]
        monkeypatch.setenv("KAYAS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KAYAS_SMTP_PORT", str(port))
        monkeypatch.setenv("KAYAS_SMTP_FROM", "me@example.org")
        monkeypatch.setenv("KAYAS_SPOTIFY_TOKEN", "t")
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
        code, out = doctor(monkeypatch, capsys)
        with pytest.raises(TimeoutError):
            server.accept()
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines()[:-1]}
    assert lines["email"].startswith("✓ email")
    assert f"ready: SMTP 127.0.0.1:{port} as me@example.org (nothing sent)" in lines["email"]
    assert "✓ spotify" in lines["spotify"]
    assert any(line.startswith("✓ slack") and "SLACK_BOT_TOKEN is set" in line for line in out.splitlines())
    assert any(line.startswith("✗ slack") and "needs: SLACK_USER_TOKEN" in line for line in out.splitlines())
    assert out.splitlines()[-1].endswith(" ready")
