"""A throwaway desktop for the Eyes tests: Xvfb, a D-Bus session bus, and the GTK test app.

Each desktop gets its own display (Xvfb picks a free one) and so its own accessibility bus,
so runs side by side do not see each other. The GTK 3 bridge starts the accessibility bus by
itself through the session bus; NO_AT_BRIDGE must not be set.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import need

APP = Path(__file__).with_name("gtk_app.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-gi imports only here
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def start_xvfb(screen: str) -> tuple[subprocess.Popen, str]:
    """A virtual display on a free number (Xvfb picks it and writes it back): the process and ":N"."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    if display == ":":
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, display


def missing() -> str | None:
    """Why a real desktop cannot be made here, or None."""
    for binary in ("Xvfb", "dbus-daemon"):
        if not shutil.which(binary):
            return f"{binary} not installed (apt-get install xvfb dbus at-spi2-core python3-gi gir1.2-gtk-3.0)"
    if not Path(LAUNCHER).exists():
        return "at-spi2-core not installed (apt-get install at-spi2-core)"
    probe = "import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True).returncode:
        return "GTK 3 for /usr/bin/python3 not installed (apt-get install python3-gi gir1.2-gtk-3.0)"
    return None


def _read_line(proc: subprocess.Popen, timeout: float, what: str) -> str:
    """The process's next stdout line, or an error naming ``what`` after ``timeout``."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    if not sel.select(timeout):
        raise RuntimeError(f"{what} did not start within {timeout}s")
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"{what} exited: {proc.stderr.read() if proc.stderr else ''}")
    return line.strip()


@dataclass
class Desktop:
    display: str = ""
    bus: str = ""
    procs: list[subprocess.Popen] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_AT_BRIDGE", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.bus, GDK_BACKEND="x11")
        return env

    def start(self) -> Desktop:
        xvfb, self.display = start_xvfb("1024x768x24")
        self.procs.append(xvfb)
        env = dict(os.environ, DISPLAY=self.display)
        env.pop("NO_AT_BRIDGE", None)
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self.procs.append(bus)
        self.bus = _read_line(bus, 10, "dbus-daemon")
        return self

    def start_app(self, title: str = "Kayas Test App", timeout: float = 20, *args: str) -> subprocess.Popen:
        """Start the GTK test app; it prints "ready" once its window is shown ("started" first with --show-after)."""
        app = subprocess.Popen([SYSTEM_PYTHON, str(APP), "--title", title, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=self.env())
        self.procs.append(app)
        _read_line(app, timeout, "the GTK test app")
        return app

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.procs.clear()


def wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    """Poll until ``predicate()`` is truthy; its value, or an AssertionError naming ``what``."""
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return result


# Fixtures; a test module imports the ones it uses.
TITLE = "Kayas Test App"


@pytest.fixture(scope="module")
def desktop():
    """Xvfb + a session bus, once per module; where the packages are absent, `need` skips or fails naming them."""
    why = missing()
    need("a test desktop", why is None, why or "")
    desk = Desktop().start()
    yield desk
    desk.stop()


@pytest.fixture
def on_desktop(desktop, monkeypatch):
    """This test's environment points at the test desktop; the Eyes backend is made afresh."""
    from kayas.eyes import reset_backend

    for key in ("NO_AT_BRIDGE", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DISPLAY", desktop.display)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.bus)
    reset_backend()
    yield desktop
    reset_backend()


@pytest.fixture
def gtk_app(on_desktop):
    """The GTK test app, its window listed on the accessibility bus; stopped afterwards."""
    from kayas.eyes import make_backend

    proc = on_desktop.start_app(TITLE)
    wait_for(lambda: any(w.title == TITLE for w in make_backend().windows()), 20, "the test window on AT-SPI")
    yield proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(5)
