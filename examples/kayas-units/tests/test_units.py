"""units.convert: the arithmetic (pint's), its schema as the brain's grammar sees it, and its phrasings."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from kayas_units import examples, units
from pydantic import ValidationError

from kayas.data.spec import Style, render
from kayas.errors import KayasError
from kayas.registry import Registry

HELD_OUT = Path(__file__).with_name("heldout.jsonl")


@pytest.mark.parametrize("value, a, b, expected", [
    (5, "mi", "km", 8.04672), (72, "F", "C", 22.2222), (0, "K", "C", -273.15), (11, "st", "kg", 69.8532),
    (2, "l", "cup", 8.45351), (90, "min", "h", 1.5), (100, "km/h", "mph", 62.1371), (4.7, "GB", "MB", 4700.0),
])
def test_convert(value, a, b, expected):
    assert units.convert(float(value), a, b)["result"] == pytest.approx(expected, rel=1e-4)


def test_units_of_different_kinds_are_refused_in_one_line():
    with pytest.raises(KayasError, match="cannot convert mi to kg"):
        units.convert(5.0, "mi", "kg")


def test_every_symbol_has_pint_words_and_spoken_forms():
    symbols = set(units.Unit.__args__)
    assert symbols == set(units.PINT_NAMES) == {s for kind in examples.FORMS.values() for s in kind}


def test_the_schema_constrains_the_units():
    registry = Registry()
    (tool,) = registry.register_module(units)
    assert tool.name == "units.convert" and tool.read_only
    schema = tool.parameters_schema()["properties"]
    assert schema["value"]["type"] == "number" and "km" in schema["from_unit"]["enum"]
    with pytest.raises(ValidationError, match="from_unit"):
        tool.validate({"value": 5.0, "from_unit": "furlong", "to_unit": "km"})


def test_templates_render_valid_calls_with_two_different_units():
    rng = random.Random(0)
    pools = {name: sampler for s in examples.EXAMPLES for name, sampler in s.pools.items()}
    for s in examples.EXAMPLES:
        for t in s.templates:
            for _ in range(5):
                r = render(t, rng, Style(), pools)
                if s.tool:
                    (call,) = r.calls
                    assert call["tool"] == "units.convert" and call["args"]["from_unit"] != call["args"]["to_unit"]
                else:
                    assert r.calls == []


def test_the_held_out_commands_are_not_in_the_templates():
    said = [json.loads(line)["messages"][1]["content"].lower() for line in HELD_OUT.read_text().splitlines()]
    patterns = [t.pattern.lower() for s in examples.EXAMPLES for t in s.templates]
    assert len(said) >= 30
    assert not [c for c in said if c in patterns]
