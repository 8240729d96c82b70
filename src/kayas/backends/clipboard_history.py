"""What was copied, newest first: an SQLite table in KAYAS_HOME/clipboard.sqlite3."""
from __future__ import annotations

import contextlib
import sqlite3
import time

from kayas.settings import kayas_home

MAX_HISTORY = 1000


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(kayas_home() / "clipboard.sqlite3")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, "
        "source TEXT NOT NULL, at REAL NOT NULL)"
    )
    return conn


def remember(text: str, source: str) -> None:
    """Add to the history, unless it repeats the newest entry; keep the last MAX_HISTORY."""
    with contextlib.closing(_db()) as conn, conn:
        newest = conn.execute("SELECT text FROM history ORDER BY id DESC LIMIT 1").fetchone()
        if newest and newest[0] == text:
            return
        conn.execute("INSERT INTO history (text, source, at) VALUES (?, ?, ?)", (text, source, time.time()))
        conn.execute("DELETE FROM history WHERE id <= (SELECT MAX(id) FROM history) - ?", (MAX_HISTORY,))


def recent(limit: int) -> list[tuple[str, str, float]]:
    """(text, source, time copied) of the last ``limit`` entries, newest first."""
    with contextlib.closing(_db()) as conn:
        return conn.execute(
            "SELECT text, source, at FROM history ORDER BY id DESC LIMIT ?", (min(limit, MAX_HISTORY),)
        ).fetchall()
