# Round 5 (sourced by stage2.sh): train one brain on $DATA, then score it side by side on the GPU
# on every hand-written set (in scope and out of scope) and on $DATA/calib.jsonl (the set the
# confidence threshold is chosen on), writing each example's outcome (plan, confidence features);
# pack the adapter (fp16) with its scores into $OUT. One call does the whole round:
#   run 1: carry .whl .w/p1  -> bash scripts/device/stage1.sh
#   run 2: carry .w/p2 .w/data -> bash scripts/device/stage2.sh scripts/device/round5.sh
# NAME (run name) and ARGS (kayas train overrides) may be set before; the defaults are the shipped recipe.
set +e
R=/root/runs; mkdir -p $R
NAME=${NAME:-r5}
ARGS=${ARGS:---batch_size 128 --learning_rate 1.5e-3 --num_epochs 6 --lora_r 64 --lora_alpha 128}
/usr/bin/time -f "%e s wall" $KAYAS train --config configs/smollm2_h100.toml --data $DATA/train.jsonl --val $DATA/val.jsonl \
  --max_eval_examples 300 --out $R/$NAME $ARGS > $R/$NAME.log 2>&1
grep -a "trained" $R/$NAME.log | tail -1; tail -3 $R/$NAME.log | cut -c1-300
cp $R/$NAME.log $R/$NAME/train.log
bash scripts/device/pack.sh $R/$NAME $NAME  # the adapter first: it comes back even if the scoring runs out of time
mkdir -p $R/$NAME-scores
# The big sets go in shards, one process each (16 cores; the GPU is mostly idle per process).
mkdir -p /root/shards
for big in calib clinc_test; do
  [ -f $DATA/$big.jsonl ] && split -n l/${SHARDS:-6} -d --additional-suffix=.jsonl $DATA/$big.jsonl /root/shards/${big}_
done
for set in tests/data/handwritten.jsonl tests/data/handwritten_b.jsonl tests/data/out_of_scope.jsonl /root/shards/*.jsonl; do
  b=$(basename $set .jsonl)
  timeout ${EVAL_S:-300} $KAYAS eval --adapter $R/$NAME --data $set --json --show-misses --outcomes $R/$NAME-scores/outcomes_$b.jsonl \
    > $R/$NAME-scores/eval_$b.json 2>$R/$NAME-scores/eval_$b.err &
done
wait
python3 - $R/$NAME-scores <<'PY'
import json, sys
import glob, os
names = ["handwritten", "handwritten_b", "out_of_scope"] + sorted(os.path.basename(p)[5:-5] for p in glob.glob(f"{sys.argv[1]}/eval_*_0*.json"))
for f in names:
    try:
        d = json.load(open(f"{sys.argv[1]}/eval_{f}.json"))
        print(f, d["overall"], "p50", d["latency_p50_ms"], "budget", d.get("hit_budget"), "capped", d.get("capped"))
    except Exception as e:
        print(f, "ERR", e, open(f"{sys.argv[1]}/eval_{f}.err").read()[-400:])
PY
tar czf $OUT/$NAME-scores.tgz -C $R $NAME-scores
ls -la $OUT
