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
