"""How many plan tokens a command may cost: a budget that follows the command and the tools.

A plan is the tools' fixed text (brackets, keys, tool and action names, the contract's URL
prefixes) plus values copied from the command. So the budget is two of the longest call the
grammar allows with every value empty (`skeleton`, derived from the registry's plan schema),
plus the contract's longest fixed prefix, and then `per_token` plan tokens for each token of
the command (its words are copied, some twice: a file name and a message that names it; a
third call and more are paid for by the words that ask for them).
`DecodeConfig.max_new_tokens` stays the ceiling.

Measured on 20,924 labelled plans (the training set of the time and every set in
`tests/data`, the shipped brain's tokenizer): fixed = 82 tokens, and every plan is at least
19 tokens under its budget (the closest: a 147-token plan of three calls from a 42-token
command); with one empty call instead of two and 3 per token, one plan is 1 token under.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kayas.brain.draft import PHRASES

PER_TOKEN = 2.0  # plan tokens allowed per command token


def skeleton(schema: Any) -> Any:
    """The longest instance of a schema with every free value empty: "" for a string, 0, false,
    one item for a list, the longest branch of a union, the longest constant of an enum."""
    if not isinstance(schema, dict):
        return None
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return max(schema["enum"], key=lambda v: len(json.dumps(v)))
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return max((skeleton(b) for b in branches), key=lambda v: len(json.dumps(v)))
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        return {name: skeleton(prop) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [skeleton(schema.get("items", {}))]
    empty: dict[str, Any] = {"string": "", "integer": 0, "number": 0, "boolean": False}
    return empty.get(str(kind))


def _calls(schema: dict[str, Any]) -> list[Any]:
    """Every call schema of a plan schema: its items, or each branch's items and prefix items
    (kayas.brain.grammar.with_references makes the plan a union of plain and chained lists)."""
    calls = list(schema.get("items", {}).get("anyOf", []))
    for item in schema.get("prefixItems", []):
        calls += item.get("anyOf", [item])
    for branch in schema.get("anyOf", []):
        calls += _calls(branch)
    return calls


@dataclass(frozen=True)
class PlanBudget:
    """`tokens(n)`: the plan tokens a command of n tokens may cost."""

    fixed: int  # two of the longest empty call, in brackets, plus the longest fixed prefix

    @classmethod
    def for_schema(cls, plan_schema: dict[str, Any], count_tokens: Any) -> "PlanBudget":
        """From the grammar's plan schema; `count_tokens(bytes) -> int` is the brain's tokenizer."""
        calls = _calls(plan_schema)
        longest = max((json.dumps([skeleton(c)], separators=(",", ":")) for c in calls), key=len, default="[]")
        prefix = max((count_tokens(p) for p in PHRASES), default=0)
        return cls(2 * count_tokens(longest.encode("utf-8")) + prefix)

    def tokens(self, command_tokens: int, per_token: float = PER_TOKEN, ceiling: int = 256) -> int:
        return min(ceiling, self.fixed + int(per_token * command_tokens))
