"""The server's settings: defaults here, overridden by `[server]` in KAYAS_HOME/config.toml, then by flags.

Every limit that keeps a long-running server safe is one field, so the README, the CLI and
the tests name the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kayas.settings import load_section

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8765


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"  # anything but loopback is a warning at start
    port: int = DEFAULT_PORT  # 0: any free port (tests, the load test)
    allow_hosts: list[str] = field(default_factory=list)  # extra names the Host header may carry
    max_body_bytes: int = 65536  # a request body past this is a 413 (a plan of 10,000 nested lists is 20 kB)
    queue_size: int = 32  # requests waiting for (or in) the planner; one more is a 503
    plan_timeout_s: float = 60.0  # how long one request may wait for its plan, queue included (504 past it)
    run_queue_size: int = 16  # plans waiting to run, one at a time
    run_timeout_s: float = 300.0  # a longer run goes on; the answer says so and its report lands in /history
    confirm_ttl_s: float = 120.0  # a confirmation id is good this long, and once
    max_pending_confirmations: int = 64  # the oldest unconfirmed plan is forgotten past this
    history_size: int = 200  # entries kept in /history (this process's session)

    @classmethod
    def load(cls, **overrides: Any) -> ServerConfig:
        """config.toml's [server] table, then the given overrides (None means "not given")."""
        base = load_section("server", cls)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")
