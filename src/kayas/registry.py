"""Tools as plain typed functions; schemas derived from the code, never written twice.

A tool is a function decorated with ``@tool``. Its name is ``<category>.<function>``
(category = the last part of its module's name unless given), its argument model is
built by pydantic from the type hints and defaults, and each argument's description
comes from the docstring's ``Args:`` section. Built-in tools and third-party tools are
both found through the ``kayas.tools`` entry point group: each entry point names a
module whose decorated functions are registered.
"""
from __future__ import annotations

import configparser
import difflib
import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, create_model

from kayas.errors import KayasError

ENTRY_POINT_GROUP = "kayas.tools"
_ARGS_HEADER = re.compile(r"^\s*(Args|Arguments|Parameters):\s*$")
_ARG_LINE = re.compile(r"^\s*(\w+)\s*(\([^)]*\))?\s*:\s*(.*)$")


class ToolDefinitionError(KayasError):
    """A tool is declared wrongly: a missing hint or description, or a duplicate name."""


class StrictArgs(BaseModel):
    """Base of every argument model: JSON types only, no extra keys, no coercion."""

    model_config = ConfigDict(extra="forbid", strict=True)


@dataclass(frozen=True)
class TextOut:
    """A tool's result as text for a later call (`{"$ref": N}`, see kayas.plan): ``get(result)``
    gives the text (a KayasError when there is none: "nothing is playing"), ``name`` says what
    it is in the plan's words, a format string over the call's arguments ("the output of `{command}`")."""

    get: Callable[[Any], str]
    name: str


@dataclass
class Tool:
    name: str
    description: str
    func: Callable[..., Any]
    args_model: type[BaseModel]
    destructive: bool = False
    arg_names: tuple[str, ...] = field(default_factory=tuple)
    read_only: bool = False  # changes nothing anywhere: a plan of such calls has no side effect
    # The outcome in words for a person: a format string over the arguments and ``result``
    # ("created {result[file]}"), or a function of (args, result); see kayas.assistant.words.
    summary: str | Callable[[dict[str, Any], Any], str] | None = None
    # Why this particular call must be confirmed even where the policy allows the tool (a program
    # not on the allow-list, a site not visited before), or None; see Policy.decide_call.
    asks: Callable[[dict[str, Any]], str | None] | None = None
    # The call in the user's terms, before it runs: a format string over the arguments
    # ("add '{content}' to {filename}") or a function of the arguments; see kayas.assistant.words.
    phrase: str | Callable[[dict[str, Any]], str] | None = None
    # What a later call of the same plan may take from a successful call (`{"$ref": N}`): its
    # text, and how the plan names it; None: the tool returns nothing a later call can use.
    text: TextOut | None = None

    @property
    def category(self) -> str:
        return self.name.split(".", 1)[0]

    def parameters_schema(self) -> dict[str, Any]:
        """The JSON schema of the arguments (what `kayas tools --json` prints)."""
        schema = self.args_model.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        return schema

    def validate(self, args: dict[str, Any]) -> dict[str, Any]:
        """Validated arguments with defaults filled, in signature order."""
        model = self.args_model.model_validate(args)
        return model.model_dump(mode="json")

    def __call__(self, **kwargs: Any) -> Any:
        return self.func(**kwargs)


def _docstring_parts(doc: str) -> tuple[str, dict[str, str]]:
    """Split a docstring into its summary and the descriptions of its ``Args:``."""
    lines = inspect.cleandoc(doc or "").splitlines()
    summary: list[str] = []
    args: dict[str, str] = {}
    in_args, current = False, None
    for line in lines:
        if _ARGS_HEADER.match(line):
            in_args = True
            continue
        if in_args:
            if not line.strip():
                current = None
                continue
            if re.match(r"^\S.*:\s*$", line):  # another section, e.g. Returns:
                in_args = False
                continue
            m = _ARG_LINE.match(line)
            if m and (current is None or len(line) - len(line.lstrip()) <= 4):
                current = m.group(1)
                args[current] = m.group(3).strip()
            elif current:
                args[current] = (args[current] + " " + line.strip()).strip()
        elif not args:
            summary.append(line)
    text = " ".join(s.strip() for s in summary if s.strip())
    return text, args


