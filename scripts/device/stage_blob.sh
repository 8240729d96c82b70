#!/usr/bin/env bash
# GPU machine, one call per part: keep the part of the model blob this call carried (.w/p*/bp*:
# both GGUFs end to end, cut so that each call stays under 64 MiB), install the wheels once.
set -euo pipefail
mkdir -p /root/w
cp .w/p*/bp* /root/w/
python3 -c "import llguidance, gguf" 2>/dev/null || python3 -m pip install --no-deps -q .whl/*.whl 2>&1 | grep -v WARNING || true
ls /root/w
