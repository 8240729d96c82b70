"""Recoverable deletion: files move into ``<workspace>/.trash/`` and a log says where from.

Deleting is a rename inside one folder tree, so the bytes never change; the log keeps each
file's SHA-256 and ``restore`` checks it before putting the file back. Deletions made during
one command share an *operation* id (see ``operation()``), so ``kayas undo`` brings back
everything the last command deleted, not just its last file.
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kayas.backends.paths import TRASH_DIR, relative
from kayas.errors import KayasError
from kayas.settings import workspace

_operation: contextvars.ContextVar[str | None] = contextvars.ContextVar("kayas_trash_operation", default=None)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deleted (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    original TEXT NOT NULL,      -- path relative to the workspace
    stored TEXT NOT NULL,        -- name inside .trash/files
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    deleted_at REAL NOT NULL,
    restored_at REAL
)
"""


@dataclass(frozen=True)
class Entry:
    id: int
    operation: str
    original: str
    stored: str
    sha256: str
    size: int
    deleted_at: float


@contextlib.contextmanager
def operation() -> Iterator[str]:
    """Group the deletions made inside this block, so one undo restores them all."""
    token = _operation.set(uuid.uuid4().hex)
    try:
        yield _operation.get() or ""
    finally:
        _operation.reset(token)


def trash_dir() -> Path:
    path = workspace() / TRASH_DIR
    (path / "files").mkdir(parents=True, exist_ok=True)
    return path


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(trash_dir() / "log.sqlite3")
    conn.execute(_SCHEMA)
    return conn


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def move_to_trash(path: Path) -> Entry:
    """Move a workspace file into the trash and log it; returns the log entry."""
    original = relative(path)
    digest = "symlink" if path.is_symlink() else sha256_of(path)
    size = path.lstat().st_size
    stored = f"{uuid.uuid4().hex}-{path.name}"
    op = _operation.get() or uuid.uuid4().hex
    now = time.time()
    with contextlib.closing(_db()) as conn, conn:
        cur = conn.execute(
            "INSERT INTO deleted (operation, original, stored, sha256, size, deleted_at) VALUES (?,?,?,?,?,?)",
            (op, original, stored, digest, size, now),
        )
        os.replace(path, trash_dir() / "files" / stored)  # inside the transaction: no log without a move
        entry_id = int(cur.lastrowid or 0)
    return Entry(entry_id, op, original, stored, digest, size, now)


def pending(limit: int | None = None) -> list[Entry]:
    """Deleted files not yet restored, newest first."""
    with contextlib.closing(_db()) as conn:
        rows = conn.execute(
            "SELECT id, operation, original, stored, sha256, size, deleted_at FROM deleted "
            "WHERE restored_at IS NULL ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        ).fetchall()
    return [Entry(*row) for row in rows]


def entry(entry_id: int) -> Entry:
    """One logged deletion, by its id."""
    with contextlib.closing(_db()) as conn:
        row = conn.execute(
            "SELECT id, operation, original, stored, sha256, size, deleted_at, restored_at FROM deleted WHERE id = ?",
            (entry_id,),
        ).fetchone()
    if row is None:
        raise KayasError(f"the trash has no record {entry_id}")
    if row[7] is not None:
        raise KayasError(f"'{row[2]}' was already restored")
    return Entry(*row[:7])


def last_operations(count: int = 1) -> list[list[Entry]]:
    """The entries of the last ``count`` deleting operations, newest operation first."""
    groups: list[list[Entry]] = []
    for entry in pending():
        if groups and groups[-1][0].operation == entry.operation:
            groups[-1].append(entry)
        elif len(groups) < count:
            groups.append([entry])
        else:
            break
    return groups


def restore(entry: Entry) -> Path:
    """Put one trashed file back where it was, byte for byte; never overwrite."""
    stored = trash_dir() / "files" / entry.stored
    target = workspace() / entry.original
    if not stored.exists() and not stored.is_symlink():
        raise KayasError(f"cannot restore '{entry.original}': its trashed copy is gone")
    if target.exists() or target.is_symlink():
        raise KayasError(
            f"cannot restore '{entry.original}': a file with that name exists again (the deleted copy is {stored})"
        )
    if entry.sha256 != "symlink" and sha256_of(stored) != entry.sha256:
        raise KayasError(f"cannot restore '{entry.original}': the trashed copy was changed ({stored})")
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(_db()) as conn, conn:
        conn.execute("UPDATE deleted SET restored_at = ? WHERE id = ?", (time.time(), entry.id))
        os.replace(stored, target)
    return target


def undo(count: int = 1) -> list[str]:
    """Restore everything deleted by the last ``count`` operations; returns the restored names."""
    if count < 1:
        raise KayasError("undo count must be at least 1")
    groups = last_operations(count)
    if not groups:
        raise KayasError("nothing to undo: the trash has no deleted files")
    restored: list[str] = []
    for group in groups:
        for entry in reversed(group):  # oldest first, mirroring the deletions
            restore(entry)
            restored.append(entry.original)
    return restored
