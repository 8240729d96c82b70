# Experiment 1 (sourced by stage2.sh): LoRA r16 (configs/smollm2_h100.toml), LoRA r32 x5 epochs,
# full fine-tuning; each scored on the hand-written set and on val; train + plan benchmarks.
set +e -x
R=/root/runs; mkdir -p $R
D="--data runs/data/train.jsonl --val runs/data/val.jsonl"
score() {  # score RUN: eval on the hand-written set and on val, into the run folder
  $KAYAS eval --adapter $R/$1 --data tests/data/handwritten.jsonl --json --show-misses > $R/$1/eval_handwritten.json 2>$R/$1/eval_handwritten.err
  $KAYAS eval --adapter $R/$1 --data runs/data/val.jsonl --limit 600 --json --show-misses > $R/$1/eval_val.json 2>$R/$1/eval_val.err
  python3 -c "import json,sys
for f in ['eval_handwritten','eval_val']:
    try: d=json.load(open('$R/$1/'+f+'.json')); print('$1',f,{k:d[k] for k in d if not isinstance(d[k],(list,dict))})
    except Exception as e: print('$1',f,'ERR',e)"
}
time $KAYAS train --config configs/smollm2_h100.toml $D --out $R/lora16 > $R/lora16.log 2>&1; tail -3 $R/lora16.log
score lora16; bash scripts/device/pack.sh $R/lora16 lora16
time $KAYAS train --config configs/smollm2_h100.toml $D --out $R/lora32 --lora_r 32 --lora_alpha 64 --num_epochs 5 > $R/lora32.log 2>&1; tail -3 $R/lora32.log
score lora32; bash scripts/device/pack.sh $R/lora32 lora32
time $KAYAS train --config configs/smollm2_h100.toml $D --out $R/full --method full --learning_rate 1e-4 > $R/full.log 2>&1; tail -3 $R/full.log
score full; bash scripts/device/pack.sh $R/full full --no-weights
$KAYAS bench train --config configs/smollm2_h100.toml --data runs/data/train.jsonl --steps 100 --json > $OUT/bench_train.json 2>$R/bench_train.err; cat $OUT/bench_train.json; tail -3 $R/bench_train.err
$KAYAS bench plan --adapter $R/lora16 --json > $OUT/bench_plan.json 2>$R/bench_plan.err; cat $OUT/bench_plan.json; tail -3 $R/bench_plan.err
