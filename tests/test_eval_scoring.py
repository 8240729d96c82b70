"""`kayas eval`'s scoring on hand-made predictions whose right and wrong answers are known.

Every shipped-brain floor and every README figure rests on these counts, so each is checked on
a small set worked out by hand: exact match, tool sequence, no side effect, empty, destructive,
argument normalisation (formatting and defaults never count as a miss), multi-call plans, the
per-category split, latency and the hit_budget/capped counts.
"""
from __future__ import annotations

import json

import pytest

from kayas.brain.evaluate import Scores, evaluate, judge, labelled_examples, report
from kayas.formats.examples import Example, write_examples
from kayas.registry import default_registry
from kayas.testing import ScriptedPlanner

REGISTRY = default_registry()
CREATE_TODO = '[{"tool":"filesystem.create_file","args":{"filename":"todo.txt","content":""}}]'
DELETE_A = '[{"tool":"filesystem.delete_file","args":{"filename":"a.txt"}}]'
CREATE_C_DELETE_A = ('[{"tool":"filesystem.create_file","args":{"filename":"c.txt","content":"c"}},'
                     '{"tool":"filesystem.delete_file","args":{"filename":"a.txt"}}]')
LIST_PROCESSES = '[{"tool":"process.list_processes","args":{}}]'


def example(command: str, plan: str, category: str) -> Example:
    return Example.chat(command, plan, category)


def one(plan: str, prediction: str, **facts):
    return judge(example("a command", plan, "x"), prediction, REGISTRY, **facts)


@pytest.mark.parametrize("prediction", [
    CREATE_TODO,
    '[{"tool":"filesystem.create_file","args":{"filename":"todo.txt"}}]',  # the default filled in
    '[{"args":{"content":"","filename":"todo.txt"},"tool":"filesystem.create_file"}]',  # keys in another order
    '[ { "tool" : "filesystem.create_file" , "args" : { "filename" : "todo.txt" } } ]\n',  # spacing
    '{"tool":"filesystem.create_file","args":{"filename":"todo.txt"}}',  # one bare call: parse_plan takes it as a plan of one
])
def test_formatting_and_defaults_never_count_as_a_miss(prediction):
    o = one(CREATE_TODO, prediction)
    assert o.valid and o.same_tools and o.exact


@pytest.mark.parametrize("prediction", [
    '[{"tool":"filesystem.create_file","args":{"filename":"Todo.txt"}}]',  # a value's case is part of the answer
    '[{"tool":"filesystem.create_file","args":{"filename":"todo.txt","content":" "}}]',
    '[{"tool":"filesystem.create_file","args":{"filename":"todo.md"}}]',
])
def test_a_different_argument_value_is_the_right_tool_but_not_an_exact_match(prediction):
    o = one(CREATE_TODO, prediction)
    assert o.valid and o.same_tools and not o.exact


