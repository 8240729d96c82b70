"""Timers, alarms and reminders: times as said, questions back, the store, `kayas reminders`, and undo.

The firing itself (the resident process, notifications, restarts) is tests/test_scheduler.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from apps.session import notify_session, on_session  # noqa: F401 (fixtures)
from kayas.backends import schedule_store
from kayas.backends.when import parse_duration, parse_when
from kayas.errors import KayasError
from kayas.registry import default_registry
from kayas.tools import alarm, reminder, timer

NOW = datetime(2026, 12, 7, 10, 0).astimezone()  # a Monday, 10:00 local


@pytest.mark.parametrize("said, expected", [
    ("in 20 minutes", NOW + timedelta(minutes=20)),
    ("tomorrow at 7", datetime(2026, 12, 8, 7, 0)),
    ("next friday 9am", datetime(2026, 12, 11, 9, 0)),
    ("friday 9am", datetime(2026, 12, 11, 9, 0)),
    ("6pm", datetime(2026, 12, 7, 18, 0)),
    ("tonight at 8", datetime(2026, 12, 7, 20, 0)),
    ("7am tomorrow", datetime(2026, 12, 8, 7, 0)),
    ("at 7", datetime(2026, 12, 8, 7, 0)),  # 7:00 has passed today: the next one
    ("8 o'clock", datetime(2026, 12, 8, 8, 0)),
    ("in half an hour", NOW + timedelta(minutes=30)),
])
def test_times_as_said(said, expected):
    assert parse_when(said, now=NOW) == expected.astimezone()


@pytest.mark.parametrize("said, seconds", [("10 minutes", 600), ("1h", 3600), ("half an hour", 1800), ("90 seconds", 90),
                                           ("1 hour 30 minutes", 5400), ("in 5 minutes", 300)])
def test_durations_as_said(said, seconds):
    assert parse_duration(said, now=NOW) == timedelta(seconds=seconds)


@pytest.mark.parametrize("said, message", [
    ("blorp", "When should I remind you? I could not read 'blorp' as a time"),
    ("", "When should I remind you? No time was given"),
    ("yesterday", "When should I remind you? 'yesterday' reads as Sun 06 Dec 10:00, which is in the past"),
])
def test_unreadable_or_past_is_a_question(said, message):
    with pytest.raises(KayasError) as err:
        parse_when(said, now=NOW)
    assert str(err.value) == message


def test_tools_ask_back_and_store_nothing():
    with pytest.raises(KayasError, match=r"^When should I remind you\? I could not read 'blorp' as a time$"):
        reminder.add("call mum", "blorp")
    with pytest.raises(KayasError, match=r"^How long should the timer run\? I could not read 'forever-ish' as a duration$"):
        timer.start("forever-ish")
    with pytest.raises(KayasError, match=r"^When should the alarm ring\? I could not read 'whenever' as a time$"):
        alarm.set_alarm("whenever")
    with pytest.raises(KayasError, match=r"^What should I remind you of\?"):
        reminder.add("  ", "in 5 minutes")
    assert schedule_store.pending() == []


def test_contract_flags():
    reg = default_registry()
    assert reg.get("reminder.list").read_only
    for name in ("reminder.add", "reminder.cancel", "timer.start", "alarm.set", "media.control", "system.set_volume",
                 "system.change_volume", "system.mute"):
        assert not reg.get(name).read_only and reg.get(name).summary is not None, name


def _kayas(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kayas.cli.main", *args], capture_output=True, text=True, timeout=120)


def _plan(tool: str, **args) -> str:
    return json.dumps([{"tool": tool, "args": args}])


def test_set_list_cancel_from_the_cli(on_session):
    for tool, args in [("reminder.add", {"text": "call mum", "when": "in 2 hours"}),
                       ("timer.start", {"duration": "10 minutes", "label": "pasta"}),
                       ("alarm.set", {"when": "tomorrow at 7", "label": "get up"})]:
        done = _kayas("do", _plan(tool, **args), "--yes")
        assert done.returncode == 0, done.stdout + done.stderr
    listed = _kayas("reminders")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == "3 pending:"
    assert [line.split()[4:] for line in lines[1:]] == [["timer", "pasta"], ["reminder", "call", "mum"], ["alarm", "get", "up"]]
    rows = json.loads(_kayas("reminders", "--json").stdout)
    assert [r["said"] for r in rows] == ["10 minutes", "in 2 hours", "tomorrow at 7"]
    cancelled = _kayas("reminders", "cancel", "pasta")
    assert cancelled.returncode == 0 and cancelled.stdout.startswith("cancelled timer 'pasta'")
    assert [e.text for e in schedule_store.pending()] == ["call mum", "get up"]
    nothing = _kayas("reminders", "cancel", "dentist")
    assert nothing.returncode == 2
    assert nothing.stderr.startswith("error: nothing pending matches 'dentist' (pending: reminder 'call mum' at ")
    assert len(nothing.stderr.splitlines()) == 1


def test_unreadable_time_through_kayas_do(on_session):
    done = _kayas("do", _plan("reminder.add", text="call mum", when="blorp"), "--yes")
    assert done.returncode == 1
    assert "When should I remind you? I could not read 'blorp' as a time" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert schedule_store.pending() == []


def test_undo_cancels_a_reminder_and_brings_back_a_cancelled_one(on_session):
    assert _kayas("do", _plan("reminder.add", text="feed the cat", when="in 3 hours"), "--yes").returncode == 0
    assert [e.text for e in schedule_store.pending()] == ["feed the cat"]
    undone = _kayas("undo")
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert "cancelled the reminder 'feed the cat'" in undone.stdout
    assert schedule_store.pending() == []

    assert _kayas("do", _plan("timer.start", duration="25 minutes", label="tea"), "--yes").returncode == 0
    assert _kayas("do", _plan("reminder.cancel", text="tea"), "--yes").returncode == 0
    assert schedule_store.pending() == []
    listed = json.loads(_kayas("undo", "--list", "--json").stdout)
    assert listed[0]["changes"][0]["kind"] == "schedule"
    undone = _kayas("undo")
    assert undone.returncode == 0 and "restored the timer 'tea'" in undone.stdout
    assert [e.text for e in schedule_store.pending()] == ["tea"]


def test_undo_of_a_fired_reminder_says_so(on_session):
    assert _kayas("do", _plan("reminder.add", text="quick one", when="in 1 second"), "--yes").returncode == 0
    from apps.desktop import wait_for

    wait_for(lambda: not schedule_store.pending(), 15, "the reminder to fire")
    undone = _kayas("undo")
    assert undone.returncode == 1
    assert "already fired or was cancelled" in undone.stdout


def test_doctor_lines_inside_the_session(on_session):
    reminder.add("doctor check", "in 1 hour")
    checks = {c["area"]: c for c in json.loads(_kayas("doctor", "--json").stdout)}
    assert checks["notifications"]["ready"] and checks["notifications"]["detail"].startswith("dunst 1.9")
    assert "alarms ring with paplay" in checks["notifications"]["detail"]
    assert checks["scheduler"]["ready"] and checks["scheduler"]["detail"].startswith("running (pid ")
    assert checks["media"]["ready"]
    assert checks["volume"]["ready"] and checks["volume"]["detail"].startswith("pactl: default output at ")


def test_doctor_lines_without_a_session(monkeypatch, tmp_path):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/none")
    schedule_store.add("reminder", "left waiting", "in 1 hour", datetime.now().astimezone() + timedelta(hours=1))
    checks = {c["area"]: c for c in json.loads(_kayas("doctor", "--json").stdout)}
    assert checks["notifications"] == {**checks["notifications"], "ready": False,
                                       "detail": "a D-Bus session bus (run inside a desktop session, or `dbus-run-session`): "
                                                 "DBUS_SESSION_BUS_ADDRESS is unset"}
    assert not checks["scheduler"]["ready"] and "while 1 wait: `kayas reminders` starts it" in checks["scheduler"]["detail"]
    assert not checks["volume"]["ready"]
