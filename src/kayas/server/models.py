"""The API's request and answer shapes (they are also what /docs shows).

Answers are the Assistant's own models: `PlanOutcome` for /plan and `RunReport` for
/run and /confirm, the one JSON shape of the CLI's ``--json``. `ServerReport` adds only
what a network front end needs: the status "confirm" and the confirmation to send back.
"""
from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kayas.assistant import RunReport
from kayas.assistant.report import RunStatus

# The CLI's statuses, and "confirm": planned, waiting for a person's yes.
ServerStatus = Literal[get_args(RunStatus) + ("confirm",)]  # type: ignore[valid-type]

MAX_COMMAND_CHARS = 2000  # the planner's own limit; checked again (and cleaned) by the planner


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


SESSION = Field(None, pattern=r"^[A-Za-z0-9_.-]{1,64}$", description=(
    'A name for one conversation: the brain reads its last turns, so "delete it" or "again" refer back '
    "(docs/conversation.md). Without it each command stands alone."))


class PlanRequest(_Strict):
    command: str = Field(max_length=4 * MAX_COMMAND_CHARS, description="What to do, in your words.")
    session: str | None = SESSION  # read, not extended: only a run is a turn of the conversation


class RunRequest(_Strict):
    """A command to plan and run, or a plan to run (as `kayas do` takes it): one of the two."""

    command: str | None = Field(None, max_length=4 * MAX_COMMAND_CHARS, description="What to do, in your words.")
    plan: list[Any] | dict[str, Any] | str | None = Field(
        None, description='A plan: [{"tool": NAME, "args": {...}}, ...], or the same as JSON text.')
    dry_run: bool = Field(False, description="Show what would run; run nothing.")
    session: str | None = SESSION

    @model_validator(mode="after")
    def _one_of(self) -> RunRequest:
        if (self.command is None) == (self.plan is None):
            raise ValueError('give either "command" or "plan"')
        return self


class UndoRequest(_Strict):
    count: int = Field(1, ge=1, le=100, description="How many deleting commands to undo.")


class Confirmation(BaseModel):
    """What to send back to run the plan: POST /confirm/{id} (or /cancel/{id})."""

    id: str
    reason: Literal["destructive", "unsure"]
    destructive: list[int] = Field(description="Indices of the calls that need a yes: destructive ones, or ones the policy says to confirm.")
    expires_in_s: float
    expires_at: float = Field(description="Unix time.")


class ServerReport(RunReport):
    """A RunReport; with status "confirm" (or "unsure") it carries the confirmation to send back."""

    status: ServerStatus  # type: ignore[valid-type]
    confirmation: Confirmation | None = None


class ToolInfo(BaseModel):
    name: str
    description: str
    parameters: dict[str, Any]
    destructive: bool
    read_only: bool


class UndoReport(BaseModel):
    restored: list[str]
    message: str


class Cancelled(BaseModel):
    cancelled: str
    message: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    planner_loaded: bool


HistoryKind = Literal["plan", "run", "confirm", "cancel", "undo"]


class HistoryEntry(BaseModel):
    id: int
    at: float = Field(description="Unix time.")
    kind: HistoryKind
    command: str = ""
    status: str
    message: str = ""
    confidence: float | None = None
    report: dict[str, Any] | None = None


class History(BaseModel):
    entries: list[HistoryEntry]


class ErrorBody(BaseModel):
    error: str