@pytest.mark.parametrize("prediction", [
    "create todo.txt",  # not JSON
    '[{"tool":"filesystem.create_file","args":{"filename":"todo.txt"}}',  # cut off
    '[{"tool":"filesystem.make_file","args":{"filename":"todo.txt"}}]',  # no such tool
    '[{"tool":"filesystem.create_file","args":{"name":"todo.txt"}}]',  # no such argument
    '{"filename":"todo.txt"}',  # an object, not a call
    "",
])
def test_an_invalid_plan_is_neither_valid_nor_right_nor_side_effect_free(prediction):
    o = one(CREATE_TODO, prediction)
    assert (o.valid, o.same_tools, o.exact, o.got) == (False, False, False, None)
    assert _scores([o])[1:] == (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # json_valid .. destructive: no_side_effect needs a valid plan


@pytest.mark.parametrize(("prediction", "same_tools", "exact"), [
    (CREATE_C_DELETE_A, True, True),
    ('[{"tool":"filesystem.delete_file","args":{"filename":"a.txt"}},'  # the same calls, the other order
     '{"tool":"filesystem.create_file","args":{"filename":"c.txt","content":"c"}}]', False, False),
    ('[{"tool":"filesystem.create_file","args":{"filename":"c.txt","content":"c"}}]', False, False),  # one call short
    (CREATE_C_DELETE_A[:-1] + ',' + DELETE_A[1:], False, False),  # one call too many
    ('[{"tool":"filesystem.create_file","args":{"filename":"c.txt","content":"c"}},'  # second call's argument wrong
     '{"tool":"filesystem.delete_file","args":{"filename":"b.txt"}}]', True, False),
])
def test_multi_call_plans_are_compared_call_by_call_in_order(prediction, same_tools, exact):
    o = one(CREATE_C_DELETE_A, prediction)
    assert o.valid and (o.same_tools, o.exact) == (same_tools, exact)


@pytest.mark.parametrize(("prediction", "side_effect", "destructive", "empty"), [
    ("[]", False, False, True),
    (LIST_PROCESSES, False, False, False),  # read-only
    ('[{"tool":"filesystem.read_file","args":{"filename":"a.txt"}},{"tool":"process.list_processes","args":{}}]', False, False, False),
    (CREATE_TODO, True, False, False),  # a side effect, not destructive
    (DELETE_A, True, True, False),
    ('[{"tool":"filesystem.read_file","args":{"filename":"a.txt"}},{"tool":"filesystem.delete_file","args":{"filename":"a.txt"}}]', True, True, False),
])
def test_side_effects_and_destructive_calls_are_read_from_the_prediction_not_the_label(prediction, side_effect, destructive, empty):
    o = one("[]", prediction)
    assert (o.side_effect, o.destructive, o.got == []) == (side_effect, destructive, empty)
    assert o.exact is empty
    s = _scores([o])
    assert (s[4], s[5], s[6]) == (float(not side_effect), float(empty), float(destructive))


def _scores(outcomes) -> tuple:
    s = report(outcomes).overall
    return (s.n, s.json_valid, s.tool_sequence_acc, s.exact_match, s.no_side_effect, s.empty, s.destructive)


# A set worked out by hand: (command, expected plan, category, prediction, seconds, tokens).
HAND_MADE = [
    ("create a todo list", CREATE_TODO, "filesystem", '[{"args":{"filename":"todo.txt"},"tool":"filesystem.create_file"}]', 0.1, 10),
    ("delete a.txt", DELETE_A, "filesystem", '[{"tool":"filesystem.delete_file","args":{"filename":"b.txt"}}]', 0.2, 10),
    ("thanks", "[]", "no_tool", "not a plan", 0.3, 20),
    ("make c and delete a", CREATE_C_DELETE_A, "multi_step",
     '[{"tool":"filesystem.delete_file","args":{"filename":"a.txt"}},{"tool":"filesystem.create_file","args":{"filename":"c.txt","content":"c"}}]',
     0.4, 30),
    ("what is running", LIST_PROCESSES, "process", "[]", 0.0, 0),
]


def test_a_hand_made_set_gives_the_figures_worked_out_by_hand():
    outcomes = [judge(example(c, plan, cat), got, REGISTRY, seconds=s, tokens=t) for c, plan, cat, got, s, t in HAND_MADE]
    rep = report(outcomes)
    # valid: all but "thanks"; right tools: todo, delete; exact: todo; no side effect / empty: "what is running";
    # destructive: delete b.txt, the reordered multi-call
    assert rep.overall == Scores(5, 0.8, 0.4, 0.2, 0.2, 0.2, 0.4)
    assert rep.per_category == {
        "filesystem": Scores(2, 1.0, 1.0, 0.5, 0.0, 0.0, 0.5),
        "multi_step": Scores(1, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        "no_tool": Scores(1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        "process": Scores(1, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0),
    }
    assert [m["command"] for m in rep.misses] == ["delete a.txt", "thanks", "make c and delete a", "what is running"]
    assert rep.misses[1]["got"] == "not a plan" and rep.misses[3]["got"] == []  # the raw text when it is no plan
    assert rep.misses[0]["expected"] == json.loads(DELETE_A)
    # latencies 0, 100, 200, 300, 400 ms: p50 200, p95 at rank 3.8 -> 380; 70 tokens in 1.0 s
    assert (rep.latency_p50_ms, rep.latency_p95_ms, rep.tokens_per_s) == (200.0, 380.0, 70.0)
    assert (rep.hit_budget, rep.capped) == (0, 0)


def test_hit_budget_and_capped_count_plans_not_calls():
    outcomes = [
        one(CREATE_TODO, '[{"tool":"filesystem.create_file","args":{"filename":"todo.txt","content":"aaaa', truncated=True),
        one(CREATE_C_DELETE_A, CREATE_C_DELETE_A, capped=True),  # two calls, one plan
        one(CREATE_TODO, CREATE_TODO, truncated=True, capped=True),
        one(CREATE_TODO, CREATE_TODO),
    ]
    rep = report(outcomes)
    assert (rep.hit_budget, rep.hit_deadline, rep.capped) == (2, 0, 2)
    assert rep.overall.json_valid == 0.75 and rep.overall.exact_match == 0.75  # a cut-off plan is scored as what it is


def test_a_plan_stopped_by_the_clock_counts_as_hit_deadline_and_keeps_its_other_scores():
    timed = one(CREATE_C_DELETE_A, "[]", truncated=True, timed_out=True)
    assert timed.timed_out and timed.truncated and timed.got == [] and not timed.side_effect and not timed.capped
    ran = one(CREATE_C_DELETE_A, CREATE_C_DELETE_A)
    assert ran.side_effect and ran.destructive and not ran.timed_out
    rep = report([timed, ran])
    assert (rep.hit_budget, rep.hit_deadline) == (1, 1) and rep.overall.destructive == 0.5


def test_the_file_through_a_planner_scores_as_judged(tmp_path):
    """`labelled_examples` + `evaluate` (what `kayas eval` runs) on a scripted planner: the same figures as `judge`."""
    path = tmp_path / "set.jsonl"
    write_examples(path, [example(c, plan, cat) for c, plan, cat, *_ in HAND_MADE])
    planner = ScriptedPlanner({c: got for c, _, _, got, *_ in HAND_MADE})
    rep = evaluate(planner, labelled_examples(path))
    assert planner.asked == [c for c, *_ in HAND_MADE]
    assert rep.overall == Scores(5, 0.8, 0.4, 0.2, 0.2, 0.2, 0.4)
    assert len(rep.misses) == 4


def test_an_empty_set_scores_zero_not_a_division_error():
    rep = report([])
    assert rep.overall == Scores() and rep.per_category == {} and rep.tokens_per_s == 0.0
