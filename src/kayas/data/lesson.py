"""What `kayas learn` teaches, and the data it teaches it with (the training is `kayas.train.learn`).

The brain's adapter folder says which tools it knows (`kayas_adapter.json` "tools"; a folder
without the field knows the built-ins). The registry says which tools exist now. The tools of
the registry the brain does not know are taught: their templates (EXAMPLES) are rendered, and a
replay sample of everything else the registry's data holds (the other tools, small talk,
out-of-scope and near-miss `[]`, CLINC150) is mixed in, so the brain does not forget while it
learns. Tools the brain knows that are gone from the registry are simply not in the data any
more; the planner's grammar already refuses them.

The replay leans toward what forgetting breaks first: near misses and out-of-scope requests (the
`[]` the brain must keep saying) are drawn more often than their share (`MixConfig.weights`).
Replayed `[]` examples that say the new tools' own words ("roll a die" -> `[]` before a dice
tool) would contradict the lesson and are left out. A strided `check` set of old commands that
are not trained on (every class, near misses first) lets the training watch, by exact match,
whether the brain still says what it said.
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from kayas.data.discover import collect_sets
from kayas.data.generate import GenerateConfig, Generator
from kayas.data.spec import TemplateSet
from kayas.data.templates import builtin_sets
from kayas.errors import KayasError
from kayas.formats.adapter import AdapterInfo
from kayas.formats.examples import Example
from kayas.registry import Registry, builtin_tool_modules


class NothingToLearn(KayasError):
    """Every tool of the registry is known to the brain already."""


@dataclass(frozen=True)
class Lesson:
    """The tools to teach, the ones the brain knows, and those it knows that are gone."""

    new: tuple[str, ...]
    known: tuple[str, ...]
    gone: tuple[str, ...]


def known_tools(info: AdapterInfo, registry: Registry) -> tuple[str, ...]:
    """The tools an adapter was taught: its "tools" field, else the registry's built-in tools."""
    if info.tools is not None:
        return info.tools
    builtin = set(builtin_tool_modules())
    return tuple(t.name for t in registry if t.func.__module__ in builtin)


def lesson(info: AdapterInfo, registry: Registry) -> Lesson:
    known = known_tools(info, registry)
    new = tuple(n for n in registry.names() if n not in known)
    gone = tuple(n for n in known if n not in registry)
    return Lesson(new, known, gone)


@dataclass
class MixConfig:
    """How much of each: the new tools' examples, and the replay of the rest."""

    new_examples: int = 360  # all new tools together (their no-tool sets, e.g. "units.money", included)
    replay_examples: int = 420  # sampled from the whole registry's data, the new tools' left out
    val_new: int = 24  # val: from the new tools' val-only templates (phrasings never trained on)
    val_replay: int = 0  # old val-only phrasings in val too (they go to `check` anyway)
    replay_pool: int = 4000  # size of the generator run (`kayas data generate --size`) all of it is drawn from
    check_old: int = 40  # old commands, never trained on in this run, scored by exact match during training
    weights: dict[str, float] = field(default_factory=lambda: {"near_miss": 3.0, "out_of_scope": 2.0, "other_empty": 1.0, "tool": 1.0})
    seed: int = 0


@dataclass
class Mix:
    train: list[Example]
    val: list[Example]
    counts: dict[str, int] = field(default_factory=dict)
    dropped_sets: list[str] = field(default_factory=list)  # no-tool sets the new tools took over
    check: list[Example] = field(default_factory=list)  # old commands not trained on: exact match during training
    own_words: list[str] = field(default_factory=list)  # the new tools' words; replayed `[]` saying them is left out


def replay_class(example: Example) -> str:
    """near_miss, out_of_scope, other_empty (small talk and other `[]`) or tool: what the replay weights."""
    prefix = example.template.split("/", 1)[0]
    if example.plan != "[]":
        return "tool"
    if prefix.startswith("near."):
        return "near_miss"
    if prefix.startswith(("oos.", "clinc")):
        return "out_of_scope"
    return "other_empty"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def own_words(new: list[Example], old: list[Example], share: float = 0.05, rare: float = 0.002) -> set[str]:
    """Words in at least `share` of the new tools' commands and in at most `rare` of the old ones ("dice", "d20").

    With 4,000 old commands: 8 at most. "many" (how many miles) is in 0.5 % of them, and stays."""
    calls = [e for e in new if e.plan != "[]"]
    here = Counter(w for e in calls for w in _words(e.command))
    there = Counter(w for e in old for w in _words(e.command))
    return {w for w, n in here.items() if n >= share * len(calls) and there[w] <= rare * len(old)}


