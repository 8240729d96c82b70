"""Countdowns that notify when they end, kept by the resident scheduler."""
from __future__ import annotations

from datetime import datetime

from kayas.backends.when import parse_duration
from kayas.registry import tool
from kayas.tools.reminder import schedule


def _started(args: dict, r: dict) -> str:
    label = f" for {r['text']}" if r["text"] else ""
    return f"timer{label} set: {r['in']}, ends at {datetime.fromisoformat(r['due']):%H:%M:%S}"


@tool(summary=_started, phrase=lambda a: f"start a {a['duration']} timer" + (f" for {a['label']}" if a.get("label") else ""))
def start(duration: str, label: str = "") -> dict:
    """Start a countdown that notifies when it ends.

    Args:
        duration: How long, as the user said it, e.g. 10 minutes.
        label: What the timer is for, e.g. pasta.
    """
    length = parse_duration(duration, "How long should the timer run?")
    return schedule("timer", label.strip(), duration, datetime.now().astimezone() + length)
