"""Reminders that notify with their text at a time, kept by the resident scheduler."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool


@tool(phrase="remind you '{text}' {when}")
def add(text: str, when: str) -> dict:
    """Notify with a text at a time.

    Args:
        text: What to be reminded of, e.g. call mum.
        when: The time, as the user said it, e.g. in 20 minutes.
    """
    raise KayasError("reminder.add is not built yet")


@tool(name="reminder.list", read_only=True, phrase="list the pending timers, alarms and reminders")
def list_pending() -> dict:
    """The pending timers, alarms and reminders."""
    raise KayasError("reminder.list is not built yet")


@tool(phrase="cancel the reminders matching '{text}'")
def cancel(text: str) -> dict:
    """Cancel the pending timers, alarms and reminders whose label or text matches.

    Args:
        text: Words of the label or text to match.
    """
    raise KayasError("reminder.cancel is not built yet")
