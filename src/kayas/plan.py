"""Plans: the typed form of the brain's answer, and the one parser from raw text to it."""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, PrivateAttr, ValidationError

from kayas.errors import KayasError
from kayas.registry import Registry, default_registry
from kayas.safe_input import InputError, check_value, loads_json


class PlanError(KayasError):
    """The model's (or the user's) plan text is not a valid plan."""


class Call(BaseModel):
    """One tool call: a registered tool name and its validated arguments (defaults filled)."""

    tool: str
    args: dict[str, Any]
    _checked_by: Registry | None = PrivateAttr(default=None)  # the registry that validated it (validated once)

    def __eq__(self, other: object) -> bool:  # the call itself, not who validated it
        return isinstance(other, Call) and (self.tool, self.args) == (other.tool, other.args)

    __hash__ = None  # type: ignore[assignment]  # a call holds a dict: not hashable, as before

    def valid_for(self, registry: Registry) -> bool:
        """Whether `validate_call` already checked this call against ``registry``."""
        return self._checked_by is registry

    def as_json(self) -> dict[str, Any]:
        return {"tool": self.tool, "args": self.args}


def dumps_plan(calls: list[Call] | list[dict[str, Any]]) -> str:
    """The canonical compact text of a plan, as the training data and the grammar write it."""
    items = [c.as_json() if isinstance(c, Call) else c for c in calls]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _q(text: str) -> str:
    """Text as it may appear inside a one-line message: control characters escaped."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _first_error(tool_name: str, exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = _q(".".join(str(p) for p in err["loc"])) or "args"
    kind = err["type"]
    if kind == "missing":
        return f"{tool_name}: missing argument '{where}'"
    if kind == "extra_forbidden":
        return f"{tool_name}: unexpected argument '{where}'"
    return f"{tool_name}: argument '{where}': {_q(err['msg'])}"


# References: an argument may be `{"$ref": N}`, the text of call N of the same plan (kayas.registry.TextOut),
# filled in by the router just before the call runs. Only free-text arguments take one: a command
# line, a program, an address or a file name is never made of another call's output.
REF = "$ref"
TEXT_ARGUMENTS = ("content", "text", "body")


def is_ref(value: Any) -> bool:
    """Whether an argument is a reference (`{"$ref": N}`), well formed or not."""
    return isinstance(value, dict) and REF in value


def refs_of(call: Call | dict[str, Any]) -> dict[str, int]:
    """The call's references: argument name -> the index of the call it takes its text from."""
    args = call.args if isinstance(call, Call) else call.get("args", {})
    return {k: v[REF] for k, v in args.items() if is_ref(v)}


def _check_ref(name: str, arg: str, value: Any, index: int, earlier: list[Call], registry: Registry) -> int:
    """The index a reference points to; PlanError unless it names an earlier call whose tool gives text."""
    if set(value) != {REF} or type(value[REF]) is not int:
        raise PlanError(f'call {index}: {name}: argument \'{_q(arg)}\': a reference is {{"$ref": N}}, N a call\'s index')
    target = value[REF]
    if arg not in TEXT_ARGUMENTS:
        raise PlanError(f"call {index}: {name}: argument '{_q(arg)}' takes no reference (only {', '.join(TEXT_ARGUMENTS)} do)")
    if not 0 <= target < index:
        raise PlanError(f"call {index}: {name}: argument '{_q(arg)}' refers to call {target}: only an earlier call's result can be used")
    source = earlier[target].tool if target < len(earlier) else None
    if source is None or registry.get(source).text is None:
        raise PlanError(f"call {index}: {name}: argument '{_q(arg)}' refers to call {target} ({source}), which returns no text")
    return target


def validate_call(item: Any, index: int, registry: Registry, earlier: list[Call] | None = None) -> Call:
    """One call checked against its tool; ``earlier`` (the plan's calls before it) is what its
    references may point to."""
    if not isinstance(item, dict):
        raise PlanError(f"call {index}: expected an object with 'tool' and 'args', got {type(item).__name__}")
    extra = set(item) - {"tool", "args"}
    if extra:
        raise PlanError(f"call {index}: unexpected key '{_q(sorted(extra)[0])}' (a call has only 'tool' and 'args')")
    name = item.get("tool")
    if not isinstance(name, str):
        raise PlanError(f"call {index}: 'tool' must be a tool name string")
    if name not in registry:
        suggestion = registry.suggest(name)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        raise PlanError(f"call {index}: unknown tool '{_q(name)}'{hint}")
    args = item.get("args", {})
    if not isinstance(args, dict):
        raise PlanError(f"call {index}: 'args' of {name} must be an object")
    tool = registry.get(name)
    refs = {k: v for k, v in args.items() if is_ref(v)}
    for arg, value in refs.items():
        _check_ref(name, arg, value, index, earlier or [], registry)
    try:  # a reference stands for text: checked as a string, kept as the reference
        checked = tool.validate({**args, **{k: "" for k in refs}})
        call = Call(tool=name, args={k: (dict(refs[k]) if k in refs else v) for k, v in checked.items()})
    except ValidationError as exc:
        raise PlanError(f"call {index}: {_first_error(name, exc)}") from None
    call._checked_by = registry
    return call


def parse_plan(text: str | list | Any, registry: Registry | None = None) -> list[Call]:
    """Turn raw text (or already-decoded JSON) into validated calls; PlanError names the problem."""
    registry = registry or default_registry()
    if isinstance(text, (str, bytes)):
        if not text.strip():
            raise PlanError("empty plan: expected a JSON list of calls")
    try:  # text through the one reader of untrusted JSON; decoded data gets the same checks
        data = loads_json(text) if isinstance(text, (str, bytes)) else check_value(text)
    except InputError as exc:
        raise PlanError(str(exc)) from None
    if isinstance(data, dict) and "tool" in data:
        data = [data]  # one bare call is accepted as a plan of one
    if not isinstance(data, list):
        raise PlanError(f"a plan is a JSON list of calls, got {type(data).__name__}")
    calls: list[Call] = []
    for i, item in enumerate(data):
        calls.append(validate_call(item, i, registry, calls))
    return calls
