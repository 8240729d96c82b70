"""Word error rate of the Whisper recogniser with and without domain bias, on spoken hand-written commands.

Each command of tests/data/handwritten*.jsonl (a seeded sample of --per-set from each) is said
the way a person would (`to_spoken`) by Piper's joe voice and by espeak-ng, and recognised by
Whisper tiny.en plain and with each bias: the domain's rare words as the initial prompt,
short commands using them as the prompt, either with the workspace's names, and the words as hotwords. Reference and hypothesis are
both compared as the command the brain would get (`normalise`), put in one canonical form
(numbers as words), so "5" and "five" are the same word.

    .venv/bin/python scripts/voice_wer.py --per-set 40 --out wer.json
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kayas.bench.voice import degrade, speak, wer
from kayas.formats.examples import read_examples
from kayas.spoken import normalise, to_spoken
from kayas.voice.stt_whisper import WhisperStt, clean, model_dir

SETS = ["tests/data/handwritten.jsonl", "tests/data/handwritten_b.jsonl"]


def canonical(command: str) -> str:
    return normalise(to_spoken(command))


def piper_pcm(tts, text: str) -> bytes:
    """Piper's 22 050 Hz speech as 16 kHz PCM with the same padding as espeak-ng's in the bench."""
    return subprocess.run(["sox", "-t", "raw", "-r", str(tts.rate), "-e", "signed", "-b", "16", "-c", "1", "-",
                           "-t", "raw", "-r", "16000", "-", "pad", "0.3", "0.5"],
                          input=tts.pcm(text), capture_output=True, check=True).stdout


def file_names(ex) -> list[str]:
    """Names the labels' calls give (file names, folders): what the workspace would hold when the command is said."""
    out = []
    for call in ex.calls():
        for value in call.args.values():
            if isinstance(value, str) and re.fullmatch(r"[\w.-]+\.[A-Za-z0-9]{1,5}", value):
                out.append(value)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-set", type=int, default=40)
    ap.add_argument("--voices", default="piper,espeak")
    ap.add_argument("--variants", default="plain,words,words+workspace,examples,examples+workspace,hotwords")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--condition", default="clean", help="clean, noise 20 dB, noise 10 dB or reverb (as kayas bench voice)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="")
    args = ap.parse_args()

    from kayas.voice.bias import bias_lists, example_prompt, prompt_of
    from kayas.voice.model import model_dir as voice_dir

    words, examples_prompt = bias_lists(voice_dir(), model_dir(), progress=lambda m: print(m, file=sys.stderr))
    prompts = {"words": lambda n: prompt_of(words, n), "examples": lambda n: example_prompt(examples_prompt, n)}
    rng = random.Random(args.seed)
    examples = []
    for path in SETS:
        exs = read_examples(ROOT / path)
        examples += rng.sample(exs, min(args.per_set, len(exs)))
    stt = WhisperStt(threads=args.threads)
    tts = None
    result: dict = {"commands": len(examples), "condition": args.condition, "bias_words": words, "bias_examples": examples_prompt, "wer": {}, "decode_s": {}}
    rows = []
    for voice in args.voices.split(","):
        if voice == "piper":
            from kayas.voice.tts_piper import PiperTts

            tts = tts or PiperTts()
            audio = [piper_pcm(tts, to_spoken(ex.command)) for ex in examples]
        else:
            audio = [speak(to_spoken(ex.command), "en-us", 175) for ex in examples]
        audio = [degrade(pcm, args.condition, args.seed + i) for i, pcm in enumerate(audio)]
        for variant in args.variants.split(","):
            refs, hyps, times = [], [], []
            for ex, pcm in zip(examples, audio):
                names = file_names(ex) if "workspace" in variant else []
                make = prompts.get(variant.split("+")[0])
                stt.prompt = (lambda n=names, make=make: make(n)) if make else None
                stt.hotwords = (lambda: " ".join(["Kayas", *words])) if variant == "hotwords" else None
                t0 = time.perf_counter()
                heard = stt.transcribe(pcm).text
                times.append(time.perf_counter() - t0)
                refs.append(canonical(ex.command))
                hyps.append(canonical(normalise(clean(heard))))
                rows.append({"voice": voice, "variant": variant, "said": ex.command, "heard": heard})
            key = f"{voice} / {variant}" + ("" if args.condition == "clean" else f" / {args.condition}")
            result["wer"][key] = round(wer(refs, hyps), 4)
            result["decode_s"][key] = round(sorted(times)[len(times) // 2], 3)
            print(f"{key}: WER {result['wer'][key]:.3f} (median decode {result['decode_s'][key]:.2f} s, loaded machine)", flush=True)
    result["takes"] = rows
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
