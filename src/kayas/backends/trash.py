"""Recoverable deletion: files move into ``KAYAS_HOME/trash/files/`` and a log says where from.

The trash and its log live in KAYAS_HOME, never in the workspace: a sandboxed command can
write the workspace, and could otherwise plant the trash folder as a link or forge the log.
Every step is resolved beneath the workspace without following links
(kayas.backends.beneath). The log row is written (and synced) before the file moves, so a
kill at any moment leaves either the file where it was or a row that finds it in the trash.
Deleting is a rename where both are on one file system (else a synced copy, then the unlink),
so the bytes never change; the log keeps each file's SHA-256 and ``restore`` checks it
before putting the file back. Deletions made during one command share an *operation* id
(see ``operation()``), so ``undo`` brings back everything the last command deleted.
"""
from __future__ import annotations

import contextlib
import contextvars
import errno
import hashlib
import os
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kayas.backends import beneath
from kayas.backends.paths import relative
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace

_operation: contextvars.ContextVar[str | None] = contextvars.ContextVar("kayas_trash_operation", default=None)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deleted (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operation TEXT NOT NULL,
    original TEXT NOT NULL,      -- path relative to the workspace
    stored TEXT NOT NULL,        -- name inside trash/files
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    deleted_at REAL NOT NULL,
    restored_at REAL,
    workspace TEXT NOT NULL DEFAULT '',
    moved INTEGER NOT NULL DEFAULT 1   -- 0: written before the move, which may not have happened
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


class StateError(KayasError):
    """Kayas's own state (the trash log, the journal) cannot be read or written."""


@contextlib.contextmanager
def operation() -> Iterator[str]:
    """Group the deletions made inside this block, so one undo restores them all."""
    token = _operation.set(uuid.uuid4().hex)
    try:
        yield _operation.get() or ""
    finally:
        _operation.reset(token)


def trash_dir() -> Path:
    """KAYAS_HOME/trash (private to the user): ``files/`` holds the deleted files, ``log.sqlite3`` the log."""
    path = kayas_home() / "trash"
    (path / "files").mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    return path


def connect(path: Path, schema: str) -> sqlite3.Connection:
    """A private (0600) SQLite file with ``schema``; any SQLite trouble becomes one StateError line."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        conn = sqlite3.connect(path, timeout=10)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute(schema)
        return conn
    except (sqlite3.Error, OSError) as exc:
        raise StateError(f"{path} cannot be used ({exc}); move it aside to start a fresh one") from None


@contextlib.contextmanager
def _db() -> Iterator[sqlite3.Connection]:
    conn = connect(trash_dir() / "log.sqlite3", _SCHEMA)
    try:
        with conn:
            yield conn
    except sqlite3.Error as exc:
        raise StateError(f"the trash log {trash_dir() / 'log.sqlite3'} cannot be used ({exc})") from None
    finally:
        conn.close()


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return sha256_fd(fh.fileno())


def sha256_fd(fd: int, length: int | None = None) -> str:
    """The SHA-256 of an open file from its start (its first ``length`` bytes, if given)."""
    digest = hashlib.sha256()
    os.lseek(fd, 0, os.SEEK_SET)
    left = length
    while left is None or left > 0:
        chunk = os.read(fd, 1 << 20 if left is None else min(1 << 20, left))
        if not chunk:
            break
        digest.update(chunk)
        left = None if left is None else left - len(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _files_fd() -> Iterator[int]:
    with beneath.root_fd(trash_dir() / "files") as fd:
        yield fd


def move_entry(src_dir: int, src: str, dst_dir: int, dst: str) -> None:
    """Move an entry between folders without replacing anything; a synced copy across file systems."""
    try:
        beneath.rename_noreplace(src_dir, src, dst_dir, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        st = os.stat(src, dir_fd=src_dir, follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode):
            os.symlink(os.readlink(src, dir_fd=src_dir), dst, dir_fd=dst_dir)
        else:
            fd_in = os.open(src, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=src_dir)
            try:
                fd_out = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, stat.S_IMODE(st.st_mode),
                                 dir_fd=dst_dir)
                try:
                    beneath.copy_fd(fd_in, fd_out)
                    os.utime(fd_out, ns=(st.st_atime_ns, st.st_mtime_ns))
                finally:
                    os.close(fd_out)
            finally:
                os.close(fd_in)
        beneath.fsync_dir(dst_dir)
        os.unlink(src, dir_fd=src_dir)
    beneath.fsync_dir(dst_dir)
    beneath.fsync_dir(src_dir)


def move_to_trash(path: Path | str, stored: str | None = None) -> Entry:
    """Move a workspace file (a Path in it, or its relative name) into the trash and log it.

    ``stored`` is the name it gets in the trash (a journal row written before the move names it)."""
    original = relative(path) if isinstance(path, Path) else path
    op = _operation.get() or uuid.uuid4().hex
    stored = stored or uuid.uuid4().hex  # no part of the name: a 255-byte name must fit in the trash too
    with beneath.parent(workspace(), original) as (dirfd, name):
        st = beneath.lstat_at(dirfd, name)
        if st is None:
            raise KayasError(f"no such file in the workspace: '{original}'")
        if stat.S_ISDIR(st.st_mode):
            raise KayasError(f"'{original}' is a folder, not a file")
        if stat.S_ISLNK(st.st_mode):
            digest = "symlink"
        elif stat.S_ISREG(st.st_mode):
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dirfd)
            try:
                digest = sha256_fd(fd)
            finally:
                os.close(fd)
        else:
            raise KayasError(f"'{original}' is not a regular file")
        now = time.time()
        with _db() as conn:  # committed (and synced) before the move: a kill after it still finds the file
            cur = conn.execute(
                "INSERT INTO deleted (operation, original, stored, sha256, size, deleted_at, workspace, moved) "
                "VALUES (?,?,?,?,?,?,?,0)", (op, original, stored, digest, st.st_size, now, str(workspace())))
            entry_id = int(cur.lastrowid or 0)
        with _files_fd() as files:
            move_entry(dirfd, name, files, stored)
    with _db() as conn:
        conn.execute("UPDATE deleted SET moved = 1 WHERE id = ?", (entry_id,))
    return Entry(entry_id, op, original, stored, digest, st.st_size, now)


_COLUMNS = "id, operation, original, stored, sha256, size, deleted_at"


def pending(limit: int | None = None) -> list[Entry]:
    """Deleted files not yet restored, newest first (a row whose move never happened is settled first)."""
    with _db() as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM deleted WHERE restored_at IS NULL ORDER BY id DESC").fetchall()
    out = [Entry(*row) for row in rows if not _never_moved(Entry(*row))]
    return out[:limit] if limit else out


def _never_moved(e: Entry) -> bool:
    """A row written before a move that a kill stopped: the file is still in place, none in the trash."""
    with _files_fd() as files:
        if beneath.lstat_at(files, e.stored) is not None:
            return False
    with _db() as conn:
        moved = conn.execute("SELECT moved FROM deleted WHERE id = ?", (e.id,)).fetchone()
    if moved is None or moved[0]:
        return False
    with _db() as conn:
        conn.execute("UPDATE deleted SET restored_at = ? WHERE id = ?", (time.time(), e.id))
    return True


def entry(entry_id: int) -> Entry:
    """One logged deletion, by its id."""
    with _db() as conn:
        row = conn.execute(f"SELECT {_COLUMNS}, restored_at FROM deleted WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise KayasError(f"the trash has no record {entry_id}")
    if row[7] is not None:
        raise KayasError(f"'{row[2]}' was already restored")
    return Entry(*row[:7])


def find(stored: str) -> Entry | None:
    """The log's entry for a stored name (a journal row written before the move knows only that)."""
    with _db() as conn:
        row = conn.execute(f"SELECT {_COLUMNS}, restored_at FROM deleted WHERE stored = ?", (stored,)).fetchone()
    return None if row is None or row[7] is not None else Entry(*row[:7])


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


def _matches(e: Entry, dirfd: int, name: str) -> bool:
    st = beneath.lstat_at(dirfd, name)
    if st is None:
        return False
    if e.sha256 == "symlink":
        return stat.S_ISLNK(st.st_mode)
    if not stat.S_ISREG(st.st_mode) or st.st_size != e.size:
        return False
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dirfd)
    try:
        return sha256_fd(fd) == e.sha256
    finally:
        os.close(fd)


