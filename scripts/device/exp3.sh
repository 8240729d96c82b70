# Experiment 3 (sourced by stage2.sh): several training runs side by side on one GPU (a 135M-270M
# model leaves most of an H100 idle), each then scored (score2.sh) and packed into $OUT.
# RUNS: "name|config args" entries separated by ';'. DATA: folder with train.jsonl and val.jsonl.
set +e
R=/root/runs; mkdir -p $R
one() {  # one NAME ARGS...
  local name=$1; shift
  /usr/bin/time -f "%e s wall" $KAYAS train --config configs/smollm2_h100.toml --data $DATA/train.jsonl --val $DATA/val.jsonl --max_eval_examples 300 --out $R/$name "$@" > $R/$name.log 2>&1
  { grep -a "trained" $R/$name.log | tail -1; tail -2 $R/$name.log | cut -c1-300; } > $R/$name.summary
  bash scripts/device/score2.sh $R/$name >> $R/$name.summary 2>&1
  cp $R/$name.log $R/$name/train.log
  bash scripts/device/pack.sh $R/$name $name ${PACK_ARGS[$name]:-}
}
declare -A PACK_ARGS
IFS=';' read -ra ENTRIES <<< "$RUNS"
for e in "${ENTRIES[@]}"; do
  name=${e%%|*}; args=${e#*|}
  [[ " $args " == *" --method full "* ]] && PACK_ARGS[$name]=--no-weights
  one $name $args &
  sleep 2
done
wait
for e in "${ENTRIES[@]}"; do echo "== ${e%%|*}"; cat $R/${e%%|*}.summary; done
ls -la $OUT
