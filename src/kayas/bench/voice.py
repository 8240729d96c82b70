"""`kayas bench voice`: the recogniser, the plans and the wake phrase on speech made here.

espeak-ng says every hand-written command (said the way a person would, `to_spoken`) in
several voices and speeds; noise (white, at a signal-to-noise ratio) and sox's reverb make
the other conditions. Word error rate is against the words espeak-ng was given; plans from
speech are compared with the plans of the typed command and with the labels.
"""
from __future__ import annotations

import json
import random
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kayas.spoken import normalise, to_spoken
from kayas.voice.base import VoiceError

CONDITIONS = {"clean": None, "noise 20 dB": ("noise", 20), "noise 10 dB": ("noise", 10), "reverb": ("reverb", 40)}


def speak(text: str, voice: str, speed: int) -> bytes:
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True).stdout
    return subprocess.run(["sox", "-t", "wav", "-", "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-",
                           "pad", "0.3", "0.5"], input=wav, capture_output=True, check=True).stdout


def degrade(pcm: bytes, condition: str, seed: int) -> bytes:
    how = CONDITIONS[condition]
    if how is None:
        return pcm
    kind, value = how
    if kind == "reverb":
        return subprocess.run(["sox", "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-", "-t", "raw", "-",
                               "reverb", str(value)], input=pcm, capture_output=True, check=True).stdout
    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float64)
    voiced = x[np.abs(x) > 100]
    power = float(np.mean(voiced ** 2)) if voiced.size else 1.0
    noise = np.random.default_rng(seed).normal(0, np.sqrt(power / 10 ** (value / 10)), x.shape)
    return np.clip(x + noise, -32768, 32767).astype(np.int16).tobytes()


def wer(refs: list[str], hyps: list[str]) -> float:
    import jiwer

    pairs = [(r, h) for r, h in zip(refs, hyps) if r.strip()]
    return jiwer.wer([r for r, _ in pairs], [h or "<empty>" for _, h in pairs])


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


@dataclass
class Report:
    setup: dict = field(default_factory=dict)
    wer: dict = field(default_factory=dict)  # condition -> {"domain": x, "general": y, "n": n}
    plans: dict = field(default_factory=dict)
    wake: dict = field(default_factory=dict)
    latency: dict = field(default_factory=dict)


def run_bench(examples, voices: list[str], speeds: list[int], conditions: list[str], general_limit: int, plan_limit: int,
              wake_n: int, fa_minutes: float, planner=None, seed: int = 0, progress=lambda m: None) -> Report:
    from kayas.voice.factory import make_stt
    from kayas.voice.model import ensure
    from kayas.voice.wake_transcript import SpokenWake

    for c in conditions:
        if c not in CONDITIONS:
            raise VoiceError(f"unknown condition {c!r} (known: {', '.join(CONDITIONS)})")
    built = ensure(progress)
    domain = make_stt(built)  # what `kayas listen` uses: [voice] stt in config.toml
    rep = Report(setup={"voices": voices, "speeds": speeds, "commands": len(examples), "model": built.meta,
                        "recogniser": type(domain).__name__})
    rng = random.Random(seed)
    takes = [(ex, v, s) for ex in examples for v in voices for s in speeds]
    heard: dict[tuple, str] = {}
    finish_ms: list[float] = []
    for cond in conditions:
        refs, hyps, ghyps, grefs = [], [], [], []
        general_pick = set(rng.sample(range(len(takes)), min(general_limit, len(takes))))
        general = None
        if general_pick:
            import pocketsphinx as ps

            general = ps.Decoder(ps.Config(loglevel="FATAL"))
        for i, (ex, v, s) in enumerate(takes):
            said = to_spoken(ex.command)
            pcm = degrade(speak(said, v, s), cond, seed + i)
            domain.start()
            domain.feed(pcm)
            t = domain.finish()
            finish_ms.append(t.decode_s * 1000)
            refs.append(said)
            hyps.append(t.text)
            heard[(ex.command, v, s, cond)] = t.text
            if i in general_pick:
                from kayas.voice.stt_pocketsphinx import NoiseFloor

                general.start_utt()
                general.process_raw(NoiseFloor()(pcm), False, True)
                general.end_utt()
                h = general.hyp()
                grefs.append(said)
                ghyps.append(h.hypstr if h else "")
            if i % 50 == 0:
                progress(f"{cond}: {i}/{len(takes)}")
        rep.wer[cond] = {"domain": wer(refs, hyps), "n": len(refs),
                         "general": wer(grefs, ghyps) if grefs else None, "general_n": len(grefs)}
        progress(f"{cond}: WER domain {rep.wer[cond]['domain']:.3f}")
    if planner is not None and plan_limit:
        rep.plans, plan_ms = _plans(planner, takes, heard, conditions, plan_limit, rng)
        rep.latency["plan_ms_p50"], rep.latency["plan_ms_p95"] = pct(plan_ms, 50), pct(plan_ms, 95)
    rep.latency["recognition_finish_ms_p50"], rep.latency["recognition_finish_ms_p95"] = pct(finish_ms, 50), pct(finish_ms, 95)
    rep.latency["tts_start_ms_p50"], rep.latency["tts_start_ms_p95"] = tts_start_ms()
    rep.latency["endpoint_ms"] = 500.0  # [voice] end_silence_s: the silence that tells the command has ended
    if wake_n:
        rep.wake = _wake(domain, SpokenWake("kayas"), examples, voices, speeds, wake_n, fa_minutes, rng)
    return rep


