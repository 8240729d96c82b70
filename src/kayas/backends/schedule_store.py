"""The pending timers, alarms and reminders: one SQLite file in KAYAS_HOME, shared by every front end.

Rows are only added, cancelled or marked fired, never deleted, so a reminder survives any
restart of Kayas or of the resident scheduler (whose `undo_change` takes back an add or a
cancel for `kayas undo`).
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from kayas.errors import KayasError
from kayas.settings import kayas_home

Kind = Literal["timer", "alarm", "reminder"]
STORE_NAME = "reminders.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,            -- timer, alarm or reminder
    text TEXT NOT NULL,            -- the reminder's text, or the timer's or alarm's label
    said TEXT NOT NULL,            -- the time as the user said it
    due REAL NOT NULL,             -- epoch seconds
    created REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',   -- pending, fired, cancelled
    fired_at REAL,
    note TEXT                      -- late by how much, or why the notification failed
)
"""


@dataclass(frozen=True)
class Entry:
    id: int
    kind: Kind
    text: str
    said: str
    due: float
    created: float
    state: str
    fired_at: float | None = None
    note: str | None = None

    def describe(self) -> str:
        """"reminder 'call mum' at Mon 07 Dec 18:00" — how a person refers to it."""
        what = f"{self.kind} '{self.text}'" if self.text else f"{self.kind}"
        return f"{what} at {datetime.fromtimestamp(self.due):%a %d %b %H:%M:%S}"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text, "said": self.said,
                "due": datetime.fromtimestamp(self.due).astimezone().isoformat(timespec="seconds"),
                "state": self.state, "note": self.note}


def store_path() -> Path:
    return kayas_home() / STORE_NAME


_open = threading.local()  # one connection per thread and store: closing the last one checkpoints the WAL (slow)


@contextlib.contextmanager
def _db() -> Iterator[sqlite3.Connection]:
    """This thread's connection to the store, in a transaction."""
    path = str(store_path())
    conns: dict[str, sqlite3.Connection] = _open.__dict__.setdefault("conns", {})
    conn = conns.get(path)
    if conn is None:
        conn = sqlite3.connect(path, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")  # the scheduler reads while a front end writes
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL without an fsync per commit: a killed process loses nothing
        conn.execute(_SCHEMA)
        conns[path] = conn
    with conn:
        yield conn


_COLUMNS = "id, kind, text, said, due, created, state, fired_at, note"


def _entries(conn: sqlite3.Connection, where: str, params: tuple = ()) -> list[Entry]:
    return [Entry(*row) for row in conn.execute(f"SELECT {_COLUMNS} FROM entries WHERE {where} ORDER BY due, id", params)]


def add(kind: Kind, text: str, said: str, due: datetime) -> Entry:
    """Store one pending entry; the caller wakes the scheduler."""
    with _db() as conn:
        cur = conn.execute("INSERT INTO entries (kind, text, said, due, created) VALUES (?,?,?,?,?)",
                           (kind, text, said, due.timestamp(), time.time()))
        return _entries(conn, "id = ?", (cur.lastrowid,))[0]


def pending() -> list[Entry]:
    """What has yet to fire, soonest first."""
    with _db() as conn:
        return _entries(conn, "state = 'pending'")


def get(entry_id: int) -> Entry | None:
    with _db() as conn:
        found = _entries(conn, "id = ?", (entry_id,))
    return found[0] if found else None


def due(now: float) -> list[Entry]:
    with _db() as conn:
        return _entries(conn, "state = 'pending' AND due <= ?", (now,))


def next_due() -> float | None:
    with _db() as conn:
        row = conn.execute("SELECT MIN(due) FROM entries WHERE state = 'pending'").fetchone()
    return row[0] if row else None


def mark_fired(entry_id: int, at: float, note: str | None) -> None:
    with _db() as conn:
        conn.execute("UPDATE entries SET state = 'fired', fired_at = ?, note = ? WHERE id = ? AND state = 'pending'",
                     (at, note, entry_id))


def matching(text: str) -> list[Entry]:
    """The pending entries whose text (or label, or kind) holds every word of ``text``."""
    words = text.lower().split()
    return [e for e in pending() if all(w in f"{e.kind} {e.text}".lower() for w in words)]


def cancel(text: str) -> list[Entry]:
    """Cancel the pending entries matching ``text``; none matching is a one-line error naming what is pending."""
    if not text.strip():
        raise KayasError("which one should I cancel? Give words of its text or label")
    found = matching(text)
    if not found:
        left = pending()
        names = ", ".join(e.describe() for e in left[:5]) if left else "nothing is pending"
        raise KayasError(f"nothing pending matches '{text}' (pending: {names})")
    set_state([e.id for e in found], "cancelled")
    return found


def set_state(ids: list[int], state: str, only_from: str = "pending") -> int:
    with _db() as conn:
        marks = ",".join("?" * len(ids))
        cur = conn.execute(f"UPDATE entries SET state = ? WHERE state = ? AND id IN ({marks})", (state, only_from, *ids))
        return cur.rowcount
