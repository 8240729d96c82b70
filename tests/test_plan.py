"""The one parser from raw model text to a validated plan, and its one-line errors."""
from __future__ import annotations

import pytest

from kayas.plan import Call, PlanError, dumps_plan, parse_plan


def test_valid_plan_gets_defaults_filled_in_order():
    calls = parse_plan(
        '[{"tool": "filesystem.create_file", "args": {"filename": "todo.txt"}},'
        ' {"tool": "clipboard.get_history", "args": {}}]'
    )
    assert calls == [
        Call(tool="filesystem.create_file", args={"filename": "todo.txt", "content": ""}),
        Call(tool="clipboard.get_history", args={"limit": 10}),
    ]


def test_empty_list_is_a_valid_plan_and_round_trips():
    assert parse_plan("[]") == []
    plan = '[{"tool":"process.start_program","args":{"program":"chrome","background":true}}]'
    assert dumps_plan(parse_plan(plan)) == plan


def test_one_bare_call_and_decoded_json_are_accepted():
    assert parse_plan('{"tool": "process.list_processes", "args": {}}') == [Call(tool="process.list_processes", args={})]
    assert parse_plan([{"tool": "local.search", "args": {"query": "x"}}])[0].args == {"query": "x"}
    assert parse_plan(b'[{"tool": "clipboard.paste_text"}]')[0].tool == "clipboard.paste_text"  # args may be left out


def test_browser_steps_are_validated_too():
    ok = '[{"tool": "browser.run_steps", "args": {"steps": [{"action": "goto", "args": {"url": "https://x.org"}}]}}]'
    assert parse_plan(ok)[0].args["steps"][0]["action"] == "goto"
    with pytest.raises(PlanError):
        parse_plan('[{"tool": "browser.run_steps", "args": {"steps": [{"action": "fly", "args": {}}]}}]')


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty plan: expected a JSON list of calls"),
        ("create a file", "not JSON: Expecting value at line 1 column 1"),
        ('[{"tool": "local.search", "args": {"query": "x"}}', "not JSON: Expecting ',' delimiter at line 1 column 50"),
        ('"hello"', "a plan is a JSON list of calls, got str"),
        ("42", "a plan is a JSON list of calls, got int"),
        ('{"calls": []}', "a plan is a JSON list of calls, got dict"),
        ("[1]", "call 0: expected an object with 'tool' and 'args', got int"),
        ('[{"tool": "nope", "args": {}}]', "call 0: unknown tool 'nope'"),
        ('[{"tool": "filesystem.create_fle", "args": {}}]',
         "call 0: unknown tool 'filesystem.create_fle' (did you mean 'filesystem.create_file'?)"),
        ('[{"tool": 3, "args": {}}]', "call 0: 'tool' must be a tool name string"),
        ('[{"tool": "local.search", "args": []}]', "call 0: 'args' of local.search must be an object"),
        ('[{"tool": "local.search", "args": {}, "why": 1}]',
         "call 0: unexpected key 'why' (a call has only 'tool' and 'args')"),
        ('[{"tool": "local.search", "args": {}}]', "call 0: local.search: missing argument 'query'"),
        ('[{"tool": "local.search", "args": {"query": "a", "limit": 3}}]',
         "call 0: local.search: unexpected argument 'limit'"),
        ('[{"tool": "clipboard.get_history", "args": {"limit": "3"}}]',
         "call 0: clipboard.get_history: argument 'limit': Input should be a valid integer"),
        ('[{"tool": "process.start_program", "args": {"program": "x", "background": "yes"}}]',
         "call 0: process.start_program: argument 'background': Input should be a valid boolean"),
        ('[{"tool": "clipboard.paste_text", "args": {}}, {"tool": "nope.x", "args": {}}]', "call 1: unknown tool 'nope.x'"),
    ],
)
def test_bad_plans_name_the_problem_in_one_line(text, message):
    with pytest.raises(PlanError) as info:
        parse_plan(text)
    assert str(info.value) == message
    assert "\n" not in str(info.value)
