"""The voice loop on speech made by espeak-ng: commands, yes/no confirmations by voice, the wake phrase."""
import json
import shutil
import subprocess
import sys

import pytest

from kayas.testing import ScriptedDecode, ScriptedPlanner
from voice_helpers import built_voice_model, say, silence, wav_of

DELETE = '[{"tool":"filesystem.delete_file","args":{"filename":"notes.txt"}}]'


@pytest.fixture(scope="session")
def voice_model(tmp_path_factory):
    """The real Kayas voice model (generator commands + pocketsphinx's general model), built once."""
    return built_voice_model(tmp_path_factory)


@pytest.fixture
def home_model(voice_model, tmp_path):
    """The built model, in this test's KAYAS_HOME (where `kayas listen` looks), with pocketsphinx chosen: these
    tests keep the small fallback recogniser tested end to end (Whisper's: tests/test_voice_whisper.py)."""
    shutil.copytree(voice_model.arpa.parent, tmp_path / "home" / "voice")
    (tmp_path / "home" / "config.toml").write_text('[voice]\nstt = "pocketsphinx"\n')


class DeleteAnything(ScriptedPlanner):
    """Whatever was heard, the plan deletes notes.txt (the test is about the confirmation)."""

    def decode(self, command):
        self.asked.append(command)
        return ScriptedDecode(DELETE, forwards=1)


def _listener(voice_model, pcm, planner, **kw):
    from kayas.assistant import Assistant
    from kayas.voice.audio_file import PcmSource
    from kayas.voice.base import VoiceConfig
    from kayas.voice.pipeline import Listener
    from kayas.voice.segmenter import Segmenter
    from kayas.voice.stt_pocketsphinx import PocketsphinxStt
    from kayas.voice.tts_none import SilentTts
    from kayas.voice.vad_pocketsphinx import PocketsphinxVad

    cfg = VoiceConfig(reply=True)
    tts = SilentTts()
    states = []
    listener = Listener(PcmSource(pcm), PocketsphinxStt(voice_model), Segmenter(PocketsphinxVad()), Assistant(planner),
                        tts, cfg, status=lambda s, t: states.append((s, t)), **kw)
    return listener, tts, states


def test_yes_no_grammar_hears_only_yes_or_no(voice_model):
    from kayas.voice.model import NO, YES
    from kayas.voice.stt_pocketsphinx import PocketsphinxStt

    stt = PocketsphinxStt(voice_model)
    for said, answers in (("yes", YES), ("yeah", YES), ("no", NO), ("cancel", NO)):
        assert stt.transcribe(say(said), "yesno").text in answers, said
    stt.transcribe(say("archive the report and tell the team on slack"), "command")
    # Back to commands, the same audio gives the same words as a fresh recogniser: what came before
    # (CMN, noise statistics, the other search) leaves no state behind. Before start_stream() was
    # called per utterance, 2 of 10 commands came out differently here.
    # (How well commands are heard is `kayas bench voice`'s to measure, not this test's.)
    for command in ("create a todo list", "delete notes dot t x t", "copy hello to the clipboard"):
        audio = say(command)
        fresh = PocketsphinxStt(voice_model).transcribe(audio, "command").text
        assert fresh and stt.transcribe(audio, "command").text == fresh, command


@pytest.mark.parametrize("answer, kept", [("yes", False), ("no", True), (None, True)])
def test_a_destructive_call_is_confirmed_by_voice(voice_model, tmp_path, answer, kept):
    from kayas.settings import workspace

    (workspace() / "notes.txt").write_text("x")
    pcm = say("delete notes dot t x t") + silence(0.8) + (say(answer) if answer else b"")
    listener, tts, states = _listener(voice_model, pcm, DeleteAnything({}))
    turns = listener.run()
    assert len(turns) == 1
    assert any(t.startswith("Delete notes.txt?") and t.endswith("Say yes or no.") for t in tts.said)
    from kayas.voice.model import NO, YES

    assert turns[0].answers[0] in {"yes": YES, "no": NO, None: [""]}[answer]
    assert (workspace() / "notes.txt").exists() is kept
    assert turns[0].report.status == ("refused" if kept else "done")
    assert tts.said[-1] == turns[0].reply == turns[0].report.message


def test_an_unsure_plan_is_asked_about_first(voice_model, monkeypatch):
    from kayas.settings import workspace

    planner = ScriptedPlanner({}, confidence=0.1)
    monkeypatch.setenv("KAYAS_CONFIDENCE_THRESHOLD", "0.5")
    planner.decode = lambda c: ScriptedDecode('[{"tool":"filesystem.append_file","args":{"filename":"todo.txt","content":"milk"}}]')
    pcm = say("add milk to my todo list") + silence(0.8) + say("no")
    listener, tts, _ = _listener(voice_model, pcm, planner)
    turns = listener.run()
    assert tts.said[0] == "Not sure I understood. Did you mean: add 'milk' to todo.txt? Say yes or no." and turns[0].reply == "OK, I did nothing."
    assert not (workspace() / "todo.txt").exists()


