"""The recogniser's confusion table and the training commands written as Whisper hears them."""
from __future__ import annotations

import json
import random

from kayas.data import augment as aug
from kayas.data.confusions import TABLE, build_table, heard_form, load, substitutions, swap, words_of
from kayas.data.spec import Style

TABLE_OF = {
    "firefox": {"said": 4, "heard": {"fire fox": 4}, "name": True},  # always misheard
    "milk": {"said": 4, "heard": {"oak": 4}, "name": False},
    "could": {"said": 4, "heard": {"can": 4}, "name": False},
}


def test_words_are_what_a_perfect_recogniser_gives_after_the_normaliser():
    assert words_of("Um, open Notes.txt in Gedit!") == ["open", "notes.txt", "in", "gedit"]
    assert words_of("email lee@uni.edu") == ["email", "lee@uni.edu"]


def test_substitutions_are_the_replaced_runs():
    said, heard = "launch firefox now".split(), "launch fire fox now".split()
    assert list(substitutions(said, heard)) == [("firefox", "fire fox")]
    assert list(substitutions("a b".split(), "a b".split())) == []


def test_table_keeps_what_recurs_and_counts_how_often_it_was_said():
    pairs = [("launch firefox", "launch fire fox"), ("open firefox", "open fire fox"), ("open firefox", "open firefox"),
             ("buy milk", "by milk")]
    table = build_table(pairs, min_count=2)
    assert table["substitutions"] == {"firefox": {"said": 3, "heard": {"fire fox": 2}, "name": False}}
    assert table["takes"] == 4 and table["takes_exact"] == 1 and table["words"] == 8 and table["word_errors"] == 5  # 1 + 1 a split, 1 milk
    named = build_table(pairs, min_count=2, pieces=lambda w: 2 if w.strip() == "firefox" else 1)
    assert named["substitutions"]["firefox"]["name"] is True
    # a word the generator's templates do not use (a typo of augmentation's) gives no substitution
    typo = build_table([("jyst open it", "just open it"), ("buy milk", "by milk")], vocabulary={"open", "it", "buy", "milk"})
    assert typo["substitutions"] == {"buy": {"said": 1, "heard": {"by": 1}, "name": False}}


def test_swap_follows_the_measured_rates():
    rng = random.Random(0)
    half = {"firefox": {"said": 2, "heard": {"fire fox": 1}, "name": True}}
    outs = [" ".join(swap(["open", "firefox"], rng, half, names_only=False)) for _ in range(400)]
    assert 150 < outs.count("open fire fox") < 250 and outs.count("open firefox") == 400 - outs.count("open fire fox")


def test_slots_change_only_their_names_and_the_frame_changes_freely():
    segs = [("Could you launch ", False), ("Firefox", True), (" and add ", False), ("milk", True), (" to my list", False)]
    assert heard_form(segs, random.Random(0), TABLE_OF) == "can you launch fire fox and add milk to my list"
    once = {"firefox": {"said": 1, "heard": {"fire fox": 1}, "name": True}}  # a one-off mishearing of a name
    assert heard_form([("open ", False), ("firefox", True)], random.Random(0), once) == "open firefox"
    assert heard_form([("open firefox", False)], random.Random(0), once) == "open fire fox"


def test_at_most_one_swap_per_four_words():
    """However often Whisper got them wrong, a command keeps most of its words (it must still say what the plan does)."""
    segs = [("could could could could could could could could", False)]
    assert heard_form(segs, random.Random(0), TABLE_OF).split().count("can") == 2


def test_voice_commands_are_written_as_heard_with_the_plan_untouched(monkeypatch):
    from kayas.data import confusions

    monkeypatch.setattr(confusions, "load", lambda: TABLE_OF)
    segs = [("Could you open ", False), ("Firefox", True), (" for me now, please!", False)]
    cfg = aug.AugmentConfig(voice=1.0, wrapper=0, suffix=0, wake=0, typo=0, verb_typo=0, caps=0, filler=1.0, heard=1.0)
    assert aug.augment(segs, True, Style(voice=True), random.Random(0), cfg) == "can you open fire fox for me now please"
    typed = aug.AugmentConfig(voice=1.0, wrapper=0, suffix=0, wake=0, typo=0, verb_typo=0, caps=0, filler=0, heard=0.0)
    assert aug.augment(segs, True, Style(voice=True), random.Random(0), typed) == "could you open Firefox for me now please"


def test_the_other_commands_stay_as_the_seed_made_them():
    """The recogniser's part draws from its own generator: a typed command is the same with or without it."""
    segs = [("Please open ", False), ("notes.txt", True)]
    for seed in range(50):
        a = aug.augment(segs, True, Style(), random.Random(seed), aug.AugmentConfig(heard=0.5))
        b = aug.augment(segs, True, Style(), random.Random(seed), aug.AugmentConfig(heard=0.0))
        assert a == b


def test_the_shipped_table_is_small_and_well_formed():
    assert TABLE.stat().st_size < 200_000
    raw = json.loads(TABLE.read_text(encoding="utf-8"))
    assert raw["takes"] >= 300 and raw["substitutions"] == load()
    for said, entry in raw["substitutions"].items():
        assert said and entry["said"] >= sum(entry["heard"].values()) >= 1
        assert all(heard and heard != said for heard in entry["heard"])


def test_generator_writes_a_share_as_heard_and_keeps_the_plans(monkeypatch):
    from kayas.data.generate import GenerateConfig, Generator

    heard: set[str] = set()
    real = aug.heard_form

    def spy(said, rng, table=None):
        out = real(said, rng, table)
        heard.add(out)
        return out

    monkeypatch.setattr(aug, "heard_form", spy)
    data = Generator(GenerateConfig(size=3000, clinc=None)).run()
    rows = [ex for ex in data.train if ex.command in heard]
    share = len(rows) / len(data.train)
    assert 0.04 < share < 0.15, share
    # a name the plan carries is spelt right in the plan whatever was heard
    files = [ex for ex in rows if "filesystem." in ex.plan and ".txt" in ex.plan]
    assert files and all(ex.command == ex.command.lower() for ex in rows)
