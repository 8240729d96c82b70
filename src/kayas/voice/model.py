"""The recogniser's Kayas model: domain language model, its dictionary and the yes/no grammar.

Built from what the brain is trained on: the data generator's commands (made in memory, or
read from a generated train.jsonl), said the way people say them (`spoken.to_spoken`).
Cached under KAYAS_HOME/voice/; `kayas voice build` rebuilds it, and `kayas listen`
rebuilds it by itself when the tools (the registry) have changed since it was built.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from kayas.settings import kayas_home
from kayas.spoken import to_spoken
from kayas.voice import lm as ngram
from kayas.voice.base import VoiceError, need
from kayas.voice.pronounce import EXTRA, guess, read_cmudict

YES = ["yes", "yeah", "yep", "sure", "ok", "okay", "do it", "go ahead", "yes please"]
NO = ["no", "nope", "don't", "cancel", "stop", "no thanks"]
YESNO_JSGF = f"""#JSGF V1.0;
grammar yesno;
public <answer> = <yes> | <no>;
<yes> = {' | '.join(YES)};
<no> = {' | '.join(NO)};
"""


@dataclass
class BuildConfig:
    lam: float = 0.9  # weight of the domain model against the general one
    background: int = 5000  # the general model's most frequent words added to the vocabulary
    order: int = 3
    min_guess_count: int = 2  # a word outside CMUdict needs this many uses to get espeak-ng's pronunciation
    data: str = ""  # a generated train.jsonl; "" = generate the commands in memory
    seed: int = 0


def model_dir() -> Path:
    return kayas_home() / "voice"


def tools_fingerprint() -> str:
    """Changes when a tool is added, removed or its arguments change: the model is then stale."""
    from kayas.registry import default_registry

    reg = default_registry()
    desc = sorted((t.name, json.dumps(t.parameters_schema(), sort_keys=True)) for t in reg)
    return hashlib.sha256(json.dumps(desc).encode()).hexdigest()[:16]


def domain_commands(cfg: BuildConfig) -> list[str]:
    if cfg.data:
        path = Path(cfg.data)
        if not path.is_file():
            raise VoiceError(f"data file not found: {path}")
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                msgs = json.loads(line)["messages"]
                out.append(next(m["content"] for m in msgs if m["role"] == "user"))
        return out
    from kayas.data.augment import AugmentConfig
    from kayas.data.generate import GenerateConfig, Generator

    # said, not typed: no typos, no capitals, and not what another recogniser (Whisper) mishears
    spoken = AugmentConfig(typo=0.0, verb_typo=0.0, caps=0.0, heard=0.0)
    return [ex.said for ex in Generator(GenerateConfig(seed=cfg.seed, augment=spoken)).run().examples]


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z']+", to_spoken(text))


@dataclass
class Built:
    arpa: Path
    dictionary: Path
    yesno: Path
    meta: dict


def general_model():
    """pocketsphinx's en-us model, p(w | h) on demand (its own log base converted)."""
    ps = need("pocketsphinx", "speech recognition")
    model = ps.NGramModel.readfile(ps.get_model_path("en-us/en-us.lm.bin"))
    to_log10 = math.log10(1.0001)

    def p(gram: tuple[str, ...]) -> float:
        lp = model.prob(list(reversed(gram)))
        return 0.0 if lp < -5e8 else 10 ** (lp * to_log10)

    return p


def build(cfg: BuildConfig | None = None, out: Path | None = None, progress=lambda msg: None) -> Built:
    """Make the language model, dictionary and grammar; write them atomically into `out`."""
    cfg = cfg or BuildConfig()
    out = out or model_dir()
    t0 = time.perf_counter()
    progress("generating the domain's commands")
    sentences = [w for w in (words_of(c) for c in domain_commands(cfg)) if w]
    cmu = read_cmudict()
    counts = Counter(w for s in sentences for w in s)
    unknown = sorted(w for w, c in counts.items() if w not in cmu and c >= cfg.min_guess_count)
    progress(f"{len(sentences)} sentences, {len(counts)} words; pronouncing {len(unknown)} new words")
    guessed = guess(unknown)
    prons: dict[str, list[str]] = {w: list(dict.fromkeys(EXTRA.get(w, []) + ([guessed[w]] if w in guessed else []))) for w in guessed}
    prons.update({w: EXTRA[w] for w in EXTRA if w not in prons})
    sayable = lambda w: w in cmu or w in prons  # noqa: E731
    kept = [s for s in sentences if all(sayable(w) for w in s)]
    general = general_model() if cfg.lam < 1.0 else None
    vocab = {w for s in kept for w in s}
    if general is not None and cfg.background:
        ranked = sorted((w for w in cmu if re.fullmatch(r"[a-z']+", w)), key=lambda w: -general((w,)))
        vocab |= set(ranked[: cfg.background])
    progress(f"language model over {len(vocab)} words from {len(kept)} sentences")
    text = ngram.mixed_arpa(ngram.Counts.of(kept, cfg.order), vocab, general, cfg.lam)
    arpa, dictionary, yesno = out / "kayas.arpa", out / "kayas.dict", out / "yesno.gram"
    ngram.write(arpa, text)
    dict_lines = []
    for w in sorted(vocab | {"kayas"} | {t for phrase in YES + NO for t in phrase.split()}):
        for i, pron in enumerate(prons.get(w) or cmu.get(w, [])):
            dict_lines.append(f"{w if i == 0 else f'{w}({i + 1})'} {pron}")
    ngram.write(dictionary, "\n".join(dict_lines) + "\n")
    ngram.write(yesno, YESNO_JSGF)
    meta = {"tools": tools_fingerprint(), "config": asdict(cfg), "sentences": len(kept), "dropped": len(sentences) - len(kept),
            "vocabulary": len(vocab), "guessed": len(guessed), "seconds": round(time.perf_counter() - t0, 1)}
    ngram.write(out / "meta.json", json.dumps(meta, indent=1))
    return Built(arpa, dictionary, yesno, meta)


def ensure(progress=lambda msg: None, out: Path | None = None) -> Built:
    """The cached model, rebuilt first if missing or built for other tools."""
    out = out or model_dir()
    meta_path = out / "meta.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        paths = (out / "kayas.arpa", out / "kayas.dict", out / "yesno.gram")
        if meta.get("tools") == tools_fingerprint() and all(p.is_file() for p in paths):
            return Built(*paths, meta)
        progress("the tools changed since the voice model was built: rebuilding it")
    cfg = BuildConfig(**{k: v for k, v in json.loads(meta_path.read_text())["config"].items()}) if meta_path.is_file() else BuildConfig()
    return build(cfg, out, progress)
