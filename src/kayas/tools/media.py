"""Whatever player is playing: play, pause, next, previous (MPRIS on Linux, media keys on Windows)."""
from __future__ import annotations

from typing import Literal

from kayas.errors import KayasError
from kayas.registry import tool
from kayas.tools import phrasing


@tool(phrase=lambda a: phrasing.MEDIA[a["action"]])
def control(action: Literal["play", "pause", "next", "previous"]) -> dict:
    """Control whatever media player is playing.

    Args:
        action: play, pause, next or previous.
    """
    raise KayasError("media.control is not built yet")
