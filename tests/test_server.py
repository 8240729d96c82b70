"""`kayas serve`'s API through a real uvicorn server on a free loopback port, with real tools.

The planner is a stand-in with the planner's interface (kayas.testing.ScriptedPlanner), so
these tests are about the server: the token, the gate, the confirmation flow, the queue.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kayas.errors import KayasError
from kayas.registry import default_registry
from kayas.server.client import Client
from kayas.server.config import ServerConfig
from kayas.server.runner import BackgroundServer
from kayas.server.security import allowed_names, load_or_create_token, split_host
from kayas.server.service import http_assistant
from kayas.settings import kayas_home, workspace
from kayas.testing import ScriptedPlanner

CREATE = [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt", "content": "buy milk"}}]
DELETE_TWO = [
    {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}},
    {"tool": "filesystem.delete_file", "args": {"filename": "b.txt"}},
]
CREATE_THEN_DELETE = [
    {"tool": "filesystem.create_file", "args": {"filename": "c.txt", "content": "c"}},
    {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}},
]
PLANS = {
    "create a todo list with buy milk": CREATE,
    "delete a and b": DELETE_TWO,
    "make c and delete a": CREATE_THEN_DELETE,
    "jot down buy milk maybe": CREATE,
}
CONFIDENCE = {"jot down buy milk maybe": 0.2}
ROUTES = [("GET", "/tools"), ("POST", "/plan"), ("POST", "/run"), ("POST", "/confirm/abc"), ("POST", "/cancel/abc"),
          ("POST", "/undo"), ("GET", "/history"), ("GET", "/no-such-route"), ("DELETE", "/run")]


class SlowPlanner(ScriptedPlanner):
    """The stand-in, taking ``seconds`` per plan (a real brain takes ~0.1-1 s)."""

    def __init__(self, *args, seconds: float = 0.0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = seconds
        self.threads: set[str] = set()
        self.gate: threading.Event | None = None  # when set to an Event: each plan waits for it first (at most 30 s)

    def decode(self, command: str):
        self.threads.add(threading.current_thread().name)
        if self.gate is not None:
            self.gate.wait(30)
        time.sleep(self.seconds)
        return super().decode(command)


def burst(s: BackgroundServer, planner: SlowPlanner, n: int, refusals: int) -> list:
    """``n`` plans asked at once, while the planner is held: no plan ends before ``refusals`` answers
    came back 503, so who is refused depends on the order of events, not on how fast this machine is.
    A server that answered a 503 only once the queue had moved would hold the gate shut: its accepted
    requests would wait past their limit (504s) and the statuses would say so."""
    planner.gate = gate = threading.Event()
    lock = threading.Lock()
    refused = []

    def ask(_: int):
        c = Client(s.url, s.token.value)
        try:
            answer = c.post("/plan", {"command": "create a todo list with buy milk"})
        finally:
            c.close()
        with lock:
            if answer.status == 503:
                refused.append(gate.is_set())
                if len(refused) == refusals:
                    gate.set()
        return answer

    try:
        with ThreadPoolExecutor(n) as pool:
            answers = list(pool.map(ask, range(n)))
    finally:
        gate.set()
    assert refused == [False] * refusals, refused  # every refusal came back while the accepted plans were held
    return answers


def start(planner=None, **config) -> BackgroundServer:
    planner = planner or ScriptedPlanner(PLANS, confidence=CONFIDENCE)
    return BackgroundServer(http_assistant(planner=planner, threshold=0.5), ServerConfig(port=0, **config))


@pytest.fixture
def server():
    with start() as s:
        yield s


@pytest.fixture
def client(server):
    c = Client(server.url, server.token.value)
    yield c
    c.close()


def wait_until(predicate, what: str, timeout: float = 30.0) -> None:
    """Poll ``predicate`` until it holds (an event, not a guess at how long it takes); fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def files() -> list[str]:
    return sorted(p.name for p in workspace().iterdir() if not p.name.startswith("."))


def write(*names: str) -> None:
    for name in names:
        (workspace() / name).write_text(name)


def assert_error(answer, status: int, contains: str = "") -> str:
    """A JSON error: {"error": one line}, no traceback."""
    assert answer.status == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json
    assert list(body) == ["error"] and "\n" not in body["error"]
    assert "Traceback" not in answer.text and 'File "' not in answer.text
    assert contains in body["error"], body["error"]
    return body["error"]


