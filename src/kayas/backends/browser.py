"""One real Chromium, driven by Playwright, kept open across the browser calls of one run.

The session starts on the first step, lives in this module, and closes when the process
exits (or when `close_session()` is called), so a `goto` in one call and a `click` in a
later call act on the same page.
"""
from __future__ import annotations

import atexit
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kayas.backends import sites
from kayas.errors import KayasError
from kayas.settings import flag, setting

# Without the background-networking flags Chromium waits on update and sync servers
# it cannot reach on a closed network.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CANDIDATE_EXECUTABLES = ["/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


@dataclass
class BrowserConfig:
    """How the browser starts and how long it waits; read from the settings on each call."""

    executable: str | None = None  # None: Playwright's own Chromium, if installed
    headless: bool = True
    timeout_s: float = 10.0  # for an element to appear
    nav_timeout_s: float = 30.0  # for a page to load

    @classmethod
    def from_settings(cls) -> BrowserConfig:
        return cls(
            executable=_find_executable(),
            headless=not flag("KAYAS_BROWSER_HEADED"),
            timeout_s=_seconds("KAYAS_BROWSER_TIMEOUT", cls.timeout_s),
            nav_timeout_s=_seconds("KAYAS_BROWSER_NAV_TIMEOUT", cls.nav_timeout_s),
        )


def _seconds(name: str, default: float) -> float:
    raw = setting(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise KayasError(f"{name} must be a number of seconds, got '{raw}'") from None
    if value <= 0:
        raise KayasError(f"{name} must be more than 0 seconds, got '{raw}'")
    return value


def _find_executable() -> str | None:
    chosen = setting("KAYAS_BROWSER")
    if chosen:
        found = shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
        if not found:
            raise KayasError(f"KAYAS_BROWSER is '{chosen}', which is not an executable file")
        return found
    for name in CANDIDATE_EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


class StepFailed(Exception):
    """What went wrong in one step, in plain words; run_steps adds the step's index."""


class BrowserSession:
    """A Playwright driver, one browser, one context and its current page."""

    def __init__(self, config: BrowserConfig):
        self.config = config
        self._pw: Playwright | None = None
        self._browser = None
        self._context = None
        self._page: Page | None = None
        self.approved: set[str] = set()  # the sites this run may reach (kayas.backends.sites)
        self.blocked: list[str] = []  # what the request guard stopped, newest last

    def page(self) -> Page:
        if self._browser is None or not self._browser.is_connected():
            self._start()
        if self._page is None or self._page.is_closed():
            pages = [p for p in self._context.pages if not p.is_closed()]
            self._page = pages[-1] if pages else self._context.new_page()
        return self._page

    def _start(self) -> None:
        self.close()
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.config.executable, headless=self.config.headless, args=LAUNCH_ARGS
            )
        except PlaywrightError as exc:
            self.close()
            where = self.config.executable or "Playwright's bundled Chromium"
            hint = "" if self.config.executable else (
                " (no Chromium found: install it, e.g. `apt-get install chromium`, or set KAYAS_BROWSER)"
            )
            raise KayasError(f"could not start the browser {where}: {_first_line(exc)}{hint}") from None
        self._context = self._browser.new_context()
        self._context.route("**/*", self._guard)  # every request, file:// included, passes the sites rule
        self._context.on("page", self._follow_new_page)

    def _guard(self, route: Any, request: Any) -> None:
        """Let a request through only where kayas.backends.sites allows it."""
        try:
            frame_url = request.frame.url if request.frame else ""
        except PlaywrightError:
            frame_url = ""
        why = sites.refusal(request.url, self.approved, request.is_navigation_request(), frame_url)
        try:
            if why is None:
                route.continue_()
            else:
                self.blocked.append(why)
                route.abort("blockedbyclient")
        except PlaywrightError:
            pass  # the page went away meanwhile

    def _follow_new_page(self, page: Page) -> None:
        """A click that opens a new tab moves the session to it, as a person would."""
        self._page = page

    def close(self) -> None:
        for closer in (self._context, self._browser):
            try:
                if closer is not None:
                    closer.close()
            except PlaywrightError:
                pass
        if self._pw is not None:
            try:
                self._pw.stop()
            except PlaywrightError:
                pass
        self._pw = self._browser = self._context = self._page = None


