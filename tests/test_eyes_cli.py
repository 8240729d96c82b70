"""`kayas do` with each uia.* tool, and `kayas eyes ...`, against the GTK test app under Xvfb."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from apps.desktop import TITLE, desktop, gtk_app, on_desktop, wait_for  # noqa: F401 (fixtures)
from kayas.cli.main import app as cli
from kayas.eyes import make_backend

pytestmark = pytest.mark.display


def kayas(*args: str, env=None) -> subprocess.CompletedProcess:
    """The real command line, in its own process (as a user runs it)."""
    return subprocess.run([sys.executable, "-m", "kayas.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_kayas_do_runs_every_uia_tool(gtk_app, on_desktop):
    """One plan, six tools, one process: the calls share the bus connection and window list."""
    plan = [
        {"tool": "uia.list_windows", "args": {}},
        {"tool": "uia.find_window", "args": {"title": "kayas test"}},
        {"tool": "uia.type_text", "args": {"window_title": "Kayas Test App", "text": "Grace", "field": "Name"}},
        {"tool": "uia.click_button", "args": {"window_title": "Kayas Test App", "button_text": "Greet"}},
        {"tool": "uia.get_control_tree", "args": {"window_title": "Kayas Test App"}},
        {"tool": "uia.close_window", "args": {"window_title": "Kayas Test App"}},
    ]
    done = kayas("do", json.dumps(plan), "--yes", "--json", env=on_desktop.env())
    assert done.returncode == 0, done.stderr + done.stdout
    results = [r["result"] for r in json.loads(done.stdout)["results"]]
    assert results[0] == [TITLE]
    assert results[1]["open"] is True and results[1]["pid"] == gtk_app.pid
    assert results[2] == {"window": TITLE, "field": "Name:", "text": "Grace"}
    assert results[3] == {"window": TITLE, "button": "Greet", "action": "Click"}
    labels = []
    stack = [results[4]]
    while stack:
        node = stack.pop()
        labels += [node.get("text")] if node["role"] == "label" else []
        stack += node["children"]
    assert "Hello, Grace!" in labels  # the app reacted to the click, seen in the tree
    assert results[5] == {"window": TITLE, "closed": True}
    assert gtk_app.wait(5) == 0
    assert TITLE not in [w.title for w in make_backend().windows()]


def test_close_needs_consent(gtk_app, on_desktop):
    plan = json.dumps([{"tool": "uia.close_window", "args": {"window_title": TITLE}}])
    refused = CliRunner().invoke(cli, ["do", plan])
    assert refused.exit_code == 1
    assert "--yes" in refused.output
    assert [w.title for w in make_backend().windows()] == [TITLE]  # still open


def test_kayas_do_reports_a_missing_window(gtk_app, on_desktop):
    plan = json.dumps([{"tool": "uia.click_button", "args": {"window_title": "Calculator", "button_text": "OK"}}])
    failed = kayas("do", plan, "--json", env=on_desktop.env())
    assert failed.returncode == 1
    result = json.loads(failed.stdout)["results"][0]
    assert result["status"] == "failed"
    assert result["error"] == f"no window 'Calculator' open; windows open: '{TITLE}'"
    assert "Traceback" not in failed.stderr


def test_eyes_windows_and_tree(gtk_app, on_desktop):
    runner = CliRunner()
    listed = runner.invoke(cli, ["eyes", "windows", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [(w["title"], w["pid"]) for w in json.loads(listed.output)] == [(TITLE, gtk_app.pid)]
    table = runner.invoke(cli, ["eyes", "windows"])
    assert TITLE in table.output and "gtk_app.py" in table.output
    tree = runner.invoke(cli, ["eyes", "tree", "kayas"])
    assert tree.exit_code == 0, tree.output
    assert "push button 'Greet'" in tree.output and "labels=['Name:', 'Your name']" in tree.output
    data = json.loads(runner.invoke(cli, ["eyes", "tree", "kayas", "--json"]).output)
    assert data["name"] == TITLE and data["children"][0]["role"] == "panel"


def test_eyes_errors_are_one_line_exit_2(gtk_app, on_desktop):
    missing = kayas("eyes", "tree", "Calculator", env=on_desktop.env())
    assert missing.returncode == 2
    assert missing.stderr == f"error: no window 'Calculator' open; windows open: '{TITLE}'\n"
    env = {k: v for k, v in on_desktop.env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    no_display = kayas("eyes", "windows", env=env)
    assert no_display.returncode == 2
    assert no_display.stderr.startswith("error: no display: DISPLAY and WAYLAND_DISPLAY are unset")
    assert len(no_display.stderr.splitlines()) == 1


def test_eyes_bench_times_lookup_tree_and_click(gtk_app, on_desktop):
    out = CliRunner().invoke(cli, ["eyes", "bench", TITLE, "--button", "Save", "--runs", "5", "--json"])
    assert out.exit_code == 0, out.output
    timings = {t["name"]: t for t in json.loads(out.output)}
    assert set(timings) == {
        "first lookup (connect to the bus + list windows)", "window lookup (fresh window list)",
        "window lookup (cached window list)", "full tree walk", "click 'Save' (lookup + find the button + action)"}
    assert all(t["median_ms"] > 0 for t in timings.values())
    cached, fresh = timings["window lookup (cached window list)"], timings["window lookup (fresh window list)"]
    assert cached["median_ms"] < fresh["median_ms"]
    assert timings["full tree walk"]["note"] == "12 controls"
    assert wait_for(lambda: any(n.text == "Saved" for n in make_backend().control_tree(TITLE).walk()),
                    what="the bench's clicks to show")
