"""The training-data file: JSONL, one chat example a line; the one reader and the one writer.

    {"messages": [{"role": "system", "content": SYSTEM_PROMPT},
                  {"role": "user", "content": "create a todo list"},
                  {"role": "assistant", "content": "[{\"tool\":...}]"}],
     "category": "filesystem", "explanation": "...", "template": "filesystem.create.3"}

`kayas data generate` writes it; `kayas train`, `kayas eval`, `kayas data stats` and
`kayas bench plan --data` read it. Only `messages` is required.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kayas.errors import KayasError
from kayas.plan import Call, parse_plan
from kayas.prompt import SYSTEM_PROMPT, said_of
from kayas.registry import Registry
from kayas.safe_input import InputError, as_text, loads_json

MAX_DATA_BYTES = 2 * 1024**3  # a whole data file; each line is held to safe_input's limits


class DataError(KayasError):
    """A data file cannot be read or has the wrong shape; the message names the file and line."""


@dataclass
class Example:
    """One chat example: the conversation, and what the generator knows about it."""

    messages: list[dict[str, str]]
    category: str | None = None  # a tool category, "multi_step" or "no_tool"; None when the file has none
    explanation: str = ""
    template: str = ""
    line: int = field(default=0, compare=False)  # where it was read (1-based), 0 when made in memory

    @classmethod
    def chat(cls, command: str, plan: str, category: str, template: str = "", explanation: str = "") -> "Example":
        """The usual three turns: the system prompt, the command, the plan."""
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": command},
            {"role": "assistant", "content": plan},
        ]
        return cls(messages, category, explanation, template)

    @property
    def command(self) -> str:
        """The user's words (the last user turn: a dialogue's earlier turns are its context)."""
        return next(m["content"] for m in reversed(self.messages) if m["role"] == "user")

    @property
    def plan(self) -> str:
        """The expected plan text (the last assistant turn)."""
        return next(m["content"] for m in reversed(self.messages) if m["role"] == "assistant")

    @property
    def said(self) -> str:
        """What the person said last, without the context the brain reads before it (a training
        row of a dialogue holds "Earlier: ... Now: COMMAND" in its user turn: kayas.prompt)."""
        return said_of(self.command)

    @property
    def context(self) -> list[tuple[str, str]]:
        """A dialogue's earlier turns, (command, plan text), oldest first; [] for one command.
        The brain reads them as `kayas.prompt.with_context` writes them."""
        talk = [m for m in self.messages if m["role"] in ("user", "assistant")][:-2]
        return [(a["content"], b["content"]) for a, b in zip(talk[::2], talk[1::2])
                if a["role"] == "user" and b["role"] == "assistant"]

    def calls(self, registry: Registry | None = None) -> list[Call]:
        """The expected plan as validated calls (defaults filled); PlanError when it is not a plan."""
        return parse_plan(self.plan, registry)

    def record(self) -> dict[str, Any]:
        """The JSON object of one line."""
        return {"messages": self.messages, "category": self.category, "explanation": self.explanation, "template": self.template}


def _example(row: Any, where: str, line: int) -> Example:
    messages = row.get("messages") if isinstance(row, dict) else None
    if not isinstance(messages, list) or not messages or not all(
        isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content"), str) for m in messages
    ):
        raise DataError(f"{where}: expected {{\"messages\": [{{\"role\": ..., \"content\": ...}}, ...]}}")
    roles = {m["role"] for m in messages}
    if "assistant" not in roles:
        raise DataError(f"{where}: no assistant message to learn from")
    if "user" not in roles:
        raise DataError(f"{where}: no user message (the command)")
    category = row.get("category")
    return Example(
        messages, None if category is None else str(category), str(row.get("explanation") or ""), str(row.get("template") or ""), line
    )


def read_examples(path: str | Path, allow_empty: bool = False) -> list[Example]:
    """Every example of a JSONL file; a DataError names the file and line of any bad one."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise DataError(f"data file not found: {path}")
    try:
        text = as_text(file.read_bytes(), str(path), max_bytes=MAX_DATA_BYTES)
    except OSError as exc:
        raise DataError(f"{path}: cannot read it ({exc.strerror})") from None
    except InputError as exc:
        raise DataError(str(exc)) from None
    examples = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = loads_json(line)  # depth, number and size limits: a bad line is one message, never a traceback
        except InputError as exc:
            raise DataError(f"{path}:{n}: {exc}") from None
        examples.append(_example(row, f"{path}:{n}", n))
    if not examples and not allow_empty:
        raise DataError(f"data file is empty: {path}")
    return examples


def write_examples(path: str | Path, examples: Iterable[Example]) -> None:
    """One JSON object a line, UTF-8, non-ASCII kept as it is."""
    with Path(path).open("w", encoding="utf-8") as f:
        for ex in examples:
            f.write(json.dumps(ex.record(), ensure_ascii=False) + "\n")
