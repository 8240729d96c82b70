# score.sh RUN_DIR: the planner on the hand-written set and on (part of) val, on this GPU.
run=$1
$KAYAS eval --adapter $run --data tests/data/handwritten.jsonl --json --show-misses > $run/eval_handwritten.json 2>$run/eval_handwritten.err
$KAYAS eval --adapter $run --data runs/data/val.jsonl --limit 400 --json --show-misses > $run/eval_val.json 2>$run/eval_val.err
python3 - "$run" <<'PY'
import json, sys
for f in ("eval_handwritten", "eval_val"):
    try:
        d = json.load(open(f"{sys.argv[1]}/{f}.json"))
        print(sys.argv[1], f, d["overall"], d["latency_p50_ms"], d["latency_p95_ms"])
    except Exception as e:
        print(sys.argv[1], f, "ERR", e, open(f"{sys.argv[1]}/{f}.err").read()[-500:])
PY
