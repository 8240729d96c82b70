"""The README's quick start runs as written: every fenced command, in order, in a fresh workspace,
exits as its comment says (0 unless it says "exit code N") and prints the "✓ ..." it promises."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
KAYAS = str(Path(sys.executable).with_name("kayas"))


def quick_start() -> list[tuple[str, str]]:
    """(command, comment) for each line of the first fenced block of "## Quick start"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "the quick start has no ```bash block"
    rows = []
    for line in block.group(1).splitlines():
        command, _, comment = line.partition("  #")
        if command.strip():
            rows.append((command.strip(), comment.strip()))
    return rows


def expected_exit(comment: str) -> int:
    found = re.search(r"exit code (\d)", comment)
    return int(found.group(1)) if found else 0


def promised(comment: str) -> str | None:
    """The words a command's comment promises to see on stdout: a "✓ ..." line without figures."""
    if comment.startswith("✓ ") and not re.search(r"\d", comment):
        return comment
    if comment.startswith("Sorry, I can't"):
        return comment.split("...")[0].strip()
    return None


def test_the_quick_start_is_kayas_commands_with_known_options():
    rows = quick_start()
    assert len(rows) >= 8
    for command, _ in rows:
        argv = shlex.split(command)
        assert argv[0] == ".venv/bin/kayas", command
        name = [a for a in argv[1:] if not a.startswith("-")][:1]
        done = subprocess.run([KAYAS, *name, "--help"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stderr)


@pytest.mark.slow
def test_every_quick_start_command_runs_as_documented(tmp_path):
    """Loads the shipped brain once per planning command (tens of seconds each on a busy CPU)."""
    env_dirs = {"KAYAS_WORKSPACE": tmp_path / "workspace", "KAYAS_HOME": tmp_path / "home"}
    env = {**os.environ, **{k: str(v) for k, v in env_dirs.items()}}
    for command, comment in quick_start():
        argv = [KAYAS, *shlex.split(command)[1:]]
        done = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env,
                              stdin=subprocess.DEVNULL, timeout=600)
        assert done.returncode == expected_exit(comment), (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, command
        words = promised(comment)
        if words:
            assert words in done.stdout, (command, done.stdout)
    assert (tmp_path / "workspace" / "todo.txt").read_text() == ""  # created, then the added line taken back
