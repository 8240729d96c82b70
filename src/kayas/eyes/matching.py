"""Forgiving name matching, the way people name what they see on screen.

"save as" finds "_Save As…", "ok" finds "&OK", "display" finds "Display Settings" when
nothing else starts with or contains it. Order: an exact match (after normalising), then a
unique prefix, then a unique substring. Several equally good matches are an error that lists
them; no match is an error that lists what is there.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from kayas.errors import KayasError

T = TypeVar("T")
_SPACES = re.compile(r"\s+")
_MAX_LISTED = 20


class NotFound(KayasError):
    """Nothing matched; ``names`` holds what there was to match."""

    def __init__(self, message: str, names: list[str]):
        super().__init__(message)
        self.names = names


class Ambiguous(KayasError):
    """Several things matched equally well; ``names`` holds them."""

    def __init__(self, message: str, names: list[str]):
        super().__init__(message)
        self.names = names


def normalize(text: str) -> str:
    """Case-folded, accelerators (``_``, ``&``) dropped, whitespace collapsed, trailing ``:``/``…`` gone."""
    text = text.replace("_", "").replace("&", "").replace("…", "...")
    text = _SPACES.sub(" ", text).strip().casefold()
    return text.rstrip(":. ").strip()


def _listing(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(n for n in names))
    shown = ", ".join(repr(n) for n in unique[:_MAX_LISTED])
    more = f" and {len(unique) - _MAX_LISTED} more" if len(unique) > _MAX_LISTED else ""
    return (shown + more) if unique else "none"


def match(
    query: str,
    candidates: Sequence[T],
    names: Callable[[T], Iterable[str]],
    *,
    what: str = "item",
    where: str = "",
    prefer: Callable[[T], bool] | None = None,
) -> T:
    """The one candidate ``query`` names; NotFound or Ambiguous (listing names) otherwise.

    ``names(c)`` gives every name a candidate goes by (its text, label, placeholder ...),
    the shown one first. ``prefer`` breaks a tie among equally good matches (e.g. enabled
    over disabled) when exactly one candidate passes it.
    """
    where = f" {where}" if where else ""
    wanted = normalize(query)
    if not wanted:
        raise NotFound(f"no {what} name given; {what}s{where}: {_listing(_shown(c, names) for c in candidates)}",
                       [_shown(c, names) for c in candidates])
    tests: list[Callable[[str], bool]] = [
        lambda n: n == wanted,
        lambda n: n.startswith(wanted),
        lambda n: wanted in n,
    ]
    for test in tests:
        hits = [c for c in candidates if any(test(normalize(n)) for n in names(c) if n)]
        hits = list({id(c): c for c in hits}.values())
        if len(hits) > 1 and prefer is not None:
            preferred = [c for c in hits if prefer(c)]
            if len(preferred) == 1:
                hits = preferred
        if len(hits) == 1:
            return hits[0]
        if hits:
            shown = [_shown(c, names) for c in hits]
            raise Ambiguous(f"'{query}' matches {len(hits)} {what}s{where}: {_listing(shown)}; say which", shown)
    shown = [_shown(c, names) for c in candidates]
    raise NotFound(f"no {what} '{query}'{where}; {what}s{where}: {_listing(shown)}", shown)


def _shown(candidate: object, names: Callable[[T], Iterable[str]]) -> str:
    found = [n for n in names(candidate) if n]  # type: ignore[arg-type]
    return found[0] if found else "(unnamed)"
