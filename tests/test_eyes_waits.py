"""The Eyes wait for what is still appearing: a window that opens 2 s after its program started, a
button enabled 1 s after that. Real GTK app, Xvfb, AT-SPI; KAYAS_EYES_WAIT_S sets the wait."""
from __future__ import annotations

import time

import pytest

from apps.desktop import desktop, on_desktop, wait_for  # noqa: F401 (fixtures)
from kayas.eyes import EyesError, NotFound, get_backend, make_backend, reset_backend

pytestmark = pytest.mark.display
LATE = "Kayas Late App"


@pytest.fixture
def late_app(on_desktop, monkeypatch):
    """The test app, its window shown 2 s after it printed "started", its Later button enabled 1 s after that."""
    monkeypatch.delenv("KAYAS_EYES_WAIT_S", raising=False)  # the default wait (5 s)
    reset_backend()
    proc = on_desktop.start_app(LATE, 20, "--show-after", "2", "--enable-after", "1")
    started = time.monotonic()
    assert LATE not in [w.title for w in make_backend().windows()]  # not there yet
    yield proc, started
    if proc.poll() is None:
        proc.terminate()
        proc.wait(5)


def _status() -> str:
    tree = make_backend().control_tree(LATE)
    return next(n.text for n in tree.walk() if n.role == "label" and n.description == "status")


def test_click_waits_for_the_window_and_for_the_button_to_be_enabled(late_app):
    _, started = late_app
    result = get_backend().click_button(LATE, "later")
    took = time.monotonic() - started
    assert result == {"window": LATE, "button": "Later", "action": "Click"}
    assert 3.0 <= took < 5.0, took  # the window at 2 s, the button at 3 s, within the 5 s wait
    assert wait_for(lambda: _status() == "Later clicked", what="the app to see the click")
    print(f"\nclick_button succeeded {took:.2f}s after start (window at 2 s, button enabled at 3 s)")


def test_type_waits_for_the_window(late_app):
    _, started = late_app
    assert get_backend().type_text(LATE, "Ada", "name") == {"window": LATE, "field": "Name:", "text": "Ada"}
    assert 2.0 <= time.monotonic() - started < 5.0


def test_a_short_wait_fails_with_what_is_there(late_app, monkeypatch):
    _, started = late_app
    monkeypatch.setenv("KAYAS_EYES_WAIT_S", "0.5")
    reset_backend()
    with pytest.raises(NotFound, match=f"no window '{LATE}' open"):
        get_backend().click_button(LATE, "later")
    assert time.monotonic() - started < 2.0
    wait_for(lambda: LATE in [w.title for w in make_backend().windows(refresh=True)], 10, "the late window")
    with pytest.raises(EyesError, match=r"button 'Later' in 'Kayas Late App' is disabled \(waited 0.5s\)"):
        get_backend().click_button(LATE, "later")


def test_whether_a_window_is_open_is_answered_at_once(late_app):
    _, started = late_app
    info = get_backend().window_info(LATE)
    assert info["open"] is False and time.monotonic() - started < 1.5
