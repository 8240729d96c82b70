"""`kayas data generate`: render templates into validated, deduplicated chat examples.

Every example goes through `parse_plan` (the registry's schemas fill the defaults) and is
written in the canonical compact form the planner's grammar emits. The split is by
template: a val template's phrasing never appears in train, so val measures
generalisation, not memory. The same seed gives byte-identical files.

About a quarter of the examples are `[]`: small talk, out-of-scope requests by domain
(templates/out_of_scope.py), near-misses of every tool (templates/near_miss.py) and real
requests from CLINC150's train split (clinc.py; its val split goes to val, its test split
never into the files).
"""
from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kayas.data import clinc as clinc150
from kayas.data import scope
from kayas.data.augment import AugmentConfig, augment, choose_style
from kayas.data.base import BASE
from kayas.data.discover import collect_sets
from kayas.data.multi import Composer, curated
from kayas.data.pools import POOLS
from kayas.data.spec import Rendered, Style, Template, TemplateError, TemplateSet, render
from kayas.formats.examples import Example, write_examples
from kayas.plan import PlanError, dumps_plan, parse_plan
from kayas.prompt import with_context
from kayas.registry import Registry, default_registry

NO_TOOL = "no_tool"
MULTI = "multi_step"
CLINC_TRAIN, CLINC_VAL = "clinc.train", "clinc.val"
# CLINC150 queries are real phrasing already: a wake word sometimes, a few typos, little else.
CLINC_AUGMENT = AugmentConfig(voice=0.0, wrapper=0.0, suffix=0.04, wake=0.14, typo=0.05, verb_typo=0.05, caps=0.03)
# CLINC150 intents a tool serves give this many times the per-intent share of the `[]` ones
# (their rule-labelled real phrasing, e.g. play_music, is what the templates lack).
CLINC_SERVED = 4.0
# How the template-made `[]` examples are shared out: small talk, out-of-scope domains, near-misses.
NO_TOOL_KINDS = {"chat": 0.08, "oos": 0.48, "near": 0.44}


def clinc_segments(query: str, calls: list[dict[str, Any]]) -> list[tuple[str, bool]] | None:
    """The query with each free-text argument marked as a slot, so the augmentation (typos,
    capitals) never changes what the plan carries; None if an argument is not in the query."""
    values = sorted({v for c in calls for v in c["args"].values() if isinstance(v, str) and v}, key=len, reverse=True)
    if not values:
        return [(query, False)]
    found = []
    for v in values:
        i = query.find(v)
        if i < 0:
            return None
        if not any(a <= i < b or a < i + len(v) <= b for a, b in found):
            found.append((i, i + len(v)))
    out, pos = [], 0
    for a, b in sorted(found):
        if a > pos:
            out.append((query[pos:a], False))
        out.append((query[a:b], True))
        pos = b
    if pos < len(query):
        out.append((query[pos:], False))
    return out


def no_tool_kind(group: str) -> str:
    """`oos.weather` -> oos, `near.files` -> near, anything else (small talk, a user's) -> chat."""
    head = group.split(".", 1)[0]
    return head if head in ("oos", "near") else "chat"


@dataclass
class GenerateConfig:
    """What `kayas data generate` makes; defaults meet the issue's figures."""

    seed: int = 0
    size: int = 23_500
    multi_share: float = 0.25
    no_tool_share: float = 0.2  # template-made `[]`; CLINC150 adds its own on top
    val_share: float = 0.12  # of each tool's templates
    min_per_tool: int = 170
    clinc: Path | None = field(default_factory=clinc150.default_dir)  # None: no CLINC150
    scored: list[Path] = field(default_factory=lambda: held_out_sets())  # hand-written sets scored or calibrated on: never trained on
    clinc_share: float = 0.074  # CLINC150 train queries, as a share of `size` (a cap per intent: 10, as at 20,000)
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    conversation_share: float = 0.1  # dialogues: references and follow-ups (templates/conversation.py)


REPO = Path(__file__).resolve().parents[3]


