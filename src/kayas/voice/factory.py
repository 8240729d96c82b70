"""Builds each voice stage from `[voice]` in config.toml (and the command line's overrides)."""
from __future__ import annotations

import sys

from kayas.voice.base import AudioSource, SpeechToText, TextToSpeech, VoiceActivity, VoiceConfig, VoiceError
from kayas.voice.model import Built


def make_source(file: str | None, device: str = "") -> AudioSource:
    """`--file -`: raw PCM on stdin; `--file X.wav`: that recording; neither: the microphone."""
    if file == "-":
        from kayas.voice.audio_file import StdinSource

        return StdinSource(sys.stdin.buffer)
    if file:
        from kayas.voice.audio_file import WavSource

        return WavSource(file)
    from kayas.voice.audio_mic import MicSource

    return MicSource(device)


def make_vad(cfg: VoiceConfig) -> VoiceActivity:
    if cfg.vad == "pocketsphinx":
        from kayas.voice.vad_pocketsphinx import PocketsphinxVad

        return PocketsphinxVad()
    if cfg.vad == "silero":
        from kayas.voice.vad_silero import SileroVad

        return SileroVad()
    raise VoiceError(f"[voice] vad must be pocketsphinx or silero, got {cfg.vad!r}")


def make_wake(cfg: VoiceConfig, model: Built):
    """`wake`: a phrase read from the transcript ("kayas"), "spot:PHRASE" (keyphrase spotting) or a shipped model."""
    from kayas.voice.wake_micro import MODELS

    if cfg.wake.startswith("spot:"):
        from kayas.voice.wake_keyphrase import KeyphraseWake

        return KeyphraseWake(cfg.wake[5:], model, cfg.sensitivity)
    if cfg.wake in MODELS:
        from kayas.voice.wake_micro import MicroWake

        return MicroWake(cfg.wake, cfg.sensitivity)
    if not cfg.wake.strip():
        raise VoiceError("[voice] wake is empty: give a phrase (\"kayas\") or a shipped model (" + ", ".join(MODELS) + ")")
    from kayas.voice.wake_transcript import SpokenWake

    return SpokenWake(cfg.wake)


def make_stt(model: Built, kind: str = "") -> SpeechToText:
    """`[voice] stt` (or `kind`): whisper (the default where faster-whisper and its model wheel are installed) or pocketsphinx."""
    from kayas.voice import stt_whisper

    kind = kind or VoiceConfig.load().stt

    if kind == "auto":
        kind = "whisper" if stt_whisper.available() else "pocketsphinx"
    if kind == "whisper":
        from kayas.voice.bias import bias_lists, example_prompt, workspace_names

        # Short domain commands plus the workspace's names as the prompt: the best of the biases measured (docs/voice.md)
        _, examples = bias_lists(model.arpa.parent, stt_whisper.model_dir())
        return stt_whisper.WhisperStt(prompt=lambda: example_prompt(examples, workspace_names()))
    if kind == "pocketsphinx":
        from kayas.voice.stt_pocketsphinx import PocketsphinxStt

        return PocketsphinxStt(model)
    raise VoiceError(f"[voice] stt must be auto, whisper or pocketsphinx, got {kind!r}")


def make_tts(cfg: VoiceConfig) -> TextToSpeech:
    from kayas.voice.tts_espeak import espeak_binary

    kind = cfg.tts
    if not cfg.reply or kind == "none":
        from kayas.voice.tts_none import SilentTts

        return SilentTts()
    if kind == "auto":
        from kayas.voice import tts_piper

        kind = "piper" if tts_piper.available() else "espeak" if espeak_binary() and sys.platform != "win32" else "pyttsx3"
    if kind == "piper":
        from kayas.voice.tts_piper import PiperTts

        return PiperTts()
    if kind == "espeak":
        from kayas.voice.tts_espeak import EspeakTts

        return EspeakTts(cfg.tts_voice)
    if kind == "pyttsx3":
        from kayas.voice.tts_pyttsx3 import Pyttsx3Tts

        return Pyttsx3Tts(cfg.tts_voice)
    raise VoiceError(f"[voice] tts must be auto, piper, espeak, pyttsx3 or none, got {cfg.tts!r}")
