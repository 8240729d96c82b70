"""The one gate between a file name from a plan and a real path: inside the workspace or refused.

A plan comes from a language model, so every name is untrusted. A name must be relative,
must not climb out with ``..``, and must not go through a symlink at all (a link in the
workspace can be re-pointed by any command that writes there); files with other hard links
are refused too. The workspace's own bookkeeping folder (the trash) is off limits to tools.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from kayas.backends.beneath import single_link
from kayas.errors import KayasError
from kayas.settings import workspace

TRASH_DIR = ".trash"
ARCHIVE_DIR = "archive"
MAX_DEPTH = 64  # folders in one name: deeper trees are no one's notes, and every walk stays short
MAX_NAME_CHARS = 4096


class PathRefused(KayasError):
    """A file name that would touch something outside the workspace (or its trash)."""


def _parts(name: str) -> tuple[str, ...]:
    """The name's components, read with both separators so `a\\..\\b` is caught everywhere."""
    return PureWindowsPath(name).parts if "\\" in name else PurePosixPath(name).parts


def check_name(name: str) -> None:
    """Refuse names that are not a plain relative path, before touching the disk."""
    if not name or not name.strip():
        raise PathRefused("empty file name")
    if "\x00" in name:
        raise PathRefused("file name contains a NUL character")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        raise PathRefused(f"absolute paths are not allowed: '{name}' (file tools work inside the workspace)")
    if name.startswith("~"):
        raise PathRefused(f"'~' paths are not allowed: '{name}' (file tools work inside the workspace)")
    if len(name) > MAX_NAME_CHARS:
        raise PathRefused(f"file name too long ({len(name)} characters; at most {MAX_NAME_CHARS})")
    parts = _parts(name)
    if len(parts) > MAX_DEPTH:
        raise PathRefused(f"file name has too many folders ({len(parts)}; at most {MAX_DEPTH})")
    if ".." in parts:
        raise PathRefused(f"'..' is not allowed in file names: '{name}' (it would leave the workspace)")
    if parts and parts[0] == TRASH_DIR:
        raise PathRefused(f"'{name}' is in the trash; use `kayas undo` to restore deleted files")


def parts_of(name: str) -> list[str]:
    """The checked name's components inside the workspace ("a/./b" and "a\\b" alike), never empty."""
    check_name(name)
    parts = [p for p in _parts(name) if p not in ("", ".")]
    if not parts:
        raise PathRefused(f"'{name}' is the workspace itself, not a file")
    if parts[0] == TRASH_DIR:
        raise PathRefused(f"'{name}' is in the trash; use `kayas undo` to restore deleted files")
    return parts


def relative_name(name: str) -> str:
    """The checked name as a workspace-relative path with forward slashes (what the journal keeps)."""
    return "/".join(parts_of(name))


def resolve(name: str) -> Path:
    """The path for ``name`` inside the workspace, or PathRefused naming the problem.

    No symlink is followed: a name that goes through one (a folder on the way, or the file
    itself) is refused, wherever it points, since a link inside the workspace can be pointed
    elsewhere at any time by a command that may write there. The operations themselves are
    resolved again without following links (kayas.backends.beneath), so a link swapped in
    after this check is refused too.
    """
    parts = parts_of(name)
    root = workspace()
    here = root
    for part in parts:
        here = here / part
        try:
            st = os.lstat(here)
        except (FileNotFoundError, NotADirectoryError):
            break
        except OSError as exc:
            raise PathRefused(f"'{name}' cannot be looked at: {exc.strerror}") from None
        if stat.S_ISLNK(st.st_mode):
            raise PathRefused(_through_link(name, here, root))
        if not stat.S_ISDIR(st.st_mode):
            break
    return root.joinpath(*parts)


def _through_link(name: str, link: Path, root: Path) -> str:
    try:
        inside = os.path.realpath(link).startswith(str(root) + os.sep)
    except (OSError, RecursionError, ValueError):
        inside = False
    if not inside:
        return f"'{name}' leads outside the workspace (through a symlink)"
    return f"'{name}' goes through a symlink; Kayas never follows links in the workspace"


def relative(path: Path) -> str:
    """A workspace path as the user would name it (forward slashes)."""
    return path.relative_to(workspace()).as_posix()


def existing_file(name: str) -> Path:
    """Resolve ``name`` and insist that it is an existing regular file with no other hard link."""
    path = resolve(name)
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise KayasError(f"no such file in the workspace: '{name}'") from None
    if stat.S_ISDIR(st.st_mode):
        raise KayasError(f"'{name}' is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise KayasError(f"'{name}' is not a regular file")
    single_link(st, name)
    return path
