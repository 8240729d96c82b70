"""config.toml [policy], applied by the router: each rule kind (tool, category, kind, *), each
action (allow, confirm, deny), precedence, bad tables, and the sandbox's say on run_command."""
from __future__ import annotations

import pytest

from kayas.assistant import Assistant
from kayas.assistant.policy import Policy, PolicyError
from kayas.assistant.router import Router
from kayas.plan import parse_plan
from kayas.settings import kayas_home, workspace


def config(text: str) -> None:
    (kayas_home() / "config.toml").write_text(text)


def plan(*calls: tuple[str, dict]):
    return parse_plan([{"tool": t, "args": a} for t, a in calls])


CREATE = ("filesystem.create_file", {"filename": "a.txt", "content": "x"})
APPEND = ("filesystem.append_file", {"filename": "a.txt", "content": "y"})
DELETE = ("filesystem.delete_file", {"filename": "a.txt"})
SEARCH = ("local.search", {"query": "milk"})


def statuses(report):
    return [(r.status, r.error) for r in report.results]


def test_without_a_policy_destructive_calls_are_confirmed_and_the_rest_run():
    (workspace() / "a.txt").write_text("x")
    asked = []
    report = Router(confirm=lambda c: asked.append(c.tool) or False).run(plan(SEARCH, DELETE))
    assert statuses(report) == [("ok", None), ("refused", "filesystem.delete_file was declined")]
    assert asked == ["filesystem.delete_file"] and (workspace() / "a.txt").exists()


def test_allow_on_a_tool_runs_a_destructive_call_unasked():
    config('[policy]\n"filesystem.delete_file" = "allow"\n')
    (workspace() / "a.txt").write_text("x")
    report = Router(confirm=lambda c: pytest.fail("asked")).run(plan(DELETE))
    assert statuses(report) == [("ok", None)] and not (workspace() / "a.txt").exists()


def test_confirm_on_a_category_asks_before_its_harmless_calls():
    config("[policy]\nfilesystem = \"confirm\"\n")
    report = Router().run(plan(SEARCH, CREATE))
    assert statuses(report) == [("ok", None), ("refused", "filesystem.create_file was not confirmed ([policy] filesystem = confirm)")]
    asked = []
    report = Router(confirm=lambda c: asked.append(c.tool) or True).run(plan(CREATE))
    assert statuses(report) == [("ok", None)] and asked == ["filesystem.create_file"]


@pytest.mark.parametrize("table,denied,rule", [
    ('"local.search" = "deny"', SEARCH, '[policy] "local.search" = deny'),
    ("local = \"deny\"", SEARCH, "[policy] local = deny"),
    ("read_only = \"deny\"", SEARCH, "[policy] read_only = deny"),
    ("destructive = \"deny\"", DELETE, "[policy] destructive = deny"),
    ('"*" = "deny"', CREATE, '[policy] "*" = deny'),
    ("[policy.filesystem]\ndelete_file = \"deny\"", DELETE, '[policy] "filesystem.delete_file" = deny'),  # a dotted key
])
def test_deny_refuses_even_with_yes_and_names_the_rule(table, denied, rule):
    config(table if table.startswith("[") else f"[policy]\n{table}\n")
    (workspace() / "a.txt").write_text("x")
    report = Router(assume_yes=True).run(plan(denied, APPEND))
    assert statuses(report) == [("refused", f"{denied[0]} is denied by the policy: {rule}"), ("skipped", None)]
    assert (workspace() / "a.txt").read_text() == "x"


def test_the_most_specific_rule_wins():
    config('[policy]\n"*" = "deny"\nfilesystem = "deny"\n"filesystem.create_file" = "allow"\nread_only = "allow"\n')
    report = Router().run(plan(CREATE, SEARCH, APPEND))
    assert statuses(report) == [("ok", None), ("ok", None), ("refused", "filesystem.append_file is denied by the policy: [policy] filesystem = deny")]


def test_every_front_end_gets_the_policy():
    config('[policy]\n"local.search" = "deny"\n')
    for front_end in ("cli", "http", "voice"):
        report = Assistant(front_end=front_end).run(plan(SEARCH), assume_yes=True)
        assert report.status == "refused" and "[policy]" in report.results[0].error


@pytest.mark.parametrize("table,message", [
    ('filesytem = "deny"', "unknown key 'filesytem' in [policy]"),
    ('"filesystem.delete" = "deny"', "unknown key 'filesystem.delete' in [policy] (did you mean 'filesystem.delete_file'?)"),
    ('local = "maybe"', "[policy] local must be allow, confirm or deny, got 'maybe'"),
    ("local = 1", "[policy] local must be allow, confirm or deny, got 1"),
])
def test_a_bad_policy_is_one_line_before_anything_runs(table, message):
    config(f"[policy]\n{table}\n")
    with pytest.raises(PolicyError) as exc:
        Router(assume_yes=True).run(plan(CREATE))
    assert message in str(exc.value) and "\n" not in str(exc.value)
    assert not (workspace() / "a.txt").exists()


def test_policy_of_the_tools_as_kayas_tools_shows_it():
    config('[policy]\nspotify = "deny"\n')
    policy = Policy.load()
    assert policy.decide("spotify.pause_playback").as_json() == {"action": "deny", "rule": "[policy] spotify = deny"}
    assert policy.decide("email.send").as_json() == {"action": "confirm", "rule": "default: destructive tools are confirmed"}
    assert policy.decide("clipboard.get_history").action == "allow"


RUN = ("process.run_command", {"command": "echo hi"})


def test_no_sandbox_and_when_unavailable_refuse_denies_run_command(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no bwrap
    config('[policy]\n"process.run_command" = "allow"\n[sandbox]\nwhen_unavailable = "refuse"\n')
    report = Router(assume_yes=True).run(plan(RUN))
    assert statuses(report) == [("refused", "process.run_command is denied by the policy: "
                                            "[sandbox] when_unavailable = refuse (bubblewrap (bwrap) is not installed)")]


def test_no_sandbox_and_when_unavailable_confirm_asks_even_where_allowed(monkeypatch):
    monkeypatch.setenv("PATH", "/bin:/usr/bin:/nonexistent-bwrap-dir")
    monkeypatch.setattr("kayas.backends.sandbox.shutil.which", lambda name, path=None: None)
    config('[policy]\n"process.run_command" = "allow"\n')
    report = Router().run(plan(RUN))
    assert statuses(report) == [("refused", "process.run_command was not confirmed "
                                            "([sandbox] when_unavailable = confirm (bubblewrap (bwrap) is not installed))")]
    report = Router(confirm=lambda c: True).run(plan(RUN))
    assert report.results[0].status == "ok"
    assert report.results[0].result["sandbox"] == "none: bubblewrap (bwrap) is not installed"


def test_kayas_tools_shows_the_policy(monkeypatch, capsys):
    import sys

    from kayas.cli.main import main

    config('[policy]\nspotify = "deny"\n"filesystem.delete_file" = "allow"\n')
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setattr(sys, "argv", ["kayas", "tools"])
    with pytest.raises(SystemExit):
        main()
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert "deny ([policy] spotify = deny)" in rows["spotify.pause_playback"]
    assert 'allow ([policy] "filesystem.delete_file" = allow)' in rows["filesystem.delete_file"]
    assert "│ confirm " in rows["email.send"] and "│ allow " in rows["local.search"]
