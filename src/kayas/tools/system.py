"""The output volume of the sound server (PipeWire/PulseAudio on Linux)."""
from __future__ import annotations

from kayas.backends import journal, volume
from kayas.errors import KayasError
from kayas.registry import tool
from kayas.tools import phrasing


def _change(to_percent: int | None = None, mute: bool | None = None) -> dict:
    """Apply one change, note the level before it for undo, and return the level read back."""
    before = volume.get()
    if to_percent is not None:
        volume.set_percent(to_percent)
    if mute is not None:
        volume.set_mute(mute)
    after = volume.get()
    journal.record("volume", f"volume {before.percent} %{' muted' if before.muted else ''} -> {after.percent} %"
                   f"{' muted' if after.muted else ''}", before=before.percent, muted_before=before.muted,
                   after=after.percent, muted_after=after.muted, backend=volume.tool_name())
    return {"percent": after.percent, "muted": after.muted, "before": before.percent, "muted_before": before.muted}


def _level(args: dict, r: dict) -> str:
    return f"volume {r['percent']} %" + (" (muted)" if r["muted"] else "") + f", was {r['before']} %"


@tool(summary=_level, phrase="set the volume to {percent}%")
def set_volume(percent: int) -> dict:
    """Set the output volume.

    Args:
        percent: The volume in percent, 0 to 100.
    """
    if not 0 <= percent <= 100:
        raise KayasError(f"the volume is 0 to 100 percent, got {percent}")
    return _change(to_percent=percent)


@tool(summary=_level, phrase=lambda a: phrasing.volume_change(a))
def change_volume(by: int) -> dict:
    """Turn the output volume up (positive) or down (negative).

    Args:
        by: Percentage points to change the volume by, -100 to 100.
    """
    if not -100 <= by <= 100:
        raise KayasError(f"the volume changes by -100 to 100 points, got {by}")
    return _change(to_percent=min(100, max(0, volume.get().percent + by)))


@tool(summary=lambda args, r: ("muted the output" if r["muted"] else "unmuted the output") + f" (volume {r['percent']} %)", phrase=lambda a: "mute the sound" if a.get("on", True) else "unmute the sound")
def mute(on: bool = True) -> dict:
    """Mute (or, with false, unmute) the output.

    Args:
        on: True to mute, false to unmute.
    """
    return _change(mute=on)
