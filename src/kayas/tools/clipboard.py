"""The system clipboard, with a history of what was copied."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool
def copy_text(text: str) -> dict:
    """Put text on the clipboard.

    Args:
        text: The text to copy.
    """
    raise NotAvailableYet("clipboard.copy_text")


@tool
def paste_text() -> dict:
    """Read the text on the clipboard."""
    raise NotAvailableYet("clipboard.paste_text")


@tool
def get_history(limit: int = 10) -> list:
    """The last copied texts, newest first.

    Args:
        limit: How many entries to return.
    """
    raise NotAvailableYet("clipboard.get_history")
