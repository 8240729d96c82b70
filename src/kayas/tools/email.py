"""Email through the user's SMTP server."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool(destructive=True)
def send(to: str, subject: str, body: str) -> dict:
    """Send an email.

    Args:
        to: The recipient address; several are joined by ", ".
        subject: The subject line.
        body: The message text.
    """
    raise NotAvailableYet("email.send")
