"""The registry: schemas derived from code, the exact contract, and the entry-point path for plugins."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kayas.registry import Registry, ToolDefinitionError, build_tool, default_registry, tool

ROOT = Path(__file__).resolve().parents[1]
KAYAS = str(Path(sys.executable).with_name("kayas"))
JSON_TYPES = {"str": "string", "bool": "boolean", "int": "integer", "float": "number", "list[Step]": "array"}


def contract_rows() -> list[tuple[str, str]]:
    """(tool, args) from the contract's table in docs/TOOLS.md."""
    rows = re.findall(r"^\| `([a-z]+\.[a-z_]+)` \| (.*?) \|", (ROOT / "docs" / "TOOLS.md").read_text(), re.M)
    assert len(rows) == 42  # 26 of the first rounds, 16 of the third
    return rows


def parse_args(text: str) -> dict[str, tuple[str, object]]:
    """`a: str`, `b: bool = true` -> {name: (json type, default or ...)}."""
    out: dict[str, tuple[str, object]] = {}
    for name, typ, default in re.findall(r"`(\w+): ([^`=]+?)(?: = ([^`]+))?`", text):
        # an enum is written "a" | "b" (the pipe escaped in the table): its JSON type is a string
        json_type = "string" if typ.startswith('"') else JSON_TYPES[typ]
        out[name] = (json_type, json.loads(default) if default else ...)
    return out


def contract_enum(text: str, arg: str) -> list[str] | None:
    """The values of an enum argument as the contract lists them ("play", "pause", ...), else None."""
    found = re.search(rf"`{arg}: (\"[^`]+)`", text)
    return re.findall(r'"(\w+)"', found.group(1)) if found else None


@pytest.mark.parametrize("name,args", contract_rows())
def test_every_contract_tool_has_exactly_its_arguments(name, args):
    t = default_registry().get(name)
    schema = t.parameters_schema()
    props = schema.get("properties", {})
    expected = parse_args(args)
    assert list(props) == list(expected)
    for arg, (json_type, default) in expected.items():
        assert props[arg]["type"] == json_type, arg
        if contract_enum(args, arg) is not None:
            assert props[arg]["enum"] == contract_enum(args, arg), arg
        if default is ...:
            assert arg in schema.get("required", [])
        else:
            assert props[arg]["default"] == default
        assert props[arg]["description"]
    assert schema["additionalProperties"] is False
    assert t.description


def test_registry_holds_exactly_the_contract():
    assert sorted(default_registry().names()) == sorted(n for n, _ in contract_rows())


def test_destructive_tools_are_the_issue_list():
    marked = {t.name for t in default_registry() if t.destructive}
    assert marked == {
        "filesystem.delete_file", "process.kill_process", "process.run_command",
        "email.send", "slack.send_message", "uia.close_window",
    }


def test_schema_and_validation_come_from_hints_defaults_and_docstring():
    def greet(name: str, times: int = 2) -> str:
        """Say hello.

        Args:
            name: Who to greet.
            times: How often.
        """
        return " ".join([f"hi {name}"] * times)

    t = build_tool(greet, name="demo.greet")
    schema = t.parameters_schema()
    assert schema["required"] == ["name"]
    assert schema["properties"]["times"] == {"default": 2, "description": "How often.", "type": "integer"}
    assert t.description == "Say hello."
    assert t.validate({"name": "bo"}) == {"name": "bo", "times": 2}
    assert t(**t.validate({"name": "bo", "times": 1})) == "hi bo"


@pytest.mark.parametrize(
    "source,message",
    [
        ("def f(x: int) -> int:\n    return x\n", "needs a docstring"),
        ('def f(x) -> int:\n    """Doc.\n\n    Args:\n        x: X.\n    """\n', "has no type hint"),
        ('def f(x: int) -> int:\n    """Doc without args."""\n', "no description in the docstring"),
        ('def f(*xs: int) -> int:\n    """Doc.\n\n    Args:\n        xs: X.\n    """\n', "*args/**kwargs"),
    ],
)
def test_badly_declared_tools_are_refused(source, message):
    namespace: dict = {"__name__": "demo"}
    exec(source, namespace)
    with pytest.raises(ToolDefinitionError, match=re.escape(message)):
        build_tool(namespace["f"], name="demo.f")


def test_duplicate_names_are_refused_and_unknown_names_get_a_suggestion():
    registry = Registry()
    registry.register_module("kayas.tools.filesystem")
    with pytest.raises(ToolDefinitionError, match="duplicate tool name 'filesystem.create_file'"):
        registry.register_module("kayas.tools.filesystem")
    assert registry.suggest("filesystem.create_fle") == "filesystem.create_file"


def test_decorator_keeps_the_function_callable():
    @tool(name="demo.double")
    def double(x: int) -> int:
        """Twice x.

        Args:
            x: A number.
        """
        return 2 * x

    assert double(4) == 8
    assert double.__kayas_tool__.name == "demo.double"


def _plugin(tmp_path: Path) -> Path:
    """A third-party tool, installed the way pip would: a module plus a dist-info with an entry point."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "kayas_weather.py").write_text(textwrap.dedent('''
        from kayas.registry import tool

        @tool
        def forecast(city: str, days: int = 1) -> dict:
            """The weather forecast for a city.

            Args:
                city: The city's name.
                days: How many days ahead.
            """
            return {"city": city, "days": days, "sky": "clear"}
    '''))
    info = site / "kayas_weather-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kayas-weather\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[kayas.tools]\nweather = kayas_weather\n")
    return site


def test_third_party_tool_through_the_entry_point(tmp_path):
    site = _plugin(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([KAYAS, "tools", "--json"], capture_output=True, text=True, env=env, check=True).stdout
    tools = {t["name"]: t for t in json.loads(out)}
    assert len(tools) == 43
    assert tools["kayas_weather.forecast"]["parameters"]["required"] == ["city"]
    plan = '[{"tool": "kayas_weather.forecast", "args": {"city": "Oslo"}}]'
    done = subprocess.run([KAYAS, "do", "--json", plan], capture_output=True, text=True, env=env, check=True)
    assert json.loads(done.stdout)["results"][0]["result"] == {"city": "Oslo", "days": 1, "sky": "clear"}


def test_kayas_tools_json_is_exactly_the_contract():
    out = subprocess.run([KAYAS, "tools", "--json"], capture_output=True, text=True, check=True).stdout
    tools = json.loads(out)
    assert [t["name"] for t in tools][:4] == [
        "filesystem.create_file", "filesystem.append_file", "filesystem.delete_file", "filesystem.archive_file",
    ]
    assert sorted(t["name"] for t in tools) == sorted(n for n, _ in contract_rows())
    assert all(set(t) == {"name", "description", "parameters"} for t in tools)


def test_kayas_tools_table_lists_every_tool():
    out = subprocess.run([KAYAS, "tools"], capture_output=True, text=True, check=True,
                         env={**os.environ, "COLUMNS": "200"}).stdout
    for name, _ in contract_rows():
        assert name in out
    assert "limit: int = 10" in out
    assert "42 tools" in out
