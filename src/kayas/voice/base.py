"""The voice front end's interfaces: audio in, wake word, voice activity, speech to text, speech out.

Every stage works on 16 kHz, 16-bit, mono PCM in 30 ms frames (`FRAME_BYTES`), the format
pocketsphinx, the VAD and the wake-word models all take, so a stage can be swapped
(`kayas.voice.factory` builds them from `[voice]` in config.toml) without the others noticing.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from kayas.errors import KayasError
from kayas.settings import load_section

RATE = 16_000
FRAME_SAMPLES = 480  # 30 ms
FRAME_BYTES = FRAME_SAMPLES * 2
FRAME_S = FRAME_SAMPLES / RATE


class VoiceError(KayasError):
    """No microphone, no audio library, audio in the wrong format, a missing voice package."""


def need(module: str, what: str):
    """Import an optional voice dependency, or fail with the one line that says how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise VoiceError(f"{what} needs the Python package '{module}': pip install 'kayas[voice]'") from None
    except OSError as exc:  # sounddevice without the PortAudio library
        raise VoiceError(f"{what}: {exc}") from None


@dataclass(frozen=True)
class VoiceConfig:
    """`[voice]` in KAYAS_HOME/config.toml; every key is optional."""

    device: str = ""  # microphone: a sounddevice name or index ("" = the system default)
    wake: str = "kayas"  # a phrase opening the command; "spot:PHRASE" (keyphrase spotting); or okay_nabu, hey_jarvis, hey_mycroft, alexa
    sensitivity: float = 0.5  # 0..1: higher wakes more easily (and falsely)
    reply: bool = True  # speak what was done
    stt: str = "auto"  # whisper or pocketsphinx; auto picks Whisper where faster-whisper and its model wheel are installed
    tts: str = "auto"  # piper, espeak, pyttsx3 (SAPI on Windows) or none; auto picks Piper, else espeak-ng where it exists
    tts_voice: str = ""  # the synthesiser's voice name ("" = its default)
    vad: str = "pocketsphinx"  # or silero
    end_silence_s: float = 0.5  # this much silence ends a command
    max_command_s: float = 15.0  # a command longer than this is cut
    answer_timeout_s: float = 6.0  # how long to wait for "yes" or "no"
    barge_in: bool = False  # speech over a reply stops it and is the next command (use headphones: no echo guard)

    @classmethod
    def load(cls) -> VoiceConfig:
        cfg = load_section("voice", cls)
        if not 0.0 <= cfg.sensitivity <= 1.0:
            raise VoiceError(f"[voice] sensitivity must be between 0 and 1, got {cfg.sensitivity}")
        return cfg


class AudioSource(ABC):
    """Where sound comes from: a microphone (real time) or a recording (as fast as it is read)."""

    realtime = False

    @abstractmethod
    def frames(self) -> Iterator[bytes]:
        """30 ms frames of PCM; the last one is padded with silence."""

    def close(self) -> None:  # noqa: B027  (most sources hold nothing to release)
        """Release the device or file."""


class VoiceActivity(ABC):
    """Speech or not, one 30 ms frame at a time."""

    @abstractmethod
    def is_speech(self, frame: bytes) -> bool: ...

    def reset(self) -> None:  # noqa: B027  (a stateless detector has nothing to forget)
        """Forget the past (between utterances)."""


class WakeWord(ABC):
    """Spots the wake phrase in a stream of frames."""

    name: str = ""

    @abstractmethod
    def detect(self, frame: bytes) -> bool:
        """True on the frame where the wake phrase was heard."""

    def reset(self) -> None:  # noqa: B027
        """Start afresh (after a command has been handled)."""


@dataclass
class Transcript:
    text: str  # the recogniser's words, lower case
    score: float | None = None  # the recogniser's own score (log scale), if any
    decode_s: float = 0.0  # time spent in finish()


class SpeechToText(ABC):
    """Streaming recognition: start, feed frames as they come, finish after the end of speech."""

    @abstractmethod
    def start(self, mode: str = "command") -> None:
        """mode: "command" (the domain language model) or "yesno" (the confirmation grammar)."""

    @abstractmethod
    def feed(self, pcm: bytes) -> None: ...

    @abstractmethod
    def finish(self) -> Transcript: ...

    def transcribe(self, pcm: bytes, mode: str = "command") -> Transcript:
        self.start(mode)
        self.feed(pcm)
        return self.finish()


class TextToSpeech(ABC):
    """Says a sentence out loud (or into a WAV file)."""

    @abstractmethod
    def say(self, text: str) -> float:
        """Speak; return the seconds from the call until sound started (what the user waits)."""

    def to_wav(self, text: str, path: str) -> None:
        raise VoiceError(f"{type(self).__name__} cannot write WAV files")

    def stream(self, text: str) -> Iterator[tuple[bytes, int]] | None:
        """(16-bit mono PCM, sample rate) chunks for a reply that plays in the background and can be
        stopped (barge-in, kayas.voice.playback); None where the synthesiser only plays by itself."""
        return None
