"""Other applications, read and driven through the accessibility API (the Eyes).

Each tool is a thin call on the platform's backend (``kayas.eyes``); the backend is made once
per process, so the calls of one plan share its bus connection and window list.
"""
from __future__ import annotations

from kayas.eyes import get_backend
from kayas.registry import tool


@tool
def click_button(window_title: str, button_text: str) -> dict:
    """Press a button in a window through the accessibility API.

    Args:
        window_title: The window's title, e.g. Settings.
        button_text: The button's text, e.g. OK.
    """
    return get_backend().click_button(window_title, button_text)


@tool
def type_text(window_title: str, text: str, field: str = "") -> dict:
    """Type text into a field of a window.

    Args:
        window_title: The window's title.
        text: The text to type.
        field: The field's label, name or placeholder; empty for the focused field.
    """
    return get_backend().type_text(window_title, text, field)


@tool(destructive=True)
def close_window(window_title: str) -> dict:
    """Close a window.

    Args:
        window_title: The window's title.
    """
    return get_backend().close_window(window_title)


@tool(read_only=True)
def list_windows() -> list:
    """The titles of the open windows."""
    return [w.title for w in get_backend().windows(refresh=True)]


@tool(read_only=True)
def get_control_tree(window_title: str) -> dict:
    """The window's accessibility tree: role, name, states, bounds and children of each control.

    Args:
        window_title: The window's title.
    """
    return get_backend().control_tree(window_title).as_dict()


@tool(read_only=True)
def find_window(title: str) -> dict:
    """Whether a window is open, and its details.

    Args:
        title: The window's title.
    """
    return get_backend().window_info(title)
