"""Out of scope as a category of the data: every domain, near-misses as designed, CLINC150
(mapping, train/test separation, the eval converter), misspelt verbs keep their plans."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict

import pytest
from typer.testing import CliRunner

from conftest import needs
from kayas.brain.evaluate import read_examples
from kayas.cli.main import app
from kayas.data import clinc as clinc150
from kayas.data.augment import VERB_TYPOS, WAKE, AugmentConfig, augment
from kayas.data.generate import GenerateConfig, Generator, generate
from kayas.data.reverse import readings
from kayas.data.spec import Style
from kayas.data.stats import compute
from kayas.data.templates import near_miss, out_of_scope
from kayas.registry import Registry, default_registry

runner = CliRunner()
CLINC = clinc150.default_dir()
needs_clinc = needs("third_party/clinc150", CLINC is not None, "part of the repository checkout")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    return out, generate(out, GenerateConfig())


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _plan(row):
    return json.loads(row["messages"][2]["content"])


def test_a_quarter_of_train_is_no_tool_and_in_scope_keeps_its_size(data):
    out, _ = data
    train = _rows(out / "train.jsonl")
    share = sum(not _plan(r) for r in train) / len(train)
    assert 0.2 <= share <= 0.3, share
    in_scope = sum(bool(_plan(r)) for r in train)
    # round 4 had 11,069 in scope; round 5 grew the default size to 23,500 and conversations add a tenth (a GPU round stays under ~5 minutes)
    assert in_scope >= 10_500 and len(train) <= 25_000, (in_scope, len(train))


def test_every_domain_is_in_train_and_some_of_its_phrasings_only_in_val(data):
    out, dataset = data
    train = Counter(r["template"].split("/")[0] for r in _rows(out / "train.jsonl") if not _plan(r))
    for s in out_of_scope.SETS + [x for x in near_miss.SETS if not x.tool]:
        assert train[s.name] >= 25, (s.name, train[s.name])
        assert {t.id for t in s.templates} & dataset.val_templates, f"{s.name} has no val-only phrasing"
    assert len(out_of_scope.SETS) >= 25


def test_no_tool_templates_all_give_no_tool_and_explain_why(data):
    _, dataset = data
    for ex in dataset.examples:
        head = ex.template.split("/")[0]
        if head.startswith("oos."):
            assert ex.plan == "[]", (ex.command, ex.plan)
        if head.startswith("clinc.") and CLINC is not None:  # `[]`, or the plan its intent's label or rule gives
            intent = ex.template.rsplit(".", 1)[1]
            assert ex.plan == "[]" or clinc150.Clinc.load(CLINC).mapping[intent] != "[]", (ex.command, ex.plan)
        if head.startswith("near."):
            expected = '[{"tool":"spotify.get_current_playing","args":{}}]' if head == "near.now_playing" else "[]"
            assert ex.plan == expected, (ex.command, ex.plan)
        if ex.plan == "[]" and head != "base":
            assert ex.explanation.startswith("No tool fits")


@pytest.fixture(scope="module")
def reader():
    gen = Generator(GenerateConfig(size=200, clinc=None))
    singles = [t for ts in gen.singles.values() for t in ts] + gen.multi_templates
    clauses = [t for t in singles if t.imperative and t.tool]
    return lambda command: readings(command, singles, gen.pools, clauses, gen.after_browser)


# The failures measured on real commands, their near-misses, and the in-scope commands they
# must stay apart from: each is read by the templates as exactly what is written here.
NEAR_MISSES = [
    ("check whether I have new mail", "[]"),
    ("tidy up the house", "[]"),
    ("switch off the kitchen light", "[]"),
    ("what's the forecast for Tuesday in Leeds", "[]"),
    ("remind me what you just said", "[]"),
    ("remind me how to reverse a string in Python", "[]"),
    ("read my latest email", "[]"),
    ("search my email for the invoice", "[]"),
    ("delete the email from my boss", "[]"),
    ("archive the email from the bank", "[]"),
    ("call Mom", "[]"),
    ("text Priya that I'm running late", "[]"),
    ("put the kettle on", "[]"),
    ("kill the lights", "[]"),
    ("close the garage", "[]"),
    ("lock the front door", "[]"),
    ("start the dishwasher", "[]"),
    ("start the car", "[]"),
    ("clean the kitchen", "[]"),
    ("delete eggs from my shopping list", "[]"),
    ("clear my todo list", "[]"),
    ("uninstall zoom", "[]"),
    ("copy notes.txt to the desktop", "[]"),
    ("move notes.txt to the desktop", "[]"),
    ("find my car keys", "[]"),
    ("where did I put my glasses", "[]"),
    ("like this song", "[]"),
    ("play that again", "[]"),
    ("set a sleep timer for 10 minutes", "[]"),
    ("stop the alarm", "[]"),
    ("pause the timer", "[]"),
    ("snooze", "[]"),
    ("what time is it in Tokyo", "[]"),
    ("what's the date tomorrow", "[]"),
    ("speak quieter", "[]"),
    ("turn the TV up", "[]"),
    ("mute my mic", "[]"),
    ("send $50 to Tom", "[]"),
    ("go to bed", "[]"),

    ("restart my computer", "[]"),
    ("what's this tune", '[{"tool":"spotify.get_current_playing","args":{}}]'),
    # ... and what stays in scope
    ("close the Settings window", '[{"tool":"uia.close_window","args":{"window_title":"Settings"}}]'),
    ("kill zoom", '[{"tool":"process.kill_process","args":{"name":"zoom"}}]'),
    ("turn on jazz", '[{"tool":"spotify.play_query","args":{"query":"jazz"}}]'),
    ("where did I save my car insurance", '[{"tool":"local.search","args":{"query":"car insurance"}}]'),
    ("delete my shopping list", '[{"tool":"filesystem.delete_file","args":{"filename":"shopping.txt"}}]'),
    ("add eggs to my shopping list", '[{"tool":"filesystem.append_file","args":{"filename":"shopping.txt","content":"eggs"}}]'),
    ("restart firefox", '[{"tool":"process.kill_process","args":{"name":"firefox"}},'
                        '{"tool":"process.start_program","args":{"program":"firefox","background":true}}]'),
    ("search for weather in Paris",
     '[{"tool":"browser.open_url","args":{"url":"https://www.google.com/search?q=weather+in+Paris"}}]'),
    # ... and what the third round's tools took over from `[]`
    # A reminder with no time said is `[]` (round 5): no time is made up.
    ("remind me to call Greg", '[]'),
    ("remind me to message #dev about the meeting", '[]'),
    ("remind me to delete budget.xlsx", '[]'),
    ("remind me to message #dev about the meeting at 4pm",
     '[{"tool":"reminder.add","args":{"text":"message #dev about the meeting","when":"4pm"}}]'),
    ("remind me to email sam@x.com at 6pm", '[{"tool":"reminder.add","args":{"text":"email sam@x.com","when":"6pm"}}]'),
    ("rename notes.txt to ideas.txt",
     '[{"tool":"filesystem.move_file","args":{"filename":"notes.txt","new_name":"ideas.txt"}}]'),
    ("skip this song", '[{"tool":"media.control","args":{"action":"next"}}]'),
    ("resume the music", '[{"tool":"media.control","args":{"action":"play"}}]'),
    ("set an alarm for 7", '[{"tool":"alarm.set","args":{"when":"7","label":""}}]'),
    ("what's on my shopping list", '[{"tool":"filesystem.read_file","args":{"filename":"shopping.txt"}}]'),
    ("turn the volume up", '[{"tool":"system.change_volume","args":{"by":10}}]'),
    ("what time is it", '[{"tool":"clock.now","args":{}}]'),
    ("cancel the timer", '[{"tool":"reminder.cancel","args":{"text":"timer"}}]'),
]


@pytest.mark.parametrize("command,plan", NEAR_MISSES, ids=[c for c, _ in NEAR_MISSES])
def test_near_misses_are_labelled_as_designed(reader, command, plan):
    found = reader(command)
    assert plan in found, found
    if plan != "[]":
        assert "[]" not in found, "an in-scope command must not also read as no tool"


def test_near_misses_keep_the_tools_verbs(data):
    """The verbs that pick a tool appear in `[]` examples too, so the object decides."""
    out, _ = data
    wake = sorted({w.strip(" ,").lower() for w in WAKE}, key=len, reverse=True)
    first = Counter()
    for r in _rows(out / "train.jsonl"):
        if not _plan(r) and not r["template"].startswith("clinc."):
            text = r["messages"][1]["content"].lower()
            for w in wake:
                if text.startswith(w):
                    text = text[len(w):].lstrip(" ,")
                    break
            first[text.split(" ", 1)[0]] += 1
    for verb in ("open", "close", "kill", "start", "run", "send", "delete", "copy", "find", "put", "turn",
                 "play", "stop", "tell", "remind", "call", "text", "set", "shut"):
        assert first[verb] >= 5, (verb, first[verb])


@needs_clinc
def test_clinc_mapping_covers_every_intent_with_a_real_label():
    clinc = clinc150.Clinc.load(CLINC)
    domains = json.loads((CLINC / "domains.json").read_text())
    intents = {i for v in domains.values() for i in v}
    assert len(intents) == 150 and set(clinc.mapping) == intents | {"oos"}
    registry = default_registry()
    labels = Counter(clinc.mapping.values())
    assert all(v in ("[]", "mixed") or v in registry for v in labels), labels
    assert labels["[]"] >= 130
    assert clinc.mapping["what_song"] == "spotify.get_current_playing"
    for intent in ("weather", "smart_home", "text", "make_call", "calendar", "calendar_update", "update_playlist", "oos"):
        assert clinc.mapping[intent] == "[]", intent
    notes = json.loads((CLINC / "kayas_mapping.json").read_text())["notes"]
    served = {"alarm": "alarm.set", "timer": "timer.start", "reminder": "reminder.list", "reminder_update": "reminder.add",
              "time": "clock.now", "date": "clock.now", "next_song": "media.control", "change_volume": "system.change_volume",
              "todo_list": "filesystem.read_file", "shopping_list": "filesystem.read_file", "play_music": "spotify.play_query"}
    for intent, tool in served.items():
        assert clinc.mapping[intent] == tool, intent
        assert intent in notes, f"{intent}: the mapping's notes say why"


@needs_clinc
def test_clinc_train_is_trained_on_and_its_test_split_never(data):
    out, dataset = data
    clinc = clinc150.Clinc.load(CLINC)
    test = clinc.test_set()
    train_rows, val_rows = _rows(out / "train.jsonl"), _rows(out / "val.jsonl")
    for rows in (train_rows, val_rows):
        leaked = [r["messages"][1]["content"] for r in rows if clinc150.normalize(r["messages"][1]["content"]) in test]
        assert not leaked, leaked[:5]
    train_q = {clinc150.normalize(q) for q, _ in clinc.splits["train"]}
    val_q = {clinc150.normalize(q) for q, _ in clinc.splits["val"]}
    from_clinc = [r for r in train_rows if r["template"].startswith("clinc.")]
    assert len(from_clinc) >= 1000
    assert all(r["template"].startswith("clinc.train/") for r in from_clinc)
    assert all(r["template"].startswith("clinc.val/") for r in val_rows if r["template"].startswith("clinc."))
    # The augmentation may add a wake word or a typo; most CLINC examples are their query as written.
    assert sum(clinc150.normalize(r["messages"][1]["content"]) in train_q for r in from_clinc) >= 0.6 * len(from_clinc)
    assert not any(clinc150.normalize(r["messages"][1]["content"]) in val_q for r in train_rows)
    val_commands = {r["messages"][1]["content"] for r in val_rows}
    assert not val_commands & {r["messages"][1]["content"] for r in train_rows}
    assert sum(clinc150.normalize(c) in val_q for c in val_commands) >= 200  # CLINC150's val split is in val
    per_intent = Counter(r["template"] for r in from_clinc)
    no_tool_intents = [t for t in per_intent if clinc.mapping[t.rsplit(".", 1)[1]] == "[]"]
    assert max(per_intent[t] for t in no_tool_intents if not t.endswith(".oos")) <= 12  # capped, not swamping
    assert max(per_intent.values()) <= 250 and max(n for t, n in per_intent.items() if not t.endswith(".oos")) <= 50
    assert dataset.clinc >= 1000 and dataset.decontaminated >= 1
    registry = default_registry()
    for r in from_clinc:  # each query's plan is its rule's (or its intent's) exact label, never a tool-only guess
        intent = r["template"].rsplit(".", 1)[1]
        query = next((q for q, i in clinc.splits["train"] if i == intent and clinc150.normalize(q) ==
                      clinc150.normalize(r["messages"][1]["content"])), None)
        if query is not None:
            assert _plan(r) == clinc.label(intent, query, registry), (query, _plan(r))
    played = [r for r in from_clinc if r["template"].endswith(".play_music")]
    assert len(played) >= 20 and all(_plan(r)[0]["tool"] == "spotify.play_query" for r in played)


@needs_clinc
def test_clinc_test_split_converts_to_the_eval_format(tmp_path):
    out = tmp_path / "clinc_test.jsonl"
    res = runner.invoke(app, ["data", "clinc", "--split", "test", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = _rows(out)
    clinc = clinc150.Clinc.load(CLINC)
    registry = default_registry()
    left_out = sum(clinc.label(i, q, registry) is None for q, i in clinc.splits["test"])
    assert len(rows) == 4500 + 1000 - left_out and left_out < 100
    assert len(read_examples(out)) == len(rows)  # `kayas eval --data` reads it
    cats = Counter(r["category"] for r in rows)
    assert cats["clinc_tool"] >= 250 and cats["out_of_scope"] == len(rows) - cats["clinc_tool"]
    unknown = {r["intent"] for r in rows if not r["args_known"]}
    assert unknown == {"play_music", "timer", "alarm", "reminder_update"}
    assert all(r["messages"][2]["content"] == "[]" for r in rows if r["category"] == "out_of_scope")
    assert all(r["messages"][2]["content"] != "[]" for r in rows if r["category"] == "clinc_tool")
    assert sum(r["asks_search"] for r in rows) >= 20
    only = tmp_path / "only.jsonl"
    assert runner.invoke(app, ["data", "clinc", "--out", str(only), "--no-tool-only"]).exit_code == 0
    assert len(_rows(only)) == cats["out_of_scope"]
    proc = subprocess.run([sys.executable, "-m", "kayas.cli.main", "data", "clinc", "--split", "train", "--out",
                           str(tmp_path / "x.jsonl")], capture_output=True, text=True)
    assert proc.returncode == 2 and "training input" in proc.stderr and "Traceback" not in proc.stderr


def test_no_misspelling_is_itself_a_verb():
    spelt = {t for ts in VERB_TYPOS.values() for t in ts}
    assert not spelt & set(VERB_TYPOS)
    for verb, typos in VERB_TYPOS.items():
        assert verb not in typos and len(set(typos)) == len(typos)


def test_a_misspelt_verb_keeps_the_plan_of_the_verb(data):
    """In the data, a command that opens with a misspelt verb has the tools that the same
    verb, spelt right, opens with: "opn" never kills, "delte" never sends."""
    _, dataset = data
    typo_of = {t: v for v, ts in VERB_TYPOS.items() for t in ts}
    first_tools: dict[str, set] = defaultdict(set)
    misspelt: list[tuple[str, str, str]] = []
    for ex in dataset.examples:
        words = re.findall(r"[a-z']+", ex.command.lower())
        if not words:
            continue
        tool = json.loads(ex.plan)[0]["tool"] if ex.plan != "[]" else "[]"
        if words[0] in VERB_TYPOS:
            first_tools[words[0]].add(tool)
        elif words[0] in typo_of and ex.plan != "[]":  # a misspelt [] (out of scope, near-miss) calls nothing: safe
            misspelt.append((typo_of[words[0]], tool, ex.command))
    for verb, tool, command in misspelt:
        assert tool in first_tools[verb], (command, tool, sorted(first_tools[verb]))
    seen = Counter(v for v, _, _ in misspelt)
    for verb in ("open", "delete", "send", "close", "start", "kill", "play", "create"):
        assert seen[verb] >= 3, (verb, seen[verb])
    oos_typos = [ex for ex in dataset.examples if ex.template.startswith("oos.")
                 and any(w in typo_of for w in re.findall(r"[a-z']+", ex.command.lower()))]
    assert len(oos_typos) >= 25 and all(ex.plan == "[]" for ex in oos_typos)


def test_verb_typo_changes_only_the_verb():
    import random

    gen = Generator(GenerateConfig(size=200, clinc=None))
    cfg = AugmentConfig(voice=0, wrapper=0, suffix=0, wake=0, typo=0, verb_typo=1.0, caps=0)
    rng = random.Random(3)
    changed = 0
    for t in gen.templates[:400]:
        if t.role != "single":
            continue
        from kayas.data.spec import render

        r = render(t, rng, Style(), gen.pools)
        said = augment(r.segments, r.imperative, Style(), rng, cfg)
        if said.lower() != r.text.lower().rstrip(".!?") and said.lower().rstrip(".!?") != r.text.lower().rstrip(".!?"):
            changed += 1
            for text, slot in r.segments:
                if slot:
                    assert text in said, (text, said)  # the slot text, what the plan carries, is untouched
    assert changed >= 100


def test_same_seed_same_clinc_sample_other_seed_other_sample():
    a = Generator(GenerateConfig(seed=4, size=1500, min_per_tool=20)).run()
    b = Generator(GenerateConfig(seed=4, size=1500, min_per_tool=20)).run()
    c = Generator(GenerateConfig(seed=5, size=1500, min_per_tool=20)).run()
    pick = lambda d: [e.command for e in d.examples if e.template.startswith("clinc.")]  # noqa: E731
    assert pick(a) == pick(b) and pick(a) != pick(c)
    if CLINC is not None:
        assert pick(a)


def test_a_users_tool_takes_its_domain_over(tmp_path, monkeypatch):
    (tmp_path / "oos_weather_tool.py").write_text(
        "from kayas.registry import tool\n"
        "from kayas.data import TemplateSet\n"
        "from kayas.data.pools import as_said\n\n"
        "@tool\n"
        "def forecast(city: str) -> dict:\n"
        '    """The weather forecast for a city.\n\n    Args:\n        city: The city, as said.\n    """\n'
        "    return {}\n\n"
        'EXAMPLES = TemplateSet("oos_weather_tool.forecast", pools={"town": as_said(["Paris", "Leeds"])}).imp(\n'
        '    "what\'s the weather in {city:town}", "forecast for {city:town}")\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry()
    for t in default_registry():
        registry.register(t)
    registry.register_module("oos_weather_tool")  # a name no other test imports
    data = Generator(GenerateConfig(size=1500, min_per_tool=20), registry).run()
    assert data.dropped_sets == ["oos.weather"] and data.conflicts == 0
    assert not any(e.template.startswith("oos.weather/") or e.template.endswith(".weather") for e in data.examples)
    assert any(e.template.startswith("oos.calendar/") for e in data.examples)  # the other domains stay
    assert any('"oos_weather_tool.forecast"' in e.plan for e in data.examples)


def test_stats_report_the_out_of_scope_share(data):
    out, _ = data
    st = compute(out / "train.jsonl", tokenizer="none")
    d = st.as_dict()
    assert 0.12 <= d["out_of_scope_share"] <= d["no_tool_share"] <= 0.3
    assert {f"oos:{s.name[4:]}" for s in out_of_scope.SETS} <= set(d["no_tool_by_domain"])
    assert d["no_tool_by_source"]["near_miss"] >= 300 and d["verb_typos"] >= 300
    if CLINC is not None:
        assert d["no_tool_by_source"]["clinc"] >= 1000
    assert len(d["top_templates"]) == 15
