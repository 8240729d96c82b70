# score2.sh RUN_DIR: the planner on both hand-written sets and on the first $VAL_N val examples, on this GPU.
run=$1
for set in handwritten handwritten_b; do
  $KAYAS eval --adapter $run --data tests/data/$set.jsonl ${EVAL_LIMIT:+--limit $EVAL_LIMIT} --json --show-misses > $run/eval_$set.json 2>$run/eval_$set.err
done
$KAYAS eval --adapter $run --data $DATA/val.jsonl --limit ${VAL_N:-300} --json --show-misses > $run/eval_val.json 2>$run/eval_val.err
python3 - "$run" <<'PY'
import json, sys
for f in ("eval_handwritten", "eval_handwritten_b", "eval_val"):
    try:
        d = json.load(open(f"{sys.argv[1]}/{f}.json"))
        print(sys.argv[1], f, d["overall"], d["latency_p50_ms"], d["latency_p95_ms"])
    except Exception as e:
        print(sys.argv[1], f, "ERR", e, open(f"{sys.argv[1]}/{f}.err").read()[-500:])
PY
