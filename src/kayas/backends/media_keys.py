"""Windows: the media keys, pressed through user32's keybd_event (whatever player listens for them).

Untested here (no Windows in CI); Windows has no way to ask which player is playing, so the
result says which key was pressed, not what the player did.
"""
from __future__ import annotations

import sys

from kayas.errors import KayasError

KEYS = {"play": (0xB3, "play/pause"), "pause": (0xB3, "play/pause"), "next": (0xB0, "next track"),
        "previous": (0xB1, "previous track")}  # VK_MEDIA_PLAY_PAUSE, VK_MEDIA_NEXT_TRACK, VK_MEDIA_PREV_TRACK
KEYEVENTF_EXTENDEDKEY, KEYEVENTF_KEYUP = 0x1, 0x2


def press(action: str) -> dict:
    if sys.platform != "win32":
        raise KayasError("media keys are pressed on Windows only; Linux uses MPRIS")
    if action not in KEYS:
        raise KayasError(f"the media action is play, pause, next or previous, got {action!r}")
    import ctypes

    code, name = KEYS[action]
    user32 = ctypes.windll.user32
    user32.keybd_event(code, 0, KEYEVENTF_EXTENDEDKEY, 0)
    user32.keybd_event(code, 0, KEYEVENTF_EXTENDEDKEY | KEYEVENTF_KEYUP, 0)
    return {"action": action, "key": name, "player": "the media keys", "status": "sent"}
