"""Hand a file or a web address to the desktop's default application, as a double-click would.

Linux and the BSDs: ``xdg-open`` (xdg-utils), which follows the user's mimeapps.list; macOS:
``open``; Windows: ``os.startfile`` (the Windows path is not tested here). The application is
started in its own session, so it outlives Kayas; ``xdg-open`` often waits for the application
to close, so it is given ``SETTLE_S`` to fail and counted as started if it has not by then.
Without a display nothing is started: ``xdg-open`` would fall back to a text browser in the
terminal Kayas runs in. Programs are never "opened" (``is_program``): Windows would run them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kayas.errors import KayasError

SETTLE_S = 1.5
# xdg-open's exit codes (xdg-utils' man page), in words.
XDG_OPEN_FAILURES = {1: "bad arguments", 2: "the file does not exist", 3: "a required tool is missing",
                     4: "no application could open it"}


class OpenFailed(KayasError):
    """No application could be started for the file or address; the reason in words."""


# What "opening" would run rather than show: Windows runs these, and desktops launch .desktop files.
PROGRAM_SUFFIXES = frozenset(
    ".exe .com .bat .cmd .msi .msp .ps1 .psm1 .vbs .vbe .js .jse .wsf .wsh .scr .pif .cpl .hta .lnk .reg .jar "
    ".desktop .sh .bash .run .appimage .command .app .pkg .deb .rpm".split()
)


def is_program(path: Path) -> bool:
    """Whether handing ``path`` to the default application would run it: a program's extension, or
    (POSIX) the executable bit. A plan comes from a model, so "open setup.exe" must not launch anything."""
    if path.suffix.lower() in PROGRAM_SUFFIXES:
        return True
    return os.name == "posix" and path.is_file() and os.access(path, os.X_OK)


def display_missing() -> str | None:
    """Why no window can be shown here, or None."""
    if sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "there is no display to show it on (DISPLAY and WAYLAND_DISPLAY are unset)"


def default_application(target: str, mime: str | None = None) -> str:
    """The name of the application the desktop will use (best effort; a generic phrase when unknown)."""
    if sys.platform in ("win32", "darwin") or not shutil.which("xdg-mime"):
        return "its default application"
    try:
        if mime is None:
            mime = subprocess.run(["xdg-mime", "query", "filetype", target], capture_output=True, text=True,
                                  timeout=5).stdout.split(";")[0].strip()
        desktop = subprocess.run(["xdg-mime", "query", "default", mime], capture_output=True, text=True,
                                 timeout=5).stdout.strip() if mime else ""
    except (OSError, subprocess.TimeoutExpired):
        return "its default application"
    return desktop.removesuffix(".desktop") or "its default application"


def open_target(target: str, what: str) -> None:
    """Start the default application for ``target`` (a path or an http(s) address), or OpenFailed."""
    if sys.platform == "win32":
        try:
            getattr(os, "startfile")(target)  # noqa: B009 (Windows only; mypy on Linux does not know it)
        except OSError as exc:
            raise OpenFailed(f"Windows could not open {what}: {exc.strerror or exc}") from None
        return
    why_not = display_missing()
    if why_not:
        raise OpenFailed(f"cannot open {what}: {why_not}")
    program = "open" if sys.platform == "darwin" else "xdg-open"
    if not shutil.which(program):
        raise OpenFailed(f"cannot open {what}: {program} is not installed (apt-get install xdg-utils)")
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([program, target], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=errors, start_new_session=True)
        try:
            code = proc.wait(SETTLE_S)
        except subprocess.TimeoutExpired:
            return  # still running: the application it started is open (xdg-open waits for some)
        if code == 0:
            return
        errors.seek(0)
        said = " ".join(errors.read().decode(errors="replace").split())[:300]
    reason = XDG_OPEN_FAILURES.get(code, f"exit status {code}") if program == "xdg-open" else f"exit status {code}"
    raise OpenFailed(f"{program} could not open {what}: {reason}" + (f" ({said})" if said else ""))
