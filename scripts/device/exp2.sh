# Experiment 2 (sourced by stage2.sh; NAME and ARGS from the environment): one training run on the
# round-2 data, scored on the hand-written set and val, packed into $OUT.
set +e
R=/root/runs; mkdir -p $R
/usr/bin/time -f "%e s wall" $KAYAS train --config configs/smollm2_h100.toml --data runs/data/train.jsonl --val runs/data/val.jsonl --max_eval_examples 400 --out $R/$NAME $ARGS > $R/$NAME.log 2>&1
grep -a "trained" $R/$NAME.log | tail -1; tail -2 $R/$NAME.log | cut -c1-300
bash scripts/device/score.sh $R/$NAME
cp $R/$NAME.log $R/$NAME/train.log
bash scripts/device/pack.sh $R/$NAME $NAME
