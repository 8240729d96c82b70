"""Files inside the workspace: create, append, delete (recoverably), archive.

Each change is written to the journal (kayas.backends.journal), so `kayas undo` can take
back the last command whatever it did to the files.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import uuid
from pathlib import Path

from kayas.backends import beneath, journal, trash
from kayas.backends.beneath import single_link
from kayas.backends.paths import ARCHIVE_DIR, PathRefused, existing_file, relative, resolve
from kayas.errors import KayasError
from kayas.registry import tool
from kayas.settings import workspace


def _info(path: Path, **extra: object) -> dict:
    return {"file": relative(path), "path": str(path), "bytes": os.lstat(path).st_size, **extra}


def _created(args: dict, r: dict) -> str:
    size = r["bytes"]
    return f"created {r['file']}" + (f" ({size} byte{'s' if size != 1 else ''})" if size else " (empty)")


def _appended(args: dict, r: dict) -> str:
    return f"added a line to {r['file']}" + (" (a new file)" if r.get("created") else "")


@tool(summary=_created)
def create_file(filename: str, content: str = "") -> dict:
    """Create a file in the workspace; refuses to overwrite an existing one.

    Args:
        filename: The file's name or path inside the workspace, e.g. todo.txt.
        content: The text to write into the new file.
    """
    path = resolve(filename)
    name = relative(path)
    data = content.encode("utf-8")
    exists = f"'{filename}' already exists in the workspace; not overwriting it"
    with beneath.parent(workspace(), name, create=True) as (dirfd, last):
        if beneath.lstat_at(dirfd, last) is not None:
            raise KayasError(exists)
        temp = f".kayas-new-{uuid.uuid4().hex[:16]}"  # written whole under a temporary name, then renamed:
        row = journal.begin("create", name, bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
                            temp=temp, workspace=str(workspace()))  # a kill leaves no half-written file
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666, dir_fd=dirfd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            beneath.rename_noreplace(dirfd, temp, dirfd, last)
        except FileExistsError:
            os.unlink(temp, dir_fd=dirfd)
            raise KayasError(exists) from None
        beneath.fsync_dir(dirfd)
    journal.finish(row)
    return _info(path, created=True)


@tool(summary=_appended)
def append_file(filename: str, content: str) -> dict:
    """Append content to a file in the workspace as a new line.

    Args:
        filename: The file's name or path inside the workspace.
        content: The text to append.
    """
    path = resolve(filename)
    name = relative(path)
    with beneath.parent(workspace(), name, create=True) as (dirfd, last):
        st = beneath.lstat_at(dirfd, last)
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise KayasError(f"'{filename}' is a folder, not a file")
        created = st is None
        flags = os.O_RDWR | os.O_NOFOLLOW | (os.O_CREAT | os.O_EXCL if created else 0)
        try:
            fd = os.open(last, flags, 0o666, dir_fd=dirfd)
        except FileExistsError:
            raise KayasError(f"'{filename}' appeared while it was being appended to; try again") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise PathRefused(f"'{filename}' goes through a symlink; Kayas never follows links in the workspace") from None
            raise
        try:
            now = os.fstat(fd)
            if not stat.S_ISREG(now.st_mode):
                raise KayasError(f"'{filename}' is not a regular file")
            single_link(now, filename)  # another name for the same bytes may lie outside the workspace
            before_hash = hashlib.sha256()
            os.lseek(fd, 0, os.SEEK_SET)
            last_byte = b""
            while chunk := os.read(fd, 1 << 20):
                before_hash.update(chunk)
                last_byte = chunk[-1:]
            before = now.st_size
            added = (("\n" if before and last_byte != b"\n" else "") + content + "\n").encode("utf-8")
            after_hash = before_hash.copy()
            after_hash.update(added)
            row = journal.begin("append", name, created=created, bytes_before=before,
                                sha256_before=before_hash.hexdigest(), added=added.decode("utf-8"),
                                bytes=before + len(added), sha256=after_hash.hexdigest(), workspace=str(workspace()))
            os.lseek(fd, 0, os.SEEK_END)
            view = memoryview(added)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    journal.finish(row)
    return _info(path, created=created)


@tool(destructive=True, summary="deleted {result[file]} (`kayas undo` brings it back)")
def delete_file(filename: str) -> dict:
    """Delete a file from the workspace, recoverably (moved to the trash; `kayas undo` restores it).

    Args:
        filename: The file's name or path inside the workspace.
    """
    name = relative(existing_file(filename))
    stored = uuid.uuid4().hex
    row = journal.begin("delete", name, stored=stored, workspace=str(workspace()))  # before the move: a kill loses nothing
    entry = trash.move_to_trash(name, stored=stored)
    journal.finish(row, trash_id=entry.id)
    return {"file": entry.original, "bytes": entry.size, "trashed": True, "undo": "kayas undo"}


@tool(summary="archived {result[archived_from]} as {result[file]}")
def archive_file(filename: str) -> dict:
    """Move a file into the workspace's archive folder.

    Args:
        filename: The file's name or path inside the workspace.
    """
    path = existing_file(filename)
    name = relative(path)
    if name.split("/", 1)[0] == ARCHIVE_DIR:
        raise KayasError(f"'{filename}' is already in the archive")
    target = resolve(f"{ARCHIVE_DIR}/{name}")
    stem, suffix, n = target.stem, target.suffix, 2
    while target.exists() or target.is_symlink():  # keep both: never overwrite an archived file
        tail = f" ({n}){suffix}"
        target = target.with_name(stem[: max(1, 255 - len(tail.encode()))] + tail)
        n += 1
    to = relative(target)
    row = journal.begin("archive", name, **{"from": name, "to": to, "archived_as": to, "workspace": str(workspace())})
    try:
        with beneath.parent(workspace(), name) as (sdir, sname), \
                beneath.parent(workspace(), to, create=True) as (tdir, tname):
            beneath.rename_noreplace(sdir, sname, tdir, tname)
            beneath.fsync_dir(tdir)
            beneath.fsync_dir(sdir)
    except FileExistsError:
        raise KayasError(f"'{to}' appeared while archiving; try again") from None
    journal.finish(row)
    return _info(target, archived_from=name)


@tool(read_only=True)
def read_file(filename: str) -> dict:
    """Read a text file in the workspace (long files are paged).

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise KayasError("filesystem.read_file is not built yet")


@tool(read_only=True)
def list_files(folder: str = "") -> dict:
    """List the files in the workspace, or in one of its folders.

    Args:
        folder: A folder inside the workspace; empty for the workspace itself.
    """
    raise KayasError("filesystem.list_files is not built yet")


@tool
def open_file(filename: str) -> dict:
    """Open a file of the workspace in its default application.

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise KayasError("filesystem.open_file is not built yet")


@tool
def move_file(filename: str, new_name: str) -> dict:
    """Rename a file or move it inside the workspace (`kayas undo` moves it back).

    Args:
        filename: The file's name or path inside the workspace.
        new_name: Its new name or path inside the workspace.
    """
    raise KayasError("filesystem.move_file is not built yet")
