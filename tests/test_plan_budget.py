"""The plan budget: it follows the command and the tools, fits every labelled plan, and bounds
what a garbled command costs the shipped brain (counted in tokens and passes, never timed)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from kayas.brain.budget import PlanBudget, skeleton
from kayas.brain.evaluate import labelled_examples
from kayas.brain.grammar import plan_schema
from kayas.brain.loader import SHIPPED_DIR

DATA = Path(__file__).parent / "data"
SETS = ("handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl", "new_tools.jsonl", "people.jsonl")


def test_skeleton_takes_the_longest_branch_and_empty_values():
    schema = {
        "type": "object",
        "properties": {
            "tool": {"const": "browser.run_steps"},
            "args": {"type": "object", "properties": {"steps": {"type": "array", "items": {"anyOf": [
                {"type": "object", "properties": {"action": {"const": "goto"}, "args": {"type": "object", "properties": {"url": {"type": "string"}}}}},
                {"type": "object", "properties": {"action": {"const": "fill"}, "args": {"type": "object", "properties": {
                    "selector": {"type": "string"}, "value": {"type": "string"}}}}},
            ]}}, "n": {"type": "integer"}, "on": {"type": "boolean"}, "mode": {"enum": ["a", "long one"]}}},
        },
    }
    assert skeleton(schema) == {
        "tool": "browser.run_steps",
        "args": {"steps": [{"action": "fill", "args": {"selector": "", "value": ""}}], "n": 0, "on": False, "mode": "long one"},
    }


@pytest.fixture(scope="module")
def shipped_tokens():
    tokenizers = pytest.importorskip("tokenizers")
    tok = tokenizers.Tokenizer.from_file(str(SHIPPED_DIR / "tokenizer.json"))
    return lambda data: len(tok.encode(data.decode("utf-8") if isinstance(data, bytes) else data, add_special_tokens=False).ids)


def test_every_labelled_plan_fits_its_budget(shipped_tokens):
    """Every scored and test set: the budget must never cut a plan the brain is expected to write."""
    budget = PlanBudget.for_schema(plan_schema(), shipped_tokens)
    assert 40 <= budget.fixed <= 160
    examples = [ex for name in SETS for ex in labelled_examples(DATA / name)]
    assert len(examples) > 1000
    tight = min(budget.tokens(shipped_tokens(ex.command), ceiling=10**6) - shipped_tokens(ex.plan) for ex in examples)
    assert tight >= 8, f"a labelled plan comes within {tight} tokens of its budget"


def test_the_budget_grows_with_the_command_up_to_the_ceiling():
    budget = PlanBudget(80)
    assert budget.tokens(0) == 80 and budget.tokens(10) == 100
    assert budget.tokens(10_000) == 256 and budget.tokens(10, ceiling=90) == 90


def _garbled(seed: int, words: int) -> str:
    """A spoken command heard badly: real words and fragments, no plan in it."""
    rng = random.Random(seed)
    pieces = "uh the a fil creat notes um open tab search sent to mail milk buy and then the the of it so like".split()
    return " ".join(rng.choice(pieces) + ("" if rng.random() < 0.8 else rng.choice(["ing", "ed", ".txt", "s"])) for _ in range(words))


@pytest.mark.slow
def test_a_garbled_long_command_costs_the_shipped_brain_at_most_its_budget():
    from kayas.brain.decode import DecodeConfig
    from kayas.brain.planner import Planner, PlannerConfig

    planner = Planner.load(config=PlannerConfig(decode=DecodeConfig(max_seconds=0)))  # counted, not timed
    draft = planner.decoder.config.max_draft
    for seed, words in ((0, 60), (1, 150), (2, 300)):
        result = planner.decode(_garbled(seed, words))
        assert result.spent <= result.budget + draft
        assert result.forwards <= result.budget
        if result.truncated:
            assert result.text == "[]"
        planner.plan_result(_garbled(seed, words))  # parses and validates either way


def test_the_budget_counts_the_calls_of_a_plan_that_may_chain_a_reference():
    """The grammar's schema is a union of plain and chained plans (references): the budget must
    still see every call (it once saw none and gave up on every web search of the shipped brain)."""
    from kayas.brain.budget import PlanBudget
    from kayas.brain.grammar import plan_schema, with_references

    plain = PlanBudget.for_schema(plan_schema(), len)  # bytes for tokens: the shape is what counts here
    chained = PlanBudget.for_schema(with_references(plan_schema()), len)
    assert chained.fixed >= plain.fixed > 200
