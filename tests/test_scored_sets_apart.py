"""No command of a scored set is in the training data, so no figure measured on one is memory.

The scored sets are every tests/data/*.jsonl (a new set is covered by being there) and each
example plugin's tests/heldout.jsonl. The training data is what the default generator makes
(`kayas data generate` with its defaults: seed 0 at the real size, all four files, val included)
and the whole of CLINC150's train split (a superset of the sample the generator takes from it).
Commands are compared as CLINC150's decontamination compares them (`clinc.normalize`: case,
punctuation and spacing aside).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kayas.data import clinc as clinc150
from kayas.data.generate import GenerateConfig, Generator
from kayas.formats.examples import read_examples

REPO = Path(__file__).resolve().parents[1]
SCORED = sorted((REPO / "tests" / "data").glob("*.jsonl")) + sorted((REPO / "examples").glob("*/tests/heldout.jsonl"))


@pytest.fixture(scope="module")
def trained_on() -> dict[str, str]:
    """Every training command, normalized, with where it comes from."""
    out = {}
    clinc = clinc150.default_dir()
    assert clinc is not None, "third_party/clinc150 is part of the checkout"
    for query, intent in clinc150.Clinc.load(clinc).queries("train"):
        out[clinc150.normalize(query)] = f"CLINC150 train ({intent})"
    for ex in Generator(GenerateConfig()).run().examples:
        out[clinc150.normalize(ex.command)] = f"the default generated data ({ex.template})"
    return out


def test_the_scored_sets_are_found():
    names = {p.name for p in SCORED}
    assert {"handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl", "heldout.jsonl"} <= names, names


@pytest.mark.parametrize("path", SCORED, ids=lambda p: str(p.relative_to(REPO)))
def test_no_scored_command_is_in_the_training_data(path, trained_on):
    seen = [(ex.line, ex.command, trained_on[key]) for ex in read_examples(path)
            if (key := clinc150.normalize(ex.command)) in trained_on]
    assert not seen, f"{len(seen)} command(s) of {path.name} are trained on:\n" + "\n".join(
        f"  line {line}: {command!r} is in {where}" for line, command, where in seen)


def test_the_comparison_ignores_case_punctuation_and_spacing():
    assert clinc150.normalize("  Open   Firefox! ") == clinc150.normalize("open firefox") != clinc150.normalize("open firefox now")
