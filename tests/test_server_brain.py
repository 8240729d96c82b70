"""`kayas serve` with the real shipped brain: the API and the console, where the real thing matters.

With KAYAS_UPDATE_SCREENSHOTS=1 the console's screenshot of a real plan waiting for its yes is
copied to docs/console.png (the README's picture).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import need
from kayas.server.client import Client
from kayas.server.config import ServerConfig
from kayas.server.runner import BackgroundServer
from kayas.server.service import http_assistant
from kayas.settings import workspace

pytestmark = pytest.mark.slow
DOCS = Path(__file__).resolve().parent.parent / "docs"
CHROMIUM = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")


@pytest.fixture(scope="module")
def planner():
    from kayas.brain.planner import Planner

    return Planner.load(device="cpu")


@pytest.fixture
def server(planner):
    with BackgroundServer(http_assistant(planner=planner), ServerConfig(port=0)) as s:
        yield s


def test_the_real_brain_plans_and_a_delete_waits_for_its_yes(server):
    c = Client(server.url, server.token.value)
    plan = c.post("/plan", {"command": "create a file called shopping.txt with eggs"}).json
    assert plan["calls"] == [{"tool": "filesystem.create_file", "args": {"filename": "shopping.txt", "content": "eggs"}}]
    assert 0.0 <= plan["confidence"] <= 1.0 and plan["timings"]["forwards"] >= 1
    assert c.post("/run", {"command": "create a file called shopping.txt with eggs"}).json["status"] == "done"
    held = c.post("/run", {"command": "delete shopping.txt"}).json
    assert held["status"] == "confirm", held
    assert held["plan"] == [{"tool": "filesystem.delete_file", "args": {"filename": "shopping.txt"}}]
    assert (workspace() / "shopping.txt").read_text() == "eggs"
    done = c.post(f"/confirm/{held['confirmation']['id']}").json
    assert done["status"] == "done" and not (workspace() / "shopping.txt").exists()
    assert c.post("/undo").json["restored"] == ["shopping.txt"]
    assert (workspace() / "shopping.txt").read_text() == "eggs"


def test_the_console_with_the_real_brain(server, tmp_path):
    need("Chromium", CHROMIUM is not None, "apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    for name in ("draft-1.txt", "draft-2.txt"):
        (workspace() / name).write_text(name)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1100, "height": 760}).new_page()
        page.goto(f"{server.url}/#token={server.token.value}")
        expect(page.locator("#app")).to_be_visible()
        page.fill("#command", "put eggs, milk and bread on my shopping list")
        page.press("#command", "Enter")
        expect(page.locator("article[data-kind=report][data-status=done]")).to_be_visible(timeout=60_000)
        page.fill("#command", "delete draft-1.txt and draft-2.txt")
        page.press("#command", "Enter")
        # Held for a yes: as destructive ("confirm"), or first as a plan the brain is unsure of ("unsure":
        # this one sits below the shipped brain's threshold); either way nothing has run yet.
        held = page.locator("article[data-kind=report]:is([data-status=confirm], [data-status=unsure])")
        expect(held).to_be_visible(timeout=60_000)
        expect(held.locator(".destructive")).to_have_count(2)
        page.screenshot(path=str(tmp_path / "console.png"), full_page=True)
        if os.environ.get("KAYAS_UPDATE_SCREENSHOTS") == "1":
            shutil.copy(tmp_path / "console.png", DOCS / "console.png")
        assert (workspace() / "draft-1.txt").exists() and (workspace() / "draft-2.txt").exists()
        page.click("#confirm")
        expect(page.locator("article[data-kind=report][data-status=done] tbody .badge.ok")).to_have_count(2)
        browser.close()
    assert not (workspace() / "draft-1.txt").exists() and not (workspace() / "draft-2.txt").exists()
