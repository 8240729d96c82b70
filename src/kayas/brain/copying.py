"""A copy bias: inside a free-text string, tokens that go on copying the user's words get a
small bonus on their logits.

A 135M model mostly copies slot values right but now and then swaps a word for a likelier one
("refund request" -> "refurbishment request", "cheapest flights" -> "cheap flights") or stops a
word early. Plans take their free text from the command, so where the model hesitates between
the command's next bytes and something else, a bonus of a few logits settles it for the
command. The value being written is matched word by word against the command: its last words
(or nothing, at a word start) must occur in the command starting at a word start, and the
candidates are the tokens that spell the bytes that follow there. Tool and action names are
left alone. The bonus is small, so conventions the model learnt firmly (title-cased window
names, `todo.txt` for "my todo list") still win. It was chosen on generated val data (first
250, shipped brain): bonus 0 -> 87.6 % exact, 2 -> 88.0 %, 4 -> 86.4 %; too large a bonus
copies on into the next clause ("containing call Ana and archive old_notes.txt").
"""
from __future__ import annotations

import re

from kayas.brain.draft import in_search_url

_SEPARATORS = b" +=/,:;.-_@?&"
_NO_COPY_KEYS = frozenset({b"tool", b"action"})
_KEY_BEFORE = re.compile(rb'"(\w+)":"$')
_MAX_TOKEN_BYTES = 24


class CopyBias:
    """Candidate tokens that continue copying the command, given the plan so far."""

    def __init__(self, token_bytes: list[bytes]):
        self.by_bytes: dict[bytes, int] = {}
        for i, b in enumerate(token_bytes):
            if b and b not in self.by_bytes:
                self.by_bytes[b] = i

    def candidates(self, out: bytes, command: bytes) -> list[int]:
        """Token ids that continue the command's text from the string being written ([] if none)."""
        start = open_string_start(out)
        if start is None or not command:
            return []
        key = _KEY_BEFORE.search(out[: start + 1])
        if key is None or key.group(1) in _NO_COPY_KEYS:
            return []
        tail = out[start + 1 :]
        url = in_search_url(tail)
        if url:
            tail = tail.replace(b"+", b" ")
        follows = _follows(tail, command)
        found: set[int] = set()
        for follow in follows:
            if url:
                follow = follow.replace(b" ", b"+")
            for k in range(1, min(len(follow), _MAX_TOKEN_BYTES) + 1):
                if follow[k - 1 : k] in (b'"', b"\\"):
                    break
                t = self.by_bytes.get(follow[:k])
                if t is not None:
                    found.add(t)
        return sorted(found)


def _follows(tail: bytes, command: bytes) -> list[bytes]:
    """What follows, in the command, the longest word-aligned suffix of tail (or a word start)."""
    # word starts in tail: positions after a separator, and 0
    starts = [0] + [i + 1 for i, b in enumerate(tail) if b in _SEPARATORS]
    for s in starts:  # longest suffix first
        piece = tail[s:]
        if not piece:
            break
        hits = [h for h in _occurrences(piece, command) if h == 0 or command[h - 1] in _SEPARATORS]
        if hits:
            return [command[h + len(piece) : h + len(piece) + _MAX_TOKEN_BYTES] for h in hits]
    if tail and tail[-1] not in _SEPARATORS:
        return []  # a word the command does not have: no bias
    return [command[i : i + _MAX_TOKEN_BYTES] for i in range(len(command)) if i == 0 or command[i - 1] in _SEPARATORS]


def _occurrences(piece: bytes, text: bytes) -> list[int]:
    """Where piece occurs in text, left to right and not overlapping (as re.finditer would find
    it, without compiling a pattern per piece: that was most of the copy bias's cost)."""
    found, at = [], text.find(piece)
    while at >= 0:
        found.append(at)
        at = text.find(piece, at + len(piece))
    return found


def string_key(out: bytes) -> str | None:
    """The JSON key whose string value is being written ("tool", "query", ...), or None."""
    start = open_string_start(out)
    key = _KEY_BEFORE.search(out[: start + 1]) if start is not None else None
    return key.group(1).decode("ascii") if key else None


def open_string_start(out: bytes) -> int | None:
    """The index of the quote that opened the string being written, or None outside strings."""
    inside, start, escaped = False, None, False
    for i, b in enumerate(out):
        if inside and escaped:
            escaped = False
        elif inside and b == 0x5C:
            escaped = True
        elif b == 0x22:
            inside = not inside
            start = i if inside else None
    return start if inside else None
