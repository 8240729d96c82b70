"""The HTTP front end's use of the Assistant: plan, hold for a yes, run, undo, remember.

Framework-free (the routes in `kayas.server.app` only translate), so the rules live in one
place: a request never runs a destructive call, nor a plan the brain is unsure of; it
gets the plan back with a one-time confirmation id, and `confirm` runs exactly that plan.
"""
from __future__ import annotations

import time
from typing import Any

from kayas.assistant import Assistant, PlanOutcome, RunReport, words
from kayas.plan import Call, parse_plan
from kayas.server.config import ServerConfig
from kayas.server.confirmations import Confirmations, Pending
from kayas.server.history import History
from kayas.server.lanes import Lane, TimedOut
from kayas.server.models import Cancelled, Confirmation, HistoryKind, RunRequest, ServerReport, ToolInfo, UndoReport

# How a refused call could be allowed, in this front end's words (the router says it if a
# destructive call ever reached it unconfirmed).
REFUSAL_HINT = "send the plan's confirmation id to POST /confirm/{id} to run it"


def http_assistant(**kwargs: Any) -> Assistant:
    """An Assistant that speaks the HTTP API's words."""
    return Assistant(front_end="http", refusal_hint=REFUSAL_HINT, **kwargs)


class Service:
    """One Assistant behind two lanes (planner, runner), the pending confirmations and the history."""

    def __init__(self, assistant: Assistant, config: ServerConfig) -> None:
        self.assistant = assistant
        self.config = config
        self.planner_lane = Lane("planner", config.queue_size, config.plan_timeout_s)
        self.run_lane = Lane("runner", config.run_queue_size, config.run_timeout_s)
        self.confirmations = Confirmations(config.confirm_ttl_s, config.max_pending_confirmations)
        self.history = History(config.history_size)
        self.planner_loaded = False

    def load_planner(self) -> float:
        """Load the planner now (`kayas serve` does, before it listens); the seconds it took."""
        started = time.perf_counter()
        _ = self.assistant.planner
        self.planner_loaded = True
        return time.perf_counter() - started

    def close(self) -> None:
        self.planner_lane.shutdown()
        self.run_lane.shutdown()

    # ------------------------------------------------------------ reading

    def tools(self) -> list[ToolInfo]:
        registry = self.assistant.registry
        return [ToolInfo(**d, destructive=registry.get(d["name"]).destructive, read_only=registry.get(d["name"]).read_only)
                for d in registry.describe()]

    # ------------------------------------------------------------ planning

    async def plan(self, command: str) -> PlanOutcome:
        outcome = await self._plan(command)
        self.history.add("plan", "confident" if outcome.confident else "unsure", command=outcome.command,
                         message=outcome.understood, confidence=outcome.confidence)
        return outcome

    async def _plan(self, command: str) -> PlanOutcome:
        outcome = await self.planner_lane.call(self.assistant.plan, command)
        self.planner_loaded = True
        return outcome

    # ------------------------------------------------------------ running

    async def run(self, request: RunRequest) -> ServerReport:
        """Plan (for a command) and run, unless a person must say yes first."""
        if request.command is not None:
            outcome, gated = await self._plan(request.command), True
        else:
            calls = parse_plan(request.plan, self.assistant.registry)
            outcome, gated = self.assistant.outcome_of(calls), False
        destructive = self._destructive(outcome.calls)
        if gated and not outcome.confident:
            return self._hold(outcome, "unsure", destructive, request.dry_run)
        if destructive and not request.dry_run:
            return self._hold(outcome, "destructive", destructive, False)
        return await self._execute(outcome, dry_run=request.dry_run, confirmed=False, kind="run")

    async def confirm(self, confirmation_id: str) -> ServerReport:
        """Run the plan that waits under this id (once)."""
        pending = self.confirmations.take(confirmation_id)
        return await self._execute(pending.outcome, dry_run=pending.dry_run, confirmed=True, kind="confirm")

    def cancel(self, confirmation_id: str) -> Cancelled:
        pending = self.confirmations.take(confirmation_id)
        message = "Cancelled: nothing was run."
        self.history.add("cancel", "cancelled", command=pending.outcome.command, message=message,
                         confidence=pending.outcome.confidence)
        return Cancelled(cancelled=pending.id, message=message)

    def _destructive(self, calls: list[Call]) -> list[int]:
        registry = self.assistant.registry
        return [i for i, c in enumerate(calls) if c.tool in registry and registry.get(c.tool).destructive]

    def _hold(self, outcome: PlanOutcome, reason: str, destructive: list[int], dry_run: bool) -> ServerReport:
        """Keep the plan for a yes; answer with it and its confirmation id."""
        confirmation = None
        if reason == "unsure":
            message = f"Not sure I understood. Did you mean: {outcome.understood or 'nothing'}?"
        else:
            registry = self.assistant.registry
            what = "; ".join(words.describe_call(outcome.calls[i], registry) for i in destructive)
            message = words.sentence(f"waiting for your yes: this plan will {what}")
        if outcome.calls:  # an empty plan has nothing to say yes to
            pending = self.confirmations.add(outcome, reason, dry_run)
            confirmation = self._confirmation(pending, destructive)
        report = ServerReport(status="confirm" if reason == "destructive" else "unsure", message=message,
                              confirmation=confirmation, command=outcome.command, plan=outcome.calls,
                              confidence=outcome.confidence, understood=outcome.understood, timings=dict(outcome.timings))
        self._remember("run", report)
        return report

    def _confirmation(self, pending: Pending, destructive: list[int]) -> Confirmation:
        ttl = self.confirmations.ttl_s
        return Confirmation(id=pending.id, reason=pending.reason, destructive=destructive,  # type: ignore[arg-type]
                            expires_in_s=ttl, expires_at=round(pending.created + ttl, 3))

    async def _execute(self, outcome: PlanOutcome, *, dry_run: bool, confirmed: bool, kind: HistoryKind) -> ServerReport:
        def job() -> ServerReport:
            report = self.assistant.run(outcome, confirm=(lambda call: True) if confirmed else None, dry_run=dry_run)
            answer = _as_server_report(report)
            self._remember(kind, answer)  # also when the request gave up waiting: the history has it
            return answer

        try:
            return await self.run_lane.call(job)
        except TimedOut:
            raise TimedOut(f"the plan is still running after {self.run_lane.timeout_s:g} s; "
                           "its report will be in GET /history") from None

    def _remember(self, kind: HistoryKind, report: ServerReport) -> None:
        self.history.add(kind, report.status, command=report.command, message=report.message,
                         confidence=report.confidence, report=report.model_dump(mode="json"))

    # ------------------------------------------------------------ undoing

    async def undo(self, count: int) -> UndoReport:
        def job() -> UndoReport:
            restored = self.assistant.undo(count)
            message = words.sentence("restored " + ", ".join(restored)) if restored else "Nothing was restored."
            self.history.add("undo", "done", message=message)
            return UndoReport(restored=restored, message=message)

        return await self.run_lane.call(job)


def _as_server_report(report: RunReport) -> ServerReport:
    return ServerReport.model_validate(report.model_dump())
