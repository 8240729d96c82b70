"""The normaliser (recognised words -> typed forms) and the verbaliser (typed -> said)."""
import json
from pathlib import Path

import pytest

from kayas.spoken import normalise, to_spoken


@pytest.mark.parametrize("heard, typed", [
    ("email lee at uni dot edu the slides", "email lee@uni.edu the slides"),
    ("mail j dot tom at startup dot i o", "mail j.tom@startup.io"),
    ("write to sara at uni dot a c dot u k", "write to sara@uni.ac.uk"),
    ("email dev dash team at startup dot i o", "email dev-team@startup.io"),
    ("shoot an email to h r at company dot com", "shoot an email to hr@company.com"),
    ("open notes dot t x t", "open notes.txt"),
    ("delete old underscore draft dot docx", "delete old_draft.docx"),
    ("archive q three underscore notes dot m d", "archive q3_notes.md"),
    ("create budget underscore twenty twenty five dot c s v", "create budget_2025.csv"),
    ("delete draft one dot t x t", "delete draft1.txt"),
    ("get rid of temp one two three dot log", "get rid of temp123.log"),
    ("go to github dot com", "go to github.com"),
    ("navigate to docs dot python dot org slash three slash library", "navigate to docs.python.org/3/library"),
    ("post hello in hashtag design", "post hello in #design"),
    ("let pound design know", "let #design know"),
    ("message hash tag team dash alpha hi", "message #team-alpha hi"),
    ("copy my phone number five five five zero one nine nine", "copy my phone number 5550199"),
    ("copy forty two wallaby way", "copy 42 wallaby way"),
    ("server restarted at three p m", "server restarted at 3pm"),
    ("run ls dash l a", "run ls -la"),
    ("run pip list dash dash outdated", "run pip list --outdated"),
    ("show the last three things i copied", "show the last three things i copied"),  # a count stays a word: the brain reads it
    ("meet at noon", "meet at noon"),
    ("on the signup page at example dot org", "on the signup page at example.org"),
    ("Kayas, PUT milk on my list.", "kayas put milk on my list"),
    ("create a to do list", "create a todo list"),
    ("", ""),
])
def test_normalise(heard, typed):
    assert normalise(heard) == typed


@pytest.mark.parametrize("typed, said", [
    ("email lee@uni.edu", "email lee at uni dot e d u"),
    ("open notes.txt", "open notes dot t x t"),
    ("post hi in #design", "post hi in hashtag design"),
    ("trash photo_list.txt", "trash photo underscore list dot t x t"),
    ("copy my phone number 555 0199", "copy my phone number five five five zero one nine nine"),
    ("budget for 2025", "budget for twenty twenty five"),
    ("append 'call the dentist' to todo.txt!", "append call the dentist to todo dot t x t"),
    ("go to https://news.ycombinator.com", "go to news dot ycombinator dot com"),
])
def test_to_spoken(typed, said):
    assert to_spoken(typed) == said


def test_round_trip_on_the_hand_written_sets():
    """Said and then normalised, most hand-written commands come back as typed (case and punctuation aside)."""
    import re

    def plain(t):
        return " ".join(re.sub(r"[^\w'#@./~-]+", " ", t.lower()).split()).strip(". ")

    rows = []
    for name in ("handwritten.jsonl", "handwritten_b.jsonl"):
        path = Path(__file__).parent / "data" / name
        rows += [json.loads(line)["messages"][1]["content"] for line in path.read_text().splitlines() if line.strip()]
    # single numbers stay words by design; compare with those said as words too
    same = sum(plain(normalise(to_spoken(c))) == plain(normalise(plain(to_spoken(c)))) for c in rows)
    exact = sum(plain(normalise(to_spoken(c))) == plain(c) for c in rows)
    assert same == len(rows)
    assert exact / len(rows) >= 0.85, exact