_session: BrowserSession | None = None


def session() -> BrowserSession:
    """The session of this process, started on first use, with the current timeouts."""
    global _session
    config = BrowserConfig.from_settings()
    if _session is None:
        _session = BrowserSession(config)
        atexit.register(close_session)
    else:
        _session.config.timeout_s = config.timeout_s
        _session.config.nav_timeout_s = config.nav_timeout_s
    return _session


def close_session() -> None:
    """Close the browser (the Router may call this when a run ends; atexit does otherwise)."""
    global _session
    if _session is not None:
        _session.close()
        _session = None


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    line = line.removeprefix("Error: ")
    return re.sub(r"^[A-Z]\w*\.\w+: ", "", line).strip()  # Playwright's "Page.goto: " prefix


# ---- the steps ----------------------------------------------------------------------


def goto(s: BrowserSession, url: str) -> dict[str, Any]:
    page = s.page()
    target = sites.target(url)  # a bare site name gets https://, as the plans write it
    if target.startswith("file:") and not sites.file_inside(target):
        raise StepFailed(f"{target} is outside the workspace; the browser opens files of the workspace only")
    try:
        response = page.goto(target, wait_until="load", timeout=s.config.nav_timeout_s * 1000)
    except PlaywrightTimeout:
        raise StepFailed(f"{target} did not finish loading within {s.config.nav_timeout_s:g}s") from None
    except PlaywrightError as exc:
        _let_error_page_load(page)
        why = _first_line(exc).split(' at ')[0]
        if "ERR_BLOCKED_BY_CLIENT" in why and s.blocked:
            why = f"refused: {s.blocked[-1]}"
        raise StepFailed(f"cannot open {target}: {why}") from None
    return {"url": page.url, "status": response.status if response else None, "title": page.title()}


def _let_error_page_load(page: Page) -> None:
    """Chromium commits its error page after goto fails; a later goto must not race it."""
    try:
        page.wait_for_load_state("load", timeout=2000)
        page.wait_for_timeout(100)
    except PlaywrightError:
        pass


def _candidates(page: Page, selector: str, purpose: str) -> list[tuple[str, Locator]]:
    """Ways to read the selector, most literal first: CSS, then exact names, then partial ones."""
    # Plain words are usually valid CSS that matches nothing; invalid CSS raises, and find() skips it.
    found: list[tuple[str, Locator]] = [("css", page.locator(selector))]
    quoted = json.dumps(selector)
    if purpose == "click":
        for exact in (True, False):
            found += [
                ("button", page.get_by_role("button", name=selector, exact=exact)),
                ("link", page.get_by_role("link", name=selector, exact=exact)),
                ("label", page.get_by_label(selector, exact=exact)),
                ("text", page.get_by_text(selector, exact=exact)),
            ]
    else:
        found += [
            ("label", page.get_by_label(selector, exact=True)),
            ("placeholder", page.get_by_placeholder(selector, exact=True)),
            ("name", page.locator(f"[name={quoted}]")),
            ("id", page.locator(f"[id={quoted}]")),
            ("label", page.get_by_label(selector)),
            ("placeholder", page.get_by_placeholder(selector)),
            ("textbox", page.get_by_role("textbox", name=selector)),
        ]
    return found


def _first_visible(candidates: list[tuple[str, Locator]]) -> int | None:
    for i, (_, locator) in enumerate(candidates):
        try:
            if locator.filter(visible=True).count() > 0:
                return i
        except PlaywrightError:  # invalid CSS, or the page is navigating
            continue
    return None


