"""No command of a scored set is in the training data, so no figure measured on one is memory.

The scored sets are every tests/data/*.jsonl in the eval format (a new set is covered by being
there) and each example plugin's tests/heldout.jsonl. The training data is what the default
generator makes (`kayas data generate` with its defaults: seed 0 at the real size, all four files,
val included), its sample of CLINC150's train split included. The generator leaves out every
scored command, from its templates and from that sample alike (generate.scored_commands), so a
scored command that CLINC150's train split also holds ("what day is it") is never trained on;
the test below checks the files, and another that the sample would have taken such queries.
Commands are compared as CLINC150's decontamination compares them (`clinc.normalize`: case,
punctuation and spacing aside).

The hand-labelled calibration set (data/calibration/*.jsonl, which fits the confidence and the gate)
is kept apart the same way: never trained on, and outside tests/data/ so that no scorer scores it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kayas.data import clinc as clinc150
from kayas.data.generate import GenerateConfig, Generator
from kayas.formats.examples import read_examples
from kayas.prompt import with_context

REPO = Path(__file__).resolve().parents[1]
SCORED = [p for p in sorted((REPO / "tests" / "data").glob("*.jsonl")) + sorted((REPO / "examples").glob("*/tests/heldout.jsonl"))
          if '"messages"' in p.read_text(encoding="utf-8")[:2000]]  # eval-format sets (not relabel_round3.jsonl's notes)
CALIBRATION = sorted((REPO / "data" / "calibration").glob("*.jsonl"))


@pytest.fixture(scope="module")
def trained_on() -> dict[str, str]:
    """Every training command, normalized, with where it comes from."""
    out = {}
    for ex in Generator(GenerateConfig()).run().examples:
        out[clinc150.normalize(ex.command)] = f"the default generated data ({ex.template})"
    return out


def test_the_scored_sets_are_found():
    names = {p.name for p in SCORED}
    assert {"handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl", "heldout.jsonl"} <= names, names


def test_the_calibration_set_is_held_out_and_scored_by_no_one():
    from kayas.data.generate import held_out_sets, scored_sets

    assert [p.name for p in CALIBRATION] == ["calibration.jsonl"], CALIBRATION
    assert set(CALIBRATION) <= set(held_out_sets()) and set(CALIBRATION).isdisjoint(scored_sets())
    assert len(read_examples(CALIBRATION[0])) >= 400


def test_the_calibration_set_is_left_out_by_the_generator_not_by_luck():
    """Without it among the held-out sets the default data says some of its commands ("pause spotify")."""
    from kayas.data.generate import scored_commands, scored_sets

    made = Generator(GenerateConfig(scored=scored_sets())).run()
    assert {clinc150.normalize(ex.command) for ex in made.examples} & scored_commands(CALIBRATION)


@pytest.mark.parametrize("path", SCORED + CALIBRATION, ids=lambda p: str(p.relative_to(REPO)))
def test_no_scored_command_is_in_the_training_data(path, trained_on):
    seen = [(ex.line, ex.command, trained_on[key]) for ex in read_examples(path)  # a dialogue: its last turn as read after its context
            if (key := clinc150.normalize(with_context(ex.command, ex.context))) in trained_on]
    assert not seen, f"{len(seen)} command(s) of {path.name} are trained on:\n" + "\n".join(
        f"  line {line}: {command!r} is in {where}" for line, command, where in seen)


def test_the_comparison_ignores_case_punctuation_and_spacing():
    assert clinc150.normalize("  Open   Firefox! ") == clinc150.normalize("open firefox") != clinc150.normalize("open firefox now")


def test_scored_commands_that_clinc150_trains_are_left_out_of_its_sample():
    """Without the scored sets the generator's CLINC150 sample says some of their commands: the
    decontamination is what keeps them out, not luck."""
    from kayas.data.generate import scored_commands

    scored = scored_commands(SCORED)
    plain = Generator(GenerateConfig(scored=[])).run()
    kept = Generator(GenerateConfig()).run()
    assert {clinc150.normalize(ex.command) for ex in plain.examples} & scored
    assert not {clinc150.normalize(ex.command) for ex in kept.examples} & scored
    assert kept.decontaminated > plain.decontaminated
