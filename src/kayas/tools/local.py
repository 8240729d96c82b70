"""Local search over the workspace and configured folders."""
from __future__ import annotations

from kayas.backends import search_index
from kayas.registry import tool


@tool(read_only=True)
def search(query: str) -> list:
    """Find local files by name and content, best matches first.

    Args:
        query: The words to look for in file names and contents.
    """
    return search_index.search(query)
