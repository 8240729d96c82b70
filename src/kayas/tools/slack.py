"""Slack messages through the Slack Web API (slack_sdk's WebClient).

SLACK_BOT_TOKEN (xoxb-...) posts; search needs a user token, SLACK_USER_TOKEN (xoxp-...), as
Slack allows search.messages only for users. KAYAS_SLACK_API_URL points the client at another
server (the tests' local one). A 429 is retried after the Retry-After the server names.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # slack_sdk is imported on first use: the brain needs only the schema
    from slack_sdk import WebClient

from kayas.errors import KayasError
from kayas.registry import TextOut, tool
from kayas.settings import MissingSettings, setting

CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
REASONS = {
    "not_authed": "no token was sent",
    "invalid_auth": "Slack rejected the token",
    "token_revoked": "the token was revoked",
    "token_expired": "the token expired",
    "account_inactive": "the token's account is deactivated",
    "channel_not_found": "Slack does not know that channel",
    "not_in_channel": "the bot is not in that channel (invite it there with /invite)",
    "is_archived": "the channel is archived",
    "msg_too_long": "the message is too long",
    "no_text": "the message is empty",
    "ratelimited": "Slack is limiting requests; try again in a minute",
    "not_allowed_token_type": "this needs a user token (SLACK_USER_TOKEN, xoxp-...), not a bot token",
}


class SlackError(KayasError):
    """A Slack request failed; the reason in plain words."""


def client(token_var: str = "SLACK_BOT_TOKEN") -> WebClient:
    token = setting(token_var)
    if not token:
        why = "(A bot token, xoxb-..., from your Slack app's OAuth page.)" if token_var == "SLACK_BOT_TOKEN" else (
            "(Slack allows search only with a user token, xoxp-..., from your Slack app's OAuth page.)")
        raise MissingSettings("Slack", [token_var], why)
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    base = setting("KAYAS_SLACK_API_URL") or WebClient.BASE_URL
    web = WebClient(token=token, base_url=base.rstrip("/") + "/", timeout=15)
    web.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return web


def _call(what: str, fn: Any, **kwargs: Any) -> Any:
    from slack_sdk.errors import SlackApiError, SlackRequestError

    try:
        return fn(**kwargs)
    except SlackApiError as exc:
        code = exc.response.get("error", "unknown_error") if exc.response is not None else "unknown_error"
        reason = REASONS.get(code, f"Slack said '{code}'")
        if code == "missing_scope":
            reason = f"the token lacks the scope {exc.response.get('needed', '?')}; add it in your Slack app"
        raise SlackError(f"{what}: {reason}") from None
    except (SlackRequestError, OSError) as exc:
        raise SlackError(f"{what}: cannot reach Slack ({exc})") from None


def channel_id(web: WebClient, channel: str) -> str:
    """A channel's id from '#name' (or the id itself), through conversations.list, page by page."""
    name = channel.strip().lstrip("#").lower()
    if not name:
        raise SlackError("say which channel, as #name")
    if CHANNEL_ID.match(channel.strip()):
        return channel.strip()
    seen: list[str] = []
    cursor = None
    while True:
        page = _call("listing the channels failed", web.conversations_list, types="public_channel,private_channel",
                     exclude_archived=True, limit=200, cursor=cursor)
        for ch in page.get("channels", []):
            if ch.get("name", "").lower() == name:
                return ch["id"]
            seen.append("#" + ch.get("name", "?"))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    known = f" (it sees {', '.join(seen[:10])})" if seen else ""
    raise SlackError(f"no channel #{name} that the bot can see{known}")


def _matches(args: dict, r: dict) -> str:
    if not r["matches"]:
        return f"no Slack message matches \"{r['query']}\""
    count = "1 Slack message matches" if r["total"] == 1 else f"{r['total']} Slack messages match"
    lines = [f"{count} \"{r['query']}\"; the newest {len(r['matches'])}:"]
    return "\n".join(lines + [f"  {m['channel']} {m['user']}: {m['text']}" for m in r["matches"]])


@tool(destructive=True, summary="posted to {result[channel]}", phrase="post '{text}' to {channel} on Slack")
def send_message(channel: str, text: str) -> dict:
    """Post a message to a channel.

    Args:
        channel: The channel, as #name.
        text: The message text.
    """
    if not text.strip():
        raise SlackError("the message is empty")
    web = client()
    cid = channel_id(web, channel)
    sent = _call(f"posting to {channel} failed", web.chat_postMessage, channel=cid, text=text)
    return {"channel": channel, "channel_id": sent.get("channel", cid), "ts": sent.get("ts")}


@tool(read_only=True, summary=_matches, phrase="search Slack for '{query}'", text=TextOut(lambda r: _matches({}, r), "the Slack messages matching '{query}'"))
def search_messages(query: str) -> dict:
    """Search the message history.

    Args:
        query: The words to search for.
    """
    if not query.strip():
        raise SlackError("say what to search for")
    found = _call("searching Slack failed", client("SLACK_USER_TOKEN").search_messages,
                  query=query, count=20, sort="timestamp")
    messages = found.get("messages") or {}
    return {
        "query": query,
        "total": messages.get("total", 0),
        "matches": [
            {
                "channel": "#" + (m.get("channel") or {}).get("name", "?"),
                "user": m.get("username") or m.get("user"),
                "text": m.get("text"),
                "ts": m.get("ts"),
                "permalink": m.get("permalink"),
            }
            for m in messages.get("matches", [])
        ],
    }
