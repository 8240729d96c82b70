"""The planner beyond the default Llama in fp32: sliding-window models (Gemma 3), int8 weights
on the CPU, and base tokenizers that ship no chat template."""
from __future__ import annotations

import dataclasses

import pytest

from kayas.brain.decode import DecodeConfig
from kayas.brain.loader import _quantize_mode
from kayas.brain.planner import Planner, PlannerConfig
from kayas.errors import KayasError
from kayas.plan import parse_plan
from kayas.testing.stand_ins import make_random_adapter

COMMANDS = ["create a file called todo.txt with the text buy milk and eggs", "open youtube and search for cats", "hello there"]


def _decode(planner, **changes):
    decoder = planner.decoder
    saved = decoder.config
    decoder.config = dataclasses.replace(saved, **changes)
    try:
        return [decoder.decode(planner.prompt_ids(c), command=c).tokens for c in COMMANDS]
    finally:
        decoder.config = saved


@pytest.fixture(scope="module")
def gemma_planner(tmp_path_factory):
    from kayas.testing import make_tiny_gemma3

    base = make_tiny_gemma3(tmp_path_factory.mktemp("tiny-gemma"), sliding_window=4096)
    adapter = make_random_adapter(tmp_path_factory.mktemp("gemma-lora") / "adapter", str(base))
    return Planner.load(str(adapter), config=PlannerConfig(threads=1, decode=DecodeConfig(max_new_tokens=48)))


def test_sliding_window_model_reuses_its_cache_exactly(gemma_planner):
    """A cache with sliding-window layers is cropped back after every plan: that must work and change nothing."""
    fast = _decode(gemma_planner)
    assert fast == _decode(gemma_planner)  # a second pass over the cropped cache
    assert fast == _decode(gemma_planner, reuse_cache=False)
    assert fast == _decode(gemma_planner, fast_forward=False, draft=False)
    for c in COMMANDS:
        parse_plan(gemma_planner.plan_text(c), gemma_planner.registry)


def test_int8_weights_plan_valid_calls(tiny_model_dir, tmp_path):
    import torch

    adapter = make_random_adapter(tmp_path / "adapter", str(tiny_model_dir))
    planner = Planner.load(str(adapter), device="cpu", quantize="int8", config=PlannerConfig(threads=1, decode=DecodeConfig(max_new_tokens=48)))
    body = planner.brain.model.get_decoder()
    assert not any(type(m) is torch.nn.Linear for m in body.modules())  # every body linear is int8 now
    assert type(planner.brain.model.get_output_embeddings()) is torch.nn.Linear  # the head stays fp32
    for c in COMMANDS:
        parse_plan(planner.plan_text(c), planner.registry)
    # No exactness check against step-by-step decoding here: dynamic int8 scales the activations
    # of each forward pass as a whole, so feeding tokens together or one by one rounds differently.


def test_quantize_modes(monkeypatch):
    assert _quantize_mode(None, "cpu") == "none"
    assert _quantize_mode(None, "cuda") == "none"
    assert _quantize_mode("INT8", "cpu") == "int8"
    monkeypatch.setenv("KAYAS_QUANTIZE", "int8")
    assert _quantize_mode(None, "cpu") == "int8"
    with pytest.raises(KayasError, match="CPU only"):
        _quantize_mode("int8", "cuda")
    with pytest.raises(KayasError, match="one of"):
        _quantize_mode("int4", "cpu")


def test_base_tokenizer_without_template_gets_its_family_template(tiny_model_dir):
    from transformers import AutoTokenizer

    from kayas.models import repair_tokenizer
    from kayas.train.data import IGNORE, tokenize

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    tok.chat_template = None
    tok.add_special_tokens({"additional_special_tokens": ["<start_of_turn>", "<end_of_turn>"]})
    tok = repair_tokenizer(tok)
    messages = [{"role": "system", "content": "SYS"}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "[]"}]
    text = tok.apply_chat_template(messages, tokenize=False)
    assert text.endswith("<start_of_turn>user\nSYS\n\nhi<end_of_turn>\n<start_of_turn>model\n[]<end_of_turn>\n")
    example = tokenize(tok, messages, 512)
    learnt = tok.decode([t for t in example.labels if t != IGNORE])
    assert learnt == "[]<end_of_turn>"  # the plan and the end of turn, nothing of the prompt


def test_adapter_on_a_base_with_other_weights_is_refused(tiny_model_dir, tmp_path):
    """A GGUF dequantised differently (another transformers) must fail loudly, not plan garbage."""
    import json

    from kayas.brain.loader import AdapterError, load_brain

    adapter = make_random_adapter(tmp_path / "adapter", str(tiny_model_dir))
    load_brain(str(adapter), device="cpu")  # the recorded fingerprint matches its own base
    meta_path = adapter / "kayas_adapter.json"
    meta = json.loads(meta_path.read_text())
    assert meta["base_fingerprint"]
    meta["base_fingerprint"][0] += 0.5
    meta["transformers"] = "0.0-other"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(AdapterError, match="other weights.*0.0-other"):
        load_brain(str(adapter), device="cpu")


def test_copy_bias_keeps_fast_forward_exact_and_plans_valid(tiny_model_dir, tmp_path):
    """With the copy bias on, guessed tokens are still checked against the (biased) choice."""
    adapter = make_random_adapter(tmp_path / "adapter", str(tiny_model_dir))
    planner = Planner.load(str(adapter), device="cpu", config=PlannerConfig(threads=1, decode=DecodeConfig(max_new_tokens=48, copy_bonus=4.0)))
    biased = _decode(planner)
    assert biased == _decode(planner, fast_forward=False, draft=False)
    assert biased != _decode(planner, copy_bonus=0.0)  # the bias does change a random model's choices
    for c in COMMANDS:
        parse_plan(planner.plan_text(c), planner.registry)
