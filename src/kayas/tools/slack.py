"""Slack messages through the Slack Web API."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool(destructive=True)
def send_message(channel: str, text: str) -> dict:
    """Post a message to a channel.

    Args:
        channel: The channel, as #name.
        text: The message text.
    """
    raise NotAvailableYet("slack.send_message")


@tool
def search_messages(query: str) -> dict:
    """Search the message history.

    Args:
        query: The words to search for.
    """
    raise NotAvailableYet("slack.search_messages")
