"""Serving: bind the socket first (so the app knows its real port), then uvicorn on it.

`serve` is what `kayas serve` runs in the foreground until Ctrl-C; `BackgroundServer`
runs the same server on a thread (tests, embedding), on a free loopback port by default.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from kayas.assistant import Assistant
from kayas.errors import KayasError
from kayas.server.app import create_app
from kayas.server.config import ServerConfig
from kayas.server.security import Token, allowed_names, header_timeout_protocol, load_or_create_token
from kayas.server.service import Service


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket; a taken port or an unknown host is one clear error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise KayasError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets that do, and without it
    # Nagle's algorithm and delayed ACKs add ~40 ms to every answer sent in two writes.
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise KayasError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


@dataclass
class Prepared:
    """A server ready to start: its socket, app, service and token."""

    sock: socket.socket
    port: int
    url: str
    token: Token
    service: Service
    server: uvicorn.Server


def prepare(assistant: Assistant, config: ServerConfig, *, rotate_token: bool = False, token: Token | None = None) -> Prepared:
    token = token or load_or_create_token(rotate=rotate_token)
    sock = bind(config.host, config.port)
    port = sock.getsockname()[1]
    service = Service(assistant, config)
    app = create_app(service, token=token.value, token_file=token.path,
                     names=allowed_names(config.host, config.allow_hosts), port=port)
    uv_config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,  # no proxy in front: the peer is who it says
        lifespan="off",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
        limit_concurrency=256,  # connections + tasks; past it uvicorn answers 503 itself
        ws="none",
        http=header_timeout_protocol(),  # half-open connections are closed (kayas.server.security)
    )
    return Prepared(sock, port, url_of(config.host, port), token, service, uvicorn.Server(uv_config))


def serve(prepared: Prepared, on_ready: Callable[[Prepared], None] | None = None) -> None:
    """Serve until Ctrl-C (or SIGTERM); uvicorn finishes the requests in flight, then returns.

    ``on_ready`` runs once uvicorn has started, that is with its Ctrl-C handling in place: whoever
    reads "listening on ..." and then sends Ctrl-C never meets a server that is still starting."""
    if on_ready is not None:
        def announce() -> None:
            server = prepared.server
            while not server.started and not server.should_exit:
                time.sleep(0.01)
            if server.started:
                on_ready(prepared)

        threading.Thread(target=announce, name="kayas-server-ready", daemon=True).start()
    try:
        prepared.server.run(sockets=[prepared.sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, once it has stopped
        pass
    finally:
        prepared.service.close()
        prepared.sock.close()


class BackgroundServer:
    """The same server on a thread, for tests and embedding: `with BackgroundServer(...) as s: s.url`."""

    def __init__(self, assistant: Assistant, config: ServerConfig | None = None, *, home_token: Token | None = None) -> None:
        self.prepared = prepare(assistant, config or ServerConfig(port=0), token=home_token)
        self.url = self.prepared.url
        self.port = self.prepared.port
        self.token = self.prepared.token
        self.service = self.prepared.service
        self._thread = threading.Thread(target=self.prepared.server.run, kwargs={"sockets": [self.prepared.sock]},
                                        name="kayas-server", daemon=True)

    def __enter__(self) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self.prepared.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.prepared.server.should_exit = True
        self._thread.join(timeout=20)
        self.prepared.service.close()
        self.prepared.sock.close()

    @property
    def token_file(self) -> Path:
        return self.token.path
