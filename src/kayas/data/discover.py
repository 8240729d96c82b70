"""Where templates come from: the built-ins, and every tool module that has EXAMPLES.

A user's tool module (a `kayas.tools` entry point) adds its phrasings next to the tool
with a module-level ``EXAMPLES`` (one TemplateSet or a list of them); a `kayas.data`
entry point naming a module with ``EXAMPLES`` works too. Built-in tools keep theirs in
`kayas.data.templates`.
"""
from __future__ import annotations

import sys
from importlib import import_module
from importlib.metadata import entry_points

from kayas.data.spec import TemplateError, TemplateSet
from kayas.data.templates import builtin_sets
from kayas.registry import Registry

ENTRY_POINT_GROUP = "kayas.data"


def _sets_of(module_name: str) -> list[TemplateSet]:
    module = sys.modules.get(module_name) or import_module(module_name)
    found = getattr(module, "EXAMPLES", None)
    if found is None:
        return []
    items = found if isinstance(found, (list, tuple)) else [found]
    for item in items:
        if not isinstance(item, TemplateSet):
            raise TemplateError(f"{module_name}.EXAMPLES must hold TemplateSet objects, got {type(item).__name__}")
    return list(items)


def collect_sets(registry: Registry) -> list[TemplateSet]:
    """Built-in sets, then those next to registered tools, then `kayas.data` entry points."""
    sets = builtin_sets()
    modules = []
    for t in registry:
        if t.func.__module__ not in modules and not t.func.__module__.startswith("kayas."):
            modules.append(t.func.__module__)
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.value not in modules:
            modules.append(ep.value)
    for name in modules:
        sets.extend(_sets_of(name))
    return sets
