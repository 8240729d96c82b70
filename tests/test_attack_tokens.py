"""Issue 25, point 4: one token for every client, never expiring. Now: tokens per client, named,
scoped (plan, run, confirm), revocable, optionally expiring; the console keeps its own."""
from __future__ import annotations

import json
import time

import pytest

from cli_runner import run_main
from kayas.server import client_tokens
from kayas.server.client import Client
from kayas.server.config import ServerConfig
from kayas.server.runner import BackgroundServer
from kayas.server.service import http_assistant
from kayas.testing import ScriptedPlanner

PLAN = {"command": "nothing known"}


@pytest.fixture
def server():
    with BackgroundServer(http_assistant(planner=ScriptedPlanner({}), threshold=0.5), ServerConfig(port=0)) as s:
        c = Client(s.url, s.token.value)
        yield s, c
        c.close()


def test_a_token_does_what_its_scopes_allow_until_revoked(server):
    _, client = server
    _, planner = client_tokens.add("planner-script", ["plan"])
    assert client.request("POST", "/plan", PLAN, token=planner).status == 200
    assert client.request("GET", "/tools", token=planner).status == 200
    run = client.request("POST", "/run", PLAN, token=planner)
    assert run.status == 403 and "no 'run' scope" in run.json["error"]
    assert client.request("POST", "/confirm/abc", token=planner).status == 403
    client_tokens.revoke("planner-script")
    assert client.request("POST", "/plan", PLAN, token=planner).status == 401
    assert client.request("POST", "/plan", PLAN).status == 200  # the console's own token is untouched


def test_an_expired_token_is_refused(server):
    _, client = server
    _, value = client_tokens.add("short", ["plan", "run"], expires_days=0.5 / 86400)
    assert client.request("POST", "/plan", PLAN, token=value).status == 200
    time.sleep(0.7)
    assert client.request("POST", "/plan", PLAN, token=value).status == 401
    assert client_tokens.load()[0].state() == "expired"


def test_the_token_file_keeps_no_token_and_is_private():
    _, value = client_tokens.add("a", ["confirm"])
    text = client_tokens.tokens_path().read_text()
    assert value not in text and value[8:] not in text
    assert client_tokens.tokens_path().stat().st_mode & 0o777 == 0o600


def test_kayas_tokens_add_list_revoke(monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, ["tokens", "add", "ha", "--scope", "run", "--scope", "plan"])
    assert code == 0 and out.strip().startswith("kc_") and "not shown again" in err
    assert client_tokens.match(out.strip()) is not None
    code, out, _ = run_main(monkeypatch, capsys, ["tokens", "list", "--json"])
    assert [(t["name"], t["scopes"], t["state"]) for t in json.loads(out)] == [("ha", ["plan", "run"], "active")]
    assert run_main(monkeypatch, capsys, ["tokens", "revoke", "ha"])[0] == 0
    code, out, err = run_main(monkeypatch, capsys, ["tokens", "revoke", "ha"])
    assert code != 0 and "no active token named ha" in out + err
    code, out, err = run_main(monkeypatch, capsys, ["tokens", "add", "x", "--scope", "admin"])
    assert code != 0 and "scopes are plan, run, confirm" in out + err
