"""A spoken reply that plays in the background and can be stopped: what barge-in needs.

The synthesiser's chunks (Piper gives one a sentence) go to a sink from a thread, so the
listener keeps reading the microphone while Kayas speaks; `stop` cuts the reply between two
short blocks of sound (50 ms). `PlayerSink` pipes raw PCM to aplay (or sox's `play`);
`NullSink` plays nothing but takes as long as the sound would, for a machine without a sound
device and for tests.
"""
from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterable

BLOCK_S = 0.05  # stop() is heard within this much sound


class NullSink:
    """Plays into nothing, in real time."""

    def open(self, rate: int) -> None:
        self.rate = rate

    def write(self, pcm: bytes) -> None:
        time.sleep(len(pcm) / 2 / self.rate)

    def close(self, stopped: bool) -> None:
        pass


class PlayerSink:
    """Raw 16-bit mono PCM into aplay or sox's play on standard input."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return bool(shutil.which("aplay") or shutil.which("play"))

    def open(self, rate: int) -> None:
        if shutil.which("aplay"):
            args = ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate), "-"]
        else:
            args = ["play", "-q", "-t", "raw", "-r", str(rate), "-e", "signed", "-b", "16", "-c", "1", "-"]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def write(self, pcm: bytes) -> None:
        if self.proc and self.proc.stdin:
            try:
                self.proc.stdin.write(pcm)
                self.proc.stdin.flush()
            except BrokenPipeError:  # the player went away (no device): nothing more to play
                pass

    def close(self, stopped: bool) -> None:
        if not self.proc:
            return
        if stopped:
            self.proc.kill()  # drop what the device still buffers
        else:
            try:
                if self.proc.stdin:
                    self.proc.stdin.close()
            except BrokenPipeError:
                pass
        self.proc.wait()
        self.proc = None


class Playback:
    """One reply playing: `playing` until its sound is out or `stop()`; `stopped_after_s` says when it was cut."""

    def __init__(self, chunks: Iterable[tuple[bytes, int]], sink) -> None:
        self.sink = sink
        self._stop = threading.Event()
        self._done = threading.Event()
        self.started = time.perf_counter()
        self.first_sound_s: float | None = None  # from the start to the first sound (synthesis of the first sentence)
        self.stopped_after_s: float | None = None
        self.played_s = 0.0  # seconds of sound written
        self._thread = threading.Thread(target=self._run, args=(chunks,), daemon=True)
        self._thread.start()

    def _run(self, chunks: Iterable[tuple[bytes, int]]) -> None:
        opened = False
        try:
            for pcm, rate in chunks:
                if self._stop.is_set():
                    break
                if not opened:
                    self.sink.open(rate)
                    opened = True
                    self.first_sound_s = time.perf_counter() - self.started
                step = max(2, int(rate * BLOCK_S) * 2)
                for i in range(0, len(pcm), step):
                    if self._stop.is_set():
                        break
                    self.sink.write(pcm[i:i + step])
                    self.played_s += len(pcm[i:i + step]) / 2 / rate
        finally:
            if opened:
                self.sink.close(self._stop.is_set())
            self._done.set()

    @property
    def playing(self) -> bool:
        return not self._done.is_set()

    def stop(self) -> None:
        if self.playing and not self._stop.is_set():
            self.stopped_after_s = time.perf_counter() - self.started
            self._stop.set()
        self._done.wait(2.0)

    def wait(self, timeout: float | None = None) -> None:
        self._done.wait(timeout)
