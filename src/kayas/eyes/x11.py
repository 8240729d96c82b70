"""X11 for what AT-SPI cannot do: close a window, and capture the screen or one window's pixels.

A window is found by its application's process id (``_NET_WM_PID``) and its title. Closing sends
it a ``WM_DELETE_WINDOW`` message; the application then closes it as if the user had clicked the
close button (it may still ask to save first). Capturing reads the root window's pixels in the
window's rectangle (what is on screen there). Works with or without a window manager. Wayland has
no such means for outsiders, hence the errors there.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kayas.eyes.base import EyesError


@contextmanager
def _display(doing: str) -> Iterator[Any]:
    """A connection to the X server, closed afterwards; EyesError where there is none."""
    if not os.environ.get("DISPLAY"):
        raise EyesError(f"{doing} needs an X11 display (DISPLAY is unset; Wayland has no way for other programs to do it)")
    try:
        from Xlib import display, error
    except ImportError:
        raise EyesError(f"{doing} needs python-xlib: pip install python-xlib") from None
    try:
        d = display.Display()
    except (error.DisplayError, error.ConnectionClosedError) as exc:
        raise EyesError(f"cannot open the X display {os.environ['DISPLAY']}: {exc}") from None
    try:
        yield d
    finally:
        d.close()


def _client_windows(d: Any, title: str, pid: int | None) -> list[Any]:
    """The X windows with this title (of this process, if known), viewable ones first."""
    from Xlib import X

    atom = {n: d.intern_atom(n) for n in ("_NET_WM_PID", "_NET_WM_NAME", "UTF8_STRING")}
    found = []
    stack = [d.screen().root]
    while stack:  # client windows may sit under a window manager's frames
        for w in stack.pop().query_tree().children:
            stack.append(w)
            owner = w.get_full_property(atom["_NET_WM_PID"], X.AnyPropertyType)
            if pid is not None and (owner is None or owner.value[0] != pid):
                continue
            name = w.get_full_property(atom["_NET_WM_NAME"], atom["UTF8_STRING"])
            wm_name = name.value.decode("utf-8", "replace") if name else (w.get_wm_name() or "")
            if wm_name == title:
                found.append(w)
    return sorted(found, key=lambda w: w.get_attributes().map_state != X.IsViewable)


def close_x11_window(title: str, pid: int | None) -> None:
    from Xlib import X, protocol

    with _display("closing a window") as d:
        closing = d.intern_atom("WM_DELETE_WINDOW")
        found = [w for w in _client_windows(d, title, pid) if closing in (w.get_wm_protocols() or [])]
        if not found:
            raise EyesError(f"cannot close '{title}': no X11 window with that title accepts a close request")
        message = protocol.event.ClientMessage(
            window=found[0], client_type=d.intern_atom("WM_PROTOCOLS"),
            data=(32, [closing, X.CurrentTime, 0, 0, 0]),
        )
        found[0].send_event(message, event_mask=X.NoEventMask)
        # A round trip, not just a flush: a server that sees the connection close may drop requests it has
        # not read yet; under load it often did, and the window stayed open (the CI failure of issue 19).
        d.sync()


def capture_x11(title: str | None = None, pid: int | None = None) -> Any:
    """The screen, or the on-screen area of the window with this title, as a Pillow RGB image."""
    from PIL import Image
    from Xlib import X

    with _display("a screenshot") as d:
        root = d.screen().root
        screen = root.get_geometry()
        x, y, width, height = 0, 0, screen.width, screen.height
        if title is not None:
            found = _client_windows(d, title, pid)
            if not found or found[0].get_attributes().map_state != X.IsViewable:
                raise EyesError(f"cannot capture '{title}': no X11 window with that title is shown")
            where = found[0].translate_coords(root, 0, 0)  # the root's origin seen from the window
            geometry = found[0].get_geometry()
            x, y, width, height = -where.x, -where.y, geometry.width, geometry.height
            x0, y0 = max(x, 0), max(y, 0)  # only what is on screen
            width, height = min(x + width, screen.width) - x0, min(y + height, screen.height) - y0
            x, y = x0, y0
            if width <= 0 or height <= 0:
                raise EyesError(f"cannot capture '{title}': the window is off screen")
        image = root.get_image(x, y, width, height, X.ZPixmap, 0xFFFFFFFF)
        depth = d.screen().root_depth
    if depth not in (24, 32):
        raise EyesError(f"screenshots need a 24-bit display (this one has {depth} bits per pixel)")
    return Image.frombytes("RGB", (width, height), image.data, "raw", "BGRX")
