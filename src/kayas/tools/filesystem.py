"""Files inside the workspace: create, append, delete (recoverably), archive, read, list, open, move.

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

from kayas.backends import beneath, file_text, journal, opener, trash
from kayas.backends.beneath import single_link
from kayas.backends.paths import ARCHIVE_DIR, TRASH_DIR, PathRefused, existing_file, relative, resolve
from kayas.errors import KayasError
from kayas.registry import TextOut, tool
from kayas.settings import workspace


def _info(path: Path, **extra: object) -> dict:
    return {"file": relative(path), "path": str(path), "bytes": os.lstat(path).st_size, **extra}


def _created(args: dict, r: dict) -> str:
    size = r["bytes"]
    return f"created {r['file']}" + (f" ({size} byte{'s' if size != 1 else ''})" if size else " (empty)")


def _appended(args: dict, r: dict) -> str:
    return f"added a line to {r['file']}" + (" (a new file)" if r.get("created") else "")


@tool(summary=_created, phrase=lambda a: f"create {a['filename']}" + (f" containing '{a['content']}'" if a.get("content") else ""))
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
            beneath.write_all(fd, data)
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


@tool(summary=_appended, phrase="add '{content}' to {filename}")
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
            beneath.write_all(fd, added)
            os.fsync(fd)
        finally:
            os.close(fd)
    journal.finish(row)
    return _info(path, created=created)


@tool(destructive=True, summary="deleted {result[file]} (`kayas undo` brings it back)", phrase="delete {filename}")
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


@tool(summary="archived {result[archived_from]} as {result[file]}", phrase="archive {filename}")
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
    _rename_journaled("archive", name, to, f"'{to}' appeared while archiving; try again", archived_as=to)
    return _info(target, archived_from=name)


def _rename_journaled(kind: journal.Kind, name: str, to: str, taken: str, **detail: str) -> None:
    """Rename ``name`` to ``to`` beneath the workspace, never over a file (``taken`` says so), with the
    journal's intent written first: a kill between the two leaves nothing that undo cannot explain."""
    row = journal.begin(kind, name, **{"from": name, "to": to, **detail, "workspace": str(workspace())})
    try:
        with beneath.parent(workspace(), name) as (sdir, sname), \
                beneath.parent(workspace(), to, create=True) as (tdir, tname):
            beneath.rename_noreplace(sdir, sname, tdir, tname)
            beneath.fsync_dir(tdir)
            beneath.fsync_dir(sdir)
    except FileExistsError:
        raise KayasError(taken) from None
    except OSError as exc:  # a file where a folder of the new name should be, a full disk, ...
        raise KayasError(f"could not move '{name}' to '{to}': {exc.strerror or exc}") from None
    journal.finish(row)


def _read(args: dict, r: dict) -> str:
    head = f"{r['file']} is empty" if not r["text"] else f"{r['file']}:\n{r['text']}"
    if not r["complete"]:
        more = r["more_lines"]
        rest = f"{more} more line{'s' if more != 1 else ''}" if more else "the rest of the line"
        head += f"\n… {rest}: {r['how_to_read_more']}"
    return head


@tool(read_only=True, summary=_read, phrase="read {filename}", text=TextOut(lambda r: r["text"], "the text of {filename}"))
def read_file(filename: str) -> dict:
    """Read a text file in the workspace (long files are paged).

    Args:
        filename: The file's name or path inside the workspace.
    """
    path = existing_file(filename)
    page = file_text.first_page(path)
    return {
        "file": relative(path),
        "text": page.text,
        "lines": page.lines,
        "total_lines": page.total_lines,
        "more_lines": page.total_lines - page.lines,
        "complete": page.complete,
        "bytes": path.stat().st_size,
        "how_to_read_more": "" if page.complete else f"open it in its application (\"open {relative(path)}\") or read {path}",
    }


