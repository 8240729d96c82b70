"""The one gate between a file name from a plan and a real path: inside the workspace or refused.

A plan comes from a language model, so every name is untrusted. A name must be relative,
must not climb out with ``..``, and must not reach outside through a symlink: the name is
resolved (following every symlink that exists) and the result must still lie inside the
workspace. The workspace's own bookkeeping folder (the trash) is off limits to tools.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from kayas.errors import KayasError
from kayas.settings import workspace

TRASH_DIR = ".trash"
ARCHIVE_DIR = "archive"


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
    parts = _parts(name)
    if ".." in parts:
        raise PathRefused(f"'..' is not allowed in file names: '{name}' (it would leave the workspace)")
    if parts and parts[0] == TRASH_DIR:
        raise PathRefused(f"'{name}' is in the trash; use `kayas undo` to restore deleted files")


def resolve(name: str) -> Path:
    """The path for ``name`` inside the workspace, or PathRefused naming the problem.

    The folders on the way are resolved through any symlinks and must stay inside; the
    last component is kept as named (so deleting a link moves the link), but if it is a
    symlink its target must lie inside too.
    """
    check_name(name)
    parts = _parts(name)
    if not parts:
        raise PathRefused(f"'{name}' is the workspace itself, not a file")
    root = workspace()
    parent = root.joinpath(*parts[:-1]).resolve()
    if not parent.is_relative_to(root):
        raise PathRefused(f"'{name}' leads outside the workspace (through a symlink)")
    target = parent / parts[-1]
    if target.is_symlink() and not target.resolve().is_relative_to(root):
        raise PathRefused(f"'{name}' leads outside the workspace (through a symlink)")
    inside = target.relative_to(root).parts
    if not inside:
        raise PathRefused(f"'{name}' is the workspace itself, not a file")
    if inside[0] == TRASH_DIR:
        raise PathRefused(f"'{name}' is in the trash; use `kayas undo` to restore deleted files")
    return target


def relative(path: Path) -> str:
    """A workspace path as the user would name it (forward slashes)."""
    return path.relative_to(workspace()).as_posix()


def existing_file(name: str) -> Path:
    """Resolve ``name`` and insist that it is an existing regular file."""
    path = resolve(name)
    if not path.exists():
        raise KayasError(f"no such file in the workspace: '{name}'")
    if not path.is_file():
        raise KayasError(f"'{name}' is a folder, not a file")
    return path
