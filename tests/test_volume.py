"""system.set_volume / change_volume / mute against a real PulseAudio with a null sink, read back with pactl."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from apps.session import make_session
from conftest import need
from kayas.backends import volume
from kayas.errors import KayasError
from kayas.tools import system


@pytest.fixture(scope="module")
def pulse(tmp_path_factory):
    session = make_session(tmp_path_factory, pulse=True)
    yield session
    session.stop()


@pytest.fixture
def sink(pulse, monkeypatch):
    """The session's sink at 50 %, unmuted, before each test."""
    monkeypatch.setenv("PULSE_SERVER", pulse.pulse)
    _pactl("set-sink-volume", "@DEFAULT_SINK@", "50%")
    _pactl("set-sink-mute", "@DEFAULT_SINK@", "0")
    return pulse


def _pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=True, env=os.environ).stdout


def _read_back() -> tuple[int, bool]:
    levels = {int(p) for p in re.findall(r"(\d+)%", _pactl("get-sink-volume", "@DEFAULT_SINK@"))}
    assert len(levels) == 1, levels  # both channels alike
    return levels.pop(), _pactl("get-sink-mute", "@DEFAULT_SINK@").strip() == "Mute: yes"


def _kayas(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kayas.cli.main", *args], capture_output=True, text=True, timeout=120)


def test_set_volume_reads_back(sink):
    result = system.set_volume(35)
    assert result == {"percent": 35, "muted": False, "before": 50, "muted_before": False}
    assert _read_back() == (35, False)


def test_change_volume_up_down_and_clamped(sink):
    assert system.change_volume(15)["percent"] == 65
    assert system.change_volume(-40)["percent"] == 25
    assert system.change_volume(-100)["percent"] == 0
    assert _read_back() == (0, False)
    assert system.change_volume(100)["percent"] == 100
    assert _read_back() == (100, False)


def test_mute_and_unmute(sink):
    assert system.mute()["muted"] is True
    assert _read_back() == (50, True)
    assert system.mute(on=False)["muted"] is False
    assert _read_back() == (50, False)


@pytest.mark.parametrize("call, message", [
    (lambda: system.set_volume(101), "the volume is 0 to 100 percent, got 101"),
    (lambda: system.set_volume(-1), "the volume is 0 to 100 percent, got -1"),
    (lambda: system.change_volume(-101), "the volume changes by -100 to 100 points, got -101"),
])
def test_out_of_range_is_one_line_and_changes_nothing(sink, call, message):
    with pytest.raises(KayasError) as err:
        call()
    assert str(err.value) == message
    assert _read_back() == (50, False)


def test_through_kayas_do_and_undo(sink):
    done = _kayas("do", '[{"tool": "system.change_volume", "args": {"by": 20}}, {"tool": "system.mute", "args": {}}]', "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "volume 70 %, was 50 %" in done.stdout
    assert _read_back() == (70, True)
    listed = json.loads(_kayas("undo", "--list", "--json").stdout)
    assert [c["kind"] for c in listed[0]["changes"]] == ["volume", "volume"]
    undone = _kayas("undo")
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert _read_back() == (50, False)
    assert "set the volume back to 50 %" in undone.stdout


def test_undo_leaves_a_volume_changed_since(sink):
    assert _kayas("do", '[{"tool": "system.set_volume", "args": {"percent": 80}}]', "--yes").returncode == 0
    _pactl("set-sink-volume", "@DEFAULT_SINK@", "20%")  # someone else turned it down meanwhile
    undone = _kayas("undo")
    assert undone.returncode == 1
    assert "changed since" in undone.stdout
    assert _read_back() == (20, False)


def test_wrong_type_is_refused_by_the_plan(sink):
    done = _kayas("do", '[{"tool": "system.set_volume", "args": {"percent": "loud"}}]', "--yes")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_no_sound_server_is_one_line(monkeypatch, tmp_path):
    need("pactl or wpctl", volume.tool_name() is not None, "apt-get install pulseaudio-utils")
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/nothing-here")
    with pytest.raises(KayasError, match=r"^pactl failed: .*\(is a sound server running\?\)$"):
        system.set_volume(30)
