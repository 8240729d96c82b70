"""`Turn`: one command from its plan to its report, with the questions a person must answer.

`Assistant.start` makes a turn. Its questions are known before anything runs: "Did you mean
...?" for a plan the brain is unsure of, then one question a call for each call that needs a
yes (a destructive call, or one whose policy says confirm: "Delete todo.txt?"). A front end
shows or speaks ``turn.question`` and passes the answer to ``turn.answer``; a "no" ends the
turn with nothing run, the last "yes" runs the plan. ``finish`` ends a turn where no one can
answer: an unsure plan is not run, a call that needed a yes is refused. A plan the policy
denies any call of asks nothing and runs nothing. The sentences come from
kayas.assistant.words; no front end writes its own.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kayas.assistant import words
from kayas.assistant.audit import AuditLog
from kayas.assistant.policy import Policy
from kayas.assistant.report import PlanOutcome, RunReport, RunStatus
from kayas.assistant.router import CallResult, Router, RunHook
from kayas.assistant.undo_hook import UndoJournal
from kayas.plan import Call
from kayas.registry import Registry


@dataclass(frozen=True)
class Question:
    """One yes/no question: ``unsure`` (the whole plan) or ``confirm`` (the call at ``call``)."""

    kind: Literal["unsure", "confirm"]
    text: str
    call: int | None = None


class Turn:
    """A planned command waiting for its answers, then its report."""

    def __init__(self, outcome: PlanOutcome, registry: Registry, *, assume_yes: bool = False, dry_run: bool = False,
                 force: bool = False, front_end: str = "cli", refusal_hint: str | None = None,
                 hooks: Sequence[RunHook] = ()) -> None:
        self.outcome = outcome
        self.registry = registry
        self.front_end, self.refusal_hint, self.hooks = front_end, refusal_hint, tuple(hooks)
        self.dry_run = dry_run
        self.assume_yes = assume_yes
        self._listeners: list[Callable[[RunReport], None]] = []
        self._over: RunReport | None = None
        self._yes: set[int] = set()
        self._next = 0
        self.policy = Policy.load(registry)  # a bad [policy] table fails here, before anything runs
        self.questions: list[Question] = []
        if outcome.calls and not outcome.confident and not force:
            self.questions.append(Question("unsure", words.did_you_mean(outcome.understood)))
        if not outcome.calls:
            self.report = self._report("nothing", self._nothing(outcome.command))
            return
        if not dry_run:
            decisions = [self.policy.decide_call(registry.get(c.tool), c.args) for c in outcome.calls]  # args: a call may ask (an unknown program)
            denied = next((i for i, d in enumerate(decisions) if d.action == "deny"), None)
            if denied is not None:  # refused whole, before anything runs: never offered for a yes
                self.questions = []
                self.report = self._refused(denied, f"{outcome.calls[denied].tool} is denied by the policy: {decisions[denied].rule}")
                return
            if not assume_yes:
                self.questions += [Question("confirm", words.ask_call(c, registry, outcome.calls), i)
                                   for i, (c, d) in enumerate(zip(outcome.calls, decisions)) if d.action == "confirm"]

    @property
    def report(self) -> RunReport | None:
        """The report, set once the turn is over."""
        return self._over

    @report.setter
    def report(self, value: RunReport | None) -> None:
        self._over = value
        if value is not None:
            for listener in self._listeners:
                listener(value)

    def when_over(self, listener: Callable[[RunReport], None]) -> None:
        """Call ``listener`` with the report when the turn ends (at once if it has)."""
        self._listeners.append(listener)
        if self._over is not None:
            listener(self._over)

    # ------------------------------------------------------------ asking

    @property
    def question(self) -> Question | None:
        """The question to ask now; None when there is none left (or the turn is over)."""
        if self.report is not None or self._next >= len(self.questions):
            return None
        return self.questions[self._next]

    @property
    def asks(self) -> bool:
        """Whether a question waits for an answer."""
        return self.question is not None

    def answer(self, yes: bool) -> RunReport | None:
        """Answer the current question: "no" ends the turn with nothing run; a "yes" to the last
        question runs the plan. The report once the turn is over, None while another question waits."""
        question = self.question
        if question is None:
            return self.finish()
        self._next += 1
        if not yes:
            if question.kind == "unsure":
                self.report = self._report("unsure", words.nothing_done())
            else:
                index = question.call if question.call is not None else 0
                self.report = self._refused(index, f"{self.outcome.calls[index].tool} was declined")
            return self.report
        if question.call is not None:
            self._yes.add(question.call)
        return self.finish() if self.question is None else None

    def answer_all(self, yes: bool) -> RunReport:
        """One answer for every question left (HTTP: a confirmation id stands for them all)."""
        while self.question is not None:
            self.answer(yes)
        return self.finish()

    # ------------------------------------------------------------ ending

    def finish(self) -> RunReport:
        """The report: run the plan with the yeses given; a question left open counts as no one to ask."""
        if self.report is not None:
            return self.report
        left = self.questions[self._next:]
        if any(q.kind == "unsure" for q in left):
            self.report = self._report("unsure", words.did_you_mean(self.outcome.understood))
            return self.report
        self.report = self._run()
        return self.report

    def _run(self) -> RunReport:
        outcome = self.outcome
        hooks: Sequence[RunHook] = (UndoJournal(outcome.command or outcome.understood, self.registry), *self.hooks)
        router = Router(self.registry, assume_yes=self.assume_yes, dry_run=self.dry_run, confirmed=self._yes,
                        refusal_hint=self.refusal_hint, hooks=hooks, policy=self.policy,
                        audit=AuditLog(self.front_end, outcome.command))
        report = self._report("done", "")
        started = time.perf_counter()
        report.results = router.run(outcome.calls).results
        report.timings["run_ms"] = round((time.perf_counter() - started) * 1000, 2)
        for result in report.results:
            result.summary = words.summarize(result, outcome.calls[result.index], self.registry, outcome.calls)
        report.status, report.message = self._verdict(report)
        return report

    def _report(self, status: RunStatus, message: str) -> RunReport:
        o = self.outcome
        return RunReport(status=status, message=message, command=o.command, plan=o.calls, confidence=o.confidence,
                         understood=o.understood, timings=dict(o.timings))

    def _refused(self, index: int, why: str) -> RunReport:
        """Nothing ran: the call at ``index`` refused for ``why``, the others skipped."""
        report = self._report("refused", "")
        registry = self.registry
        for i, call in enumerate(self.outcome.calls):
            result = CallResult(index=i, tool=call.tool, args=call.args, status="refused" if i == index else "skipped",
                                error=why if i == index else None)
            result.summary = words.summarize(result, call, registry, self.outcome.calls)
            report.results.append(result)
        report.status, report.message = self._verdict(report)
        return report

    def _verdict(self, report: RunReport) -> tuple[RunStatus, str]:
        calls: list[Call] = self.outcome.calls
        registry = self.registry
        problem = report.first_problem
        if problem is not None:
            what = words.describe_call(calls[problem.index], registry, calls)
            verb = "could not" if problem.status == "failed" else "did not"
            return ("failed" if problem.status == "failed" else "refused"), words.sentence(f"{verb} {what}: {problem.error}")
        if self.dry_run:
            return "dry-run", words.sentence(f"dry run, nothing was run; the plan: {report.understood}")
        return "done", words.sentence(f"done: {report.understood}")

    @staticmethod
    def _nothing(command: str) -> str:
        if not command:
            return "The plan is empty: nothing to do."
        return words.sentence(f"sorry, I can't do that: no tool for \"{command}\"")
