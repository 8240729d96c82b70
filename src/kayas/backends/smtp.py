"""SMTP, the backend of `email.send` (smtplib: plain, STARTTLS or SSL, with login).

Configured by KAYAS_SMTP_* environment variables or the same keys in KAYAS_HOME/config.toml.
The password is only ever handed to smtplib's login; it is never printed or logged.
"""
from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from typing import Any

from kayas.errors import KayasError
from kayas.settings import MissingSettings, setting

SECURITY_MODES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
OPTIONAL_HINT = (
    "Optional: KAYAS_SMTP_USER and KAYAS_SMTP_PASSWORD to log in, KAYAS_SMTP_PORT, "
    "KAYAS_SMTP_SECURITY (none, starttls or ssl; default starttls), KAYAS_SMTP_CAFILE."
)


class EmailError(KayasError):
    """The message could not be sent; the reason in plain words."""


@dataclass
class SmtpConfig:
    """Where and how to send; `password` stays out of repr()."""

    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: str | None = None  # a private CA or self-signed server certificate
    timeout_s: float = 30.0

    @classmethod
    def from_settings(cls) -> SmtpConfig:
        host, user = setting("KAYAS_SMTP_HOST"), setting("KAYAS_SMTP_USER")
        sender = setting("KAYAS_SMTP_FROM") or (user if user and "@" in user else None)
        missing = [n for n, v in (("KAYAS_SMTP_HOST", host), ("KAYAS_SMTP_FROM", sender)) if not v]
        if missing:
            raise MissingSettings("email", missing, OPTIONAL_HINT)
        password = setting("KAYAS_SMTP_PASSWORD")
        if user and not password:
            raise MissingSettings("email login", ["KAYAS_SMTP_PASSWORD"], "(KAYAS_SMTP_USER is set.)")
        security = (setting("KAYAS_SMTP_SECURITY") or "").strip().lower()
        raw_port = setting("KAYAS_SMTP_PORT")
        if not security:
            security = "ssl" if raw_port == "465" else "starttls"
        if security not in SECURITY_MODES:
            raise EmailError(f"KAYAS_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}, got '{security}'")
        try:
            port = int(raw_port) if raw_port else DEFAULT_PORTS[security]
        except ValueError:
            raise EmailError(f"KAYAS_SMTP_PORT must be a port number, got '{raw_port}'") from None
        return cls(host, sender, port, security, user or None, password, setting("KAYAS_SMTP_CAFILE"))


_OUTSIDE_QUOTES = r'(?=(?:[^"]*"[^"]*")*[^"]*$)'


def parse_addresses(text: str, what: str = "recipient") -> list[tuple[str, str]]:
    """(display name, normalised address) pairs from 'a@x.org, Kim <k@y.org>'; invalid ones are errors."""
    from email_validator import EmailNotValidError, validate_email

    pieces = [p.strip() for p in re.split(r"[,;]" + _OUTSIDE_QUOTES, text) if p.strip()]
    if not pieces:
        raise EmailError(f"no {what} address given")
    checked = []
    for piece in pieces:
        name, address = parseaddr(piece) if "<" in piece else ("", piece)
        try:
            checked.append((name, validate_email(address, check_deliverability=False).normalized))
        except EmailNotValidError as exc:
            raise EmailError(f"'{piece}' is not a valid {what} address: {exc}") from None
    return checked


def build_message(sender: str, recipients: list[tuple[str, str]], subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(formataddr(p) for p in recipients)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rsplit("@", 1)[-1] or None)
    msg.set_content(body)
    return msg


def _connect(cfg: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=cfg.cafile)
    if cfg.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout_s, context=context)
    else:
        server = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_s)
    try:
        if cfg.security == "starttls":
            server.starttls(context=context)
        if cfg.user:
            server.login(cfg.user, cfg.password or "")
    except BaseException:
        server.close()
        raise
    return server


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}".strip()


def _plain(exc: Exception, cfg: SmtpConfig) -> str:
    """The reason, in words, for each way SMTP fails."""
    where = f"{cfg.host}:{cfg.port}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{a} ({_reply(*r)})" for a, r in exc.recipients.items())
        return f"the server refused every recipient: {refused}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"the server at {where} refused the login for {cfg.user}: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"the server refused the sender {exc.sender}: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPDataError):
        return f"the server refused the message: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return (f"the server at {where} does not support this ({exc}); "
                "check KAYAS_SMTP_SECURITY (none, starttls, ssl) and whether it needs a login")
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed: {exc.reason or exc} (KAYAS_SMTP_CAFILE names a private CA)"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the server at {where} closed the connection ({exc or 'no reason given'}); is KAYAS_SMTP_SECURITY right?"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server at {where} said {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, (TimeoutError, ConnectionError, OSError)):
        return f"cannot reach the SMTP server at {where}: {exc.strerror or exc}"
    return f"sending through {where} failed: {exc}"


def deliver(cfg: SmtpConfig, msg: EmailMessage, addresses: list[str]) -> dict[str, str]:
    """Send ``msg`` to ``addresses``; the refused ones with the server's reply. EmailError in words."""
    try:
        with _connect(cfg) as server:
            refused: dict[str, Any] = server.send_message(msg, parseaddr(cfg.sender)[1], addresses)
    except (smtplib.SMTPException, OSError) as exc:
        reason = _plain(exc, cfg)
        if cfg.password:
            reason = reason.replace(cfg.password, "***")
        raise EmailError(f"email not sent: {reason}") from None
    return {a: _reply(*r) for a, r in refused.items()}
