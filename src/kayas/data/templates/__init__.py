"""The built-in templates, one module per tool category; each module has SETS."""
from __future__ import annotations

from kayas.data.spec import TemplateSet

BUILTIN_MODULES = [
    "kayas.data.templates.filesystem",
    "kayas.data.templates.browser",
    "kayas.data.templates.email",
    "kayas.data.templates.process",
    "kayas.data.templates.clipboard",
    "kayas.data.templates.uia",
    "kayas.data.templates.spotify",
    "kayas.data.templates.slack",
    "kayas.data.templates.local",
    "kayas.data.templates.no_tool",
    "kayas.data.templates.out_of_scope",
    "kayas.data.templates.near_miss",
]


def builtin_sets() -> list[TemplateSet]:
    import importlib

    sets: list[TemplateSet] = []
    for name in BUILTIN_MODULES:
        sets.extend(importlib.import_module(name).SETS)
    return sets
