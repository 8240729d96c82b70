"""filesystem.open_file and browser.open_url through the real xdg-open under Xvfb.

Each test gets its own XDG_DATA_HOME and XDG_CONFIG_HOME, where a .desktop file and a
mimeapps.list make a small test program the default application for text files (open_file)
or Debian's chromium the default browser (open_url); the test checks the program was started
with the file, and that a real HTTP server on loopback saw the visible (not headless) browser
ask for the page. Without a display both tools refuse and say why, starting nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psutil
import pytest

from apps.desktop import desktop, wait_for  # noqa: F401 (fixture)
from conftest import need
from kayas.backends.browser import BrowserConfig
from kayas.errors import KayasError
from kayas.registry import default_registry
from kayas.settings import workspace
from kayas.tools.browser import open_url, web_address
from kayas.tools.filesystem import open_file

CHROMIUM = "/usr/bin/chromium"
DESKTOP_VARS = ("XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                "GNOME_DESKTOP_SESSION_ID", "MATE_DESKTOP_SESSION_ID", "DBUS_SESSION_BUS_ADDRESS", "BROWSER",
                "WAYLAND_DISPLAY")


def needs_xdg_open():
    need("xdg-open", shutil.which("xdg-open") is not None, "apt-get install xdg-utils")


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    """A fresh XDG setup with no desktop environment detected: xdg-open's generic, mimeapps.list way."""
    needs_xdg_open()
    for name in DESKTOP_VARS:
        monkeypatch.delenv(name, raising=False)
    data, config = tmp_path / "xdg-data", tmp_path / "xdg-config"
    (data / "applications").mkdir(parents=True)
    config.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-system-config"))

    def register(name: str, exec_line: str, mime_types: list[str]) -> None:
        (data / "applications" / f"{name}.desktop").write_text(
            f"[Desktop Entry]\nType=Application\nName={name}\nExec={exec_line}\nMimeType={';'.join(mime_types)};\n"
            "NoDisplay=true\n")
        with (config / "mimeapps.list").open("a") as fh:
            if fh.tell() == 0:
                fh.write("[Default Applications]\n")
            fh.writelines(f"{m}={name}.desktop\n" for m in mime_types)

    return register


@pytest.fixture
def shown(desktop, monkeypatch):  # noqa: F811 (the desktop fixture)
    monkeypatch.setenv("DISPLAY", desktop.display)
    return desktop


@pytest.mark.display
def test_open_file_starts_the_default_application_with_the_file(xdg, shown, tmp_path):
    record = tmp_path / "opened.json"
    program = tmp_path / "viewer.py"
    program.write_text("import json, os, sys\n"
                       f"with open({str(record)!r}, 'a') as fh:\n"
                       "    fh.write(json.dumps({'argv': sys.argv[1:], 'display': os.environ.get('DISPLAY')}) + '\\n')\n")
    xdg("kayas-test-viewer", f"{sys.executable} {program} %f", ["text/plain"])
    (workspace() / "notes").mkdir()
    (workspace() / "notes" / "shopping list.txt").write_text("eggs\n")
    out = open_file("notes/shopping list.txt")
    assert out["application"] == "kayas-test-viewer"
    started = wait_for(lambda: record.exists() and record.read_text(), 15, "the viewer to start")
    assert json.loads(started) == {"argv": [str(workspace() / "notes" / "shopping list.txt")], "display": shown.display}
    said = default_registry().get("filesystem.open_file").summary
    assert said.format(filename="x", result=out) == "opened notes/shopping list.txt in kayas-test-viewer"


@pytest.mark.display
def test_no_application_for_the_file_is_said(xdg, shown, monkeypatch):
    monkeypatch.setenv("BROWSER", "/nonexistent-browser")  # else xdg-open's last resort is any web browser it finds
    monkeypatch.setenv("XDG_DATA_DIRS", str(workspace() / "no-system-apps"))
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    (workspace() / "data.txt").write_text("1,2\n")
    if shutil.which("run-mailcap") or shutil.which("mimeopen"):
        pytest.skip("run-mailcap or mimeopen would find a program for any text file here")
    with pytest.raises(KayasError, match="xdg-open could not open 'data.txt': (no application could open it|a required tool is missing)"):
        open_file("data.txt")


