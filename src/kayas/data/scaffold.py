"""`kayas tools new NAME`: a plugin package that works as written, for `kayas learn` to teach.

The package is laid out like the worked examples (examples/kayas-units, examples/kayas-dice): the
tool module (one typed `@tool`), its phrasings (`EXAMPLES`, with a `[]` set of near misses), the
two entry points in pyproject.toml, a held-out file to fill by hand before any template is
written, and the tests. The tool it starts with (NAME.greet) is real and small: it is there to be
replaced, and until then everything in the package runs.
"""
from __future__ import annotations

import keyword
import re
from pathlib import Path

from kayas.errors import KayasError

NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")


class ScaffoldError(KayasError):
    """The name cannot be a tool's, or the folder is taken."""


def check_name(name: str, taken: set[str]) -> None:
    """A tool name's first part: lower case, a Python identifier, no tool of the registry's already."""
    if not NAME.match(name) or keyword.iskeyword(name):
        raise ScaffoldError(f"'{name}' cannot name a tool: use 2-31 lower-case letters, digits or _, starting with a letter")
    if name in taken:
        raise ScaffoldError(f"tools named {name}.* exist already: pick another name")


def files(name: str) -> dict[str, str]:
    """Each file of the package, by its path inside the package folder."""
    pkg = f"kayas_{name}"
    return {
        "pyproject.toml": PYPROJECT.format(name=name, pkg=pkg, dist=name.replace("_", "-")),
        f"{pkg}/__init__.py": f'"""kayas-{name}: a Kayas tool, registered through the `kayas.tools` entry point."""\n',
        f"{pkg}/{name}.py": TOOL.format(name=name, pkg=pkg),
        f"{pkg}/examples.py": EXAMPLES.format(name=name, pkg=pkg),
        "tests/heldout.jsonl": "",
        f"tests/test_{name}.py": TEST.format(name=name, pkg=pkg),
        "README.md": README.format(name=name, pkg=pkg, dist=name.replace("_", "-")),
    }


def create(name: str, parent: Path, taken: set[str]) -> Path:
    """Write the package into `parent`/kayas-NAME; nothing is written when the name or the folder is wrong."""
    check_name(name, taken)
    folder = parent / f"kayas-{name.replace('_', '-')}"
    if folder.exists():
        raise ScaffoldError(f"{folder} exists already: pick another name or folder (--dir)")
    for path, text in files(name).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


PYPROJECT = '''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "kayas-{dist}"
version = "0.1.0"
description = "A Kayas tool: {name}."
requires-python = ">=3.11"
dependencies = ["kayas"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.entry-points."kayas.tools"]
{name} = "{pkg}.{name}"          # the tools: {name}.*

[project.entry-points."kayas.data"]
{name} = "{pkg}.examples"        # their phrasings, for `kayas data generate` and `kayas learn`

[tool.setuptools]
packages = ["{pkg}"]
'''

TOOL = '''"""`{name}.greet`: the tool this package starts with; replace it with yours.

One typed function a tool: the brain's grammar is built from the signature (a `Literal` lets it
write only those values), the docstring's first line tells the brain what the tool is for, and
`read_only=True` says it only reads (safe to run on a guess; `destructive=True` asks first).
Raise a KayasError for bad input: the user sees its one line, never a traceback.
"""
from __future__ import annotations

from typing import Literal

from kayas.errors import KayasError
from kayas.registry import tool

Tone = Literal["warm", "formal"]


@tool(read_only=True)
def greet(person: str, tone: Tone = "warm") -> dict:
    """Greet someone by name, warmly or formally.

    Args:
        person: Who to greet, as said.
        tone: How: warm or formal.
    """
    person = person.strip()
    if not person:
        raise KayasError("greet whom? the name is empty")
    text = f"Hello, {{person}}!" if tone == "warm" else f"Good day, {{person}}."
    return {{"person": person, "tone": tone, "text": text}}
'''

