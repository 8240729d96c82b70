"""The Assistant: plan, confirm, run, report, undo, on real tools in a temp workspace."""
from __future__ import annotations

import json

import pytest

from kayas.assistant import Assistant, PlanOutcome, RunReport
from kayas.errors import KayasError
from kayas.plan import Call
from kayas.settings import kayas_home, workspace
from kayas.testing import ScriptedPlanner

CREATE = [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt", "content": "buy milk"}}]
DELETE_TWO = [
    {"tool": "filesystem.delete_file", "args": {"filename": "a.txt"}},
    {"tool": "filesystem.delete_file", "args": {"filename": "b.txt"}},
]
PLANS = {
    "create a todo list with buy milk": CREATE,
    "delete a and b": DELETE_TWO,
    "make a file twice": CREATE + CREATE,
}


def assistant(**kwargs) -> Assistant:
    planner = ScriptedPlanner(PLANS, confidence=kwargs.pop("confidence", None))
    return Assistant(planner, **kwargs)


def test_plan_runs_nothing_and_says_what_it_understood():
    p = assistant().plan("  create a todo list   with buy milk ")
    assert isinstance(p, PlanOutcome)
    assert p.command == "create a todo list with buy milk"  # cleaned, as the planner saw it
    assert [c.tool for c in p.calls] == ["filesystem.create_file"]
    assert json.loads(p.text) == CREATE
    assert p.understood == "create todo.txt containing 'buy milk'"
    assert p.confidence is None and p.confident
    assert p.timings["plan_ms"] >= 0 and p.timings["forwards"] == 1
    assert list(workspace().iterdir()) == []


def test_run_a_command_does_it_and_reports_in_words_and_json():
    r = assistant().run("create a todo list with buy milk")
    assert isinstance(r, RunReport)
    assert (r.status, r.exit_code) == ("done", 0)
    assert (workspace() / "todo.txt").read_text() == "buy milk"
    assert r.message == "Done: create todo.txt containing 'buy milk'."
    assert r.results[0].summary == "created todo.txt (8 bytes)"  # the tool's own words
    data = json.loads(json.dumps(r.model_dump(mode="json")))
    assert set(data) >= {"status", "command", "plan", "confidence", "results", "message", "timings", "exit_code"}
    assert data["results"][0]["result"]["file"] == "todo.txt"
    assert data["plan"] == CREATE and data["timings"]["run_ms"] >= 0


def test_destructive_calls_are_refused_without_confirmation_in_plain_words():
    for name in ("a.txt", "b.txt"):
        (workspace() / name).write_text(name)
    r = assistant().run("delete a and b")
    assert (r.status, r.exit_code) == ("refused", 1)
    assert [x.status for x in r.results] == ["refused", "skipped"]
    assert "--" not in r.message and "--" not in r.results[0].error  # no CLI flags in the core
    assert r.message.startswith("Did not delete a.txt")
    assert (workspace() / "a.txt").exists() and (workspace() / "b.txt").exists()
    hinted = assistant(refusal_hint="say yes to allow it").run("delete a and b")
    assert hinted.results[0].error.endswith(": say yes to allow it")


def test_confirm_decides_and_one_undo_restores_the_whole_command():
    for name in ("a.txt", "b.txt"):
        (workspace() / name).write_text(name)
    asked: list[str] = []

    def confirm(call: Call) -> bool:
        asked.append(call.args["filename"])
        return True

    a = assistant()
    r = a.run("delete a and b", confirm=confirm)
    assert r.status == "done" and asked == ["a.txt", "b.txt"]
    assert not (workspace() / "a.txt").exists() and not (workspace() / "b.txt").exists()
    assert sorted(a.undo()) == ["a.txt", "b.txt"]  # the trash hook: one command, one operation
    assert (workspace() / "a.txt").read_text() == "a.txt"
    with pytest.raises(KayasError, match="nothing to undo"):
        a.undo()


def test_declined_and_assume_yes():
    (workspace() / "a.txt").write_text("x")
    (workspace() / "b.txt").write_text("y")
    r = assistant().run("delete a and b", confirm=lambda c: c.args["filename"] == "a.txt")
    assert r.status == "refused" and r.results[1].error == "filesystem.delete_file was declined"
    (workspace() / "a.txt").write_text("x")
    assert assistant().run("delete a and b", confirm=lambda c: False, assume_yes=True).status == "done"


def test_an_unsure_plan_is_not_run_until_chosen():
    a = assistant(confidence=0.3, threshold=0.5)
    r = a.run("create a todo list with buy milk")
    assert (r.status, r.exit_code) == ("unsure", 1)
    assert r.message == "Not sure I understood. Did you mean: create todo.txt containing 'buy milk'?"
    assert r.confidence == 0.3 and r.plan[0].tool == "filesystem.create_file" and r.results == []
    assert not (workspace() / "todo.txt").exists()
    turn = a.start("create a todo list with buy milk")
    assert not turn.outcome.confident and turn.question is not None and turn.question.kind == "unsure"
    assert turn.answer(True).status == "done"  # the person agreed to this plan
    assert (workspace() / "todo.txt").exists()
    (workspace() / "todo.txt").unlink()
    assert a.run("create a todo list with buy milk", force=True).status == "done"


def test_the_threshold_comes_from_the_settings(monkeypatch):
    monkeypatch.setenv("KAYAS_CONFIDENCE_THRESHOLD", "0.9")
    assert assistant(confidence=0.8).run("create a todo list with buy milk").status == "unsure"
    assert assistant(confidence=0.95).run("create a todo list with buy milk").status == "done"
    monkeypatch.setenv("KAYAS_CONFIDENCE_THRESHOLD", "lots")
    with pytest.raises(KayasError, match="KAYAS_CONFIDENCE_THRESHOLD must be a number from 0 to 1"):
        assistant(confidence=0.8).run("create a todo list with buy milk")


def test_an_empty_plan_is_nothing_in_words():
    r = assistant().run("set an alarm for 7")
    assert (r.status, r.exit_code, r.results) == ("nothing", 1, [])
    assert r.message == 'Sorry, I can\'t do that: no tool for "set an alarm for 7".'
    assert Assistant().run([]).message == "The plan is empty: nothing to do."


def test_a_failed_call_stops_the_plan_and_the_message_names_it():
    r = assistant().run("make a file twice")
    assert (r.status, r.exit_code) == ("failed", 1)
    assert [x.status for x in r.results] == ["ok", "failed"]
    assert r.message == (
        "Could not create todo.txt containing 'buy milk': "
        "'todo.txt' already exists in the workspace; not overwriting it."
    )


def test_dry_run_runs_nothing():
    r = assistant().run("create a todo list with buy milk", dry_run=True)
    assert (r.status, r.exit_code) == ("dry-run", 0)
    assert [x.status for x in r.results] == ["dry-run"]
    assert list(workspace().iterdir()) == []


def test_a_typed_plan_never_loads_a_planner():
    def no_planner():
        raise AssertionError("a typed plan must not load a planner")

    a = Assistant(planner_factory=no_planner)
    turn = a.start([Call(**CREATE[0])])
    assert turn.question is None and isinstance(turn.outcome, PlanOutcome)
    r = turn.finish()
    assert r.status == "done" and r.command == "" and turn.outcome.calls == r.plan
    assert a.run(CREATE, dry_run=True).status == "dry-run"  # dicts are validated into calls


def test_a_bad_command_fails_before_the_planner_loads():
    from kayas.brain.planner import CommandError

    loads: list[int] = []
    a = Assistant(planner_factory=lambda: loads.append(1) or ScriptedPlanner(PLANS))
    with pytest.raises(CommandError, match="empty command"):
        a.plan("   ")
    assert loads == []


@pytest.fixture(scope="module")
def tiny_planner(tiny_model_dir, tmp_path_factory):
    from kayas.brain.decode import DecodeConfig
    from kayas.brain.planner import Planner, PlannerConfig
    from kayas.testing.stand_ins import make_random_adapter

    adapter = make_random_adapter(tmp_path_factory.mktemp("assistant-lora") / "adapter", str(tiny_model_dir))
    return Planner.load(str(adapter), config=PlannerConfig(decode=DecodeConfig(max_new_tokens=24)))


def test_a_real_planner_goes_through_the_same_path(tiny_planner):
    a = Assistant(tiny_planner)
    p = a.plan("create a todo list")
    assert p.text == tiny_planner.plan_text("create a todo list")  # same decode, same text
    assert p.timings["forwards"] >= 1
    r = a.run(p, dry_run=True)
    assert r.status in ("dry-run", "nothing", "failed")  # a random brain's plan, but never a crash
    assert all(x.status in ("dry-run", "failed", "skipped") for x in r.results)
    assert list(workspace().iterdir()) == []


# ------------------------------------------------------------ the turn: questions, one at a time

def test_a_turn_asks_each_question_once_in_order_before_anything_runs():
    for name in ("a.txt", "b.txt"):
        (workspace() / name).write_text(name)
    turn = assistant(confidence=0.3, threshold=0.5).start("delete a and b")
    assert [q.text for q in turn.questions] == [
        "Not sure I understood. Did you mean: delete a.txt, then delete b.txt?", "Delete a.txt?", "Delete b.txt?"]
    assert turn.answer(True) is None and turn.question.text == "Delete a.txt?"
    assert turn.answer(True) is None and (workspace() / "a.txt").exists()  # nothing runs before the last answer
    report = turn.answer(True)
    assert report.status == "done" and not (workspace() / "a.txt").exists() and not (workspace() / "b.txt").exists()
    assert turn.question is None and turn.finish() is report


def test_a_no_ends_the_turn_with_nothing_run():
    for name in ("a.txt", "b.txt"):
        (workspace() / name).write_text(name)
    turn = assistant().start("delete a and b")
    assert turn.answer(True) is None
    report = turn.answer(False)
    assert report.status == "refused" and report.message == "Did not delete b.txt: filesystem.delete_file was declined."
    assert [r.status for r in report.results] == ["skipped", "refused"]
    assert (workspace() / "a.txt").exists() and (workspace() / "b.txt").exists()
    unsure = assistant(confidence=0.1, threshold=0.5).start("create a todo list with buy milk")
    assert unsure.answer(False).message == "OK, I did nothing." and not (workspace() / "todo.txt").exists()


def test_finish_without_answers_refuses_what_needed_a_yes():
    (workspace() / "a.txt").write_text("x")
    report = assistant(refusal_hint="say yes").start("delete a and b").finish()
    assert report.status == "refused" and report.results[0].error == "filesystem.delete_file is destructive and was not confirmed: say yes"
    assert (workspace() / "a.txt").exists()


def test_a_policy_denied_plan_asks_nothing_and_runs_nothing():
    (kayas_home() / "config.toml").write_text('[policy]\n"filesystem.delete_file" = "deny"\n')
    turn = assistant().start("create a todo list with buy milk")
    assert turn.questions == [] and turn.finish().status == "done"
    turn = assistant().start([{"tool": "filesystem.create_file", "args": {"filename": "x.txt"}}, *DELETE_TWO])
    assert turn.questions == [] and turn.report is not None
    assert turn.report.status == "refused" and "denied by the policy" in turn.report.message
    assert not (workspace() / "x.txt").exists()  # the call before the denied one did not run either


def test_a_harmless_call_the_policy_confirms_is_asked_and_runs():
    (kayas_home() / "config.toml").write_text('[policy]\nfilesystem = "confirm"\n')
    turn = assistant().start("create a todo list with buy milk")
    assert [q.text for q in turn.questions] == ["Create todo.txt containing 'buy milk'?"]
    assert turn.answer(True).status == "done" and (workspace() / "todo.txt").exists()


def test_one_undo_takes_back_a_plan_through_the_router_hook():
    report = assistant().run("create a todo list with buy milk")
    assert report.status == "done"
    from kayas.backends import journal

    assert [c.kind for c in journal.operations(1)[0].changes] == ["create"]
    assert assistant().undo() == ["todo.txt"]
