"""Make the recogniser's confusion table (src/kayas/data/confusions.json) that the data generator uses.

    .venv/bin/python -m kayas.cli.main data generate --out /tmp/v-data
    nice .venv/bin/python scripts/voice_confusions.py hear --data /tmp/v-data/train.jsonl --out /tmp/v-heard.jsonl --limit 1200
    .venv/bin/python scripts/voice_confusions.py table --heard /tmp/v-heard.jsonl --data /tmp/v-data/train.jsonl
    .venv/bin/python scripts/voice_confusions.py check     # the share of training commands written as heard, examples

`hear` says a seeded sample of generated TRAINING commands (Piper joe and espeak-ng voices,
clean or with white noise at 20 dB) and writes what Whisper tiny.en, with the bias prompt
`kayas listen` uses, heard. `table` aligns each command as a perfect recogniser would give it
with what Whisper gave, and writes each substitution with how often it was heard out of how
often its words were said (kayas.data.confusions).
Never run it on tests/data or any scored set: the table would then carry their words.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kayas.data.augment import MISSPELL, VERB_TYPOS  # noqa: E402
from kayas.errors import KayasError  # noqa: E402

CONDITIONS = ("clean", "clean", "clean", "noise 20 dB")  # what a desk microphone mostly gives
NAMED = {"filesystem", "process"}  # --names: the tools whose commands carry file and program names
TYPOS = {t for v in [*MISSPELL.values(), *VERB_TYPOS.values()] for t in v}


def said_as_typed(example) -> bool:
    """Commands whose words are spelt right (augmentation's typos are no speech) and that are not a held-out split."""
    words = re.findall(r"[a-z']+", example.command.lower())
    return bool(words) and not any(w in TYPOS for w in words) and not example.template.startswith("clinc.val")


def hear(args) -> None:
    from kayas.bench.transcripts import write_transcripts
    from kayas.voice import factory
    from kayas.voice.model import ensure

    if "tests/data" in Path(args.data).resolve().as_posix():
        sys.exit("error: never a scored set: give the generator's train.jsonl")
    progress = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    stt = factory.make_stt(ensure(progress), "whisper")
    keep = (lambda ex: said_as_typed(ex) and ex.category in NAMED) if args.names else said_as_typed
    n = write_transcripts(Path(args.data), Path(args.out), stt, args.limit, args.seed, progress, CONDITIONS, keep)
    print(f"{n} takes written to {args.out}")


def vocabulary_of(data: Path) -> set[str]:
    """The words the generator's commands use at least 3 times (its templates' words; a random typo is rarer)."""
    from collections import Counter

    from kayas.data.confusions import words_of
    from kayas.formats.examples import read_examples

    counts = Counter(w for ex in read_examples(data) for w in words_of(ex.command))
    return {w for w, n in counts.items() if n >= 3}


def table(args) -> None:
    from kayas.data.confusions import build_table
    from kayas.voice.bias import whisper_pieces
    from kayas.voice.stt_whisper import model_dir

    pairs = []
    for heard in args.heard:
        for line in Path(heard).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                pairs.append((row["typed"], row["heard"]))
    vocabulary = vocabulary_of(Path(args.data))
    out = build_table(pairs, min_count=args.min_count, pieces=whisper_pieces(model_dir()), vocabulary=vocabulary)
    Path(args.out).write_text(json.dumps(out, indent=0, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    subs = out["substitutions"]
    print(f"{len(pairs)} takes, {out['takes_exact']} heard exactly; {len(subs)} substitutions kept (count >= {args.min_count}) -> {args.out}"
          f" ({Path(args.out).stat().st_size // 1024} KB)")
    print(f"word error rate of the takes: {out['word_errors'] / max(out['words'], 1):.3f}")
    for written, entry in sorted(subs.items(), key=lambda kv: -sum(kv[1]["heard"].values()))[:25]:
        print(f"  {written!r} said {entry['said']}x{' (a name)' if entry['name'] else ''}: {entry['heard']}")


def check(args) -> None:
    """The generator with the table: how many training commands are written as heard, and some of them."""
    import random

    from kayas.data import augment
    from kayas.data.confusions import words_of
    from kayas.data.generate import GenerateConfig, Generator

    heard: dict[str, str] = {}  # as heard -> as a perfect recogniser would give it
    real = augment.heard_form

    def spy(said, rng, table=None):
        out = real(said, rng, table)
        heard[out] = " ".join(w for text, _ in said for w in words_of(text))
        return out

    augment.heard_form = spy
    data = Generator(GenerateConfig(seed=args.seed)).run()
    rows = [ex for ex in data.train if ex.command in heard]
    changed = sum(heard[ex.command] != ex.command for ex in rows)
    print(f"train: {len(data.train)} commands, {len(rows)} ({len(rows) / len(data.train):.1%}) written as Whisper hears them, "
          f"{changed} of them ({changed / max(1, len(rows)):.0%}) with a word other than a perfect recogniser's")
    for ex in random.Random(args.seed).sample(rows, min(args.show, len(rows))):
        print(f"  {ex.command!r} -> {ex.plan}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="step", required=True)
    h = sub.add_parser("hear", help="say training commands, write what Whisper heard (JSONL)")
    h.add_argument("--data", required=True, help="the generator's train.jsonl")
    h.add_argument("--out", required=True)
    h.add_argument("--limit", type=int, default=1200)
    h.add_argument("--seed", type=int, default=0)
    h.add_argument("--names", action="store_true", help="only commands of the file and program tools (names heard more often)")
    t = sub.add_parser("table", help="the confusion table from `hear`'s takes")
    t.add_argument("--heard", required=True, nargs="+", help="hear's files")
    t.add_argument("--out", default=str(ROOT / "src/kayas/data/confusions.json"))
    t.add_argument("--data", required=True, help="the generator's train.jsonl the takes were sampled from (its vocabulary)")
    t.add_argument("--min-count", type=int, default=1)
    c = sub.add_parser("check", help="the share of the generator's training commands written as heard, with examples")
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    try:
        {"hear": hear, "table": table, "check": check}[args.step](args)
    except KayasError as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
