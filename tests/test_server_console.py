"""The web console in a real browser (Debian's Chromium through Playwright), used as a person would.

Screenshots go to the test's tmp dir (the README's picture comes from tests/test_server_brain.py,
with the real brain).
"""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import need
from kayas.server.config import ServerConfig
from kayas.server.runner import BackgroundServer
from kayas.server.service import http_assistant
from kayas.settings import workspace
from kayas.testing import ScriptedPlanner

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("google-chrome") or "") if p and os.path.exists(p)), None)
need("Chromium", CHROMIUM is not None, "apt-get install chromium; .ci/run installs it")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

PLANS = {
    "put eggs and milk on my shopping list": [{"tool": "filesystem.append_file", "args": {"filename": "shopping.txt", "content": "eggs, milk"}}],
    "delete the old drafts a and b": [
        {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}},
        {"tool": "filesystem.delete_file", "args": {"filename": "b.txt"}},
    ],
    "jot down buy milk maybe": [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt", "content": "buy milk"}}],
}
CONFIDENCE = {"put eggs and milk on my shopping list": 0.97, "delete the old drafts a and b": 0.91, "jot down buy milk maybe": 0.22}


@pytest.fixture
def server():
    planner = ScriptedPlanner(PLANS, confidence=CONFIDENCE)
    with BackgroundServer(http_assistant(planner=planner, threshold=0.5), ServerConfig(port=0)) as s:
        yield s


@pytest.fixture
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        yield b
        b.close()


def open_page(browser, url: str):
    page = browser.new_context(viewport={"width": 1100, "height": 860}).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(url)
    return page, problems


def run_command(page, command: str) -> None:
    page.fill("#command", command)
    page.press("#command", "Enter")


def test_a_person_runs_confirms_and_cancels_in_the_console(server, browser, tmp_path):
    for name in ("a.txt", "b.txt"):
        (workspace() / name).write_text(name)
    page, problems = open_page(browser, f"{server.url}/#token={server.token.value}")
    expect(page.locator("#app")).to_be_visible()
    assert "#token" not in page.url  # the fragment is gone from the address bar (and history)
    assert page.evaluate("sessionStorage.getItem('kayas-token')") == server.token.value
    expect(page.locator("#status")).to_have_text("connected")

    # a safe command runs at once
    run_command(page, "put eggs and milk on my shopping list")
    done = page.locator("article[data-kind=report][data-status=done]")
    expect(done).to_be_visible()
    expect(done.locator(".message")).to_have_text("Done: add 'eggs, milk' to shopping.txt.")
    expect(done.locator(".confidence")).to_contain_text("97 %")
    assert (workspace() / "shopping.txt").read_text().strip() == "eggs, milk"

    # a destructive one waits for the yes
    run_command(page, "delete the old drafts a and b")
    held = page.locator("article[data-kind=report][data-status=confirm]")
    expect(held).to_be_visible()
    expect(held.locator(".destructive")).to_have_count(2)
    expect(held.locator(".expires")).to_contain_text("expires in")
    assert sorted(p.name for p in workspace().iterdir() if p.suffix == ".txt") == ["a.txt", "b.txt", "shopping.txt"]
    page.screenshot(path=str(tmp_path / "console-confirm.png"), full_page=True)
    page.click("#confirm")
    confirmed = page.locator("article[data-kind=report][data-status=done]")
    expect(confirmed).to_be_visible()
    expect(confirmed.locator("tbody tr")).to_have_count(2)
    expect(confirmed.locator("tbody .badge.ok")).to_have_count(2)
    assert not (workspace() / "a.txt").exists() and not (workspace() / "b.txt").exists()
    page.screenshot(path=str(tmp_path / "console-done.png"), full_page=True)

    # an unsure plan asks "did you mean", and cancel runs nothing
    run_command(page, "jot down buy milk maybe")
    unsure = page.locator("article[data-kind=report][data-status=unsure]")
    expect(unsure.locator(".message")).to_contain_text("Not sure I understood. Did you mean: create")
    expect(unsure.locator(".confidence")).to_contain_text("22 %")
    page.click("#cancel")
    expect(page.locator("article[data-kind=cancelled] .message")).to_have_text("Cancelled: nothing was run.")
    assert not (workspace() / "todo.txt").exists()

    # plan only, then run that plan
    page.fill("#command", "put eggs and milk on my shopping list")
    page.click("#plan")
    planned = page.locator("article[data-kind=plan]")
    expect(planned.locator(".understood")).to_have_text("add 'eggs, milk' to shopping.txt")
    planned.get_by_role("button", name="Run this plan").click()
    expect(page.locator("article[data-kind=report][data-status=done]")).to_be_visible()
    assert (workspace() / "shopping.txt").read_text().splitlines() == ["eggs, milk", "eggs, milk"]

    # the history, newest first
    history = page.locator("#history li")
    expect(history).to_have_count(7)
    kinds = [history.nth(i).get_attribute("data-kind") for i in range(7)]
    assert kinds == ["run", "plan", "cancel", "run", "confirm", "run", "run"], kinds
    expect(history.nth(4)).to_contain_text("delete the old drafts a and b")
    page.screenshot(path=str(tmp_path / "console-history.png"), full_page=True)
    assert problems == []  # no script error, no CSP violation


