"""The plan grammar accepts exactly the canonical plans of the registry's tools."""
from __future__ import annotations

import json

import pytest

from conftest import need
from kayas.bench.plan import COMMANDS
from kayas.brain.draft import guess_bytes, lookup, phrase
from kayas.brain.grammar import plan_schema
from kayas.plan import dumps_plan, parse_plan
from kayas.registry import default_registry


@pytest.fixture(scope="module")
def grammar():
    from kayas.brain.grammar import PlanGrammar
    from kayas.brain.loader import SHIPPED_DIR
    from kayas.brain.tokenizer import ChatTokenizer

    tokenizer = ChatTokenizer.from_folder(SHIPPED_DIR)  # SmolLM2's tokenizer, without transformers
    return tokenizer, PlanGrammar.build(tokenizer.lltokenizer())


def accepts(grammar, text: str) -> bool:
    """Whether the grammar takes the whole text and then stops (the plan is complete)."""
    tokenizer, g = grammar
    m = g.matcher()
    ids = tokenizer.encode(text)
    return m.try_consume_tokens(ids) == len(ids) and m.is_stopped()


def test_schema_covers_every_tool_with_every_argument_required():
    schema = plan_schema()
    branches = schema["items"]["anyOf"]
    assert [b["properties"]["tool"]["const"] for b in branches] == default_registry().names()
    for b in branches:
        args = b["properties"]["args"]
        assert args["required"] == list(args["properties"]) and args["additionalProperties"] is False
    steps = next(b for b in branches if b["properties"]["tool"]["const"] == "browser.run_steps")
    actions = [s["properties"]["action"]["const"] for s in steps["properties"]["args"]["properties"]["steps"]["items"]["anyOf"]]
    assert sorted(actions) == ["click", "fill", "goto", "press", "screenshot", "wait"]


@pytest.mark.parametrize("command,plan", COMMANDS + [("how are you today", [])])
def test_canonical_plans_are_accepted(grammar, command, plan):
    assert accepts(grammar, dumps_plan(parse_plan(plan)))


@pytest.mark.parametrize(
    "text",
    [
        '[{"tool":"nope.nothing","args":{}}]',  # unknown tool
        '[{"tool":"filesystem.create_file","args":{"filename":"a.txt"}}]',  # default left out
        '[{"tool":"filesystem.create_file","args":{"content":"","filename":"a.txt"}}]',  # wrong order
        '[{"tool": "process.list_processes", "args": {}}]',  # free whitespace
        '[{"tool":"clipboard.get_history","args":{"limit":"3"}}]',  # wrong type
        '[{"tool":"browser.run_steps","args":{"steps":[{"action":"jump","args":{}}]}}]',  # unknown action
        '[{"tool":"browser.run_steps","args":{"steps":[{"action":"goto","args":{"href":"x"}}]}}]',  # wrong arg
        '{"tool":"process.list_processes","args":{}}',  # not a list
    ],
)
def test_invalid_plans_are_refused(grammar, text):
    assert not accepts(grammar, text)


def test_handwritten_set_is_accepted_token_for_token(grammar):
    """Every plan of the hand-written test set, tokenized as in training, fits the grammar."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / "handwritten.jsonl"
    need("tests/data/handwritten.jsonl", path.is_file(), "the hand-written test set")
    for line in path.read_text().splitlines():
        plan = json.loads(line)["messages"][2]["content"]
        assert accepts(grammar, plan), plan


def test_guesses():
    assert guess_bytes(b'"', b'{"content":', b"", False) == b'""'
    assert guess_bytes(b"}", b'"}', b"", False) == b"}]"
    assert guess_bytes(b"", b"[", b"", True) == b'{"'
    assert phrase(b"https://www.g") == b"oogle.com/search?q="
    assert lookup(b"tod", b"create todo.txt now") == (b"o.txt now", True)
    assert lookup(b"?q=AI", b"search AI tutorials")[0] == b"+tutorials"
    assert lookup(b"zz", b"create todo.txt") is None
