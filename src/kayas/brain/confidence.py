"""How sure the brain is of a plan: one number in [0, 1] from the choices it made.

The decoder records, at every position where the grammar allowed several tokens, the chosen
token's probability among the allowed ones (`kayas.brain.decode.Choice`). A plan is as sure
as its decisions: the first choice (`[]` or a call), the tool and action names, how many
calls and steps, and the least sure token of its argument text. `features` turns the choices
into log-probabilities per kind; a logistic calibration fitted on validation data (correct
vs wrong plans, `fit`) maps them to the probability that the plan is right. By default the
calibration is tied: one coefficient on the log of the product of the decision
probabilities and the least sure argument token's (Platt scaling of that product), which
keeps its ranking (the better one on held-out sets) and cannot overfit the features. The calibration
lives beside the adapter it was fitted for (`calibration.json` in the adapter folder); without
one, the confidence is the product of the decision probabilities and the least sure argument
token's, which ranks plans the same way but is not calibrated. A plan whose budget ran out or
whose text hit the length cap gets 0: it is never run without asking.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kayas.errors import KayasError

CALIBRATION_FILE = "calibration.json"
FEATURES = ("start", "tool", "more", "other", "value_min", "value_sum")
_FLOOR = math.log(1e-6)


def features(choices: Iterable[Any]) -> list[float]:
    """Log-probabilities per kind of choice, in the order of FEATURES."""
    sums = {"start": 0.0, "tool": 0.0, "more": 0.0, "other": 0.0, "value": 0.0}
    value_min = 0.0
    for c in choices:
        lp = max(_FLOOR, math.log(max(c.prob, 1e-12)))
        kind = "tool" if c.kind == "action" else c.kind
        sums[kind if kind in sums else "other"] += lp
        if kind == "value":
            value_min = min(value_min, lp)
    return [sums["start"], sums["tool"], sums["more"], sums["other"], value_min, sums["value"]]


@dataclass
class Calibration:
    """A logistic map from `features` to P(plan is right)."""

    weights: list[float]
    bias: float
    threshold: float | None = None  # the threshold chosen on validation data, if one was
    fitted_on: str = ""
    thresholds: dict[str, float] | None = None  # the bar per risk class (kayas.assistant.gate), if chosen

    def __call__(self, feats: Sequence[float]) -> float:
        z = self.bias + sum(w * f for w, f in zip(self.weights, feats))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / CALIBRATION_FILE
        data = {"features": list(FEATURES), "weights": self.weights, "bias": self.bias, "threshold": self.threshold,
                "thresholds": self.thresholds, "fitted_on": self.fitted_on}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: str | Path) -> "Calibration | None":
        """The calibration in an adapter folder, or None when it has none."""
        path = Path(folder) / CALIBRATION_FILE
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("features") != list(FEATURES):
                raise ValueError(f"features {data.get('features')} are not {list(FEATURES)}")
            weights = [float(w) for w in data["weights"]]
            threshold = data.get("threshold")
            bars = data.get("thresholds")
            bars = None if bars is None else {str(k): float(v) for k, v in dict(bars).items()}
            return cls(weights, float(data["bias"]), None if threshold is None else float(threshold), str(data.get("fitted_on", "")), bars)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KayasError(f"{path} is not a valid calibration: {exc}") from None


def confidence(result: Any, calibration: Calibration | None = None) -> float:
    """The plan's confidence in [0, 1] from a `DecodeResult`."""
    if result.truncated or getattr(result, "capped", False):
        return 0.0
    feats = features(result.choices)
    if calibration is not None:
        return calibration(feats)
    start, tool, more, other, value_min, _ = feats
    return math.exp(start + tool + more + other + value_min)


_TIED = (1.0, 1.0, 1.0, 1.0, 1.0, 0.0)  # start + tool + more + other + value_min: the log of the uncalibrated confidence


def fit(rows: Sequence[Sequence[float]], right: Sequence[bool], l2: float = 1e-2, steps: int = 50, tied: bool = True) -> Calibration:
    """Logistic regression (Newton's method with a little L2) of `right` on feature rows;
    `tied`: on one feature only, the log of the uncalibrated confidence (Platt scaling)."""
    if tied:
        one = fit([[sum(w * f for w, f in zip(_TIED, r))] for r in rows], right, l2, steps, tied=False)
        return Calibration([one.weights[0] * w for w in _TIED], one.bias)
    x = np.asarray(rows, dtype=np.float64)  # (N, F)
    y = np.asarray(right, dtype=np.float64)  # (N,)
    if len(x) == 0 or y.min() == y.max():
        raise KayasError("calibration needs both right and wrong plans in the data")
    xb = np.hstack([x, np.ones((len(x), 1))])  # (N, F+1)
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * l2
    reg[-1, -1] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -50, 50)))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(w)), grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration([float(v) for v in w[:-1]], float(w[-1]))


def coverage_table(confidences: Sequence[float], right: Sequence[bool], thresholds: Iterable[float]) -> list[dict[str, float]]:
    """For each threshold: the share of plans at or above it (coverage) and the error among them."""
    c = np.asarray(confidences, dtype=np.float64)
    r = np.asarray(right, dtype=bool)
    rows = []
    for t in thresholds:
        kept = c >= t
        n = int(kept.sum())
        rows.append(
            {
                "threshold": float(t),
                "coverage": round(n / len(c), 4) if len(c) else 0.0,
                "kept": n,
                "error": round(float((~r[kept]).sum()) / n, 4) if n else 0.0,
                "wrong_kept": int((~r[kept]).sum()),
            }
        )
    return rows


def choose_threshold(confidences: Sequence[float], right: Sequence[bool], max_error: float = 0.005) -> float:
    """The lowest threshold such that it, and every higher one, keeps the error of the plans
    it lets run at most `max_error` (scanned from the surest plans down, so a lucky stretch
    below a bad one does not set it); 1.0 when not even the surest plans are that good."""
    c = np.asarray(confidences, dtype=np.float64)
    r = np.asarray(right, dtype=bool)
    chosen = 1.0
    for t in sorted(set(c.tolist()), reverse=True):
        kept = c >= t
        if (~r[kept]).sum() / kept.sum() > max_error:
            break
        chosen = t
    return chosen
