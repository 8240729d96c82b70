#!/usr/bin/env bash
# pack.sh RUN_DIR NAME [--no-weights]: RUN_DIR as $OUT/NAME.tgz (split into 15 MB parts if larger),
# the adapter stored in fp16 (half the bytes; LoRA factors are small numbers fp16 holds well).
set -euo pipefail
dir=$1; name=$2; shift 2
python3 - "$dir" <<'PY'
import sys, pathlib, torch
from safetensors.torch import load_file, save_file
p = pathlib.Path(sys.argv[1]) / "adapter_model.safetensors"
if p.exists():
    t = load_file(p)
    save_file({k: v.to(torch.float16) for k, v in t.items()}, p)
PY
excl=()
[ "${1:-}" = "--no-weights" ] && excl=(--exclude='model*.safetensors' --exclude='merged')
tar czf /tmp/$name.tgz "${excl[@]}" -C "$(dirname "$dir")" "$(basename "$dir")"
if [ "$(stat -c %s /tmp/$name.tgz)" -gt 15500000 ]; then
  split -b 15000000 -d /tmp/$name.tgz "$OUT/$name.tgz.part"
else
  cp /tmp/$name.tgz "$OUT/"
fi
