"""What the user said is kept: free text verbatim, each service named in one sentence gets its
call, Spotify named as the player, typed domains, single-character buttons."""
from __future__ import annotations

import json
import re

import pytest

from kayas.data.generate import GenerateConfig, Generator


@pytest.fixture(scope="module")
def examples():
    data = Generator(GenerateConfig(size=10_000, min_per_tool=50)).run()  # enough multi-step for the counts below
    # one command and its plan: a conversation's follow-up takes its words from the turns before (test_conversation.py)
    return [(e.command, json.loads(e.plan), e.template) for e in data.examples if not e.template.startswith("conversation/")]


def test_email_and_slack_free_text_is_copied_verbatim(examples):
    checked = 0
    for command, plan, template in examples:
        if template.startswith("base/"):
            continue
        for c in plan:
            values = {"email.send": ("subject", "body"), "slack.send_message": ("text",)}.get(c["tool"], ())
            for name in values:
                if c["args"][name]:
                    assert c["args"][name] in command, (command, c)
                    checked += 1
    assert checked > 800


def test_free_text_keeps_its_case_and_trailing_words(examples):
    texts = [a for _, p, _ in examples for c in p for k, a in c["args"].items() if k in {"subject", "body", "text", "query"}
             and isinstance(a, str)]
    assert any(t[:1].isupper() and not t.isupper() for t in texts)
    assert any(re.search(r"\b(it|recipe|tutorial|reviews|near me)$", t) for t in texts)


def test_services_mixed_in_one_sentence_give_one_call_each(examples):
    pairs = [tuple(c["tool"] for c in p) for _, p, _ in examples]
    email_slack = [t for t in pairs if any(a == "email.send" and b == "slack.send_message" for a, b in zip(t, t[1:]))]
    slack_email = [t for t in pairs if any(a == "slack.send_message" and b == "email.send" for a, b in zip(t, t[1:]))]
    spotify_slack = [t for t in pairs if any(a == "spotify.play_query" and b == "slack.send_message" for a, b in zip(t, t[1:]))]
    assert len(email_slack) >= 30 and len(slack_email) >= 15 and len(spotify_slack) >= 8, (len(email_slack), len(slack_email), len(spotify_slack))


def test_opening_spotify_to_play_starts_it_then_plays(examples):
    """Every verb said is a call: "open spotify and play X" starts the program, then plays;
    "play X on spotify" only plays."""
    named = [(c, p) for c, p, _ in examples
             if re.search(r"\b(open|launch|fire up|start|pull up) spotify(,| and| then|, then| and then) (play|put on)\b", c, re.I)]
    assert len(named) >= 5
    for command, plan in named:
        tools = [c["tool"] for c in plan]
        assert "spotify.play_query" in tools, (command, plan)
        k = tools.index("spotify.play_query")
        assert k > 0 and plan[k - 1]["tool"] == "process.start_program" and plan[k - 1]["args"]["program"] == "spotify", (command, plan)
    place = [(c, p) for c, p, t in examples if re.search(r"(?i)\bplay .+ on spotify\W*$", c.strip())
             and not t.startswith("multi") and not re.search(r"(?i)\b(open|launch|start|fire up|pull up) spotify\b", c)]
    assert place and all([x["tool"] for x in p] == ["spotify.play_query"] for _, p in place)


_TYPED = re.compile(r"\b(?:open|go to|visit|pull up|load) ((?:[\w-]+\.)+(?:com|org|io|dev|ai|net|co\.uk|de|me|tv|app))\b(?![.\w])",
                    re.I)


def test_a_typed_domain_is_visited_exactly(examples):
    seen = 0
    for command, plan, _ in examples:
        m = _TYPED.search(command)
        if not m:
            continue
        urls = [s["args"]["url"] for c in plan if c["tool"] == "browser.run_steps" for s in c["args"]["steps"] if s["action"] == "goto"]
        urls += [c["args"]["url"] for c in plan if c["tool"] == "browser.open_url"]
        host = m.group(1).lower()
        assert any(u.lower().startswith(f"https://{host}") for u in urls), (command, plan)
        seen += 1
    assert seen >= 60


def test_single_character_buttons_keep_their_name(examples):
    keys = [(c, call["args"]["button_text"]) for c, p, _ in examples for call in p if call["tool"] == "uia.click_button"
            and len(call["args"]["button_text"]) == 1]
    assert len(keys) >= 20
    assert all(k in c for c, k in keys)
    assert any(not k.isalnum() for _, k in keys) and any(k.isdigit() for _, k in keys)
