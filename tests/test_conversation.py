"""The conversation: the brain reads the last turns (kayas.prompt.with_context) in chat, in
`kayas run --continue` and in `kayas eval`'s dialogues; the assistant's own words are never planned."""
from __future__ import annotations

import io
import json
import sys

import pytest

from kayas.assistant import Assistant
from kayas.assistant.conversation import FILE, Conversation, own_words
from kayas.brain.evaluate import judge, run_one
from kayas.cli.brain_options import BrainArgs
from kayas.cli.main import main
from kayas.formats.examples import Example
from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import CONTEXT_TURNS, SYSTEM_PROMPT, said_of, with_context
from kayas.settings import kayas_home, workspace
from kayas.testing import ScriptedPlanner

CREATE = dumps_plan(parse_plan([{"tool": "filesystem.create_file", "args": {"filename": "tulips.txt"}}]))
ADD = dumps_plan(parse_plan([{"tool": "filesystem.append_file", "args": {"filename": "tulips.txt", "content": "tulips"}}]))
DELETE = dumps_plan(parse_plan([{"tool": "filesystem.delete_file", "args": {"filename": "tulips.txt"}}]))
FIRST = "create a file called tulips.txt"


def test_the_prompt_form_is_short_and_the_command_alone_without_a_context():
    assert with_context("now delete it") == "now delete it"
    text = with_context("now delete it", [("a", "[]"), ("b  c", "[]"), (FIRST, CREATE)])
    assert text == f"Earlier: b c => []\nEarlier: {FIRST} => {CREATE}\nNow: now delete it"
    assert CONTEXT_TURNS == 2 and said_of(text) == "now delete it" and said_of("Earlier: x") == "Earlier: x"


@pytest.mark.parametrize("said,kind", [("undo that", "undo"), ("Undo that, please.", "undo"), ("help", "help"),
                                       ("what can you do?", "help"), ("never mind", "cancel"), ("stop", "cancel"),
                                       ("stop the music", None), ("undo the changes in notes.txt", None), ("help me write a note", None)])
def test_own_words_are_whole_sentences_only(said, kind):
    assert own_words(said) == kind


def test_the_assistant_plans_after_its_conversation_and_keeps_each_turn():
    planner = ScriptedPlanner({FIRST: CREATE, with_context("now delete it", [(FIRST, CREATE)]): DELETE})
    talk = Conversation()
    assistant = Assistant(planner, conversation=talk)
    assert assistant.run(FIRST).status == "done"
    report = assistant.run("now delete it", assume_yes=True)
    assert report.status == "done" and not (workspace() / "tulips.txt").exists()
    assert [(t.command, t.plan, t.statuses) for t in talk.turns] == [(FIRST, CREATE, ["ok"]), ("now delete it", DELETE, ["ok"])]
    stateless = Assistant(planner)
    assert stateless.plan("now delete it").calls == []  # without a conversation "it" is nothing


