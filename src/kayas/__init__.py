"""Kayas: a small, fast, private brain for desktop assistants.

The public API, imported on first use so that `import kayas` stays light (no torch):

    from kayas import Assistant, Call, Planner, tool
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "tool": "kayas.registry",
    "Registry": "kayas.registry",
    "default_registry": "kayas.registry",
    "Call": "kayas.plan",
    "parse_plan": "kayas.plan",
    "dumps_plan": "kayas.plan",
    "KayasError": "kayas.errors",
    "Assistant": "kayas.assistant",
    "PlanOutcome": "kayas.assistant",
    "RunReport": "kayas.assistant",
    "Planner": "kayas.brain.planner",
    "PlannerConfig": "kayas.brain.planner",
}

__all__ = [
    "Assistant", "Call", "KayasError", "PlanOutcome", "Planner", "PlannerConfig",
    "Registry", "RunReport", "default_registry", "dumps_plan", "parse_plan", "tool",
]

if TYPE_CHECKING:
    from kayas.assistant import Assistant, PlanOutcome, RunReport
    from kayas.brain.planner import Planner, PlannerConfig
    from kayas.errors import KayasError
    from kayas.plan import Call, dumps_plan, parse_plan
    from kayas.registry import Registry, default_registry, tool


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kayas' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
