"""The voice loop: wake phrase -> command (until silence) -> words -> the Assistant -> spoken reply.

One stream of frames carries everything, so a recording can hold a command and then the
"yes" that confirms it, exactly as a microphone would. Recognition runs while the person
speaks (frames are fed as they come), so after the end of speech only the last search step,
the normaliser and the plan remain.

Barge-in (`[voice] barge_in`): the reply plays in the background (kayas.voice.playback) while
the frames keep coming; speech that starts over it (the VAD, or the wake word) stops it and is
heard as the next command.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kayas.spoken import normalise
from kayas.voice.base import FRAME_S, AudioSource, SpeechToText, TextToSpeech, Transcript, VoiceConfig, WakeWord
from kayas.voice.model import NO, YES
from kayas.voice.playback import NullSink, Playback, PlayerSink
from kayas.voice.segmenter import Segmenter

Status = Callable[[str, str], None]  # (state, text): waiting / listening / heard / plan / asking / result


ANSWER_HINT = "Say yes or no."  # after each spoken question: what the recogniser listens for


@dataclass
class VoiceTurn:
    """One command, heard and handled."""

    heard: str  # the recogniser's words
    command: str  # after the normaliser
    report: object | None = None  # the Assistant's RunReport (None if nothing was heard)
    reply: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # ms: endpoint, stt, plan, to_plan, to_reply
    answers: list[str] = field(default_factory=list)  # what was heard for each question
    interrupted: bool = False  # the reply was stopped by speech over it (barge-in)


class Listener:
    def __init__(self, source: AudioSource, stt: SpeechToText, segmenter: Segmenter, assistant, tts: TextToSpeech,
                 cfg: VoiceConfig, wake: WakeWord | None = None, status: Status = lambda state, text: None,
                 assume_yes: bool = False, dry_run: bool = False, sink=None):
        self.source, self.stt, self.segmenter, self.assistant = source, stt, segmenter, assistant
        self.tts, self.cfg, self.wake, self.status = tts, cfg, wake, status
        self.assume_yes, self.dry_run = assume_yes, dry_run
        self._frames: Iterator[bytes] = iter(())
        self._i = -1  # frame index in the stream
        self._ended = False
        self.sink = sink  # where a barge-in reply plays (kayas.voice.playback; None: the sound device, if any)
        self._playback: Playback | None = None
        self._replying: VoiceTurn | None = None  # the turn whose reply is playing

    # --------------------------------------------------------------- the stream
    def _next_frame(self) -> bytes | None:
        frame = next(self._frames, None)
        if frame is None:
            self._ended = True
        else:
            self._i += 1
        return frame

    def _wait_for_wake(self) -> bool:
        self.status("waiting", f'say "{self.wake.name}"')
        while (frame := self._next_frame()) is not None:
            if self.wake.detect(frame):
                self._barge_in()
                return True
        return False

    def _hear(self, mode: str, timeout_s: float | None) -> tuple[Transcript, float, float] | None:
        """The next utterance, recognised while it is spoken: (transcript, endpoint ms, recognition ms)."""
        self.segmenter.reset()
        started = self._i
        fed = 0
        while (frame := self._next_frame()) is not None:
            utt = self.segmenter.push(frame, self._i)
            if self.segmenter.in_speech:
                self._barge_in()
            if self.segmenter.in_speech or utt is not None:
                if fed == 0:
                    self.stt.start(mode)
                    self.status("listening", "")
                pending = self.segmenter.frames[fed:] if utt is None else []
                for f in pending:
                    self.stt.feed(f)
                fed += len(pending)
            if utt is not None:
                t0 = time.perf_counter()
                transcript = self.stt.finish()
                return transcript, (utt.detected_s - utt.end_s) * 1000, (time.perf_counter() - t0) * 1000
            if timeout_s is not None and not self.segmenter.in_speech and (self._i - started) * FRAME_S > timeout_s:
                return None
        utt = self.segmenter.flush(self._i)
        if utt is not None and fed:
            t0 = time.perf_counter()
            return self.stt.finish(), 0.0, (time.perf_counter() - t0) * 1000
        return None

    # --------------------------------------------------------------- talking
    def _say(self, text: str) -> float:
        """Speak (if replies are on); ms until the sound started."""
        if not self.cfg.reply:
            return 0.0
        self._barge_in()  # a reply still playing ends before anything else is said
        return self.tts.say(text) * 1000

    def _reply(self, text: str, turn: VoiceTurn) -> float:
        """The turn's reply: in the background where barge-in is on (ms until its sound started), else as `_say`."""
        chunks = self.tts.stream(text) if self.cfg.reply and self.cfg.barge_in else None
        if chunks is None:
            return self._say(text)
        self._barge_in()
        self._playback = Playback(chunks, self.sink or (PlayerSink() if PlayerSink.available() else NullSink()))
        self._replying = turn
        while self._playback.first_sound_s is None and self._playback.playing:
            time.sleep(0.005)
        return (self._playback.first_sound_s or 0.0) * 1000

    def _barge_in(self) -> None:
        """Speech over the reply: stop it (the speech is heard as usual, as the next command)."""
        if self._playback is not None and self._playback.playing:
            self._playback.stop()
            if self._replying is not None:
                self._replying.interrupted = True
                self._replying.timings["reply_played_ms"] = self._playback.played_s * 1000
            self.status("barge-in", "reply stopped")

    def ask(self, question: str) -> tuple[bool, str]:
        """A yes/no question, answered by voice; silence or the end of the recording is "no"."""
        self.status("asking", question)
        self._say(question)
        heard = self._hear("yesno", self.cfg.answer_timeout_s)
        words = heard[0].text if heard else ""
        self.status("heard", words or "(no answer)")
        yes = bool(words) and words in YES and words not in NO
        return yes, words

    # --------------------------------------------------------------- one command
    def handle(self, transcript: Transcript, endpoint_ms: float, stt_ms: float, t_detected: float) -> VoiceTurn:
        """The Assistant's turn for what was heard: its questions spoken and answered by voice, then the reply."""
        command = normalise(transcript.text)
        turn = VoiceTurn(transcript.text, command, timings={"endpoint_ms": endpoint_ms, "stt_ms": stt_ms})
        self.status("heard", f'"{transcript.text}"' if transcript.text else "(nothing)")
        if not command:
            turn.reply = "Sorry, I didn't catch that."
            turn.timings["to_reply_ms"] = endpoint_ms + (time.perf_counter() - t_detected) * 1000 + self._reply(turn.reply, turn)
            self.status("result", turn.reply)
            return turn
        # --yes answers every question, "Did you mean" too: no one is asked.
        assistant_turn = self.assistant.start(command, assume_yes=self.assume_yes, dry_run=self.dry_run, force=self.assume_yes)
        outcome = assistant_turn.outcome
        turn.timings["plan_ms"] = outcome.timings.get("plan_ms", 0.0)
        turn.timings["to_plan_ms"] = endpoint_ms + (time.perf_counter() - t_detected) * 1000
        self.status("plan", outcome.understood or "nothing to do")
        while (question := assistant_turn.question) is not None:
            yes, heard = self.ask(f"{question.text} {ANSWER_HINT}")
            turn.answers.append(heard)
            assistant_turn.answer(yes)
        report = assistant_turn.finish()
        turn.report = report
        turn.reply = report.message
        self.status("result", report.message)
        started = self._reply(report.message, turn)
        if not turn.answers:  # with a question in between, the wait is the person's, not Kayas's
            turn.timings["to_reply_ms"] = turn.timings["to_plan_ms"] + report.timings.get("run_ms", 0.0) + started
        return turn

    # --------------------------------------------------------------- the loop
    def run(self, max_turns: int | None = None) -> list[VoiceTurn]:
        """Handle commands until the stream ends (a recording) or max_turns; with a wake word each needs it first."""
        self._frames = iter(self.source.frames())
        turns: list[VoiceTurn] = []
        by_transcript = getattr(self.wake, "by_transcript", False)
        while not self._ended and (max_turns is None or len(turns) < max_turns):
            if self.wake is not None and not by_transcript:
                if not self._wait_for_wake():
                    break
                self.status("listening", "")
            elif by_transcript:
                self.status("waiting", f'say "{self.wake.name}, ..."')
            heard = self._hear("command", self.cfg.answer_timeout_s if self.wake is not None and not by_transcript else None)
            if heard is None:
                continue
            transcript, endpoint_ms, stt_ms = heard
            if by_transcript:
                rest = self.wake.split(transcript.text)
                if rest is None:
                    continue  # speech without the wake phrase: not for Kayas
                if not rest:  # "kayas" alone: the command comes next
                    self.status("listening", "")
                    heard = self._hear("command", self.cfg.answer_timeout_s)
                    if heard is None:
                        continue
                    transcript, endpoint_ms, stt_ms = heard
                else:
                    transcript = Transcript(rest, transcript.score, transcript.decode_s)
            turns.append(self.handle(transcript, endpoint_ms, stt_ms, time.perf_counter() - stt_ms / 1000))
            if self.wake is not None:
                self.wake.reset()
        if self._playback is not None:
            self._playback.wait()  # the last reply is heard to its end
        return turns
