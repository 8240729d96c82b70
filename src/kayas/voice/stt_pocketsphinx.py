"""Speech to text by pocketsphinx (its en-us acoustic model ships in the wheel), with Kayas's model.

Two searches on one decoder: "command" (the domain language model of `kayas.voice.model`)
and "yesno" (a JSGF grammar, so a confirmation can only be heard as yes or no).
"""
from __future__ import annotations

import time
import warnings

import numpy as np

from kayas.voice.base import SpeechToText, Transcript, VoiceError, need
from kayas.voice.model import Built

# Digital silence (a file, a muted line) has no noise for the front end's noise estimate to lock
# on; a real microphone always has some. A fixed floor at about -60 dBFS, far below any voice,
# makes both look alike (measured: it halves the word errors on synthetic speech).
NOISE_FLOOR = 30.0

# Wider than pocketsphinx's defaults (which favour speed): more Gaussians scored per frame, no
# phone-loop pruning, wider beams. Tuned on generator commands of another seed (never the
# hand-written sets): word errors 0.314 -> 0.179, at 2.4x the decoding time.
ACCURATE = dict(topn=8, pl_window=0, beam=1e-60, wbeam=1e-40, pbeam=1e-60)


class NoiseFloor:
    """Adds the same low noise floor to every frame (seeded, so results repeat)."""

    def __init__(self, level: float = NOISE_FLOOR, seed: int = 0):
        self.level = level
        self.rng = np.random.default_rng(seed)

    def __call__(self, pcm: bytes) -> bytes:
        if not self.level:
            return pcm
        x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
        x += self.rng.normal(0.0, self.level, x.shape).astype(np.float32)
        return np.clip(x, -32768, 32767).astype(np.int16).tobytes()


class PocketsphinxStt(SpeechToText):
    def __init__(self, model: Built, lw: float | None = 9.0, noise_floor: float = NOISE_FLOOR):
        ps = need("pocketsphinx", "speech recognition")
        options = dict(lm=str(model.arpa), dict=str(model.dictionary), loglevel="FATAL", **ACCURATE)
        if lw is not None:
            options["lw"] = lw
        try:
            self.decoder = ps.Decoder(ps.Config(**options))
            self.decoder.add_jsgf_file("yesno", str(model.yesno))
        except (RuntimeError, ValueError) as exc:
            raise VoiceError(f"the voice model in {model.arpa.parent} does not load ({exc}): run `kayas voice build`") from None
        self._default = self.decoder.current_search()
        # Live CMN and the noise-removal statistics adapt across utterances, so the same words heard
        # after a "yes" came out differently (seen in CI); each utterance starts from the model's
        # initial CMN estimate and fresh noise statistics instead.
        self._cmn = self.decoder.get_cmn(False)
        self.floor = NoiseFloor(noise_floor)
        self._mode = "command"

    def start(self, mode: str = "command") -> None:
        search = {"command": self._default, "yesno": "yesno"}.get(mode)
        if search is None:
            raise VoiceError(f"unknown recognition mode {mode!r}")
        if search != self.decoder.current_search():
            self.decoder.activate_search(search)
        self._mode = mode
        self.floor = NoiseFloor(self.floor.level)  # the same input always gives the same words
        self.decoder.set_cmn(self._cmn)
        with warnings.catch_warnings():  # "deprecated and unnecessary", says 5.1.1; it is what resets the noise statistics
            warnings.simplefilter("ignore", DeprecationWarning)
            self.decoder.start_stream()
        self.decoder.start_utt()

    def feed(self, pcm: bytes) -> None:
        self.decoder.process_raw(self.floor(pcm), False, False)

    def finish(self) -> Transcript:
        t0 = time.perf_counter()
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        words = " ".join(w for w in (hyp.hypstr.split() if hyp else []) if not w.startswith(("<", "[", "+")))
        return Transcript(words, hyp.score if hyp else None, time.perf_counter() - t0)
