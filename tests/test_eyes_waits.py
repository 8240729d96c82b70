"""The Eyes wait for what is still appearing: a window that opens 2 s after its program started, a
button enabled 1 s after that. Real GTK app, Xvfb, AT-SPI; KAYAS_EYES_WAIT_S sets the wait."""
from __future__ import annotations

import time

import pytest

from apps.desktop import desktop, on_desktop, wait_for  # noqa: F401 (fixtures)
from kayas.eyes import EyesError, NotFound, get_backend, make_backend, reset_backend

pytestmark = pytest.mark.display
LATE = "Kayas Late App"
# The bounds below allow for a loaded machine: `started` is read after the app's "started" line, so
# its clocks run a little ahead of ours (lower bounds lose 0.5 s), and a call ends a little after its
# wait (upper bounds gain 2 s). Measured with load 12-17 on 2 cores (other test runs plus two busy
# loops), 5 runs: click 3.02-3.59 s, type 2.47-3.06 s, the short wait 0.47-0.84 s, window_info 0.02-0.17 s.


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
    assert 2.5 <= took < 7.0, took  # the window at 2 s, the button at 3 s (so not before), within the 5 s wait
    assert wait_for(lambda: _status() == "Later clicked", what="the app to see the click")
    print(f"\nclick_button succeeded {took:.2f}s after start (window at 2 s, button enabled at 3 s)")


def test_type_waits_for_the_window(late_app):
    _, started = late_app
    assert get_backend().type_text(LATE, "Ada", "name") == {"window": LATE, "field": "Name:", "text": "Ada"}
    assert 1.5 <= time.monotonic() - started < 7.0  # the window at 2 s (so not before), within the 5 s wait


def test_a_short_wait_fails_with_what_is_there(late_app, monkeypatch):
    _, started = late_app
    monkeypatch.setenv("KAYAS_EYES_WAIT_S", "0.5")
    reset_backend()
    with pytest.raises(NotFound, match=f"no window '{LATE}' open"):
        get_backend().click_button(LATE, "later")
    assert time.monotonic() - started < 4.5  # gave up after the 0.5 s wait, not the default 5 s (NotFound: before the window came)
    wait_for(lambda: LATE in [w.title for w in make_backend().windows(refresh=True)], 10, "the late window")
    with pytest.raises(EyesError, match=r"button 'Later' in 'Kayas Late App' is disabled \(waited 0.5s\)"):
        get_backend().click_button(LATE, "later")


def test_whether_a_window_is_open_is_answered_at_once(late_app):
    _, started = late_app
    info = get_backend().window_info(LATE)
    assert info["open"] is False and time.monotonic() - started < 2.0  # "not open": answered before the window came at 2 s
