"""`Conversation`: the last turns of one person's talk with the assistant, and the words it answers itself.

Each planned command is kept with its plan (and, once run, each call's status); the brain sees
the last `kayas.prompt.CONTEXT_TURNS` of them (`context()`), so "delete it", "again" or "to kim
too" can be planned. `kayas chat`, `kayas listen` and each HTTP session hold one in memory;
`kayas run --continue` keeps one in KAYAS_HOME/conversation.json (`load`, `save`).

A few words are the assistant's own, never the brain's ("undo that", "help", "never mind"):
`own_words` says which.
"""
from __future__ import annotations

import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kayas.assistant.report import PlanOutcome, RunReport
from kayas.prompt import CONTEXT_TURNS
from kayas.safe_input import InputError, loads_json

KEPT = 5  # turns kept (a few more than the brain sees: a front end may show them)
FILE = "conversation.json"

OwnWord = Literal["undo", "help", "cancel"]
_OWN: dict[str, OwnWord] = {}
for _kind, _words in (
    ("undo", "undo, undo that, undo it, undo the last one, undo the last command, take that back, revert that"),
    ("help", "help, what can you do, what can i say, what do you do, how does this work"),
    ("cancel", "stop, cancel, never mind, nevermind, forget it, forget that, nothing"),
):
    for _w in _words.split(", "):
        _OWN[_w] = _kind  # type: ignore[assignment]


def own_words(command: str) -> OwnWord | None:
    """"undo that", "help", "never mind": what the assistant does itself (no plan), or None."""
    said = re.sub(r"[^\w\s']", " ", command.lower())
    said = " ".join(w for w in said.split() if w not in ("please", "kayas", "ok", "okay", "hey"))
    return _OWN.get(said)


@dataclass
class Said:
    """One turn: the command, the plan's text, and each call's status once it ran ("" before)."""

    command: str
    plan: str
    statuses: list[str] = field(default_factory=list)


class Conversation:
    """The last turns, oldest first; safe to use from several threads (an HTTP session)."""

    def __init__(self, turns: list[Said] | None = None, kept: int = KEPT) -> None:
        self._turns: deque[Said] = deque(turns or [], maxlen=kept)
        self._lock = threading.Lock()

    def context(self) -> list[tuple[str, str]]:
        """What the brain sees before the next command: the last turns' (command, plan text)."""
        with self._lock:
            return [(t.command, t.plan) for t in list(self._turns)[-CONTEXT_TURNS:]]

    @property
    def turns(self) -> list[Said]:
        with self._lock:
            return list(self._turns)

    def planned(self, outcome: PlanOutcome) -> Said | None:
        """Keep a command's plan (a typed plan, with no command, is not a turn of talk)."""
        if not outcome.command:
            return None
        said = Said(outcome.command, outcome.text)
        with self._lock:
            self._turns.append(said)
        return said

    @staticmethod
    def ran(said: Said | None, report: RunReport) -> None:
        """Note what became of a kept turn's calls."""
        if said is not None:
            said.statuses = [r.status for r in report.results]

    def clear(self) -> None:
        with self._lock:
            self._turns.clear()

    # ------------------------------------------------------------ kept on disk (`kayas run --continue`)

    @classmethod
    def load(cls, path: Path) -> "Conversation":
        """The conversation kept in ``path``; a missing or unreadable file is a new conversation."""
        try:
            data = loads_json(path.read_bytes())
        except (OSError, InputError):
            return cls()
        turns = []
        for row in data.get("turns", []) if isinstance(data, dict) else []:
            if isinstance(row, dict) and isinstance(row.get("command"), str) and isinstance(row.get("plan"), str):
                statuses = [s for s in row.get("statuses", []) if isinstance(s, str)]
                turns.append(Said(row["command"], row["plan"], statuses))
        return cls(turns)

    def save(self, path: Path) -> None:
        rows = [{"command": t.command, "plan": t.plan, "statuses": t.statuses} for t in self.turns]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"turns": rows}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
