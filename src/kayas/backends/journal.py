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
import stat
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kayas.backends import beneath, trash
from kayas.backends.masking import mask
from kayas.backends.paths import relative_name
from kayas.backends.printable import printable
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace

Kind = Literal["create", "append", "archive", "move", "delete", "command", "other", "schedule", "volume"]
KINDS = ("create", "append", "archive", "move", "delete", "command", "other", "schedule", "volume")

_current: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("kayas_journal_op", default=None)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    command TEXT NOT NULL,
    kind TEXT NOT NULL,
    file TEXT NOT NULL,          -- as the user sees it: relative to the workspace
    detail TEXT NOT NULL,        -- JSON: what undo needs (names, sizes, digests, trash entry)
    at REAL NOT NULL,
    undone_at REAL,
    undo_note TEXT,
    state TEXT NOT NULL DEFAULT 'done'   -- 'intent': written before the change, which may not have happened
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


class NeverMade(Exception):
    """The change was stopped (a kill) before it changed anything: nothing to take back."""


def journal_path() -> Path:
    return kayas_home() / "journal.sqlite3"


@contextlib.contextmanager
def _db() -> Iterator[sqlite3.Connection]:
    """The journal (private, 0600), one transaction; any SQLite trouble is one StateError line."""
    conn = trash.connect(journal_path(), _SCHEMA)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(changes)")}
        if "state" not in columns:  # a journal from before the intent records
            conn.execute("ALTER TABLE changes ADD COLUMN state TEXT NOT NULL DEFAULT 'done'")
        with conn:
            yield conn
    except sqlite3.Error as exc:
        raise trash.StateError(f"the journal {journal_path()} cannot be used ({exc}); nothing more was changed") from None
    finally:
        conn.close()


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
                            "filesystem.delete_file", "filesystem.move_file", "uia.screenshot", "process.run_command",
                            # timers, alarms, reminders and the volume: undone by their own backends (_ELSEWHERE)
                            "timer.start", "alarm.set", "reminder.add", "reminder.cancel",
                            "system.set_volume", "system.change_volume", "system.mute"})


def _masked(value: Any) -> Any:
    return mask(value)


def begin(kind: Kind, file: str, **detail: Any) -> int:
    """Write (and sync) the intent to make a change, before making it; its row id.

    A kill between this and ``finish`` leaves an 'intent' row: undo then looks at the files
    to see whether the change happened (and takes it back) or not (and says so). Where the
    journal cannot be written, this raises and the change is not made.
    """
    op, command = _current.get() or (uuid.uuid4().hex, "")
    with _db() as conn:
        cur = conn.execute(
            "INSERT INTO changes (operation, command, kind, file, detail, at, state) VALUES (?,?,?,?,?,?,'intent')",
            (op, _masked(command), kind, file, json.dumps(detail), time.time()),
        )
        return int(cur.lastrowid or 0)


def finish(change_id: int, **detail: Any) -> None:
    """The change is made: mark its row done, with what was learnt while making it."""
    with _db() as conn:
        row = conn.execute("SELECT detail FROM changes WHERE id = ?", (change_id,)).fetchone()
        merged = {**_detail_of(row[0] if row else "{}"), **detail}
        conn.execute("UPDATE changes SET state = 'done', detail = ? WHERE id = ?", (json.dumps(merged), change_id))


def record(kind: Kind, file: str, **detail: Any) -> None:
    """Note one change already made under the current operation (a change outside one is its own operation)."""
    finish(begin(kind, file, **detail))


def record_other(tool: str, summary: str) -> None:
    """Note a call that changed something outside the files (undo can only say so)."""
    record("other", tool, summary=_masked(summary.splitlines()[0] if summary else tool))


def _detail_of(text: str) -> dict[str, Any]:
    try:
        detail = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return detail if isinstance(detail, dict) else {}


