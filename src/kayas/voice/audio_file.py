"""Recorded audio: a WAV file, or raw 16 kHz 16-bit mono PCM on standard input (`-`)."""
from __future__ import annotations

import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kayas.voice.base import FRAME_BYTES, FRAME_S, RATE, AudioSource, VoiceError

CONVERT_HINT = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"


def read_wav(path: str | Path) -> bytes:
    """The PCM of a 16 kHz, 16-bit, mono WAV; any other format is a one-line error saying what it is."""
    path = Path(path)
    if not path.is_file():
        raise VoiceError(f"audio file not found: {path}")
    try:
        with wave.open(str(path), "rb") as w:
            rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
            pcm = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise VoiceError(f"{path}: not a PCM WAV file ({exc}); {CONVERT_HINT}") from None
    if (rate, width, channels) != (RATE, 2, 1):
        raise VoiceError(f"{path}: {rate} Hz, {8 * width}-bit, {channels} channel(s); kayas listen needs 16000 Hz, 16-bit, mono: {CONVERT_HINT}")
    return pcm


def write_wav(path: str | Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


def split_frames(pcm: bytes) -> Iterator[bytes]:
    for i in range(0, len(pcm), FRAME_BYTES):
        yield pcm[i : i + FRAME_BYTES].ljust(FRAME_BYTES, b"\0")


class PcmSource(AudioSource):
    """PCM already in memory (a WAV read whole)."""

    def __init__(self, pcm: bytes, trailing_silence_s: float = 1.0, realtime: bool = False):
        # a recording may stop right after the last word: a little silence lets the VAD see the end
        self.pcm = pcm + b"\0" * (int(RATE * trailing_silence_s) * 2)
        self.realtime = realtime  # a frame each 30 ms, as a microphone gives them (what barge-in is tested with)

    def frames(self) -> Iterator[bytes]:
        if not self.realtime:
            yield from split_frames(self.pcm)
            return
        start = time.perf_counter()
        for i, frame in enumerate(split_frames(self.pcm)):
            ahead = start + (i + 1) * FRAME_S - time.perf_counter()  # a frame exists once its 30 ms have passed
            if ahead > 0:
                time.sleep(ahead)
            yield frame


class WavSource(PcmSource):
    def __init__(self, path: str | Path, realtime: bool = False):
        super().__init__(read_wav(path), realtime=realtime)


class StdinSource(AudioSource):
    """Raw PCM from a pipe (`arecord -r 16000 -f S16_LE -c 1 -t raw | kayas listen --file -`)."""

    def __init__(self, stream: BinaryIO | None = None):
        self.stream = stream or sys.stdin.buffer

    def frames(self) -> Iterator[bytes]:
        rest = b""
        while True:
            chunk = self.stream.read(FRAME_BYTES - len(rest))
            if not chunk:
                break
            rest += chunk
            if len(rest) == FRAME_BYTES:
                yield rest
                rest = b""
        if len(rest) % 2:
            raise VoiceError("standard input ended inside a sample: raw input must be 16-bit PCM (16 kHz, mono)")
        if rest:
            yield rest.ljust(FRAME_BYTES, b"\0")
        yield from split_frames(b"\0" * RATE * 2)  # one second of silence closes the last command
