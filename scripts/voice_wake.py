"""Wake phrase recall and false wakes per hour for `kayas listen`'s default wake (the transcript opens with "kayas").

    nice .venv/bin/python scripts/voice_wake.py --takes 100 --noise-min 10 --music-min 5 --speech-min 10 --out wake.json

Recall: generated training commands (not a scored set) opened by "Kayas," / "hey Kayas," / "ok Kayas,",
said by Piper's joe voice and espeak-ng voices, clean, recognised by Whisper tiny.en with the bias
prompt `kayas listen` uses; a take wakes when the wake reads the phrase from the transcript.
False wakes: long streams without the phrase (sox noise: pink, white, brown at three levels; music:
plucked chords and a sox melody, alone and over noise; speech: other generated commands said by
Piper and espeak-ng) go through the same VAD and segmenter as the microphone, each utterance to
Whisper; every utterance the wake accepts is a false wake. The figures are per hour of audio.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kayas.bench.transcripts import ESPEAK_SPEEDS, ESPEAK_VOICES, PIPER_SPEEDS, Speakers, Take  # noqa: E402
from kayas.spoken import to_spoken  # noqa: E402

RATE = 16000
OPENERS = ("Kayas, ", "Kayas, ", "hey Kayas, ", "ok Kayas, ")


def sox(*args: str) -> bytes:
    return subprocess.run(["sox", "-n", "-r", str(RATE), "-e", "signed", "-b", "16", "-c", "1", "-t", "raw", "-", *args],
                          capture_output=True, check=True).stdout


def noise(seconds: float, rng: random.Random) -> bytes:
    colour = rng.choice(["pinknoise", "whitenoise", "brownnoise"])
    return sox("synth", f"{seconds:.2f}", colour, "vol", str(rng.choice([0.05, 0.2, 0.5])))


def music(seconds: float, rng: random.Random) -> bytes:
    """Plucked chords (I-vi-IV-V) or a square-wave melody, sometimes over pink noise."""
    out = b""
    chords = [("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4")]
    melody = rng.random() < 0.5
    i = 0
    while len(out) < seconds * RATE * 2:
        if melody:
            note = rng.choice(["C4", "D4", "E4", "G4", "A4", "C5"])
            out += sox("synth", "0.25", "square", note, "vol", "0.3")
        else:
            notes = chords[i % 4]
            out += subprocess.run(["sox", "-n", "-r", str(RATE), "-e", "signed", "-b", "16", "-c", "3", "-t", "raw", "-", "synth", "0.5",
                                   *(x for n in notes for x in ("pluck", n)), "remix", "1-3", "norm", "-6"],
                                  capture_output=True, check=True).stdout
        i += 1
    if rng.random() < 0.5:
        out = mix(out, noise(len(out) / RATE / 2, rng))
    return out


def mix(a: bytes, b: bytes) -> bytes:
    import numpy as np

    x, y = np.frombuffer(a, np.int16).astype(np.int32), np.frombuffer(b, np.int16).astype(np.int32)
    n = min(len(x), len(y))
    return np.clip(x[:n] + y[:n] // 3, -32768, 32767).astype(np.int16).tobytes()


def take(rng: random.Random) -> Take:
    if rng.random() < 0.5:
        return Take("piper", rng.choice(PIPER_SPEEDS), "clean")
    return Take(rng.choice(ESPEAK_VOICES), rng.choice(ESPEAK_SPEEDS), "clean")


def commands(seed: int) -> list[str]:
    """Generated training commands (a seed of their own), without the wake phrase."""
    from kayas.data.generate import GenerateConfig, Generator

    return [e.command for e in Generator(GenerateConfig(seed=seed, size=3000, clinc=None)).run().train
            if "kayas" not in e.command.lower() and len(e.command.split()) <= 14]


def utterances(pcm: bytes, end_silence_s: float = 0.5):
    from kayas.voice.audio_file import PcmSource
    from kayas.voice.segmenter import Segmenter
    from kayas.voice.vad_pocketsphinx import PocketsphinxVad

    yield from Segmenter(PocketsphinxVad(), end_silence_s).utterances(iter(PcmSource(pcm).frames()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--takes", type=int, default=100)
    ap.add_argument("--noise-min", type=float, default=10)
    ap.add_argument("--music-min", type=float, default=5)
    ap.add_argument("--speech-min", type=float, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    from kayas.voice import factory
    from kayas.voice.model import ensure
    from kayas.voice.wake_transcript import SpokenWake

    progress = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    stt = factory.make_stt(ensure(progress), "whisper")
    wake = SpokenWake("kayas")
    rng = random.Random(args.seed)
    speakers = Speakers()
    pool = commands(args.seed + 7)
    report: dict = {"recogniser": "whisper tiny.en + bias prompt", "wake": "transcript opens with kayas"}

    woke, misses, t0 = 0, [], time.perf_counter()
    for i in range(args.takes):
        tk = take(rng)
        said = rng.choice(OPENERS) + to_spoken(rng.choice(pool))
        heard = stt.transcribe(speakers.say(said, tk, i)).text
        if wake.split(heard) is not None:
            woke += 1
        else:
            misses.append({"said": said, "heard": heard, "voice": tk.voice})
        if (i + 1) % 10 == 0:
            progress(f"recall: {woke}/{i + 1}")
    report["recall"] = {"takes": args.takes, "woke": woke, "recall": woke / max(1, args.takes), "misses": misses[:30],
                        "seconds": round(time.perf_counter() - t0)}
    progress(f"recall {woke}/{args.takes}")
    write(report, args.out)

    for kind, minutes in (("noise", args.noise_min), ("music", args.music_min), ("speech", args.speech_min)):
        seconds = utts = false = 0
        wakes = []
        t0 = time.perf_counter()
        while seconds < minutes * 60:
            if kind == "speech":
                pcm = b"".join(speakers.say(to_spoken(rng.choice(pool)), take(rng), int(seconds)) for _ in range(10))
            else:
                pcm = (noise if kind == "noise" else music)(30.0, rng)
            seconds += len(pcm) / RATE / 2
            for u in utterances(pcm):
                utts += 1
                heard = stt.transcribe(u.pcm).text
                if wake.split(heard) is not None:
                    false += 1
                    wakes.append(heard)
        hours = seconds / 3600
        report[kind] = {"minutes": round(seconds / 60, 1), "utterances": utts, "false_wakes": false,
                        "false_per_hour": false / hours, "heard": wakes[:20], "seconds": round(time.perf_counter() - t0)}
        progress(f"{kind}: {seconds / 60:.1f} min, {utts} utterances, {false} false wakes")
        write(report, args.out)
    print(json.dumps(report, indent=1, ensure_ascii=False))


def write(report: dict, out: str) -> None:
    """After each part, so a run stopped early keeps what it measured."""
    if out:
        Path(out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
