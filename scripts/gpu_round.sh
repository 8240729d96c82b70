#!/usr/bin/env bash
# One GPU round: train brains on the lent GPU machine and score them on every hand-written set.
#
# The GPU machine has no network and a call carries at most 64 MiB with the working tree, so the
# base models travel in parts over several calls made while the machine stays warm. The steps:
#
#   here:  bash scripts/gpu_round.sh pack [DATA_DIR]   # .w/: model parts, the data, wheels (git-ignored)
#   GPU:   bash scripts/gpu_round.sh stage N           # one call per part N=1..K (carry .w/pN [.w/whl])
#   GPU:   bash scripts/gpu_round.sh train NAME MODEL [kayas train overrides...]  # starts detached
#   GPU:   bash scripts/gpu_round.sh wait NAME...      # until those runs end (call again if it times out)
#   GPU:   bash scripts/gpu_round.sh score NAME...     # every scored tests/data/*.jsonl; scores (+ the adapters
#                                                       # named in KEEP, default all) to $OUT; NAME `shipped`
#                                                       # scores the shipped brain (carry .w/shipped-aside)
#
# pack prints the exact `run` calls (with their carry lists) for this checkout. The shipped adapter
# (39 MB) is the largest tracked file: pack moves it aside (to .w/shipped-aside) so that each call has
# room for a model part, and `bash scripts/gpu_round.sh restore` puts it back afterwards.
# Recipe defaults: the shipped brain's (round 6: LoRA r64/alpha 128, lr 1.5e-3, batch 128, 6 epochs).
set -euo pipefail
cd "$(dirname "$0")/.."
PART_MB=${PART_MB:-50}
RECIPE=(--batch_size 128 --learning_rate 1.5e-3 --num_epochs 6 --lora_r 64 --lora_alpha 128 --max_eval_examples 300)
W=/root/w           # on the GPU machine: parts, packages, runs (kept while the machine is warm)
ADAPTER=src/kayas/brain/shipped/adapter_model.safetensors

device_env() {
  export PYTHONPATH=$PWD/src:$W/pkgs${PYTHONPATH:+:$PYTHONPATH} KAYAS_HOME=/root/kh KAYAS_CACHE=/root/cache PYTHONUNBUFFERED=1
  [ -d $W/site ] && export PYTHONPATH=$PYTHONPATH:$W/site
  KAYAS="python3 -m kayas.cli.main"
}

case "${1:-}" in
pack)  # here: split both base GGUFs into parts, pack the data and the wheels the GPU image lacks
  data=${2:-runs/data}
  grep -qx '/.w/' .git/info/exclude || echo '/.w/' >> .git/info/exclude
  rm -rf .w/p* .w/data .w/whl && mkdir -p .w/data .w/whl
  [ -f "$ADAPTER" ] && mv "$ADAPTER" .w/shipped-aside
  py=.venv/bin/python
  : > .w/models.txt
  for m in ${MODELS:-smollm2 gemma3}; do  # MODELS: the bases this round trains (default both)
    f=$($py -c "from kayas.models import embedded_gguf; print(embedded_gguf('$m'))")
    pkg=$($py -c "from kayas.models import EMBEDDED; print(EMBEDDED['$m'][0])")
    echo "$pkg $(basename "$f") $(stat -c %s "$f") $(sha256sum "$f" | cut -c1-64)" >> .w/models.txt
    cat "$f"
  done | split -b "${PART_MB}m" -d -a 1 - .w/blob
  n=0; for f in .w/blob*; do n=$((n + 1)); mkdir -p .w/p$n; mv "$f" .w/p$n/part; done
  mv .w/models.txt .w/data/
  tar czf .w/data/data.tgz -C "$data" train.jsonl val.jsonl
  $py -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .w/whl \
    pydantic pydantic-core annotated-types typing-inspection llguidance gguf email-validator dnspython
  echo "$n parts; calls (each: run, carry as listed):"
  for i in $(seq 1 $n); do
    extra=""; [ "$i" = "$n" ] && extra=" \".w/whl\" \".w/data\""
    echo "  bash scripts/gpu_round.sh stage $i    carry [\".w/p$i\"$extra]"
  done
  ;;
restore)  # here: the shipped adapter back in place
  [ -f .w/shipped-aside ] && mv .w/shipped-aside "$ADAPTER"; git status --short "$ADAPTER"
  ;;
