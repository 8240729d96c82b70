"""A small client for the API (the load test and the tests use it): stdlib http.client, one connection kept alive."""
from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text)


class Client:
    """``Client("http://127.0.0.1:8765", token).post("/plan", {"command": "..."})``."""

    def __init__(self, url: str, token: str | None = None, timeout_s: float = 120.0) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.token = token
        self.timeout_s = timeout_s
        self._conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
                headers: dict[str, str] | None = None, token: str | None | bool = True) -> Answer:
        """``body`` is sent as JSON, ``raw`` as it is; ``token=False`` sends none, a string sends that one."""
        sent: dict[str, str] = {}
        chosen = self.token if token is True else (token or None)
        if chosen:
            sent["Authorization"] = f"Bearer {chosen}"
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        while True:
            reused = self._conn is not None
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=sent)
                resp = conn.getresponse()
                text = resp.read().decode("utf-8", errors="replace")
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closes idle kept-alive connections; a request sent on one was never
                # read, so it is sent once more on a fresh connection. A fresh one failing is an error.
                self.close()
                if not reused:
                    raise
        if resp.getheader("connection", "").lower() == "close":
            self.close()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, text)

    def get(self, path: str, **kw: Any) -> Answer:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.request("POST", path, body, **kw)

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