def build_tool(
    func: Callable[..., Any],
    name: str | None = None,
    destructive: bool = False,
    read_only: bool = False,
    summary: str | Callable[[dict[str, Any], Any], str] | None = None,
    asks: Callable[[dict[str, Any]], str | None] | None = None,
    phrase: str | Callable[[dict[str, Any]], str] | None = None,
    text: TextOut | None = None,
) -> Tool:
    """Derive a Tool from a typed, documented function; refuse what is missing."""
    category = (func.__module__ or "tools").rsplit(".", 1)[-1]
    tool_name = name or f"{category}.{func.__name__}"
    description, arg_docs = _docstring_parts(func.__doc__ or "")
    if not description:
        raise ToolDefinitionError(f"tool {tool_name}: the function needs a docstring describing it")
    hints = get_type_hints(func)
    fields: dict[str, Any] = {}
    for pname, param in inspect.signature(func).parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise ToolDefinitionError(f"tool {tool_name}: *args/**kwargs are not allowed ({pname})")
        if pname not in hints:
            raise ToolDefinitionError(f"tool {tool_name}: argument '{pname}' has no type hint")
        if pname not in arg_docs:
            raise ToolDefinitionError(
                f"tool {tool_name}: argument '{pname}' has no description in the docstring's Args: section"
            )
        from pydantic import Field

        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (hints[pname], Field(default, description=arg_docs[pname]))
    model_name = "".join(p.capitalize() for p in re.split(r"[._]", tool_name)) + "Args"
    args_model = create_model(model_name, __base__=StrictArgs, **fields)
    if destructive and read_only:
        raise ToolDefinitionError(f"tool {tool_name}: a tool cannot be both destructive and read-only")
    return Tool(tool_name, description, func, args_model, destructive, tuple(fields), read_only, summary, asks, phrase, text)


def tool(
    func: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    destructive: bool = False,
    read_only: bool = False,
    summary: str | Callable[[dict[str, Any], Any], str] | None = None,
    asks: Callable[[dict[str, Any]], str | None] | None = None,
    phrase: str | Callable[[dict[str, Any]], str] | None = None,
    text: TextOut | None = None,
):
    """Mark a function as a Kayas tool: ``@tool``, ``@tool(destructive=True)`` (asked about
    before it runs) or ``@tool(read_only=True)`` (only reads: safe to run on a guess).
    ``phrase`` says what a call will do, in the user's terms ("delete {filename}"), and
    ``summary`` what a successful call did (see kayas.assistant.words); ``asks(args)`` says why
    one call must be confirmed even where its tool is allowed; ``text`` (a `TextOut`) what a later
    call of the same plan may take from its result."""

    def mark(f: Callable[..., Any]) -> Callable[..., Any]:
        f.__kayas_tool__ = build_tool(f, name=name, destructive=destructive, read_only=read_only, summary=summary,  # type: ignore[attr-defined]
                                      asks=asks, phrase=phrase, text=text)
        return f

    return mark(func) if func is not None else mark


class Registry:
    """The tools the brain may call, by name."""

    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}

    def register(self, t: Tool | Callable[..., Any]) -> Tool:
        if not isinstance(t, Tool):
            t = getattr(t, "__kayas_tool__", None) or build_tool(t)
        if t.name in self._tools:
            raise ToolDefinitionError(f"duplicate tool name '{t.name}'")
        self._tools[t.name] = t
        return t

    def register_module(self, module: ModuleType | str) -> list[Tool]:
        if isinstance(module, str):
            module = importlib.import_module(module)
        found = [v.__kayas_tool__ for v in vars(module).values() if hasattr(v, "__kayas_tool__")]
        found = [t for t in found if t.func.__module__ == module.__name__]
        return [self.register(t) for t in found]

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            raise UnknownToolError(name, self.suggest(name)) from None

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, self._tools, n=1, cutoff=0.5)
        return close[0] if close else None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self):
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def names(self) -> list[str]:
        return list(self._tools)

    def describe(self) -> list[dict[str, Any]]:
        """What `kayas tools --json` prints."""
        return [
            {"name": t.name, "description": t.description, "parameters": t.parameters_schema()}
            for t in self
        ]


class UnknownToolError(KayasError):
    def __init__(self, name: str, suggestion: str | None):
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"unknown tool '{name}'{hint}")
        self.name = name
        self.suggestion = suggestion


BUILTIN_TOOLS_FILE = Path(__file__).with_name("builtin_tools.ini")


@lru_cache(maxsize=1)
def builtin_tool_modules() -> tuple[str, ...]:
    """The built-in tool modules in the contract's order: Kayas's own entry points (builtin_tools.ini)."""
    parser = configparser.ConfigParser()
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep names as written
    parser.read(BUILTIN_TOOLS_FILE, encoding="utf-8")
    return tuple(parser[ENTRY_POINT_GROUP].values())


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Every tool of every module in the ``kayas.tools`` entry point group, built-ins first."""
    registry = Registry()
    builtin = builtin_tool_modules()
    order = {mod: i for i, mod in enumerate(builtin)}  # the contract's order, then plugins by name
    eps = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (order.get(ep.value, len(order)), ep.name))
    if not any(ep.value in order for ep in eps):  # running from a source tree without install
        for mod in builtin:
            registry.register_module(mod)
    for ep in eps:
        try:
            module = ep.load()
        except Exception as exc:  # a broken plugin is named, not a traceback
            raise ToolDefinitionError(f"tool plugin '{ep.name}' ({ep.value}) failed to load: {exc}") from None
        registry.register_module(module)
    return registry
