"""Text safe for a terminal: control characters shown, never obeyed.

File names, command output and web pages reach the terminal inside Kayas's sentences. A
control character in them could act there: OSC 52 writes the clipboard, OSC 0 the window
title, CSI sequences move the cursor and rewrite lines already printed, a carriage return
hides what came before it. ``printable`` writes every C0 and C1 control character (and DEL)
but newline and tab as a visible escape (``\\x1b``), so they are seen and do nothing.
"""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _shown(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str) -> str:
    """``text`` with its control characters (but newline and tab) written as ``\\xNN``."""
    return _CONTROL.sub(_shown, text)
