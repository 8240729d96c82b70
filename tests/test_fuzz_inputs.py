"""Fuzz: 10,000 generated plans and configs through `kayas do` (in this process, no model) and the
config loader. Every one ends in a report or one error line with exit code 2: no traceback, and
nothing outside the workspace changes.

`KAYAS_FUZZ_EXAMPLES` scales the runs (default 6,000 plans + 4,000 configs).
"""
from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
import typer
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kayas.cli.main import main
from kayas.registry import default_registry

TOTAL = int(os.environ.get("KAYAS_FUZZ_EXAMPLES", "10000"))
PLANS, CONFIGS = TOTAL * 6 // 10, TOTAL * 4 // 10
TOOLS = default_registry().names()
# Tools that may really run here: they touch only the workspace and KAYAS_HOME, quickly.
RUNNABLE = {"filesystem.create_file", "filesystem.append_file", "filesystem.delete_file", "filesystem.archive_file", "local.search",
            "filesystem.read_file", "filesystem.list_files", "filesystem.move_file", "clock.now"}
ARG_NAMES = sorted({p for t in default_registry() for p in t.parameters_schema().get("properties", {})}) + ["x"]

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=2**62, max_value=2**80) | st.floats()
           | st.text(max_size=12) | st.sampled_from(["../x", "/etc/passwd", "~/.ssh/id_rsa", "a\x00b", "[/]", "\ud800", "C:\\x"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                           max_leaves=8)
calls = st.fixed_dictionaries(
    {"tool": st.sampled_from(TOOLS) | st.text(max_size=16)},
    optional={"args": st.dictionaries(st.sampled_from(ARG_NAMES), json_values, max_size=3) | json_values},
)


def _dumps(value) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return b"[]"


nested = st.integers(1, 20_000).map(lambda n: ("[" * n + "]" * n).encode())
plan_bytes = st.one_of(
    st.lists(calls, max_size=4).map(_dumps),
    calls.map(_dumps),
    json_values.map(_dumps),
    nested,
    st.binary(max_size=64),
    st.text(max_size=64).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.lists(calls, min_size=1, max_size=3).map(_dumps), st.integers(0, 200), st.binary(max_size=3)).map(
        lambda t: t[0][: t[1]] + t[2]),  # cut and corrupted
)


def _tree(folder: Path) -> dict[str, bytes | str]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else "dir" for p in sorted(folder.rglob("*"))}


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A workspace, a home, and an outside tree with a sentinel that nothing may change.

    typer rebuilds its click command on every call (about 45 ms here); it is built (and tidied) once, so
    10,000 runs of the real `main()` take seconds.
    """
    from kayas.cli import help_style
    from kayas.cli.main import app

    real, real_tidy = typer.main.get_command, help_style.tidy
    built = real_tidy(real(app))  # main() tidies what it gets: tidied once here, handed back as it is
    monkeypatch.setattr(typer.main, "get_command", lambda t: built if t is app else real(t))
    monkeypatch.setattr(help_style, "tidy", lambda command, **kw: command if command is built else real_tidy(command, **kw))
    ws, home, outside = tmp_path / "workspace", tmp_path / "home", tmp_path / "outside"
    for d in (ws, home, outside / "deep"):
        d.mkdir(parents=True)
    (outside / "secret.txt").write_text("secret")
    (outside / "deep" / "x.bin").write_bytes(os.urandom(64))
    (ws / "out").symlink_to(outside, target_is_directory=True)
    monkeypatch.setenv("KAYAS_WORKSPACE", str(ws))
    monkeypatch.setenv("KAYAS_HOME", str(home))
    monkeypatch.chdir(ws)
    return tmp_path, outside, _tree(outside)


def _run_cli(args: list[str], stdin: bytes) -> tuple[int, str, str]:
    """`kayas ARGS` in this process; any exception but SystemExit is a traceback, and fails the test."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    sys.argv, sys.stdin = ["kayas", *args], io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def _check_outcome(code: int, err: str, root: Path, outside: Path, before: dict) -> None:
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert _tree(outside) == before
    assert {p.name for p in root.iterdir()} <= {"workspace", "home", "outside"}


