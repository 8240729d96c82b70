"""Templates read backwards: which plans could a command have come from?

This is the "perfect brain" for the generator's own phrasings: a command is matched
against every template (choices become alternations, slots become groups), each slot's
text is turned into its value by its pool's `parse`, and the calls are built and
validated exactly as the generator does. Tests use it to show that the worked examples
of TOOLS.md are producible, and to find commands that two templates read differently.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kayas.data.augment import WAKE
from kayas.data.multi import merge_calls
from kayas.data.spec import Template
from kayas.plan import PlanError, dumps_plan, parse_plan

_JOINTS = [", and then ", ", and finally ", " and finally ", ", after that ", " and then ", " and also ",
           ", then ", ", and ", " then ", " and ", ", "]


def _to_regex(pattern: str, known: dict[str, str] | None = None) -> str:
    """The pattern as a regex; a slot whose pool lists its surfaces (`known`) matches only those."""
    known = known or {}
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            depth, j = 1, i + 1
            while depth:
                depth += {"[": 1, "]": -1}.get(pattern[j], 0)
                j += 1
            inner = pattern[i + 1 : j - 1]
            options, depth, start = [], 0, 0
            for k, c in enumerate(inner):
                depth += {"[": 1, "]": -1}.get(c, 0)
                if c == "|" and depth == 0:
                    options.append(inner[start:k])
                    start = k + 1
            options.append(inner[start:])
            body = "|".join(_to_regex(o, known) for o in options)
            out.append(f"(?:{body})" + ("?" if len(options) == 1 else ""))
            i = j
        elif ch == "{":
            j = pattern.index("}", i)
            name = pattern[i + 1 : j].split(":")[0]
            body = known.get(name, ".+?")
            out.append(f"(?P<{name}>{body})" if f"(?P<{name}>" not in "".join(out) else f"(?P={name})")
            i = j + 1
        elif ch.isspace():
            out.append(r"\s*")
            i += 1
        else:
            out.append(re.escape(ch))
            i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compiled(pattern: str, known: tuple[tuple[str, str], ...] = ()) -> re.Pattern:
    return re.compile(_to_regex(pattern, dict(known)), re.IGNORECASE)


def _slot_pools(pattern: str) -> dict[str, str]:
    return {m.group(1): m.group(2) or re.sub(r"\d+$", "", m.group(1)).lstrip("_")
            for m in re.finditer(r"\{(\w+)(?::(\w+))?\}", pattern)}


def clean(command: str) -> str:
    """Without the wake word and the closing punctuation."""
    text = command.strip()
    for wake in sorted(WAKE, key=len, reverse=True):
        if text.lower().startswith(wake.lower().strip()):
            text = text[len(wake.strip()):].lstrip(" ,")
            break
    return text.rstrip(".!?")


def read_template(template: Template, text: str, pools) -> list[dict] | None:
    known = tuple(sorted((name, pools[pool].surfaces) for name, pool in _slot_pools(template.pattern).items()
                         if getattr(pools.get(pool), "surfaces", None)))
    m = compiled(template.pattern, known).fullmatch(text)
    if not m:
        return None
    slots = {}
    for name, pool in _slot_pools(template.pattern).items():
        if m.group(name) is None:  # a slot inside an option that was not said
            continue
        parse = getattr(pools[pool], "parse", None)
        value = parse(m.group(name)) if parse else None
        if value is None:
            return None
        slots[name] = value
    try:
        return template.build(slots)
    except (KeyError, ValueError):
        return None


def readings(command: str, templates: list[Template], pools, clauses: list[Template] | None = None,
             after_browser: list[Template] | None = None, max_parts: int = 3) -> set[str]:
    """Every canonical plan the templates can read `command` as (one clause, or 2-3 joined)."""
    text = clean(command)
    plans: set[str] = set()

    def canonical(calls):
        try:
            return dumps_plan(parse_plan(merge_calls(calls)))
        except PlanError:
            return None

    for t in templates:
        calls = read_template(t, text, pools)
        if calls is not None and (p := canonical(calls)):
            plans.add(p)
    if clauses:
        for parts in _splits(text, max_parts):
            partial: list[list[dict]] = [[]]
            for part in parts:
                grown = []
                for calls_so_far in partial:
                    prev = calls_so_far[-1]["tool"] if calls_so_far else None
                    options = clauses + (after_browser or []) if prev in ("browser.run_steps", "browser.open_url") else clauses
                    for t in options:
                        found = read_template(t, part, pools)
                        if found is not None:
                            grown.append(calls_so_far + found)
                partial = grown[:64]
                if not partial:
                    break
            for calls_all in partial:
                if (p := canonical(calls_all)):
                    plans.add(p)
    return plans


def _splits(text: str, max_parts: int) -> list[list[str]]:
    joint = "|".join(re.escape(j) for j in _JOINTS)
    cuts = [(m.start(), m.end()) for m in re.finditer(joint, text, re.IGNORECASE)]
    out: list[list[str]] = []

    def go(start: int, parts: list[str]):
        for s, e in cuts:
            if s <= start:
                continue
            head = text[start:s]
            rest = parts + [head]
            out.append(rest + [text[e:]])
            if len(rest) + 1 < max_parts:
                go(e, rest)

    go(0, [])
    return [[p.strip() for p in ps] for ps in out if all(p.strip() for p in ps)]