def _plans(planner, takes, heard, conditions, limit, rng):
    typed_cache: dict[str, str] = {}
    spoken_cache: dict[str, str] = {}
    plan_ms: list[float] = []

    def plan(text: str, cache: dict) -> str:
        if text not in cache:
            t0 = time.perf_counter()
            cache[text] = json.dumps([c.as_json() for c in planner.plan(text)] if text.strip() else [], sort_keys=True)
            plan_ms.append((time.perf_counter() - t0) * 1000)
        return cache[text]

    out = {}
    for cond in conditions:
        pick = rng.sample(takes, min(limit, len(takes)))
        same_typed = same_label = typed_label = 0
        for ex, v, s in pick:
            typed = plan(ex.command, typed_cache)
            spoken = plan(normalise(heard[(ex.command, v, s, cond)]), spoken_cache)  # the same text plans the same
            label = json.dumps([c.as_json() for c in ex.calls()], sort_keys=True)
            same_typed += spoken == typed
            same_label += spoken == label
            typed_label += typed == label
        out[cond] = {"n": len(pick), "vs_typed": same_typed / len(pick), "vs_labels": same_label / len(pick),
                     "typed_vs_labels": typed_label / len(pick)}
    return out, plan_ms


def _wake(stt, wake, examples, voices, speeds, n, fa_minutes, rng):
    """The wake phrase read from the transcript ("kayas, ...") and the shipped okay_nabu model, on the same speech."""
    from kayas.data.generate import GenerateConfig, Generator
    from kayas.voice.audio_file import split_frames
    from kayas.voice.wake_micro import MicroWake

    micro = MicroWake("okay_nabu")

    def micro_hit(pcm: bytes) -> bool:
        micro.reset()
        return any(micro.detect(f) for f in split_frames(pcm + b"\0" * 16000))

    hits = nabu = 0
    for _ in range(n):
        said = to_spoken(rng.choice(examples).command)
        voice, speed = rng.choice(voices), rng.choice(speeds)
        opener = rng.choice(["kayas", "kayas", "hey kayas", "ok kayas"])
        hits += wake.split(stt.transcribe(speak(f"{opener}, {said}", voice, speed)).text) is not None
        nabu += micro_hit(speak(f"okay nabu, {said}", voice, speed))
    others = [e.command for e in Generator(GenerateConfig(seed=7, size=3000)).run().examples if "kayas" not in e.command.lower()]
    seconds, false, false_nabu = 0.0, 0, 0
    while seconds < fa_minutes * 60:
        pcm = speak(to_spoken(rng.choice(others)), rng.choice(voices), rng.choice(speeds))
        seconds += len(pcm) / 32000
        false += wake.split(stt.transcribe(pcm).text) is not None
        false_nabu += micro_hit(pcm)
    hours = max(1e-9, seconds / 3600)
    return {"said": n, "non_wake_minutes": seconds / 60,
            "kayas": {"woke": hits, "recall": hits / max(1, n), "false_wakes": false, "false_per_hour": false / hours},
            "okay_nabu": {"woke": nabu, "recall": nabu / max(1, n), "false_wakes": false_nabu, "false_per_hour": false_nabu / hours}}


def tts_start_ms(n: int = 20) -> tuple[float, float]:
    """p50/p95 of espeak-ng's time to its first audio for replies like the Assistant's."""
    from kayas.voice.tts_espeak import EspeakTts

    tts = EspeakTts()
    times = []
    for i in range(n):
        text = f"Done: append content to a file in the workspace as a new line (filename 'shopping.txt', content 'item {i}')."
        t0 = time.perf_counter()
        proc = subprocess.Popen(tts._args(text)[:-2] + ["--stdout", "--", text], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        proc.stdout.read(4096)
        times.append((time.perf_counter() - t0) * 1000)
        proc.stdout.read()
        proc.wait()
    return pct(times, 50), pct(times, 95)


def as_json(rep: Report) -> str:
    return json.dumps({"setup": rep.setup, "wer": rep.wer, "plans": rep.plans, "wake": rep.wake, "latency": rep.latency}, indent=1)


def read_sets(paths: list[str]):
    from kayas.formats.examples import read_examples

    out = []
    for p in paths:
        if not Path(p).is_file():
            raise VoiceError(f"data file not found: {p}")
        out += read_examples(p)
    return out
