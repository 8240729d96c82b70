"""Templates: how one tool is phrased, with slots, and how the slots become the calls.

A pattern is plain text with two kinds of marks:

- ``[a|b|c]`` picks one option (``[a]`` alone is optional); options may hold slots;
- ``{name}`` or ``{name:pool}`` is a slot: the pool's sampler gives what the user says
  (the surface) and what the plan carries (the value). A slot named like a tool argument
  fills that argument; a name starting with ``_`` is only said, never passed.

A ``TemplateSet`` holds the patterns of one tool. ``imp`` patterns are commands (they may
get "could you ..." around them and be joined into multi-step commands); ``ask``
patterns are questions or indirect forms, used as they are. Every template has an id
(``tool/i07``); the train/val split is by that id.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kayas.errors import KayasError

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")

Calls = list[dict[str, Any]]
Build = Callable[[dict[str, Any]], Calls]


class TemplateError(KayasError):
    """A template or one of its examples is wrong; the generator stops and names it."""


@dataclass(frozen=True)
class Style:
    """How this command is said: `voice` is a transcript (lower case, no punctuation);
    `caps` is typed in ALL CAPS (free text then carries the capitals as typed)."""

    voice: bool = False
    caps: bool = False


@dataclass(frozen=True)
class Fill:
    """One slot: what the user says, and what the plan carries."""

    surface: str
    value: Any


Sampler = Callable[[random.Random, Style], Fill]


@dataclass(frozen=True)
class Template:
    id: str
    tool: str  # "" for the no-tool templates
    pattern: str
    build: Build
    imperative: bool
    role: str = "single"  # "after_browser": a browser step that only follows a browser clause
    why: str = ""  # for a no-tool template: why no tool fits (the example's explanation)


@dataclass
class Rendered:
    """A template rendered once: the words in segments (slot text marked) and the calls."""

    segments: list[tuple[str, bool]]  # (text, is_slot)
    calls: Calls
    template: str
    imperative: bool

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.segments)


def call(tool: str, **args: Any) -> dict[str, Any]:
    return {"tool": tool, "args": args}


class TemplateSet:
    """The phrasings of one tool (or of no tool: ``TemplateSet("")``).

    A no-tool set may say what it is about in `covers` (words such as "weather",
    "alarm"): when a registered tool of the user's names one of them, that tool takes the
    requests over and the set is left out, so the data never says `[]` where a tool fits.
    `why` is the explanation its examples carry. `weight` scales a no-tool set's share of
    its kind's `[]` budget (1: by the root of its phrasings, as every set).
    """

    def __init__(self, tool: str, name: str | None = None, pools: dict[str, Sampler] | None = None, role: str = "single",
                 covers: tuple[str, ...] = (), why: str = "", weight: float = 1.0):
        self.tool = tool
        self.name = name or tool or "no_tool"  # the template ids' prefix; unique across sets
        self.pools = dict(pools or {})
        self.role = role
        self.covers = tuple(covers)
        self.why = why
        self.weight = weight
        self.templates: list[Template] = []

    def _add(self, patterns: tuple[str, ...], imperative: bool, build: Build | None, fixed: dict[str, Any]) -> "TemplateSet":
        kind = "i" if imperative else "q"
        for pattern in patterns:
            n = sum(1 for t in self.templates if t.imperative == imperative)
            tid = f"{self.name}/{kind}{n:02d}"
            self.templates.append(Template(tid, self.tool, pattern, build or self._default_build(fixed), imperative, self.role,
                                           self.why))
        return self

    def imp(self, *patterns: str, build: Build | None = None, **fixed: Any) -> "TemplateSet":
        """Commands: may be wrapped ("could you ...") and joined into multi-step commands."""
        return self._add(patterns, True, build, fixed)

    def ask(self, *patterns: str, build: Build | None = None, **fixed: Any) -> "TemplateSet":
        """Questions and indirect forms, used as they are."""
        return self._add(patterns, False, build, fixed)

    def _default_build(self, fixed: dict[str, Any]) -> Build:
        tool = self.tool

        def build(slots: dict[str, Any]) -> Calls:
            if not tool:
                return []
            args = {k: v for k, v in slots.items() if not k.startswith("_")}
            return [call(tool, **{**args, **fixed})]

        return build


def expand_choices(pattern: str, rng: random.Random) -> str:
    """Resolve every ``[a|b]`` (innermost first), then tidy the spaces."""
    while m := _CHOICE.search(pattern):
        options = m.group(1).split("|")
        if len(options) == 1:
            options.append("")
        pattern = pattern[: m.start()] + rng.choice(options) + pattern[m.end():]
    pattern = re.sub(r"\s+", " ", pattern)
    return re.sub(r"\s+([,.?!])", r"\1", pattern).strip()


def render(template: Template, rng: random.Random, style: Style, pools: dict[str, Sampler]) -> Rendered:
    """Say the template once: pick options, sample slots, build the calls."""
    text = expand_choices(template.pattern, rng)
    segments: list[tuple[str, bool]] = []
    slots: dict[str, Any] = {}
    fills: dict[str, Fill] = {}
    pos = 0
    for m in _SLOT.finditer(text):
        name, pool = m.group(1), m.group(2) or re.sub(r"\d+$", "", m.group(1)).lstrip("_")
        if m.start() > pos:
            segments.append((text[pos : m.start()], False))
        if name not in fills:
            sampler = pools.get(pool)
            if sampler is None:
                raise TemplateError(f"template {template.id}: unknown slot pool '{pool}'")
            fills[name] = sampler(rng, style)
            slots[name] = fills[name].value
        segments.append((fills[name].surface, True))
        pos = m.end()
    if pos < len(text):
        segments.append((text[pos:], False))
    try:
        calls = template.build(slots)
    except (KeyError, ValueError) as exc:
        raise TemplateError(f"template {template.id}: cannot build its calls: {exc!r}") from None
    return Rendered(segments, calls, template.id, template.imperative)
