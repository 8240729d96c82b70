"""The package's layout holds: layers import only downwards, no import circle, a light root,
the public API at the root, one home for settings, and no front end building a question."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "kayas"

# Lowest first. A module may import from a lower layer only (or from its own part).
LAYERS = [
    {"errors", "prompt"},  # the contract's ground
    {"registry", "safe_input", "command", "spoken"},  # the contract: tools; the one reader of untrusted JSON and TOML; a command's text, written or spoken
    {"config"},  # every setting: environment -> config.toml -> default
    {"plan", "settings"},  # the contract: plans; where things live
    {"formats", "models", "backends", "eyes"},  # on-disk formats, base models, what tools stand on
    {"engines"},  # what runs the brain's model: torch, llama.cpp
    {"tools", "brain", "data", "train", "testing"},  # tool functions and the engines
    {"assistant"},  # command -> plan -> confirm -> run -> report
    {"server", "voice"},  # the HTTP and voice front ends (kayas serve, kayas listen), which the CLI starts
    {"bench"},  # the lab's measurements (kayas bench ...), apart from the runtime
    {"cli"},  # front ends
]
LAYER = {part: n for n, parts in enumerate(LAYERS) for part in parts}
FACES = {"kayas"}  # the root re-exports lazily


def _modules() -> dict[str, Path]:
    found = {}
    for f in SRC.rglob("*.py"):
        parts = f.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = f
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every kayas module the file imports, at module level or inside a function."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in modules else node.module)
    return {m for m in out if m in modules}


def _part(module: str) -> str:
    return module.split(".")[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items() if name not in FACES}


def test_every_part_has_a_layer(graph):
    assert {_part(m) for m in graph} <= set(LAYER), {_part(m) for m in graph} - set(LAYER)


def test_imports_run_only_downwards(graph):
    upward = [
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if _part(a) != _part(b) and LAYER[_part(b)] >= LAYER[_part(a)]
    ]
    assert upward == []


def test_no_import_circle(graph):
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles = []

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for t in sorted(graph.get(m, ())):
            if seen.get(t) == 1:
                circles.append(path[path.index(t):] + [t])
            elif t not in seen:
                visit(t, [*path, t])
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m, [m])
    assert circles == []


FRONT_ENDS = ("cli", "server", "voice")
_QUESTION = re.compile(r"^[A-Z][^?]* [^?]*[\w')\"`]\?$")  # "Delete todo.txt?", "Run this call?"
_ASKERS = {"confirm", "prompt", "ask", "input", "say"}  # typer/click.confirm, a voice's ask and say, input()


def _question_sentences(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants (f-string parts too) that are, or hold, a question put to a person; and
    questions written straight into a call that asks (``typer.confirm(f"... ?")``)."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for line in node.value.splitlines():
                if "did you mean" in line.lower() or _QUESTION.search(line.strip()):
                    found.append((node.lineno, line.strip()))
        elif isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            if name in _ASKERS and isinstance(first, ast.JoinedStr) and any(
                    isinstance(v, ast.Constant) and "?" in str(v.value) for v in first.values):
                found.append((node.lineno, ast.unparse(first)))
    return found


def test_no_front_end_builds_a_question_sentence():
    """The questions a turn asks ("Did you mean ...?", "Delete todo.txt?") are built once, in
    kayas.assistant.words; a front end only shows or speaks them."""
    found = [f"{path.relative_to(SRC)}:{line}: {text!r}"
             for path in sorted(SRC.rglob("*.py")) if path.relative_to(SRC).parts[0] in FRONT_ENDS
             for line, text in _question_sentences(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


def test_the_question_rule_finds_what_the_front_ends_wrote_before_the_turn():
    """The rule above is not empty: it catches the sentences the front ends used to build."""
    before = ast.parse(
        'typer.confirm(f"Not sure I understood. Did you mean: {outcome.understood}?", default=False)\n'
        'self.ask(f"Shall I {describe_call(call, registry)}? Say yes or no.")\n'
        'typer.confirm(f"{what}. Run this destructive call?", default=False, err=True)\n')
    assert len({line for line, _ in _question_sentences(before)}) == 3


def test_import_kayas_is_light_and_the_public_api_is_at_the_root():
    code = (
        "import sys, kayas\n"
        "heavy = [m for m in ('torch', 'transformers', 'peft', 'llguidance', 'playwright') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from kayas import Assistant, Call, Planner, tool\n"
        "from kayas.assistant import Assistant as A\n"
        "from kayas.brain.planner import Planner as P\n"
        "from kayas.plan import Call as C\n"
        "from kayas.registry import tool as t\n"
        "assert (Assistant, Planner, Call, tool) == (A, P, C, t)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


def test_the_users_import_paths_of_the_readme_work():
    from kayas.data import TemplateSet
    from kayas.data.pools import as_said
    from kayas.registry import tool

    assert callable(tool) and callable(as_said) and TemplateSet.__module__ == "kayas.data.spec"


_ENV_READERS = {("os", "getenv"), ("environ", "get"), ("environ", "pop"), ("environ", "setdefault")}


def _kayas_name(node: ast.AST, constants: dict[str, str]) -> str | None:
    """The KAYAS_* name an expression spells: a string, an f-string's start, or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        text = str(node.values[0].value)
    elif isinstance(node, ast.Name):
        text = constants.get(node.id, "")
    else:
        return None
    return text if text.startswith("KAYAS_") else None


def _environment_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """Where a module reads a KAYAS_* variable itself: os.environ.get/[...]/getenv, typer's envvar=."""
    constants = {t.id: n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                 for t in n.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            owner = func.value if isinstance(func, ast.Attribute) else None
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if isinstance(func, ast.Attribute) and (owner_name, func.attr) in _ENV_READERS and node.args:
                if (name := _kayas_name(node.args[0], constants)):
                    found.append((node.lineno, name))
            for kw in node.keywords:
                if kw.arg == "envvar" and (name := _kayas_name(kw.value, constants)):
                    found.append((node.lineno, f"envvar={name}"))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "environ":
            if isinstance(node.ctx, ast.Load) and (name := _kayas_name(node.slice, constants)):
                found.append((node.lineno, name))
    return found


def test_only_kayas_config_reads_a_kayas_setting_from_the_environment():
    found = [f"{path.relative_to(SRC)}:{line}: {name}" for path in sorted(SRC.rglob("*.py")) if path.name != "config.py"
             or path.parent != SRC for line, name in _environment_reads(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


def test_the_environment_rule_finds_what_modules_read_before_kayas_config():
    before = ast.parse(
        'ENGINE_ENV = "KAYAS_ENGINE"\n'
        'name = os.environ.get(ENGINE_ENV)\n'
        'env = os.environ.get("KAYAS_THREADS", "")\n'
        'raw = os.environ.get(f"KAYAS_EYES_{name.upper()}")\n'
        'home = os.getenv("KAYAS_HOME")\n'
        'ws = os.environ["KAYAS_WORKSPACE"]\n'
        'opt = typer.Option("--engine", envvar="KAYAS_ENGINE")\n'
        'ok = os.environ.get("DISPLAY")\n')
    assert [line for line, _ in _environment_reads(before)] == [2, 3, 4, 5, 6, 7]
