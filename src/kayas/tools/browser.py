"""A real browser driven through a list of steps (Playwright + Chromium, see kayas.backends.browser)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from kayas.backends.paths import resolve
from kayas.errors import KayasError
from kayas.registry import tool
from kayas.settings import workspace
from kayas.tools import phrasing


def _bs():
    """The Playwright session module, imported on first use (the brain needs only the schema)."""
    from kayas.backends import browser

    return browser


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class GotoArgs(_Strict):
    url: str


class ClickArgs(_Strict):
    selector: str


class FillArgs(_Strict):
    selector: str
    value: str


class PressArgs(_Strict):
    key: str


class WaitArgs(_Strict):
    seconds: float


class ScreenshotArgs(_Strict):
    filename: str


class GotoStep(_Strict):
    action: Literal["goto"]
    args: GotoArgs


class ClickStep(_Strict):
    action: Literal["click"]
    args: ClickArgs


class FillStep(_Strict):
    action: Literal["fill"]
    args: FillArgs


class PressStep(_Strict):
    action: Literal["press"]
    args: PressArgs


class WaitStep(_Strict):
    action: Literal["wait"]
    args: WaitArgs


class ScreenshotStep(_Strict):
    action: Literal["screenshot"]
    args: ScreenshotArgs


Step = Annotated[
    GotoStep | ClickStep | FillStep | PressStep | WaitStep | ScreenshotStep,
    Field(discriminator="action"),
]


def _browsed(args: dict, r: dict) -> str:
    n = len(r["steps"])
    text = f"ran {n} browser step{'s' if n != 1 else ''}"
    if r.get("url"):
        text += f"; the page: {r['title'] or 'untitled'} ({r['url']})"
    shots = [s["file"] for s in r["steps"] if s.get("action") == "screenshot" and s.get("file")]
    return text + (f"; screenshot saved as {', '.join(shots)}" if shots else "")


def _asks(args: dict) -> str | None:
    from kayas.backends import sites  # light: no Playwright

    return sites.confirmation_needed(args)


@tool(summary=_browsed, asks=_asks, phrase=phrasing.browser_steps)
def run_steps(steps: list[Step]) -> dict:
    """Drive a real browser through the steps, in order, on one page.

    Args:
        steps: The steps: goto a url, click or fill a selector, press a key, wait seconds, screenshot to a file.
    """
    from kayas.backends import sites

    total = len(steps)
    done: list[dict[str, Any]] = []
    hosts = {h for url in sites.gotos(steps) if (h := sites.host_of(url))}
    with contextlib.suppress(KayasError):  # a browser that cannot start fails in step 1, named there
        _bs().session().approved = sites.configured() | sites.seen() | hosts  # allowed, or confirmed for this call
    sites.remember(hosts)
    for index, raw in enumerate(steps, 1):
        try:
            step = raw if isinstance(raw, BaseModel) else _STEP.validate_python(raw)
        except ValidationError as exc:
            raise BrowserStepError(index, total, _describe(raw), _invalid(raw, exc), done) from None
        try:
            result = _run_one(step)
        except (_bs().StepFailed, KayasError) as exc:
            raise BrowserStepError(index, total, _describe(step), str(exc), done) from None
        done.append({"step": index, "action": step.action, **result})
    page = _bs().session().page() if done else None
    return {"steps": done, "url": page.url if page else None, "title": page.title() if page else None}


_STEP: TypeAdapter = TypeAdapter(Step)
ACTIONS = ("goto", "click", "fill", "press", "wait", "screenshot")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


class BrowserStepError(KayasError):
    """One step failed; the steps before it stay done (the page is left where they put it)."""

    def __init__(self, index: int, total: int, what: str, why: str, done: list[dict[str, Any]]):
        kept = f"; the {len(done)} step(s) before it were done" if done else ""
        super().__init__(f"browser step {index} of {total} ({what}) failed: {why}{kept}")
        self.index, self.done = index, done


def _run_one(step: BaseModel) -> dict[str, Any]:
    a = step.args  # type: ignore[attr-defined]
    s = _bs().session()
    match step.action:  # type: ignore[attr-defined]
        case "goto":
            return _bs().goto(s, a.url)
        case "click":
            return _bs().click(s, a.selector)
        case "fill":
            return _bs().fill(s, a.selector, a.value)
        case "press":
            return _bs().press(s, a.key)
        case "wait":
            return _bs().wait(s, a.seconds)
        case "screenshot":
            return _bs().screenshot(s, _screenshot_path(a.filename), workspace())
    raise _bs().StepFailed(f"unknown step kind '{step.action}'")  # type: ignore[attr-defined]


def _screenshot_path(filename: str) -> Path:
    """The file in the workspace; PNG unless the name says JPEG; never over an existing file."""
    path = resolve(filename)  # the workspace gate every file tool goes through
    if not path.suffix:
        path = path.with_suffix(".png")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise _bs().StepFailed(f"a screenshot is a .png (or .jpg) file, not '{path.name}'")
    stem, n = path.stem, 1
    while path.exists() or path.is_symlink():
        path = path.with_name(f"{stem}-{n}{path.suffix}")
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _describe(step: Any) -> str:
    if isinstance(step, BaseModel):
        step = step.model_dump()
    if not isinstance(step, dict):
        return type(step).__name__
    args = step.get("args") if isinstance(step.get("args"), dict) else {}
    detail = next((str(v) for v in args.values()), "")
    return f"{step.get('action', '?')} {detail!r}" if detail else str(step.get("action", "?"))


def _invalid(raw: Any, exc: ValidationError) -> str:
    action = raw.get("action") if isinstance(raw, dict) else None
    if action not in ACTIONS:
        return f"unknown step kind '{action}' (known: {', '.join(ACTIONS)})"
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"][1:]) or "args"
    return f"argument '{where}': {err['msg']}"


WEB_SCHEMES = ("http", "https")


def web_address(url: str) -> str:
    """An http(s) address from what the plan gave: a bare domain becomes https://; other schemes are refused."""
    import re
    from urllib.parse import urlsplit

    text = url.strip()
    if not text or any(c.isspace() for c in text):
        raise KayasError(f"'{url}' is not a web address (it is empty or has spaces)")
    if "://" not in text:
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)", text)  # "mailto:x", not "localhost:8000"
        if scheme:
            raise KayasError(f"only http and https addresses open in the browser, not '{scheme.group(1)}:' ({url})")
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise KayasError(f"only http and https addresses open in the browser, not '{parts.scheme}:' ({url})")
    if not parts.hostname:
        raise KayasError(f"'{url}' names no web site")
    return text


@tool(summary="opened {result[url]} in {result[browser]}", phrase=phrasing.open_url)
def open_url(url: str) -> dict:
    """Open a page in the user's own browser, visible.

    Args:
        url: The page's address, e.g. https://github.com.
    """
    from kayas.backends import opener  # the desktop's default browser, never the headless Playwright session

    address = web_address(url)
    opener.open_target(address, address)
    scheme = address.split(":", 1)[0].lower()
    return {"url": address, "browser": opener.default_application(address, f"x-scheme-handler/{scheme}")}
