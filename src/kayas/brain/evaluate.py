"""`kayas eval`: how often the planner gives the expected plan, how sure it is, and how fast.

The data is in the training format: one JSON object a line with `messages` [system, user,
assistant] (the assistant content is the expected plan) and a `category`. A dialogue (system,
then several user/assistant pairs) is scored on its last turn, with the earlier turns as the
context the brain reads (`kayas.prompt.with_context`, as in a chat). Plans are
compared as validated calls (defaults filled), so formatting never counts as a miss.

Besides accuracy it reports what matters when no tool fits: the share of plans with no side
effect (`[]` or read-only tools only), the share that are exactly `[]`, the share holding a
destructive call, and how many plans hit the budget (`hit_budget`: the plan gave up and
answered `[]`; `hit_deadline` of them by the wall-clock guard, which only a busy or slow
machine reaches) or a string's length cap. Each
outcome keeps the plan's confidence, so `coverage` can show what a confidence threshold
trades: the share of plans it lets run against the error among them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kayas.errors import KayasError
from kayas.formats.examples import Example, read_examples
from kayas.plan import PlanError, parse_plan
from kayas.registry import Registry


@dataclass
class Outcome:
    example: Example
    expected: list[dict[str, Any]]  # the example's plan, as validated calls
    got_text: str
    got: list[dict[str, Any]] | None  # None: not a valid plan
    seconds: float
    tokens: int
    confidence: float | None = None
    truncated: bool = False  # the budget ran out: the plan gave up ([])
    capped: bool = False  # a string hit its length cap
    side_effect: bool = False  # a call that is not read-only
    destructive: bool = False  # a destructive call
    features: list[float] = field(default_factory=list)  # kayas.brain.confidence.features
    timed_out: bool = False  # the budget that ran out was the wall-clock guard's

    @property
    def category(self) -> str:
        return self.example.category or "unknown"

    @property
    def valid(self) -> bool:
        return self.got is not None

    @property
    def same_tools(self) -> bool:
        return self.valid and [c["tool"] for c in self.got] == [c["tool"] for c in self.expected]

    @property
    def exact(self) -> bool:
        return self.valid and self.got == self.expected


@dataclass
class Scores:
    n: int = 0
    json_valid: float = 0.0
    tool_sequence_acc: float = 0.0
    exact_match: float = 0.0
    no_side_effect: float = 0.0  # plans of `[]` or read-only calls only
    empty: float = 0.0  # plans that are exactly `[]`
    destructive: float = 0.0  # plans holding a destructive call


@dataclass
class EvalReport:
    overall: Scores
    per_category: dict[str, Scores]
    latency_p50_ms: float
    latency_p95_ms: float
    tokens_per_s: float
    misses: list[dict[str, Any]] = field(default_factory=list)
    hit_budget: int = 0  # plans that gave up ([]) because the budget, tokens or seconds, ran out
    hit_deadline: int = 0  # those of them stopped by the wall-clock guard
    capped: int = 0  # plans where a string hit its length cap

    def as_dict(self, with_misses: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not with_misses:
            d.pop("misses")
        return d


def labelled_examples(path: str | Path) -> list[Example]:
    """The examples of a training-format file whose expected plans validate; an error names the bad line."""
    examples = read_examples(path)
    for ex in examples:
        try:
            ex.calls()
        except PlanError as exc:
            raise KayasError(f"{path}:{ex.line}: the expected plan is invalid: {exc}") from None
    return examples


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def run_one(planner, example: Example) -> Outcome:
    from kayas.brain.confidence import features

    context = example.context
    result = planner.decode(example.command, context=context) if context else planner.decode(example.command)
    score = planner.confidence(result) if callable(getattr(planner, "confidence", None)) else None
    return judge(example, result.text, planner.registry, seconds=result.seconds, tokens=len(result.tokens), confidence=score,
                 truncated=getattr(result, "truncated", False), capped=getattr(result, "capped", False),
                 features=features(getattr(result, "choices", [])), timed_out=getattr(result, "timed_out", False))


def judge(example: Example, text: str, registry: Registry, *, seconds: float = 0.0, tokens: int = 0, confidence: float | None = None,
          truncated: bool = False, capped: bool = False, features: list[float] | None = None, timed_out: bool = False) -> Outcome:
    """Score one prediction (the planner's raw text) against the example's plan: apart from decoding, so
    tests can feed predictions with known right and wrong answers."""
    expected = [c.as_json() for c in example.calls()]
    try:
        got = [c.as_json() for c in parse_plan(text, registry)]
    except PlanError:
        got = None
    tools = [registry.get(c["tool"]) for c in got or [] if c["tool"] in registry]
    return Outcome(example, expected, text, got, seconds, tokens, confidence, truncated, capped,
                   any(not t.read_only for t in tools), any(t.destructive for t in tools), features or [], timed_out)


def coverage(outcomes: list[Outcome], thresholds: list[float]) -> list[dict[str, float]]:
    """What each confidence threshold trades: coverage (plans it lets run) against their error."""
    from kayas.brain.confidence import coverage_table

    scored = [o for o in outcomes if o.confidence is not None]
    return coverage_table([o.confidence for o in scored], [o.exact for o in scored], thresholds)


def _scores(outcomes: list[Outcome]) -> Scores:
    n = len(outcomes)
    if not n:
        return Scores()
    return Scores(
        n,
        round(sum(o.valid for o in outcomes) / n, 4),
        round(sum(o.same_tools for o in outcomes) / n, 4),
        round(sum(o.exact for o in outcomes) / n, 4),
        round(sum(o.valid and not o.side_effect for o in outcomes) / n, 4),
        round(sum(o.got == [] for o in outcomes) / n, 4),
        round(sum(o.destructive for o in outcomes) / n, 4),
    )


def report(outcomes: list[Outcome]) -> EvalReport:
    by_cat: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_cat.setdefault(o.category, []).append(o)
    ms = [o.seconds * 1000 for o in outcomes]
    total_s = sum(o.seconds for o in outcomes)
    misses = [
        {
            "command": o.example.command, "context": o.example.context, "category": o.category, "expected": o.expected,
            "got": o.got if o.valid else o.got_text, "confidence": None if o.confidence is None else round(o.confidence, 4),
        }
        for o in outcomes
        if not o.exact
    ]
    return EvalReport(
        _scores(outcomes),
        {c: _scores(v) for c, v in sorted(by_cat.items())},
        round(percentile(ms, 50), 2),
        round(percentile(ms, 95), 2),
        round(sum(o.tokens for o in outcomes) / total_s, 1) if total_s else 0.0,
        misses,
        sum(o.truncated for o in outcomes),
        sum(o.timed_out for o in outcomes),
        sum(o.capped for o in outcomes),
    )


def run_all(planner, examples: list[Example], progress=None) -> list[Outcome]:
    """Plan every example's command."""
    outcomes = []
    for ex in examples:
        outcomes.append(run_one(planner, ex))
        if progress:
            progress()
    return outcomes


def evaluate(planner, examples: list[Example], progress=None) -> EvalReport:
    """Plan every example's command and score it against the expected plan."""
    return report(run_all(planner, examples, progress))
