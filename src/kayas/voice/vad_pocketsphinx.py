"""Voice activity from pocketsphinx's own detector (WebRTC's, built in): no extra model to ship."""
from __future__ import annotations

from kayas.voice.base import FRAME_S, RATE, VoiceActivity, need


class PocketsphinxVad(VoiceActivity):
    def __init__(self, mode: int = 2):
        ps = need("pocketsphinx", "voice activity detection")
        self._vad = ps.Vad(mode, RATE, FRAME_S)  # mode 0 (loose) .. 3 (strict)

    def is_speech(self, frame: bytes) -> bool:
        return bool(self._vad.is_speech(frame))
