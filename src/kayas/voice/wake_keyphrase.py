"""The wake phrase ("kayas" by default) by pocketsphinx's keyphrase spotting: any words, no training.

Sensitivity 0..1 maps to the spotting threshold, 1e-10 (strict) .. 1e-40 (eager), on a log
scale. Measured here on espeak-ng speech it misses half the "kayas" said even at the eager
end, so it is opt-in (`wake = "spot:kayas"`); the default reads the transcript (wake_transcript).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from kayas.voice.base import VoiceError, WakeWord, need
from kayas.voice.model import Built
from kayas.voice.stt_pocketsphinx import NoiseFloor


def threshold(sensitivity: float) -> float:
    return 10.0 ** (-10 - 30 * sensitivity)


class KeyphraseWake(WakeWord):
    def __init__(self, phrase: str, model: Built, sensitivity: float = 0.5):
        ps = need("pocketsphinx", "the wake phrase")
        self.name = phrase.strip().lower()
        self._tmp = tempfile.TemporaryDirectory(prefix="kayas-wake-")
        kws = Path(self._tmp.name) / "wake.kws"
        kws.write_text(f"{self.name} /{threshold(sensitivity):.0e}/\n", encoding="utf-8")
        try:
            self.decoder = ps.Decoder(ps.Config(kws=str(kws), dict=str(model.dictionary), loglevel="FATAL"))
        except (RuntimeError, ValueError) as exc:
            raise VoiceError(f"cannot spot the wake phrase {phrase!r} ({exc}): are all its words in the voice model?") from None
        missing = [w for w in self.name.split() if self.decoder.lookup_word(w) is None]
        if missing:
            raise VoiceError(f"the wake phrase has words the recogniser cannot say: {', '.join(missing)}")
        self.floor = NoiseFloor()
        self.decoder.start_utt()

    def detect(self, frame: bytes) -> bool:
        self.decoder.process_raw(self.floor(frame), False, False)
        if self.decoder.hyp() is None:
            return False
        self.reset()
        return True

    def reset(self) -> None:
        self.decoder.end_utt()
        self.decoder.start_utt()
