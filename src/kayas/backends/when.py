"""Times and durations as the user said them ("in 20 minutes", "tomorrow at 7", "10 minutes").

Parsed by dateparser, never by the model. What cannot be read, or lies in the past, is a
one-line question back (a KayasError), never a guess.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from kayas.errors import KayasError

# dateparser reads "at 7" as the 7th of July and ignores it in "tomorrow at 7": a bare hour gets ":00".
_BARE_HOUR = re.compile(r"\b(at|by|around)\s+(\d{1,2})\b(?!\s*(?::|\.\d|h\b|am\b|pm\b|a\.m|p\.m|o'?clock))", re.I)
_OCLOCK = re.compile(r"\b(\d{1,2})\s*o'?clock\b", re.I)
_TONIGHT = re.compile(r"\btonight\b", re.I)
_WORDS = {"half an hour": "30 minutes", "a quarter of an hour": "15 minutes", "quarter of an hour": "15 minutes",
          "a minute": "1 minute", "a second": "1 second"}


def _normalise(text: str) -> str:
    said = " ".join(text.strip().split())
    for words, plain in _WORDS.items():
        said = re.sub(rf"\b{words}\b", plain, said, flags=re.I)
    said = _OCLOCK.sub(r"\1:00", said)
    evening = bool(_TONIGHT.search(said))
    said = _TONIGHT.sub("today", said)

    def hour(m: re.Match[str]) -> str:
        h = int(m.group(2))
        if evening and 1 <= h < 12:
            h += 12  # "tonight at 8" is 20:00
        return f"{m.group(1)} {h}:00"

    return _BARE_HOUR.sub(hour, said)


def _parse(text: str, now: datetime) -> datetime | None:
    import dateparser  # slow to import: only when a time is read

    base = now.astimezone()
    # naive local wall-clock times in and out; .astimezone() then reads them as local (DST included)
    settings = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False, "RELATIVE_BASE": base.replace(tzinfo=None)}
    try:
        found = dateparser.parse(_normalise(text), languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if found is None:
        return None
    return found.astimezone()


def parse_when(text: str, question: str = "When should I remind you?", now: datetime | None = None) -> datetime:
    """The moment ``text`` names (local, timezone-aware); a question back if unreadable or past."""
    now = now or datetime.now().astimezone()
    if not text.strip():
        raise KayasError(f"{question} No time was given")
    found = _parse(text, now)
    if found is None:
        raise KayasError(f"{question} I could not read '{text}' as a time")
    if found <= now:
        raise KayasError(f"{question} '{text}' reads as {found:%a %d %b %H:%M}, which is in the past")
    return found


def parse_duration(text: str, question: str = "How long should the timer run?", now: datetime | None = None) -> timedelta:
    """The length ``text`` names ("10 minutes", "1h 30m"); a question back if unreadable or not positive."""
    now = now or datetime.now().astimezone()
    said = text.strip()
    if not said:
        raise KayasError(f"{question} No duration was given")
    found = _parse(said if said.lower().startswith("in ") else f"in {said}", now)
    if found is None or found - now < timedelta(seconds=1) or found - now > timedelta(days=366):
        raise KayasError(f"{question} I could not read '{text}' as a duration")
    return found - now
