"""The resident scheduler against real parts: its own process, a private session bus, dunst, PulseAudio.

Firing delays are measured on the bus (a monitor notes when each Notify call passes), not
taken from the scheduler's own log. Set KAYAS_SCHEDULER_REPORT=FILE to get the figures as JSON.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime

from apps.desktop import wait_for
from apps.session import kill_scheduler, notify_session, on_session  # noqa: F401 (fixtures)
from kayas.backends import schedule_store, scheduler
from kayas.tools import alarm, reminder


def _report(name: str, figures: dict) -> None:
    path = os.environ.get("KAYAS_SCHEDULER_REPORT")
    print(name, json.dumps(figures))
    if path:
        with open(path, "a") as out:
            out.write(json.dumps({"test": name, **figures}) + "\n")


def _due(text: str) -> float:
    [entry] = [e for e in _all() if e.text == text]
    return entry.due


def _restart() -> None:
    """What any later Kayas command does: `kayas reminders` starts the scheduler again."""
    done = subprocess.run([sys.executable, "-m", "kayas.cli.main", "reminders"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_one_minute_ahead_fires_within_2s_across_a_kill(on_session):
    monitor = on_session.monitor
    started = reminder.add("stretch your legs", "in 1 minute")
    assert started["scheduler"] == "started"
    due = _due("stretch your legs")
    first = wait_for(scheduler.running_pid, 10, "the scheduler to start")
    time.sleep(5)
    assert kill_scheduler() == first
    _restart()
    second = wait_for(scheduler.running_pid, 10, "the scheduler to start again")
    assert second != first
    [seen] = wait_for(lambda: monitor.with_body("stretch your legs"), due - time.time() + 10, "the reminder")
    delay = seen.at - due
    _report("one_minute_across_kill", {"due": datetime.fromtimestamp(due).isoformat(), "delay_s": round(delay, 3)})
    assert -0.05 <= delay <= 2.0, f"fired {delay:+.3f} s after its time"
    assert seen.summary == "Reminder" and seen.urgency == 1
    wait_for(lambda: schedule_store.get(started["id"]).state == "fired", 5, "the store to say fired")  # type: ignore[union-attr]


def test_due_while_down_fires_at_next_start_marked_late(on_session):
    monitor = on_session.monitor
    reminder.add("water the plants", "in 2 seconds")
    wait_for(scheduler.running_pid, 10, "the scheduler")
    kill_scheduler()
    due = _due("water the plants")
    time.sleep(max(0.0, due - time.time()) + 3)
    assert not monitor.with_body("water the plants"), "fired while no scheduler ran"
    _restart()
    [seen] = wait_for(lambda: monitor.with_body("water the plants"), 10, "the late reminder")
    assert "Kayas's scheduler was not running then" in seen.body
    [entry] = wait_for(lambda: [e for e in _all() if e.text == "water the plants" and e.state == "fired"], 5, "the store to say fired")
    assert entry.note and entry.note.startswith("late by")


def _all() -> list[schedule_store.Entry]:
    import sqlite3

    with sqlite3.connect(schedule_store.store_path()) as conn:
        return [schedule_store.Entry(*r) for r in conn.execute("SELECT id, kind, text, said, due, created, state, fired_at, note FROM entries")]


def test_a_hundred_none_lost_even_with_a_kill_midway(on_session):
    """100 reminders 3 to 12 s ahead; the scheduler is killed and restarted while they fall due."""
    monitor = on_session.monitor
    began = time.time()
    for n in range(100):
        reminder.add(f"hundred #{n:03d}.", f"in {3 + (n % 10)} seconds")
    adding = time.time() - began
    dues = {n: _due(f"hundred #{n:03d}.") for n in range(100)}
    wait_for(lambda: len(monitor.with_body("hundred #")) >= 30, 15, "the first thirty")
    killed = time.time()
    kill_scheduler()
    _restart()
    wait_for(scheduler.running_pid, 10, "the scheduler to start again")
    restarted = time.time()
    wait_for(lambda: not schedule_store.pending(), max(dues.values()) - time.time() + 15, "all hundred to fire")
    time.sleep(0.5)
    seen = {n: monitor.with_body(f"hundred #{n:03d}.") for n in range(100)}
    lost = [n for n, s in seen.items() if not s]
    twice = [n for n, s in seen.items() if len(s) > 1]
    delays = sorted(s[0].at - dues[n] for n, s in seen.items() if s)
    running = sorted(s[0].at - dues[n] for n, s in seen.items() if s and not killed <= dues[n] <= restarted)  # due while one ran
    _report("hundred_with_kill", {"scheduled": 100, "lost": len(lost), "twice": len(twice), "max_delay_s": round(delays[-1], 3),
                                  "median_delay_s": round(delays[len(delays) // 2], 3), "adding_100_s": round(adding, 1),
                                  "due_while_down": len(delays) - len(running), "max_delay_while_running_s": round(running[-1], 3)})
    assert not lost, f"lost: {lost}"
    assert len(twice) <= 1, f"shown twice (killed between showing and marking): {twice}"
    assert delays[0] >= -0.05, "one fired before its time"
    # the 2 s goal is the one-minute test's; here a burst of 10 a second on a shared machine gets a looser bound
    assert running[-1] <= 5.0, f"one due while the scheduler ran fired {running[-1]:.3f} s late"


def test_alarm_is_critical_and_rings_through_the_sound_server(on_session):
    env = {**os.environ, **on_session.env()}
    alarm.set_alarm("in 2 seconds", "wake up")
    due = _due("wake up")
    [seen] = wait_for(lambda: on_session.monitor.with_body("wake up"), due - time.time() + 5, "the alarm")
    assert seen.summary == "Alarm" and seen.urgency == 2
    playing = wait_for(lambda: "paplay" in subprocess.run(["pactl", "list", "sink-inputs"], env=env, capture_output=True, text=True).stdout,
                       5, "the alarm tone on the sound server")
    assert playing


def test_one_scheduler_per_home(on_session):
    reminder.add("one only", "in 1 hour")
    pid = wait_for(scheduler.running_pid, 10, "the scheduler")
    scheduler.start()  # a second one finds the lock held and leaves at once
    time.sleep(1)
    assert scheduler.running_pid() == pid
    log = (schedule_store.store_path().parent / scheduler.LOG).read_text()
    assert "another scheduler already runs" in log


def test_a_notification_that_cannot_be_shown_is_tried_again(on_session, monkeypatch, tmp_path):
    """A bus with no notification service (and none to activate): kept pending and tried again; shown once one starts."""
    config = tmp_path / "bare-bus.conf"
    config.write_text('<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" '
                      '"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd"><busconfig><type>session</type>'
                      f'<listen>unix:dir={tmp_path}</listen><policy context="default"><allow send_destination="*" eavesdrop="true"/>'
                      '<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>')
    bare = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True)
    procs = [bare]
    try:
        address = bare.stdout.readline().strip()  # type: ignore[union-attr]
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)  # the scheduler started below inherits it
        entry = reminder.add("retry me", "in 1 second")
        log = schedule_store.store_path().parent / scheduler.LOG
        wait_for(lambda: log.read_text().count("cannot notify reminder") >= 2, 20, f"two failed attempts: {log.read_text()}")
        assert [e.text for e in schedule_store.pending()] == ["retry me"]
        procs.append(subprocess.Popen(["dunst", "-config", str(on_session.root / "dunstrc")], env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(lambda: schedule_store.get(entry["id"]).state == "fired", 20, "the reminder once dunst runs")  # type: ignore[union-attr]
    finally:
        kill_scheduler()
        for proc in procs:
            proc.terminate()
            proc.wait(5)
