"""`Assistant`: command -> plan -> `Turn` (questions, answers) -> run -> report, for every front end.

The CLI (`kayas run`, `do`, `chat`), voice and the HTTP API all call `start` and get a
`Turn`; each only shows or speaks the turn's question and passes the answer back, and
brings its words for how a refused call could be allowed ("refusal_hint"). The questions
("Did you mean ...?", "Delete todo.txt?") are the turn's, built in kayas.assistant.words.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from kayas.assistant import words
from kayas.assistant.conversation import Conversation, own_words
from kayas.assistant.gate import Gate
from kayas.assistant.report import PlanOutcome, RunReport
from kayas.assistant.router import RunHook
from kayas.assistant.turn import Turn
from kayas.backends import journal
from kayas.command import clean_command
from kayas.config import CONFIDENCE_THRESHOLD_SETTING, confidence_threshold, setting
from kayas.errors import KayasError
from kayas.plan import Call, dumps_plan, parse_plan
from kayas.registry import Registry, default_registry

Confirm = Callable[[Call], bool]


class PlannerLike(Protocol):
    """What the assistant needs of a planner (`kayas.brain.Planner`, or a stand-in in tests).

    A planner with `plan_result(command)` (calls, text, confidence, the raw decode) is asked
    that; otherwise `decode(command)` and its text is parsed. After a conversation's turns
    both are asked with ``context=`` (the turns, `kayas.prompt.with_context`).
    """

    registry: Registry

    def decode(self, command: str, *, context: Sequence[tuple[str, str]] = ...) -> Any: ...


def _load_shipped_planner() -> PlannerLike:
    from kayas.brain.planner import Planner

    return Planner.load()


class Assistant:
    """A planner, a router, a confirmation policy and a report.

    ``planner`` (or ``planner_factory``, called on the first `plan`) turns commands into
    calls; without either the shipped brain is loaded on first use. Running a typed plan
    never loads a planner. A plan below its risk class's bar is "unsure" (kayas.assistant.gate):
    ``threshold``, else the KAYAS_CONFIDENCE_THRESHOLD setting, is one bar for every class that
    asks; else the bars the brain's calibration chose; read-only plans never ask.
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
        hooks: Sequence[RunHook] = (),
        conversation: Conversation | None = None,
    ) -> None:
        self._planner = planner
        self.conversation = conversation  # the talk so far: the brain sees its last turns (None: each command alone)
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
    def gate(self) -> Gate:
        if self._threshold is not None:
            return Gate.of(None, self._threshold)
        single = getattr(self._planner, "confidence_threshold", None)
        bars = getattr(self._planner, "confidence_thresholds", None)
        if setting(CONFIDENCE_THRESHOLD_SETTING) is not None:
            return Gate.of(None, confidence_threshold())
        return Gate.calibrated(bars if isinstance(bars, dict) else None, single if isinstance(single, float) else None)

    # ------------------------------------------------------------ planning

    def plan(self, command: str, conversation: Conversation | None = None) -> PlanOutcome:
        """The plan for a command, after the conversation's last turns (``conversation``, else the
        assistant's own); nothing runs. A bad command (empty, too long, binary) is a CommandError."""
        cleaned = clean_command(command)
        planner = self.planner
        talk = conversation if conversation is not None else self.conversation
        # only a brain trained on conversations reads them: to another the turns are noise in its prompt
        context = talk.context() if talk is not None and getattr(planner, "reads_context", False) else []
        started = time.perf_counter()
        calls, text, confidence, raw = self._ask(planner, cleaned, context)
        timings = {"plan_ms": round((time.perf_counter() - started) * 1000, 2)}
        if getattr(raw, "forwards", None) is not None:
            timings["forwards"] = raw.forwards
        return PlanOutcome(
            command=cleaned,
            calls=calls,
            text=text,
            confidence=confidence,
            confident=self.gate.sure(calls, confidence, self.registry),
            understood=words.describe_plan(calls, self.registry),
            timings=timings,
        )

    @staticmethod
    def _ask(planner: PlannerLike, command: str, context: list[tuple[str, str]]) -> tuple[list[Call], str, float | None, Any]:
        plan_result = getattr(planner, "plan_result", None)
        if callable(plan_result):
            result = plan_result(command, context=context) if context else plan_result(command)
            raw = next((getattr(result, k) for k in ("decode", "raw", "result") if getattr(result, k, None) is not None), None)
            return list(result.calls), result.text, getattr(result, "confidence", None), raw
        raw = planner.decode(command, context=context) if context else planner.decode(command)
        return parse_plan(raw.text, planner.registry), raw.text, getattr(raw, "confidence", None), raw

    def outcome_of(self, calls: Iterable[Call | dict[str, Any]]) -> PlanOutcome:
        """A typed plan (`kayas do`) as a PlanOutcome; dicts are validated first (PlanError if bad)."""
        given = list(calls)
        items = [c for c in given if isinstance(c, Call)]
        if len(items) != len(given):
            items = parse_plan([c.as_json() if isinstance(c, Call) else c for c in given], self.registry)
        return PlanOutcome(command="", calls=items, text=dumps_plan(items), understood=words.describe_plan(items, self.registry))

    # ------------------------------------------------------------ running

    def start(
        self,
        what: str | PlanOutcome | Iterable[Call | dict[str, Any]],
        *,
        assume_yes: bool = False,
        dry_run: bool = False,
        force: bool = False,
        conversation: Conversation | None = None,
    ) -> Turn:
        """Plan (for a command) and hold the plan in a `Turn` with the questions to ask first.

        A plan below the confidence threshold asks "Did you mean ...?" unless ``force``; each
        call that needs a yes asks unless ``assume_yes``; ``dry_run`` asks about nothing it
        would not run. A typed plan (calls) is what the user chose: it is never "unsure".
        A command's plan joins the conversation (``conversation``, else the assistant's own).
        """
        talk = conversation if conversation is not None else self.conversation
        if isinstance(what, str) and (own := own_words(what)) is not None:
            return self._own_turn(what, own)
        if isinstance(what, str):
            outcome = self.plan(what, talk)
        elif isinstance(what, PlanOutcome):
            outcome = what
        else:
            outcome = self.outcome_of(what)
        turn = Turn(outcome, self.registry, assume_yes=assume_yes, dry_run=dry_run, force=force,
                    front_end=self.front_end, refusal_hint=self.refusal_hint, hooks=self.hooks)
        if talk is not None:
            said = talk.planned(outcome)
            turn.when_over(lambda report: Conversation.ran(said, report))
        return turn

    def _own_turn(self, command: str, kind: str) -> Turn:
        """A turn the assistant answers itself, with no plan: "undo that", "help", "never mind"."""
        cleaned = clean_command(command)
        turn = Turn(PlanOutcome(command=cleaned, calls=[], text="[]"), self.registry, front_end=self.front_end)
        assert turn.report is not None  # no calls: over at once
        report = turn.report.model_copy()
        if kind == "undo":
            try:
                steps = self.undo_steps(1)
            except KayasError as exc:
                report.status, report.message = "nothing", words.sentence(str(exc))
            else:
                report.status = "done" if all(s.done for s in steps) else "failed"
                report.message = " ".join(words.sentence(s.message) for s in steps)
        elif kind == "help":
            report.status, report.message = "done", words.help_text()
        else:
            report.status, report.message = "nothing", words.nothing_done()
        turn.report = report
        return turn

    def run(
        self,
        what: str | PlanOutcome | Iterable[Call | dict[str, Any]],
        confirm: Confirm | None = None,
        *,
        assume_yes: bool = False,
        dry_run: bool = False,
        force: bool = False,
    ) -> RunReport:
        """A turn for code that has no one to ask "Did you mean?": ``confirm`` answers each call's
        question (none: those calls are refused); an unsure plan is not run unless ``force``."""
        turn = self.start(what, assume_yes=assume_yes, dry_run=dry_run, force=force)
        while confirm is not None and (q := turn.question) is not None and q.call is not None:
            turn.answer(confirm(turn.outcome.calls[q.call]))
        return turn.finish()

    # ------------------------------------------------------------ undoing

    def undo(self, count: int = 1) -> list[str]:
        """Take back the last ``count`` commands' file changes; the names of the files put back."""
        return [step.file for step in self.undo_steps(count) if step.done]

    @staticmethod
    def undo_steps(count: int = 1) -> list[journal.Undone]:
        """Take back the last ``count`` commands, each change in reverse order; every step in words."""
        return journal.undo(count)