def test_the_wake_phrase_gates_commands(voice_model):
    from kayas.voice.wake_transcript import SpokenWake

    heard = []
    planner = ScriptedPlanner({})
    planner.decode = lambda c: (heard.append(c), ScriptedDecode("[]"))[1]
    pcm = (say("open the file") + silence(1.0) + say("kayas") + silence(0.8) + say("create a todo list") + silence(1.0)
           + say("kayas, open youtube and search for guitar lessons") + silence(1.0))
    listener, _, states = _listener(voice_model, pcm, planner, wake=SpokenWake("kayas"))
    turns = listener.run()
    assert [t.command for t in turns] == ["create a todo list", "open youtube and search for guitar lessons"]
    assert states[0][0] == "waiting"


@pytest.mark.slow
def test_put_milk_on_my_shopping_list_with_the_shipped_brain(home_model, tmp_path):
    """The issue's end-to-end test: spoken into `kayas listen --file`, the line lands in shopping.txt.

    The recording starts with a second of silence, as one from a microphone does. The voice and
    speed are ones in which pocketsphinx hears this "milk" (en-us at 160 words a minute; in
    en-us+f2 or en-us+m2 it hears "totally", "delete"): this test is about the path from sound
    to the file; how well words are heard is measured by `kayas bench voice`."""
    # The shipped brain's plan for this sits right at its confidence threshold, so a "yes" follows, said
    # as a person would when asked "Did you mean ...?"; if the plan is sure, nothing asks and it is not heard.
    wav = wav_of(tmp_path / "milk.wav", silence(1.0), say("Kayas, put milk on my shopping list", voice="en-us", speed=160),
                 silence(1.5), say("yes", voice="en-us", speed=160), silence(1.0))
    res = subprocess.run([sys.executable, "-m", "kayas.cli.main", "listen", "--file", str(wav), "--no-reply", "--json"],
                         capture_output=True, text=True, timeout=600)
    turns = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    turn = next(t for t in turns if "milk" in (t.get("command") or ""))
    assert turn["report"]["status"] == "done", res.stderr
    lines = (tmp_path / "workspace" / "shopping.txt").read_text().splitlines()
    assert lines == ["milk"]


def test_raw_pcm_on_stdin_runs_the_same_pipeline(home_model, tmp_path):
    """`--file -` with a stand-in brain given by KAYAS_ADAPTER would need a model; --dry-run on the shipped brain is slow,
    so this checks the stdin path up to the recogniser with a silent stream: nothing heard, exit 1, one line."""
    res = subprocess.run([sys.executable, "-m", "kayas.cli.main", "listen", "--file", "-", "--no-reply"],
                         input=silence(1.0), capture_output=True, timeout=300)
    assert res.returncode == 1
    assert res.stderr.decode().strip().splitlines()[-1] == "error: no command was heard"


def test_the_shipped_wake_word_model():
    """okay_nabu (microWakeWord, Apache-2.0) wakes on its phrase and not on other speech."""
    from kayas.voice.audio_file import split_frames
    from kayas.voice.wake_micro import MicroWake

    wake = MicroWake("okay_nabu")

    def woke(text):
        wake.reset()
        return any(wake.detect(f) for f in split_frames(say(text) + silence(1.0)))

    assert woke("okay nabu")
    assert not woke("hey there, how are you")


@pytest.mark.parametrize("heard, command", [
    ("kayas put milk on my list", "put milk on my list"),
    ("hey kayas open the file", "open the file"),
    ("kayas", ""),
    ("open the file", None),
    ("the keys kayas", None),
])
def test_the_wake_phrase_opens_the_transcript(heard, command):
    from kayas.voice.wake_transcript import SpokenWake

    assert SpokenWake("kayas").split(heard) == command


def test_the_segmenter_cuts_at_silence():
    from kayas.voice.audio_file import PcmSource
    from kayas.voice.segmenter import Segmenter
    from kayas.voice.vad_pocketsphinx import PocketsphinxVad

    one, two = say("open the file"), say("create a todo list")
    utts = list(Segmenter(PocketsphinxVad(), end_silence_s=0.5).utterances(PcmSource(one + silence(1.0) + two).frames()))
    assert len(utts) == 2
    first_len = len(one) / 32000
    assert 0.2 < utts[0].start_s < 0.6 and utts[0].end_s < first_len < utts[1].start_s
    assert 0.45 <= utts[0].detected_s - utts[0].end_s <= 0.55  # the end is seen end_silence_s after the last word
