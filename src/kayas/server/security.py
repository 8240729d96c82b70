"""What stands between the network and the tools: the token, the Host and Origin checks.

A server that can run shell commands and send mail is the most attractive target on the
machine, so every request passes one gate (`Guard`, a plain ASGI middleware, outside the
routes) that denies by default:

- the Host header must name this server (a DNS-rebinding page names its own domain);
- a browser's Origin must be this server's own origin, and a browser's cross-site
  request (Sec-Fetch-Site) is refused, so a web page the user visits cannot post here;
- a request body must be JSON (a form or text/plain body is how pages skip preflight);
- every path but the public ones needs `Authorization: Bearer <token>`; the public ones
  (/health, the console's static files, the API description) hold no data and run nothing.

No CORS headers are ever sent: no other origin may read an answer.
"""
from __future__ import annotations

import hmac
import json
import os
import secrets
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

from kayas.errors import KayasError
from kayas.server import client_tokens
from kayas.server.config import LOOPBACK_HOSTS
from kayas.settings import kayas_home

TOKEN_FILE = "server-token"

# Paths anyone may fetch: no data, nothing runs. Everything else needs the token.
PUBLIC_PATHS = frozenset({"/health", "/", "/favicon.ico", "/docs", "/openapi.json"})
PUBLIC_PREFIXES = ("/console/", "/docs-assets/")

