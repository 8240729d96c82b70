"""Property tests: random plans never crash the parser or the router, and never touch anything outside."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kayas.assistant.router import Router
from kayas.errors import KayasError
from kayas.plan import PlanError, parse_plan
from kayas.registry import default_registry

TOOL_NAMES = default_registry().names()
FS_TOOLS = ["filesystem.create_file", "filesystem.append_file", "filesystem.delete_file", "filesystem.archive_file"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
calls = st.fixed_dictionaries(
    {"tool": st.sampled_from(TOOL_NAMES) | st.text(max_size=25)},
    optional={"args": st.dictionaries(st.sampled_from(["filename", "content", "text", "limit", "query", "x"]),
                                      json_values, max_size=3) | json_values},
)
# Names that try every way out: parents, absolute paths, home, symlinks placed by the test, the trash.
segments = st.sampled_from(["a", "b.txt", "..", ".", "", "out", "loop", ".trash", "archive", "~", "C:", "é", " "])
separators = st.sampled_from(["/", "\\"])
valid_names = st.sampled_from(["a.txt", "b.txt", "notes/c.md", "archive/b.txt", "out", "loop"])
filenames = st.one_of(
    valid_names,
    valid_names,
    st.lists(segments, min_size=1, max_size=4).flatmap(lambda parts: separators.map(lambda s: s.join(parts))),
    st.sampled_from(["/etc/passwd", "/tmp/x", "out/secret.txt", "loop", "../outside/secret.txt"]),
    st.text(max_size=12),
)
fs_calls = st.builds(
    lambda tool, name, content: {"tool": tool, "args": {"filename": name, "content": content}
                                 if tool in FS_TOOLS[:2] else {"filename": name}},
    st.sampled_from(FS_TOOLS), filenames, st.text(max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | json_values.map(json.dumps) | st.lists(calls, max_size=4).map(json.dumps))
def test_parser_either_returns_calls_or_raises_plan_error(text):
    try:
        plan = parse_plan(text)
    except PlanError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert all(c.tool in TOOL_NAMES for c in plan)


@contextlib.contextmanager
def sandbox():
    """A fresh workspace and home, plus an 'outside' folder the workspace links into."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws, outside = root / "workspace", root / "outside"
        ws.mkdir()
        outside.mkdir()
        (outside / "secret.txt").write_text("secret")
        (ws / "out").symlink_to(outside, target_is_directory=True)
        (ws / "loop").symlink_to(outside / "secret.txt")
        (ws / "b.txt").write_text("inside")
        saved = {k: os.environ.get(k) for k in ("KAYAS_WORKSPACE", "KAYAS_HOME")}
        os.environ.update(KAYAS_WORKSPACE=str(ws), KAYAS_HOME=str(root / "home"))
        try:
            yield root, ws, outside
        finally:
            for k, v in saved.items():
                os.environ[k] = v  # conftest always sets both


def tree(folder: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        out[rel] = f"-> {os.readlink(p)}" if p.is_symlink() else (p.read_bytes() if p.is_file() else "dir")
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fs_calls, max_size=5), st.booleans())
def test_router_never_crashes_and_never_touches_the_outside(raw_calls, dry_run):
    with sandbox() as (root, ws, outside):
        before_outside = tree(outside)
        before_root = sorted(p.name for p in root.iterdir())
        before_ws = tree(ws)
        try:
            plan = parse_plan(raw_calls)
        except PlanError:
            return
        try:
            report = Router(assume_yes=True, dry_run=dry_run).run(plan)
        except KayasError:
            report = None
        assert tree(outside) == before_outside
        assert {p.name for p in root.iterdir()} - {"home"} == set(before_root)
        if report is not None:
            assert len(report.results) == len(plan)
            statuses = [r.status for r in report.results]
            if not dry_run:
                event(f"some call ran ok: {'ok' in statuses}")
            assert set(statuses) <= ({"dry-run"} if dry_run else {"ok", "failed", "skipped"})
            if "failed" in statuses:
                assert set(statuses[statuses.index("failed") + 1:]) <= {"skipped"}
        if dry_run:
            assert tree(ws) == before_ws
