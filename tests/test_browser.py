"""browser.run_steps driving Debian's Chromium against pages served on loopback."""
from __future__ import annotations

import pytest

from conftest import need
from kayas.backends import browser as bs
from kayas.errors import KayasError
from kayas.plan import parse_plan
from kayas.registry import default_registry
from kayas.tools.browser import BrowserStepError, run_steps
from servers.base import serving
from servers.web import WebHandler

need("Chromium", bs._find_executable() is not None, "apt-get install chromium; .ci/run installs it")


@pytest.fixture(scope="module")
def web():
    with serving(WebHandler) as server:
        yield server
    bs.close_session()


@pytest.fixture(autouse=True)
def _short_timeouts(monkeypatch):
    monkeypatch.setenv("KAYAS_BROWSER_TIMEOUT", "3")


def step(action: str, **args) -> dict:
    return {"action": action, "args": args}


def test_search_page_fill_press_and_click_a_result(web):
    out = run_steps([
        step("goto", url=f"{web.url}/search"),
        step("fill", selector="Search the catalog", value="python tutorials"),
        step("press", key="Enter"),
        step("click", selector="Advanced Python tutorials"),
    ])
    assert [s["action"] for s in out["steps"]] == ["goto", "fill", "press", "click"]
    assert out["steps"][1]["matched"] == "placeholder"
    assert out["steps"][2]["url"].endswith("/search?q=python+tutorials")
    assert out["url"] == f"{web.url}/item/1"
    assert out["title"] == "Advanced Python tutorials"


def test_form_by_label_name_placeholder_then_submit(web):
    web.state["submissions"] = []
    out = run_steps([
        step("goto", url=f"{web.url}/form"),
        step("fill", selector="Full name", value="Ada Lovelace"),
        step("fill", selector="email", value="ada@example.org"),
        step("fill", selector="Anything to add?", value="hello"),
        step("click", selector="Weekly digest"),
        step("click", selector="Join"),
    ])
    assert [s["matched"] for s in out["steps"][1:]] == ["label", "name", "placeholder", "label", "button"]
    assert web.state["submissions"] == [
        {"fullname": "Ada Lovelace", "email": "ada@example.org", "message": "hello", "weekly": "yes"}
    ]
    assert out["title"] == "Welcome"
    assert bs.session().page().inner_text("#welcome") == "Welcome, Ada Lovelace"


def test_css_selectors_work_too(web):
    web.state["submissions"] = []
    run_steps([
        step("goto", url=f"{web.url}/form"),
        step("fill", selector="#n", value="Grace"),
        step("click", selector="form button[type=submit]"),
    ])
    assert web.state["submissions"][0]["fullname"] == "Grace"


def test_one_page_across_calls(web):
    run_steps([step("goto", url=f"{web.url}/search?q=rust")])
    out = run_steps([step("click", selector="Learn Rust in a weekend")])
    assert out["url"] == f"{web.url}/item/4"


def test_waits_for_an_element_that_appears_late(web):
    out = run_steps([step("goto", url=f"{web.url}/late"), step("click", selector="Continue")])
    assert out["steps"][1]["matched"] == "button"
    assert bs.session().page().inner_text("#slot") == "continued"


def test_slow_page_loads_and_a_too_slow_one_names_the_step(web, monkeypatch):
    out = run_steps([step("goto", url=f"{web.url}/slow?seconds=1.2")])
    assert out["title"] == "Slow page"
    monkeypatch.setenv("KAYAS_BROWSER_NAV_TIMEOUT", "0.5")
    with pytest.raises(BrowserStepError, match=r"step 1 of 1 \(goto .*\) failed: .* did not finish loading within 0.5s"):
        run_steps([step("goto", url=f"{web.url}/slow?seconds=2")])


def test_missing_selector_names_step_and_keeps_earlier_steps(web, monkeypatch):
    monkeypatch.setenv("KAYAS_BROWSER_TIMEOUT", "0.5")
    with pytest.raises(BrowserStepError) as err:
        run_steps([step("goto", url=f"{web.url}/form"), step("click", selector="Unsubscribe")])
    assert "browser step 2 of 2 (click 'Unsubscribe') failed: nothing on" in str(err.value)
    assert "within 0.5s; the 1 step(s) before it were done" in str(err.value)
    assert err.value.index == 2 and err.value.done[0]["title"] == "Sign up"
    assert bs.session().page().url == f"{web.url}/form"  # the goto stays done


def test_unreachable_url():
    with pytest.raises(BrowserStepError, match=r"step 1 of 1 \(goto 'http://127.0.0.1:9/'\) failed: cannot open .*ERR_"):
        run_steps([step("goto", url="http://127.0.0.1:9/")])


def test_unknown_step_kind_after_a_done_step(web):
    with pytest.raises(BrowserStepError, match=r"step 2 of 2 \(scroll\) failed: unknown step kind 'scroll'.*1 step"):
        run_steps([step("goto", url=web.url), {"action": "scroll", "args": {}}])
    assert bs.session().page().url == f"{web.url}/"


def test_screenshot_is_a_png_in_the_workspace_never_clobbered(web, tmp_path):
    out = run_steps([step("goto", url=f"{web.url}/form"), step("screenshot", filename="shots/form.png"),
                     step("screenshot", filename="shots/form.png"), step("screenshot", filename="bare")])
    files = [s["file"] for s in out["steps"][1:]]
    assert files == ["shots/form.png", "shots/form-1.png", "bare.png"]
    ws = tmp_path / "workspace"
    for f in files:
        assert (ws / f).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(BrowserStepError, match=r"step 1 of 1 .* '..' is not allowed"):
        run_steps([step("screenshot", filename="../escape.png")])
    assert not (tmp_path / "escape.png").exists()


def test_through_the_registry_and_plan_parser(web):
    tool = default_registry().get("browser.run_steps")
    [call] = parse_plan([{"tool": "browser.run_steps", "args": {"steps": [step("goto", url=f"{web.url}/search?q=ai")]}}])
    out = tool(**call.args)
    assert out["title"] == "ai - Search"


def test_a_missing_browser_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("KAYAS_BROWSER", "/nonexistent/chromium")
    with pytest.raises(KayasError, match="KAYAS_BROWSER is '/nonexistent/chromium'"):
        run_steps([step("goto", url="http://127.0.0.1:9/")])