def find(s: BrowserSession, selector: str, purpose: str) -> tuple[str, Locator]:
    """The first visible element the selector names, waiting up to the timeout for it to appear."""
    if not selector.strip():
        raise StepFailed("the selector is empty")
    page = s.page()
    candidates = _candidates(page, selector, purpose)
    deadline = monotonic() + s.config.timeout_s
    while True:
        hit = _first_visible(candidates)
        if hit is not None:
            # The page may have changed during the pass; a second pass keeps the most literal reading.
            again = _first_visible(candidates[: hit + 1])
            hit = hit if again is None else again
            how, locator = candidates[hit]
            return how, locator.filter(visible=True).first
        if monotonic() >= deadline:
            kinds = "CSS, label, placeholder or name" if purpose == "fill" else "CSS, button, link or visible text"
            raise StepFailed(
                f"nothing on {page.url} matches '{selector}' (as {kinds}) within {s.config.timeout_s:g}s"
            )
        page.wait_for_timeout(100)


class _Navigation:
    """Watches the main frame during a click or key press, so the step ends on the loaded page."""

    GRACE_MS = 150  # time for a click's navigation to begin

    def __init__(self, s: BrowserSession):
        self.s, self.page = s, s.page()
        self.requested = self.committed = False
        self.failure: str | None = None
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._failed)
        self.page.on("framenavigated", self._navigated)

    def _main(self, request: Any) -> bool:
        return request.is_navigation_request() and request.frame == self.page.main_frame

    def _request(self, request: Any) -> None:
        if self._main(request):
            self.requested, self.committed, self.failure = True, False, None

    def _failed(self, request: Any) -> None:
        if self._main(request):
            self.failure = request.failure or "failed"

    def _navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.committed = True

    def settle(self) -> None:
        timeout = self.s.config.nav_timeout_s
        try:
            self.page.wait_for_timeout(self.GRACE_MS)
            deadline = monotonic() + timeout
            while self.requested and not self.committed and self.failure is None and monotonic() < deadline:
                self.page.wait_for_timeout(50)
        finally:
            self.page.remove_listener("request", self._request)
            self.page.remove_listener("requestfailed", self._failed)
            self.page.remove_listener("framenavigated", self._navigated)
        if self.failure is not None and not self.committed:
            raise StepFailed(f"the page it led to did not load: {self.failure}")
        if self.requested and not self.committed:
            raise StepFailed(f"the page it led to did not load within {timeout:g}s")
        try:
            self.s.page().wait_for_load_state("load", timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise StepFailed(f"the page did not finish loading within {timeout:g}s") from None


def click(s: BrowserSession, selector: str) -> dict[str, Any]:
    how, locator = find(s, selector, "click")
    navigation = _Navigation(s)
    try:
        locator.click(timeout=s.config.timeout_s * 1000)
    except PlaywrightError as exc:
        raise StepFailed(f"could not click '{selector}': {_first_line(exc)}") from None
    navigation.settle()
    return {"selector": selector, "matched": how, "url": s.page().url}


def fill(s: BrowserSession, selector: str, value: str) -> dict[str, Any]:
    how, locator = find(s, selector, "fill")
    try:
        locator.fill(value, timeout=s.config.timeout_s * 1000)
    except PlaywrightError as exc:
        raise StepFailed(f"could not fill '{selector}' ({how} match): {_first_line(exc)}") from None
    return {"selector": selector, "matched": how}


def press(s: BrowserSession, key: str) -> dict[str, Any]:
    navigation = _Navigation(s)
    try:
        s.page().keyboard.press(key)
    except PlaywrightError as exc:
        raise StepFailed(f"could not press '{key}': {_first_line(exc)}") from None
    navigation.settle()
    return {"key": key, "url": s.page().url}


def wait(s: BrowserSession, seconds: float) -> dict[str, Any]:
    if not 0 <= seconds <= 600:
        raise StepFailed(f"wait takes 0 to 600 seconds, got {seconds:g}")
    s.page().wait_for_timeout(seconds * 1000)
    return {"seconds": seconds}


def screenshot(s: BrowserSession, path: Path, workspace: Path) -> dict[str, Any]:
    try:
        s.page().screenshot(path=str(path), timeout=s.config.nav_timeout_s * 1000)
    except PlaywrightError as exc:
        raise StepFailed(f"could not take the screenshot: {_first_line(exc)}") from None
    return {"file": str(path.relative_to(workspace)), "path": str(path)}