def operations(limit: int | None = None) -> list[Operation]:
    """The recorded commands, newest first, each with its changes oldest first."""
    with _db() as conn:
        rows = conn.execute(
            "SELECT id, operation, command, kind, file, detail, at, undone_at, undo_note, state FROM changes ORDER BY id"
        ).fetchall()
    ops: dict[str, Operation] = {}
    for r in rows:
        detail = _detail_of(r[5])
        kind: Kind = r[3] if r[3] in KINDS else "other"
        if kind != r[3]:
            detail = {"summary": f"a change of an unknown kind ({str(r[3])[:40]})"}
        detail["_intent"] = r[9] == "intent"
        change = Change(r[0], str(r[1]), str(r[2]), kind, str(r[4]), detail, float(r[6] or 0), r[7], r[8])
        ops.setdefault(change.operation, Operation(change.operation, change.command, change.at)).changes.append(change)
    newest = sorted(ops.values(), key=lambda o: o.changes[-1].id, reverse=True)
    return newest[:limit] if limit else newest


def undo(count: int = 1) -> list[Undone]:
    """Take back the last ``count`` commands not yet undone, newest first, each change in reverse order.

    A step that fails stays not undone, so a later `kayas undo` tries it again."""
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
            step, settled = _undo_one(change)
            step = Undone(step.kind, step.file, step.done, printable(step.message))  # names may hold escape codes
            if settled:
                with _db() as conn:
                    conn.execute("UPDATE changes SET undone_at = ?, undo_note = ? WHERE id = ?",
                                 (time.time(), step.message, change.id))
            steps.append(step)
    return steps


def _undo_one(change: Change) -> tuple[Undone, bool]:
    """The step in words, and whether it is settled (taken back, or never to be: not tried again)."""
    if change.kind == "other":
        what = change.detail.get("summary") or change.file
        return Undone("other", change.file, False, f"cannot take back: {what} (that is outside the files Kayas keeps)"), True
    try:
        message = _UNDO[change.kind](change)
    except NeverMade:
        return Undone(change.kind, change.file, True, f"nothing to take back: the {change.kind} of {change.file} "
                                                      "was stopped before it changed anything"), True
    except (KayasError, OSError, KeyError, TypeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, KeyError):
            why = f"its journal entry lacks {exc}"
        return Undone(change.kind, change.file, False, f"could not undo the {change.kind} of {change.file}: {why}"), False
    return Undone(change.kind, change.file, True, message), True


def _same_workspace(change: Change) -> None:
    then = change.detail.get("workspace")
    if then and Path(then) != workspace():
        raise KayasError(f"that change was made in the workspace {then}; set KAYAS_WORKSPACE={then} to undo it")


def _name(change: Change, key: str | None = None) -> str:
    """A journal name, checked like any name from a plan (a forged row gets no further than a plan would)."""
    name = change.file if key is None else str(change.detail[key])
    return relative_name(name)


@contextlib.contextmanager
def _open_file(name: str, flags: int) -> Iterator[tuple[int, os.stat_result]]:
    """The workspace file, opened beneath the workspace without following a link; a single-link regular file."""
    with beneath.root_fd(workspace()) as root:
        try:
            fd = beneath.open_beneath(root, name, flags)
        except FileNotFoundError:
            raise
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise KayasError(f"{name} is not a regular file any more")
            beneath.single_link(st, name)
            yield fd, st
        finally:
            os.close(fd)


def _exists(name: str) -> bool:
    with beneath.parent(workspace(), name) as (dirfd, last):
        return beneath.lstat_at(dirfd, last) is not None


def _undo_create(change: Change) -> str:
    _same_workspace(change)
    name, d = _name(change), change.detail
    if d.get("_intent") and d.get("temp"):  # a create a kill stopped: its half-written copy goes too
        temp = "/".join([*name.split("/")[:-1], relative_name(str(d["temp"]))])
        if _exists(temp):
            trash.move_to_trash(temp)
    try:
        with _open_file(name, os.O_RDONLY) as (fd, st):
            whole = st.st_size == d["bytes"] and trash.sha256_fd(fd) == d["sha256"]
    except FileNotFoundError:
        if d.get("_intent"):
            raise NeverMade from None
        raise KayasError(f"{change.file} is gone") from None
    if not whole:
        raise KayasError(f"{change.file} was changed since; left as it is")
    trash.move_to_trash(name)
    return f"removed {change.file}, which that command created (it is in the trash now)"


