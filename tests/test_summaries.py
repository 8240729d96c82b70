"""Each tool says what it did in words: `kayas do` through the real CLI, against the real
backends (aiosmtpd, the local Slack and Spotify API servers, the search index, processes)."""
from __future__ import annotations

import io
import json
import sys

import pytest

from kayas.cli.main import main
from kayas.settings import workspace
from servers.base import serving
from servers.slack_api import SlackHandler
from servers.slack_api import default_state as slack_state
from servers.smtp import Mailbox, smtp_server
from servers.spotify_api import SpotifyHandler
from servers.spotify_api import default_state as spotify_state


def do(monkeypatch, capsys, *calls: tuple[str, dict]) -> tuple[int, str]:
    plan = json.dumps([{"tool": tool, "args": args} for tool, args in calls])
    monkeypatch.setattr(sys, "argv", ["kayas", "do", "--yes", plan])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().out


def outcome_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if not line.startswith(("Plan", "  "))]


def test_email_says_to_whom(monkeypatch, capsys):
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        monkeypatch.setenv("KAYAS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KAYAS_SMTP_PORT", str(server.port))
        monkeypatch.setenv("KAYAS_SMTP_SECURITY", "none")
        monkeypatch.setenv("KAYAS_SMTP_FROM", "kayas@example.org")
        code, out = do(monkeypatch, capsys, ("email.send", {"to": "lee@uni.edu, kim@uni.edu", "subject": "slides", "body": "up"}))
    assert code == 0 and len(mailbox.received) == 1
    assert outcome_lines(out) == ['✓ sent "slides" to lee@uni.edu, kim@uni.edu']


def test_slack_says_where_and_what_it_found(monkeypatch, capsys):
    with serving(SlackHandler, slack_state()) as server:
        monkeypatch.setenv("KAYAS_SLACK_API_URL", f"{server.url}/api/")
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-demo")
        monkeypatch.setenv("SLACK_USER_TOKEN", "xoxp-demo")
        code, out = do(monkeypatch, capsys, ("slack.send_message", {"channel": "#general", "text": "Quarterly report is final"}),
                       ("slack.search_messages", {"query": "quarterly report"}))
    assert code == 0
    assert outcome_lines(out) == [
        "✓ posted to #general",
        '✓ 2 Slack messages match "quarterly report"; the newest 2:',
    ]
    assert "  #design maya: the quarterly report draft is in the drive" in out.splitlines()


def test_spotify_says_what_plays(monkeypatch, capsys):
    with serving(SpotifyHandler, spotify_state()) as server:
        monkeypatch.setenv("KAYAS_SPOTIFY_API_URL", server.url)
        monkeypatch.setenv("KAYAS_SPOTIFY_TOKEN", "demo-token")
        code, out = do(monkeypatch, capsys, ("spotify.play_query", {"query": "bohemian rhapsody"}),
                       ("spotify.get_current_playing", {}), ("spotify.pause_playback", {}))
    assert code == 0
    lines = outcome_lines(out)
    assert lines[0] == "✓ playing Bohemian Rhapsody by Queen"
    assert lines[1].startswith("✓ playing Bohemian Rhapsody by Queen (0:")
    assert lines[2] == "✓ paused Spotify"


def test_local_search_lists_the_files(monkeypatch, capsys):
    (workspace() / "lease.txt").write_text("the lease agreement for the flat")
    code, out = do(monkeypatch, capsys, ("local.search", {"query": "lease agreement"}))
    assert code == 0
    assert outcome_lines(out)[0] == '✓ 1 file matches "lease agreement", best first:'
    assert str(workspace() / "lease.txt") in out


def test_processes_and_a_silent_command(monkeypatch, capsys):
    code, out = do(monkeypatch, capsys, ("process.list_processes", {}), ("process.run_command", {"command": "true"}),
                   ("process.kill_process", {"name": "no-such-program-here"}))
    assert code == 0
    lines = outcome_lines(out)
    assert lines[0].startswith("✓ ") and lines[0].endswith(" processes, the largest first:")
    assert "✓ ran `true`: exit code 0, no output" in lines
    assert "✓ no process called no-such-program-here was running" in lines


def test_a_command_stopped_by_its_time_limit_says_so(monkeypatch, capsys, tmp_path):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text("[process]\ncommand_timeout_s = 0.5\n")
    code, out = do(monkeypatch, capsys, ("process.run_command", {"command": "sleep 5"}))
    assert code == 0
    assert outcome_lines(out)[0].startswith("✓ ran `sleep 5`: stopped by the time limit after ")
