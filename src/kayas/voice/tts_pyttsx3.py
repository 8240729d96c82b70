"""Spoken replies through pyttsx3: SAPI5 on Windows, NSSpeechSynthesizer on macOS, espeak on Linux."""
from __future__ import annotations

import time

from kayas.voice.base import TextToSpeech, VoiceError, need


class Pyttsx3Tts(TextToSpeech):
    def __init__(self, voice: str = ""):
        pyttsx3 = need("pyttsx3", "spoken replies")
        try:
            self.engine = pyttsx3.init()
        except Exception as exc:  # no speech engine on this system
            raise VoiceError(f"pyttsx3 found no speech engine: {exc}") from None
        if voice:
            self.engine.setProperty("voice", voice)
        self._started = 0.0
        self.engine.connect("started-utterance", lambda name: setattr(self, "_started", time.perf_counter()))

    def say(self, text: str) -> float:
        t0 = time.perf_counter()
        self._started = 0.0
        self.engine.say(text)
        self.engine.runAndWait()
        return (self._started or time.perf_counter()) - t0

    def to_wav(self, text: str, path: str) -> None:
        self.engine.save_to_file(text, path)
        self.engine.runAndWait()