def _back_already(entry: Entry) -> bool:
    """A restore killed after its move but before its log row: the file is back, byte for byte."""
    try:
        with beneath.parent(workspace(), entry.original) as (dirfd, name):
            back = _matches(entry, dirfd, name)
    except (OSError, KayasError):
        return False
    if back:
        with _db() as conn:
            conn.execute("UPDATE deleted SET restored_at = ? WHERE id = ?", (time.time(), entry.id))
    return back


def restore(entry: Entry) -> Path:
    """Put one trashed file back where it was, byte for byte; never overwrite, never through a link."""
    target = workspace() / entry.original
    with _files_fd() as files:
        if beneath.lstat_at(files, entry.stored) is None:
            if _never_moved(entry) or _back_already(entry):
                return target  # the delete was stopped before its move, or this restore after its own
            raise KayasError(f"cannot restore '{entry.original}': its trashed copy is gone")
        if not _matches(entry, files, entry.stored):
            raise KayasError(f"cannot restore '{entry.original}': the trashed copy was changed "
                             f"({trash_dir() / 'files' / entry.stored})")
        with beneath.parent(workspace(), entry.original, create=True) as (dirfd, name):
            try:
                move_entry(files, entry.stored, dirfd, name)
            except FileExistsError:
                raise KayasError(f"cannot restore '{entry.original}': a file with that name exists again "
                                 f"(the deleted copy is {trash_dir() / 'files' / entry.stored})") from None
    with _db() as conn:
        conn.execute("UPDATE deleted SET restored_at = ? WHERE id = ?", (time.time(), entry.id))
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
