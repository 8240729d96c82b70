"""A shipped wake word by microWakeWord (`pymicro-wakeword`: okay_nabu, hey_jarvis, hey_mycroft, alexa).

The package and its models are Apache-2.0 (the openWakeWord models of pyopen-wakeword are
CC BY-NC-SA 4.0, non-commercial, so Kayas does not use them). Sensitivity 0..1 moves each
model's own probability cutoff down (eager) or up (strict) by up to 0.15.
"""
from __future__ import annotations

from kayas.voice.base import VoiceError, WakeWord, need

MODELS = ("okay_nabu", "hey_jarvis", "hey_mycroft", "alexa")


class MicroWake(WakeWord):
    def __init__(self, model: str, sensitivity: float = 0.5):
        mww = need("pymicro_wakeword", f"the wake word {model!r}")
        if model not in MODELS:
            raise VoiceError(f"unknown wake word model {model!r} (shipped: {', '.join(MODELS)})")
        self.name = model.replace("_", " ")
        self._mod = mww
        self._ww = mww.MicroWakeWord.from_builtin(mww.Model[model.upper()])
        self._cutoff = min(0.99, max(0.05, self._ww.probability_cutoff + 0.15 * (1 - 2 * sensitivity)))
        self.reset()

    def detect(self, frame: bytes) -> bool:
        hit = False
        for i in range(0, len(frame), 320):  # it takes 10 ms chunks
            for features in self._features.process_streaming(frame[i : i + 320]):
                prob = self._ww.process_streaming_prob(features)
                hit |= prob is not None and prob >= self._cutoff
        if hit:
            self.reset()
        return hit

    def reset(self) -> None:
        self._ww.reset()
        self._features = self._mod.MicroWakeWordFeatures()
