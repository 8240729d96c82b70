"""Each tool says a call in the user's terms before it runs (its ``phrase``): the plan a person
reads, the question chat asks and voice speaks; never the tool's description, never cut JSON."""
from __future__ import annotations

import pytest

from kayas.assistant import words
from kayas.plan import parse_plan
from kayas.registry import default_registry


def said(tool: str, **args) -> str:
    registry = default_registry()
    return words.describe_call(parse_plan([{"tool": tool, "args": args}], registry)[0], registry)


def test_every_built_in_tool_has_a_phrase():
    assert [t.name for t in default_registry() if t.phrase is None] == []


@pytest.mark.parametrize("tool,args,sentence", [
    ("filesystem.append_file", {"filename": "todo.txt", "content": "buy milk"}, "add 'buy milk' to todo.txt"),
    ("filesystem.create_file", {"filename": "todo.txt"}, "create todo.txt"),
    ("filesystem.delete_file", {"filename": "a.txt"}, "delete a.txt"),
    ("browser.open_url", {"url": "https://github.com"}, "open github.com in your browser"),
    ("browser.open_url", {"url": "https://www.google.com/search?q=bike+chains"}, "search the web for bike chains"),
    ("browser.open_url", {"url": "https://www.youtube.com/results?search_query=AI+tutorials"}, "search YouTube for AI tutorials"),
    ("browser.run_steps", {"steps": [{"action": "goto", "args": {"url": "https://www.google.com/search?q=bike+chains"}},
                                     {"action": "screenshot", "args": {"filename": "chains.png"}}]},
     "in the browser, search the web for bike chains, take a screenshot called chains.png"),
    ("browser.run_steps", {"steps": [{"action": "goto", "args": {"url": "https://example.org/signup"}},
                                     {"action": "fill", "args": {"selector": "email", "value": "me@x.io"}},
                                     {"action": "click", "args": {"selector": "Join"}}]},
     "in the browser, go to example.org/signup, fill 'email' with 'me@x.io', click 'Join'"),
    ("process.run_command", {"command": "df -h"}, "run the shell command `df -h`"),
    ("process.start_program", {"program": "terminal", "background": False}, "start terminal in the foreground"),
    ("system.change_volume", {"by": -10}, "turn the volume down by 10"),
    ("media.control", {"action": "next"}, "skip to the next track"),
    ("timer.start", {"duration": "10 minutes", "label": "pasta"}, "start a 10 minutes timer for pasta"),
    ("uia.type_text", {"window_title": "Sign In", "text": "hunter2", "field": "Password"},
     "type 'hunter2' into the Password field of Sign In"),
    ("clock.now", {}, "tell the date and time"),
])
def test_a_call_is_said_in_the_users_terms(tool, args, sentence):
    assert said(tool, **args) == sentence


def test_a_long_value_is_said_whole_on_one_line():
    text = "line one\nline two " + "word " * 40
    assert said("clipboard.copy_text", text=text) == f"copy '{' '.join(text.split())}' to the clipboard"


def test_the_question_for_a_call_is_its_phrase_as_a_question():
    registry = default_registry()
    call = parse_plan([{"tool": "filesystem.delete_file", "args": {"filename": "x.txt"}}], registry)[0]
    assert words.ask_call(call, registry) == "Delete x.txt?"


def test_a_plugin_tool_without_a_phrase_is_said_by_its_description_and_arguments():
    from kayas.plan import Call
    from kayas.registry import Registry, tool

    @tool
    def water(plant: str) -> dict:
        """Water a plant on the balcony.

        Args:
            plant: Which plant.
        """
        return {}

    registry = Registry()
    registry.register(water)
    assert words.describe_call(Call(tool=registry.names()[0], args={"plant": "basil"}), registry) == \
        "water a plant on the balcony (plant 'basil')"
