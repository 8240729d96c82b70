"""What the assistant hands back: a plan before it runs, and a report after.

Both are pydantic models, so ``model_dump(mode="json")`` is the one JSON shape that the
CLI's ``--json`` and the HTTP API print.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from kayas.assistant.router import CallResult
from kayas.plan import Call

RunStatus = Literal["done", "failed", "refused", "unsure", "nothing", "dry-run"]


class PlanOutcome(BaseModel):
    """A command's plan, not yet run."""

    command: str  # the cleaned command ("" for a plan given as calls)
    calls: list[Call]
    text: str  # the canonical plan JSON
    confidence: float | None = None  # the brain's confidence in [0, 1]; None: the planner gives none
    confident: bool = True  # confidence is None or reaches the threshold
    understood: str = ""  # the plan in words
    timings: dict[str, float] = Field(default_factory=dict)  # plan_ms, forwards


class RunReport(BaseModel):
    """Every call of a plan, in order, with what became of it, and one sentence for a person."""

    status: RunStatus
    command: str = ""
    plan: list[Call] = Field(default_factory=list)
    confidence: float | None = None
    understood: str = ""
    results: list[CallResult] = Field(default_factory=list)
    message: str = ""
    timings: dict[str, float] = Field(default_factory=dict)  # plan_ms, forwards, run_ms

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exit_code(self) -> int:
        """0 when it was done (or dry-run), 1 when a call failed or was refused or nothing could be done."""
        return 0 if self.status in ("done", "dry-run") else 1

    @property
    def ok(self) -> bool:
        return all(r.status in ("ok", "dry-run") for r in self.results)

    @property
    def first_problem(self) -> CallResult | None:
        return next((r for r in self.results if r.status in ("failed", "refused")), None)
