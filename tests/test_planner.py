"""The planner on tiny models: always-valid output, and speed tricks that change nothing but speed.

Every test that takes `planner` or `learnt` runs once per engine: torch on the tiny model, and
llama.cpp on the same model written as a GGUF (`kayas.engines.gguf_brain`, the runtime's path).
"""
from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import needs
from kayas.bench.plan import bench_commands
from kayas.brain.decode import DecodeConfig
from kayas.brain.loader import AdapterError
from kayas.brain.planner import CommandError, Planner, PlannerConfig, clean_command
from kayas.engines.factory import installed
from kayas.errors import KayasError
from kayas.plan import Call, dumps_plan, parse_plan
from kayas.testing.stand_ins import make_overfit_brain, make_random_adapter

COMMANDS = ["create a file called todo.txt", "open youtube and search for cats", "hello", "run df -h", "copy 555 0199"]


@pytest.fixture(scope="module")
def random_adapter(tiny_model_dir, tmp_path_factory):
    return make_random_adapter(tmp_path_factory.mktemp("lora") / "adapter", str(tiny_model_dir))


ENGINES = [
    "torch",
    pytest.param("llamacpp", marks=needs("llama-cpp-python", installed("llamacpp"), "make install")),
]


@pytest.fixture(scope="module", params=ENGINES)
def planner(request, random_adapter):
    # No wall-clock guard here: a busy machine must not change which plans are compared.
    return Planner.load(str(random_adapter), config=PlannerConfig(threads=1, decode=DecodeConfig(max_new_tokens=32, max_seconds=0)), engine=request.param)


@pytest.fixture(scope="module")
def learnt_brain(tiny_model_dir, tmp_path_factory):
    """A tiny model that recites three plans: guesses get confirmed, as with a trained brain."""
    import torch

    pairs = [bench_commands()[i] for i in (0, 1, 5)]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        out = make_overfit_brain(tiny_model_dir, tmp_path_factory.mktemp("learnt") / "brain", pairs, steps=150, lr=5e-3)
    finally:
        torch.set_num_threads(threads)
    return out, pairs


@pytest.fixture(scope="module", params=ENGINES)
def learnt(request, learnt_brain):
    out, pairs = learnt_brain
    return Planner.load(str(out), config=PlannerConfig(threads=1), engine=request.param), pairs


def decode_all(planner: Planner, commands, **changes):
    """Decode every command with the decoder's config changed as given, then restore it."""
    decoder = planner.decoder
    saved = decoder.config
    decoder.config = dataclasses.replace(saved, **changes)
    try:
        return [decoder.decode(planner.prompt_ids(c), command=c) for c in commands]
    finally:
        decoder.config = saved


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.text(min_size=1, max_size=60).filter(lambda s: s.strip()), temperature=st.sampled_from([0.0, 0.7, 1.5]))
@example(command="0000\u00ca10", temperature=0.7)  # once gave "seconds":-0 (a float field) on the llama.cpp engine
def test_every_output_parses_and_validates(planner, command, temperature):
    try:
        clean_command(command)
    except CommandError:
        return  # junk is refused before the model, tested below
    (result,) = decode_all(planner, [command], temperature=temperature, seed=len(command))
    calls = parse_plan(result.text, planner.registry)
    assert all(isinstance(c, Call) for c in calls)
    # The canonical text, defaults written out, keys in order; a number may be spelt as the model wrote it
    # (the grammar's JSON number lets a float field hold "5" or "-0", which read back as 5.0 and 0.0).
    in_order = lambda text: json.loads(text, object_pairs_hook=list)
    assert in_order(dumps_plan(calls)) == in_order(result.text)


def test_fast_forward_gives_the_tokens_of_step_by_step_decoding(planner):
    fast = decode_all(planner, COMMANDS)
    slow = decode_all(planner, COMMANDS, fast_forward=False)
    assert [r.tokens for r in fast] == [r.tokens for r in slow]
    assert sum(r.forwards for r in fast) < sum(r.forwards for r in slow)


