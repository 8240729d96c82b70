"""How well the confidence and the gate work on scored sets, from `kayas eval --outcomes` files.

For each outcomes file: AUROC (right vs wrong plans ranked by confidence), the expected
calibration error (10 bins) and the gate table per risk class (kayas.assistant.gate), with the
confidence recomputed from each plan's features by a brain's calibration.json, so one eval run
serves any calibration:

    .venv/bin/kayas eval --data tests/data/people.jsonl --outcomes runs/out/people.jsonl
    .venv/bin/python scripts/gate_report.py --calibration src/kayas/brain/shipped runs/out/*.jsonl
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from kayas.assistant.gate import Gate, gate_table, plan_risk
from kayas.brain.confidence import Calibration
from kayas.errors import KayasError
from kayas.registry import default_registry


def auroc(scores: list[float], right: list[bool]) -> float:
    pos = [s for s, ok in zip(scores, right) if ok]
    neg = [s for s, ok in zip(scores, right) if not ok]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def ece(scores: list[float], right: list[bool], bins: int = 10) -> float:
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mine = [(s, ok) for s, ok in zip(scores, right) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if mine:
            total += len(mine) / len(scores) * abs(sum(s for s, _ in mine) / len(mine) - sum(ok for _, ok in mine) / len(mine))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outcomes", nargs="+", help="JSONL files written by `kayas eval --outcomes`")
    ap.add_argument("--calibration", help="an adapter folder whose calibration.json re-scores the plans (default: the confidence as recorded)")
    args = ap.parse_args()
    registry = default_registry()
    cal = Calibration.load(args.calibration) if args.calibration else None
    gate = Gate.calibrated(cal.thresholds, cal.threshold) if cal else Gate()
    print(f"bars: {gate.bars or 'none'}")
    pooled: list[tuple] = []
    for path in args.outcomes:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
        scored = []
        for r in rows:
            c = 0.0 if r["truncated"] or r["capped"] else (cal(r["features"]) if cal else r["confidence"])
            scored.append((plan_risk(r["got"], registry), c, bool(r["exact"])))
        pooled += scored
        report(Path(path).stem, scored, gate)
    if len(args.outcomes) > 1:
        report("all", pooled, gate)


def report(name: str, scored: list[tuple], gate: Gate) -> None:
    conf, right = [c for _, c, _ in scored], [ok for *_, ok in scored]
    print(f"\n{name}: {len(scored)} plans, {sum(right) / len(right):.1%} right, AUROC {auroc(conf, right):.3f}, ECE {ece(conf, right):.3f}")
    for row in gate_table(scored, gate):
        bar = "" if row["bar"] is None else f" bar {row['bar']:.4f}"
        print(f"  {row['risk']:<12}{row['plans']:>5} plans{bar}: right plans asked {row['right_asked']:.1%}, "
              f"run unasked {row['ran_unasked']}, wrong among them {row['wrong_unasked']:.1%}")


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, KeyError, KayasError) as exc:  # a missing or malformed outcomes file: one line
        raise SystemExit(f"error: {exc}") from None
