"""Email through the user's SMTP server (see `kayas.backends.smtp` for the settings), to addresses
or to the names of the user's contacts (`kayas.backends.contacts`)."""
from __future__ import annotations

from kayas.backends import contacts
from kayas.backends.smtp import EmailError, SmtpConfig, build_message, deliver, parse_addresses
from kayas.registry import tool

__all__ = ["EmailError", "SmtpConfig", "send"]


def _sent(args: dict, r: dict) -> str:
    text = f"sent \"{r['subject']}\" to {', '.join(r['sent_to'])}"
    return text + (f"; refused: {', '.join(r['refused'])}" if r["refused"] else "")


@tool(destructive=True, summary=_sent, phrase="email {to} with the subject '{subject}': '{body}'")
def send(to: str, subject: str, body: str) -> dict:
    """Send an email.

    Args:
        to: The recipient's address or contact name; several are joined by ", ".
        subject: The subject line.
        body: The message text.
    """
    recipients = parse_addresses(contacts.expand(to))  # names first: an unknown one is a question, not a guess
    cfg = SmtpConfig.from_settings()
    parse_addresses(cfg.sender, "sender (KAYAS_SMTP_FROM)")
    msg = build_message(cfg.sender, recipients, subject, body)
    addresses = [a for _, a in recipients]
    refused = deliver(cfg, msg, addresses)
    return {
        "sent_to": [a for a in addresses if a not in refused],
        "refused": refused,
        "subject": subject,
        "message_id": msg["Message-ID"],
    }
