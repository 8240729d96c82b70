"""The real `kayas` entry point run in the test's own process (fast): what the CLI tests share."""
from __future__ import annotations

import io
import sys

import pytest

from kayas.cli.main import main


def run_main(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    """`kayas ARGS` with STDIN; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["kayas", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code, out.out, out.err
