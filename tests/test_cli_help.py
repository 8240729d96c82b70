"""Honest help: `--version`, `-h`, flags without a placeholder, one style for arguments, the
everyday commands first, and every option the README uses listed by --help."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from kayas.cli.main import main

KAYAS = str(Path(sys.executable).with_name("kayas"))
README = Path(__file__).resolve().parents[1] / "README.md"


def kayas(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("COLUMNS", "200")  # no wrapping: one help row a line
    monkeypatch.setattr(sys, "argv", ["kayas", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().out


def _commands(monkeypatch, capsys, *group: str) -> list[str]:
    """The commands a help page lists, in its order."""
    _, out = kayas(monkeypatch, capsys, *group, "--help")
    body = out.split("─ Commands ─", 1)[1] if "─ Commands ─" in out else ""
    return re.findall(r"^│ (\S+)\s{2,}", body, re.M)


def all_commands(monkeypatch, capsys) -> list[tuple[str, ...]]:
    found = []
    for name in _commands(monkeypatch, capsys):
        subs = _commands(monkeypatch, capsys, name)
        found += [(name, s) for s in subs] if subs else [(name,)]
    return found


def test_version_in_a_real_process():
    done = subprocess.run([KAYAS, "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"kayas {version('kayas')}\n")


def test_dash_h_is_help_everywhere(monkeypatch, capsys):
    code, out = kayas(monkeypatch, capsys, "-h")
    assert code == 0 and "Usage: kayas [OPTIONS] COMMAND" in out
    code, out = kayas(monkeypatch, capsys, "undo", "-h")
    assert code == 0 and "Usage: kayas undo [OPTIONS]" in out


def test_the_everyday_commands_come_first(monkeypatch, capsys):
    names = _commands(monkeypatch, capsys)
    assert names[:7] == ["run", "chat", "plan", "do", "undo", "tools", "doctor"]
    assert names.index("train") > names.index("serve")


def test_no_flag_shows_a_placeholder_and_arguments_have_one_style(monkeypatch, capsys):
    commands = all_commands(monkeypatch, capsys)
    assert len(commands) > 15
    for command in commands:
        code, out = kayas(monkeypatch, capsys, *command, "--help")
        assert code == 0, command
        assert "<bool>" not in out, command
        usage = out.split("Usage: ", 1)[1].splitlines()[0]
        assert "{" not in usage, (command, usage)  # COMMAND or [FILE], as click writes them
        for word in re.findall(r"(?:\[)?([A-Za-z_]+)(?:\])?", usage.split("[OPTIONS]", 1)[-1]):
            assert word.isupper() or word == "ARGS", (command, usage)


def test_every_option_the_readme_uses_is_in_help(monkeypatch, capsys):
    """Each `.venv/bin/kayas CMD ... --opt` in the README and docs/: --opt is listed by `kayas CMD --help`."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in [README, *sorted(README.parent.joinpath("docs").glob("*.md"))])
    pages: dict[tuple[str, ...], str] = {}
    checked = 0
    for line in text.splitlines():
        for m in re.finditer(r"kayas ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?(.*?)(?=`|kayas |$)", line):
            first, second, rest = m.group(1), m.group(2), m.group(3)
            command = (first, second) if second and _is_group(first) else (first,)
            if second and not _is_group(first):  # prose after the command, e.g. "kayas chat session"
                rest = second + rest
            if command not in pages:
                code, out = kayas(monkeypatch, capsys, *command, "--help")
                if code != 0:
                    continue
                pages[command] = out
            for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", rest):
                assert option in pages[command], f"`kayas {' '.join(command)} --help` does not list {option}"
                checked += 1
    assert checked > 10


def _is_group(name: str) -> bool:
    """A command with subcommands (kayas bench plan, kayas tokens add, ...), as the CLI itself says."""
    import typer

    from kayas.cli.main import app

    command = typer.main.get_command(app).commands.get(name)  # type: ignore[attr-defined]
    return hasattr(command, "commands")  # a group (typer may bring its own click: no isinstance)


def test_train_help_lists_the_options_the_readme_uses(monkeypatch, capsys):
    code, out = kayas(monkeypatch, capsys, "train", "--help")
    assert code == 0
    for option in ("--max-steps", "--lora-r", "--learning-rate", "--data", "--out", "--print-config"):
        assert option in out
