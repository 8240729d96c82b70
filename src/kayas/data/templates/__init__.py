"""The built-in templates, one module per tool category; each module has SETS."""
from __future__ import annotations

from kayas.data.spec import TemplateSet
from kayas.registry import builtin_tool_modules

# One template module per built-in tool module (same name), in the same order, then no_tool.
BUILTIN_MODULES = [f"kayas.data.templates.{m.rsplit('.', 1)[-1]}" for m in builtin_tool_modules()] + ["kayas.data.templates.no_tool"]


def builtin_sets() -> list[TemplateSet]:
    import importlib

    sets: list[TemplateSet] = []
    for name in BUILTIN_MODULES:
        sets.extend(importlib.import_module(name).SETS)
    return sets