def weighted_sample(items: list[Example], n: int, weights: dict[str, float], rng: random.Random) -> list[Example]:
    """n items without replacement, each drawn in proportion to its class's weight (Efraimidis-Spirakis keys)."""
    if len(items) <= n:
        return list(items)
    keyed = sorted(items, key=lambda e: -(rng.random() ** (1.0 / max(weights.get(replay_class(e), 1.0), 1e-6))))
    return keyed[:n]


def _every(items: list[Example], n: int) -> list[Example]:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)] if len(items) > n else list(items)


def strided(items: list[Example], n: int) -> list[Example]:
    """n items, as many of each class as it has to give (a class with fewer leaves the rest to the others),
    every k-th of the class ordered by template: all classes, no luck of the draw."""
    classes = ("near_miss", "out_of_scope", "other_empty", "tool")
    by = {c: sorted((e for e in items if replay_class(e) == c), key=lambda e: (e.template, e.command)) for c in classes}
    quota = dict.fromkeys(classes, 0)
    while sum(quota.values()) < n and any(quota[c] < len(by[c]) for c in classes):
        for c in classes:
            if quota[c] < len(by[c]) and sum(quota.values()) < n:
                quota[c] += 1
    return [e for c in classes for e in _every(by[c], quota[c])]


def _is_new(example: Example, tools: set[str], no_tool_sets: set[str]) -> bool:
    """An example of the lesson: it calls a new tool, or comes from a new tool's own `[]` set."""
    return any(c["tool"] in tools for c in json.loads(example.plan)) or example.template.split("/", 1)[0] in no_tool_sets


def _sample(items: list[Example], n: int, rng: random.Random) -> list[Example]:
    return rng.sample(items, n) if len(items) > n else list(items)


def mix(lesson_: Lesson, registry: Registry, cfg: MixConfig, sets: list[TemplateSet] | None = None) -> Mix:
    """Train and val examples: the new tools' (their own templates only) and a replay of the rest."""
    if not lesson_.new:
        raise NothingToLearn("the brain knows every tool of the registry already: nothing to learn")
    sets = sets if sets is not None else collect_sets(registry)
    builtin = {s.name for s in builtin_sets()}
    new = set(lesson_.new)
    spaces = {n.split(".", 1)[0] for n in new}  # a plugin's `[]` sets are named after its tools: units.money, dice.near_misses
    own = [s for s in sets if s.tool in new or (not s.tool and s.name not in builtin and s.name.split(".", 1)[0] in spaces)]
    if not any(s.tool in new for s in own):
        raise KayasError(f"no examples for {', '.join(lesson_.new)}: give the tool's module an EXAMPLES "
                         "(see README, 'Examples for your own tool')")
    rng = random.Random(f"learn-{cfg.seed}")
    own_no_tool = {s.name for s in own if not s.tool}
    size, data = cfg.replay_pool, None
    for _ in range(3):  # one run of the whole registry's generator; larger if the new tools got too few
        data = Generator(GenerateConfig(seed=cfg.seed, size=size), registry, sets).run()
        n_new = sum(_is_new(e, new, own_no_tool) for e in data.train)
        if n_new >= cfg.new_examples:
            break
        size = int(size * min(4.0, 1.2 * cfg.new_examples / max(n_new, 1)))
    assert data is not None
    taught = [e for e in data.train if _is_new(e, new, own_no_tool)]
    taught_val = [e for e in data.val if _is_new(e, new, own_no_tool)]
    old = [e for e in data.train if not _is_new(e, new, own_no_tool)]
    words = own_words(taught, old)
    contradicting = [e for e in old if e.plan == "[]" and _words(e.command) & words]
    old = [e for e in old if not (e.plan == "[]" and _words(e.command) & words)]
    replay = weighted_sample(old, cfg.replay_examples, cfg.weights, rng)
    replay_val = [e for e in data.val if not _is_new(e, new, own_no_tool) and not (e.plan == "[]" and _words(e.command) & words)]
    train_new = _sample(taught, cfg.new_examples, rng)
    val = _sample(taught_val, cfg.val_new, rng) + _sample(replay_val, cfg.val_replay, rng)
    in_val = {e.command for e in val}
    replayed = {e.command for e in replay}
    check = strided([e for e in old + replay_val if e.command not in replayed and e.command not in in_val], cfg.check_old)
    train = train_new + replay
    rng.shuffle(train)
    counts = {"new": len(train_new), "replay": len(replay), "replay_no_tool": sum(e.plan == "[]" for e in replay),
              "val": len(val), "check": len(check), "left_out_contradicting": len(contradicting)}
    for kind in ("near_miss", "out_of_scope", "other_empty", "tool"):
        counts[f"replay_{kind}"] = sum(replay_class(e) == kind for e in replay)
    return Mix(train, val, counts, data.dropped_sets, check, sorted(words))


