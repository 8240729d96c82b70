"""CLINC150 (third_party/clinc150): real assistant requests, labelled for Kayas.

`kayas_mapping.json` says, for each of the 150 intents and `oos`, whether no tool serves
it (`[]`), which tool does, or that no single label fits (`mixed`). Where a tool serves
an intent but its arguments (or, for a few queries, the tool itself) depend on the words,
a rule of clinc_rules.py labels each query (checked by hand on the train split). The train
split is training input (a capped sample per intent, only queries whose plan is known
exactly); the val split goes to val.jsonl; the test split is only scored (`eval_rows`),
and any generated command equal to a test query is dropped from the generated data
(`normalize` says what "equal" means).
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.data.clinc_rules import RULES, TOOL_ONLY, Label
from kayas.errors import KayasError
from kayas.registry import Registry

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "third_party" / "clinc150"
NO_TOOL = "[]"
MIXED = "mixed"
OOS = "oos"
SPLITS = ("train", "val", "test")
UNKNOWN_ARG = "<unknown>"  # the value of an argument CLINC does not label (args_known: false)
# Words that ask for a search: by the conventions a web search is a browser call, whatever
# the intent says ("look up travel alerts for canada"), so these queries are not trained on
# as `[]`, and the test rows carry asks_search so a scorer can tell them apart.
ASKS_SEARCH = re.compile(r"\b(search|searching|google|googling|look up|look it up|looking up|look for|browse)\b", re.I)


def default_dir() -> Path | None:
    """The repository's copy, when Kayas runs from a checkout; None in an installed wheel."""
    return DEFAULT_DIR if (DEFAULT_DIR / "data_full.json").is_file() else None