# ------------------------------------------------------------------ the token


def test_health_needs_no_token_and_every_other_route_does(server, client):
    health = client.get("/health", token=False)
    assert health.status == 200 and health.json["status"] == "ok"
    write("a.txt", "b.txt")
    for token in (False, "not-the-token", server.token.value + "x", server.token.value[:-1]):
        for method, path in ROUTES:
            answer = client.request(method, path, {"command": "delete a and b"} if method == "POST" else None, token=token)
            assert_error(answer, 401, "token")
            assert answer.headers["www-authenticate"].startswith("Bearer")
    basic = client.get("/tools", token=False, headers={"Authorization": f"Basic {server.token.value}"})
    assert_error(basic, 401)
    assert server.service.assistant.planner.asked == []  # nothing reached the planner
    assert files() == ["a.txt", "b.txt"]
    assert client.get("/tools").status == 200


def test_the_token_file_is_made_once_private_and_refused_when_others_can_read_it():
    first = load_or_create_token()
    assert first.created and len(first.value) >= 40
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    again = load_or_create_token()
    assert (again.value, again.created) == (first.value, False)  # printed only the first time
    os.chmod(first.path, 0o644)
    with pytest.raises(KayasError, match="can be read by others.*chmod 600"):
        load_or_create_token()
    rotated = load_or_create_token(rotate=True)
    assert rotated.created and rotated.value != first.value
    assert stat.S_IMODE(rotated.path.stat().st_mode) == 0o600


# ------------------------------------------------------------------ the routes


def test_tools_are_the_registry_schemas(client):
    answer = client.get("/tools")
    assert answer.status == 200
    registry = default_registry()
    by_name = {t["name"]: t for t in answer.json}
    assert [t["name"] for t in answer.json] == [d["name"] for d in registry.describe()]
    for described in registry.describe():
        got = by_name[described["name"]]
        assert {k: got[k] for k in described} == described  # what `kayas tools --json` prints
        assert got["destructive"] == registry.get(described["name"]).destructive
    assert by_name["filesystem.delete_file"]["destructive"] and not by_name["filesystem.create_file"]["destructive"]


def test_plan_answers_with_the_plan_confidence_and_timings_and_runs_nothing(server, client):
    answer = client.post("/plan", {"command": "  create a todo list   with buy milk "})
    assert answer.status == 200
    body = answer.json
    assert body["command"] == "create a todo list with buy milk"
    assert [c["tool"] for c in body["calls"]] == ["filesystem.create_file"]
    assert json.loads(body["text"]) == CREATE
    assert body["understood"] == "create todo.txt containing 'buy milk'"
    assert body["confidence"] is None and body["confident"] is True
    assert body["timings"]["plan_ms"] >= 0 and body["timings"]["forwards"] == 1
    unsure = client.post("/plan", {"command": "jot down buy milk maybe"}).json
    assert (unsure["confidence"], unsure["confident"]) == (0.2, False)
    assert files() == []