EXAMPLES = '''"""How people ask for {name}'s tools: the templates `kayas data generate` and `kayas learn` render.

A TemplateSet per tool: `imp` for commands, `ask` for questions; `{{slot:pool}}` fills an argument
from a pool (a list said as is, or a function giving what is said and what the plan carries), and
keyword arguments fix one (`tone="formal"`). A set with no tool ("") holds near misses: requests
that sound like the tool but must run nothing (`[]`). Write tests/heldout.jsonl before these.
"""
from __future__ import annotations

from kayas.data import TemplateSet
from kayas.data.pools import as_said

PEOPLE = as_said(["Sam", "Priya", "the team", "Grandma", "Dr Okafor", "everyone", "Luis", "my neighbour"])

greet = TemplateSet("{name}.greet", name="{name}.greet", pools={{"{name}_people": PEOPLE}})
greet.imp("[say hello|say hi] to {{person:{name}_people}}", "greet {{person:{name}_people}}")
greet.imp("greet {{person:{name}_people}} [formally|politely]", "give {{person:{name}_people}} a formal greeting", tone="formal")
greet.ask("can you say hello to {{person:{name}_people}}[?|]", "could you greet {{person:{name}_people}} for me[?|]")

near_misses = TemplateSet("", name="{name}.near_misses",
                          why="No tool fits: the request mentions greeting, but asks for no greeting.").ask(
    "how do you say hello in [French|Japanese|Welsh][?|]",
    "what's a polite way to greet [my boss|a customer][?|]",
    "write a greeting card for {{_p:{name}_people}}",
)

EXAMPLES = [greet, near_misses]
'''

TEST = '''"""{name}: the tool, its schema as the brain's grammar sees it, its phrasings, and the held-out commands."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from {pkg} import examples, {name}

from kayas.data.spec import Style, render
from kayas.errors import KayasError
from kayas.registry import Registry

HELD_OUT = Path(__file__).with_name("heldout.jsonl")
TOOLS = {{t.name for t in Registry().register_module({name})}}


def test_the_tool_answers_and_refuses_bad_input_in_one_line():
    assert {name}.greet("Sam")["text"] == "Hello, Sam!"
    with pytest.raises(KayasError, match="empty"):
        {name}.greet("  ")


def test_the_tools_register_with_typed_arguments():
    registry = Registry()
    tools = registry.register_module({name})
    assert tools and all(t.name.startswith("{name}.") for t in tools)
    for t in tools:
        assert t.parameters_schema()["properties"], f"{{t.name}} takes no arguments"


def test_templates_render_calls_the_tools_accept():
    registry = Registry()
    registry.register_module({name})
    rng = random.Random(0)
    pools = {{n: s for ts in examples.EXAMPLES for n, s in ts.pools.items()}}
    for ts in examples.EXAMPLES:
        for t in ts.templates:
            for _ in range(5):
                r = render(t, rng, Style(voice=rng.random() < 0.3), pools)
                for call in r.calls:
                    registry.get(call["tool"]).validate(call["args"])
                assert bool(r.calls) == bool(ts.tool), t.pattern


def test_the_held_out_commands_are_written_and_stay_out_of_the_templates():
    lines = HELD_OUT.read_text().splitlines()
    if len(lines) < 30:
        pytest.skip(f"tests/heldout.jsonl has {{len(lines)}} of 30 commands: write them by hand, before any template")
    rows = [json.loads(line) for line in lines]
    patterns = {{t.pattern.lower() for ts in examples.EXAMPLES for t in ts.templates}}
    for row in rows:
        assert row["messages"][1]["content"].lower() not in patterns
        assert all(c["tool"] in TOOLS for c in json.loads(row["messages"][2]["content"]))
'''

README = '''# kayas-{dist}

A tool of your own for Kayas, made by `kayas tools new {name}`. It runs as written (`{name}.greet`);
make it yours in this order:

1. `{pkg}/{name}.py`: the tool, one typed function with `@tool` (replace `greet`).
2. `tests/heldout.jsonl`: 30 or more commands people would say, with the plan you expect, written
   by hand **before** any template (one JSON object a line, as in examples/kayas-units/tests), and
   committed: `kayas learn` is measured on them, and they must never be trained on.
3. `{pkg}/examples.py`: the phrasings (`EXAMPLES`), and near misses that must stay `[]`.
4. Install and teach:

```bash
.venv/bin/pip install ./kayas-{dist}
PYTHONPATH=kayas-{dist} .venv/bin/python -m pytest -q kayas-{dist}/tests
.venv/bin/kayas tools | grep {name}          # in the registry, so in the planner's grammar
.venv/bin/kayas learn --dry-run               # what would be taught
.venv/bin/kayas learn                         # teach it (CPU, minutes); kayas learn --undo goes back
.venv/bin/kayas eval --data kayas-{dist}/tests/heldout.jsonl --show-misses
```
'''
