"""dice.roll: the rolls, the one-line refusals, its schema as the grammar sees it, and its phrasings."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from kayas_dice import dice, examples

from kayas.data.spec import Style, render
from kayas.errors import KayasError
from kayas.registry import Registry

HELD_OUT = Path(__file__).with_name("heldout.jsonl")


def test_a_roll_adds_up_and_stays_on_the_dice():
    for _ in range(50):
        r = dice.roll(3, 6)
        assert len(r["rolls"]) == 3 and all(1 <= x <= 6 for x in r["rolls"]) and r["total"] == sum(r["rolls"])
    assert dice.roll(1, 20)["text"].startswith("1d20: ")


@pytest.mark.parametrize("count, sides, message", [(0, 6, "cannot roll 0 dice"), (101, 6, "cannot roll 101 dice"),
                                                   (1, 7, "no 7-sided die")])
def test_impossible_rolls_are_refused_in_one_line(count, sides, message):
    with pytest.raises(KayasError, match=message):
        dice.roll(count, sides)


def test_the_schema_types_both_arguments():
    (tool,) = Registry().register_module(dice)
    assert tool.name == "dice.roll" and tool.read_only
    props = tool.parameters_schema()["properties"]
    assert props["count"]["type"] == props["sides"]["type"] == "integer"


def test_templates_render_valid_calls_and_near_misses_render_none():
    rng = random.Random(0)
    pools = {name: sampler for s in examples.EXAMPLES for name, sampler in s.pools.items()}
    for s in examples.EXAMPLES:
        for t in s.templates:
            for _ in range(5):
                r = render(t, rng, Style(voice=rng.random() < 0.3), pools)
                if s.tool:
                    (call,) = r.calls
                    assert call["tool"] == "dice.roll" and call["args"]["sides"] in dice.SIDES and call["args"]["count"] >= 1
                else:
                    assert r.calls == []


def test_the_held_out_commands_are_not_in_the_templates():
    rows = [json.loads(line) for line in HELD_OUT.read_text().splitlines()]
    said = [r["messages"][1]["content"].lower() for r in rows]
    patterns = [t.pattern.lower() for s in examples.EXAMPLES for t in s.templates]
    assert len(said) >= 30 and not [c for c in said if c in patterns]
    for r in rows:  # every plan a valid call: the sides are dice that exist
        (call,) = json.loads(r["messages"][2]["content"])
        assert call["args"]["sides"] in dice.SIDES
