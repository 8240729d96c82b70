"""Plans and outcomes in words, for a person: what was understood, what became of each call.

Built from the registry alone (a tool's ``phrase`` before it runs and its ``summary`` after;
a tool without them by its description and arguments), so a user's own tool reads as well as a
built-in one. Every question a turn asks is built here, once: no front end writes its own.
"""
from __future__ import annotations

import json
import re
from typing import Any

from kayas.assistant.router import CallResult
from kayas.backends.printable import printable
from kayas.plan import Call
from kayas.registry import Registry


def _value(value: Any) -> str:
    """An argument's value on one line, whole: text as it is, anything else as JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return " ".join(text.split())


def _action(tool_name: str, registry: Registry) -> str:
    """The tool's description up to its first clause, lowercased: 'create a file in the workspace'."""
    if tool_name not in registry:
        return tool_name
    text = registry.get(tool_name).description
    first = re.split(r"[.;:(]| - ", text, maxsplit=1)[0].strip().rstrip(",")
    if not first:
        return tool_name
    return first if first[1:2].isupper() else first[:1].lower() + first[1:]  # "CPU, memory ..." keeps its capitals


def _own_phrase(call: Call, registry: Registry) -> str | None:
    """The tool's own words for this call (its ``phrase``), or None."""
    if call.tool not in registry:
        return None
    spec = registry.get(call.tool).phrase
    if spec is None:
        return None
    try:
        if callable(spec):
            return " ".join(spec(call.args).split())
        return spec.format_map({k: _value(v) for k, v in call.args.items()})
    except Exception:  # a phrase that does not fit these arguments must not hide the call itself
        return None


def describe_call(call: Call, registry: Registry) -> str:
    """One call in the user's terms: "add 'buy milk' to todo.txt" (the tool's ``phrase``).

    A tool without a phrase (a plugin's) is said by its description and its arguments:
    "create a file in the workspace (filename 'todo.txt', content 'buy milk')"."""
    own = _own_phrase(call, registry)
    if own:
        return printable(own)  # the arguments are the plan's: a file name may carry escape codes
    shown = [f"{k} '{_value(v)}'" for k, v in call.args.items() if v not in ("", None, [], {}, False)]
    return printable(_action(call.tool, registry) + (f" ({', '.join(shown)})" if shown else ""))


def describe_plan(calls: list[Call], registry: Registry) -> str:
    """A whole plan as one sentence without its full stop; "" for an empty plan."""
    return ", then ".join(describe_call(c, registry) for c in calls)


# ------------------------------------------------------------ the questions a turn asks

def did_you_mean(understood: str) -> str:
    """The question for a plan the brain is unsure of."""
    return f"Not sure I understood. Did you mean: {understood or 'nothing'}?"


def ask_call(call: Call, registry: Registry) -> str:
    """The question before a call that needs a yes: "Delete todo.txt?"."""
    return sentence(describe_call(call, registry)).rstrip(".") + "?"


def nothing_done() -> str:
    """The reply when a person said no."""
    return "OK, I did nothing."


def _own_summary(result: CallResult, registry: Registry) -> str | None:
    """The tool's own words for a successful call (its ``summary``), or None."""
    if result.tool not in registry:
        return None
    spec = registry.get(result.tool).summary
    if spec is None:
        return None
    try:
        if callable(spec):
            return spec(result.args, result.result)
        return spec.format(**result.args, result=result.result)
    except Exception:  # a summary that does not fit this result must not hide the result itself
        return None


def summarize(result: CallResult, call: Call, registry: Registry) -> str:
    """What became of one call, in words: "created todo.txt (8 bytes)".

    A successful call is told by its tool's ``summary``; the first line is the sentence, any
    further lines are what the call read (command output, a list), given whole.
    """
    if result.status == "ok" and (own := _own_summary(result, registry)):
        return printable(own)
    what = describe_call(call, registry)
    outcome = {
        "ok": "done",
        "dry-run": "not run (dry run)",
        "skipped": "skipped, an earlier call did not succeed",
        "refused": f"refused, {result.error}",
        "failed": f"failed, {result.error}",
    }[result.status]
    return printable(f"{what}: {outcome}")


def render(value: Any, indent: int = 0) -> str:
    """A tool's whole result for a person (``--verbose``): keys and values, nested by indent,
    text of several lines as a block; nothing is cut."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}"
        return printable("\n".join(_item(pad, f"{k}:", v, indent) for k, v in value.items()))
    if isinstance(value, list):
        if not value:
            return pad + "[]"
        return printable("\n".join(_item(pad, "-", v, indent) for v in value))
    return printable(pad + _scalar(value))


def _item(pad: str, label: str, value: Any, indent: int) -> str:
    if isinstance(value, (dict, list)) and value:
        return f"{pad}{label}\n{render(value, indent + 1)}"
    if isinstance(value, str) and "\n" in value.rstrip("\n"):
        block = "\n".join(f"{pad}  {line}" for line in value.rstrip("\n").splitlines())
        return f"{pad}{label} |\n{block}"
    return f"{pad}{label} {render(value).strip() if isinstance(value, (dict, list)) else _scalar(value)}"


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def sentence(text: str) -> str:
    """Capitalised, with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = printable(text[:1].upper() + text[1:])
    return text if text.endswith((".", "?", "!")) else text + "."
