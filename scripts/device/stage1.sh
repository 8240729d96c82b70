#!/usr/bin/env bash
# GPU machine: keep the GGUF parts a call carried (.w/*/gp*: a call carries at most 64 MiB with the
# working tree, so the 98 MB file goes in 26 MB parts over several calls made while the machine is
# warm), and install the carried wheels once.
set -euo pipefail
mkdir -p /root/w
cp .w/*/gp* /root/w/
[ -d .whl ] && python3 -m pip install --no-deps -q .whl/*.whl 2>&1 | grep -v WARNING || true
ls -la /root/w
