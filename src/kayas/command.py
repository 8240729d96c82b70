"""A command as the planner takes it: text on one line, checked once.

`clean_command` returns a `CleanCommand`; handing that back to it returns it as it is, so one
`kayas run` cleans the command once however many layers (the CLI, the Assistant, the planner)
make sure of it.
"""
from __future__ import annotations

import unicodedata

from kayas.errors import KayasError

MAX_COMMAND_CHARS = 2000  # longer commands are refused: no one says 2,000 characters


class CommandError(KayasError):
    """The command cannot be planned: empty, too long or not text."""


class CleanCommand(str):
    """A command already through `clean_command`."""

    __slots__ = ()


def clean_command(command: str | bytes, max_chars: int = MAX_COMMAND_CHARS) -> CleanCommand:
    """The command as text on one line; a CommandError for empty, overlong or binary input."""
    if isinstance(command, CleanCommand) and len(command) <= max_chars:
        return command
    if isinstance(command, bytes):
        command = command.decode("utf-8", errors="replace")
    if "\x00" in command:
        raise CommandError("the command is not text (it contains NUL bytes)")
    text = command.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates from odd terminals
    junk = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\t\n\r"))
    if text and junk > max(2, len(text) // 10):
        raise CommandError("the command is not text (mostly control or undecodable characters)")
    text = " ".join("".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\t\n\r").split())
    if not text:
        raise CommandError("empty command: say what to do, e.g. kayas plan \"create a todo list\"")
    if len(text) > max_chars:
        raise CommandError(f"the command is too long ({len(text)} characters; the limit is {max_chars})")
    return CleanCommand(text)