stage)  # GPU: keep part N; install the wheels; once all parts are here, rebuild and check both models
  mkdir -p $W/parts
  cp ".w/p$2/part" "$W/parts/$(printf %02d "$2")"
  if [ -d .w/whl ] && [ ! -d $W/site ]; then python3 -m pip install -q --no-index --no-deps --target $W/site .w/whl/*.whl; fi
  if [ -f .w/data/models.txt ]; then
    cat $W/parts/* > $W/blob && offset=0
    while read -r pkg file size sum; do  # cut the blob back into the models, laid out as their packages
      mkdir -p $W/pkgs/$pkg && touch $W/pkgs/$pkg/__init__.py
      tail -c +$((offset + 1)) $W/blob | head -c "$size" > $W/pkgs/$pkg/$file
      echo "$sum  $W/pkgs/$pkg/$file" | sha256sum -c
      offset=$((offset + size))
    done < .w/data/models.txt
    rm $W/blob && mkdir -p /root/data
    tar xzf .w/data/data.tgz -C /root/data
  fi
  ls -la $W/parts
  ;;
train)  # GPU: NAME MODEL [overrides]: one training run, detached so it outlives this call
  name=$2; model=$3; shift 3
  device_env; mkdir -p $W/runs
  setsid nohup bash -c "/usr/bin/time -f '%e s wall' $KAYAS train --config configs/smollm2_h100.toml --model $model \
    --data /root/data/train.jsonl --val /root/data/val.jsonl --out $W/runs/$name ${RECIPE[*]} $* > $W/runs/$name.log 2>&1; \
    echo exit \$? >> $W/runs/$name.log" < /dev/null > /dev/null 2>&1 &
  sleep 20; tail -c 600 $W/runs/$name.log
  ;;
wait)  # GPU: until the named runs end
  shift
  for name in "$@"; do
    until grep -q '^exit ' $W/runs/$name.log 2>/dev/null; do sleep 10; done
    tail -c 400 $W/runs/$name.log
  done
  ;;
score)  # GPU: every hand-written set for each run, side by side; adapters (fp16) and scores into $OUT
  shift; device_env
  for name in "$@"; do
    mkdir -p $W/runs/$name-scores
    adapter=(--adapter $W/runs/$name)
    if [ "$name" = shipped ]; then  # the shipped brain as a baseline: its weights travel as .w/shipped-aside
      cp .w/shipped-aside $ADAPTER && adapter=() && mkdir -p $W/runs/shipped
    fi
    for set in tests/data/*.jsonl; do
      head -c 300 "$set" | grep -q '"messages"' || continue  # scored sets only
      b=$(basename "$set" .jsonl)
      timeout "${EVAL_S:-400}" $KAYAS eval "${adapter[@]}" --data "$set" --json --show-misses \
        --outcomes $W/runs/$name-scores/outcomes_$b.jsonl > $W/runs/$name-scores/eval_$b.json 2> $W/runs/$name-scores/eval_$b.err &
    done
  done
  wait
  for name in "$@"; do
    python3 - $W/runs/$name-scores "$name" <<'PY'
import glob, json, os, sys
for f in sorted(glob.glob(f"{sys.argv[1]}/eval_*.json")):
    try:
        d = json.load(open(f))
        print(sys.argv[2], os.path.basename(f)[5:-5], d["overall"], "p50", d.get("latency_p50_ms"))
    except Exception as e:
        print(sys.argv[2], os.path.basename(f), "ERR", e, open(f[:-5] + ".err").read()[-300:])
PY
    cp $W/runs/$name.log $W/runs/$name/train.log 2>/dev/null || true
    python3 - $W/runs/$name <<'PY'
import pathlib, sys, torch
from safetensors.torch import load_file, save_file
p = pathlib.Path(sys.argv[1]) / "adapter_model.safetensors"
if p.exists():
    save_file({k: v.to(torch.float16) for k, v in load_file(p).items()}, p)
PY
    tar czf $OUT/$name-scores.tgz -C $W/runs $name-scores
    [ "$name" = shipped ] && continue
    case " ${KEEP:-$*} " in *" $name "*) ;; *) continue ;; esac  # KEEP: the runs whose adapters come back (default all)
    tar czf /tmp/$name.tgz -C $W/runs $name
    if [ "$(stat -c %s /tmp/$name.tgz)" -gt 15500000 ]; then split -b 15000000 -d /tmp/$name.tgz "$OUT/$name.tgz.part"; else cp /tmp/$name.tgz "$OUT/"; fi
  done
  ls -la $OUT
  ;;
*) sed -n '2,17p' "$0"; exit 2 ;;
esac
