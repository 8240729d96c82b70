"""Spoken replies by espeak-ng (Debian's `espeak-ng`), played through PortAudio or aplay."""
from __future__ import annotations

import io
import shutil
import subprocess
import time
import wave

from kayas.voice.base import TextToSpeech, VoiceError


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


class EspeakTts(TextToSpeech):
    def __init__(self, voice: str = "", speed: int = 175):
        self.binary = espeak_binary()
        if not self.binary:
            raise VoiceError("spoken replies need espeak-ng (apt-get install espeak-ng), or set [voice] tts = \"none\"")
        self.voice, self.speed = voice, speed

    def _args(self, text: str) -> list[str]:
        args = [self.binary, "-s", str(self.speed)]
        if self.voice:
            args += ["-v", self.voice]
        return args + ["--", text]

    def say(self, text: str) -> float:
        """espeak-ng plays through the default sound device; the wait is until its first audio is out."""
        t0 = time.perf_counter()
        proc = subprocess.Popen(self._args(text)[:-2] + ["--stdout", "--", text], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        first = proc.stdout.read(4096)  # the WAV header and first samples: synthesis has started
        started = time.perf_counter() - t0
        rest = first + proc.stdout.read()
        proc.wait()
        _play(rest)
        return started

    def stream(self, text: str):
        """espeak-ng's whole reply as one chunk (it synthesises a sentence in milliseconds)."""
        wav = subprocess.run(self._args(text)[:-2] + ["--stdout", "--", text], capture_output=True, check=True).stdout
        with wave.open(io.BytesIO(wav), "rb") as w:
            yield w.readframes(w.getnframes()), w.getframerate()

    def to_wav(self, text: str, path: str) -> None:
        subprocess.run(self._args(text)[:-2] + ["-w", path, "--", text], check=True, stderr=subprocess.DEVNULL)


def _play(wav: bytes) -> None:
    """Play a WAV through whatever this machine has; without a sound device the reply is only printed."""
    player = shutil.which("aplay") or shutil.which("paplay") or shutil.which("play")
    if player:
        subprocess.run([player, "-q", "-"] if not player.endswith("paplay") else [player], input=wav,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
