"""No spoken reply (`[voice] reply = false` or `tts = "none"`): the reply is only printed."""
from __future__ import annotations

from kayas.voice.base import TextToSpeech


class SilentTts(TextToSpeech):
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> float:
        self.said.append(text)
        return 0.0
