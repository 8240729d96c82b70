"""The output volume of the sound server (PipeWire/PulseAudio on Linux)."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool


@tool
def set_volume(percent: int) -> dict:
    """Set the output volume.

    Args:
        percent: The volume in percent, 0 to 100.
    """
    raise KayasError("system.set_volume is not built yet")


@tool
def change_volume(by: int) -> dict:
    """Turn the output volume up (positive) or down (negative).

    Args:
        by: Percentage points to change the volume by, -100 to 100.
    """
    raise KayasError("system.change_volume is not built yet")


@tool
def mute(on: bool = True) -> dict:
    """Mute (or, with false, unmute) the output.

    Args:
        on: True to mute, false to unmute.
    """
    raise KayasError("system.mute is not built yet")