def test_run_a_safe_command_is_the_cli_json_report(server, client):
    answer = client.post("/run", {"command": "create a todo list with buy milk"})
    assert answer.status == 200
    report = answer.json
    assert (report["status"], report["exit_code"]) == ("done", 0)
    assert report["message"] == "Done: create todo.txt containing 'buy milk'."
    assert report["results"][0]["result"]["file"] == "todo.txt"
    assert (workspace() / "todo.txt").read_text() == "buy milk"
    assert report["confirmation"] is None
    # `kayas do --json` prints the same shape for the same plan (the CLI's --json is the one schema)
    (workspace() / "todo.txt").unlink()
    cli = subprocess.run([sys.executable, "-m", "kayas.cli.main", "do", "--json", json.dumps(CREATE)],
                         capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert cli.returncode == 0, cli.stderr
    cli_report = json.loads(cli.stdout)
    assert set(cli_report) == set(report) - {"confirmation"}
    typed = client.post("/run", {"plan": CREATE}).json  # the API's typed plan, after the CLI made the file
    assert typed["status"] == "failed" and "already exists" in typed["message"]
    assert {k: cli_report[k] for k in ("status", "plan", "understood")} == {
        "status": "done", "plan": CREATE, "understood": report["understood"]}


def test_history_holds_the_session(client):
    client.post("/plan", {"command": "create a todo list with buy milk"})
    client.post("/run", {"command": "create a todo list with buy milk"})
    entries = client.get("/history").json["entries"]
    assert [(e["kind"], e["status"]) for e in entries] == [("plan", "confident"), ("run", "done")]
    assert entries[1]["report"]["results"][0]["status"] == "ok"
    assert client.get(f"/history?since={entries[0]['id']}").json["entries"] == entries[1:]


# ------------------------------------------------------------------ confirmations


def test_a_destructive_command_waits_for_one_confirmation(client):
    write("a.txt", "b.txt")
    held = client.post("/run", {"command": "delete a and b"})
    assert held.status == 200
    report = held.json
    assert report["status"] == "confirm" and report["results"] == []
    assert report["message"].startswith("Delete a.txt?")
    confirmation = report["confirmation"]
    assert confirmation["reason"] == "destructive" and confirmation["destructive"] == [0, 1]
    assert confirmation["expires_in_s"] == 120 and confirmation["expires_at"] > time.time()
    assert files() == ["a.txt", "b.txt"]  # nothing ran
    done = client.post(f"/confirm/{confirmation['id']}")
    assert done.status == 200 and done.json["status"] == "done", done.text
    assert [r["status"] for r in done.json["results"]] == ["ok", "ok"]
    assert files() == []
    assert_error(client.post(f"/confirm/{confirmation['id']}"), 404, "no plan waits")  # one time only
    undone = client.post("/undo", {"count": 1})
    assert undone.status == 200 and sorted(undone.json["restored"]) == ["a.txt", "b.txt"]
    assert files() == ["a.txt", "b.txt"]
    assert_error(client.post("/undo"), 400, "nothing to undo")


def test_nothing_of_a_destructive_plan_runs_before_the_yes(client):
    write("a.txt")
    report = client.post("/run", {"command": "make c and delete a"}).json
    assert report["status"] == "confirm" and report["confirmation"]["destructive"] == [1]
    assert files() == ["a.txt"]  # not even the harmless first call
    typed = client.post("/run", {"plan": json.dumps(DELETE_TWO)}).json  # a typed plan (as text) waits too
    assert typed["status"] == "confirm" and typed["command"] == ""
    dry = client.post("/run", {"plan": DELETE_TWO, "dry_run": True}).json  # a dry run needs no yes
    assert dry["status"] == "dry-run" and [r["status"] for r in dry["results"]] == ["dry-run", "dry-run"]
    assert files() == ["a.txt"]


def test_an_unsure_plan_comes_back_with_what_was_understood_and_can_be_confirmed(client):
    report = client.post("/run", {"command": "jot down buy milk maybe"}).json
    assert report["status"] == "unsure" and report["confidence"] == 0.2
    assert report["message"] == ("Not sure I understood. Did you mean: create todo.txt containing 'buy milk'?")
    assert report["confirmation"]["reason"] == "unsure" and report["confirmation"]["destructive"] == []
    assert files() == []
    done = client.post(f"/confirm/{report['confirmation']['id']}").json
    assert done["status"] == "done" and files() == ["todo.txt"]
    nothing = client.post("/run", {"command": "set an alarm for 7"}).json  # an empty plan: nothing to confirm
    assert nothing["status"] == "nothing" and nothing["confirmation"] is None


def test_a_policy_denied_plan_is_refused_and_never_offered_for_a_yes(client):
    (kayas_home() / "config.toml").write_text('[policy]\n"filesystem.delete_file" = "deny"\n')
    write("a.txt")
    report = client.post("/run", {"command": "make c and delete a"}).json
    assert report["status"] == "refused" and report["confirmation"] is None
    assert "denied by the policy" in report["message"]
    assert [r["status"] for r in report["results"]] == ["skipped", "refused"]
    assert files() == ["a.txt"]  # not even the harmless first call ran


def test_a_harmless_call_the_policy_confirms_can_be_confirmed_and_run(client):
    (kayas_home() / "config.toml").write_text('[policy]\nfilesystem = "confirm"\n')
    report = client.post("/run", {"command": "create a todo list with buy milk"}).json
    assert report["status"] == "confirm" and report["confirmation"]["destructive"] == [0]
    assert report["message"] == "Create todo.txt containing 'buy milk'?" and files() == []
    done = client.post(f"/confirm/{report['confirmation']['id']}").json
    assert done["status"] == "done" and files() == ["todo.txt"]


def test_cancel_forgets_the_plan(client):
    write("a.txt", "b.txt")
    held = client.post("/run", {"command": "delete a and b"}).json
    cancelled = client.post(f"/cancel/{held['confirmation']['id']}")
    assert cancelled.status == 200 and cancelled.json["message"] == "Cancelled: nothing was run."
    assert_error(client.post(f"/confirm/{held['confirmation']['id']}"), 404)
    assert files() == ["a.txt", "b.txt"]
    assert client.get("/history").json["entries"][-1]["kind"] == "cancel"


def test_a_confirmation_expires():
    write("a.txt", "b.txt")
    with start(confirm_ttl_s=0.3) as s:
        c = Client(s.url, s.token.value)
        held = c.post("/run", {"command": "delete a and b"}).json
        time.sleep(0.5)
        assert_error(c.post(f"/confirm/{held['confirmation']['id']}"), 410, "expired")
        assert_error(c.post(f"/confirm/{held['confirmation']['id']}"), 404)
    assert files() == ["a.txt", "b.txt"]


def test_one_id_confirmed_by_many_at_once_runs_once(server):
    write("a.txt", "b.txt")
    held = Client(server.url, server.token.value).post("/run", {"command": "delete a and b"}).json
    path = f"/confirm/{held['confirmation']['id']}"

    def confirm(_: int) -> int:
        c = Client(server.url, server.token.value)
        try:
            return c.post(path).status
        finally:
            c.close()

    with ThreadPoolExecutor(10) as pool:
        statuses = sorted(pool.map(confirm, range(10)))
    assert statuses == [200] + [404] * 9
    runs = [e for e in Client(server.url, server.token.value).get("/history").json["entries"] if e["kind"] == "confirm"]
    assert len(runs) == 1 and runs[0]["status"] == "done"


# ------------------------------------------------------------------ Host, Origin, CORS


def test_a_wrong_host_is_refused_dns_rebinding(server, client):
    write("a.txt", "b.txt")
    for host in ("attacker.example", f"attacker.example:{server.port}", "127.0.0.1.attacker.example", f"127.0.0.1:{server.port + 1}",
                 "", "10.0.0.1"):
        answer = client.post("/run", {"command": "delete a and b"}, headers={"Host": host})
        assert_error(answer, 403, "Host")
        assert_error(client.get("/health", token=False, headers={"Host": host}), 403)
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}", "LOCALHOST", f"[::1]:{server.port}"):
        assert client.get("/tools", headers={"Host": host}).status == 200, host
    assert files() == ["a.txt", "b.txt"]


