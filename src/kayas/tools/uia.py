"""Other applications, read and driven through the accessibility API (the Eyes).

Each tool is a thin call on the platform's backend (``kayas.eyes``); the backend is made once
per process, so the calls of one plan share its bus connection and window list.
"""
from __future__ import annotations

from pathlib import Path

from kayas.backends import journal, trash
from kayas.backends.paths import relative, resolve
from kayas.errors import KayasError
from kayas.eyes import get_backend
from kayas.registry import TextOut, tool
from kayas.settings import workspace


def _windows(args: dict, titles: list) -> str:
    if not titles:
        return "no window is open"
    return "\n".join([f"{len(titles)} window{'s' if len(titles) != 1 else ''} open:"] + [f"  {t}" for t in titles])


def _typed(args: dict, r: dict) -> str:
    where = f"'{r['field']}' of {r['window']}"
    return f"typed {r['chars']} characters into {where}" if "chars" in r else f"{where} now reads: {r.get('text', '')}"


def _found(args: dict, r: dict) -> str:
    if not r.get("open"):
        return f"no window called '{r.get('title', args['title'])}' is open"
    return f"'{r.get('title', args['title'])}' is open"


@tool(summary="pressed '{result[button]}' in {result[window]}", phrase="click '{button_text}' in {window_title}")
def click_button(window_title: str, button_text: str) -> dict:
    """Press a button in a window through the accessibility API.

    Args:
        window_title: The window's title, e.g. Settings.
        button_text: The button's text, e.g. OK.
    """
    return get_backend().click_button(window_title, button_text)


@tool(summary=_typed, phrase=lambda a: f"type '{a['text']}' into " + (f"the {a['field']} field of " if a.get("field") else "") + a["window_title"])
def type_text(window_title: str, text: str, field: str = "") -> dict:
    """Type text into a field of a window.

    Args:
        window_title: The window's title.
        text: The text to type.
        field: The field's label, name or placeholder; empty for the focused field.
    """
    return get_backend().type_text(window_title, text, field)


@tool(destructive=True, summary="closed {result[window]}", phrase="close the {window_title} window")
def close_window(window_title: str) -> dict:
    """Close a window.

    Args:
        window_title: The window's title.
    """
    return get_backend().close_window(window_title)


@tool(read_only=True, summary=_windows, phrase="list the open windows", text=TextOut(lambda titles: "\n".join(titles), "the titles of the open windows"))
def list_windows() -> list:
    """The titles of the open windows."""
    return [w.title for w in get_backend().windows(refresh=True)]


@tool(read_only=True, summary="read the control tree of {window_title} (--verbose shows it)", phrase="read the controls of {window_title}")
def get_control_tree(window_title: str) -> dict:
    """The window's accessibility tree: role, name, states, bounds and children of each control.

    Args:
        window_title: The window's title.
    """
    return get_backend().control_tree(window_title).as_dict()


@tool(read_only=True, summary=_found, phrase="look for a window called {title}")
def find_window(title: str) -> dict:
    """Whether a window is open, and its details.

    Args:
        title: The window's title.
    """
    return get_backend().window_info(title)


IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def _image_path(filename: str) -> Path:
    """The file in the workspace; PNG unless the name says JPEG; never over an existing file (a -1, -2 ... name)."""
    path = resolve(filename)
    if not path.suffix:
        path = path.with_name(path.name + ".png")
    if path.suffix.lower() not in IMAGE_FORMATS:
        raise KayasError(f"a screenshot is a .png (or .jpg) file, not '{path.name}'")
    stem, n = path.stem, 1
    while path.exists() or path.is_symlink():
        path = path.with_name(f"{stem}-{n}{path.suffix}")
        n += 1
    return path


def _shot(args: dict, r: dict) -> str:
    what = f"the window '{r['window']}'" if r["window"] else "the screen"
    return f"saved a screenshot of {what} as {r['file']} ({r['width']}x{r['height']})"


@tool(summary=_shot, phrase=lambda a: f"take a screenshot {'of ' + a['window_title'] + ' ' if a.get('window_title') else ''}called {a['filename']}")
def screenshot(filename: str, window_title: str = "") -> dict:
    """Save a screenshot of the screen, or of one window, in the workspace.

    Args:
        filename: The image file's name inside the workspace, e.g. screen.png.
        window_title: The window to capture; empty for the whole screen.
    """
    path = _image_path(filename)
    image, window = get_backend().screenshot(window_title)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as fh:  # "x": a file that appeared meanwhile is not overwritten
        image.save(fh, IMAGE_FORMATS[path.suffix.lower()])
    journal.record("create", relative(path), path=str(path), bytes=path.stat().st_size,
                   sha256=trash.sha256_of(path), workspace=str(workspace()))  # `kayas undo` removes it
    return {"file": relative(path), "path": str(path), "window": window, "width": image.width,
            "height": image.height}
