"""`kayas learn` keeps what the brain knew, and `kayas tools new` starts a tool it can teach.

Real parts: the scaffold is written by a `kayas tools new` subprocess and its own tests run in
another; the mix comes from the real generator with the example plugins on the path; the
learning runs on a tiny model whose old plans are learnt by heart first, so forgetting them
is something that can happen, be seen by exact match, and stop the run.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "examples" / "kayas-units"
DICE = ROOT / "examples" / "kayas-dice"


def dist_info(site: Path, dist: str, package: str, name: str) -> None:
    """Register a plugin's entry points the way pip would (a dist-info on the path)."""
    folder = site / f"{package}-0.1.0.dist-info"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n")
    (folder / "entry_points.txt").write_text(f"[kayas.tools]\n{name} = {package}.{name}\n\n[kayas.data]\n{name} = {package}.examples\n")


def kayas(args: list[str], env: dict[str, str], timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kayas.cli.main", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


def env_with(tmp_path: Path, *paths: Path) -> dict[str, str]:
    env = {**os.environ, "KAYAS_HOME": str(tmp_path / "home"), "KAYAS_WORKSPACE": str(tmp_path / "ws"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *map(str, paths)])}
    env.pop("KAYAS_ADAPTER", None)
    return env


# ---------------------------------------------------------------- kayas tools new

def test_tools_new_writes_a_package_that_imports_registers_validates_and_is_taught(tiny_model_dir, tmp_path):
    from kayas.testing.stand_ins import make_random_adapter

    env = env_with(tmp_path)
    made = kayas(["tools", "new", "notes_demo", "--dir", str(tmp_path)], env)
    assert made.returncode == 0, made.stderr
    package = tmp_path / "kayas-notes-demo"
    assert (package / "tests" / "heldout.jsonl").read_text() == ""  # to fill by hand, before any template
    assert "[project.entry-points.\"kayas.tools\"]" in (package / "pyproject.toml").read_text()

    own = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(package / "tests")],
                         env={**env, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(package)])},
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert own.returncode == 0, own.stdout + own.stderr
    assert "3 passed, 1 skipped" in own.stdout and "0 of 30 commands" in own.stdout

    site = tmp_path / "site"
    dist_info(site, "kayas-notes-demo", "kayas_notes_demo", "notes_demo")
    env = env_with(tmp_path, site, package)
    listed = json.loads(kayas(["tools", "--json"], env).stdout)
    (greet,) = [t for t in listed if t["name"] == "notes_demo.greet"]
    assert greet["parameters"]["properties"]["tone"]["enum"] == ["warm", "formal"]
    ran = kayas(["do", "--json", '[{"tool": "notes_demo.greet", "args": {"person": "Sam"}}]'], env)
    assert json.loads(ran.stdout)["results"][0]["result"]["text"] == "Hello, Sam!", ran.stdout + ran.stderr
    refused = kayas(["do", "--json", '[{"tool": "notes_demo.greet", "args": {"person": "Sam", "tone": "rude"}}]'], env)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr + refused.stdout

    brain = make_random_adapter(tmp_path / "brain", str(tiny_model_dir))
    dry = kayas(["learn", "--from", str(brain), "--dry-run", "--pool", "1500", "--examples", "40", "--replay", "40"], env)
    assert dry.returncode == 0, dry.stderr
    assert "teaching notes_demo.greet" in dry.stdout


@pytest.mark.parametrize("name, message", [("filesystem", "exist already"), ("Bad-Name", "cannot name a tool"),
                                           ("class", "cannot name a tool")])
def test_tools_new_refuses_a_bad_name_in_one_line_and_writes_nothing(tmp_path, name, message):
    done = kayas(["tools", "new", name, "--dir", str(tmp_path)], env_with(tmp_path))
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kayas-")]


def test_tools_new_does_not_overwrite_a_folder(tmp_path):
    (tmp_path / "kayas-jot").mkdir()
    done = kayas(["tools", "new", "jot", "--dir", str(tmp_path)], env_with(tmp_path))
    assert done.returncode == 2 and "exists already" in done.stderr and not list((tmp_path / "kayas-jot").iterdir())


# ---------------------------------------------------------------- the mix

@pytest.fixture
def dice_registry(monkeypatch):
    """The built-ins and dice.roll (the second example), as an installed plugin would register it."""
    monkeypatch.syspath_prepend(str(DICE))
    from kayas_dice import dice, examples

    from kayas.data.discover import collect_sets
    from kayas.registry import Registry, builtin_tool_modules

    registry = Registry()  # not default_registry(): that one is shared by every test
    for module in builtin_tool_modules():
        registry.register_module(module)
    registry.register_module(dice)
    sets = collect_sets(registry) + list(examples.EXAMPLES)
    return registry, sets


