"""Closing a window on X11: AT-SPI has no "close", so send what the title bar's close button sends.

The window is found by its application's process id (``_NET_WM_PID``) and its title, and
gets a ``WM_DELETE_WINDOW`` message; the application then closes it as if the user had
clicked the close button (it may still ask to save first). Works with or without a window
manager. Wayland has no such message for outsiders, hence the error there.
"""
from __future__ import annotations

import os

from kayas.eyes.base import EyesError


def close_x11_window(title: str, pid: int | None) -> None:
    if not os.environ.get("DISPLAY"):
        raise EyesError("closing a window needs an X11 display (DISPLAY is unset; Wayland has no way for other "
                        "programs to close a window)")
    try:
        from Xlib import X, display, error, protocol
    except ImportError:
        raise EyesError("closing a window needs python-xlib: pip install python-xlib") from None
    try:
        d = display.Display()
    except (error.DisplayError, error.ConnectionClosedError) as exc:
        raise EyesError(f"cannot open the X display {os.environ['DISPLAY']}: {exc}") from None
    try:
        atom = {n: d.intern_atom(n) for n in ("_NET_WM_PID", "_NET_WM_NAME", "UTF8_STRING", "WM_PROTOCOLS",
                                              "WM_DELETE_WINDOW")}
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
                if wm_name == title and atom["WM_DELETE_WINDOW"] in (w.get_wm_protocols() or []):
                    found.append(w)
        if not found:
            raise EyesError(f"cannot close '{title}': no X11 window with that title accepts a close request")
        mapped = [w for w in found if w.get_attributes().map_state == X.IsViewable] or found
        message = protocol.event.ClientMessage(
            window=mapped[0], client_type=atom["WM_PROTOCOLS"],
            data=(32, [atom["WM_DELETE_WINDOW"], X.CurrentTime, 0, 0, 0]),
        )
        mapped[0].send_event(message, event_mask=X.NoEventMask)
        # A round trip, not just a flush: a server that sees the connection close may drop requests it has
        # not read yet; under load it often did, and the window stayed open (the CI failure of issue 19).
        d.sync()
    finally:
        d.close()
