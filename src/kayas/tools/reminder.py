"""Reminders that notify with their text at a time, kept by the resident scheduler."""
from __future__ import annotations

import math
from datetime import datetime

from kayas.backends import journal, schedule_store, scheduler
from kayas.backends.schedule_store import Kind
from kayas.backends.when import parse_when
from kayas.errors import KayasError
from kayas.registry import TextOut, tool


def schedule(kind: Kind, text: str, said: str, due: datetime) -> dict:
    """Store one entry, note it for undo, make sure the scheduler knows; what the tool returns."""
    entry = schedule_store.add(kind, text, said, due)
    journal.record("schedule", f"set {entry.describe()}", action="add", ids=[entry.id], what=entry.describe())
    listening = scheduler.wake()
    return {**entry.as_dict(), "in": _until(due), "scheduler": "running" if listening else "started"}


def _until(due: datetime) -> str:
    seconds = max(0, math.ceil((due - datetime.now().astimezone()).total_seconds()))  # 9.7 s left still reads 10 s
    parts = [(seconds // 86400, "d"), (seconds % 86400 // 3600, "h"), (seconds % 3600 // 60, "min"), (seconds % 60, "s")]
    return " ".join(f"{n} {unit}" for n, unit in parts if n) or "now"


def _when(result: dict) -> str:
    return f"{datetime.fromisoformat(result['due']):%a %d %b %H:%M:%S} (in {result['in']})"


def describe_pending(rows: list) -> str:
    """The pending entries (as reminder.list returns them) as lines for a person."""
    if not rows:
        return "nothing is pending: no timers, alarms or reminders"
    lines = [f"{len(rows)} pending:"]
    for r in rows:
        what = r["text"] or f"({r['said']})"  # an alarm or timer without a label: the time as it was said
        lines.append(f"  {datetime.fromisoformat(r['due']):%a %d %b %H:%M:%S}  {r['kind']:<8} {what}")
    return "\n".join(lines)


@tool(summary=lambda args, r: f"I'll remind you to {r['text']} at {_when(r)}", phrase="remind you '{text}' {when}")
def add(text: str, when: str) -> dict:
    """Notify with a text at a time.

    Args:
        text: What to be reminded of, e.g. call mum.
        when: The time, as the user said it, e.g. in 20 minutes.
    """
    if not text.strip():
        raise KayasError("What should I remind you of? The reminder has no text")
    return schedule("reminder", text.strip(), when, parse_when(when, "When should I remind you?"))


@tool(name="reminder.list", read_only=True, summary=lambda args, rows: describe_pending(rows), phrase="list the pending timers, alarms and reminders",
      text=TextOut(describe_pending, "the pending timers, alarms and reminders"))
def list_pending() -> list:
    """The pending timers, alarms and reminders."""
    if schedule_store.pending() and scheduler.running_pid() is None:
        scheduler.start()  # pending entries need a scheduler; one due meanwhile fires now, marked late
    return [e.as_dict() for e in schedule_store.pending()]


@tool(summary=lambda args, r: f"cancelled {len(r)}: " + "; ".join(f"{e['kind']} '{e['text']}'" for e in r), phrase="cancel the reminders matching '{text}'")
def cancel(text: str) -> list:
    """Cancel the pending timers, alarms and reminders whose label or text matches.

    Args:
        text: Words of the label or text to match.
    """
    gone = schedule_store.cancel(text)
    what = ", ".join(e.describe() for e in gone)
    journal.record("schedule", f"cancelled {what}", action="cancel", ids=[e.id for e in gone], what=what)
    return [e.as_dict() for e in gone]

