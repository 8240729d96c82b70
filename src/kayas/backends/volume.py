"""The output volume of the default sink, through pactl (PulseAudio, or PipeWire's pipewire-pulse) or wpctl (PipeWire).

Every change is noted in the journal with the volume before it, so `kayas undo` sets it back.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from kayas.errors import KayasError


@dataclass(frozen=True)
class Level:
    percent: int
    muted: bool


def tool_name() -> str | None:
    """pactl where present (it speaks to PulseAudio and to pipewire-pulse), else wpctl, else None."""
    for name in ("pactl", "wpctl"):
        if shutil.which(name):
            return name
    return None


def _run(*args: str) -> str:
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise KayasError(f"{args[0]} did not run: {exc}") from None
    if done.returncode:
        why = (done.stderr or done.stdout).strip().splitlines()
        raise KayasError(f"{args[0]} failed: {why[0] if why else f'exit code {done.returncode}'} (is a sound server running?)")
    return done.stdout


def _backend() -> str:
    name = tool_name()
    if name is None:
        raise KayasError("no sound server tool: install pactl (pulseaudio-utils) or wpctl (wireplumber)")
    return name


def get() -> Level:
    """The default sink's volume (the loudest channel) and whether it is muted."""
    if _backend() == "pactl":
        volumes = [int(p) for p in re.findall(r"(\d+)%", _run("pactl", "get-sink-volume", "@DEFAULT_SINK@"))]
        muted = _run("pactl", "get-sink-mute", "@DEFAULT_SINK@").split(":")[-1].strip() == "yes"
        if not volumes:
            raise KayasError("pactl gave no volume for the default sink")
        return Level(max(volumes), muted)
    out = _run("wpctl", "get-volume", "@DEFAULT_AUDIO_SINK@")  # "Volume: 0.50 [MUTED]"
    found = re.search(r"Volume:\s*([\d.]+)", out)
    if not found:
        raise KayasError(f"wpctl gave no volume: {out.strip()}")
    return Level(round(float(found.group(1)) * 100), "MUTED" in out)


def set_percent(percent: int) -> None:
    if _backend() == "pactl":
        _run("pactl", "set-sink-volume", "@DEFAULT_SINK@", f"{percent}%")
    else:
        _run("wpctl", "set-volume", "@DEFAULT_AUDIO_SINK@", f"{percent / 100:.2f}")


def set_mute(on: bool) -> None:
    if _backend() == "pactl":
        _run("pactl", "set-sink-mute", "@DEFAULT_SINK@", "1" if on else "0")
    else:
        _run("wpctl", "set-mute", "@DEFAULT_AUDIO_SINK@", "1" if on else "0")


def undo_change(detail: dict) -> str:
    """Put back the volume and mute state recorded before a change (called by the journal)."""
    now = get()
    if (now.percent, now.muted) != (detail["after"], detail["muted_after"]):
        raise KayasError(f"the volume was changed since (now {now.percent} %{', muted' if now.muted else ''}); left as it is")
    set_percent(int(detail["before"]))
    set_mute(bool(detail["muted_before"]))
    return f"set the volume back to {detail['before']} %" + (" (muted)" if detail["muted_before"] else "")
