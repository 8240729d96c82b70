"""TOOLS.md conventions: the functions, and the 20 worked examples read back through the templates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kayas.data import conventions as cv
from kayas.data.generate import GenerateConfig, Generator
from kayas.data.reverse import readings
from kayas.plan import dumps_plan, parse_plan

TOOLS_MD = Path(__file__).resolve().parents[1] / "docs" / "TOOLS.md"


def worked_examples() -> list[tuple[str, str]]:
    text = TOOLS_MD.read_text(encoding="utf-8").split("## Worked examples", 1)[1]
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\| (.+?) \| `(.+)` \|$", line)
        if m:
            rows.append((m.group(1), dumps_plan(parse_plan(m.group(2)))))
    return rows


def test_the_worked_examples_are_all_there():
    assert len(worked_examples()) == 27  # 20, and 7 of the third round's tools


@pytest.fixture(scope="module")
def reader():
    gen = Generator(GenerateConfig(size=200))
    singles = [t for ts in gen.singles.values() for t in ts] + gen.multi_templates
    clauses = [t for t in singles if t.imperative and t.tool]
    return lambda command: readings(command, singles, gen.pools, clauses, gen.after_browser)


@pytest.mark.parametrize("command,plan", worked_examples(), ids=[c for c, _ in worked_examples()])
def test_worked_example_comes_out_exactly(reader, command, plan):
    """A brain that learned the templates perfectly gives exactly the documented plan."""
    assert plan in reader(command)


def test_search_urls_keep_the_words_as_said():
    assert cv.google_url("Python tutorials") == "https://www.google.com/search?q=Python+tutorials"
    assert cv.youtube_url("AI tutorials") == "https://www.youtube.com/results?search_query=AI+tutorials"
    assert cv.google_url("C++ vs Rust?") == "https://www.google.com/search?q=C%2B%2B+vs+Rust%3F"


@pytest.mark.parametrize("said,url", [
    ("github", "https://github.com"), ("GitHub", "https://github.com"), ("example.org", "https://example.org"),
    ("example.org/login", "https://example.org/login"), ("wikipedia", "https://wikipedia.org"),
    ("https://x.io/a", "https://x.io/a"),
])
def test_site_url(said, url):
    assert cv.site_url(said) == url


@pytest.mark.parametrize("said,name", [
    ("a todo list", "todo.txt"), ("a to-do list", "todo.txt"), ("a shopping list", "shopping.txt"),
    ("my meal plan file", "meal_plan.txt"), ("the journal", "journal.txt"), ("an empty notes file", "notes.txt"),
])
def test_purpose_names(said, name):
    assert cv.purpose_filename(said) == name


@pytest.mark.parametrize("said,title", [
    ("display settings", "Display Settings"), ("Sign In", "Sign In"), ("ok", "OK"), ("save as", "Save As"),
    ("find and replace", "Find and Replace"), ("iTunes", "iTunes"),
])
def test_title_case(said, title):
    assert cv.title_case(said) == title


def test_channels_and_numbers():
    assert cv.channel_name("design") == cv.channel_name("#design") == "#design"
    assert cv.number_value("three") == 3 and cv.number_value("12") == 12