# Sent with every answer. The console's pages load only their own files; /docs runs Swagger
# UI, which sets inline styles.
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
CSP = (b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
DOCS_CSP = (b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


# ------------------------------------------------------------------ the token


@dataclass(frozen=True)
class Token:
    value: str
    path: Path
    created: bool  # made by this start: the only time it is printed


def token_path() -> Path:
    return kayas_home() / TOKEN_FILE


def load_or_create_token(rotate: bool = False) -> Token:
    """The bearer token in KAYAS_HOME/server-token (mode 0600), made on first start.

    A token file that others can read is refused (as ssh refuses such a key): fix its mode,
    or rotate it.
    """
    path = token_path()
    if rotate:
        path.unlink(missing_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_token(path)
    value = secrets.token_urlsafe(32)  # 256 bits
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value + "\n")
    return Token(value, path, created=True)


def _read_token(path: Path) -> Token:
    info = path.stat()
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KayasError(f"{path} can be read by others (mode {stat.S_IMODE(info.st_mode):o}): "
                         f"run chmod 600 {path}, or kayas serve --new-token")
    value = path.read_text(encoding="ascii", errors="replace").strip()
    if len(value) < 32:
        raise KayasError(f"{path} holds no usable token: delete it or run kayas serve --new-token")
    return Token(value, path, created=False)


# ------------------------------------------------------------------ names this server answers to


def allowed_names(host: str, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """The host names a request's Host header may carry (lowercase, IPv6 without brackets)."""
    names = set(LOOPBACK_HOSTS)
    if host not in ("0.0.0.0", "::", ""):
        names.add(host)
    else:  # every interface: the machine's own names; others come through --allow-host
        names.update({socket.gethostname(), socket.getfqdn()})
    names.update(extra)
    return frozenset(n.strip("[]").lower() for n in names if n)


def split_host(value: str) -> tuple[str, int | None]:
    """'127.0.0.1:8765' -> ('127.0.0.1', 8765); '[::1]:80' -> ('::1', 80); a bad port is -1."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        name, _, port_text = value.partition(":")
    else:
        name, port_text = value, ""
    if not port_text:
        return name, None
    return name, int(port_text) if port_text.isdigit() else -1


def _origin_of(name: str, port: int) -> str:
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}"


# ------------------------------------------------------------------ the gate


class Guard:
    """ASGI middleware: Host, Origin, body type and token checks, and the security headers.

    ``port`` is the port actually bound (known before the first request: the socket is
    bound before the app starts), so a page on another local port is another origin.
    """

    def __init__(self, app, *, token: str, token_file: Path, names: frozenset[str], port: int, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes  # a declared length past it is refused here; a streamed body is counted by FastAPI
        self.token = token.encode()
        self.token_file = token_file
        self.names = names
        self.port = port
        self.origins = frozenset(_origin_of(n, port) for n in names)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":  # lifespan; websockets are not served
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        problem = self.check(scope)
        if problem is not None:
            status, message, extra = problem
            await _send_json(send, status, {"error": message}, extra)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in _OURS]
                message = {**message, "headers": headers + SECURITY_HEADERS + [(b"content-security-policy", csp)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def check(self, scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        """None when the request may go on; else (status, one line, extra headers)."""
        headers: dict[bytes, bytes] = {}
        for key, value in scope["headers"]:
            key = key.lower()
            if key in headers and key in (b"host", b"origin", b"authorization"):
                return 400, f"more than one {key.decode()} header", []
            headers[key] = value
        host = headers.get(b"host", b"").decode("latin-1")
        name, port = split_host(host)
        if not host or name not in self.names or (port is not None and port != self.port):
            return 403, f"forbidden: Host '{_clip(host)}' is not this server (allowed: {', '.join(sorted(self.names))}; add one with --allow-host)", []
        origin = headers.get(b"origin")
        if origin is not None and origin.decode("latin-1").rstrip("/").lower() not in self.origins:
            return 403, f"forbidden: requests from the web page at '{_clip(origin.decode('latin-1'))}' are not allowed", []
        site = headers.get(b"sec-fetch-site", b"").lower()
        path = scope["path"]
        public = path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)
        if site == b"cross-site" and not (public and scope["method"] in ("GET", "HEAD")):
            return 403, "forbidden: cross-site requests are not allowed", []
        if scope["method"] in ("POST", "PUT", "PATCH") and _has_body(headers):
            kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if kind != b"application/json":
                return 415, "the request body must be JSON (Content-Type: application/json)", []
            length = headers.get(b"content-length", b"").strip()
            if length.isdigit() and int(length) > self.max_body_bytes:
                return 413, f"the request body is too large ({int(length)} bytes; the limit is {self.max_body_bytes})", []
        if public:
            return None
        auth = headers.get(b"authorization", b"")
        scheme, _, given = auth.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token):
            return None  # the server's own token (the console's): every scope
        client = _client_token(given.strip()) if scheme.lower() == b"bearer" and given.strip() else None
        if client is None:
            why = "missing" if not auth else "wrong"
            return 401, f"{why} token: send Authorization: Bearer <the token kayas serve printed, or one from kayas tokens add>", [(b"www-authenticate", b'Bearer realm="kayas"')]
        needed = client_tokens.scope_of(scope["method"], path)
        if needed is not None and needed not in client.scopes:
            return 403, f"forbidden: the token '{client.name}' has no '{needed}' scope (it has: {', '.join(client.scopes)})", []
        return None


def _client_token(given: bytes) -> client_tokens.ClientToken | None:
    try:
        return client_tokens.match(given.decode("ascii"))
    except (UnicodeDecodeError, KayasError):
        return None  # an unreadable token file lets no client token in


_OURS = {h[0] for h in SECURITY_HEADERS} | {b"content-security-policy"}


def _has_body(headers: dict[bytes, bytes]) -> bool:
    length = headers.get(b"content-length", b"0").strip()
    return b"transfer-encoding" in headers or not length.isdigit() or int(length) > 0


def _clip(text: str, width: int = 80) -> str:
    text = json.dumps(text, ensure_ascii=True)[1:-1]  # control characters never reach a log or a page raw
    return text if len(text) <= width else text[: width - 1] + "…"


async def _send_json(send, status: int, body: dict, extra: list[tuple[bytes, bytes]]) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status,
                "headers": headers + extra + SECURITY_HEADERS + [(b"content-security-policy", CSP)]})
    await send({"type": "http.response.body", "body": data})


HEADER_TIMEOUT_S = 10.0


def header_timeout_protocol(timeout_s: float | None = None) -> type:
    """uvicorn's h11 protocol, closing a connection whose request headers have not all come within
    ``timeout_s`` of its opening (or of the previous response): half-open connections (slowloris)
    would otherwise hold a slot each until the server's connection limit is reached."""
    import asyncio

    import h11
    wait_s = HEADER_TIMEOUT_S if timeout_s is None else timeout_s
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(wait_s, self._headers_late)

        def _headers_late(self) -> None:
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():  # still no whole request
                self.transport.close()

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol
