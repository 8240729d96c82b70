"""How the built-in tools say a call in the user's terms, where a format string is not enough.

A web search is "search the web for bike chains", not a Google address; a browser's steps are
said one by one. Each tool's ``phrase`` (kayas.registry.tool) uses these; kayas.assistant.words
turns the phrase into the plan and the question a person sees or hears.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

_SEARCHES = {  # host -> (the query parameter, where it searches)
    "www.google.com": ("q", "the web"), "google.com": ("q", "the web"),
    "www.bing.com": ("q", "the web"), "duckduckgo.com": ("q", "the web"),
    "www.youtube.com": ("search_query", "YouTube"), "youtube.com": ("search_query", "YouTube"),
}


def _search(url: str) -> tuple[str, str] | None:
    """(where, words) for a search engine's results address, else None."""
    parts = urlsplit(url)
    known = _SEARCHES.get(parts.netloc.lower())
    if known is None:
        return None
    words = parse_qs(parts.query).get(known[0])
    return (known[1], words[0]) if words and words[0].strip() else None


def page(url: str) -> str:
    """An address as a person says it: github.com, example.org/signup."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        rest = (parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else ""))
        return parts.netloc.removeprefix("www.") + rest
    return url


def open_url(args: dict[str, Any]) -> str:
    """browser.open_url: "search the web for bike chains", "open github.com in your browser"."""
    found = _search(args["url"])
    if found:
        return f"search {found[0]} for {found[1]}"
    return f"open {page(args['url'])} in your browser"


def _step(step: dict[str, Any]) -> str:
    action, a = step.get("action"), step.get("args", {})
    if action == "goto":
        found = _search(a.get("url", ""))
        return f"search {found[0]} for {found[1]}" if found else f"go to {page(a.get('url', ''))}"
    if action == "click":
        return f"click '{a.get('selector', '')}'"
    if action == "fill":
        return f"fill '{a.get('selector', '')}' with '{a.get('value', '')}'"
    if action == "press":
        return f"press {a.get('key', '')}"
    if action == "wait":
        return f"wait {a.get('seconds', 0):g} seconds"
    if action == "screenshot":
        return f"take a screenshot called {a.get('filename', '')}"
    return str(action)


def browser_steps(args: dict[str, Any]) -> str:
    """browser.run_steps: each step in words, "in the browser, go to example.org, click 'Join'"."""
    steps = [s if isinstance(s, dict) else s.model_dump() for s in args.get("steps", [])]
    return "in the browser, " + ", ".join(_step(s) for s in steps) if steps else "open the browser"


def volume_change(args: dict[str, Any]) -> str:
    """system.change_volume: "turn the volume up by 10"."""
    by = args["by"]
    return f"turn the volume {'up' if by >= 0 else 'down'} by {abs(by)}"


MEDIA = {"play": "resume what was playing", "pause": "pause what's playing", "next": "skip to the next track",
         "previous": "go back to the previous track"}