def test_the_replay_leans_to_near_misses_leaves_out_contradictions_and_checks_unseen_old_commands(dice_registry, tmp_path):
    from kayas.data.lesson import Lesson, MixConfig, mix, replay_class

    registry, sets = dice_registry
    builtin = tuple(n for n in registry.names() if n != "dice.roll")
    even = mix(Lesson(("dice.roll",), builtin, ()), registry, MixConfig(new_examples=80, replay_examples=200, replay_pool=1500,
                                                                      weights={}), sets)
    leaned = mix(Lesson(("dice.roll",), builtin, ()), registry, MixConfig(new_examples=80, replay_examples=200, replay_pool=1500), sets)
    assert leaned.counts["replay_near_miss"] > 1.5 * even.counts["replay_near_miss"]
    assert leaned.counts["replay_out_of_scope"] > even.counts["replay_out_of_scope"]

    # "roll a die" -> [] (the built-in out-of-scope set, CLINC's roll_dice) would contradict the lesson.
    assert {"dice", "roll"} <= set(leaned.own_words) and leaned.counts["left_out_contradicting"] > 0
    assert not {"a", "what", "many", "me"} & set(leaned.own_words)  # common words stay
    old_empty = [e for e in leaned.train + leaned.check if e.plan == "[]" and "dice.near" not in e.template]
    assert not [e for e in old_empty if re.search(r"\b(dice|die|roll)\b", e.command.lower())]
    assert any(e.plan == "[]" and e.template.startswith("dice.near_misses") for e in leaned.train)  # its own near misses stay

    trained = {e.command for e in leaned.train}
    assert leaned.check and not trained & {e.command for e in leaned.check}
    assert {replay_class(e) for e in leaned.check} == {"near_miss", "out_of_scope", "other_empty", "tool"}
    assert all("dice.roll" in e.plan or e.template.startswith("dice.") for e in leaned.val)  # val: the new tool's own, val-only


# ---------------------------------------------------------------- exact match and the judge

def test_teacher_forced_exact_is_greedy_decoding(tiny_model_dir):
    """An example is exact exactly when greedy decoding writes its plan: checked against generate()."""
    import torch
    from transformers import AutoModelForCausalLM

    from kayas.formats.examples import Example
    from kayas.models import load_tokenizer, resolve
    from kayas.train.data import IGNORE, TokenizedExample, collate, tokenize
    from kayas.train.learn import exact_rows

    tok = load_tokenizer(resolve(str(tiny_model_dir)))
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    rows = []
    for command in ("open my notes", "what time is it", "mute"):
        full = tokenize(tok, Example.chat(command, "[]", "t").messages, 512)
        prompt = full.input_ids[: full.labels.index(next(t for t in full.labels if t != IGNORE))]
        with torch.no_grad():
            said = model.generate(torch.tensor([prompt]), max_new_tokens=8, do_sample=False, pad_token_id=pad)[0, len(prompt):].tolist()
        rows.append(TokenizedExample(prompt + said, [IGNORE] * len(prompt) + said))  # greedy's own plan: exact
        wrong = said[:4] + [(said[4] + 1) % len(tok)] + said[5:]
        rows.append(TokenizedExample(prompt + wrong, [IGNORE] * len(prompt) + wrong))  # one token off: not exact
        rows.append(TokenizedExample(prompt + said[:3], [IGNORE] * len(prompt) + said[:3]))  # a prefix of it: exact
    with torch.no_grad():
        _, exact = exact_rows(model, collate(rows, False, pad))
    assert exact.tolist() == [True, False, True] * 3


def test_the_judge_keeps_the_best_that_keeps_the_old_and_stops_on_forgetting():
    import torch

    from kayas.train.learn import Check, Judge

    model = torch.nn.Linear(2, 2)
    judge = Judge(start_old=0.9, tolerance=0.05, patience=2)
    assert judge.offer(0, Check(2.0, 0.0, 10), Check(1.0, 0.9, 20), model) and judge.best["weights"] is None
    assert judge.offer(8, Check(1.0, 0.5, 10), Check(1.0, 0.85, 20), model)  # within the tolerance
    assert not judge.offer(16, Check(0.5, 0.9, 10), Check(1.0, 0.8, 20), model)  # better on the new, but forgets
    assert not judge.forgetting
    assert not judge.offer(24, Check(0.4, 1.0, 10), Check(1.0, 0.7, 20), model) and judge.forgetting
    assert judge.best["step"] == 8 and judge.best["weights"] is not None


# ---------------------------------------------------------------- a run that forgets stops

@pytest.fixture
def reciting_brain(tiny_model_dir, tmp_path):
    """A LoRA brain (a zero LoRA on a tiny model that learnt four plans by heart) and those four plans."""
    import torch
    from peft import LoraConfig, get_peft_model

    from kayas.formats.adapter import write_meta
    from kayas.models import load_model, load_tokenizer, resolve, weight_fingerprint
    from kayas.testing.stand_ins import make_overfit_brain

    old = [("what time is it", '[{"tool":"clock.now","args":{}}]'), ("hello there", "[]"),
           ("mute the sound", '[{"tool":"system.mute","args":{}}]'), ("how are you", "[]")]
    base = make_overfit_brain(tiny_model_dir, tmp_path / "reciting", old, steps=150)
    source = resolve(str(base))
    torch.manual_seed(0)
    model = get_peft_model(load_model(source), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "o_proj"]))
    out = tmp_path / "brain"
    model.save_pretrained(out)
    load_tokenizer(source).save_pretrained(out)
    write_meta(out, base_model=str(base), method="lora", config={"rank": 4}, data={},
               base_fingerprint=weight_fingerprint(model.get_base_model()))
    return out, old