def _listed(args: dict, r: dict) -> str:
    where = r["folder"] or "the workspace"
    if not r["entries"]:
        return f"{where} is empty"
    lines = [f"{r['count']} in {where}:"] + [f"  {e['name']}" for e in r["entries"]]
    if r["count"] > len(r["entries"]):
        lines.append(f"  … and {r['count'] - len(r['entries'])} more")
    return "\n".join(lines)


LIST_LIMIT = 200  # entries shown; the count says how many there are


@tool(read_only=True, summary=_listed, text=TextOut(lambda r: "\n".join(e["name"] for e in r["entries"]), "the list of files"), phrase=lambda a: f"list the files in {a['folder']}" if a.get("folder") else "list the files in the workspace")
def list_files(folder: str = "") -> dict:
    """List the files in the workspace, or in one of its folders.

    Args:
        folder: A folder inside the workspace; empty for the workspace itself.
    """
    root = workspace()
    if folder.strip().strip("/\\") in ("", "."):
        path = root
    else:
        path = resolve(folder)
        if not path.exists():
            raise KayasError(f"no such folder in the workspace: '{folder}'")
        if not path.is_dir():
            raise KayasError(f"'{folder}' is a file, not a folder (read it with filesystem.read_file)")
    entries = []
    for child in sorted(path.iterdir(), key=lambda p: (not p.is_dir(), p.name.casefold())):
        if path == root and child.name == TRASH_DIR:
            continue  # Kayas's own bookkeeping; `kayas undo` brings deleted files back
        is_dir = child.is_dir() and not child.is_symlink()
        info = child.lstat()
        entries.append({"name": child.name + ("/" if is_dir else ""), "folder": is_dir,
                        "bytes": None if is_dir else info.st_size, "modified": int(info.st_mtime)})
    return {"folder": "" if path == root else relative(path), "count": len(entries), "entries": entries[:LIST_LIMIT]}


@tool(summary="opened {result[file]} in {result[application]}", phrase="open {filename}")
def open_file(filename: str) -> dict:
    """Open a file of the workspace in its default application.

    Args:
        filename: The file's name or path inside the workspace.
    """
    path = existing_file(filename)
    if opener.is_program(path):
        raise KayasError(f"'{relative(path)}' is a program, not a document; Kayas does not run programs from the workspace")
    opener.open_target(str(path), f"'{relative(path)}'")
    return {"file": relative(path), "path": str(path), "application": opener.default_application(str(path))}


def _target(source: Path, new_name: str) -> Path:
    """Where ``new_name`` puts the file: into a folder it names, else that name (keeping the extension
    when the new name has none: "rename notes.txt to ideas" gives ideas.txt)."""
    into_folder = new_name.rstrip().endswith(("/", "\\"))
    target = resolve(new_name.rstrip().rstrip("/\\") or new_name)
    if into_folder and (target.exists() or target.is_symlink()) and not target.is_dir():
        raise KayasError(f"'{relative(target)}' is a file, not a folder to move into")
    if into_folder or (target.is_dir() and not target.is_symlink()):
        return resolve(f"{relative(target)}/{source.name}")
    if not target.suffix and source.suffix:
        return target.with_name(target.name + source.suffix)
    return target


@tool(summary="moved {result[moved_from]} to {result[file]} (`kayas undo` moves it back)", phrase="move {filename} to {new_name}")
def move_file(filename: str, new_name: str) -> dict:
    """Rename a file or move it inside the workspace (`kayas undo` moves it back).

    Args:
        filename: The file's name or path inside the workspace.
        new_name: Its new name or path inside the workspace.
    """
    source = existing_file(filename)
    target = _target(source, new_name)
    if target == source:
        raise KayasError(f"'{relative(source)}' is already called that")
    if target.exists() or target.is_symlink():
        raise KayasError(f"'{relative(target)}' already exists in the workspace; not overwriting it")
    name, to = relative(source), relative(target)
    _rename_journaled("move", name, to, f"'{to}' already exists in the workspace; not overwriting it")
    return _info(target, moved_from=name)
