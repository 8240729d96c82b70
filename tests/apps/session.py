"""A throwaway desktop session for the reminder, media and volume tests: real parts, private to the test.

- a D-Bus session bus (dbus-daemon) of its own,
- a real notification daemon on it: dunst, drawing on its own Xvfb display,
- a monitor on that bus that notes every Notify call with the time it was seen (the
  independent clock the firing delays are measured with),
- a PulseAudio server with a null sink (no sound card), reached through PULSE_SERVER.
Nothing here is the user's: the tests set DBUS_SESSION_BUS_ADDRESS, DISPLAY and PULSE_SERVER.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from apps.desktop import _read_line, start_xvfb, wait_for
from conftest import need


@dataclass(frozen=True)
class Seen:
    at: float
    summary: str
    body: str
    urgency: int


class NotifyMonitor:
    """Every org.freedesktop.Notifications.Notify call on the bus, with its arrival time (BecomeMonitor)."""

    def __init__(self, address: str) -> None:
        from jeepney import DBusAddress, MatchRule, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        self.seen: list[Seen] = []
        self.conn = open_dbus_connection(bus=address)
        rule = MatchRule(type="method_call", interface="org.freedesktop.Notifications", member="Notify")
        monitoring = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus.Monitoring")
        self.conn.send_and_get_reply(new_method_call(monitoring, "BecomeMonitor", "asu", ([rule.serialise()], 0)), timeout=5)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                msg = self.conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except (OSError, EOFError):
                return
            if msg.header.fields.get(3) == "Notify":  # 3: the member header field
                _app, _id, _icon, summary, body, _actions, hints, _timeout = msg.body
                self.seen.append(Seen(time.time(), summary, body, int(hints.get("urgency", ("y", 1))[1])))

    def with_body(self, text: str) -> list[Seen]:
        return [s for s in self.seen if text in s.body]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.conn.close()


@dataclass
class Session:
    root: Path
    bus: str = ""
    display: str = ""
    pulse: str = ""
    monitor: NotifyMonitor | None = None
    procs: list[subprocess.Popen] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        out = {"DBUS_SESSION_BUS_ADDRESS": self.bus, "DISPLAY": self.display, "XDG_RUNTIME_DIR": str(self.root / "run")}
        if self.pulse:
            out["PULSE_SERVER"] = self.pulse
        return out

    def _spawn(self, args: list[str], **kw) -> subprocess.Popen:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, env={**os.environ, **self.env()}, **kw)
        self.procs.append(proc)
        return proc

    def start_bus(self) -> Session:
        (self.root / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
        bus = self._spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
        self.bus = _read_line(bus, 10, "dbus-daemon")
        return self

    def start_notifications(self) -> Session:
        """Xvfb for dunst to draw on, dunst as the bus's notification service, and the monitor."""
        xvfb, self.display = start_xvfb("800x600x24")
        self.procs.append(xvfb)
        config = self.root / "dunstrc"
        config.write_text("[global]\n    timeout = 2\n")
        self._spawn(["dunst", "-config", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        from kayas.backends import notify

        os.environ["DBUS_SESSION_BUS_ADDRESS"] = self.bus  # the fixture restores it
        wait_for(lambda: _quiet(notify.service_owner), 10, "dunst on the session bus")
        self.monitor = NotifyMonitor(self.bus)
        return self

    def start_pulse(self) -> Session:
        """PulseAudio with only a null sink, its socket in this session's runtime folder."""
        socket = self.root / "run" / "pulse-native"
        self.pulse = f"unix:{socket}"
        self._spawn(["pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disable-shm=yes", "--use-pid-file=no",
                     "-L", "module-null-sink sink_name=kayas_null", "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1",
                     "--log-target=stderr"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = {**os.environ, **self.env()}
        wait_for(lambda: subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0, 15, "pulseaudio")
        return self

    def stop(self) -> None:
        if self.monitor:
            self.monitor.close()
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.procs.clear()


def _quiet(check):
    try:
        return check()
    except Exception:
        return None


def missing(*programs: str) -> str | None:
    """Why this session cannot be made here (a program not installed), or None."""
    for name in programs:
        if not shutil.which(name):
            return f"{name} not installed (.ci/run's apt line installs it)"
    return None


def make_session(tmp_path_factory, notifications: bool = False, pulse: bool = False):
    """Start the parts asked for; skipped with the reason where a program is absent (never in CI: .ci/run installs them)."""
    needs = ["dbus-daemon"] + (["Xvfb", "dunst"] if notifications else []) + (["pulseaudio", "pactl"] if pulse else [])
    why = missing(*needs)
    need(" and ".join(needs), why is None, why or "")
    session = Session(tmp_path_factory.mktemp("session")).start_bus()
    try:
        if notifications:
            session.start_notifications()
        if pulse:
            session.start_pulse()
    except BaseException:
        session.stop()
        raise
    return session


@pytest.fixture(scope="module")
def notify_session(tmp_path_factory):
    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    session = make_session(tmp_path_factory, notifications=True, pulse=True)
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    else:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@pytest.fixture
def on_session(notify_session, monkeypatch):
    """This test runs (and starts its scheduler) inside the session; its scheduler is killed afterwards."""
    for key, value in notify_session.env().items():
        monkeypatch.setenv(key, value)
    yield notify_session
    kill_scheduler()


def kill_scheduler() -> int | None:
    """Kill this KAYAS_HOME's scheduler (SIGKILL: no goodbye), return its pid."""
    import signal

    from kayas.backends import scheduler

    pid = scheduler.running_pid()
    if pid:
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: scheduler.running_pid() is None, 5, "the scheduler to die")
    return pid