def test_a_run_that_forgets_the_old_commands_stops_and_keeps_nothing_worse(reciting_brain, tmp_path):
    from kayas.formats.adapter import AdapterInfo
    from kayas.formats.examples import Example
    from kayas.train.learn import LearnConfig, Lessons, learn

    brain, old = reciting_brain
    check = [Example.chat(c, p, "old") for c, p in old]
    new = [Example.chat(f"roll {n} dice", f'[{{"tool":"dice.roll","args":{{"count":{n},"sides":6}}}}]', "dice") for n in range(2, 10)]
    lessons = Lessons(new * 4, new[:2], ["dice.roll"], ["dice.roll"], [], {}, check)
    events: list[tuple[str, dict]] = []
    cfg = LearnConfig(minutes=5, epochs=4, learning_rate=0.3, train_layers=0, batch_size=8, micro_batch=2, eval_every=1,
                      forget_patience=2, warmup_steps=0)
    outcome = learn(AdapterInfo.read(brain), lessons, tmp_path / "home" / "brains" / "taught", cfg, progress=lambda e, f: events.append((e, f)))
    m = outcome.metrics
    assert m["start_old_exact"] == 1.0, "the stand-in brain recites its four plans before the lesson"
    assert outcome.stopped == "forgetting", m["val"]
    assert m["steps_done"] < len(new) * 4 * 4 // 8
    assert [f["old_exact"] for e, f in events if e == "eval"][-2:] == [v["old_exact"] for v in m["val"][-2:]]
    assert all(v["old_exact"] < 1.0 for v in m["val"][-2:])
    assert outcome.path is None or m["best_old_exact"] == 1.0  # never a brain that lost an old command
    assert any("left_s" in f and f["left_s"] >= 0 for e, f in events if e == "step")
    assert m["peak_rss_mb"]["end"] >= m["peak_rss_mb"]["loaded"] > 0


# ---------------------------------------------------------------- the command line

def test_learn_on_the_command_line_says_the_time_left_and_the_exact_figures(tiny_model_dir, tmp_path):
    from kayas.testing.stand_ins import make_random_adapter

    site = tmp_path / "site"
    dist_info(site, "kayas-dice", "kayas_dice", "dice")
    env = env_with(tmp_path, site, DICE)
    brain = make_random_adapter(tmp_path / "start", str(tiny_model_dir))
    done = kayas(["learn", "--from", str(brain), "--name", "dice", "--minutes", "0.3", "--examples", "40", "--replay", "40",
                  "--pool", "1200", "--epochs", "1", "--check", "12", "--eval-every", "2", "--micro-batch", "2"], env)
    assert "teaching dice.roll" in done.stdout, done.stdout + done.stderr
    assert re.search(r"left out: \d+ replayed \[\] examples that say the new tools' words", done.stdout)
    assert re.search(r"step \d+/\d+ +loss [\d.]+ +new \d+% old \d+% exact.* \d+:\d\d left", done.stdout), done.stdout
    assert done.returncode in (0, 1), done.stderr
    if done.returncode == 0:
        metrics = json.loads((tmp_path / "home" / "brains" / "dice" / "metrics.json").read_text())
        assert metrics["check_examples"] == 12 and metrics["peak_rss_mb"]["end"] > 0
    else:  # a random brain may learn nothing that beats the start: then nothing is written
        assert "nothing written" in done.stdout


def test_a_second_tool_is_taught_alone_and_the_first_is_replayed(dice_registry, monkeypatch):
    """Two tools in a row: with units learnt already, the dice lesson's new examples are dice only."""
    monkeypatch.syspath_prepend(str(UNITS))
    from kayas_units import examples as unit_examples
    from kayas_units import units

    from kayas.data.lesson import Lesson, MixConfig, mix

    registry, sets = dice_registry
    registry.register_module(units)
    sets = sets + list(unit_examples.EXAMPLES)
    known = tuple(n for n in registry.names() if n != "dice.roll")
    done = mix(Lesson(("dice.roll",), known, ()), registry, MixConfig(new_examples=80, replay_examples=300, replay_pool=2000), sets)
    assert all(e.template.startswith("dice.") or "dice.roll" in e.plan for e in done.val)
    replayed = [e for e in done.train if not (e.template.startswith("dice.") or "dice.roll" in e.plan)]
    assert any("units.convert" in e.plan for e in replayed + done.check)  # the first tool is replayed, not taught again
    assert done.counts["new"] == sum(e.template.startswith("dice.") or "dice.roll" in e.plan for e in done.train)


@pytest.mark.parametrize("example", [UNITS, DICE], ids=lambda p: p.name)
def test_the_worked_examples_pass_their_own_tests(example, tmp_path):
    """CI collects tests/ only: the examples' own suites run here, as their READMEs say to run them."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example / "tests")],
                          env=env_with(tmp_path, example), capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0 and "[100%]" in done.stdout, done.stdout + done.stderr