def test_requests_from_other_web_pages_are_refused_even_with_the_token(server, client):
    write("a.txt", "b.txt")
    for origin in ("http://attacker.example", "null", f"http://127.0.0.1:{server.port + 1}", f"https://127.0.0.1:{server.port}",
                   f"http://localhost.attacker.example:{server.port}"):
        answer = client.post("/run", {"command": "delete a and b"}, headers={"Origin": origin})
        assert_error(answer, 403, "web page")
    # a preflight from another origin gets no CORS grant
    preflight = client.request("OPTIONS", "/run", token=False, headers={
        "Origin": "http://attacker.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert preflight.status == 403 and "access-control-allow-origin" not in preflight.headers
    cross = client.post("/run", {"command": "delete a and b"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert_error(cross, 403, "cross-site")
    # a text/plain body (what a page can send without a preflight) is refused before the token is read
    form = client.post("/run", raw=b'{"command": "delete a and b"}', headers={"Content-Type": "text/plain"})
    assert_error(form, 415, "JSON")
    same = client.get("/tools", headers={"Origin": f"http://127.0.0.1:{server.port}", "Sec-Fetch-Site": "same-origin"})
    assert same.status == 200
    assert "access-control-allow-origin" not in same.headers
    assert files() == ["a.txt", "b.txt"]


def test_the_console_and_the_api_description_are_public_and_strict(server, client):
    page = client.get("/", token=False)
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"] and "unsafe-inline" not in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert "console.js" in page.text and server.token.value not in page.text
    assert client.get("/console/console.js", token=False).status == 200
    assert client.get("/docs", token=False).status == 200
    assert client.get("/docs-assets/swagger-ui-bundle.js", token=False).status == 200
    schema = client.get("/openapi.json", token=False).json
    assert {"/health", "/tools", "/plan", "/run", "/confirm/{confirmation_id}", "/cancel/{confirmation_id}", "/undo",
            "/history"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "ServerReport" in schema["components"]["schemas"]
    # a cross-site navigation may open the console page, but not reach the API
    assert client.get("/", token=False, headers={"Sec-Fetch-Site": "cross-site"}).status == 200
    assert_error(client.get("/tools", headers={"Sec-Fetch-Site": "cross-site"}), 403)


def test_the_listening_socket_says_tcp_so_answers_are_not_held_by_nagle():
    import socket

    from kayas.server.runner import bind

    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY on the connections of such a socket only
    finally:
        sock.close()


def test_allowed_names():
    assert split_host("[::1]:8765") == ("::1", 8765) and split_host("Example.ORG") == ("example.org", None)
    assert split_host("a:b") == ("a", -1)
    assert allowed_names("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert "kayas.lan" in allowed_names("0.0.0.0", ["kayas.lan"])
    assert ServerConfig().loopback and not ServerConfig(host="0.0.0.0").loopback


# ------------------------------------------------------------------ bad bodies


def test_oversized_bodies_are_refused(client):
    big = {"command": "x" * 70_000}
    assert_error(client.post("/run", big), 413, "too large")
    assert_error(client.post("/plan", raw=b"{" + b" " * 70_000 + b"}", headers={"Content-Type": "application/json"}), 413)
    # the same without a Content-Length: chunked, counted as it streams
    conn = __import__("http.client").client.HTTPConnection(client.host, client.port, timeout=30)
    conn.request("POST", "/run", body=iter([b'{"command": "', b"x" * 40_000, b"y" * 40_000, b'"}']), encode_chunked=True,
                 headers={"Authorization": f"Bearer {client.token}", "Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    resp = conn.getresponse()
    assert resp.status == 413 and list(json.loads(resp.read())) == ["error"]
    conn.close()
    assert client.get("/health").status == 200


def test_malformed_bodies_get_one_line(client):
    cases = [
        (b'{"command": ', 422, "not valid JSON"),
        (b"\xff\xfe\x00garbage", 422, "not valid JSON"),
        (b"[]", 422, ""),
        (b'"delete a and b"', 422, ""),
        (b'{"command": "delete a and b", "plan": []}', 422, 'either "command" or "plan"'),
        (b"{}", 422, 'either "command" or "plan"'),
        (b'{"command": "x", "yes": true}', 422, "yes"),
        (b'{"command": 5}', 422, "command"),
        (b'{"command": "\\u0000\\u0001"}', 400, "not text"),
        (b'{"command": "   "}', 400, "empty command"),
        (b'{"command": "' + b"a" * 2500 + b'"}', 400, "too long"),
        (b'{"plan": [{"tool": "nope", "args": {}}]}', 400, "unknown tool 'nope'"),
        (b'{"plan": "not json"}', 400, "not JSON"),
        (b'{"plan": [{"tool": "filesystem.delete_file", "args": {"filename": 3}}]}', 400, "filename"),
    ]
    for raw, status, contains in cases:
        assert_error(client.post("/run", raw=raw, headers={"Content-Type": "application/json"}), status, contains)
    assert_error(client.post("/run"), 422, "JSON body")
    assert_error(client.post("/undo", {"count": 0}), 422, "count")
    assert client.get("/health").status == 200


def test_a_plan_of_10000_nested_lists(client):
    write("a.txt")
    deep = "[" * 10_000 + "]" * 10_000
    as_value = client.post("/run", raw=('{"plan": ' + deep + "}").encode(), headers={"Content-Type": "application/json"})
    assert_error(as_value, 400, "nested too deeply")
    as_text = client.post("/run", {"plan": deep})
    assert_error(as_text, 400, "nested too deeply (more than 64 levels)")
    assert_error(client.post("/run", {"plan": "[" * 500 + "]" * 500}), 400, "nested too deeply")  # kayas.safe_input's limit
    shallow = "[" * 50 + "]" * 50  # within the limit: a plain wrong plan
    assert_error(client.post("/run", {"plan": shallow}), 400, "call 0: expected an object")
    assert_error(client.post("/plan", raw=('{"command": ' + deep + "}").encode(), headers={"Content-Type": "application/json"}), 400)
    assert client.get("/health").status == 200 and files() == ["a.txt"]


# ------------------------------------------------------------------ the queue


def test_one_planner_thread_serves_concurrent_requests_each_its_own_answer():
    commands = list(PLANS)
    planner = SlowPlanner(PLANS, confidence=CONFIDENCE, seconds=0.01)
    with start(planner) as s:
        def ask(i: int) -> tuple[int, str, str]:
            c = Client(s.url, s.token.value)
            try:
                command = commands[i % len(commands)]
                answer = c.post("/plan", {"command": command})
                return answer.status, command, answer.json.get("command", "")
            finally:
                c.close()

        with ThreadPoolExecutor(20) as pool:
            results = list(pool.map(ask, range(200)))
    assert all(status == 200 for status, _, _ in results)
    assert all(sent == got for _, sent, got in results)  # no answer went to another request
    assert len(planner.asked) == 200 and len(planner.threads) == 1  # one planner, one thread


def test_a_full_queue_is_a_clear_503_and_a_long_wait_a_504():
    planner = SlowPlanner(PLANS)
    with start(planner, queue_size=2) as s:
        answers = burst(s, planner, 6, refusals=4)  # all six arrive while the first two are held
        served = [a for a in answers if a.status == 200]
        busy = [a for a in answers if a.status == 503]
        assert len(served) == 2 and len(busy) == 4, [a.status for a in answers]
        for a in busy:
            assert_error(a, 503, "busy: 2 requests are already waiting for the planner")
            assert a.headers["retry-after"] == "1"
        assert s.service.planner_lane.refused == 4
    with start(SlowPlanner(PLANS, seconds=1.0), plan_timeout_s=0.3) as s:
        c = Client(s.url, s.token.value)
        assert_error(c.post("/plan", {"command": "create a todo list with buy milk"}), 504, "did not answer within 0.3 s")
        assert_error(c.post("/run", {"command": "create a todo list with buy milk"}), 504)
        wait_until(lambda: s.service.planner_lane.jobs == 0 and s.service.run_lane.jobs == 0, "the lanes to be idle")
        assert files() == []  # the request that gave up ran nothing, now that the planner is done
        assert c.get("/health").status == 200


def test_a_queue_longer_than_the_time_limit_is_a_503_at_once_not_a_504_later():
    planner = SlowPlanner(PLANS, seconds=0.5)
    with start(planner, plan_timeout_s=1.45) as s:
        c = Client(s.url, s.token.value)
        assert c.post("/plan", {"command": "create a todo list with buy milk"}).status == 200  # the lane learns ~0.5 s a plan
        learned = s.service.planner_lane.job_s()
        assert 1.45 / 3 < learned <= 1.45 / 2, learned  # so two fit in the limit and three do not (0.5 s plus this machine's lag)
        planner.seconds = 0.0  # the burst's plans are held by the gate instead
        answers = burst(s, planner, 6, refusals=4)
    statuses = sorted(a.status for a in answers)
    assert statuses == [200, 200, 503, 503, 503, 503], statuses  # two fit in 1.45 s (three would not); no 504
    for answer in answers:
        if answer.status == 503:
            assert_error(answer, 503, "more than the 1.45 s limit allows")
            assert int(answer.headers["retry-after"]) >= 1  # refused at once: while the two accepted were still held (burst)


def test_typed_plans_never_wait_for_the_planner():
    loads: list[int] = []

    def factory():
        loads.append(1)
        return ScriptedPlanner(PLANS)

    with BackgroundServer(http_assistant(planner_factory=factory), ServerConfig(port=0)) as s:
        c = Client(s.url, s.token.value)
        assert c.post("/run", {"plan": CREATE}).json["status"] == "done"
        assert c.get("/health", token=False).json["planner_loaded"] is False
        assert loads == []
        assert c.post("/plan", {"command": "create a todo list with buy milk"}).status == 200
        assert loads == [1] and c.get("/health").json["planner_loaded"] is True
