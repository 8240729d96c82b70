"""The static-cache Llama body (CUDA graphs on a GPU) computes what transformers computes."""
from __future__ import annotations

import pytest

from conftest import need_module

torch = need_module("torch", "make install-all")


def test_hidden_states_match_transformers_across_feeds_and_rollbacks(tiny_model_dir):
    from transformers import AutoModelForCausalLM

    from kayas.brain.static_llama import StaticLlama

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()
    ids = list(range(100, 160))
    with torch.inference_mode():
        ref = model.get_decoder()(input_ids=torch.tensor([ids])).last_hidden_state[0]  # (60, H)
    body = StaticLlama(model, max_len=128)
    a, b, c = body.feed(ids[:20]), body.feed(ids[20:21]), body.feed(ids[21:40])
    body.crop(30)  # roll back 10 positions, then feed them again with the rest
    d = body.feed(ids[30:60])
    got = torch.cat([a, b, c[:9], d])
    assert torch.allclose(got, ref, atol=1e-5)
    body.crop(0)
    with pytest.raises(ValueError, match="static cache"):
        body.feed(list(range(200)))


def test_the_planner_on_a_static_cache_plans_the_same(tiny_model_dir, tmp_path):
    from kayas.brain.decode import DecodeConfig
    from kayas.brain.planner import Planner, PlannerConfig
    from kayas.brain.static_llama import use_static_cache
    from kayas.testing.stand_ins import make_random_adapter

    adapter = make_random_adapter(tmp_path / "adapter", str(tiny_model_dir))
    planner = Planner.load(str(adapter), config=PlannerConfig(threads=1, decode=DecodeConfig(max_new_tokens=48)), engine="torch")
    commands = ["create a file called todo.txt", "open youtube and search for cats", "hello", "run df -h"]
    before = [planner.decode(c).tokens for c in commands]
    use_static_cache(planner.decoder, max_len=512)
    assert [planner.decode(c).tokens for c in commands] == before
