"""The one reader of untrusted JSON and TOML: plans, data lines, eval files, config.toml.

Python's parsers take inputs that later crash (a RecursionError at a few thousand nested
lists, a ValueError on an integer of 5,000 digits, `NaN`, a lone surrogate that cannot be
printed, a NUL byte that no file name may hold) or take a long time over a huge file. Every
front end reads through here instead, so each of these is one `InputError` line (exit 2):

- more than ``max_bytes`` (default 4 MiB), checked before anything is decoded;
- bytes that are not UTF-8, or text with a lone surrogate (what Python makes of such bytes
  on the command line);
- a NUL character, raw or escaped as ``\\u0000``;
- nesting deeper than ``MAX_DEPTH`` (checked before the parser recurses);
- an integer beyond 64 bits, a float that overflows, `NaN` or `Infinity`.
"""
from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from kayas.errors import KayasError

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT = 2**63 - 1

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)  # a JSON string (also TOML's basic string)
_TOML_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')
_BRACKETS = re.compile(r"[\[{]+|[\]}]+")


class InputError(KayasError):
    """Input that Kayas will not read; the message says what is wrong, in one line."""


def _where(what: str) -> str:
    return f"{what}: " if what else ""


def as_text(data: str | bytes, what: str = "", max_bytes: int = MAX_BYTES) -> str:
    """Checked text from bytes or str: size, UTF-8 (no lone surrogates) and no NUL."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:  # sys.argv and stdin decode bad bytes to lone surrogates
            raise InputError(f"{_where(what)}not UTF-8 text (a bad byte at character {exc.start})") from None
    if len(data) > max_bytes:
        raise InputError(f"{_where(what)}too large: over {max_bytes:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{_where(what)}not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{_where(what)}holds a NUL character (at character {text.index(chr(0))})")
    return text


def _depth_of(skeleton: str) -> int:
    """The deepest nesting of brackets in text whose strings are already removed."""
    depth = deepest = 0
    for run in _BRACKETS.finditer(skeleton):
        step = len(run.group())
        depth += step if run.group()[0] in "[{" else -step
        deepest = max(deepest, depth)
    return deepest


def _check_depth(text: str, strings: re.Pattern, what: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot be too deep: skip the scan
    if _depth_of(strings.sub("", text)) > MAX_DEPTH:
        raise InputError(f"{_where(what)}nested too deeply (more than {MAX_DEPTH} levels)")


def check_value(value: Any, what: str = "") -> Any:
    """``value`` itself, once a walk (iterative: any depth) found none of what the parsers let through."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{_where(what)}nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(item, dict):
            stack.extend((k, depth) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if "\x00" in item:
                raise InputError(f"{_where(what)}holds a NUL character in a string")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(f"{_where(what)}holds a lone surrogate (\\ud800-\\udfff) in a string") from None
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int) and abs(item) > MAX_INT:
            raise InputError(f"{_where(what)}a number too large: more than 64 bits")
        elif isinstance(item, float) and (item != item or item in (float("inf"), float("-inf"))):
            raise InputError(f"{_where(what)}a number out of range ({item})")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 19:
        raise InputError("a number too large: more than 64 bits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise InputError(f"a number out of range ({text[:20]})")
    return value


def _constant(name: str) -> Any:
    raise InputError(f"{name} is not JSON")


def loads_json(data: str | bytes, what: str = "", max_bytes: int = MAX_BYTES) -> Any:
    """Parse one JSON document under the limits above; InputError (one line) if it breaks one."""
    text = as_text(data, what, max_bytes)
    _check_depth(text, _STRING, what)
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except InputError as exc:
        raise InputError(f"{_where(what)}{exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{_where(what)}not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # the scan above should have caught it; never a traceback all the same
        raise InputError(f"{_where(what)}nested too deeply") from None
    return check_value(value, what)


def loads_toml(data: str | bytes, what: str = "", max_bytes: int = 1024 * 1024) -> dict[str, Any]:
    """Parse a TOML document under the same limits; InputError (one line) if it breaks one."""
    text = as_text(data, what, max_bytes)
    _check_depth(text, _TOML_STRINGS, what)
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{_where(what)}not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"{_where(what)}nested too deeply") from None
    except ValueError:  # an integer of thousands of digits: past Python's int() limit
        raise InputError(f"{_where(what)}a number too large: more than 64 bits") from None
    return check_value(value, what)
