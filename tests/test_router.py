"""The router: order, stop at the first failure, confirmation of destructive calls, dry runs, data out."""
from __future__ import annotations

import json

from kayas.assistant.router import Router
from kayas.cli.show import REFUSAL_HINT  # the front end's words for how to allow it
from kayas.plan import Call, parse_plan
from kayas.registry import Registry, build_tool
from kayas.settings import workspace


def plan(*calls: tuple[str, dict]) -> list[Call]:
    return parse_plan([{"tool": t, "args": a} for t, a in calls])


def test_calls_run_in_order_and_results_are_data():
    report = Router().run(plan(
        ("filesystem.create_file", {"filename": "a.txt", "content": "one"}),
        ("filesystem.append_file", {"filename": "a.txt", "content": "two"}),
        ("filesystem.archive_file", {"filename": "a.txt"}),
    ))
    assert report.ok
    assert [r.status for r in report.results] == ["ok", "ok", "ok"]
    assert (workspace() / "archive" / "a.txt").read_text() == "one\ntwo\n"
    assert json.loads(report.model_dump_json())["results"][2]["result"]["file"] == "archive/a.txt"


def test_first_failure_stops_the_plan_and_says_why():
    report = Router().run(plan(
        ("filesystem.create_file", {"filename": "a.txt"}),
        ("filesystem.create_file", {"filename": "a.txt", "content": "again"}),
        ("filesystem.create_file", {"filename": "b.txt"}),
    ))
    assert not report.ok
    assert [r.status for r in report.results] == ["ok", "failed", "skipped"]
    assert report.results[1].error == "'a.txt' already exists in the workspace; not overwriting it"
    assert report.first_problem.index == 1
    assert not (workspace() / "b.txt").exists()


def test_destructive_call_without_confirmation_is_refused_with_how_to_allow():
    (workspace() / "keep.txt").write_text("x")
    report = Router(refusal_hint=REFUSAL_HINT).run(plan(
        ("filesystem.delete_file", {"filename": "keep.txt"}),
        ("filesystem.create_file", {"filename": "after.txt"}),
    ))
    assert [r.status for r in report.results] == ["refused", "skipped"]
    assert "--yes" in report.results[0].error
    assert (workspace() / "keep.txt").exists() and not (workspace() / "after.txt").exists()


def test_confirm_callback_decides_and_only_for_destructive_calls():
    (workspace() / "a.txt").write_text("x")
    (workspace() / "b.txt").write_text("y")
    asked: list[str] = []

    def confirm(call: Call) -> bool:
        asked.append(call.args["filename"])
        return call.args["filename"] == "a.txt"

    report = Router(confirm=confirm).run(plan(
        ("filesystem.create_file", {"filename": "c.txt"}),
        ("filesystem.delete_file", {"filename": "a.txt"}),
        ("filesystem.delete_file", {"filename": "b.txt"}),
    ))
    assert asked == ["a.txt", "b.txt"]
    assert [r.status for r in report.results] == ["ok", "ok", "refused"]
    assert report.results[2].error == "filesystem.delete_file was declined"
    assert not (workspace() / "a.txt").exists() and (workspace() / "b.txt").exists()


def test_assume_yes_runs_destructive_calls_without_asking():
    (workspace() / "a.txt").write_text("x")
    report = Router(assume_yes=True, confirm=lambda c: False).run(plan(("filesystem.delete_file", {"filename": "a.txt"})))
    assert report.ok and not (workspace() / "a.txt").exists()


def test_dry_run_runs_nothing():
    report = Router(dry_run=True, assume_yes=True).run(plan(
        ("filesystem.create_file", {"filename": "a.txt"}),
        ("process.run_command", {"command": "touch ran.txt"}),
    ))
    assert report.ok
    assert [r.status for r in report.results] == ["dry-run", "dry-run"]
    assert sorted(p.name for p in workspace().iterdir()) == []


def test_an_invalid_call_anywhere_means_nothing_runs():
    calls = plan(("filesystem.create_file", {"filename": "a.txt"}))
    calls.append(Call(tool="filesystem.create_file", args={"filename": 5}))
    report = Router().run(calls)
    assert [r.status for r in report.results] == ["skipped", "failed"]
    assert "argument 'filename'" in report.results[1].error
    assert not (workspace() / "a.txt").exists()


def test_a_tool_crash_becomes_a_failed_result_not_an_exception():
    def explode(text: str) -> dict:
        """Fails the way a buggy tool would.

        Args:
            text: Anything.
        """
        raise ZeroDivisionError(text)

    registry = Registry()
    registry.register(build_tool(explode, name="demo.explode"))
    report = Router(registry).run(parse_plan('[{"tool": "demo.explode", "args": {"text": "boom"}}]', registry))
    assert report.results[0].status == "failed"
    assert report.results[0].error == "ZeroDivisionError: boom"


def test_empty_plan_is_ok():
    assert Router().run([]).ok
