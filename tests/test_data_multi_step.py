"""The generator's multi-step commands: browser chains, longer plans, context carried, caps kept."""
from __future__ import annotations

import json
import re

import pytest

from kayas.data.generate import GenerateConfig, Generator
from kayas.data.multi import Composer
from kayas.data.spec import Style


@pytest.fixture(scope="module")
def examples():
    data = Generator(GenerateConfig(size=4000, min_per_tool=40)).run()
    # the templates' own plans: a conversation's chains are two calls by design (test_conversation.py)
    return [(e.command, json.loads(e.plan), e.template) for e in data.examples if not e.template.startswith("conversation/")]


def test_consecutive_browser_steps_are_one_call(examples):
    chains = [p for _, p, _ in examples if any(c["tool"] == "browser.run_steps" for c in p)]
    for plan in chains:
        tools = [c["tool"] for c in plan]
        assert all(not (a == b == "browser.run_steps") for a, b in zip(tools, tools[1:])), plan
    long = [p for p in chains if any(len(c["args"].get("steps", [])) >= 3 for c in p)]
    launched = [p for p in chains if p[0]["tool"] == "process.start_program" and len(p) == 2
                and p[1]["tool"] == "browser.run_steps" and len(p[1]["args"]["steps"]) >= 2]
    assert len(long) >= 50 and len(launched) >= 20, (len(long), len(launched))


def test_browser_chain_keeps_the_steps_in_order():
    gen = Generator(GenerateConfig(size=200))
    composer = Composer({t: ts for t, ts in gen.singles.items() if t not in gen.no_tool_groups}, gen.after_browser, gen.pools,
                        gen.launch)
    import random
    rng = random.Random(5)
    for _ in range(200):
        r = composer.browser_chain(rng, Style())
        steps = r.calls[-1]["args"]["steps"]
        assert steps[0]["action"] == "goto" and len(steps) >= 2
        assert all(s["action"] != "goto" for s in steps[1:])
        kinds = [s["action"] for s in steps[1:]]
        assert all(a != b for a, b in zip(kinds, kinds[1:])), kinds


def test_three_and_four_call_commands_are_a_third_of_multi_step(examples):
    multi = [p for _, p, _ in examples if len(p) > 1]
    assert sum(len(p) >= 3 for p in multi) / len(multi) >= 1 / 3


def test_window_carries_over_to_the_click(examples):
    """`type x in the f field of W and click B`: one window named, both calls carry it."""
    pairs = [p for _, p, t in examples
             if t.startswith("multi/") and [c["tool"] for c in p] == ["uia.type_text", "uia.click_button"]]
    assert len(pairs) >= 10
    assert all(p[0]["args"]["window_title"] == p[1]["args"]["window_title"] for p in pairs)


def test_all_caps_commands_keep_free_text_as_typed(examples):
    caps = [(c, p) for c, p, _ in examples if c.isupper() and len(c) > 12]
    assert len(caps) >= 100
    for command, plan in caps:
        for call in plan:
            for key in ("content", "body", "text", "query"):
                value = call["args"].get(key)
                if key == "query" and isinstance(value, str):  # "my playlist X" is carried as "X playlist"
                    value = re.sub(r"(?i) playlist$", "", value)
                if isinstance(value, str) and value.strip():
                    assert value in command, (command, plan)


def test_youtube_searches_never_go_to_spotify(examples):
    """A YouTube search is a page to see: browser.open_url with the search URL."""
    for command, plan, _ in examples:
        low = command.lower()
        visits = re.search(r"\b(go|og) on youtube", low)  # "go on youtube" (or its typo "og") visits the site
        if (("on youtube" in low and not visits) or "search youtube" in low) and len(plan) == 1:
            call = plan[0]
            assert call["tool"] in ("browser.open_url", "browser.run_steps"), (command, plan)
            url = call["args"]["url"] if call["tool"] == "browser.open_url" else call["args"]["steps"][0]["args"]["url"]
            assert url.startswith("https://www.youtube.com/results?search_query="), (command, plan)
            # run_steps only when steps are done on the page after the search
            assert call["tool"] == "browser.open_url" or len(call["args"]["steps"]) > 1, (command, plan)
