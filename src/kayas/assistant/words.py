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
from kayas.plan import Call, refs_of
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


def ref_words(target: int, plan: list[Call] | None, registry: Registry) -> str:
    """What a reference stands for, in words: "the clipboard's text", "the output of `git status`"."""
    source = plan[target] if plan is not None and 0 <= target < len(plan) else None
    text_out = registry.get(source.tool).text if source is not None and source.tool in registry else None
    if source is None or text_out is None:
        return f"the result of step {target + 1}"
    try:
        return text_out.name.format_map({k: _value(v) for k, v in source.args.items()})
    except Exception:  # a name that does not fit these arguments: still a true sentence
        return f"the result of step {target + 1}"


def _own_phrase(call: Call, registry: Registry, plan: list[Call] | None = None) -> str | None:
    """The tool's own words for this call (its ``phrase``), or None; a reference is said by what
    it stands for ("add the clipboard's text to notes.txt")."""
    if call.tool not in registry:
        return None
    spec = registry.get(call.tool).phrase
    if spec is None:
        return None
    refs = refs_of(call)
    marks = {arg: f"\x00{n}\x00" for n, arg in enumerate(refs)}
    args = {**call.args, **marks}
    try:
        text = " ".join(spec(args).split()) if callable(spec) else spec.format_map({k: _value(v) for k, v in args.items()})
    except Exception:  # a phrase that does not fit these arguments must not hide the call itself
        return None
    for arg, mark in marks.items():
        words = ref_words(refs[arg], plan, registry)
        text = text.replace(f"'{mark}'", words).replace(mark, words)
    return text


def describe_call(call: Call, registry: Registry, plan: list[Call] | None = None) -> str:
    """One call in the user's terms: "add 'buy milk' to todo.txt" (the tool's ``phrase``).

    A tool without a phrase (a plugin's) is said by its description and its arguments:
    "create a file in the workspace (filename 'todo.txt', content 'buy milk')"."""
    own = _own_phrase(call, registry, plan)
    if own:
        return printable(own)  # the arguments are the plan's: a file name may carry escape codes
    refs = refs_of(call)
    shown = [f"{k} " + (ref_words(refs[k], plan, registry) if k in refs else f"'{_value(v)}'")
             for k, v in call.args.items() if v not in ("", None, [], {}, False)]
    return printable(_action(call.tool, registry) + (f" ({', '.join(shown)})" if shown else ""))


def describe_plan(calls: list[Call], registry: Registry) -> str:
    """A whole plan as one sentence without its full stop; "" for an empty plan."""
    return ", then ".join(describe_call(c, registry, calls) for c in calls)


# ------------------------------------------------------------ the questions a turn asks

def did_you_mean(understood: str) -> str:
    """The question for a plan the brain is unsure of."""
    return f"Not sure I understood. Did you mean: {understood or 'nothing'}?"


def ask_call(call: Call, registry: Registry, plan: list[Call] | None = None) -> str:
    """The question before a call that needs a yes: "Delete todo.txt?" (``plan``: the calls a
    reference may name, "Post the text of notes.txt to #team on Slack?")."""
    return sentence(describe_call(call, registry, plan)).rstrip(".") + "?"


def help_text() -> str:
    """The answer to "help" or "what can you do", in any front end."""
    return ("Say what you want done, in your words: create a todo list, play some jazz, email kim the notes. "
            "After a command, \"delete it\" or \"again\" refer to it; \"undo that\" takes back the last change.")


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


def summarize(result: CallResult, call: Call, registry: Registry, plan: list[Call] | None = None) -> str:
    """What became of one call, in words: "created todo.txt (8 bytes)".

    A successful call is told by its tool's ``summary``; the first line is the sentence, any
    further lines are what the call read (command output, a list), given whole.
    """
    if result.status == "ok" and not refs_of(call) and (own := _own_summary(result, registry)):
        return printable(own)
    what = describe_call(call, registry, plan)
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
