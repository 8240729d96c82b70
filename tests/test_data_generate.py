"""The training-data generator: the issue's figures, validation, determinism, the split."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from kayas.data.generate import GenerateConfig, Generator, atoms, generate
from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import SYSTEM_PROMPT
from kayas.registry import default_registry


@pytest.fixture(scope="module")
def default_data(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    data = generate(out, GenerateConfig())
    return out, data


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_default_output_meets_the_figures(default_data):
    out, data = default_data
    rows = _rows(out / "brain_training_augmented.jsonl")
    assert len(rows) >= 10_000
    plans = [json.loads(r["messages"][2]["content"]) for r in rows]
    single = Counter(p[0]["tool"] for p in plans if len(p) == 1)
    assert set(single) == set(default_registry().names())
    assert min(single.values()) >= 150, single.most_common()[-3:]
    multi = sum(2 <= len(p) <= 4 for p in plans) / len(rows)
    no_tool = sum(not p for p in plans) / len(rows)
    assert multi >= 0.15 and no_tool >= 0.05, (multi, no_tool)
    assert max(len(p) for p in plans) <= 4
    templates = Counter()
    for r, p in zip(rows, plans):
        if len(p) == 1 and not r["template"].startswith("base/"):
            templates[(p[0]["tool"], r["template"])] += 1
    per_tool = Counter(tool for tool, _ in templates)
    assert min(per_tool.values()) >= 15, per_tool.most_common()[-3:]
    commands = [r["messages"][1]["content"] for r in rows]
    assert len(set(commands)) == len(commands), "exact duplicates must be removed"
    assert data.conflicts == 0


def test_every_example_is_canonical_and_in_format(default_data):
    out, _ = default_data
    for row in _rows(out / "brain_training_augmented.jsonl"):
        system, user, assistant = row["messages"]
        assert (system["role"], user["role"], assistant["role"]) == ("system", "user", "assistant")
        assert system["content"] == SYSTEM_PROMPT and user["content"].strip()
        assert assistant["content"] == dumps_plan(parse_plan(assistant["content"]))
        calls = json.loads(assistant["content"])
        expected = "no_tool" if not calls else "multi_step" if len(calls) > 1 else calls[0]["tool"].split(".")[0]
        assert row["category"] == expected
        assert row["explanation"] and row["template"]


def test_split_is_by_template(default_data):
    out, data = default_data
    train = _rows(out / "train.jsonl")
    val = _rows(out / "val.jsonl")
    assert len(train) + len(val) == len(data.examples)
    assert 0.05 <= len(val) / len(data.examples) <= 0.3
    train_atoms = {a for r in train for a in atoms(r["template"])}
    assert data.val_templates and not train_atoms & data.val_templates  # no val phrasing seen in train
    assert all(set(atoms(r["template"])) & data.val_templates for r in val)
    val_tools = Counter(json.loads(r["messages"][2]["content"])[0]["tool"] for r in val
                        if len(json.loads(r["messages"][2]["content"])) == 1)
    assert len(val_tools) >= 20  # val measures most tools, not a few


def test_base_file_has_three_per_tool(default_data):
    out, _ = default_data
    rows = _rows(out / "brain_training_base.jsonl")
    tools = Counter(c["tool"] for r in rows for c in json.loads(r["messages"][2]["content"]))
    assert all(tools[name] >= 3 for name in default_registry().names()), tools


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    cfg = GenerateConfig(seed=7, size=1500, min_per_tool=20)
    generate(tmp_path / "a", cfg)
    generate(tmp_path / "b", cfg)
    generate(tmp_path / "c", GenerateConfig(seed=8, size=1500, min_per_tool=20))
    for name in ("brain_training_augmented.jsonl", "train.jsonl", "val.jsonl", "brain_training_base.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "train.jsonl").read_bytes() != (tmp_path / "c" / "train.jsonl").read_bytes()


def test_template_ids_are_unique_and_atoms_split_compositions():
    gen = Generator(GenerateConfig(size=200))
    ids = [t.id for t in gen.templates]
    assert len(ids) == len(set(ids))
    assert atoms("multi:a/i01+b/q02") == ["a/i01", "b/q02"]
    assert atoms("email.send/i03") == ["email.send/i03"]
