"""Files inside the workspace: create, append, delete (recoverably), archive, read, list, open, move.

Each change is written to the journal (kayas.backends.journal), so `kayas undo` can take
back the last command whatever it did to the files.
"""
from __future__ import annotations

from pathlib import Path

from kayas.backends import file_text, journal, opener, trash
from kayas.backends.paths import ARCHIVE_DIR, TRASH_DIR, existing_file, relative, resolve
from kayas.errors import KayasError
from kayas.registry import tool
from kayas.settings import workspace


def _as_left(path: Path) -> dict:
    """What undo checks before it touches the file again: where, how big, which bytes."""
    return {"path": str(path), "bytes": path.stat().st_size, "sha256": trash.sha256_of(path), "workspace": str(workspace())}


def _info(path: Path, **extra: object) -> dict:
    return {"file": relative(path), "path": str(path), "bytes": path.stat().st_size, **extra}


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
    if path.exists() or path.is_symlink():
        raise KayasError(f"'{filename}' already exists in the workspace; not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="") as fh:  # "x": fails rather than clobber
            fh.write(content)
    except FileExistsError:
        raise KayasError(f"'{filename}' already exists in the workspace; not overwriting it") from None
    journal.record("create", relative(path), **_as_left(path))
    return _info(path, created=True)


@tool(summary=_appended)
def append_file(filename: str, content: str) -> dict:
    """Append content to a file in the workspace as a new line.

    Args:
        filename: The file's name or path inside the workspace.
        content: The text to append.
    """
    path = resolve(filename)
    created = not path.exists()
    if not created and not path.is_file():
        raise KayasError(f"'{filename}' is a folder, not a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    before = 0 if created else path.stat().st_size
    with path.open("a+b") as fh:
        fh.seek(0, 2)
        needs_newline = False
        if fh.tell() > 0:
            fh.seek(-1, 2)
            needs_newline = fh.read(1) != b"\n"
        fh.write((("\n" if needs_newline else "") + content + "\n").encode("utf-8"))
    journal.record("append", relative(path), created=created, bytes_before=before, **_as_left(path))
    return _info(path, created=created)


@tool(destructive=True, summary="deleted {result[file]} (`kayas undo` brings it back)")
def delete_file(filename: str) -> dict:
    """Delete a file from the workspace, recoverably (moved to the trash; `kayas undo` restores it).

    Args:
        filename: The file's name or path inside the workspace.
    """
    entry = trash.move_to_trash(existing_file(filename))
    journal.record("delete", entry.original, trash_id=entry.id, workspace=str(workspace()))
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
        target = target.with_name(f"{stem} ({n}){suffix}")
        n += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    path.rename(target)
    journal.record("archive", name, path=str(target), from_path=str(path), archived_as=relative(target))
    return _info(target, archived_from=name)


def _read(args: dict, r: dict) -> str:
    head = f"{r['file']} is empty" if not r["text"] else f"{r['file']}:\n{r['text']}"
    if not r["complete"]:
        more = r["more_lines"]
        rest = f"{more} more line{'s' if more != 1 else ''}" if more else "the rest of the line"
        head += f"\n… {rest}: {r['how_to_read_more']}"
    return head


@tool(read_only=True, summary=_read)
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


@tool(read_only=True, summary=_listed)
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


@tool(summary="opened {result[file]} in {result[application]}")
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


@tool(summary="moved {result[moved_from]} to {result[file]} (`kayas undo` moves it back)")
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
    name = relative(source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
    except OSError as exc:  # a file where a folder of the new name should be, a full disk, ...
        raise KayasError(f"could not move '{name}' to '{relative(target)}': {exc.strerror or exc}") from None
    journal.record("move", name, path=str(target), from_path=str(source), moved_to=relative(target),
                   workspace=str(workspace()))
    return _info(target, moved_from=name)
