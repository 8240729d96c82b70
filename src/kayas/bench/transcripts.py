"""Training commands as the recogniser hears them: for the brain to learn from what it will be given.

Each command of a training file is said the way a person would (`to_spoken`) by Piper's joe voice
(at several speeds) or espeak-ng (several voices and speeds), with or without noise, recognised by
the recogniser `kayas listen` ships (Whisper with its bias, else pocketsphinx) and normalised as
`kayas listen` does. Each line written keeps the original plan, so a retrain on these lines
teaches that "launch fire fox" still starts firefox. Nothing is trained here.
"""
from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kayas.bench.voice import degrade, speak
from kayas.spoken import normalise, to_spoken

PIPER_SPEEDS = (0.85, 1.0, 1.2)  # Piper's length scale: < 1 is faster
ESPEAK_VOICES = ("en-us", "en-gb", "en-us+f2", "en-us+m3")
ESPEAK_SPEEDS = (150, 175, 200)
CONDITIONS = ("clean", "clean", "noise 20 dB", "noise 10 dB")  # half clean


@dataclass
class Take:
    voice: str  # "piper" or an espeak-ng voice
    speed: float  # Piper's length scale or espeak-ng's words a minute
    condition: str


class Speakers:
    """Says a text in a take's voice, as 16 kHz PCM."""

    def __init__(self) -> None:
        self._piper: dict[float, object] = {}

    def piper(self, text: str, length_scale: float) -> bytes:
        from kayas.voice.tts_piper import PiperTts

        if length_scale not in self._piper:
            self._piper[length_scale] = PiperTts(length_scale=length_scale)
        tts = self._piper[length_scale]
        return subprocess.run(["sox", "-t", "raw", "-r", str(tts.rate), "-e", "signed", "-b", "16", "-c", "1", "-",  # type: ignore[attr-defined]
                               "-t", "raw", "-r", "16000", "-", "pad", "0.3", "0.5"],
                              input=tts.pcm(text), capture_output=True, check=True).stdout  # type: ignore[attr-defined]

    def say(self, text: str, take: Take, seed: int) -> bytes:
        pcm = self.piper(text, take.speed) if take.voice == "piper" else speak(text, take.voice, int(take.speed))
        return degrade(pcm, take.condition, seed)


def choose_take(rng: random.Random, piper_share: float = 0.5, conditions: tuple[str, ...] = CONDITIONS) -> Take:
    if rng.random() < piper_share:
        return Take("piper", rng.choice(PIPER_SPEEDS), rng.choice(conditions))
    return Take(rng.choice(ESPEAK_VOICES), rng.choice(ESPEAK_SPEEDS), rng.choice(conditions))


def transcribe_examples(examples, stt, limit: int = 0, seed: int = 0, progress=lambda msg: None,
                        conditions: tuple[str, ...] = CONDITIONS) -> Iterator[dict]:
    """One record per example: the chat example with the heard command, and what was said and how."""
    rng = random.Random(seed)
    picked = list(examples)
    if limit and limit < len(picked):
        picked = rng.sample(picked, limit)
    speakers = Speakers()
    for i, ex in enumerate(picked):
        take = choose_take(rng, conditions=conditions)
        said = to_spoken(ex.command)
        if not said.strip():
            continue
        heard = stt.transcribe(speakers.say(said, take, seed + i)).text
        messages = [dict(m, content=normalise(heard)) if m["role"] == "user" else m for m in ex.messages]
        yield {"messages": messages, "category": ex.category, "typed": ex.command, "heard": heard,
               "voice": take.voice, "speed": take.speed, "condition": take.condition}
        if i % 25 == 0:
            progress(f"{i + 1}/{len(picked)}: {ex.command!r} heard as {heard!r}")


def write_transcripts(data: Path, out: Path, stt, limit: int = 0, seed: int = 0, progress=lambda msg: None,
                      conditions: tuple[str, ...] = CONDITIONS, keep=lambda example: True) -> int:
    """Writes JSONL as it goes (a long run stopped half way keeps what it made); returns the lines written.
    `keep` picks the examples to sample from."""
    from kayas.formats.examples import read_examples

    n = 0
    with out.open("w", encoding="utf-8") as f:
        for record in transcribe_examples([ex for ex in read_examples(data) if keep(ex)], stt, limit, seed, progress, conditions):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            f.flush()
            n += 1
    return n
