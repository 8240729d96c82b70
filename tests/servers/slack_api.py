"""The subset of the Slack Web API Kayas uses: conversations.list (paged), chat.postMessage,
search.messages (user tokens only), and a 429 with Retry-After on demand.

Standalone (bot token "xoxb-demo", user token "xoxp-demo"):
`.venv/bin/python -m tests.servers.slack_api --port 8702`, then KAYAS_SLACK_API_URL=http://127.0.0.1:8702/api/
"""
from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs

from .base import Handler, main

PAGE_SIZE = 2  # small, so that clients must follow next_cursor


def default_state() -> dict[str, Any]:
    return {
        "bot_tokens": {"xoxb-demo"},
        "user_tokens": {"xoxp-demo"},
        "channels": [
            {"id": "C0GENERAL", "name": "general", "is_member": True},
            {"id": "C0RANDOM1", "name": "random", "is_member": True},
            {"id": "C0DESIGN1", "name": "design", "is_member": True},
            {"id": "C0SECRET1", "name": "secret", "is_member": False},
        ],
        "messages": [
            {"channel": "C0DESIGN1", "user": "U1", "username": "maya", "text": "the quarterly report draft is in the drive",
             "ts": "1700000000.000100"},
            {"channel": "C0GENERAL", "user": "U2", "username": "sam", "text": "lunch at noon?", "ts": "1700000100.000200"},
        ],
        "ratelimit": 0,  # answer this many next requests with 429
        "calls": [],  # (method, time)
    }


class SlackHandler(Handler):
    def do_GET(self) -> None:
        self.route(self.query())

    def do_POST(self) -> None:
        raw = self.body().decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            args = json.loads(raw or "{}")
        else:
            args = {k: v[-1] for k, v in parse_qs(raw).items()}
        self.route({**self.query(), **args})

    def route(self, args: dict[str, Any]) -> None:
        state = self.server.state
        method = self.path_only.removeprefix("/api/")
        state["calls"].append((method, time.monotonic()))
        if state["ratelimit"] > 0:
            state["ratelimit"] -= 1
            self.send(429, {"ok": False, "error": "ratelimited"}, headers={"Retry-After": "1"})
            return
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token:
            return self.reply({"ok": False, "error": "not_authed"})
        if token not in state["bot_tokens"] | state["user_tokens"]:
            return self.reply({"ok": False, "error": "invalid_auth"})
        handler = {"conversations.list": self.conversations_list, "chat.postMessage": self.post,
                   "search.messages": self.search}.get(method)
        if handler is None:
            return self.reply({"ok": False, "error": "unknown_method"})
        self.reply(handler(args, token))

    def reply(self, payload: dict[str, Any]) -> None:
        self.send(200, payload, "application/json; charset=utf-8")

    def conversations_list(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        start = int(args.get("cursor") or 0)
        size = min(int(args.get("limit") or 100), PAGE_SIZE)
        channels = self.server.state["channels"]
        page = channels[start : start + size]
        more = start + size < len(channels)
        return {"ok": True, "channels": page, "response_metadata": {"next_cursor": str(start + size) if more else ""}}

    def post(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        state = self.server.state
        channel = next((c for c in state["channels"] if c["id"] == args.get("channel")), None)
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if not channel["is_member"]:
            return {"ok": False, "error": "not_in_channel"}
        if not args.get("text"):
            return {"ok": False, "error": "no_text"}
        message = {"channel": channel["id"], "user": "UBOT", "username": "kayas", "text": args["text"],
                   "ts": f"{time.time():.6f}"}
        state["messages"].append(message)
        return {"ok": True, "channel": channel["id"], "ts": message["ts"], "message": message}

    def search(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        state = self.server.state
        if token not in state["user_tokens"]:
            return {"ok": False, "error": "not_allowed_token_type"}
        words = str(args.get("query", "")).lower().split()
        names = {c["id"]: c["name"] for c in state["channels"]}
        hits = [m for m in state["messages"] if words and all(w in m["text"].lower() for w in words)]
        hits.sort(key=lambda m: m["ts"], reverse=True)
        matches = [{**m, "channel": {"id": m["channel"], "name": names[m["channel"]]},
                    "permalink": f"https://example.slack.com/archives/{m['channel']}/p{m['ts'].replace('.', '')}"}
                   for m in hits[: int(args.get("count") or 20)]]
        return {"ok": True, "query": args.get("query"), "messages": {"total": len(hits), "matches": matches}}


if __name__ == "__main__":
    main(SlackHandler, "Slack API", default_state())
