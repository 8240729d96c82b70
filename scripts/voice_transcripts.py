"""Speak training commands and write what the shipped recogniser hears, with the original plans (for a retrain; no training here).

    .venv/bin/python scripts/voice_transcripts.py --data data/train.jsonl --out heard.jsonl --limit 2000

Each output line is a chat example whose user message is the normalised transcript, plus "typed"
(the original command), "heard" (the recogniser's words), "voice", "speed" and "condition".
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kayas.bench.transcripts import write_transcripts
from kayas.errors import KayasError
from kayas.voice import factory
from kayas.voice.model import ensure


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="a training file (JSONL chat examples)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0, help="a seeded sample of this many examples (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stt", default="", help="whisper or pocketsphinx (default: what kayas listen uses)")
    args = ap.parse_args()
    progress = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    try:
        stt = factory.make_stt(ensure(progress), args.stt)
        n = write_transcripts(Path(args.data), Path(args.out), stt, args.limit, args.seed, progress)
    except KayasError as exc:
        sys.exit(f"error: {exc}")
    print(f"{n} transcripts written to {args.out}")


if __name__ == "__main__":
    main()
