"""The clipboard executors against a real X clipboard on a private Xvfb, history in SQLite."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import need
from kayas.errors import KayasError
from kayas.settings import kayas_home
from kayas.tools.clipboard import copy_text, get_history, paste_text

need("Xvfb", shutil.which("Xvfb") is not None, "apt-get install xvfb; .ci/run installs it")


@pytest.fixture(scope="module")
def xvfb():
    """A private X display; Xvfb picks a free number and tells us through -displayfd."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "320x240x24"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(params=["xclip", "xsel"])
def display(request, xvfb, monkeypatch, tmp_path):
    """The X display, with only one clipboard tool on PATH (each backend is tested)."""
    tool = shutil.which(request.param)
    need(request.param, tool is not None, f"apt-get install {request.param}")
    assert tool is not None
    only = tmp_path / "only"
    only.mkdir()
    (only / request.param).symlink_to(tool)
    monkeypatch.setenv("PATH", str(only))
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return request.param


def other_app_reads(display_name: str) -> str:
    """What another X client sees on the clipboard."""
    return subprocess.run(["xclip", "-selection", "clipboard", "-o"], env={**os.environ, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=5).stdout


def test_copy_puts_text_on_the_real_clipboard(display):
    assert copy_text("555 0199 ünïcode")["backend"] == display
    assert other_app_reads(display) == "555 0199 ünïcode"
    assert paste_text() == {"text": "555 0199 ünïcode", "chars": 16}


def test_paste_sees_what_another_app_copied_and_remembers_it(display):
    subprocess.run(["xclip", "-selection", "clipboard", "-i"], input="from elsewhere", text=True,
                   env={**os.environ, "PATH": "/usr/bin:/bin"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=5, check=True)
    assert paste_text()["text"] == "from elsewhere"
    assert get_history(1) == [{"text": "from elsewhere", "source": "seen", "copied_at": get_history(1)[0]["copied_at"]}]


def test_history_is_newest_first_limited_and_kept_in_sqlite(display):
    for text in ("one", "two", "two", "three"):
        copy_text(text)
    assert [h["text"] for h in get_history(10)] == ["three", "two", "one"]  # a repeat is not a new entry
    assert [h["text"] for h in get_history(2)] == ["three", "two"]
    assert (kayas_home() / "clipboard.sqlite3").exists()
    with pytest.raises(KayasError, match="limit must be at least 1, got 0"):
        get_history(0)


def test_multiline_text_survives(display):
    text = "line 1\nline 2\n\ttabbed\n"
    copy_text(text)
    assert paste_text()["text"] == text


def test_no_display_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(KayasError, match="no clipboard: no graphical session"):
        copy_text("x")


def test_no_clipboard_tool_is_a_clear_error(xvfb, monkeypatch, tmp_path):
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(KayasError, match="no clipboard tool installed: install one of xclip, xsel"):
        paste_text()
