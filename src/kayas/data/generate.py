"""`kayas data generate`: render templates into validated, deduplicated chat examples.

Every example goes through `parse_plan` (the registry's schemas fill the defaults) and is
written in the canonical compact form the planner's grammar emits. The split is by
template: a val template's phrasing never appears in train, so val measures
generalisation, not memory. The same seed gives byte-identical files.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kayas.data.augment import AugmentConfig, augment, choose_style
from kayas.data.base import BASE
from kayas.data.discover import collect_sets
from kayas.data.multi import Composer, curated
from kayas.data.pools import POOLS
from kayas.data.spec import Rendered, Template, TemplateError, TemplateSet, render
from kayas.formats.examples import Example, write_examples
from kayas.plan import PlanError, dumps_plan, parse_plan
from kayas.registry import Registry, default_registry

NO_TOOL = "no_tool"
MULTI = "multi_step"


@dataclass
class GenerateConfig:
    """What `kayas data generate` makes; defaults meet the issue's figures."""

    seed: int = 0
    size: int = 14_000
    multi_share: float = 0.27
    no_tool_share: float = 0.07
    val_share: float = 0.12  # of each tool's templates
    min_per_tool: int = 170
    augment: AugmentConfig = field(default_factory=AugmentConfig)


@dataclass
class Dataset:
    base: list[Example]
    examples: list[Example]
    train: list[Example]
    val: list[Example]
    val_templates: set[str]
    conflicts: int


def category_of(calls: list[dict[str, Any]]) -> str:
    if not calls:
        return NO_TOOL
    if len(calls) > 1:
        return MULTI
    return calls[0]["tool"].split(".", 1)[0]


def atoms(template_id: str) -> list[str]:
    """The single templates a (possibly composed) template id is made of."""
    if template_id.startswith("multi:"):
        return template_id[len("multi:"):].split("+")
    return [template_id]