def test_a_kept_conversation_survives_a_bad_file(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{not json")
    assert Conversation.load(path).turns == []
    talk = Conversation()
    for i in range(8):
        talk.planned(Assistant(ScriptedPlanner({})).plan(f"command {i}"))
    talk.save(path)
    again = Conversation.load(path)
    assert [t.command for t in again.turns] == [f"command {i}" for i in range(3, 8)]
    assert again.context() == [("command 6", "[]"), ("command 7", "[]")]


def _chat(monkeypatch, capsys, planner, lines: str, *args: str) -> str:
    monkeypatch.setattr(BrainArgs, "planner", lambda self: planner)
    monkeypatch.setattr(sys, "argv", ["kayas", "chat", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    return capsys.readouterr().out


def test_chat_resolves_a_follow_up_and_answers_undo_and_help_itself(monkeypatch, capsys):
    planner = ScriptedPlanner({FIRST: CREATE, with_context("add another line to that file: tulips", [(FIRST, CREATE)]): ADD,
                               with_context("now delete it", [(FIRST, CREATE), ("add another line to that file: tulips", ADD)]): DELETE})
    out = _chat(monkeypatch, capsys, planner,
                f"{FIRST}\nadd another line to that file: tulips\nnow delete it\nundo that\nhelp\nnever mind\nexit\n",
                "--execute", "--yes")
    assert "Plan: add 'tulips' to tulips.txt" in out and "Plan: delete tulips.txt" in out
    assert (workspace() / "tulips.txt").read_text() == "tulips\n"  # deleted, then "undo that" put it back
    assert "Chat's own commands" in out and "OK, I did nothing." in out
    assert not any("undo" in asked or "help" in asked or "never" in asked for asked in planner.asked)


def test_chat_new_forgets_the_conversation(monkeypatch, capsys):
    planner = ScriptedPlanner({FIRST: CREATE})
    _chat(monkeypatch, capsys, planner, f"{FIRST}\n/new\ndelete it\nexit\n")
    assert planner.asked == [FIRST, "delete it"]


def _run(monkeypatch, planner, *args: str) -> int:
    monkeypatch.setattr(BrainArgs, "planner", lambda self: planner)
    monkeypatch.setattr(sys, "argv", ["kayas", "run", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code


def test_run_is_stateless_unless_continue(monkeypatch):
    planner = ScriptedPlanner({FIRST: CREATE, with_context("now delete it", [(FIRST, CREATE)]): DELETE})
    assert _run(monkeypatch, planner, FIRST) == 0
    assert not (kayas_home() / FILE).exists()
    assert _run(monkeypatch, planner, "now delete it", "--yes") == 1  # alone: nothing to do
    assert _run(monkeypatch, planner, FIRST, "--continue") == 1  # tulips.txt is there already: not overwritten
    kept = json.loads((kayas_home() / FILE).read_text())
    assert kept == {"turns": [{"command": FIRST, "plan": CREATE, "statuses": ["failed"]}]}
    assert _run(monkeypatch, planner, "now delete it", "--yes", "--continue") == 0
    assert not (workspace() / "tulips.txt").exists()


def test_eval_scores_a_dialogue_on_its_last_turn_after_its_context():
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": FIRST},
                {"role": "assistant", "content": CREATE}, {"role": "user", "content": "now delete it"},
                {"role": "assistant", "content": DELETE}]
    example = Example(messages, "followup")
    assert example.command == "now delete it" and example.plan == DELETE and example.context == [(FIRST, CREATE)]
    right = ScriptedPlanner({with_context("now delete it", [(FIRST, CREATE)]): DELETE})
    assert run_one(right, example).exact
    assert not run_one(ScriptedPlanner({"now delete it": DELETE}), example).exact  # the context must reach the brain
    assert not judge(example, CREATE, right.registry).exact


def test_a_tiny_brain_that_learnt_a_follow_up_resolves_it_in_chat_only_after_its_context(tiny_model_dir, tmp_path, monkeypatch, capsys):
    """A real (tiny, overfit) brain: the context is in the prompt it decodes."""
    import torch

    from kayas.brain.planner import Planner, PlannerConfig
    from kayas.testing.stand_ins import make_overfit_brain

    follow = with_context("now delete it", [(FIRST, CREATE)])
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        brain = make_overfit_brain(tiny_model_dir, tmp_path / "brain", [(FIRST, CREATE), (follow, DELETE), ("now delete it", "[]")])
    finally:
        torch.set_num_threads(threads)
    planner = Planner.load(str(brain), config=PlannerConfig(threads=1), engine="torch")
    assert planner.plan_text("now delete it", context=[(FIRST, CREATE)]) == DELETE
    assert planner.plan_text("now delete it") == "[]"
    out = _chat(monkeypatch, capsys, planner, f"{FIRST}\nnow delete it\nexit\n", "--execute", "--yes")
    assert "Plan: create tulips.txt" in out and "Plan: delete tulips.txt" in out
    assert not (workspace() / "tulips.txt").exists()


def test_the_http_api_keeps_one_conversation_per_session_and_confirmation_runs_the_follow_up():
    from kayas.server.client import Client
    from kayas.server.config import ServerConfig
    from kayas.server.runner import BackgroundServer
    from kayas.server.service import http_assistant

    planner = ScriptedPlanner({FIRST: CREATE, with_context("now delete it", [(FIRST, CREATE)]): DELETE})
    with BackgroundServer(http_assistant(planner=planner), ServerConfig(port=0)) as server:
        client = Client(server.url, server.token.value)
        try:
            assert client.post("/run", {"command": FIRST, "session": "kim-phone"}).json["status"] == "done"
            other = client.post("/run", {"command": "now delete it", "session": "lee-laptop"}).json
            assert other["status"] == "nothing"  # another session: "it" is nothing there
            alone = client.post("/run", {"command": "now delete it"}).json
            assert alone["status"] == "nothing"
            planned = client.post("/plan", {"command": "now delete it", "session": "kim-phone"}).json
            assert planned["understood"] == "delete tulips.txt"
            held = client.post("/run", {"command": "now delete it", "session": "kim-phone"}).json
            assert held["status"] == "confirm" and held["message"] == "Delete tulips.txt?"
            assert client.post(f"/confirm/{held['confirmation']['id']}").json["status"] == "done"
            assert not (workspace() / "tulips.txt").exists()
            bad = client.post("/run", {"command": "hi", "session": "no spaces/here"})
            assert bad.status == 422 and "\n" not in bad.json["error"]
        finally:
            client.close()


@pytest.mark.parametrize("front_end", ["cli", "voice", "http"])
def test_every_front_end_answers_undo_help_and_never_mind_without_a_plan(front_end):
    planner = ScriptedPlanner({FIRST: CREATE})
    assistant = Assistant(planner, front_end=front_end, conversation=Conversation())
    assert assistant.run(FIRST).status == "done"
    undone = assistant.run("undo that")
    assert undone.status == "done" and undone.plan == [] and "tulips.txt" in undone.message
    assert not (workspace() / "tulips.txt").exists()
    assert assistant.run("Undo that.").status == "nothing"  # nothing left to undo: said in one sentence
    assert "in your words" in assistant.run("what can you do?").message
    assert assistant.run("never mind").message == "OK, I did nothing."
    assert planner.asked == [FIRST]  # none of them reached the brain
    assert [t.command for t in assistant.conversation.turns] == [FIRST]  # nor the conversation


def test_the_voice_loop_plans_a_follow_up_after_what_was_heard_before():
    """Listener.handle with real transcripts (the recogniser is tests/test_voice_pipeline.py's to test)."""
    from kayas.voice.base import Transcript, VoiceConfig
    from kayas.voice.pipeline import Listener
    from kayas.voice.tts_none import SilentTts

    planner = ScriptedPlanner({FIRST: CREATE, with_context("now delete it", [(FIRST, CREATE)]): DELETE})
    assistant = Assistant(planner, front_end="voice", conversation=Conversation())
    listener = Listener(None, None, None, assistant, SilentTts(), VoiceConfig(reply=True), assume_yes=True)  # type: ignore[arg-type]
    first = listener.handle(Transcript("create a file called tulips dot t x t"), 0.0, 0.0, 0.0)
    assert first.report is not None and first.report.status == "done"
    second = listener.handle(Transcript("now delete it"), 0.0, 0.0, 0.0)
    assert second.report is not None and second.report.status == "done", second.reply
    assert not (workspace() / "tulips.txt").exists()
    assert listener.handle(Transcript("undo that"), 0.0, 0.0, 0.0).reply.startswith("Restored")
    assert (workspace() / "tulips.txt").exists()
