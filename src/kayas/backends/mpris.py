"""Media players over MPRIS (org.mpris.MediaPlayer2.* on the session bus), spoken to with jeepney.

The player to control is the one that is playing, else the last one Kayas saw playing or
controlled (remembered in KAYAS_HOME/media-last), else a paused one, else any.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

from kayas.errors import KayasError
from kayas.settings import kayas_home

PREFIX = "org.mpris.MediaPlayer2."
ROOT, PLAYER = "org.mpris.MediaPlayer2", "org.mpris.MediaPlayer2.Player"
PATH = "/org/mpris/MediaPlayer2"
METHODS = {"play": "Play", "pause": "Pause", "next": "Next", "previous": "Previous"}


@dataclass(frozen=True)
class Player:
    bus_name: str
    identity: str
    status: str  # Playing, Paused or Stopped
    title: str
    track: str  # mpris:trackid, or the title where a player gives none

    def as_dict(self) -> dict[str, Any]:
        return {"player": self.identity, "status": self.status, "title": self.title}


class Bus:
    """One session-bus connection for a few calls."""

    def __init__(self) -> None:
        from jeepney.io.blocking import open_dbus_connection

        try:
            self.conn = open_dbus_connection(bus="SESSION")
        except (OSError, KeyError) as exc:
            from kayas.backends.notify import bus_problem

            raise KayasError(f"no media players: cannot reach the D-Bus session bus ({bus_problem(exc)})") from None

    def call(self, bus_name: str, path: str, interface: str, method: str, signature: str | None = None, body: tuple = ()) -> tuple:
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        msg = new_method_call(DBusAddress(path, bus_name=bus_name, interface=interface), method, signature, body)
        try:
            return tuple(unwrap_msg(self.conn.send_and_get_reply(msg, timeout=5)))
        except DBusErrorResponse as exc:
            raise KayasError(f"{bus_name} refused {method}: {exc.name}") from None
        except TimeoutError:
            raise KayasError(f"{bus_name} did not answer {method} within 5 s") from None

    def prop(self, bus_name: str, interface: str, name: str) -> Any:
        return self.call(bus_name, PATH, "org.freedesktop.DBus.Properties", "Get", "ss", (interface, name))[0][1]

    def close(self) -> None:
        self.conn.close()


def _player(bus: Bus, name: str) -> Player:
    identity = name[len(PREFIX):]
    with contextlib.suppress(KayasError):
        identity = bus.prop(name, ROOT, "Identity")
    status, meta = "Stopped", {}
    with contextlib.suppress(KayasError):
        status = bus.prop(name, PLAYER, "PlaybackStatus")
    with contextlib.suppress(KayasError):
        meta = bus.prop(name, PLAYER, "Metadata")
    title = str(meta.get("xesam:title", ("s", ""))[1])
    track = str(meta.get("mpris:trackid", ("o", title))[1])
    return Player(name, identity, status, title, track)


def players(bus: Bus) -> list[Player]:
    names = bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")[0]
    return [_player(bus, n) for n in sorted(names) if n.startswith(PREFIX)]


def _remembered() -> str:
    with contextlib.suppress(OSError):
        return (kayas_home() / "media-last").read_text().strip()
    return ""


def choose(found: list[Player]) -> list[Player]:
    """The players an action goes to, best first: the playing ones, else the last active one."""
    playing = [p for p in found if p.status == "Playing"]
    if playing:
        return playing
    last = _remembered()
    rank = {"Paused": 1, "Stopped": 2}
    return sorted(found, key=lambda p: (p.bus_name != last, rank.get(p.status, 3)))


def control(action: str) -> dict[str, Any]:
    """Play, pause, next or previous on the chosen player; its state read back afterwards."""
    if action not in METHODS:
        raise KayasError(f"the media action is play, pause, next or previous, got {action!r}")
    bus = Bus()
    try:
        found = players(bus)
        if not found:
            raise KayasError("no media player is running (none offers MPRIS on the session bus)")
        ranked = choose(found)
        targets = [p for p in ranked if p.status == "Playing"] if action == "pause" else ranked[:1]
        if not targets:  # pause with nothing playing: nothing to do, and no error
            return {**ranked[0].as_dict(), "action": action, "note": "nothing was playing"}
        for p in targets:
            bus.call(p.bus_name, PATH, PLAYER, METHODS[action])
        (kayas_home() / "media-last").write_text(targets[0].bus_name)
        after = _settled(bus, targets[0], action)
    finally:
        bus.close()
    return {**after.as_dict(), "action": action, "before": targets[0].status, "players": len(targets)}


def _settled(bus: Bus, before: Player, action: str, wait_s: float = 2.0) -> Player:
    """The player's state once it reflects the action (players update their properties a moment later)."""
    deadline = time.monotonic() + wait_s
    while True:
        now = _player(bus, before.bus_name)
        done = {"play": now.status == "Playing", "pause": now.status != "Playing",
                "next": now.track != before.track, "previous": True}[action]
        if done or time.monotonic() > deadline:
            return now
        time.sleep(0.05)
