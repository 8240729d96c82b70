"""Speech made here for the voice tests: espeak-ng says it, sox makes it 16 kHz mono."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import need


def need_tools() -> None:
    """espeak-ng and sox, or `need`'s skip/failure naming the one that is missing."""
    for tool, pkg in (("espeak-ng", "espeak-ng"), ("sox", "sox")):
        need(tool, shutil.which(tool) is not None, f"the voice tests' speech; apt-get install {pkg}")


def say(text: str, voice: str = "en-us", speed: int = 175, pad_s: float = 0.3) -> bytes:
    """16 kHz, 16-bit, mono PCM of espeak-ng saying `text`."""
    need_tools()
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True).stdout
    return subprocess.run(["sox", "-t", "wav", "-", "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-",
                           "pad", str(pad_s), str(pad_s)], input=wav, capture_output=True, check=True).stdout


def silence(seconds: float) -> bytes:
    return b"\0" * (int(16000 * seconds) * 2)


def wav_of(path: Path, *parts: bytes) -> Path:
    from kayas.voice.audio_file import write_wav

    write_wav(path, b"".join(parts))
    return path


def sox_pcm(*args: str) -> bytes:
    """16 kHz, 16-bit, mono PCM from a sox command's `-n ... synth` arguments (no input)."""
    need_tools()
    return subprocess.run(["sox", "-n", "-r", "16000", "-e", "signed", "-b", "16", *args], capture_output=True, check=True).stdout


def noise(seconds: float, colour: str = "pinknoise", volume: float = 0.3) -> bytes:
    return sox_pcm("-c", "1", "-t", "raw", "-", "synth", str(seconds), colour, "vol", str(volume))


CHORDS = [("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4")]


def chords(bars: int = 8, beat_s: float = 0.5) -> bytes:
    """A music-like signal: plucked three-note chords, one a beat, cycling I-vi-IV-V."""
    out = []
    for i in range(bars):
        notes = CHORDS[i % len(CHORDS)]
        out.append(sox_pcm("-c", "3", "-t", "raw", "-", "synth", str(beat_s), *(x for n in notes for x in ("pluck", n)),
                           "remix", "1-3", "norm", "-6"))
    return b"".join(out)


def piper_say(text: str, pad_s: float = 0.3) -> bytes:
    """16 kHz, 16-bit, mono PCM of Piper's en_US joe voice saying `text` (the voice wheel, resampled by sox)."""
    from kayas.voice.tts_piper import PiperTts

    global _PIPER
    if _PIPER is None:
        _PIPER = PiperTts()
    need_tools()
    return subprocess.run(["sox", "-t", "raw", "-r", str(_PIPER.rate), "-e", "signed", "-b", "16", "-c", "1", "-",
                           "-t", "raw", "-r", "16000", "-", "pad", str(pad_s), str(pad_s)],
                          input=_PIPER.pcm(text), capture_output=True, check=True).stdout


_PIPER = None


_MODEL: dict = {}


def built_voice_model(factory):
    """The real Kayas voice model (generator commands + pocketsphinx's general model), built once per test run
    whichever test file asks first (about a minute)."""
    if "built" not in _MODEL:
        need_tools()
        from kayas.voice.model import build

        _MODEL["built"] = build(out=factory.mktemp("voice-model"))
    return _MODEL["built"]
