"""`kayas data stats`: what a data file holds, so its figures can be checked at a glance.

The `[]` examples are told apart by their template id: `oos.<domain>/...` (out of scope),
`clinc.<split>/<domain>.<intent>` (CLINC150, out of scope too), `near.<set>/...` (near-misses),
anything else (small talk, a cancel, a thanks).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kayas.errors import KayasError
from kayas.formats.examples import Example, read_examples
from kayas.safe_input import InputError, loads_json


@dataclass
class Stats:
    examples: int = 0
    per_tool: Counter = field(default_factory=Counter)  # examples that call the tool (single or multi)
    per_tool_single: Counter = field(default_factory=Counter)
    per_category: Counter = field(default_factory=Counter)
    templates: Counter = field(default_factory=Counter)  # distinct single templates per tool
    multi: int = 0
    no_tool: int = 0
    duplicates: int = 0
    conflicting: int = 0  # same command, different plans
    token_note: str = ""
    token_percentiles: dict[str, int] = field(default_factory=dict)
    no_tool_by_source: Counter = field(default_factory=Counter)  # small_talk, out_of_scope, clinc, near_miss
    no_tool_by_domain: Counter = field(default_factory=Counter)  # oos:<domain>, clinc:<domain>, near:<set>
    template_uses: Counter = field(default_factory=Counter)
    verb_typos: int = 0  # commands with a misspelt verb (augment.VERB_TYPOS)

    @property
    def out_of_scope(self) -> int:
        """`[]` requests Kayas has no tool for: the out-of-scope templates and CLINC150."""
        return self.no_tool_by_source["out_of_scope"] + self.no_tool_by_source["clinc"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "examples": self.examples,
            "multi_step_share": round(self.multi / max(self.examples, 1), 4),
            "no_tool_share": round(self.no_tool / max(self.examples, 1), 4),
            "out_of_scope_share": round(self.out_of_scope / max(self.examples, 1), 4),
            "near_miss_no_tool_share": round(self.no_tool_by_source["near_miss"] / max(self.examples, 1), 4),
            "no_tool_by_source": dict(sorted(self.no_tool_by_source.items())),
            "no_tool_by_domain": dict(sorted(self.no_tool_by_domain.items())),
            "templates_used": len(self.template_uses),
            "top_templates": dict(self.template_uses.most_common(15)),
            "verb_typos": self.verb_typos,
            "duplicates": self.duplicates,
            "conflicting": self.conflicting,
            "per_category": dict(sorted(self.per_category.items())),
            "per_tool": dict(sorted(self.per_tool.items())),
            "per_tool_single": dict(sorted(self.per_tool_single.items())),
            "templates_per_tool": dict(sorted(self.templates.items())),
            "token_length": self.token_percentiles,
            "token_note": self.token_note,
        }


def no_tool_source(template: str) -> tuple[str, str]:
    """(source, domain) of a `[]` example from its template id."""
    head, _, rest = template.partition("/")
    if head.startswith("oos."):
        return "out_of_scope", "oos:" + head[4:]
    if head.startswith("clinc."):
        return "clinc", "clinc:" + rest.split(".", 1)[0]
    if head.startswith("near."):
        return "near_miss", "near:" + head[5:]
    return "small_talk", "small_talk"


def _typo_pattern() -> re.Pattern:
    from kayas.data.augment import VERB_TYPOS

    words = sorted({t for ts in VERB_TYPOS.values() for t in ts if len(t) > 2 and t != "cal"}, key=len, reverse=True)  # `cal` is a command
    return re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, words)) + r")(?![\w'])", re.I)


def _percentiles(values: list[int]) -> dict[str, int]:
    values = sorted(values)
    if not values:
        return {}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {"p50": pick(0.5), "p90": pick(0.9), "p99": pick(0.99), "max": values[-1]}


def token_lengths(rows: list[Example], tokenizer: str | None) -> tuple[list[int], str]:
    """Tokens per whole chat example with the base model's tokenizer, or a word estimate."""
    if tokenizer != "none":
        try:
            from kayas.models import load_tokenizer, resolve

            tok = load_tokenizer(resolve(tokenizer))
            texts = [tok.apply_chat_template(r.messages, tokenize=False) for r in rows]
            ids = tok(texts, add_special_tokens=False)["input_ids"]
            return [len(x) for x in ids], f"tokens of the chat template, tokenizer {tokenizer or 'smollm2'}"
        except KayasError as exc:
            note = f"whitespace estimate ({exc})"
    else:
        note = "whitespace estimate (--tokenizer none)"
    return [sum(len(m["content"].split()) for m in r.messages) for r in rows], note


