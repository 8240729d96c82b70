"""Cuts a stream of frames into utterances: speech starts after a few voiced frames, ends after silence."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from kayas.voice.base import FRAME_S, VoiceActivity


@dataclass
class Utterance:
    pcm: bytes
    start_s: float  # stream time of the first voiced frame
    end_s: float  # stream time of the last voiced frame (the end of speech)
    detected_s: float  # stream time at which the silence after it was long enough


class Segmenter:
    """A small state machine over a VAD: `end_silence_s` of silence closes.

    Half a second before the speech is kept (the recogniser estimates the noise from it; measured:
    with 0.2 s "milk" was heard as "the old") and 0.3 s after it.
    """

    def __init__(self, vad: VoiceActivity, end_silence_s: float = 0.5, max_s: float = 15.0,
                 start_frames: int = 3, pre_roll_s: float = 0.5):
        self.vad = vad
        self.end_frames = max(1, round(end_silence_s / FRAME_S))
        self.max_frames = round(max_s / FRAME_S)
        self.start_frames = start_frames
        self.pre_roll = deque(maxlen=max(start_frames, round(pre_roll_s / FRAME_S)))
        self.reset()

    def reset(self) -> None:
        self.frames: list[bytes] = []
        self.voiced_run = 0
        self.silent_run = 0
        self.in_speech = False
        self.start_i = self.last_voiced_i = 0
        self.pre_roll.clear()
        self.vad.reset()

    def push(self, frame: bytes, i: int) -> Utterance | None:
        """Feed frame number i; an Utterance when one has just ended."""
        voiced = self.vad.is_speech(frame)
        if not self.in_speech:
            self.pre_roll.append(frame)
            self.voiced_run = self.voiced_run + 1 if voiced else 0
            if self.voiced_run >= self.start_frames:
                self.in_speech = True
                self.frames = list(self.pre_roll)
                self.start_i = i - self.voiced_run + 1
                self.last_voiced_i = i
                self.silent_run = 0
            return None
        self.frames.append(frame)
        if voiced:
            self.silent_run = 0
            self.last_voiced_i = i
        else:
            self.silent_run += 1
        if self.silent_run >= self.end_frames or len(self.frames) >= self.max_frames:
            return self._close(i)
        return None

    def flush(self, i: int) -> Utterance | None:
        return self._close(i) if self.in_speech else None

    def _close(self, i: int) -> Utterance:
        keep = len(self.frames) - max(0, self.silent_run - 10)  # keep 300 ms of the trailing silence
        u = Utterance(b"".join(self.frames[:keep]), self.start_i * FRAME_S, (self.last_voiced_i + 1) * FRAME_S, (i + 1) * FRAME_S)
        self.reset()
        return u

    def utterances(self, frames: Iterator[bytes]) -> Iterator[Utterance]:
        i = -1
        for i, frame in enumerate(frames):
            u = self.push(frame, i)
            if u is not None:
                yield u
        u = self.flush(i)
        if u is not None:
            yield u
