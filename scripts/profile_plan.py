"""Profile the planner's decoder on the hand-written commands: model time against the decoder's own.

CPU time (`time.process_time`), so other work on the machine does not inflate it; run with
KAYAS_THREADS=1 so the model's CPU time is one thread's. Usage:

    KAYAS_THREADS=1 .venv/bin/python scripts/profile_plan.py [N] [PLANS.json]

prints per-pass figures and the 30 costliest functions; PLANS.json (optional) receives the plan
texts, to check that a speed change left every plan as it was.
"""
from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

from kayas.brain.decode import DecodeConfig
from kayas.brain.evaluate import labelled_examples
from kayas.brain.planner import Planner, PlannerConfig

SETS = ("handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    data = Path(__file__).resolve().parents[1] / "tests" / "data"
    planner = Planner.load(engine="llamacpp", config=PlannerConfig(decode=DecodeConfig(max_seconds=0)))  # counted, not cut
    commands = [ex.command for name in SETS for ex in labelled_examples(data / name)][:n]
    for command in commands[:3]:
        planner.decode(command)
    profile = cProfile.Profile(time.process_time)
    texts, passes = [], 0
    profile.enable()
    for command in commands:
        result = planner.decode(command)
        texts.append(result.text)
        passes += result.forwards
    profile.disable()
    stats = pstats.Stats(profile)
    model = sum(v[2] for k, v in stats.stats.items() if k[2] == "feed")  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"load average {os.getloadavg()}; {len(commands)} commands, {passes} passes; CPU ms per pass: "
          f"model {model * 1000 / passes:.1f}, decoder {(total - model) * 1000 / passes:.1f}")
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
