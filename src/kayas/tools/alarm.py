"""Alarms that ring at a time, kept by the resident scheduler."""
from __future__ import annotations

from datetime import datetime

from kayas.backends.when import parse_when
from kayas.registry import tool
from kayas.tools.reminder import schedule


def _set(args: dict, r: dict) -> str:
    label = f" ({r['text']})" if r["text"] else ""
    return f"alarm{label} set for {datetime.fromisoformat(r['due']):%a %d %b %H:%M} (in {r['in']})"


@tool(name="alarm.set", summary=_set, phrase=lambda a: f"set an alarm for {a['when']}" + (f" ({a['label']})" if a.get("label") else ""))
def set_alarm(when: str, label: str = "") -> dict:
    """Set an alarm that rings at a time.

    Args:
        when: The time, as the user said it, e.g. 7am tomorrow.
        label: What the alarm is for.
    """
    return schedule("alarm", label.strip(), when, parse_when(when, "When should the alarm ring?"))
