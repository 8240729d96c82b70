"""Guesses for the next few tokens, checked by the model in the same forward pass.

A guess costs almost nothing (a few more positions in a forward pass that reads the same
weights) and every guessed token is verified against the model's own choice at its
position, so decoding gives exactly the tokens of step-by-step decoding; only the number of
forward passes changes. Three sources of guesses:

- bytes the grammar forces but llguidance holds back from fast-forwarding because a later
  byte could re-tokenize them (`":"` may become `":` + `""`); a lone held-back `"` after
  `":` is almost always an empty string, `""`;
- structure: after `[` a call or step usually follows, `{"`;
- closing: after a `}` the list most often ends (`}]`): one call, one browser step;
- the command itself (prompt lookup): inside a string, once its last bytes occur in the
  command, the command's next bytes are likely copied (`todo` -> `.txt`), and at the end
  of the command the string likely closes;
- a phrasebook of the contract's fixed strings (TOOLS.md: search URLs), continued once a
  string starts like one of them.
"""
from __future__ import annotations

_STOP_BYTES = frozenset(b'"\\') | frozenset(range(0x20))
_MIN_MATCH = 2  # bytes of string content that must match the command before copying
_LOOKAHEAD = 32  # bytes copied from the command per guess
PHRASES = (
    b"https://www.google.com/search?q=",
    b"https://www.youtube.com/results?search_query=",
    b"https://",
)


def string_tail(out: bytes) -> bytes:
    """The content of the string being written (after the last quote), or b"" outside one."""
    k = out.rfind(b'"')
    return out[k + 1 :] if k >= 0 else b""


def lookup(tail: bytes, command: bytes) -> tuple[bytes, bool] | None:
    """(bytes that followed the longest suffix of `tail` in the command, whether it ended there)."""
    if len(tail) < _MIN_MATCH or not command:
        return None
    for n in range(min(len(tail), _LOOKAHEAD), _MIN_MATCH - 1, -1):
        pos = command.find(tail[-n:])
        if pos < 0:
            continue
        start = pos + n
        follow = command[start : start + _LOOKAHEAD]
        cut = next((i for i, b in enumerate(follow) if b in _STOP_BYTES), len(follow))
        if b"?q=" in tail or b"search_query=" in tail:  # search words in a URL are joined by +
            follow = follow.replace(b" ", b"+")
        return follow[:cut], start + cut >= len(command)
    return None


def phrase(tail: bytes) -> bytes:
    """The part all phrases starting with `tail` share beyond it (b"" if none or no agreement)."""
    if len(tail) < 3:
        return b""
    rests = [p[len(tail):] for p in PHRASES if p.startswith(tail) and len(p) > len(tail)]
    if not rests:
        return b""
    n = 0
    while all(len(r) > n and r[n] == rests[0][n] for r in rests):
        n += 1
    return rests[0][:n]


def guess_bytes(held_back: bytes, out: bytes, command: bytes, open_allowed: bool) -> bytes | None:
    """What to try next, as bytes; None for the special 'close the string' guess, b"" for nothing."""
    if held_back:
        if held_back == b'"' and out.endswith(b":"):
            return b'""'
        if set(held_back) == {ord("}")}:
            return held_back + b"]"
        return held_back
    if out.endswith(b"[") and open_allowed:
        return b'{"'
    if out.endswith(b"}"):
        return b"]"
    tail = string_tail(out)
    known = phrase(tail)
    if known:
        return known
    found = lookup(tail, command)
    if found is None:
        return b""
    follow, at_end = found
    if follow:
        return follow
    return None if at_end else b""
