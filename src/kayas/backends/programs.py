"""Plain program names (as the brain says them) -> this platform's executable.

The contract uses the plain name (`chrome`, `notepad`, `code`, `calculator`, `terminal`);
each platform has its own executables for those, tried in order. Any other plain name is
looked up on PATH as it is.
"""
from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass, field

from kayas.errors import KayasError
from kayas.settings import load_section

# Aliases the user may say for the same program.
ALIASES: dict[str, str] = {
    "google chrome": "chrome", "google-chrome": "chrome", "chromium": "chrome",
    "vs code": "code", "vscode": "code", "visual studio code": "code",
    "calc": "calculator", "text editor": "notepad", "editor": "notepad",
    "console": "terminal", "shell": "terminal", "cmd": "terminal", "command prompt": "terminal",
    "file manager": "files", "explorer": "files", "file explorer": "files", "finder": "files",
    "microsoft edge": "edge", "mozilla firefox": "firefox",
}

CANDIDATES: dict[str, dict[str, list[str]]] = {
    "linux": {
        "chrome": ["google-chrome", "google-chrome-stable", "chromium", "chromium-browser"],
        "firefox": ["firefox", "firefox-esr"],
        "edge": ["microsoft-edge", "microsoft-edge-stable"],
        "code": ["code", "codium", "code-oss"],
        "notepad": ["gedit", "gnome-text-editor", "mousepad", "kate", "xed", "pluma", "leafpad", "featherpad"],
        "calculator": ["gnome-calculator", "kcalc", "galculator", "mate-calc", "qalculate-gtk", "xcalc"],
        "terminal": ["x-terminal-emulator", "gnome-terminal", "konsole", "xfce4-terminal", "mate-terminal", "xterm"],
        "files": ["nautilus", "dolphin", "thunar", "nemo", "pcmanfm", "caja"],
    },
    "win32": {
        "chrome": ["chrome.exe"],
        "firefox": ["firefox.exe"],
        "edge": ["msedge.exe"],
        "code": ["code.cmd", "code.exe"],
        "notepad": ["notepad.exe"],
        "calculator": ["calc.exe"],
        "terminal": ["wt.exe", "powershell.exe", "cmd.exe"],
        "files": ["explorer.exe"],
    },
    "darwin": {  # apps live in bundles: `open -a NAME`
        "chrome": ["open -a Google Chrome"],
        "firefox": ["open -a Firefox"],
        "edge": ["open -a Microsoft Edge"],
        "code": ["code", "open -a Visual Studio Code"],
        "notepad": ["open -a TextEdit"],
        "calculator": ["open -a Calculator"],
        "terminal": ["open -a Terminal"],
        "files": ["open -a Finder"],
    },
}

# Plain names that would do harm when started without arguments; run_command asks first.
REFUSED = {"shutdown", "reboot", "poweroff", "halt", "init", "telinit", "systemctl", "rm", "mkfs", "dd", "kill", "killall", "pkill"}

# Programs that run whatever they are given: started by a plan, they are asked about first.
SHELLS = {"sh", "bash", "dash", "zsh", "fish", "ksh", "csh", "tcsh", "busybox", "powershell", "pwsh", "cmd.exe"}
INTERPRETERS = {"python", "python3", "perl", "ruby", "node", "nodejs", "php", "lua", "tclsh", "wish", "osascript",
                "env", "xargs", "nohup", "setsid", "sudo", "su", "doas", "pkexec", "ssh", "nc", "ncat", "socat",
                "curl", "wget"}


@dataclass
class ProgramsConfig:
    """config.toml ``[programs]``: plain names start_program may run unasked, beyond the known applications."""

    allowed: list[str] = field(default_factory=list)


def known_applications() -> set[str]:
    """The plain names start_program runs unasked: the applications Kayas knows here, and [programs] allowed."""
    extra = {normalise(n) for n in load_section("programs", ProgramsConfig).allowed if isinstance(n, str)}
    return set(CANDIDATES[platform_key()]) | extra


def confirmation_needed(program: str) -> str | None:
    """Why starting ``program`` must be confirmed first (a shell, an interpreter, an unknown program), or None."""
    name = normalise(program)
    if name in known_applications():
        return None
    if name in SHELLS:
        what = "a shell: it runs whatever it is given, outside the sandbox"
    elif name in INTERPRETERS or re.match(r"^(python|perl|ruby|node|php|lua)[\d.]*$", name):
        what = "an interpreter or launcher: it runs whatever it is given, outside the sandbox"
    else:
        what = "not one of the applications Kayas knows"
    return (f"'{program.strip()}' is {what} (start_program runs known applications unasked; "
            "add one to [programs] allowed in config.toml)")


_PLAIN = re.compile(r"^[\w][\w .+-]*$")


def platform_key() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    return "darwin" if sys.platform == "darwin" else "linux"


def normalise(program: str) -> str:
    name = program.strip().lower()
    name = name[:-4] if name.endswith(".exe") else name
    return ALIASES.get(name, name)


def resolve_program(program: str) -> list[str]:
    """The argv that starts ``program`` here, or a KayasError saying it is not installed."""
    if not program.strip() or not _PLAIN.match(program.strip()):
        raise KayasError(f"program must be a plain name like firefox or notepad, got '{program}'")
    name = normalise(program)
    if name in REFUSED:
        raise KayasError(f"not starting '{program}' as a program; use process.run_command, which asks first")
    tried = CANDIDATES[platform_key()].get(name, [])
    if " " not in name and not tried:
        tried = [name]
    for candidate in tried:
        if candidate.startswith("open -a "):
            if shutil.which("open"):
                return ["open", "-a", candidate[len("open -a "):]]
            continue
        found = shutil.which(candidate)
        if found:
            return [found]
    looked = ", ".join(tried) or name
    raise KayasError(f"program '{program}' is not installed (looked for: {looked})")
