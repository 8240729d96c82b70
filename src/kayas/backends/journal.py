"""The journal: what each command changed, so `kayas undo` can take back the last command.

Every file tool records its change (create, append, archive, delete, move) under the
*operation* of the command that made it (``operation()``, entered by the Assistant around one
plan). ``undo`` takes back the newest operation's changes in reverse order: a created file goes
to the trash, an appended line is cut off again, an archived or moved file moves back, a
deleted file comes back from the trash. A created or appended file is first checked to be
still as the command left it (size and SHA-256); a file changed since is left alone and said so.
Calls outside the files (an email sent, a message posted) are recorded as "other": undo
says plainly that it cannot take them back. The journal lives in KAYAS_HOME.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kayas.backends import trash
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace

Kind = Literal["create", "append", "archive", "delete", "move", "other", "schedule", "volume"]

_current: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("kayas_journal_op", default=None)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    command TEXT NOT NULL,
    kind TEXT NOT NULL,
    file TEXT NOT NULL,          -- as the user sees it: relative to the workspace
    detail TEXT NOT NULL,        -- JSON: what undo needs (paths, sizes, digests, trash entry)
    at REAL NOT NULL,
    undone_at REAL,
    undo_note TEXT
)
"""


@dataclass
class Change:
    id: int
    operation: str
    command: str
    kind: Kind
    file: str
    detail: dict[str, Any]
    at: float
    undone_at: float | None = None
    undo_note: str | None = None


@dataclass
class Operation:
    """One command's changes, oldest first."""

    id: str
    command: str
    at: float
    changes: list[Change] = field(default_factory=list)

    @property
    def undone(self) -> bool:
        return all(c.undone_at is not None for c in self.changes)


@dataclass(frozen=True)
class Undone:
    """One step of an undo: which change, whether it was taken back, and the sentence."""

    kind: Kind
    file: str
    done: bool
    message: str


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(kayas_home() / "journal.sqlite3")
    conn.execute(_SCHEMA)
    return conn


@contextlib.contextmanager
def operation(command: str = "") -> Iterator[str]:
    """Group the changes made inside this block under one command (and its deletions in the trash)."""
    token = _current.set((uuid.uuid4().hex, command))
    try:
        with trash.operation():
            yield (_current.get() or ("", ""))[0]
    finally:
        _current.reset(token)


# The tools that record their own changes; any other call that changes something is "other".
SELF_RECORDING = frozenset({"filesystem.create_file", "filesystem.append_file", "filesystem.archive_file",
                            "filesystem.delete_file", "filesystem.move_file", "uia.screenshot",
                            # timers, alarms, reminders and the volume: undone by their own backends (_ELSEWHERE)
                            "timer.start", "alarm.set", "reminder.add", "reminder.cancel",
                            "system.set_volume", "system.change_volume", "system.mute"})


def record(kind: Kind, file: str, **detail: Any) -> None:
    """Note one change under the current operation (a change outside one is its own operation)."""
    op, command = _current.get() or (uuid.uuid4().hex, "")
    with contextlib.closing(_db()) as conn, conn:
        conn.execute(
            "INSERT INTO changes (operation, command, kind, file, detail, at) VALUES (?,?,?,?,?,?)",
            (op, command, kind, file, json.dumps(detail), time.time()),
        )


def record_other(tool: str, summary: str) -> None:
    """Note a call that changed something outside the files (undo can only say so)."""
    record("other", tool, summary=summary.splitlines()[0] if summary else tool)


def operations(limit: int | None = None) -> list[Operation]:
    """The recorded commands, newest first, each with its changes oldest first."""
    with contextlib.closing(_db()) as conn:
        rows = conn.execute(
            "SELECT id, operation, command, kind, file, detail, at, undone_at, undo_note FROM changes ORDER BY id"
        ).fetchall()
    ops: dict[str, Operation] = {}
    for r in rows:
        change = Change(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8])
        ops.setdefault(change.operation, Operation(change.operation, change.command, change.at)).changes.append(change)
    newest = sorted(ops.values(), key=lambda o: o.changes[-1].id, reverse=True)
    return newest[:limit] if limit else newest


