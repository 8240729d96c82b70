"""GPU: the planner through transformers (dynamic cache, eager) against the same planner on a
static cache replayed as CUDA graphs (kayas.brain.static_llama), same brain, same commands, one run.

    python3 scripts/gpu_bench.py ADAPTER OUT.json [DEVICE [LIMIT]]
Prints p50/p95 per command on both hand-written sets, forward passes and ms per pass, the share
of identical plans and exact_match of each.
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

from kayas.brain.evaluate import labelled_examples, percentile
from kayas.brain.planner import Planner
from kayas.brain.static_llama import use_static_cache
from kayas.plan import parse_plan


def run(planner, examples):
    out = []
    for ex in examples:
        r = planner.decode(ex.command)
        got = [c.as_json() for c in parse_plan(r.text, planner.registry)]
        if device == "cuda":
            torch.cuda.synchronize()
        out.append({"text": r.text, "ms": r.seconds * 1000, "forwards": r.forwards, "exact": got == [c.as_json() for c in ex.calls()],
                    "forward_ms": r.timings.forward * 1000})
    return out


def summary(rows):
    ms = [r["ms"] for r in rows]
    passes = sum(r["forwards"] for r in rows)
    return {"p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2), "exact_match": round(sum(r["exact"] for r in rows) / len(rows), 4),
            "forwards_mean": round(passes / len(rows), 2), "ms_per_pass": round(sum(r["forward_ms"] for r in rows) / passes, 3)}


adapter, out_path = sys.argv[1], sys.argv[2]
device = sys.argv[3] if len(sys.argv) > 3 else "cuda"
limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
sets = {name: labelled_examples(f"tests/data/{name}.jsonl")[:limit] for name in ("handwritten", "handwritten_b")}
planner = Planner.load(adapter, device=device)
for ex in list(sets["handwritten"])[:8]:
    planner.decode(ex.command)  # warm-up
import torch

result = {"device": torch.cuda.get_device_name() if device == "cuda" else "cpu"}
before = {n: run(planner, ex) for n, ex in sets.items()}
t0 = time.perf_counter()
use_static_cache(planner.decoder)
for ex in list(sets["handwritten"])[:8]:
    planner.decode(ex.command)  # capture the graphs
result["graph_setup_s"] = round(time.perf_counter() - t0, 2)
after = {n: run(planner, ex) for n, ex in sets.items()}
for n in sets:
    result[n] = {"eager": summary(before[n]), "graphs": summary(after[n]),
                 "identical_plans": round(sum(a["text"] == b["text"] for a, b in zip(before[n], after[n])) / len(before[n]), 4)}
both_b, both_a = before["handwritten"] + before["handwritten_b"], after["handwritten"] + after["handwritten_b"]
result["all"] = {"eager": summary(both_b), "graphs": summary(both_a), "speedup_p50": round(summary(both_b)["p50_ms"] / summary(both_a)["p50_ms"], 2)}
json.dump(result, open(out_path, "w"), indent=1)
print(json.dumps(result, indent=1))
