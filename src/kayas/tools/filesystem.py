"""Files inside the workspace: create, append, delete (recoverably), archive."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool
def create_file(filename: str, content: str = "") -> dict:
    """Create a file in the workspace; refuses to overwrite an existing one.

    Args:
        filename: The file's name or path inside the workspace, e.g. todo.txt.
        content: The text to write into the new file.
    """
    raise NotAvailableYet("filesystem.create_file")


@tool
def append_file(filename: str, content: str) -> dict:
    """Append content to a file in the workspace as a new line.

    Args:
        filename: The file's name or path inside the workspace.
        content: The text to append.
    """
    raise NotAvailableYet("filesystem.append_file")


@tool(destructive=True)
def delete_file(filename: str) -> dict:
    """Delete a file from the workspace, recoverably (moved to the trash; `kayas undo` restores it).

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise NotAvailableYet("filesystem.delete_file")


@tool
def archive_file(filename: str) -> dict:
    """Move a file into the workspace's archive folder.

    Args:
        filename: The file's name or path inside the workspace.
    """
    raise NotAvailableYet("filesystem.archive_file")
