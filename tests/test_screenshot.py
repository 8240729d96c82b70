"""uia.screenshot for real: Xvfb, the GTK test app found over AT-SPI, the pixels read from X11.

A plain X window of a known colour (drawn here with python-xlib) stands beside the app, so the
screen's PNG can be checked pixel for pixel where it is; the app's own PNG must have the app
window's size and be the same pixels as that part of the screen.
"""
from __future__ import annotations

import time

import pytest
from PIL import ImageChops

from apps.desktop import TITLE, desktop, gtk_app, on_desktop, wait_for  # noqa: F401 (fixtures)
from kayas.backends import journal
from kayas.errors import KayasError
from kayas.eyes import NotFound, get_backend
from kayas.registry import default_registry
from kayas.settings import workspace
from kayas.tools.uia import screenshot

pytestmark = pytest.mark.display
RED_AT = (700, 500, 120, 80)  # x, y, width, height: away from the app, which opens at the top left


@pytest.fixture
def red_square(on_desktop):
    """A mapped X window filled with pure red, drawn and shown before the test goes on."""
    from Xlib import X, display

    d = display.Display(on_desktop.display)
    screen = d.screen()
    red = screen.default_colormap.alloc_color(0xFFFF, 0, 0).pixel
    x, y, w, h = RED_AT
    win = screen.root.create_window(x, y, w, h, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
                                    background_pixel=red, override_redirect=True)
    win.map()
    d.sync()
    yield
    win.destroy()
    d.close()


def open_png(name: str):
    from PIL import Image

    image = Image.open(workspace() / name)
    assert image.format == "PNG"
    return image.convert("RGB")


def test_the_screen(gtk_app, red_square):
    x, y, w, h = RED_AT
    out = screenshot("screen.png")
    assert (out["file"], out["window"], out["width"], out["height"]) == ("screen.png", None, 1024, 768)
    image = wait_for(lambda: (img := open_png("screen.png")).getpixel((x + 5, y + 5)) == (255, 0, 0) and img,
                     what="the red square in the screenshot")  # the first capture may come before it is drawn
    assert image.size == (1024, 768)
    square = image.crop((x, y, x + w, y + h))
    assert square.getcolors() == [(w * h, (255, 0, 0))]  # every pixel of it, exactly
    assert image.getpixel((x - 1, y - 1)) != (255, 0, 0) and image.getpixel((x + w, y + h)) != (255, 0, 0)
    said = default_registry().get("uia.screenshot").summary({}, out)
    assert said == "saved a screenshot of the screen as screen.png (1024x768)"


def settled() -> None:
    """Wait until the app has painted: two captures of the screen a moment apart are the same."""
    from kayas.eyes.x11 import capture_x11

    def same() -> bool:
        first = capture_x11()
        time.sleep(0.2)
        return capture_x11().tobytes() == first.tobytes()

    wait_for(same, 10, "the screen to settle")


def test_one_window_has_its_size_and_its_pixels(gtk_app, red_square):
    bounds = get_backend().window_info(TITLE)["bounds"]
    settled()
    out = screenshot("app", window_title="kayas test")
    assert (out["file"], out["window"]) == ("app.png", TITLE)
    window = open_png("app.png")
    assert window.size == (out["width"], out["height"]) == (bounds["width"], bounds["height"])
    screen = open_png(screenshot("screen.png")["file"])
    part = screen.crop((bounds["x"], bounds["y"], bounds["x"] + bounds["width"], bounds["y"] + bounds["height"]))
    differing = ImageChops.difference(window, part).convert("L").point(lambda v: 255 if v else 0).histogram()[255]
    assert differing < 0.005 * window.width * window.height  # the same pixels, but for a blinking caret
    darkest, lightest = window.convert("L").getextrema()
    assert lightest > 200 and darkest < 100  # a light window with dark text on it, not an empty capture
    assert not any(colour == (255, 0, 0) for _, colour in window.getcolors(window.width * window.height))  # not the square


def test_names_never_overwrite_and_undo_removes_the_file(gtk_app):
    (workspace() / "shot.png").write_bytes(b"mine")
    with journal.operation("take a screenshot"):
        out = screenshot("shot.png")
    assert out["file"] == "shot-1.png" and (workspace() / "shot.png").read_bytes() == b"mine"
    [step] = journal.undo()
    assert step.done and not (workspace() / "shot-1.png").exists()


def test_bad_input_is_refused_and_nothing_is_written(gtk_app):
    with pytest.raises(NotFound, match="no window 'Calculator' open"):
        screenshot("calc.png", window_title="Calculator")
    with pytest.raises(KayasError, match="a screenshot is a .png"):
        screenshot("screen.gif")
    with pytest.raises(KayasError, match="'..' is not allowed"):
        screenshot("../screen.png")
    assert not any(workspace().iterdir())


def test_without_a_display_it_says_so(monkeypatch):
    from kayas.eyes.x11 import capture_x11

    monkeypatch.delenv("DISPLAY", raising=False)
    with pytest.raises(KayasError, match="a screenshot needs an X11 display"):
        capture_x11()


def test_doctor_line(monkeypatch):
    from kayas.cli.doctor_cmd import check_screenshots

    monkeypatch.delenv("DISPLAY", raising=False)
    assert not check_screenshots().ready and "X11 display" in check_screenshots().detail
    monkeypatch.setenv("DISPLAY", ":7")
    assert (check_screenshots().ready, check_screenshots().detail) == (True, "X11 display :7")
