"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives and refuses 'nobody@...'.

Standalone: `.venv/bin/python -m tests.servers.smtp --port 8025` (plain, no login) prints each message.
"""
from __future__ import annotations

import argparse
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: Message


@dataclass
class Mailbox:
    """The aiosmtpd handler: records each message; refuses recipients whose local part is 'nobody'."""

    received: list[Received] = field(default_factory=list)
    echo: bool = False

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list) -> str:
        if address.split("@")[0] == "nobody":
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = message_from_bytes(envelope.content)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg))
        if self.echo:
            print(f"--- from {envelope.mail_from} to {', '.join(envelope.rcpt_tos)}\n{envelope.content.decode()}", flush=True)
        return "250 Message accepted"


@dataclass
class Accounts:
    """An aiosmtpd authenticator with fixed user/password pairs."""

    users: dict[str, str]

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            if self.users.get(login) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(mailbox: Mailbox, **options: Any) -> Iterator[Controller]:
    """A started aiosmtpd Controller on 127.0.0.1; options go to Controller (auth, TLS)."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A plain SMTP server on 127.0.0.1 that prints what it receives.")
    parser.add_argument("--port", type=int, default=8025)
    port = parser.parse_args().port
    controller = Controller(Mailbox(echo=True), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"SMTP at 127.0.0.1:{port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()
