"""Round 6 of the data: the classes where the brain still ran a call where no tool fits (or
refused a real request), each present in train with both sides of its contrast; misspelt
verbs keep their verb's tool; the same seed gives the same files."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from kayas.data import oos_pools, pools
from kayas.data.augment import VERB_TYPOS
from kayas.data.generate import GenerateConfig, Generator, generate
from kayas.data.reverse import readings
from kayas.data.templates import near_miss, out_of_scope

# class -> (the `[]` set, the template sets of the tool side of its contrast)
CLASSES = {
    "A other apps": ("oos.apps", ("slack.send_message", "email.send")),
    "B editing a list": ("near.files", ("filesystem.append_list", "filesystem.read_list")),
    "C stop with nothing named": ("near.stop", ("process.kill_process",)),
    "D how-to questions": ("near.howto", ("uia.click_app", "uia.click_button")),
    "E music actions": ("near.music_actions", ("spotify.play_query", "media.next", "media.previous")),
    "F reading the web": ("oos.read_web", ("browser.news",)),
    "G TV and radio": ("oos.tv_radio", ("spotify.play_query",)),
    "H physical things": ("near.physical", ("local.docs",)),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("data6")
    return out, generate(out, GenerateConfig())


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _plan(row):
    return json.loads(row["messages"][2]["content"])


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_is_in_train_with_both_sides_and_some_phrasings_only_in_val(data, name):
    out, dataset = data
    no_tool, tool_sets = CLASSES[name]
    train = _rows(out / "train.jsonl")
    heads = Counter(r["template"].split("/")[0] for r in train)
    assert heads[no_tool] >= 90, (no_tool, heads[no_tool])
    assert all(not _plan(r) for r in train if r["template"].startswith(no_tool + "/"))
    assert sum(heads[s] for s in tool_sets) >= 60, {s: heads[s] for s in tool_sets}
    assert all(_plan(r) for r in train if r["template"].split("/")[0] in tool_sets)
    assert any(t.startswith(no_tool + "/") for t in dataset.val_templates), f"{no_tool} has no val-only phrasing"


def test_no_tool_share_and_no_conflicts(data):
    out, dataset = data
    train = _rows(out / "train.jsonl")
    share = sum(not _plan(r) for r in train) / len(train)
    assert 0.25 <= share <= 0.3, share
    assert dataset.conflicts == 0


def test_no_slack_channel_or_search_is_named_after_an_app(data):
    """The brain invented `#instagram` and `#trello`: no example of the data teaches that."""
    out, _ = data
    apps = {re.sub(r"[^a-z]", "", a.lower()) for a in oos_pools.POST_APPS + oos_pools.MSG_APPS + oos_pools.TASK_APPS}
    apps -= {"x", "teams", "keep", "bear", "things", "line", "monday", "medium"}  # also plain words
    for r in _rows(out / "brain_training_augmented.jsonl"):
        for c in _plan(r):
            if c["tool"] == "slack.send_message":
                assert c["args"]["channel"].lstrip("#") not in apps, r["messages"][1]["content"]


@pytest.fixture(scope="module")
def reader():
    gen = Generator(GenerateConfig(size=200, clinc=None))
    singles = [t for ts in gen.singles.values() for t in ts] + gen.multi_templates
    clauses = [t for t in singles if t.imperative and t.tool]
    return lambda command: readings(command, singles, gen.pools, clauses, gen.after_browser)


def _read(filename):
    return json.dumps([{"tool": "filesystem.read_file", "args": {"filename": filename}}], separators=(",", ":"))


def _append(filename, content):
    return json.dumps([{"tool": "filesystem.append_file", "args": {"filename": filename, "content": content}}],
                      separators=(",", ":"))


BOTH_SIDES = [
    # A
    ("post this photo on instagram", "[]"),
    ("add walk the dog to Trello", "[]"),
    ("message Sarah on WhatsApp saying I'm on my way", "[]"),
    ("tweet I'm running late", "[]"),
    ("tell #design that the mockups are ready",
     '[{"tool":"slack.send_message","args":{"channel":"#design","text":"the mockups are ready"}}]'),
    # B (reading a list is reading its file since round 3; removing a line has no tool)
    ("remove eggs from my shopping list", "[]"),
    ("clear my todo list", "[]"),
    ("what's on my shopping list", _read("shopping.txt")),
    ("do I have eggs on my grocery list", _read("grocery.txt")),
    ("read me my reminders", '[{"tool":"reminder.list","args":{}}]'),
    ("is renew my passport on my to-do list", _read("todo.txt")),
    ("can you add eggs to my shopping list?", _append("shopping.txt", "eggs")),
    ("throw bread on the grocery list", _append("grocery.txt", "bread")),
    ("milk goes on the todo list", _append("todo.txt", "milk")),
    ("could you create a shopping list for me?",
     '[{"tool":"filesystem.create_file","args":{"filename":"shopping.txt","content":""}}]'),
    # C
    ("stop", "[]"),
    ("stop it now", "[]"),
    ("stop the process", "[]"),
    ("end the current process", "[]"),
    ("you can stop", "[]"),
    ("kill chrome", '[{"tool":"process.kill_process","args":{"name":"chrome"}}]'),
    ("close every vlc", '[{"tool":"process.kill_process","args":{"name":"vlc"}}]'),
    # D
    ("how do I insert a page break in word", "[]"),
    ("how can I make text bold in google docs", "[]"),
    ("how do you write a for loop in c++", "[]"),
    ("click Page Break in the Word window",
     '[{"tool":"uia.click_button","args":{"window_title":"Word","button_text":"Page Break"}}]'),
    # E (skipping and the volume are tools since round 3; playlists, likes and modes are not)
    ("add this song to my workout playlist", "[]"),
    ("like this song", "[]"),
    ("turn on whisper mode", "[]"),
    ("skip this song", '[{"tool":"media.control","args":{"action":"next"}}]'),
    ("next track", '[{"tool":"media.control","args":{"action":"next"}}]'),
    ("turn the volume up", '[{"tool":"system.change_volume","args":{"by":10}}]'),
    ("put on some jazz", '[{"tool":"spotify.play_query","args":{"query":"jazz"}}]'),
    # F
    ("read me the top stories on bbc.co.uk", "[]"),
    ("what's trending on reddit", "[]"),
    ("open bbc.co.uk", '[{"tool":"browser.open_url","args":{"url":"https://bbc.co.uk"}}]'),
    ("google today's headlines", '[{"tool":"browser.open_url","args":{"url":"https://www.google.com/search?q=today%27s+headlines"}}]'),
    # G
    ("what channel is the game on", "[]"),
    ("put on channel 4", "[]"),
    ("turn on the telly", "[]"),
    # H
    ("find my phone", "[]"),
    ("where are my keys", "[]"),
    ("find my CV", '[{"tool":"local.search","args":{"query":"CV"}}]'),
    ("where's my tax return", '[{"tool":"local.search","args":{"query":"tax return"}}]'),
]


@pytest.mark.parametrize("command,plan", BOTH_SIDES, ids=[c for c, _ in BOTH_SIDES])
def test_both_sides_of_each_contrast_are_read_as_designed(reader, command, plan):
    found = reader(command)
    if plan == "[]":
        assert "[]" in found, found
    else:
        assert plan in found or plan.replace("%27", "'") in found, found
        assert "[]" not in found, "an in-scope command must not also read as no tool"


def test_misspelt_verbs_keep_their_tool(data):
    """`kil`/`kll` never starts a program; `opn`/`strat` never kills; every verb of the brief
    is misspelt in train often enough."""
    out, _ = data
    typo_of = {t: v for v, ts in VERB_TYPOS.items() for t in ts}
    seen: Counter = Counter()
    never = {"kill": {"process.start_program"}, "close": {"process.start_program"},
             "open": {"process.kill_process", "uia.close_window"}, "start": {"process.kill_process", "uia.close_window"},
             "delete": {"filesystem.create_file", "email.send"},
             "pause": {"spotify.play_query"}, "play": {"spotify.pause_playback"}}
    for r in _rows(out / "train.jsonl"):
        words = re.findall(r"[a-z']+", r["messages"][1]["content"].lower())
        hits = [typo_of[w] for w in words if w in typo_of]
        if not hits:
            continue
        seen.update(hits)
        tools = {c["tool"] for c in _plan(r)}
        if len(set(hits)) == 1 and len(tools) == 1 and hits[0] in never:
            assert not tools & never[hits[0]], (r["messages"][1]["content"], tools)
    for verb in ("kill", "close", "delete", "start", "open", "append", "add", "send", "copy", "paste", "pause",
                 "play", "search"):
        assert len(VERB_TYPOS[verb]) >= 6, verb
        assert seen[verb] >= 8, (verb, seen[verb])


def test_same_seed_same_files(tmp_path):
    cfg = GenerateConfig(size=1500, clinc=None)
    a, b = generate(tmp_path / "a", cfg), generate(tmp_path / "b", cfg)
    assert [e.command for e in a.examples] == [e.command for e in b.examples]
    for name in ("train.jsonl", "val.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_no_tool_pools_never_shadow_a_tools_pool():
    """The `[]` sets' pools are merged into one table with the tools' pools: a shared name
    would give a tool's slot the `[]` set's words."""
    assert not set(oos_pools.POOLS) & set(pools.POOLS)


def test_the_new_sets_are_registered():
    names = {s.name for s in out_of_scope.SETS + near_miss.SETS}
    for no_tool, _ in CLASSES.values():
        assert no_tool in names