def compute(path: Path, tokenizer: str | None = None) -> Stats:
    if not path.is_file():
        raise KayasError(f"no such data file: {path}")
    rows = read_examples(path, allow_empty=True)
    st = Stats(examples=len(rows))
    typo = _typo_pattern()
    seen: dict[str, str] = {}
    templates: dict[str, set] = {}
    for row in rows:
        try:
            plan = loads_json(row.plan)
            tools = [c["tool"] for c in plan]
        except (KeyError, TypeError, StopIteration, InputError):
            raise KayasError(f"{path}:{row.line}: not a chat example (system, user, assistant with a JSON plan)") from None
        key = row.command
        if key in seen:
            st.duplicates += 1
            st.conflicting += seen[key] != row.plan
        seen[key] = row.plan
        st.per_category[row.category if row.category is not None else "?"] += 1
        for t in sorted(set(tools)):
            st.per_tool[t] += 1
        if len(tools) == 1:
            st.per_tool_single[tools[0]] += 1
            templates.setdefault(tools[0], set()).add(row.template)
        st.multi += len(tools) > 1
        st.no_tool += not tools
        template = row.template
        st.template_uses[template] += bool(template)
        if not tools:
            source, domain = no_tool_source(template)
            st.no_tool_by_source[source] += 1
            st.no_tool_by_domain[domain] += 1
        st.verb_typos += bool(typo.search(row.command))
    st.templates = Counter({t: len(ids) for t, ids in templates.items()})
    lengths, st.token_note = token_lengths(rows, tokenizer)
    st.token_percentiles = _percentiles(lengths)
    return st


def render_text(st: Stats) -> str:
    d = st.as_dict()
    lines = [
        f"examples        {d['examples']}",
        f"multi-step      {st.multi} ({d['multi_step_share']:.1%})",
        f"no-tool         {st.no_tool} ({d['no_tool_share']:.1%}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(st.no_tool_by_source.items())),
        f"out of scope    {st.out_of_scope} ({d['out_of_scope_share']:.1%}; templates and CLINC150), "
        f"near-misses with [] {st.no_tool_by_source['near_miss']} ({d['near_miss_no_tool_share']:.1%})",
        f"verb typos      {st.verb_typos} commands",
        f"duplicates      {st.duplicates} (conflicting plans: {st.conflicting})",
        "token length    " + " ".join(f"{k}={v}" for k, v in st.token_percentiles.items()) + f"  [{st.token_note}]",
        "",
        "category        examples",
    ]
    lines += [f"  {c:<22}{n}" for c, n in sorted(st.per_category.items())]
    if st.no_tool_by_domain:
        lines += ["", "no-tool by domain"]
        lines += [f"  {c:<34}{n}" for c, n in sorted(st.no_tool_by_domain.items())]
    lines += ["", f"templates used  {len(st.template_uses)}; most used:"]
    lines += [f"  {t:<40}{n}" for t, n in st.template_uses.most_common(15)]
    lines += ["", f"{'tool':<30}{'with tool':>10}{'single':>8}{'templates':>11}"]
    for t in sorted(st.per_tool):
        lines.append(f"  {t:<28}{st.per_tool[t]:>10}{st.per_tool_single[t]:>8}{st.templates[t]:>11}")
    return "\n".join(lines)
