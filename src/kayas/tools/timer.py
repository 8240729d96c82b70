"""Countdowns that notify when they end, kept by the resident scheduler."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool


@tool(phrase=lambda a: f"start a {a['duration']} timer" + (f" for {a['label']}" if a.get("label") else ""))
def start(duration: str, label: str = "") -> dict:
    """Start a countdown that notifies when it ends.

    Args:
        duration: How long, as the user said it, e.g. 10 minutes.
        label: What the timer is for, e.g. pasta.
    """
    raise KayasError("timer.start is not built yet")
