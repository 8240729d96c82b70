"""Chromium's accessibility tree, read and driven through the Eyes (AT-SPI) on the test desktop.

Chromium (and Electron, which is Chromium) builds its tree only when asked: with
--force-renderer-accessibility for the page, and AT-SPI on for the session (a screen reader sets
org.a11y.Status IsEnabled; for one program, ACCESSIBILITY_ENABLED=1 in its environment).
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from apps.desktop import desktop, on_desktop, wait_for  # noqa: F401 (fixtures)
from conftest import need
from kayas.eyes import get_backend, make_backend

pytestmark = pytest.mark.display
need("Chromium", shutil.which("chromium") is not None, "apt-get install chromium")
TITLE = "Kayas Page"
PAGE = """<!doctype html><html><head><title>Kayas Page</title></head><body>
<label for="who">Your name</label> <input id="who" placeholder="name here">
<button onclick="document.getElementById('out').textContent = 'Pressed'; document.title = 'Kayas Page pressed'">Press me</button>
<p id="out" aria-label="result">nothing yet</p>
</body></html>"""


def _chromium(desk, tmp_path, accessible: bool) -> subprocess.Popen:
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    env = desk.env()
    if accessible:
        env["ACCESSIBILITY_ENABLED"] = "1"
    args = ["chromium", "--force-renderer-accessibility", "--no-first-run", "--disable-gpu", "--no-default-browser-check",
            f"--user-data-dir={tmp_path / 'profile'}", f"--app={page.as_uri()}"]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture
def browser(on_desktop, tmp_path):
    make_backend().windows()  # the accessibility bus and registry up first, as on a desktop: Chromium looks for them as it starts
    proc = _chromium(on_desktop, tmp_path, accessible=True)
    yield proc
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _page(tree):
    return next(n for n in tree.walk() if n.role == "document web")


def _loaded(eyes):
    """The window's tree once the page's own controls are in it (the renderer's tree comes a moment later)."""
    tree = eyes.control_tree("kayas page")
    return tree if any(n.role == "document web" and n.children for n in tree.walk()) else None


def test_read_the_page_controls_and_press_its_button(browser, monkeypatch):
    monkeypatch.setenv("KAYAS_EYES_WAIT_S", "20")  # the uia calls wait for the window to appear
    eyes = get_backend()
    tree = wait_for(lambda: _loaded(eyes), 20, "the page's tree")
    page = _page(tree)
    controls = {(n.role, n.name) for n in page.walk()}
    assert {("entry", "Your name"), ("push button", "Press me"), ("paragraph", "result")} <= controls
    assert next(n for n in page.walk() if n.name == "result").text == "nothing yet"
    assert tree.name == TITLE
    assert eyes.click_button(TITLE, "press me")["button"] == "Press me"
    pressed = "Kayas Page pressed"
    wait_for(lambda: pressed in [w.title for w in make_backend().windows(refresh=True)], 10, "the page to react")
    after = _page(make_backend().control_tree(pressed))
    assert next(n for n in after.walk() if n.name == "result").text == "Pressed"