def _undo_append(change: Change) -> str:
    d = change.detail
    if d.get("created"):
        return _undo_create(change)
    _same_workspace(change)
    name, before = _name(change), int(d["bytes_before"])
    try:
        with _open_file(name, os.O_RDWR) as (fd, st):
            if st.st_size == d["bytes"] and trash.sha256_fd(fd) == d["sha256"]:
                os.ftruncate(fd, before)  # on the descriptor: never through a name that may have become a link
                os.fsync(fd)
                return f"took the added line out of {change.file}"
            if d.get("_intent") and _partly_appended(fd, st.st_size, d):
                if st.st_size == before:
                    raise NeverMade
                os.ftruncate(fd, before)
                os.fsync(fd)
                return f"took the added line out of {change.file} (the append was stopped half way)"
    except FileNotFoundError:
        raise KayasError(f"{change.file} is gone") from None
    raise KayasError(f"{change.file} was changed since; left as it is")


def _partly_appended(fd: int, size: int, d: dict[str, Any]) -> bool:
    """The file as it was, plus a start of the added bytes (an append a kill stopped part way)."""
    before, added = int(d["bytes_before"]), str(d.get("added", "")).encode("utf-8")
    if not before <= size <= before + len(added) or d.get("sha256_before") is None:
        return False
    if trash.sha256_fd(fd, before) != d["sha256_before"]:
        return False
    os.lseek(fd, before, os.SEEK_SET)
    return os.read(fd, size - before) == added[: size - before]


def _undo_move(change: Change) -> str:
    """Archive and move alike: the file goes back from its new name to its old one, never over another."""
    _same_workspace(change)
    d = change.detail
    source = _name(change, "from") if "from" in d else _name(change)
    target = _name(change, "to") if "to" in d else relative_name(str(d["archived_as"]))
    if not _exists(target):
        if d.get("_intent") and _exists(source):
            raise NeverMade
        raise KayasError(f"the moved copy {target} is gone")
    with beneath.parent(workspace(), target) as (tdir, tname), \
            beneath.parent(workspace(), source, create=True) as (sdir, sname):
        try:
            beneath.rename_noreplace(tdir, tname, sdir, sname)
        except FileExistsError:
            raise KayasError(f"a new {source} exists; the moved copy stays at {target}") from None
        beneath.fsync_dir(sdir)
        beneath.fsync_dir(tdir)
    if change.kind == "archive":
        return f"moved {change.file} back out of the archive"
    return f"moved {target} back to {source}"


def _undo_delete(change: Change) -> str:
    _same_workspace(change)
    d = change.detail
    if d.get("trash_id") is not None:
        entry = trash.entry(int(d["trash_id"]))
    else:  # written before the move: the trash log knows the entry by its stored name, if it got that far
        found = trash.find(str(d["stored"]))
        if found is None:
            raise NeverMade
        entry = found
    trash.restore(entry)
    return f"restored {change.file} from the trash"


def _undo_elsewhere(change: Change) -> str:
    """A change outside the files: the backend that made it takes it back (undo_change(detail) -> sentence)."""
    import importlib

    return str(importlib.import_module(_ELSEWHERE[change.kind]).undo_change(change.detail))


_ELSEWHERE = {"schedule": "kayas.backends.scheduler", "volume": "kayas.backends.volume"}


def _undo_command(change: Change) -> str:
    from kayas.backends import overlay  # late: only shell commands need it

    return overlay.undo(change)


_UNDO = {"create": _undo_create, "append": _undo_append, "archive": _undo_move, "move": _undo_move,
         "delete": _undo_delete, "command": _undo_command, "schedule": _undo_elsewhere, "volume": _undo_elsewhere}
