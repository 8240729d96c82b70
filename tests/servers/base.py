"""Start a handler on a free loopback port in a thread (tests), or in the foreground (demos)."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Server(ThreadingHTTPServer):
    """A threading HTTP server with a `state` dict the handlers share and a `url`."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler], port: int = 0, state: dict[str, Any] | None = None):
        super().__init__(("127.0.0.1", port), handler)
        self.state: dict[str, Any] = state if state is not None else {}
        self.url = f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser gave up on a slow page: expected in the timeout tests
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """Helpers for reading requests and writing JSON or HTML replies."""

    server: Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    @property
    def path_only(self) -> str:
        return urlsplit(self.path).path

    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, payload: Any = None, content_type: str = "application/json",
             headers: dict[str, str] | None = None) -> None:
        if payload is None:
            data = b""
        elif isinstance(payload, (bytes, str)):
            data = payload.encode() if isinstance(payload, str) else payload
        else:
            data = json.dumps(payload).encode()
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], state: dict[str, Any] | None = None) -> Iterator[Server]:
    server = Server(handler, 0, state)
    thread = Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def main(handler: type[BaseHTTPRequestHandler], what: str, state: dict[str, Any] | None = None) -> None:
    parser = argparse.ArgumentParser(description=f"Serve {what} on 127.0.0.1 until Ctrl-C.")
    parser.add_argument("--port", type=int, default=0)
    port = parser.parse_args().port
    server = Server(handler, port, state)
    print(f"{what} at {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
