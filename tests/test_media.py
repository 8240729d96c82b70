"""media.control against real mpv players with their MPRIS plugin, on a private session bus, playing into a null sink.

The state is read back independently, with plain D-Bus property reads (PlaybackStatus, the
title mpv gives the track). Windows' media keys (kayas.backends.media_keys) are not tested here.
"""
from __future__ import annotations

import math
import os
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from apps.desktop import wait_for
from apps.session import make_session, missing
from conftest import need
from kayas.errors import KayasError
from kayas.tools import media

MPRIS = "/usr/lib/mpv-mpris/mpris.so"


def _tone(path: Path, hz: int, seconds: float = 30.0) -> Path:
    rate = 8000
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * hz * n / rate))) for n in range(int(rate * seconds))))
    return path


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    why = missing("mpv") or (None if Path(MPRIS).exists() else "mpv-mpris not installed (.ci/run's apt line installs it)")
    need("mpv with its MPRIS plugin", why is None, why or "")
    session = make_session(tmp_path_factory, pulse=True)
    folder = tmp_path_factory.mktemp("tracks")
    session.tracks = [_tone(folder / "track-a.wav", 440), _tone(folder / "track-b.wav", 660)]  # type: ignore[attr-defined]
    yield session
    session.stop()


@pytest.fixture
def on_bus(sound, monkeypatch):
    for key, value in sound.env().items():
        monkeypatch.setenv(key, value)
    procs: list[subprocess.Popen] = []
    yield sound, procs
    for p in procs:
        p.terminate()
        p.wait(5)


def _names() -> list[str]:
    from kayas.backends import mpris

    bus = mpris.Bus()
    try:
        return [n for n in bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")[0]
                if n.startswith(mpris.PREFIX)]
    finally:
        bus.close()


def _read(name: str) -> tuple[str, str]:
    """(PlaybackStatus, title) of one player, read with plain property Gets."""
    from jeepney import DBusAddress, Properties
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus="SESSION") as conn:
        props = Properties(DBusAddress("/org/mpris/MediaPlayer2", bus_name=name, interface="org.mpris.MediaPlayer2.Player"))
        status = conn.send_and_get_reply(props.get("PlaybackStatus"), timeout=5).body[0][1]
        meta = conn.send_and_get_reply(props.get("Metadata"), timeout=5).body[0][1]
    return status, str(meta.get("xesam:title", ("s", ""))[1])


def _mpv(sound, procs, *extra: str) -> str:
    """Start mpv on both tracks with its MPRIS plugin; its bus name once it is on the bus."""
    before = set(_names())
    procs.append(subprocess.Popen(["mpv", "--no-config", f"--script={MPRIS}", "--no-video", "--ao=pulse", "--no-terminal",
                                   *extra, *map(str, sound.tracks)], env={**os.environ, **sound.env()}))
    new = wait_for(lambda: set(_names()) - before, 20, "mpv on the session bus")
    name = new.pop()
    wait_for(lambda: _read(name)[1], 10, "mpv to load the first track")
    return name


def test_pause_play_next_previous(on_bus):
    sound, procs = on_bus
    name = _mpv(sound, procs)
    wait_for(lambda: _read(name)[0] == "Playing", 10, "playing")
    assert _read(name) == ("Playing", "track-a.wav")
    r = media.control("pause")
    assert (r["status"], r["before"]) == ("Paused", "Playing")
    assert _read(name)[0] == "Paused"
    assert media.control("play")["status"] == "Playing"
    assert _read(name)[0] == "Playing"
    r = media.control("next")
    assert r["title"] == "track-b.wav"
    assert _read(name) == ("Playing", "track-b.wav")
    media.control("previous")
    wait_for(lambda: _read(name)[1] == "track-a.wav", 5, "the previous track")


def test_the_playing_one_is_controlled_then_the_last_active(on_bus):
    sound, procs = on_bus
    idle = _mpv(sound, procs, "--pause")
    playing = _mpv(sound, procs)
    wait_for(lambda: _read(playing)[0] == "Playing", 10, "the second player playing")
    assert _read(idle)[0] == "Paused"
    media.control("next")
    assert _read(playing) == ("Playing", "track-b.wav")
    assert _read(idle) == ("Paused", "track-a.wav")
    media.control("pause")
    assert _read(playing)[0] == "Paused"
    media.control("play")  # nothing plays now: the one Kayas last controlled, not the other paused one
    assert _read(playing)[0] == "Playing" and _read(idle)[0] == "Paused"


def test_through_kayas_do(on_bus):
    sound, procs = on_bus
    name = _mpv(sound, procs)
    wait_for(lambda: _read(name)[0] == "Playing", 10, "playing")
    done = subprocess.run([sys.executable, "-m", "kayas.cli.main", "do", '[{"tool": "media.control", "args": {"action": "pause"}}]', "--yes"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is paused: track-a.wav" in done.stdout
    assert _read(name)[0] == "Paused"


def test_no_player_is_one_line(on_bus):
    with pytest.raises(KayasError, match=r"^no media player is running \(none offers MPRIS on the session bus\)$"):
        media.control("next")


def test_no_bus_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    with pytest.raises(KayasError, match=r"^no media players: cannot reach the D-Bus session bus"):
        media.control("pause")