def test_cache_reuse_gives_the_same_output_as_no_reuse(planner):
    reused = decode_all(planner, COMMANDS)
    fresh = decode_all(planner, COMMANDS, reuse_cache=False)
    assert [r.tokens for r in reused] == [r.tokens for r in fresh]
    assert all(r.prompt_tokens < f.prompt_tokens for r, f in zip(reused, fresh))
    again = decode_all(planner, COMMANDS[:1])  # the prefix cache is intact after use
    assert again[0].tokens == reused[0].tokens


def test_the_longest_common_prefix_with_the_last_command_is_reused(planner):
    decode_all(planner, ["open the calculator"])  # the cache holds another command first, whatever ran before
    first, same, longer = decode_all(planner, [COMMANDS[0], COMMANDS[0], COMMANDS[0] + " in my documents"])
    assert same.prompt_tokens == 1 and same.tokens == first.tokens  # only the last prompt token is fed again
    (fresh,) = decode_all(planner, [COMMANDS[0] + " in my documents"], reuse_cache=False)
    assert longer.prompt_tokens < first.prompt_tokens and longer.tokens == fresh.tokens


def test_narrow_masks_come_from_a_cache_that_changes_nothing(planner):
    planner.decoder._masks.clear()
    none = decode_all(planner, COMMANDS, mask_cache=False)
    cold = decode_all(planner, COMMANDS)
    assert planner.decoder._masks and all(len(ids) <= 4096 for ids in planner.decoder._masks.values())
    warm = decode_all(planner, COMMANDS)
    assert [r.tokens for r in warm] == [r.tokens for r in cold] == [r.tokens for r in none]


def test_a_plan_over_the_budget_gives_up_with_nothing_to_run(planner):
    (result,) = decode_all(planner, ["write a long story"], max_new_tokens=10)
    assert result.truncated and not result.timed_out and result.budget == 10
    assert result.text == "[]" and parse_plan(result.text, planner.registry) == []
    assert 10 <= result.spent <= 10 + planner.decoder.config.max_draft


def test_the_budget_follows_the_command(planner):
    short, long = decode_all(planner, ["hi", "hi " * 40], max_new_tokens=256)
    fixed = planner.decoder.budget.fixed
    assert fixed > 0 and short.budget == fixed + 2 * len(planner.tokenizer.encode("hi"))
    assert long.budget > short.budget


def test_the_budget_gives_the_same_verdict_with_and_without_fast_forward(planner):
    """A plan fits when its whole token count does, however many tokens a pass confirmed."""
    for budget in (12, 18, 24):
        fast = decode_all(planner, COMMANDS, max_new_tokens=budget)
        slow = decode_all(planner, COMMANDS, max_new_tokens=budget, fast_forward=False)
        assert [(r.text, r.truncated) for r in fast] == [(r.text, r.truncated) for r in slow]


def test_the_wall_clock_guard_gives_up_cleanly(planner):
    (result,) = decode_all(planner, ["create a file called todo.txt and write a long story in it"], max_seconds=1e-6)
    assert result.truncated and result.timed_out and result.text == "[]"
    assert planner.confidence(result) == 0.0
    (after,) = decode_all(planner, ["create a file called todo.txt"])  # the engine's cache is back at the prefix
    (fresh,) = decode_all(planner, ["create a file called todo.txt"], reuse_cache=False)
    assert after.tokens == fresh.tokens


def test_following_a_known_plan_reproduces_its_training_tokens(planner):
    decoder = planner.decoder
    saved, decoder.config = decoder.config, dataclasses.replace(decoder.config, max_new_tokens=256)
    try:
        for command, plan in bench_commands():
            result = decoder.decode(planner.prompt_ids(command), command=command, target=plan)
            assert result.text == plan
            assert result.tokens == planner.tokenizer.encode(plan)
            assert result.forwards < len(result.tokens) / 2
    finally:
        decoder.config = saved


@pytest.mark.slow
def test_guesses_confirmed_by_a_learnt_model_change_nothing_but_speed(learnt):
    planner, pairs = learnt
    commands = [c for c, _ in pairs]
    fast = decode_all(planner, commands)
    step = decode_all(planner, commands, fast_forward=False)
    no_draft = decode_all(planner, commands, draft=False)
    assert [r.text for r in fast] == [p for _, p in pairs]  # it learnt them
    assert [r.tokens for r in fast] == [r.tokens for r in step] == [r.tokens for r in no_draft]
    assert sum(r.drafted for r in fast) > 0
    assert sum(r.forwards for r in fast) < sum(r.forwards for r in no_draft) < sum(r.forwards for r in step)


