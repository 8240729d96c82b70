"""The session's history: what was planned, run, confirmed, cancelled and undone since the start."""
from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from typing import Any

from kayas.server.models import HistoryEntry, HistoryKind


class History:
    """The last ``size`` entries, oldest first; written from any thread."""

    def __init__(self, size: int) -> None:
        self._entries: deque[HistoryEntry] = deque(maxlen=size)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, kind: HistoryKind, status: str, *, command: str = "", message: str = "",
            confidence: float | None = None, report: dict[str, Any] | None = None) -> HistoryEntry:
        with self._lock:
            entry = HistoryEntry(id=next(self._ids), at=time.time(), kind=kind, command=command, status=status,
                                 message=message, confidence=confidence, report=report)
            self._entries.append(entry)
        return entry

    def entries(self, since: int = 0) -> list[HistoryEntry]:
        with self._lock:
            return [e for e in self._entries if e.id > since]