def scored_sets() -> list[Path]:
    """The hand-written sets a checkout scores brains on (tests/data/*.jsonl, each example plugin's
    held-out commands); none in an installed wheel."""
    return sorted((REPO / "tests" / "data").glob("*.jsonl")) + sorted((REPO / "examples").glob("*/tests/heldout.jsonl"))


def held_out_sets() -> list[Path]:
    """The scored sets and the hand-labelled calibration set (data/calibration/*.jsonl, which fits the
    confidence and the gate and is scored on by no one): none of their commands is trained on."""
    return scored_sets() + sorted((REPO / "data" / "calibration").glob("*.jsonl"))


def scored_commands(paths: list[Path]) -> set[str]:
    """The commands of the scored sets, normalized as CLINC150's are compared: a template that
    happens to say one of them ("max volume") is left out, so no figure on those sets is memory."""
    out: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            ex = Example(row["messages"]) if row.get("messages") else None
            if ex is not None:  # a dialogue is scored on its last turn, read after its context
                out.add(clinc150.normalize(with_context(ex.command, ex.context)))
    return out


@dataclass
class Dataset:
    base: list[Example]
    examples: list[Example]
    train: list[Example]
    val: list[Example]
    val_templates: set[str]
    conflicts: int
    decontaminated: int = 0  # generated commands dropped because a scored set (CLINC150's test or val split, a hand-written set) holds them
    clinc: int = 0  # CLINC150 examples in the files
    dropped_sets: list[str] = field(default_factory=list)  # no-tool sets a user's tool took over


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
        sets = sets if sets is not None else collect_sets(self.registry)
        self.dropped = scope.taken_over(sets, self.registry)
        self.sets = [s for s in sets if s not in self.dropped]
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
        self.singles: dict[str, list[Template]] = {}  # by tool; a no-tool set by its own name
        for t in self.templates:
            if t.role == "single" and t.id.split("/")[0] != "multi":
                self.singles.setdefault(t.tool or t.id.split("/")[0], []).append(t)
        self.no_tool_groups = sorted(g for g, ts in self.singles.items() if not ts[0].tool)
        self.set_weight = {s.name: s.weight for s in self.sets}
        self.why = {t.id: t.why for t in self.templates if t.why}
        self.clinc = clinc150.Clinc.load(cfg.clinc) if cfg.clinc else None
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
        return Example.chat(command, plan, cat, r.template, self.why.get(r.template) if not calls and r.template in self.why
                       else self.explain(calls))

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
        tools = [t for t in self.singles if t not in self.no_tool_groups]
        singles = self.cfg.size * (1 - self.cfg.multi_share - self.cfg.no_tool_share)
        weights = {t: len(self.singles[t]) ** 0.5 for t in tools}
        total = sum(weights.values())
        floor = min(self.cfg.min_per_tool, round(singles / len(tools)))  # small --size: keep the shares
        out = {t: max(floor, round(singles * w / total)) for t, w in weights.items()}
        out.update(self.no_tool_quotas(round(self.cfg.size * self.cfg.no_tool_share) + 30))
        out[MULTI] = round(self.cfg.size * self.cfg.multi_share) + 60
        return out

    def no_tool_quotas(self, budget: int) -> dict[str, int]:
        """The `[]` budget by kind (NO_TOOL_KINDS), then by set, by the root of its phrasings."""
        kinds: dict[str, list[str]] = {}
        for g in self.no_tool_groups:
            kinds.setdefault(no_tool_kind(g), []).append(g)
        share = sum(NO_TOOL_KINDS[k] for k in kinds)
        out = {}
        for kind, groups in kinds.items():
            weights = {g: len(self.singles[g]) ** 0.5 * self.set_weight.get(g, 1.0) for g in groups}
            total = sum(weights.values())
            for g, w in weights.items():
                out[g] = max(1, round(budget * NO_TOOL_KINDS[kind] / share * w / total))
        return out

    def clinc_examples(self, rng: random.Random) -> tuple[list[Example], list[Example]]:
        """CLINC150's train split (a cap per intent) for train, a few val queries for val."""
        if not self.clinc:
            return [], []
        n_intents = sum(self.clinc.trained(i, self.registry) for i in self.clinc.intents)
        per_intent = self.cfg.size * self.cfg.clinc_share / max(n_intents, 1)  # 10 at the default size
        skip = scope.dropped_intents(self.clinc.intents, self.dropped)
        out = []
        for split, prefix, k, oos in (("train", CLINC_TRAIN, per_intent, round(per_intent * 10)),
                                      ("val", CLINC_VAL, per_intent / 5, round(per_intent * 2))):
            made = []
            for query, intent, calls in self.clinc.sample(split, k, oos, rng, self.registry, skip, CLINC_SERVED):
                template = f"{prefix}/{self.clinc.domain.get(intent, '?')}.{intent}"
                self.why.setdefault(template, f"No tool fits: a CLINC150 '{intent}' request; Kayas has no tool for it.")
                style = choose_style(rng, CLINC_AUGMENT)
                segments = clinc_segments(query, calls)
                if segments is None:  # an argument not found as said: the query as it is
                    segments, style, cfg = [(query, False)], Style(), AugmentConfig(0, 0, 0, 0, 0, 0, 0, 0)
                else:
                    cfg = CLINC_AUGMENT
                r = Rendered(segments, calls, template, False)
                made.append(self.validated(r, augment(r.segments, False, style, rng, cfg)))
            out.append(made)
        return out[0], out[1]

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
        conflicts = decontaminated = 0
        examples: list[Example] = []
        held_out = (self.clinc.test_set() if self.clinc else set()) | scored_commands(self.cfg.scored)
        scored_val = self.clinc.val_set() if self.clinc else set()  # only its own val examples may say these

        def add(ex: Example) -> bool:
            nonlocal conflicts, decontaminated
            key = ex.command
            if key in seen:
                conflicts += seen[key] != ex.plan
                return False
            norm = clinc150.normalize(key)
            if norm in held_out or (norm in scored_val and not ex.template.startswith(CLINC_VAL + "/")):
                decontaminated += 1  # scored on, so never in the files (a val query only in val)
                return False
            seen[key] = ex.plan
            examples.append(ex)
            return True

        base = self.base_examples()
        for ex in base:
            add(ex)
        quotas = self.quotas()
        composer = Composer({t: ts for t, ts in self.singles.items() if t not in self.no_tool_groups},
                            self.after_browser, self.pools, self.launch)
        for name in sorted(quotas):
            made, tries = 0, 0
            while made < quotas[name] and tries < quotas[name] * 8:
                tries += 1
                if name == MULTI:
                    ex = self.compose(composer, rng)
                else:
                    ex = self.say(rng.choice(self.singles[name]), rng)
                made += add(ex)
        from kayas.data.templates import conversation

        talk = conversation.examples(self, random.Random(f"conversation-{self.cfg.seed}"), round(self.cfg.size * self.cfg.conversation_share))
        conversation_val = {ex.template for ex in talk if add(ex) and conversation.held_for_val(ex.template)}
        clinc_train, clinc_val = self.clinc_examples(random.Random(f"clinc-{self.cfg.seed}"))
        clinc_n = sum(add(ex) for ex in clinc_train + clinc_val)
        rng.shuffle(examples)
        val_ids = self.split_templates() | {ex.template for ex in clinc_val} | conversation_val
        train, val = [], []
        for ex in examples:
            (val if any(a in val_ids for a in atoms(ex.template)) else train).append(ex)
        return Dataset(base, examples, train, val, val_ids, conflicts, decontaminated, clinc_n,
                       sorted(s.name for s in self.dropped))


def generate(out: Path, cfg: GenerateConfig, registry: Registry | None = None) -> Dataset:
    """Write the four files into `out` and return what was written."""
    data = Generator(cfg, registry).run()
    out.mkdir(parents=True, exist_ok=True)
    write_examples(out / "brain_training_base.jsonl", data.base)
    write_examples(out / "brain_training_augmented.jsonl", data.examples)
    write_examples(out / "train.jsonl", data.train)
    write_examples(out / "val.jsonl", data.val)
    return data