@pytest.mark.parametrize(
    "command,message",
    [("", "empty command"), ("   \n\t ", "empty command"), ("a" * 10_000, "too long"),
     ("\x00\x01binary", "not text"), ("".join(chr(c) for c in range(1, 31)) * 3, "not text")],
)
def test_bad_commands_are_refused(planner, command, message):
    with pytest.raises(CommandError, match=message):
        planner.plan(command)


def test_command_is_cleaned_to_one_line():
    assert clean_command("  create\n a   file\t ") == "create a file"
    assert clean_command("café ☕ ok") == "café ☕ ok"


def test_adapter_problems_are_clear(tmp_path, random_adapter, tiny_model_dir, monkeypatch):
    from kayas.brain import loader
    from kayas.testing import make_tiny_model

    monkeypatch.delenv("KAYAS_ADAPTER", raising=False)
    monkeypatch.setattr(loader, "SHIPPED_DIR", tmp_path / "nothing-shipped")
    with pytest.raises(AdapterError, match="no brain to plan with"):
        Planner.load()
    with pytest.raises(AdapterError, match="not found"):
        Planner.load(str(tmp_path / "missing"))
    with pytest.raises(AdapterError, match="kayas_adapter.json"):
        Planner.load(str(tiny_model_dir))
    bad = tmp_path / "bad"
    shutil.copytree(random_adapter, bad)
    (bad / "kayas_adapter.json").write_text(json.dumps({"format": 99}))
    with pytest.raises(AdapterError, match="format"):
        Planner.load(str(bad))
    other = make_tiny_model(tmp_path / "other", hidden=32)
    with pytest.raises(AdapterError, match="does not fit"):
        Planner.load(str(random_adapter), model=str(other))
    with pytest.raises(KayasError, match="cannot load|not a model"):
        Planner.load(str(random_adapter), model=str(tmp_path / "bad" / "kayas_adapter.json"))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def test_free_text_is_capped_at_what_the_command_can_account_for(planner):
    """A sampling random model writes long strings; the cap closes each and the plan goes on."""
    command = "hi there"
    longest = max(len(b) for b in planner.decoder.token_bytes)
    cut = [r for seed in range(8) for r in decode_all(planner, [command], temperature=1.5, max_new_tokens=200, budget_per_token=0, string_slack=4, seed=seed)]
    free = [r for seed in range(8) for r in decode_all(planner, [command], temperature=1.5, max_new_tokens=200, budget_per_token=0, string_slack=-1, seed=seed)]
    assert any(r.truncated for r in free) and not any(r.truncated for r in cut)
    assert any(r.capped for r in cut)
    for r in cut:
        calls = parse_plan(r.text, planner.registry)
        for s in _strings([c.args for c in calls]):
            assert len(json.dumps(s, ensure_ascii=False)) - 2 <= len(command) + 4 + longest
    assert sum(r.spent for r in cut) < sum(r.spent for r in free)  # a free plan over the budget answers [] after spending it


def test_the_cap_keeps_fast_forward_exact(planner):
    steps = decode_all(planner, COMMANDS, fast_forward=False, string_slack=2)
    fast = decode_all(planner, COMMANDS, string_slack=2)
    assert [r.tokens for r in fast] == [r.tokens for r in steps]


def test_every_choice_is_recorded_with_its_probability(planner):
    (result,) = decode_all(planner, ["create a file called todo.txt"])
    assert result.choices and result.choices[0].kind == "start"
    assert all(0.0 < c.prob <= 1.0 and c.allowed > 1 for c in result.choices)
    score = planner.confidence(result)
    assert 0.0 <= score <= 1.0


def test_a_plan_cut_by_the_budget_has_no_confidence(planner):
    (result,) = decode_all(planner, ["write a long story"], max_new_tokens=10)
    assert result.truncated and planner.confidence(result) == 0.0


def test_a_recited_plan_is_surer_than_a_random_one(learnt, planner):
    model, pairs = learnt
    recited = [model.plan_result(c).confidence for c, _ in pairs]
    random = [planner.plan_result(c).confidence for c, _ in pairs]
    assert min(recited) > 0.5
    assert max(random) < min(recited)
