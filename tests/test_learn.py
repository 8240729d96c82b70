"""`kayas learn` end to end on a tiny model: a plugin tool found through its entry points, taught,
made the default brain, planned with on the llama.cpp engine, undone; and a removed tool refused.

The plugin is the worked example, examples/kayas-units, registered the way pip would register it
(a dist-info with entry_points.txt on the path) without installing anything into the venv.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kayas-units"
HELD_OUT = EXAMPLE / "tests" / "heldout.jsonl"


def plugin_path(folder: Path) -> Path:
    """A folder that makes `kayas_units` an installed plugin for whoever has it on sys.path."""
    dist = folder / "kayas_units-0.1.0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: kayas-units\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text("[kayas.tools]\nunits = kayas_units.units\n\n[kayas.data]\nunits = kayas_units.examples\n")
    return folder


def kayas(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kayas.cli.main", *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def start_brain(tiny_model_dir, tmp_path_factory):
    """The tiny stand-in of the shipped brain: a LoRA whose metadata names no tools (so: the built-ins)."""
    from kayas.testing.stand_ins import make_random_adapter

    return make_random_adapter(tmp_path_factory.mktemp("start") / "brain", str(tiny_model_dir))


def test_learn_teaches_a_plugin_tool_makes_it_the_default_and_undo_goes_back(start_brain, tmp_path):
    plugin = plugin_path(tmp_path / "site")
    src = str(ROOT / "src")
    env = {**os.environ, "KAYAS_HOME": str(tmp_path / "home"), "KAYAS_WORKSPACE": str(tmp_path / "ws"),
           "PYTHONPATH": os.pathsep.join([src, str(plugin), str(EXAMPLE)])}
    env.pop("KAYAS_ADAPTER", None)
    done = kayas(["learn", "--from", str(start_brain), "--name", "units", "--minutes", "0.3", "--examples", "60",
                  "--replay", "60", "--pool", "1500", "--epochs", "1"], env)
    assert done.returncode == 0, done.stderr
    assert "teaching units.convert" in done.stdout and "the default brain is now units" in done.stdout
    brain = tmp_path / "home" / "brains" / "units"
    meta = json.loads((brain / "kayas_adapter.json").read_text())
    assert "units.convert" in meta["tools"] and "filesystem.create_file" in meta["tools"]
    assert meta["data"]["taught"] == ["units.convert"] and meta["learned_from"] == str(start_brain.resolve())
    assert (tmp_path / "home" / "brain").read_text().strip() == "units"
    taught = [json.loads(line) for line in (brain / "train.jsonl").read_text().splitlines()]
    assert any("units.convert" in row["messages"][2]["content"] for row in taught)
    assert any(row["messages"][2]["content"] == "[]" for row in taught)  # the replay keeps no-tool examples
    held = {json.loads(line)["messages"][1]["content"].lower() for line in HELD_OUT.read_text().splitlines()}
    assert not held & {row["messages"][1]["content"].lower() for row in taught}  # the held-out set stays held out

    # The default brain now plans (llama.cpp merges the new adapter; its grammar has the new tool).
    planned = kayas(["plan", "what's 5 miles in km"], env)
    assert planned.returncode == 0, planned.stderr
    assert isinstance(json.loads(planned.stdout), list)
    converted = kayas(["do", "--json", '[{"tool": "units.convert", "args": {"value": 5, "from_unit": "mi", "to_unit": "km"}}]'], env)
    assert converted.returncode == 0, converted.stdout + converted.stderr  # pint: the test extra
    assert json.loads(converted.stdout)["results"][0]["result"]["result"] == pytest.approx(8.04672)

    listed = kayas(["brain", "list"], env)
    assert "* units" in listed.stdout
    again = kayas(["learn", "--from", str(brain), "--dry-run"], env)
    assert again.returncode == 2 and "nothing to learn" in again.stderr

    back = kayas(["learn", "--undo"], env)
    assert back.returncode == 0 and "shipped again" in back.stdout, back.stderr
    assert not (tmp_path / "home" / "brain").exists() and brain.is_dir()
    assert kayas(["brain", "use", "units"], env).returncode == 0
    assert (tmp_path / "home" / "brain").read_text().strip() == "units"

    # The plugin uninstalled: its tool is refused (where this venv has no kayas-units really installed).
    if not any(ep.value == "kayas_units.units" for ep in entry_points(group="kayas.tools")):
        gone = {**env, "PYTHONPATH": src}
        refused = kayas(["do", '[{"tool": "units.convert", "args": {"value": 5, "from_unit": "mi", "to_unit": "km"}}]'], gone)
        assert refused.returncode == 2 and "unknown tool 'units.convert'" in refused.stderr


def test_a_removed_tool_is_out_of_the_grammar_and_the_data(start_brain):
    from kayas.brain.grammar import plan_schema
    from kayas.data.lesson import MixConfig, NothingToLearn, lesson, mix
    from kayas.formats.adapter import AdapterInfo, write_meta
    from kayas.plan import PlanError, parse_plan
    from kayas.registry import Registry, builtin_tool_modules

    registry = Registry()
    for module in builtin_tool_modules():
        registry.register_module(module)
    meta = json.loads((start_brain / "kayas_adapter.json").read_text())
    write_meta(start_brain, base_model=meta["base_model"], method="lora", config={}, data={},
               tools=[*registry.names(), "units.convert"])  # a brain that once learnt units
    todo = lesson(AdapterInfo.read(start_brain), registry)
    assert todo.gone == ("units.convert",) and todo.new == ()
    assert "units.convert" not in json.dumps(plan_schema(registry))  # the planner's grammar cannot write it
    with pytest.raises(PlanError, match="unknown tool 'units.convert'"):
        parse_plan('[{"tool":"units.convert","args":{"value":5.0,"from_unit":"mi","to_unit":"km"}}]', registry)
    with pytest.raises(NothingToLearn):
        mix(todo, registry, MixConfig())


def test_the_brain_pointer(tmp_path):
    from kayas.brain import choice
    from kayas.brain.loader import SHIPPED_DIR, find_adapter
    from kayas.errors import KayasError

    assert choice.current() == "shipped" and find_adapter(None) == SHIPPED_DIR
    with pytest.raises(KayasError, match="no brain named 'nope'"):
        choice.use("nope")
    with pytest.raises(KayasError, match="bad brain name"):
        choice.brain_path("../x")
    choice.pointer_file().write_text("lost\n")
    with pytest.raises(KayasError, match="default brain 'lost'.*missing"):
        find_adapter(None)
    assert find_adapter(str(tmp_path)) == tmp_path  # --adapter still wins


def test_ctrl_c_keeps_the_best_adapter_so_far(start_brain, tmp_path):
    from kayas.formats.adapter import AdapterInfo
    from kayas.formats.examples import Example
    from kayas.train.learn import LearnConfig, Lessons, freeze_below, learn

    plan = '[{"tool":"local.search","args":{"query":"eggs"}}]'
    train = [Example.chat(f"find eggs {i}", plan, "local") for i in range(40)]
    val = [Example.chat("find eggs", plan, "local")]
    lessons = Lessons(train, val, ["local.search"], ["local.search"], [], {"new": 40})

    def interrupt(event, fields):
        if event == "step" and fields["step"] == 2:
            raise KeyboardInterrupt

    outcome = learn(AdapterInfo.read(start_brain), lessons, tmp_path / "brains" / "b", LearnConfig(minutes=1, eval_every=100),
                    progress=interrupt)
    assert outcome.stopped == "interrupted" and outcome.metrics["steps_done"] == 2
    assert outcome.path == tmp_path / "brains" / "b" and (outcome.path / "adapter_model.safetensors").is_file()
    assert [v["step"] for v in outcome.metrics["val"]] == [0, 2] and outcome.metrics["best_step"] == 2
    assert not list((tmp_path / "brains").glob(".*.tmp"))  # written beside, renamed into place

    from kayas.train.learn import load_trainable

    model, _ = load_trainable(AdapterInfo.read(start_brain))
    everything = freeze_below(model, 0)
    assert 0 < freeze_below(model, 1) < everything  # the tiny model has 2 layers: the top one learns


def test_a_taught_brain_keeps_its_parents_confidence_threshold(tmp_path):
    from kayas.brain.confidence import Calibration
    from kayas.cli.learn_cmd import _inherit_calibration

    parent, child, bare = tmp_path / "parent", tmp_path / "child", tmp_path / "bare"
    for folder in (parent, child, bare):
        folder.mkdir()
    Calibration(weights=[1.0] * 6, bias=0.5, threshold=0.93, fitted_on="val").save(parent)
    _inherit_calibration(parent, child)
    got = Calibration.load(child)
    assert got is not None and got.threshold == 0.93 and got.fitted_on.startswith(f"inherited from {parent}")
    _inherit_calibration(bare, child / "none")  # a parent without one: nothing to inherit, nothing written
    assert not (child / "none").exists()
