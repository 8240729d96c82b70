#!/usr/bin/env bash
# GPU machine, call 1 of 2: first half of the embedded GGUF (a call carries at most 64 MiB) + wheels.
# Run with carry [".w/1", ".whl"]. The second call must follow while the machine is warm.
set -euo pipefail
mkdir -p /root/w
cp .w/1/part00 /root/w/
python3 -m pip install --no-deps -q .whl/*.whl 2>&1 | grep -v WARNING || true
echo "stage1 ok: $(ls -la /root/w)"
