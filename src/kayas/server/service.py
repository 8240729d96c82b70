"""The HTTP front end's use of the Assistant: plan, hold for a yes, run, undo, remember.

Framework-free (the routes in `kayas.server.app` only translate), so the rules live in one
place: a request starts the Assistant's `Turn`; a turn with questions (a call that needs a
yes, a plan the brain is unsure of) is held under a one-time confirmation id, its questions
are the message, and `confirm` answers them yes, so exactly that plan runs. A plan the
policy denies is refused at once, never offered for a yes.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from kayas.assistant import Assistant, PlanOutcome, RunReport, Turn, words
from kayas.assistant.conversation import Conversation
from kayas.plan import parse_plan
from kayas.server.config import ServerConfig
from kayas.server.confirmations import Confirmations
from kayas.server.history import History
from kayas.server.lanes import Lane, TimedOut
from kayas.server.models import Cancelled, Confirmation, HistoryKind, RunRequest, ServerReport, ToolInfo, UndoReport

# How a refused call could be allowed, in this front end's words (the router says it if a
# destructive call ever reached it unconfirmed).
REFUSAL_HINT = "send the plan's confirmation id to POST /confirm/{id} to run it"
SESSIONS = 256  # conversations kept (POST /run's "session"), the least recently used forgotten first


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
        self.sessions: OrderedDict[str, Conversation] = OrderedDict()  # the last SESSIONS conversations, by name

    def conversation(self, session: str | None) -> Conversation | None:
        """The named session's conversation (a new one for a new name; the least recently used
        one is forgotten past SESSIONS); None: no session, the command stands alone."""
        if session is None:
            return None
        talk = self.sessions.pop(session, None) or Conversation()
        self.sessions[session] = talk
        while len(self.sessions) > SESSIONS:
            self.sessions.popitem(last=False)
        return talk

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

    async def plan(self, command: str, session: str | None = None) -> PlanOutcome:
        outcome = await self._plan(command, self.conversation(session))
        self.history.add("plan", "confident" if outcome.confident else "unsure", command=outcome.command,
                         message=outcome.understood, confidence=outcome.confidence)
        return outcome

    async def _plan(self, command: str, talk: Conversation | None = None) -> PlanOutcome:
        outcome = await self.planner_lane.call(self.assistant.plan, command, talk)
        self.planner_loaded = True
        return outcome

    # ------------------------------------------------------------ running

    async def run(self, request: RunRequest) -> ServerReport:
        """Plan (for a command) and run, unless a person must say yes first."""
        talk = self.conversation(request.session)
        if request.command is not None:
            outcome = await self._plan(request.command, talk)
        else:
            outcome = self.assistant.outcome_of(parse_plan(request.plan, self.assistant.registry))
        turn = self.assistant.start(outcome, dry_run=request.dry_run, conversation=talk)
        if turn.questions and turn.report is None:
            return self._hold(turn)
        return await self._finish(turn, kind="run")

    async def confirm(self, confirmation_id: str) -> ServerReport:
        """Answer yes to the questions of the turn that waits under this id (once), and run it."""
        pending = self.confirmations.take(confirmation_id)
        return await self._finish(pending.turn, kind="confirm", yes=True)

    def cancel(self, confirmation_id: str) -> Cancelled:
        pending = self.confirmations.take(confirmation_id)
        message = "Cancelled: nothing was run."
        outcome = pending.turn.outcome
        self.history.add("cancel", "cancelled", command=outcome.command, message=message, confidence=outcome.confidence)
        return Cancelled(cancelled=pending.id, message=message)

    def _hold(self, turn: Turn) -> ServerReport:
        """Keep the turn for a yes; answer with its questions and its confirmation id."""
        outcome = turn.outcome
        asked = [q.call for q in turn.questions if q.call is not None]
        reason = "destructive" if asked else "unsure"
        pending = self.confirmations.add(turn, reason)
        ttl = self.confirmations.ttl_s
        confirmation = Confirmation(id=pending.id, reason=reason, destructive=asked,  # type: ignore[arg-type]
                                    expires_in_s=ttl, expires_at=round(pending.created + ttl, 3))
        report = ServerReport(status="confirm" if asked else "unsure", message=" ".join(q.text for q in turn.questions),
                              confirmation=confirmation, command=outcome.command, plan=outcome.calls,
                              confidence=outcome.confidence, understood=outcome.understood, timings=dict(outcome.timings))
        self._remember("run", report)
        return report

    async def _finish(self, turn: Turn, *, kind: HistoryKind, yes: bool = False) -> ServerReport:
        def job() -> ServerReport:
            report = turn.answer_all(True) if yes else turn.finish()
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
