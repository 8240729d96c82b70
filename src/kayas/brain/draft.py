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
  string starts like one of them;
- the tool name: the tool whose name and description share the most words with the command
  (a right guess saves the two or three passes that spelling the name costs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_STOP_BYTES = frozenset(b'"\\') | frozenset(range(0x20))
_MIN_MATCH = 2  # bytes of string content that must match the command before copying
_LOOKAHEAD = 32  # bytes copied from the command per guess
PHRASES = (
    b"https://www.google.com/search?q=",
    b"https://www.youtube.com/results?search_query=",
    b"https://",
)


def in_search_url(tail: bytes) -> bool:
    """Whether a string is a search URL of the contract, whose words are joined by +."""
    return b"?q=" in tail or b"search_query=" in tail


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
        if in_search_url(tail):
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


_WORD = re.compile(r"[a-z]{3,}")
_STOPWORDS = frozenset("the and for with its into from this that one are all can you please then".split())
_TOOL_KEY = b'"tool":"'


def _stems(text: str) -> set[str]:
    return {w[:4] for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


@dataclass
class ToolGuesser:
    """Scores tool names against a command by shared words (name words count triple)."""

    names: list[str] = field(default_factory=list)
    name_stems: list[set[str]] = field(default_factory=list)
    desc_stems: list[set[str]] = field(default_factory=list)

    @classmethod
    def for_registry(cls, registry) -> "ToolGuesser":
        tools = list(registry)
        return cls(
            [t.name for t in tools],
            [_stems(t.name.replace(".", " ").replace("_", " ")) for t in tools],
            [_stems(t.description) for t in tools],
        )

    def rest(self, out: bytes, command: bytes) -> bytes:
        """The rest of the likeliest tool name, when `out` ends inside a tool name."""
        k = out.rfind(_TOOL_KEY)
        if k < 0 or b'"' in out[k + len(_TOOL_KEY):]:
            return b""
        partial = out[k + len(_TOOL_KEY):].decode("utf-8", errors="ignore")
        words = _stems(command.decode("utf-8", errors="ignore"))
        best, best_score = None, -1
        for name, ns, ds in zip(self.names, self.name_stems, self.desc_stems):
            if name.startswith(partial) and len(name) > len(partial):
                score = 3 * len(words & ns) + len(words & ds)
                if score > best_score:
                    best, best_score = name, score
        return best[len(partial):].encode("utf-8") if best else b""


def guess_bytes(held_back: bytes, out: bytes, command: bytes, open_allowed: bool, tools: ToolGuesser | None = None) -> bytes | None:
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
    name = tools.rest(out, command) if tools else b""
    if name:
        return name
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