def normalize(text: str) -> str:
    """Case, punctuation and spacing aside: the form two commands are compared in."""
    text = re.sub(r"[^\w' ]+", " ", text.lower().replace("’", "'"))
    return " ".join(text.split())


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise KayasError(f"CLINC150 file not found: {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KayasError(f"{path}: not JSON ({exc.msg})") from None


@dataclass
class Clinc:
    splits: dict[str, list[tuple[str, str]]]  # "train" -> [(query, intent)], oos included
    domain: dict[str, str]  # intent -> CLINC domain ("oos" for oos)
    mapping: dict[str, str]  # intent -> "[]", a tool name or "mixed"

    @classmethod
    def load(cls, folder: Path) -> "Clinc":
        data = _read_json(folder / "data_full.json")
        domains = _read_json(folder / "domains.json")
        mapping = _read_json(folder / "kayas_mapping.json").get("intents", {})
        splits = {s: [tuple(x) for x in data.get(s, []) + data.get(f"oos_{s}", [])] for s in SPLITS}
        domain = {i: d for d, intents in domains.items() for i in intents} | {OOS: OOS}
        missing = sorted({i for rows in splits.values() for _, i in rows} - set(mapping))
        if missing:
            raise KayasError(f"{folder / 'kayas_mapping.json'}: no label for intent(s) {', '.join(missing[:5])}")
        return cls(splits, domain, mapping)

    @property
    def intents(self) -> list[str]:
        return sorted(self.mapping)

    def calls(self, intent: str, registry: Registry) -> list[dict[str, Any]] | None:
        """The exact plan of every query of the intent, or None where it is not known exactly."""
        label = self.mapping[intent]
        if label == NO_TOOL:
            return []
        if label == MIXED or label not in registry:
            return None
        schema = registry.get(label).args_model.model_json_schema()
        return None if schema.get("required") else [{"tool": label, "args": {}}]

    def label(self, intent: str, query: str, registry: Registry) -> Label:
        """One query's plan: by the intent's rule where it has one (a plan, TOOL_ONLY or None),
        else the intent's exact plan, TOOL_ONLY where only the tool is known, or None (mixed)."""
        rule = RULES.get(intent)
        if rule is not None and self.mapping[intent] != MIXED:
            return rule(query)
        calls = self.calls(intent, registry)
        if calls is None and self.mapping[intent] != MIXED and self.mapping[intent] in registry:
            return TOOL_ONLY
        return calls

    def trained(self, intent: str, registry: Registry) -> bool:
        """Whether any query of the intent can be trained on (its plan known exactly)."""
        return (intent in RULES and self.mapping[intent] != MIXED) or self.calls(intent, registry) is not None

    def queries(self, split: str) -> list[tuple[str, str]]:
        return list(self.splits[split])

    def sample(self, split: str, per_intent: float, oos: int, rng: random.Random, registry: Registry,
               skip: set[str] = frozenset(), served: float = 1.0) -> list[tuple[str, str, list[dict[str, Any]]]]:
        """About `per_intent` queries of each exactly-labelled intent (a fraction: some
        intents get one more; `served` times as many of an intent a tool serves, so that
        real phrasing of the tools is not outnumbered by `[]`) and `oos` of the
        out-of-scope ones: (query, intent, calls)."""
        by_intent: dict[str, list[str]] = {}
        for query, intent in self.splits[split]:
            by_intent.setdefault(intent, []).append(query)
        out = []
        for intent in sorted(by_intent):
            if intent in skip or not self.trained(intent, registry):
                continue
            labelled = {q: self.label(intent, q, registry) for q in by_intent[intent] if not ASKS_SEARCH.search(q)}
            pool = sorted(q for q, plan in labelled.items() if isinstance(plan, list))
            n = per_intent * (served if self.mapping[intent] not in (NO_TOOL, MIXED) else 1.0)
            whole = int(n)
            k = min(len(pool), oos if intent == OOS else whole + (rng.random() < n - whole))
            out += [(q, intent, labelled[q]) for q in rng.sample(pool, k)]  # type: ignore[misc]
        return out

    def test_set(self) -> set[str]:
        return {normalize(q) for q, _ in self.splits["test"]}

    def val_set(self) -> set[str]:
        return {normalize(q) for q, _ in self.splits["val"]}


def eval_rows(clinc: Clinc, split: str, registry: Registry, system_prompt: str, no_tool_only: bool = False) -> list[dict]:
    """The split in the eval format (tests/data/handwritten.jsonl's), one row per query.

    `category` is "out_of_scope" for queries labelled `[]` and "clinc_tool" for those a
    tool serves; `args_known` is false where the intent says the tool but not its
    arguments (the plan then carries "<unknown>"): score those at tool level only.
    `asks_search` marks the queries that ask for a search ("look up my credit score"),
    where a web-search goto follows the conventions. Intents labelled "mixed", and queries
    an intent's rule leaves out, are left out; a rule's `[]` is an out_of_scope row."""
    if split not in SPLITS:
        raise KayasError(f"unknown CLINC150 split '{split}' (train, val or test)")
    rows = []
    for query, intent in clinc.splits[split]:
        label = clinc.mapping[intent]
        plan = clinc.label(intent, query, registry)
        if plan is None:
            continue
        known = plan != TOOL_ONLY
        if not known:
            params = registry.get(label).args_model.model_json_schema().get("required", [])
            calls: list[dict[str, Any]] = [{"tool": label, "args": {p: UNKNOWN_ARG for p in params}}]
        else:
            calls = plan  # type: ignore[assignment]
        if no_tool_only and calls:
            continue
        rows.append({
            "messages": [{"role": "system", "content": system_prompt}, {"role": "user", "content": query},
                         {"role": "assistant", "content": json.dumps(calls, separators=(",", ":"))}],
            "category": "out_of_scope" if not calls else "clinc_tool",
            "intent": intent,
            "domain": clinc.domain.get(intent, "?"),
            "args_known": known,
            "asks_search": bool(ASKS_SEARCH.search(query)),
            "source": f"clinc150/{split}",
        })
    return rows
