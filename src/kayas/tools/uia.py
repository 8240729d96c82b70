"""Other applications, read and driven through the accessibility API (the Eyes)."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool
def click_button(window_title: str, button_text: str) -> dict:
    """Press a button in a window through the accessibility API.

    Args:
        window_title: The window's title, e.g. Settings.
        button_text: The button's text, e.g. OK.
    """
    raise NotAvailableYet("uia.click_button")


@tool
def type_text(window_title: str, text: str, field: str = "") -> dict:
    """Type text into a field of a window.

    Args:
        window_title: The window's title.
        text: The text to type.
        field: The field's label, name or placeholder; empty for the focused field.
    """
    raise NotAvailableYet("uia.type_text")


@tool(destructive=True)
def close_window(window_title: str) -> dict:
    """Close a window.

    Args:
        window_title: The window's title.
    """
    raise NotAvailableYet("uia.close_window")


@tool
def list_windows() -> list:
    """The titles of the open windows."""
    raise NotAvailableYet("uia.list_windows")


@tool
def get_control_tree(window_title: str) -> dict:
    """The window's accessibility tree: role, name, states, bounds and children of each control.

    Args:
        window_title: The window's title.
    """
    raise NotAvailableYet("uia.get_control_tree")


@tool
def find_window(title: str) -> dict:
    """Whether a window is open, and its details.

    Args:
        title: The window's title.
    """
    raise NotAvailableYet("uia.find_window")
