# Benchmarks on the GPU (sourced by stage2.sh): training throughput against the seed's recipe, and
# the planner against plain generate, with the adapter trained in this session ($ADAPTER).
set +e
$KAYAS bench train --config configs/smollm2_h100.toml --data runs/data/train.jsonl --steps 100 --json > $OUT/bench_train.json 2>/root/bench_train.err
cat $OUT/bench_train.json; tail -2 /root/bench_train.err | cut -c1-300
$KAYAS bench plan --adapter $ADAPTER --n 64 > $OUT/bench_plan.txt 2>/root/bench_plan.err
$KAYAS bench plan --adapter $ADAPTER --n 64 --json > $OUT/bench_plan.json 2>>/root/bench_plan.err
cat $OUT/bench_plan.txt $OUT/bench_plan.json; tail -2 /root/bench_plan.err | cut -c1-300
