"""Whatever player is playing: play, pause, next, previous (MPRIS on Linux, media keys on Windows)."""
from __future__ import annotations

import sys
from typing import Literal

from kayas.registry import tool
from kayas.tools import phrasing


def _said(args: dict, r: dict) -> str:
    if r.get("note"):
        return f"{r['note']} ({r['player']} is {r['status'].lower()})"
    if r.get("key"):
        return f"pressed the {r['key']} media key"
    title = f": {r['title']}" if r.get("title") else ""
    return f"{r['player']} is {r['status'].lower()}{title}"


@tool(summary=_said, phrase=lambda a: phrasing.MEDIA[a["action"]])
def control(action: Literal["play", "pause", "next", "previous"]) -> dict:
    """Control whatever media player is playing.

    Args:
        action: play, pause, next or previous.
    """
    if sys.platform == "win32":
        from kayas.backends import media_keys

        return media_keys.press(action)
    from kayas.backends import mpris

    return mpris.control(action)
