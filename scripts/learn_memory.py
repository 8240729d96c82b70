"""Peak memory of `kayas learn`'s training step on its worst batch: the 8 longest examples of the mix.

    python3 scripts/learn_memory.py MICRO_BATCH LAYERS [ADAPTER]
Prints the peak resident memory after the mix, after loading the brain, and after each of two
steps (a step: the batch of 8 in micro-batches of MICRO_BATCH, then AdamW), with the seconds each
took (on a shared machine those are no benchmark). Run each setting in its own process: the peak
of a process never goes down.
"""
import sys
import time

import torch

from kayas.data.lesson import MixConfig, lesson, mix
from kayas.formats.adapter import AdapterInfo
from kayas.models import load_tokenizer
from kayas.registry import default_registry
from kayas.train import learn as L
from kayas.train.data import collate, targets

micro, layers = int(sys.argv[1]), int(sys.argv[2])
info = AdapterInfo.read(sys.argv[3] if len(sys.argv) > 3 else "src/kayas/brain/shipped")
registry = default_registry()
data = mix(lesson(info, registry), registry, MixConfig(new_examples=60, replay_examples=200, replay_pool=1500))
print(f"mix: peak {L.peak_rss_mb():.0f} MB", flush=True)
model, source = L.load_trainable(info)
L.freeze_below(model, layers)
print(f"loaded: peak {L.peak_rss_mb():.0f} MB", flush=True)
tokenizer = load_tokenizer(source)
rows = sorted(L._tokenised(data.train, tokenizer, 192), key=len)[-8:]
print("lengths", [len(r) for r in rows], flush=True)
pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
params = [p for p in model.parameters() if p.requires_grad]
optimizer = torch.optim.AdamW(params, lr=1e-3)
model.train()
for step in range(2):
    t = time.perf_counter()
    parts = [collate(rows[i:i + micro], False, pad) for i in range(0, len(rows), micro)]
    n = sum(targets(b) for b in parts)
    for part in parts:
        (L.loss_sum(model, part) / n).backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    L._trim()
    print(f"step {step} micro-batch {micro} layers {layers}: peak {L.peak_rss_mb():.0f} MB, {time.perf_counter() - t:.0f} s", flush=True)
