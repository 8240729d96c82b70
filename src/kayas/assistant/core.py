"""`Assistant`: command -> plan -> confirm -> run -> report, the one path of every front end.

The CLI (`kayas run`, `do`, `chat`), voice and the HTTP API all call this; each brings only
its own way of asking ("confirm") and of saying how a refused call could be allowed
("refusal_hint"). A command whose plan the brain is not confident about is not run unasked:
the report says "unsure" and holds what was understood, so the front end can ask "Did you
mean ...?" and then run that `PlanOutcome`.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from kayas.assistant import words
from kayas.assistant.audit import AuditLog
from kayas.assistant.report import PlanOutcome, RunReport, RunStatus
from kayas.assistant.router import OperationHook, Router
from kayas.backends import journal
from kayas.plan import Call, dumps_plan, parse_plan
from kayas.registry import Registry, default_registry
from kayas.settings import confidence_threshold

Confirm = Callable[[Call], bool]


class PlannerLike(Protocol):
    """What the assistant needs of a planner (`kayas.brain.Planner`, or a stand-in in tests).

    A planner with `plan_result(command)` (calls, text, confidence, the raw decode) is asked
    that; otherwise `decode(command)` and its text is parsed.
    """

    registry: Registry

    def decode(self, command: str) -> Any: ...


def _load_shipped_planner() -> PlannerLike:
    from kayas.brain.planner import Planner

    return Planner.load()


class Assistant:
    """A planner, a router, a confirmation policy and a report.

    ``planner`` (or ``planner_factory``, called on the first `plan`) turns commands into
    calls; without either the shipped brain is loaded on first use. Running a typed plan
    never loads a planner. ``threshold`` (default: the KAYAS_CONFIDENCE_THRESHOLD setting, else
    the threshold the brain's calibration chose on validation data) is the confidence below
    which a command's plan is "unsure".
    """

    def __init__(
        self,
        planner: PlannerLike | None = None,
        registry: Registry | None = None,
        *,
        planner_factory: Callable[[], PlannerLike] | None = None,
        front_end: str = "cli",
        refusal_hint: str | None = None,
        threshold: float | None = None,
        hooks: Sequence[OperationHook] = (),
    ) -> None:
        self._planner = planner
        self._factory = planner_factory or _load_shipped_planner
        self._registry = registry
        self.front_end = front_end  # who asks: "cli", "voice", "http"
        self.refusal_hint = refusal_hint
        self._threshold = threshold
        self.hooks = tuple(hooks)

    @property
    def planner(self) -> PlannerLike:
        if self._planner is None:
            self._planner = self._factory()
        return self._planner

    @property
    def registry(self) -> Registry:
        if self._registry is not None:
            return self._registry
        return self._planner.registry if self._planner is not None else default_registry()

    @property
    def threshold(self) -> float:
        if self._threshold is not None:
            return self._threshold
        brain = getattr(self._planner, "confidence_threshold", None) if self._planner is not None else None
        return confidence_threshold(brain if isinstance(brain, float) else None)

    # ------------------------------------------------------------ planning

    def plan(self, command: str) -> PlanOutcome:
        """The plan for a command; nothing runs. A bad command (empty, too long, binary) is a CommandError."""
        from kayas.brain.planner import clean_command  # the planner's own rule, checked before it loads

        cleaned = clean_command(command)
        planner = self.planner
        started = time.perf_counter()
        calls, text, confidence, raw = self._ask(planner, cleaned)
        timings = {"plan_ms": round((time.perf_counter() - started) * 1000, 2)}
        if getattr(raw, "forwards", None) is not None:
            timings["forwards"] = raw.forwards
        return PlanOutcome(
            command=cleaned,
            calls=calls,
            text=text,
            confidence=confidence,
            confident=confidence is None or confidence >= self.threshold,
            understood=words.describe_plan(calls, self.registry),
            timings=timings,
        )

    @staticmethod
    def _ask(planner: PlannerLike, command: str) -> tuple[list[Call], str, float | None, Any]:
        plan_result = getattr(planner, "plan_result", None)
        if callable(plan_result):
            result = plan_result(command)
            raw = next((getattr(result, k) for k in ("decode", "raw", "result") if getattr(result, k, None) is not None), None)
            return list(result.calls), result.text, getattr(result, "confidence", None), raw
        raw = planner.decode(command)
        return parse_plan(raw.text, planner.registry), raw.text, getattr(raw, "confidence", None), raw

    def outcome_of(self, calls: Iterable[Call | dict[str, Any]]) -> PlanOutcome:
        """A typed plan (`kayas do`) as a PlanOutcome; dicts are validated first (PlanError if bad)."""
        given = list(calls)
        items = [c for c in given if isinstance(c, Call)]
        if len(items) != len(given):
            items = parse_plan([c.as_json() if isinstance(c, Call) else c for c in given], self.registry)
        return PlanOutcome(command="", calls=items, text=dumps_plan(items), understood=words.describe_plan(items, self.registry))

    # ------------------------------------------------------------ running

    def run(
        self,
        what: str | PlanOutcome | Iterable[Call | dict[str, Any]],
        confirm: Confirm | None = None,
        *,
        assume_yes: bool = False,
        dry_run: bool = False,
        force: bool = False,
        on_plan: Callable[[PlanOutcome], None] | None = None,
    ) -> RunReport:
        """Plan (for a command) and run; ``confirm`` is asked before each destructive call.

        Without ``confirm`` and ``assume_yes`` destructive calls are refused. A command's plan
        below the confidence threshold is not run ("unsure") unless ``force``; a PlanOutcome
        or a list of calls is what the user chose, and runs. ``on_plan`` sees the plan before
        anything runs (a front end shows it there).
        """
        if isinstance(what, str):
            outcome, gate = self.plan(what), True
        elif isinstance(what, PlanOutcome):
            outcome, gate = what, False
        else:
            outcome, gate = self.outcome_of(what), False
        if on_plan is not None:
            on_plan(outcome)
        report = RunReport(status="done", command=outcome.command, plan=outcome.calls, confidence=outcome.confidence,
                           understood=outcome.understood, timings=dict(outcome.timings))
        if gate and outcome.calls and not outcome.confident and not force:  # an empty plan runs nothing: no need to ask
            report.status = "unsure"
            report.message = f"Not sure I understood. Did you mean: {outcome.understood or 'nothing'}?"
            return report
        if not outcome.calls:
            report.status, report.message = "nothing", self._nothing(outcome.command)
            return report
        router = Router(self.registry, assume_yes=assume_yes, dry_run=dry_run, confirm=confirm,
                        refusal_hint=self.refusal_hint, hooks=self.hooks, audit=AuditLog(self.front_end, outcome.command))
        started = time.perf_counter()
        with journal.operation(outcome.command or outcome.understood):  # one undo takes back this whole command
            report.results = router.run(outcome.calls).results
            report.timings["run_ms"] = round((time.perf_counter() - started) * 1000, 2)
            for result in report.results:
                result.summary = words.summarize(result, outcome.calls[result.index], self.registry)
                if result.status == "ok" and result.tool not in journal.SELF_RECORDING and not self.registry.get(result.tool).read_only:
                    journal.record_other(result.tool, result.summary)
        report.status, report.message = self._verdict(report, outcome.calls, dry_run)
        return report

    def _verdict(self, report: RunReport, calls: list[Call], dry_run: bool) -> tuple[RunStatus, str]:
        problem = report.first_problem
        if problem is not None:
            what = words.describe_call(calls[problem.index], self.registry)
            verb = "could not" if problem.status == "failed" else "did not"
            return ("failed" if problem.status == "failed" else "refused"), words.sentence(f"{verb} {what}: {problem.error}")
        if dry_run:
            return "dry-run", words.sentence(f"dry run, nothing was run; the plan: {report.understood}")
        return "done", words.sentence(f"done: {report.understood}")

    @staticmethod
    def _nothing(command: str) -> str:
        if not command:
            return "The plan is empty: nothing to do."
        return words.sentence(f"sorry, I can't do that: no tool for \"{command}\"")

    # ------------------------------------------------------------ undoing

    def undo(self, count: int = 1) -> list[str]:
        """Take back the last ``count`` commands' file changes; the names of the files put back."""
        return [step.file for step in self.undo_steps(count) if step.done]

    @staticmethod
    def undo_steps(count: int = 1) -> list[journal.Undone]:
        """Take back the last ``count`` commands, each change in reverse order; every step in words."""
        return journal.undo(count)
