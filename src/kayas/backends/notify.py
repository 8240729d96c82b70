"""Desktop notifications (org.freedesktop.Notifications on the session bus) and the alarm's ring."""
from __future__ import annotations

import contextlib
import math
import shutil
import struct
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kayas.errors import KayasError

BUS_NAME = "org.freedesktop.Notifications"
URGENCY = {"low": 0, "normal": 1, "critical": 2}


@contextlib.contextmanager
def connection() -> Iterator[Any]:
    """One session-bus connection, for several notifications in a row (the scheduler's batches)."""
    from jeepney.io.blocking import open_dbus_connection

    try:
        conn = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError) as exc:
        raise KayasError(f"no notification: cannot reach the D-Bus session bus ({bus_problem(exc)})") from None
    try:
        yield conn
    finally:
        conn.close()


def notify(summary: str, body: str, urgency: str = "normal", timeout_ms: int = -1, conn: Any = None) -> int:
    """Show a notification (on ``conn``, else on a connection of its own); its id. Failures are one-line KayasErrors."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    if conn is None:
        with connection() as own:
            return notify(summary, body, urgency, timeout_ms, own)
    address = DBusAddress("/org/freedesktop/Notifications", bus_name=BUS_NAME, interface=BUS_NAME)
    hints = {"urgency": ("y", URGENCY[urgency]), "category": ("s", "x-kayas.reminder")}
    call = new_method_call(address, "Notify", "susssasa{sv}i", ("Kayas", 0, "", summary, body, [], hints, timeout_ms))
    try:
        return int(unwrap_msg(conn.send_and_get_reply(call, timeout=10))[0])
    except DBusErrorResponse as exc:
        raise KayasError(f"the notification service refused: {exc.name}: {' '.join(map(str, exc.data))}") from None
    except TimeoutError:
        raise KayasError("the notification service did not answer within 10 s") from None
    except OSError as exc:
        raise KayasError(f"no notification: the session bus connection broke ({exc})") from None


def bus_problem(exc: Exception) -> str:
    """Why opening the session bus failed, in words (jeepney raises KeyError where the address is unset)."""
    return "DBUS_SESSION_BUS_ADDRESS is unset" if isinstance(exc, KeyError) else str(exc)


def service_owner() -> str | None:
    """Who serves notifications on the session bus (None: no one), for `kayas doctor`."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    dbus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    with open_dbus_connection(bus="SESSION") as conn:
        try:
            unwrap_msg(conn.send_and_get_reply(new_method_call(dbus, "GetNameOwner", "s", (BUS_NAME,)), timeout=5))
        except DBusErrorResponse:
            activatable = unwrap_msg(conn.send_and_get_reply(new_method_call(dbus, "ListActivatableNames"), timeout=5))[0]
            return "activatable" if BUS_NAME in activatable else None
        address = DBusAddress("/org/freedesktop/Notifications", bus_name=BUS_NAME, interface=BUS_NAME)
        try:
            name, vendor, version, _ = unwrap_msg(conn.send_and_get_reply(new_method_call(address, "GetServerInformation"), timeout=5))
        except DBusErrorResponse:
            return "a service"
        return f"{name} {version} ({vendor})"


def tone_file(folder: Path) -> Path:
    """A short three-beep alarm tone (WAV), written once into ``folder``."""
    path = folder / "alarm-tone.wav"
    if path.is_file():
        return path
    rate, frames = 22050, bytearray()
    for beep in range(3):
        for n in range(int(rate * 0.25)):
            frames += struct.pack("<h", int(12000 * math.sin(2 * math.pi * 880 * n / rate)))
        frames += b"\0\0" * int(rate * (0.15 if beep < 2 else 0.0))
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    tmp.replace(path)
    return path


def player_command() -> list[str] | None:
    """A program that plays a WAV through the sound server: paplay, pw-play or aplay."""
    for name in ("paplay", "pw-play", "aplay"):
        if found := shutil.which(name):
            return [found]
    return None


def ring(folder: Path, times: int = 3) -> subprocess.Popen | None:
    """Play the alarm tone ``times`` times, in the background; None where no player exists."""
    command = player_command()
    if command is None:
        return None
    tone = str(tone_file(folder))
    script = "; ".join([f"{_quote(command[0])} {_quote(tone)}"] * times)
    return subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
