"""Files inside the workspace: create, append, delete (recoverably), archive.

Each change is written to the journal (kayas.backends.journal), so `kayas undo` can take
back the last command whatever it did to the files.
"""
from __future__ import annotations

from pathlib import Path

from kayas.backends import journal, trash
from kayas.backends.paths import ARCHIVE_DIR, existing_file, relative, resolve
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


@tool(summary=_created, phrase=lambda a: f"create {a['filename']}" + (f" containing '{a['content']}'" if a.get("content") else ""))
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


@tool(summary=_appended, phrase="add '{content}' to {filename}")
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


@tool(destructive=True, summary="deleted {result[file]} (`kayas undo` brings it back)", phrase="delete {filename}")
def delete_file(filename: str) -> dict:
    """Delete a file from the workspace, recoverably (moved to the trash; `kayas undo` restores it).

    Args:
        filename: The file's name or path inside the workspace.
    """
    entry = trash.move_to_trash(existing_file(filename))
    journal.record("delete", entry.original, trash_id=entry.id, workspace=str(workspace()))
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
        target = target.with_name(f"{stem} ({n}){suffix}")
        n += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    path.rename(target)
    journal.record("archive", name, path=str(target), from_path=str(path), archived_as=relative(target))
    return _info(target, archived_from=name)


@tool(read_only=True, phrase="read {filename}")
def read_file(filename: str) -> dict:
    """Read a text file in the workspace (long files are paged).

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise KayasError("filesystem.read_file is not built yet")


@tool(read_only=True, phrase=lambda a: f"list the files in {a['folder']}" if a.get("folder") else "list the files in the workspace")
def list_files(folder: str = "") -> dict:
    """List the files in the workspace, or in one of its folders.

    Args:
        folder: A folder inside the workspace; empty for the workspace itself.
    """
    raise KayasError("filesystem.list_files is not built yet")


@tool(phrase="open {filename}")
def open_file(filename: str) -> dict:
    """Open a file of the workspace in its default application.

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise KayasError("filesystem.open_file is not built yet")


@tool(phrase="move {filename} to {new_name}")
def move_file(filename: str, new_name: str) -> dict:
    """Rename a file or move it inside the workspace (`kayas undo` moves it back).

    Args:
        filename: The file's name or path inside the workspace.
        new_name: Its new name or path inside the workspace.
    """
    raise KayasError("filesystem.move_file is not built yet")
