"""The built-in templates, one module per tool category; each module has SETS."""
from __future__ import annotations

from kayas.data.spec import TemplateSet
from kayas.registry import builtin_tool_modules

# One template module per built-in tool module (same name), in the same order, then the `[]` sets.
NO_TOOL_MODULES = ["kayas.data.templates.no_tool", "kayas.data.templates.out_of_scope", "kayas.data.templates.near_miss"]
BUILTIN_MODULES = [f"kayas.data.templates.{m.rsplit('.', 1)[-1]}" for m in builtin_tool_modules()] + NO_TOOL_MODULES


def builtin_sets() -> list[TemplateSet]:
    import importlib

    sets: list[TemplateSet] = []
    for name in BUILTIN_MODULES:
        sets.extend(importlib.import_module(name).SETS)
    return sets
