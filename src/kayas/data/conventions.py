"""The conventions of TOOLS.md as functions, so every template applies them the same way.

Each function turns what the user said into what the plan carries: search URLs, site
URLs, purpose-named files, title-cased window and button names, number words.
"""
from __future__ import annotations

import re
from urllib.parse import quote_plus

GOOGLE = "https://www.google.com/search?q="
YOUTUBE = "https://www.youtube.com/results?search_query="

# Words written in capitals whatever case the user said them in.
# Joining words kept lower case inside a title (never the first word): `Find and Replace`.
_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "to", "for", "nor"}
_ACRONYMS = {"ok", "vpn", "pdf", "usb", "wi-fi", "wifi", "id", "url", "api", "ui", "vs", "cpu", "gpu", "ssh", "dns", "faq"}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple": 2, "a few": 3, "a dozen": 12,
}


def search_words(query: str) -> str:
    """The user's words joined by '+', kept as said; other URL-unsafe characters escaped."""
    return "+".join(quote_plus(word, safe="'") for word in query.split())


def google_url(query: str) -> str:
    """A web search: `Python tutorials` -> https://www.google.com/search?q=Python+tutorials."""
    return GOOGLE + search_words(query)


def youtube_url(query: str) -> str:
    """A YouTube search: `AI tutorials` -> https://www.youtube.com/results?search_query=AI+tutorials."""
    return YOUTUBE + search_words(query)


# Bare site names whose domain is not `<name>.com`.
KNOWN_SITES = {"wikipedia": "wikipedia.org", "hacker news": "news.ycombinator.com", "bbc": "bbc.co.uk",
               "archive": "archive.org", "notion": "notion.so", "gmail": "mail.google.com", "twitch": "twitch.tv",
               "stack overflow": "stackoverflow.com", "google maps": "maps.google.com", "google drive": "drive.google.com",
               "google docs": "docs.google.com", "youtube music": "music.youtube.com", "disney plus": "disneyplus.com",
               "prime video": "primevideo.com", "the guardian": "theguardian.com", "whatsapp web": "web.whatsapp.com"}


def site_url(site: str) -> str:
    """A site as said -> a URL: `github` -> https://github.com, `example.org/login` -> https://example.org/login."""
    site = site.strip().rstrip("/")
    if re.match(r"^https?://", site, re.I):
        return site
    host, sep, path = site.partition("/")
    host = host.lower()
    host = KNOWN_SITES.get(host, host)
    if "." not in host:
        host += ".com"
    return f"https://{host}{sep}{path}"


def purpose_filename(purpose: str) -> str:
    """A file named only by its purpose gets a plain .txt name: `a todo list` -> todo.txt.

    The article and a trailing `list`/`file`/`document`/`note` are dropped; the other words
    are joined by `_`.
    """
    words = re.sub(r"[^a-z0-9\s-]", "", purpose.lower()).split()
    while words and words[0] in {"a", "an", "the", "my", "new", "empty", "blank"}:
        words = words[1:]
    while len(words) > 1 and words[-1] in {"list", "file", "document", "doc", "note"}:
        words = words[:-1]
    stem = "_".join(words).replace("to-do", "todo").replace("to_do", "todo").replace("-", "_")
    return f"{stem}.txt"


def title_case(text: str) -> str:
    """A window title or button text as said, capitalised as a title: `display settings` -> Display Settings.

    Every word gets a capital first letter (`Sign In`, `Save As`) except joining words
    (`Find and Replace`); known acronyms are all capitals (`OK`); a word with capitals
    inside (`iTunes`) is kept as said.
    """
    words = text.split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in _ACRONYMS:
            out.append(word.upper())
        elif i > 0 and low in _SMALL_WORDS:
            out.append(low)
        elif word[:1].islower() and not any(c.isupper() for c in word[1:]):
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def channel_name(channel: str) -> str:
    """A Slack channel as `#name`, whether or not the user said the `#`."""
    return "#" + channel.strip().lstrip("#").lower()


def number_value(said: str) -> int:
    """`3`, `three`, `a few` -> an int."""
    said = said.strip().lower()
    if said.isdigit():
        return int(said)
    return _NUMBER_WORDS[said]


def number_words() -> dict[str, int]:
    return dict(_NUMBER_WORDS)
