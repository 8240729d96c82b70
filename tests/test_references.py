"""References inside one plan (`{"$ref": N}`): the validator's rules, the grammar's, the router's
filling with real files and a real shell command, and the plan in words."""
from __future__ import annotations

import pytest

from kayas.assistant import Assistant, words
from kayas.assistant.router import Router
from kayas.errors import KayasError
from kayas.plan import PlanError, parse_plan
from kayas.registry import Registry, TextOut, build_tool, default_registry
from kayas.settings import workspace

R0 = {"$ref": 0}


def c(tool: str, **args) -> dict:
    return {"tool": tool, "args": args}


@pytest.mark.parametrize("plan,error", [
    ([c("filesystem.append_file", filename="n.txt", content=R0)],
     "call 0: filesystem.append_file: argument 'content' refers to call 0: only an earlier call's result can be used"),
    ([c("filesystem.read_file", filename="a.txt"), c("filesystem.append_file", filename="n.txt", content={"$ref": 1})],
     "call 1: filesystem.append_file: argument 'content' refers to call 1: only an earlier call's result can be used"),
    ([c("filesystem.create_file", filename="a.txt"), c("filesystem.append_file", filename="n.txt", content=R0)],
     "call 1: filesystem.append_file: argument 'content' refers to call 0 (filesystem.create_file), which returns no text"),
    ([c("clipboard.paste_text"), c("process.run_command", command=R0)],
     "call 1: process.run_command: argument 'command' takes no reference (only content, text, body do)"),
    ([c("clipboard.paste_text"), c("filesystem.append_file", filename="n.txt", content={"$ref": "0"})],
     "call 1: filesystem.append_file: argument 'content': a reference is {\"$ref\": N}, N a call's index"),
    ([c("clipboard.paste_text"), c("filesystem.append_file", filename="n.txt", content={"$ref": 0, "x": 1})],
     "call 1: filesystem.append_file: argument 'content': a reference is {\"$ref\": N}, N a call's index"),
])
def test_the_validator_names_a_bad_reference_in_one_line(plan, error):
    with pytest.raises(PlanError) as caught:
        parse_plan(plan)
    assert str(caught.value) == error


def test_a_reference_to_an_earlier_text_call_is_kept_as_it_is():
    calls = parse_plan([c("filesystem.read_file", filename="a.txt"), c("email.send", to="kim", subject="a.txt", body=R0),
                        c("slack.send_message", channel="#team", text=R0)])
    assert calls[1].args == {"to": "kim", "subject": "a.txt", "body": R0} and calls[2].args["text"] == R0


def test_a_command_output_lands_in_a_file_and_the_report_keeps_the_reference():
    report = Router(assume_yes=True).run(parse_plan([
        c("process.run_command", command="echo first; echo second"),
        c("filesystem.append_file", filename="out.txt", content=R0),
        c("filesystem.create_file", filename="copy.txt", content=R0),
    ]))
    assert [r.status for r in report.results] == ["ok", "ok", "ok"], report.results
    assert (workspace() / "out.txt").read_text() == "first\nsecond\n"
    assert (workspace() / "copy.txt").read_text() == "first\nsecond"
    assert report.results[1].args["content"] == R0


def test_a_file_text_feeds_two_later_calls():
    (workspace()).mkdir(parents=True, exist_ok=True)
    (workspace() / "notes.txt").write_text("buy milk\n")
    report = Router().run(parse_plan([c("filesystem.read_file", filename="notes.txt"),
                                      c("filesystem.append_file", filename="log.txt", content=R0),
                                      c("filesystem.append_file", filename="log.txt", content=R0)]))
    assert report.ok
    assert (workspace() / "log.txt").read_text() == "buy milk\nbuy milk\n"


def test_a_failed_source_fills_nothing_and_the_later_call_does_not_run():
    report = Router().run(parse_plan([c("filesystem.read_file", filename="missing.txt"),
                                      c("filesystem.append_file", filename="log.txt", content=R0)]))
    assert [r.status for r in report.results] == ["failed", "skipped"]
    assert not (workspace() / "log.txt").exists()


def test_a_source_without_text_stops_the_plan_and_says_why():
    def silent() -> dict:
        """A tool whose result holds no text this time."""
        return {}

    def no_text(result: dict) -> str:
        raise KayasError("nothing is playing")

    registry = Registry()
    for t in default_registry():
        registry.register(t)
    registry.register(build_tool(silent, name="test.silent", read_only=True, text=TextOut(no_text, "the silence")))
    calls = parse_plan([c("test.silent"), c("filesystem.append_file", filename="songs.txt", content=R0)], registry)
    report = Router(registry).run(calls)
    assert [r.status for r in report.results] == ["ok", "failed"]
    assert report.results[1].error == "call 0 (test.silent) gave no text for 'content': nothing is playing"
    assert not (workspace() / "songs.txt").exists()


def test_the_plan_says_a_reference_in_words_and_asks_with_them():
    registry = default_registry()
    calls = parse_plan([c("clipboard.paste_text"), c("filesystem.append_file", filename="notes.txt", content=R0)])
    assert words.describe_plan(calls, registry) == "read the clipboard, then add the clipboard's text to notes.txt"
    post = parse_plan([c("filesystem.read_file", filename="standup.txt"), c("slack.send_message", channel="#team", text=R0)])
    turn = Assistant(registry=registry).start(post)
    assert [q.text for q in turn.questions] == ["Post the text of standup.txt to #team on Slack?"]


def test_the_grammar_offers_a_reference_only_after_a_first_call_that_gives_text():
    from kayas.brain.grammar import PlanGrammar
    from kayas.brain.loader import SHIPPED_DIR
    from kayas.brain.tokenizer import ChatTokenizer

    tokenizer = ChatTokenizer.from_folder(SHIPPED_DIR)
    grammar = PlanGrammar.build(tokenizer.lltokenizer())

    def accepts(text: str) -> bool:
        m = grammar.matcher()
        ids = tokenizer.encode(text)
        return m.try_consume_tokens(ids) == len(ids) and m.is_stopped()

    paste = '{"tool":"clipboard.paste_text","args":{}}'
    create = '{"tool":"filesystem.create_file","args":{"filename":"a","content":""}}'
    append = '{"tool":"filesystem.append_file","args":{"filename":"n.txt","content":{"$ref":%s}}}'
    assert accepts(f'[{paste},{append % 0}]')
    assert accepts(f'[{paste},{append % 0},{append % 0}]')
    assert accepts('[]') and accepts(f'[{create}]')
    assert not accepts(f'[{create},{append % 0}]')  # call 0 gives no text
    assert not accepts(f'[{append % 0}]')  # no earlier call
    assert not accepts(f'[{paste},{append % 1}]')  # not an earlier call
    assert not accepts(f'[{paste},{{"tool":"process.run_command","args":{{"command":{{"$ref":0}}}}}}]')  # not free text