class Generator:
    def __init__(self, cfg: GenerateConfig, registry: Registry | None = None, sets: list[TemplateSet] | None = None):
        self.cfg = cfg
        self.registry = registry or default_registry()
        self.sets = sets if sets is not None else collect_sets(self.registry)
        self.pools = dict(POOLS)
        for s in self.sets:
            self.pools.update(s.pools)
        self.templates = [t for s in self.sets + [curated] for t in s.templates]
        ids = Counter(t.id for t in self.templates)
        dupes = [i for i, n in ids.items() if n > 1]
        if dupes:
            raise TemplateError(f"duplicate template id {dupes[0]} (give the TemplateSet a unique name)")
        for t in self.templates:
            if t.tool and t.tool not in self.registry:
                raise TemplateError(f"template {t.id}: unknown tool '{t.tool}'")
        self.singles: dict[str, list[Template]] = {}
        for t in self.templates:
            if t.role == "single" and t.id.split("/")[0] != "multi":
                self.singles.setdefault(t.tool or NO_TOOL, []).append(t)
        self.after_browser = [t for t in self.templates if t.role == "after_browser"]
        self.launch = [t for t in self.templates if t.role == "launch"]
        self.multi_templates = list(curated.templates)

    def validated(self, r: Rendered, command: str) -> Example:
        try:
            calls = parse_plan(r.calls, self.registry)
        except PlanError as exc:
            raise TemplateError(f"template {r.template} made an invalid example for {command!r}: {exc}") from None
        plan = dumps_plan(calls)
        cat = category_of([c.as_json() for c in calls])
        return Example.chat(command, plan, cat, r.template, self.explain(calls))

    def explain(self, calls) -> str:
        if not calls:
            return "No tool fits: small talk, thanks, a question for the assistant or a cancel."
        parts = [f"{c.tool}: {self.registry.get(c.tool).description.split('.')[0].lower()}" for c in calls]
        return ("; then ".join(parts) if len(parts) > 1 else parts[0]) + "."

    def say(self, template: Template, rng: random.Random) -> Example:
        style = choose_style(rng, self.cfg.augment)
        r = render(template, rng, style, self.pools)
        return self.validated(r, augment(r.segments, r.imperative, style, rng, self.cfg.augment))

    def compose(self, composer: Composer, rng: random.Random) -> Example:
        style = choose_style(rng, self.cfg.augment)
        r_kind = rng.random()
        if r_kind < 0.22:
            r = render(rng.choice(self.multi_templates), rng, style, self.pools)
        elif r_kind < 0.42 and composer.openers and composer.after_browser:
            r = composer.browser_chain(rng, style)
        elif r_kind < 0.6:
            r = composer.cross(rng, style)
        else:
            r = composer.compose(rng, style)
        return self.validated(r, augment(r.segments, r.imperative, style, rng, self.cfg.augment))

    def quotas(self) -> dict[str, int]:
        tools = [t for t in self.singles if t != NO_TOOL]
        singles = self.cfg.size * (1 - self.cfg.multi_share - self.cfg.no_tool_share)
        weights = {t: len(self.singles[t]) ** 0.5 for t in tools}
        total = sum(weights.values())
        floor = min(self.cfg.min_per_tool, round(singles / len(tools)))  # small --size: keep the shares
        out = {t: max(floor, round(singles * w / total)) for t, w in weights.items()}
        out[NO_TOOL] = round(self.cfg.size * self.cfg.no_tool_share) + 30
        out[MULTI] = round(self.cfg.size * self.cfg.multi_share) + 60
        return out

    def base_examples(self) -> list[Example]:
        out = []
        for i, (command, calls) in enumerate(BASE):
            tool = calls[0]["tool"] if len(calls) == 1 else (MULTI if calls else NO_TOOL)
            r = Rendered([(command, False)], calls, f"base/{tool}/{i:03d}", True)
            out.append(self.validated(r, command))
        return out

    def split_templates(self) -> set[str]:
        """Val templates: a share of each tool's phrasings (and of the multi-step ones), by seed."""
        rng = random.Random(f"split-{self.cfg.seed}")
        val: set[str] = set()
        groups = {**self.singles, "multi": self.multi_templates,
                  "after_browser": self.after_browser, "launch": self.launch}
        for name in sorted(groups):
            ids = sorted(t.id for t in groups[name])
            k = round(len(ids) * self.cfg.val_share) if len(ids) >= 5 else 0
            val.update(rng.sample(ids, k))
        return val

    def run(self) -> Dataset:
        rng = random.Random(self.cfg.seed)
        seen: dict[str, str] = {}
        conflicts = 0
        examples: list[Example] = []

        def add(ex: Example) -> bool:
            nonlocal conflicts
            key = ex.command
            if key in seen:
                conflicts += seen[key] != ex.plan
                return False
            seen[key] = ex.plan
            examples.append(ex)
            return True

        base = self.base_examples()
        for ex in base:
            add(ex)
        quotas = self.quotas()
        composer = Composer({t: ts for t, ts in self.singles.items() if t != NO_TOOL}, self.after_browser, self.pools, self.launch)
        for name in sorted(quotas):
            made, tries = 0, 0
            while made < quotas[name] and tries < quotas[name] * 8:
                tries += 1
                if name == MULTI:
                    ex = self.compose(composer, rng)
                else:
                    ex = self.say(rng.choice(self.singles[name]), rng)
                made += add(ex)
        rng.shuffle(examples)
        val_ids = self.split_templates()
        train, val = [], []
        for ex in examples:
            (val if any(a in val_ids for a in atoms(ex.template)) else train).append(ex)
        return Dataset(base, examples, train, val, val_ids, conflicts)


def generate(out: Path, cfg: GenerateConfig, registry: Registry | None = None) -> Dataset:
    """Write the four files into `out` and return what was written."""
    data = Generator(cfg, registry).run()
    out.mkdir(parents=True, exist_ok=True)
    write_examples(out / "brain_training_base.jsonl", data.base)
    write_examples(out / "brain_training_augmented.jsonl", data.examples)
    write_examples(out / "train.jsonl", data.train)
    write_examples(out / "val.jsonl", data.val)
    return data
