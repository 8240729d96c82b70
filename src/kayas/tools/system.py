"""The output volume of the sound server (PipeWire/PulseAudio on Linux)."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool
from kayas.tools import phrasing


@tool(phrase="set the volume to {percent}%")
def set_volume(percent: int) -> dict:
    """Set the output volume.

    Args:
        percent: The volume in percent, 0 to 100.
    """
    raise KayasError("system.set_volume is not built yet")


@tool(phrase=lambda a: phrasing.volume_change(a))
def change_volume(by: int) -> dict:
    """Turn the output volume up (positive) or down (negative).

    Args:
        by: Percentage points to change the volume by, -100 to 100.
    """
    raise KayasError("system.change_volume is not built yet")


@tool(phrase=lambda a: "mute the sound" if a.get("on", True) else "unmute the sound")
def mute(on: bool = True) -> dict:
    """Mute (or, with false, unmute) the output.

    Args:
        on: True to mute, false to unmute.
    """
    raise KayasError("system.mute is not built yet")
