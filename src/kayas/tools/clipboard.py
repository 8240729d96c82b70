"""The system clipboard, with a history of what was copied."""
from __future__ import annotations

import contextlib
import sqlite3
import time

from kayas import sysclipboard
from kayas.config import kayas_home
from kayas.errors import KayasError
from kayas.registry import tool

MAX_HISTORY = 1000


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(kayas_home() / "clipboard.sqlite3")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, "
        "source TEXT NOT NULL, at REAL NOT NULL)"
    )
    return conn


def _remember(text: str, source: str) -> None:
    """Add to the history, unless it repeats the newest entry; keep the last MAX_HISTORY."""
    with contextlib.closing(_db()) as conn, conn:
        newest = conn.execute("SELECT text FROM history ORDER BY id DESC LIMIT 1").fetchone()
        if newest and newest[0] == text:
            return
        conn.execute("INSERT INTO history (text, source, at) VALUES (?, ?, ?)", (text, source, time.time()))
        conn.execute("DELETE FROM history WHERE id <= (SELECT MAX(id) FROM history) - ?", (MAX_HISTORY,))


@tool
def copy_text(text: str) -> dict:
    """Put text on the clipboard.

    Args:
        text: The text to copy.
    """
    name = sysclipboard.copy(text)
    _remember(text, "copy")
    return {"copied": text, "chars": len(text), "backend": name}


@tool(read_only=True)
def paste_text() -> dict:
    """Read the text on the clipboard."""
    text = sysclipboard.paste()
    if text:
        _remember(text, "seen")  # copied elsewhere: still part of what the user copied
    return {"text": text, "chars": len(text)}


@tool(read_only=True)
def get_history(limit: int = 10) -> list:
    """The last copied texts, newest first.

    Args:
        limit: How many entries to return.
    """
    if limit < 1:
        raise KayasError(f"limit must be at least 1, got {limit}")
    with contextlib.closing(_db()) as conn:
        rows = conn.execute(
            "SELECT text, source, at FROM history ORDER BY id DESC LIMIT ?", (min(limit, MAX_HISTORY),)
        ).fetchall()
    return [{"text": t, "source": s, "copied_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(a))} for t, s, a in rows]
