"""What is out of scope depends on the tools: a user's tool takes its domain's requests over.

A no-tool TemplateSet names its domain in `covers` ("weather", "alarm", ...). When a tool
registered from outside Kayas says one of those words in its name or description, the
set is left out (its `[]` would contradict the tool's own examples), and so are the
CLINC150 intents whose name holds one of the words.
"""
from __future__ import annotations

import re

from kayas.data.spec import TemplateSet
from kayas.registry import Registry


def _user_tool_text(registry: Registry) -> str:
    parts = []
    for t in registry:
        if not t.func.__module__.startswith("kayas."):
            parts.append(re.sub(r"[._]", " ", t.name) + " " + t.description)
    return " ".join(parts).lower()


def _says(text: str, word: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(word.lower()) + r"s?(?![\w-])", text) is not None


def taken_over(sets: list[TemplateSet], registry: Registry) -> list[TemplateSet]:
    """The no-tool sets that a user's tool takes over."""
    text = _user_tool_text(registry)
    if not text:
        return []
    return [s for s in sets if not s.tool and any(_says(text, w) for w in s.covers)]


def dropped_intents(intents: list[str], dropped: list[TemplateSet]) -> set[str]:
    """CLINC150 intents named by a word of a dropped set (`weather`, `alarm`, `calendar_update`)."""
    words = {w.lower() for s in dropped for w in s.covers}
    return {i for i in intents if words & set(i.lower().split("_"))}
