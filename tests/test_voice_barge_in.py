"""Barge-in: speech over Kayas's reply stops it and is the next command.

Real parts: a WAV read at a microphone's pace (a frame each 30 ms), Whisper tiny.en hearing it,
the Assistant running the plans on the workspace's files, replies synthesised by Piper and
espeak-ng and played into a sink that takes as long as the sound would (this machine has no
sound device). The planner is scripted by keyword (the test is about the loop, not the brain).
"""
import time

import pytest

from kayas.plan import dumps_plan
from kayas.testing import ScriptedDecode, ScriptedPlanner
from voice_helpers import piper_say, say, silence, wav_of

# Long enough that the reply (which reads it back) lasts far longer than the pause before the next command.
MINUTES = ("the meeting moved to thursday at ten, bring the quarterly figures, the new budget, the slides for the "
           "design review and the list of open questions, and call the printer about the posters before noon")
MEETING = [{"tool": "filesystem.append_file", "args": {"filename": "notes.txt", "content": MINUTES}}]
MILK = [{"tool": "filesystem.append_file", "args": {"filename": "shopping.txt", "content": "milk"}}]


class ByKeyword(ScriptedPlanner):
    """The meeting note for a command about the meeting, milk for one about milk, else nothing."""

    def decode(self, command):
        self.asked.append(command)
        plan = MEETING if "meeting" in command else MILK if "milk" in command else []
        return ScriptedDecode(dumps_plan(plan) if plan else "[]", forwards=1)


@pytest.fixture(scope="module")
def whisper():
    from kayas.voice.stt_whisper import WhisperStt

    return WhisperStt(threads=2)


def _listen(whisper, wav, tts, barge_in=True):
    from kayas.assistant import Assistant
    from kayas.voice.audio_file import WavSource
    from kayas.voice.base import VoiceConfig
    from kayas.voice.pipeline import Listener
    from kayas.voice.playback import NullSink
    from kayas.voice.segmenter import Segmenter
    from kayas.voice.vad_pocketsphinx import PocketsphinxVad

    states = []
    listener = Listener(WavSource(wav, realtime=True), whisper, Segmenter(PocketsphinxVad()), Assistant(ByKeyword({})), tts,
                        VoiceConfig(reply=True, barge_in=barge_in), status=lambda s, t: states.append((s, t)), assume_yes=True,
                        sink=NullSink())
    t0 = time.perf_counter()
    turns = listener.run()
    return turns, states, time.perf_counter() - t0


def _seconds(tts, text):
    return sum(len(pcm) / 2 / rate for pcm, rate in tts.stream(text))


@pytest.mark.slow
def test_speech_over_a_piper_reply_stops_it_and_is_the_next_command(whisper, tmp_path):
    from kayas.settings import workspace
    from kayas.voice.tts_piper import PiperTts

    tts = PiperTts()
    wav = wav_of(tmp_path / "two.wav", piper_say("write down the meeting details"), silence(3.0),
                 piper_say("put milk on my shopping list"), silence(1.0))
    turns, states, took = _listen(whisper, wav, tts)
    assert [("meeting" in t.command, "milk" in t.command) for t in turns] == [(True, False), (False, True)], [t.heard for t in turns]
    first, second = turns
    full = _seconds(tts, first.reply)
    assert MINUTES in first.reply and full > 12  # the reply that would have played: about 15 s of Piper
    assert first.interrupted and not second.interrupted
    assert ("barge-in", "reply stopped") in states
    assert first.timings["reply_played_ms"] < 6000 < full * 1000  # cut seconds in, not played out
    # the speech that cut it was heard and ran: both files hold what was said
    assert (workspace() / "shopping.txt").read_text().strip() == "milk"
    assert MINUTES in (workspace() / "notes.txt").read_text()


@pytest.mark.slow
def test_an_espeak_reply_nobody_speaks_over_plays_to_its_end(whisper, tmp_path):
    from kayas.settings import workspace
    from kayas.voice.tts_espeak import EspeakTts

    tts = EspeakTts()
    wav = wav_of(tmp_path / "one.wav", say("write down the meeting details"), silence(2.0))
    turns, states, took = _listen(whisper, wav, tts)
    assert len(turns) == 1 and "meeting" in turns[0].command, [t.heard for t in turns]
    full = _seconds(tts, turns[0].reply)
    assert not turns[0].interrupted and ("barge-in", "reply stopped") not in states
    assert took > full  # run() returned once the reply had played to its end
    assert MINUTES in (workspace() / "notes.txt").read_text()


def test_playback_stops_within_a_block_and_plays_in_real_time():
    from kayas.voice.playback import BLOCK_S, NullSink, Playback

    second = [(b"\0" * 32000, 16000)] * 3  # 3 s of silence as three chunks
    p = Playback(iter(second), NullSink())
    time.sleep(0.5)
    assert p.playing and p.first_sound_s is not None
    p.stop()
    assert not p.playing and 0.45 < p.played_s < 0.5 + 2 * BLOCK_S + 0.2
    t0 = time.perf_counter()
    p = Playback(iter([(b"\0" * 16000, 16000)]), NullSink())  # 0.5 s
    p.wait()
    assert 0.45 < time.perf_counter() - t0 < 1.5 and abs(p.played_s - 0.5) < 1e-9 and p.stopped_after_s is None


def test_espeak_streams_its_reply_as_pcm():
    from kayas.voice.tts_espeak import EspeakTts, espeak_binary

    if not espeak_binary():
        pytest.skip("espeak-ng is not installed")
    chunks = list(EspeakTts().stream("Done: add milk to shopping.txt."))
    assert len(chunks) == 1 and chunks[0][1] == 22050 and len(chunks[0][0]) / 2 / 22050 > 1.0
