"""Plans and outcomes in words, for a person: what was understood, what became of each call.

Built from the registry alone (a tool's description and its arguments), so a user's own
tool reads as well as a built-in one, and no front end writes its own sentences.
"""
from __future__ import annotations

import json
import re
from typing import Any

from kayas.assistant.router import CallResult
from kayas.plan import Call
from kayas.registry import Registry

_MAX_VALUE = 60  # characters of one argument's value in a sentence


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _action(tool_name: str, registry: Registry) -> str:
    """The tool's description up to its first clause, lowercased: 'create a file in the workspace'."""
    if tool_name not in registry:
        return tool_name
    text = registry.get(tool_name).description
    first = re.split(r"[.;:(]| - ", text, maxsplit=1)[0].strip().rstrip(",")
    return (first[:1].lower() + first[1:]) if first else tool_name


def describe_call(call: Call, registry: Registry) -> str:
    """One call: "create a file in the workspace (filename 'todo.txt', content 'buy milk')"."""
    shown = [f"{k} '{_value(v)}'" for k, v in call.args.items() if v not in ("", None, [], {}, False)]
    return _action(call.tool, registry) + (f" ({', '.join(shown)})" if shown else "")


def describe_plan(calls: list[Call], registry: Registry) -> str:
    """A whole plan as one sentence without its full stop; "" for an empty plan."""
    return ", then ".join(describe_call(c, registry) for c in calls)


def summarize(result: CallResult, call: Call, registry: Registry) -> str:
    """What became of one call, in words: "create a file in the workspace (filename 'a.txt'): done"."""
    what = describe_call(call, registry)
    outcome = {
        "ok": "done",
        "dry-run": "not run (dry run)",
        "skipped": "skipped, an earlier call did not succeed",
        "refused": f"refused, {result.error}",
        "failed": f"failed, {result.error}",
    }[result.status]
    return f"{what}: {outcome}"


def sentence(text: str) -> str:
    """Capitalised, with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