def undo(count: int = 1) -> list[Undone]:
    """Take back the last ``count`` commands not yet undone, newest first, each change in reverse order."""
    if count < 1:
        raise KayasError("undo count must be at least 1")
    pending = [op for op in operations() if not op.undone][:count]
    if not pending:
        raise KayasError("nothing to undo: no command has changed anything yet")
    steps: list[Undone] = []
    for op in pending:
        for change in reversed(op.changes):
            if change.undone_at is not None:
                continue
            step = _undo_one(change)
            with contextlib.closing(_db()) as conn, conn:
                conn.execute("UPDATE changes SET undone_at = ?, undo_note = ? WHERE id = ?",
                             (time.time(), step.message, change.id))
            steps.append(step)
    return steps


def _undo_one(change: Change) -> Undone:
    if change.kind == "other":
        what = change.detail.get("summary") or change.file
        return Undone("other", change.file, False, f"cannot take back: {what} (that is outside the files Kayas keeps)")
    try:
        message = _UNDO[change.kind](change)
    except (KayasError, OSError) as exc:
        return Undone(change.kind, change.file, False, f"could not undo the {change.kind} of {change.file}: {exc}")
    return Undone(change.kind, change.file, True, message)


def _unchanged(path: Path, detail: dict[str, Any], what: str) -> None:
    if not path.is_file():
        raise KayasError(f"{what} is gone")
    if path.stat().st_size != detail["bytes"] or trash.sha256_of(path) != detail["sha256"]:
        raise KayasError(f"{what} was changed since; left as it is")


def _same_workspace(change: Change) -> None:
    then = change.detail.get("workspace")
    if then and Path(then) != workspace():
        raise KayasError(f"that change was made in the workspace {then}; set KAYAS_WORKSPACE={then} to undo it")


def _undo_create(change: Change) -> str:
    _same_workspace(change)
    path = Path(change.detail["path"])
    _unchanged(path, change.detail, change.file)
    trash.move_to_trash(path)
    return f"removed {change.file}, which that command created (it is in the trash now)"


def _undo_append(change: Change) -> str:
    if change.detail.get("created"):
        return _undo_create(change)
    path = Path(change.detail["path"])
    _unchanged(path, change.detail, change.file)
    with path.open("r+b") as fh:
        fh.truncate(change.detail["bytes_before"])
    return f"took the added line out of {change.file}"


def _undo_archive(change: Change) -> str:
    source, target = Path(change.detail["from_path"]), Path(change.detail["path"])
    if not target.exists():
        raise KayasError(f"the archived copy {change.detail['archived_as']} is gone")
    if source.exists() or source.is_symlink():
        raise KayasError(f"a new {change.file} exists; the archived copy stays at {change.detail['archived_as']}")
    source.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, source)
    return f"moved {change.file} back out of the archive"


def _undo_move(change: Change) -> str:
    source, target = Path(change.detail["from_path"]), Path(change.detail["path"])
    if not target.exists() and not target.is_symlink():
        raise KayasError(f"{change.detail['moved_to']} is gone")
    if source.exists() or source.is_symlink():
        raise KayasError(f"a new {change.file} exists; the moved file stays at {change.detail['moved_to']}")
    source.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, source)
    return f"moved {change.detail['moved_to']} back to {change.file}"


def _undo_delete(change: Change) -> str:
    _same_workspace(change)
    trash.restore(trash.entry(change.detail["trash_id"]))
    return f"restored {change.file} from the trash"


def _undo_elsewhere(change: Change) -> str:
    """A change outside the files: the backend that made it takes it back (undo_change(detail) -> sentence)."""
    import importlib

    return str(importlib.import_module(_ELSEWHERE[change.kind]).undo_change(change.detail))


_ELSEWHERE = {"schedule": "kayas.backends.scheduler", "volume": "kayas.backends.volume"}

_UNDO = {"create": _undo_create, "append": _undo_append, "archive": _undo_archive,
         "delete": _undo_delete, "move": _undo_move, "schedule": _undo_elsewhere, "volume": _undo_elsewhere}
