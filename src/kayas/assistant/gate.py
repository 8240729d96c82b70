"""Ask by risk, not by one threshold: how sure the brain must be before a plan runs unasked.

A plan's risk is its riskiest call's: `read` (only reads: a wrong guess costs a wrong answer,
so it never asks), `undoable` (every change is one `kayas undo` takes back: files, timers,
alarms, reminders, the volume; it asks only below a low bar), `other` (a change nothing takes
back: an email sent, a program started, a page opened; the high bar) and `destructive` (the
high bar, and its confirmation stays whatever the confidence). The bars live in the brain's
`calibration.json` (`thresholds`), chosen on a hand-labelled calibration set by `kayas eval
--calibrate`; KAYAS_CONFIDENCE_THRESHOLD, when set, is one bar for every class but `read`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from kayas.backends.journal import SELF_RECORDING
from kayas.registry import Registry

Risk = Literal["none", "read", "undoable", "other", "destructive"]
RISKS: tuple[Risk, ...] = ("none", "read", "undoable", "other", "destructive")
ASKING: tuple[Risk, ...] = ("undoable", "other", "destructive")  # the classes that have a bar


def call_risk(tool: str, registry: Registry) -> Risk:
    t = registry.get(tool)
    if t.destructive:
        return "destructive"
    if t.read_only:
        return "read"
    return "undoable" if tool in SELF_RECORDING else "other"


def plan_risk(calls: Sequence[Any], registry: Registry) -> Risk:
    """The riskiest call's class; `none` for the empty plan. Calls are `Call`s or {"tool": ...} dicts."""
    risks = [call_risk(c["tool"] if isinstance(c, Mapping) else c.tool, registry) for c in calls]
    return max(risks, key=RISKS.index, default="none")


@dataclass
class Gate:
    """The bar per risk class: a plan below its class's bar asks "Did you mean ...?"."""

    bars: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, thresholds: Mapping[str, float] | None, single: float | None) -> "Gate":
        """Per-class bars (a brain's calibration) or one bar for every asking class; none: never ask."""
        if single is not None:
            return cls({r: single for r in ASKING})
        return cls({r: float(v) for r, v in (thresholds or {}).items() if r in ASKING})

    @classmethod
    def calibrated(cls, thresholds: Mapping[str, float] | None, threshold: float | None) -> "Gate":
        """A brain's own gate: its calibration's bars per class, else its one threshold, else none."""
        return cls.of(thresholds, None) if thresholds else cls.of(None, threshold)

    def bar(self, risk: Risk) -> float:
        if risk not in ASKING:
            return 0.0
        return self.bars.get(risk, self.bars.get("other", 0.0))

    def sure(self, calls: Sequence[Any], confidence: float | None, registry: Registry) -> bool:
        return confidence is None or confidence >= self.bar(plan_risk(calls, registry))


def gate_table(rows: Sequence[tuple[Risk, float, bool]], gate: Gate) -> list[dict[str, Any]]:
    """Per risk class of the plans made (risk, confidence, right), and for all plans that call
    something: the bar, the share of right plans held back (asked about) and the share of the
    plans run unasked that were wrong."""
    out = []
    for risk in (*RISKS[1:], "all"):
        mine = [(ok, c >= gate.bar(r)) for r, c, ok in rows if r != "none" and risk in (r, "all")]
        if not mine:
            continue
        right = [runs for ok, runs in mine if ok]
        ran = [ok for ok, runs in mine if runs]
        out.append({"risk": risk, "plans": len(mine), "bar": gate.bar(risk) if risk != "all" else None,  # type: ignore[arg-type]
                    "right": len(right), "right_asked": round(right.count(False) / len(right), 4) if right else 0.0,
                    "ran_unasked": len(ran), "wrong_unasked": round(ran.count(False) / len(ran), 4) if ran else 0.0})
    return out


LOW_BAR_ERROR = 0.05  # undoable plans: at most this share of those run unasked may be wrong (undo takes them back)
HIGH_BAR_ERROR = 0.005  # other side effects and destructive calls: at most this share
# ...but a bar never holds back more than this share of the right plans of its class: where the
# confidence cannot tell right from wrong, a high bar asks about everything and catches little.
MOST_HELD = {"undoable": 0.05, "other": 0.10}


def choose_bars(rows: Sequence[tuple[Risk, float, bool]]) -> dict[str, float]:
    """The bars for (risk, confidence, right) rows of a calibration set: the lowest confidence at
    which, and above which, the plans of the class err at most LOW_BAR_ERROR (undoable) or
    HIGH_BAR_ERROR (other and destructive, chosen together: destructive plans are few, and keep
    their confirmation anyway), lowered where it would hold back more than MOST_HELD of the
    class's right plans."""
    from kayas.brain.confidence import choose_threshold

    def bar(classes: tuple[str, ...], max_error: float, most_held: float) -> float:
        mine = [(c, ok) for r, c, ok in rows if r in classes]
        if not mine:
            return 1.0
        by_error = choose_threshold([c for c, _ in mine], [ok for _, ok in mine], max_error)
        right = sorted(c for c, ok in mine if ok)
        by_coverage = right[int(most_held * len(right))] if right else 1.0  # holds back at most `most_held` of them
        return min(by_error, by_coverage)

    high = bar(("other", "destructive"), HIGH_BAR_ERROR, MOST_HELD["other"])
    return {"undoable": min(bar(("undoable",), LOW_BAR_ERROR, MOST_HELD["undoable"]), high), "other": high, "destructive": high}
