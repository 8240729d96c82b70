"""`kayas serve` as a user starts it: a real process with a (tiny, random) brain, stopped with Ctrl-C."""
from __future__ import annotations

import os
import queue
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from kayas.server.client import Client


@pytest.fixture(scope="module")
def tiny_brain(tiny_model_dir, tmp_path_factory):
    from kayas.testing.stand_ins import make_random_adapter

    adapter = make_random_adapter(tmp_path_factory.mktemp("serve-lora") / "adapter", str(tiny_model_dir))
    return ["--adapter", str(adapter), "--model", str(tiny_model_dir), "--max-new-tokens", "24", "--device", "cpu"]


class Served:
    """`kayas serve ...` in a process; its stdout lines are read as they come."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "kayas.cli.main", "serve", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=os.environ.copy())
        self.lines: queue.Queue[str] = queue.Queue()
        self.stdout: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout_s: float = 180) -> re.Match:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"kayas serve exited ({self.proc.returncode}): {self.proc.stderr.read()}") from None
                continue
            self.stdout.append(line)
            if m := re.search(pattern, line):
                return m
        raise AssertionError(f"no line matching {pattern!r} in {timeout_s} s: {self.stdout}")

    def drain(self) -> None:
        while not self.lines.empty():
            self.stdout.append(self.lines.get())

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a terminal sends it."""
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("kayas serve did not stop within 30 s of Ctrl-C") from None
        time.sleep(0.1)
        self.drain()
        return code, self.proc.stderr.read()  # type: ignore[union-attr]


def test_serve_prints_where_it_listens_and_the_token_once_then_stops_on_ctrl_c(tiny_brain, tmp_path):
    home = tmp_path / "home"
    first = Served("--port", "0", *tiny_brain)
    try:
        url = first.wait_for(r"^listening on (http://127\.0\.0\.1:\d+) \(API docs: .*/docs\)$").group(1)
        token_file = first.wait_for(r"^token: (.+)$").group(1)
        token = first.wait_for(r"^  new token, shown this once: (\S+)$").group(1)
        link = first.wait_for(r"^console: (\S+)$").group(1)
        assert token_file == str(home / "server-token")
        assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
        assert open(token_file).read().strip() == token
        assert link == f"{url}/#token={token}"
        c = Client(url, token)
        assert c.get("/health", token=False).json["planner_loaded"] is True  # loaded at start, not on the first request
        assert c.get("/tools", token=False).status == 401
        plan = c.post("/plan", {"command": "create a todo list"})
        assert plan.status == 200 and set(plan.json) >= {"calls", "text", "confidence", "timings"}
        assert plan.json["timings"]["forwards"] >= 1  # the real (tiny) planner answered
        c.close()
    finally:
        code, stderr = first.stop()
    assert code == 0, stderr
    assert "kayas serve: stopped" in stderr and "Traceback" not in stderr

    second = Served("--port", "0", *tiny_brain)
    try:
        second.wait_for(r"^listening on ")
        second.wait_for(r"^token: ")
        second.wait_for(r"^console: http://127\.0\.0\.1:\d+/ \(paste the token")
    finally:
        code, stderr = second.stop()
    assert code == 0 and token not in "\n".join(second.stdout) + stderr  # printed once, on the first start

    link = subprocess.run([sys.executable, "-m", "kayas.cli.main", "serve", "--console-url", "--port", "9999"],
                          capture_output=True, text=True, timeout=120)
    assert link.returncode == 0 and link.stdout.strip() == f"http://127.0.0.1:9999/#token={token}"


def test_a_taken_port_is_one_line_before_the_brain_loads():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "kayas.cli.main", "serve", "--port", str(port), "--adapter", "/nonexistent"],
                             capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_bad_settings_are_one_line(tmp_path):
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home" / "config.toml").write_text("[server]\nqueue_sise = 3\n")
    out = subprocess.run([sys.executable, "-m", "kayas.cli.main", "serve"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "unknown key 'queue_sise' in [server]" in out.stderr and "Traceback" not in out.stderr
    (tmp_path / "home" / "config.toml").write_text("")
    out = subprocess.run([sys.executable, "-m", "kayas.cli.main", "serve", "--port", "70000"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "--port must be from 0 to 65535" in out.stderr