@settings(max_examples=PLANS, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(plan=plan_bytes, how=st.sampled_from(["run", "dry-run", "json"]))
def test_fuzzed_plans_through_kayas_do(places, plan, how):
    root, outside, before = places
    try:
        runnable = all(c.get("tool") in RUNNABLE for c in json.loads(plan)) if plan.startswith(b"[{") else True
    except (ValueError, AttributeError, RecursionError, TypeError):
        runnable = True  # not a plan at all: refused before anything runs
    args = ["do", "-"] + (["--json"] if how == "json" else []) + (["--dry-run"] if how == "dry-run" or not runnable else [])
    code, out, err = _run_cli(args, plan)
    _check_outcome(code, err, root, outside, before)


def _toml_key(k: str) -> str:
    return k if k and all(c.isalnum() or c in "_-" for c in k) else json.dumps(k)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(v), repr(v))
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"


def _sections() -> dict[str, type]:
    """Every [section] of config.toml and its dataclass ([policy] has no fixed keys: see POLICY_KEYS)."""
    from kayas.assistant.audit import AuditConfig
    from kayas.backends.sandbox import SandboxConfig
    from kayas.backends.search_index import SearchConfig
    from kayas.server.config import ServerConfig
    from kayas.tools.process import ProcessConfig
    from kayas.voice.base import VoiceConfig

    return {"process": ProcessConfig, "search": SearchConfig, "server": ServerConfig, "voice": VoiceConfig,
            "sandbox": SandboxConfig, "audit": AuditConfig}


SECTIONS = _sections()
KEYS = {name: [f.name for f in fields(cls)] for name, cls in SECTIONS.items() if is_dataclass(cls)}
KEYS["policy"] = TOOLS + sorted({t.split(".")[0] for t in TOOLS}) + ["destructive", "read_only", "*", "filesytem"]
toml_scalars = (st.booleans() | st.integers() | st.integers(min_value=2**62, max_value=2**70) | st.floats()
                | st.text(max_size=10) | st.sampled_from(["~", "/", "a\x00", "allow", "deny", "confirm"]))
toml_values = st.recursive(toml_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=2),
                           max_leaves=6)
section_tables = st.sampled_from(sorted(SECTIONS) + ["policy", "policy", "proces", "x"]).flatmap(
    lambda name: st.tuples(st.just(name), st.dictionaries(st.sampled_from(KEYS.get(name, ["a"]) + ["typo"]), toml_values, max_size=4)))


def _document(top: dict, tables: list) -> bytes:
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in top.items()]
    for name, table in tables:
        lines.append(f"[{name}]")
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


config_bytes = st.one_of(
    st.builds(_document, st.dictionaries(st.sampled_from(["KAYAS_CONFIDENCE_THRESHOLD", "KAYAS_SMTP_PORT", "x"]), toml_values, max_size=2),
              st.lists(section_tables, max_size=3)),
    st.builds(_document, st.just({}), st.lists(section_tables, max_size=3)).flatmap(
        lambda doc: st.tuples(st.integers(0, max(len(doc), 1)), st.binary(max_size=4)).map(lambda t: doc[: t[0]] + t[1] + doc[t[0]:])),
    st.integers(1, 5000).map(lambda n: b"a = " + b"[" * n + b"]" * n),
    st.integers(1, 3000).map(lambda n: b"[" + b".".join([b"a"] * n) + b"]"),
    st.binary(max_size=64),
)


@settings(max_examples=CONFIGS, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(doc=config_bytes, really=st.integers(0, 7))
def test_fuzzed_configs_through_the_loader_and_kayas_do(places, doc, really):
    from kayas.assistant.policy import Policy
    from kayas.backends.sandbox import SandboxConfig
    from kayas.errors import KayasError
    from kayas.settings import confidence_threshold, config_file, load_section, setting

    root, outside, before = places
    config_file().write_bytes(doc)
    for name, cls in SECTIONS.items():
        try:
            load_section(name, cls)
        except KayasError as exc:
            assert str(exc) and "\n" not in str(exc)
    for read in (lambda: setting("KAYAS_SMTP_PORT"), confidence_threshold, Policy.load, SandboxConfig.load):
        try:
            read()
        except KayasError as exc:
            assert "\n" not in str(exc)
    # One in eight runs the search for real (its index is SQLite, committed each time: slow); the rest are dry runs.
    args = ["do", "--json", "-"] + ([] if really == 0 else ["--dry-run"])
    code, out, err = _run_cli(args, b'[{"tool": "local.search", "args": {"query": "milk"}}]')
    _check_outcome(code, err, root, outside, before)
