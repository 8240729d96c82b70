"""The system clipboard through the platform's own tools (wl-copy, xclip, xsel, pbcopy, Windows).

Talking to the tools, rather than to a GUI toolkit, keeps Kayas free of a display library
and works the same in a terminal, a service and a test under Xvfb.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from kayas.errors import KayasError

TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Backend:
    name: str
    copy: list[str]
    paste: list[str]


def _backends() -> list[Backend]:
    if sys.platform.startswith("win"):
        ps = "powershell.exe"
        return [Backend("windows", [ps, "-NoProfile", "-Command", "$input | Set-Clipboard"],
                        [ps, "-NoProfile", "-Command", "Get-Clipboard -Raw"])]
    if sys.platform == "darwin":
        return [Backend("pbcopy", ["pbcopy"], ["pbpaste"])]
    found = []
    if os.environ.get("WAYLAND_DISPLAY"):
        found.append(Backend("wl-clipboard", ["wl-copy"], ["wl-paste", "--no-newline"]))
    if os.environ.get("DISPLAY"):
        found.append(Backend("xclip", ["xclip", "-selection", "clipboard", "-in"],
                             ["xclip", "-selection", "clipboard", "-out"]))
        found.append(Backend("xsel", ["xsel", "--clipboard", "--input"], ["xsel", "--clipboard", "--output"]))
    return found


def backend() -> Backend:
    """The first clipboard tool that is installed for this session, or a clear error."""
    candidates = _backends()
    for b in candidates:
        if shutil.which(b.copy[0]) and shutil.which(b.paste[0]):
            return b
    if not candidates:
        raise KayasError("no clipboard: no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)")
    tools = ", ".join(b.copy[0] for b in candidates)
    raise KayasError(f"no clipboard tool installed: install one of {tools}")


def copy(text: str) -> str:
    """Put ``text`` on the clipboard; returns the backend's name."""
    b = backend()
    # xclip/xsel fork a child that serves the selection and keeps the inherited output
    # open, so output goes to a file, never to a pipe we would wait on.
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(b.copy, input=text.encode("utf-8"), stdout=subprocess.DEVNULL,
                                  stderr=errors, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise KayasError(f"clipboard: {b.name} did not answer within {TIMEOUT_S:g} s") from None
        if done.returncode != 0:
            errors.seek(0)
            why = errors.read().decode("utf-8", errors="replace").strip().splitlines()
            raise KayasError(f"clipboard: {b.name} failed: {why[-1] if why else f'exit code {done.returncode}'}")
    return b.name


def paste() -> str:
    """The clipboard's text ('' when it holds none)."""
    b = backend()
    try:
        done = subprocess.run(b.paste, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise KayasError(f"clipboard: {b.name} did not answer within {TIMEOUT_S:g} s") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", errors="replace").lower()
        if "not available" in why or "no selection" in why or "nothing is copied" in why or not why.strip():
            return ""  # an empty clipboard, not a failure
        raise KayasError(f"clipboard: {b.name} failed: {why.strip().splitlines()[-1]}")
    text = done.stdout.decode("utf-8", errors="replace")
    return text[:-2] if b.name == "windows" and text.endswith("\r\n") else text