def test_without_a_display_nothing_is_started(xdg, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    (workspace() / "a.txt").write_text("a")
    with pytest.raises(KayasError, match=r"cannot open 'a.txt': there is no display to show it on \(DISPLAY and WAYLAND_DISPLAY are unset\)"):
        open_file("a.txt")
    with pytest.raises(KayasError, match="cannot open https://github.com: there is no display to show it on"):
        open_url("github.com")


@pytest.mark.display
def test_open_file_refuses_what_is_not_a_workspace_file(xdg, shown):
    with pytest.raises(KayasError, match="no such file in the workspace: 'nope.pdf'"):
        open_file("nope.pdf")
    with pytest.raises(KayasError, match="absolute paths are not allowed"):
        open_file("/etc/passwd")


@pytest.mark.parametrize("name", ["setup.exe", "install.BAT", "evil.desktop", "tool.sh", "script"])
def test_programs_are_never_opened(xdg, shown, tmp_path, name):
    ran = tmp_path / "ran"
    xdg("kayas-test-runner", f"/bin/touch {ran}", ["text/plain", "text/x-shellscript", "application/x-shellscript",
                                                   "application/x-desktop", "application/x-msdos-program"])
    path = workspace() / name
    path.write_text(f"#!/bin/sh\ntouch {ran}\n")
    path.chmod(0o755 if name == "script" else 0o644)
    with pytest.raises(KayasError, match=f"'{name}' is a program, not a document"):
        open_file(name)
    time.sleep(0.5)
    assert not ran.exists()


@pytest.mark.parametrize("given,address", [
    ("github.com", "https://github.com"),
    ("www.youtube.com/results?search_query=lofi", "https://www.youtube.com/results?search_query=lofi"),
    ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
    ("localhost:8000", "https://localhost:8000"),
    (" HTTPS://Example.org ", "HTTPS://Example.org"),
])
def test_web_addresses(given, address):
    assert web_address(given) == address


@pytest.mark.parametrize("given,said", [
    ("file:///etc/passwd", "only http and https addresses open in the browser, not 'file:'"),
    ("javascript:alert(1)", "only http and https addresses open in the browser, not 'javascript:'"),
    ("mailto:bob@example.com", "not 'mailto:'"),
    ("ftp://example.org", "not 'ftp:'"),
    ("https://", "names no web site"),
    ("", "is not a web address"),
    ("search for cats", "is not a web address"),
])
def test_other_addresses_are_refused(given, said):
    with pytest.raises(KayasError, match=said):
        open_url(given)


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        body = b"<html><head><title>Kayas test page</title></head><body>hello</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Recorder,), {"seen": []}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _stop_processes_using(marker: str) -> None:
    """End the browser this test started: the processes whose command line holds its own profile folder."""
    mine = [p for p in psutil.process_iter(["cmdline"]) if any(marker in a for a in (p.info["cmdline"] or []))]
    for p in mine:
        try:
            p.terminate()
        except psutil.NoSuchProcess:  # gone with its parent
            pass
    psutil.wait_procs(mine, timeout=10)


@pytest.mark.display
def test_open_url_shows_the_page_in_the_default_browser(xdg, shown, web_server, tmp_path):
    need("Debian's chromium", os.path.exists(CHROMIUM), "apt-get install chromium")
    profile = tmp_path / "browser-profile"
    flags = f"--user-data-dir={profile} --no-first-run --no-default-browser-check --disable-gpu --disable-dev-shm-usage"
    if os.geteuid() == 0:
        flags += " --no-sandbox"  # chromium refuses to run as root with its sandbox (CI runs as root)
    xdg("kayas-test-browser", f"{CHROMIUM} {flags} %U", ["x-scheme-handler/http", "x-scheme-handler/https"])
    url = f"http://127.0.0.1:{web_server.server_port}/kayas-page?q=visible"
    try:
        started = time.monotonic()
        out = open_url(url)
        assert out == {"url": url, "browser": "kayas-test-browser"}
        seen = web_server.RequestHandlerClass.seen
        wait_for(lambda: any(path == "/kayas-page?q=visible" for path, _ in seen), 60, "the browser to ask for the page")
        agent = next(a for p, a in seen if p == "/kayas-page?q=visible")
        assert "Chrome/" in agent and "HeadlessChrome" not in agent  # the visible browser, not a headless one
        assert time.monotonic() - started < 60
    finally:
        _stop_processes_using(str(profile))
    said = default_registry().get("browser.open_url").summary
    assert said.format(url="x", result=out) == f"opened {url} in kayas-test-browser"


def test_run_steps_stays_headless_unless_a_display_is_asked_for(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("KAYAS_BROWSER_HEADED", raising=False)
    assert BrowserConfig.from_settings().headless
    monkeypatch.setenv("KAYAS_BROWSER_HEADED", "1")
    assert not BrowserConfig.from_settings().headless


def test_doctor_line(monkeypatch):
    from kayas.cli.doctor_cmd import check_opening

    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert not check_opening().ready and "no display" in check_opening().detail
    monkeypatch.setenv("DISPLAY", ":0")
    needs_xdg_open()
    assert check_opening().ready and "xdg-open" in check_opening().detail
    monkeypatch.setenv("PATH", "/nonexistent")
    assert (check_opening().ready, check_opening().detail) == (False, "xdg-open (apt-get install xdg-utils)")
