"""Tokens per client for the HTTP API: named, scoped, revocable, optionally expiring.

The console keeps the server's own token (KAYAS_HOME/server-token, every scope). A script gets
its own with `kayas tokens add NAME --scope plan --scope run`: printed once, kept only as its
SHA-256 in KAYAS_HOME/server-tokens.json (0600), so a leaked file gives no token. Scopes:
``plan`` (POST /plan), ``run`` (POST /run, /undo), ``confirm`` (POST /confirm, /cancel); any
valid token may read /tools and /history. `kayas tokens revoke NAME` ends one at once (the
server reads the file on each request it cannot match to the console's token).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kayas.errors import KayasError
from kayas.settings import kayas_home

SCOPES = ("plan", "run", "confirm")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass
class ClientToken:
    name: str
    scopes: list[str]
    sha256: str
    created: float
    expires: float | None = None
    revoked: float | None = None
    prefix: str = field(default="")  # the first characters, to tell tokens apart in a list

    def state(self, now: float | None = None) -> str:
        now = time.time() if now is None else now
        if self.revoked is not None:
            return "revoked"
        if self.expires is not None and now >= self.expires:
            return "expired"
        return "active"


def tokens_path() -> Path:
    return kayas_home() / "server-tokens.json"


def load() -> list[ClientToken]:
    path = tokens_path()
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise KayasError(f"{path} cannot be read ({exc}); move it aside and add the tokens again") from None
    try:
        return [ClientToken(**row) for row in raw]
    except TypeError:
        raise KayasError(f"{path} is not a list of tokens; move it aside and add the tokens again") from None


def _save(rows: list[ClientToken]) -> None:
    path = tokens_path()
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump([asdict(r) for r in rows], fh, indent=1)
    os.replace(temp, path)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def add(name: str, scopes: list[str], expires_days: float | None = None) -> tuple[ClientToken, str]:
    """A new token for ``name``; the token itself is returned once and never stored."""
    if not _NAME.match(name):
        raise KayasError(f"a token name is letters, digits, '.', '_' or '-' (at most 64), got {name!r}")
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise KayasError(f"scopes are {', '.join(SCOPES)}; got {', '.join(bad) or 'none'}")
    if expires_days is not None and expires_days <= 0:
        raise KayasError("--expires-days must be more than 0")
    rows = load()
    if any(r.name == name and r.state() == "active" for r in rows):
        raise KayasError(f"an active token named {name} exists; revoke it first")
    value = "kc_" + secrets.token_urlsafe(32)
    now = time.time()
    row = ClientToken(name, sorted(set(scopes), key=SCOPES.index), _digest(value), now,
                      now + expires_days * 86400 if expires_days else None, None, value[:7])
    _save([*rows, row])
    return row, value


def revoke(name: str) -> int:
    """Revoke every active token named ``name``; how many."""
    rows = load()
    hit = [r for r in rows if r.name == name and r.state() == "active"]
    if not hit:
        raise KayasError(f"no active token named {name}")
    for r in hit:
        r.revoked = time.time()
    _save(rows)
    return len(hit)


def match(given: str) -> ClientToken | None:
    """The active token whose value is ``given``, or None."""
    digest = _digest(given)
    for r in load():
        if hmac.compare_digest(r.sha256, digest) and r.state() == "active":
            return r
    return None


def scope_of(method: str, path: str) -> str | None:
    """The scope a request needs (None: any valid token may make it)."""
    if method == "POST":
        if path == "/plan":
            return "plan"
        if path in ("/run", "/undo"):
            return "run"
        if path.startswith(("/confirm/", "/cancel/")):
            return "confirm"
        return "run"
    return None
