"""Alarms that ring at a time, kept by the resident scheduler."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool


@tool(name="alarm.set", phrase=lambda a: f"set an alarm for {a['when']}" + (f" ({a['label']})" if a.get("label") else ""))
def set_alarm(when: str, label: str = "") -> dict:
    """Set an alarm that rings at a time.

    Args:
        when: The time, as the user said it, e.g. 7am tomorrow.
        label: What the alarm is for.
    """
    raise KayasError("alarm.set is not built yet")
