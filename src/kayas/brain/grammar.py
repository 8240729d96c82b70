"""The plan grammar: one JSON schema derived from the registry, compiled once for llguidance.

Every call is `{"tool":NAME,"args":{...}}` with every argument present (defaults too) in
signature order, compact separators and no free whitespace: exactly the text that
`kayas.plan.dumps_plan` writes and the training data holds. Anything the grammar allows
parses and validates, so the model can only choose *which* valid plan, never break one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kayas.errors import KayasError
from kayas.registry import Registry, default_registry

# Schema keywords that only document; the grammar needs none of them.
_DOC_KEYS = {"title", "description", "default", "examples", "discriminator"}
COMPACT = {"item_separator": ",", "key_separator": ":", "whitespace_flexible": False}


class GrammarError(KayasError):
    """The registry's schemas cannot be turned into a plan grammar."""


def _strict(node: Any, defs: dict[str, Any]) -> Any:
    """Inline $refs, drop documentation, require every property in its declared order."""
    if isinstance(node, list):
        return [_strict(n, defs) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name not in defs:
            raise GrammarError(f"schema reference {node['$ref']} is not defined")
        return _strict(defs[name], defs)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DOC_KEYS or key == "$defs":
            continue
        if key == "oneOf":  # a discriminated union: its branches never overlap, anyOf is the same
            key = "anyOf"
        if key == "properties":
            out[key] = {name: _strict(prop, defs) for name, prop in value.items()}
        else:
            out[key] = _strict(value, defs)
    if out.get("type") == "object" or "properties" in out:
        props = out.setdefault("properties", {})
        out["type"] = "object"
        out["required"] = list(props)  # defaults are written out too: one canonical text per plan
        out["additionalProperties"] = False
    return out


def plan_schema(registry: Registry | None = None) -> dict[str, Any]:
    """A JSON schema whose instances are exactly the canonical plans of the registry's tools."""
    registry = registry or default_registry()
    calls = []
    for tool in registry:
        params = tool.parameters_schema()
        args = _strict(params, params.get("$defs", {}))
        calls.append(
            {
                "type": "object",
                "properties": {"tool": {"const": tool.name}, "args": args},
                "required": ["tool", "args"],
                "additionalProperties": False,
            }
        )
    return {"type": "array", "items": {"anyOf": calls}, "x-guidance": dict(COMPACT)}


def with_references(schema: dict[str, Any], registry: Registry | None = None) -> dict[str, Any]:
    """The plan schema, or a plan whose first call gives text (a tool with `TextOut`) and whose
    later calls may take that text in a free-text argument: `{"$ref":0}` (see kayas.plan). The
    validator takes a reference to any earlier call that gives text; the grammar offers call 0's,
    the one every chained request needs ("paste the clipboard into notes.txt")."""
    from copy import deepcopy

    from kayas.plan import REF, TEXT_ARGUMENTS

    registry = registry or default_registry()
    calls = schema["items"]["anyOf"]
    first = [c for c in calls if registry.get(c["properties"]["tool"]["const"]).text is not None]
    ref = {"type": "object", "properties": {REF: {"const": 0}}, "required": [REF], "additionalProperties": False}
    later = []
    for call in calls:
        taking = deepcopy(call)
        props = taking["properties"]["args"].get("properties", {})
        for name in TEXT_ARGUMENTS:
            if props.get(name, {}).get("type") == "string":
                props[name] = {"anyOf": [props[name], ref]}
        later.append(taking)
    plain = {k: v for k, v in schema.items() if k != "x-guidance"}
    chained = {"type": "array", "prefixItems": [{"anyOf": first}], "items": {"anyOf": later}, "minItems": 2}
    out: dict[str, Any] = {"anyOf": [plain, chained]}
    if "x-guidance" in schema:
        out["x-guidance"] = schema["x-guidance"]
    return out


@dataclass
class PlanGrammar:
    """The compiled grammar bound to one tokenizer; `matcher()` hands out fresh parsers."""

    tokenizer: Any  # llguidance.LLTokenizer
    grammar: str
    schema: dict[str, Any]

    @classmethod
    def build(cls, tokenizer: Any, registry: Registry | None = None) -> "PlanGrammar":
        """Compile the registry's plan grammar for an llguidance tokenizer
        (`kayas.brain.tokenizer.ChatTokenizer.lltokenizer`)."""
        import llguidance

        schema = with_references(plan_schema(registry), registry)
        grammar = llguidance.LLMatcher.grammar_from_json_schema(json.dumps(schema))
        is_error, messages = llguidance.LLMatcher.validate_grammar_with_warnings(grammar, tokenizer)
        if is_error:
            raise GrammarError(f"the plan grammar does not compile: {messages[0]}")
        return cls(tokenizer, grammar, schema)

    def matcher(self):
        import llguidance

        m = llguidance.LLMatcher(self.tokenizer, self.grammar, log_level=0)
        if m.is_error():
            raise GrammarError(f"the plan grammar does not compile: {m.get_error()}")
        return m
