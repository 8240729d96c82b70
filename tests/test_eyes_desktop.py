"""The Eyes for real: a GTK 3 app under Xvfb, read and driven over AT-SPI.

The desktop (Xvfb + session bus) is made once for the module; each test gets a fresh app.
"""

import pytest

from apps.desktop import desktop, gtk_app, on_desktop, wait_for  # noqa: F401 (fixtures)
from kayas.eyes import Ambiguous, EyesError, NotFound, get_backend, make_backend

pytestmark = pytest.mark.display
TITLE = "Kayas Test App"


@pytest.fixture
def app(gtk_app):
    return gtk_app


def status_text():
    """The app's status label, read back through AT-SPI."""
    tree = make_backend().control_tree(TITLE)
    return next(n.text for n in tree.walk() if n.role == "label" and n.description == "status")


def test_list_and_find_windows(app):
    eyes = get_backend()
    windows = eyes.windows(refresh=True)
    assert [w.title for w in windows] == [TITLE]
    assert windows[0].pid == app.pid and windows[0].app == "gtk_app.py"
    info = eyes.window_info("kayas test")
    assert info["open"] and info["title"] == TITLE and info["bounds"]["width"] > 100
    assert eyes.window_info("Calculator") == {"open": False, "title": "Calculator", "open_windows": [TITLE]}


def test_read_the_tree(app):
    tree = get_backend().control_tree("kayas")
    nodes = list(tree.walk())
    assert tree.role == "frame" and tree.name == TITLE
    assert sorted(n.name for n in nodes if n.kind == "button") == ["Clear", "Greet", "Locked", "Save", "Save As…"]
    fields = [n for n in nodes if n.kind == "field"]
    assert sorted(f.labels[0] for f in fields) == ["E-mail:", "Name:"]
    assert {f.labels[1] for f in fields} == {"Your name", "you@example.org"}  # placeholders
    assert all(n.bounds is not None for n in nodes)
    assert status_text() == "Ready"


def test_click_a_button_and_see_the_app_react(app):
    eyes = get_backend()
    assert eyes.click_button(TITLE, "save") == {"window": TITLE, "button": "Save", "action": "Click"}
    assert wait_for(lambda: status_text() == "Saved", what="the label to say Saved")
    eyes.click_button(TITLE, "save as")
    assert wait_for(lambda: status_text() == "Saved as", what="the label to say Saved as")


def test_type_into_the_entry_and_read_it_back(app):
    eyes = get_backend()
    assert eyes.type_text(TITLE, "Ada", "name") == {"window": TITLE, "field": "Name:", "text": "Ada"}
    assert eyes.type_text(TITLE, "ada@example.org", "you@example") == {
        "window": TITLE, "field": "E-mail:", "text": "ada@example.org"}
    # no field named: the focused one (the app focuses the name entry), at its caret, as typing would
    assert eyes.type_text(TITLE, " Lovelace") == {"window": TITLE, "field": "Name:", "text": "Ada Lovelace"}
    name = next(n for n in make_backend().control_tree(TITLE).walk() if n.kind == "field" and "Name:" in n.labels)
    assert name.text == "Ada Lovelace" and name.focused
    eyes.type_text(TITLE, "Ada", "name")
    eyes.click_button(TITLE, "greet")
    assert wait_for(lambda: status_text() == "Hello, Ada!", what="the greeting")


def test_close_the_window_and_see_it_gone(app):
    eyes = get_backend()
    assert eyes.close_window("kayas") == {"window": TITLE, "closed": True}
    assert TITLE not in [w.title for w in eyes.windows(refresh=True)]
    assert app.wait(5) == 0  # the app quit as its window closed


def test_bad_input_names_what_is_there(app):
    eyes = get_backend()
    with pytest.raises(NotFound, match=f"no window 'Calculator' open; windows open: '{TITLE}'"):
        eyes.click_button("Calculator", "OK")
    with pytest.raises(NotFound, match="no button 'Submit' in 'Kayas Test App'; buttons in .*'Greet'"):
        eyes.click_button(TITLE, "Submit")
    with pytest.raises(Ambiguous, match="'sa' matches 2 buttons .*'Save As…'.*'Save'|'Save'.*'Save As…'"):
        eyes.click_button(TITLE, "sa")
    with pytest.raises(EyesError, match="button 'Locked' in 'Kayas Test App' is disabled"):
        eyes.click_button(TITLE, "locked")
    with pytest.raises(NotFound, match="no field 'Phone' in 'Kayas Test App'; fields in .*'Name:'"):
        eyes.type_text(TITLE, "555", "Phone")


def test_a_hung_app_times_out(app, monkeypatch):
    import os
    import signal

    monkeypatch.setenv("KAYAS_EYES_TIMEOUT_S", "0.5")
    eyes = make_backend()
    eyes.find_window(TITLE)
    os.kill(app.pid, signal.SIGSTOP)
    try:
        with pytest.raises(EyesError, match=r"'gtk_app.py' did not answer within 0.5s"):
            eyes.control_tree(TITLE)
    finally:
        os.kill(app.pid, signal.SIGCONT)
    assert eyes.control_tree(TITLE).name == TITLE  # the connection is made again afterwards


def test_no_display_and_no_bus(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(EyesError, match="^no display: DISPLAY and WAYLAND_DISPLAY are unset"):
        make_backend().windows()
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    with pytest.raises(EyesError, match="^cannot reach the D-Bus session bus: .*run inside a desktop session"):
        make_backend().windows()


def test_session_bus_without_accessibility(desktop, tmp_path, monkeypatch):
    """A session bus that cannot start the accessibility bus: the message says how to enable it."""
    import subprocess

    conf = tmp_path / "bare.conf"  # a session bus with no service files: org.a11y.Bus cannot be activated
    conf.write_text(
        '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" '
        '"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd"><busconfig><type>session</type>'
        f'<listen>unix:dir={tmp_path}</listen><policy context="default"><allow send_destination="*" eavesdrop="true"/>'
        '<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>')
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={conf}", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True)
    try:
        monkeypatch.setenv("DISPLAY", desktop.display)
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.stdout.readline().strip())
        with pytest.raises(EyesError, match="^no accessibility bus .*; install at-spi2-core, turn accessibility on"):
            make_backend().windows()
    finally:
        bus.terminate()
        bus.wait(5)
