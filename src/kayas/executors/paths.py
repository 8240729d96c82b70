"""File names from a plan, confined to the workspace: no absolute paths, no escape by '..' or links."""
from __future__ import annotations

from pathlib import Path, PurePath

from kayas.config import workspace
from kayas.errors import KayasError


class PathOutsideWorkspace(KayasError):
    """A plan named a file outside the workspace."""


def confine(filename: str) -> Path:
    """The absolute path of `filename` inside the workspace; its parent folders are created."""
    name = (filename or "").strip()
    if not name:
        raise PathOutsideWorkspace("a file name is required")
    pure = PurePath(name)
    if pure.is_absolute() or name.startswith("~") or ".." in pure.parts:
        raise PathOutsideWorkspace(f"'{filename}' is outside the workspace: give a name inside it, e.g. 'page.png'")
    root = workspace()
    path = (root / pure).resolve()
    if not path.is_relative_to(root):
        raise PathOutsideWorkspace(f"'{filename}' leads outside the workspace {root}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