def test_without_the_token_the_console_asks_for_it_and_keeps_it_in_this_tab(server, browser):
    page, problems = open_page(browser, server.url + "/")
    expect(page.locator("#login")).to_be_visible()
    expect(page.locator("#app")).to_be_hidden()
    page.fill("#token", "wrong-token")
    page.press("#token", "Enter")
    expect(page.locator("#login-error")).to_have_text("The server did not accept that token.")
    page.fill("#token", server.token.value)
    page.click("#token-form button")
    expect(page.locator("#app")).to_be_visible()
    page.reload()
    expect(page.locator("#app")).to_be_visible()  # the tab remembers it
    page.click("#forget")
    expect(page.locator("#login")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('kayas-token')") is None
    other = page.context.browser.new_context().new_page()  # another tab of another session: asks again
    other.goto(server.url + "/")
    expect(other.locator("#login")).to_be_visible()
    assert [p for p in problems if "401" not in p] == []


def test_a_page_on_another_origin_cannot_use_the_api(server, browser):
    """A page the user visits (here: the API docs of another local server) posts to Kayas: refused."""
    from servers.base import serving
    from servers.web import WebHandler

    (workspace() / "a.txt").write_text("a")
    with serving(WebHandler) as other:
        page, _ = open_page(browser, other.url + "/")
        status = page.evaluate("""async ([url, token]) => {
            try {
                const r = await fetch(url + '/run', {method: 'POST', headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token},
                                                       body: JSON.stringify({plan: [{tool: 'filesystem.delete_file', args: {filename: 'a.txt'}}]})});
                return 'read ' + r.status;
            } catch (e) { return 'blocked'; }
        }""", [server.url, server.token.value])
        simple = page.evaluate("""async (url) => {
            try { await fetch(url + '/run', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},
                                              body: JSON.stringify({command: 'delete the old drafts a and b'})}); return 'sent'; }
            catch (e) { return 'blocked'; }
        }""", server.url)
    assert status == "blocked"  # even knowing the token: the preflight gets no CORS grant
    assert simple in ("sent", "blocked")  # an opaque request may leave the page, but...
    assert (workspace() / "a.txt").exists()  # ...nothing ran
    entries = server.service.history.entries()
    assert entries == []


def test_the_api_docs_render_offline(server, browser):
    page, problems = open_page(browser, server.url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Kayas")
    expect(page.locator(".opblock-summary-path", has_text="/confirm/{confirmation_id}")).to_be_visible()
    assert [p for p in problems if "favicon" not in p] == []
