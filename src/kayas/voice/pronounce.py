"""Pronunciations: CMUdict (shipped with pocketsphinx) first, espeak-ng's phonemes for the rest.

The domain language model needs every word it holds in the recogniser's dictionary; names
such as "kayas", "gedit" or "kubernetes" are not in CMUdict, so espeak-ng (used only when
the model is built, never at run time) spells them in its phoneme code, mapped here to the
ARPAbet phones of the en-us acoustic model.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from kayas.voice.base import need

# espeak-ng's English phoneme code -> ARPAbet (stress marks removed first)
ESPEAK_TO_ARPA = {
    "p": "P", "b": "B", "t": "T", "t#": "T", "d": "D", "k": "K", "g": "G", "f": "F", "v": "V", "T": "TH",
    "D": "DH", "s": "S", "z": "Z", "S": "SH", "Z": "ZH", "h": "HH", "m": "M", "n": "N", "N": "NG", "l": "L",
    "r": "R", "w": "W", "j": "Y", "tS": "CH", "dZ": "JH", "@L": "AH L", "n-": "N", "l-": "L", "x": "K", "?": "",
    "a": "AE", "aa": "AE", "a#": "AH", "A:": "AA", "A@": "AA R", "A": "AA", "0": "AA", "O:": "AO", "O": "AO",
    "O2": "AO", "O@": "AO R", "o@": "AO R", "oU": "OW", "o": "OW", "u:": "UW", "u": "UW", "U": "UH", "U@": "UH R",
    "V": "AH", "3:": "ER", "3": "ER", "@": "AH", "@2": "AH", "@5": "AH", "@-": "AH", "I": "IH", "I#": "IH",
    "I2": "IH", "i": "IY", "i:": "IY", "i@": "IY R", "i@3": "IY R", "e@": "EH R", "E": "EH", "E2": "EH",
    "E#": "EH", "e": "EH", "eI": "EY", "aI": "AY", "aI@": "AY ER", "aI3": "AY ER", "aU": "AW", "aU@": "AW ER",
    "OI": "OY", "iu": "UW", "ju:": "Y UW",
}

# Besides espeak-ng's reading, the ways people say the wake word.
EXTRA = {"kayas": ["K AA Y AH S", "K AY AH S", "K AY AA S", "K AA Y AH Z"]}


def cmudict_path() -> Path:
    ps = need("pocketsphinx", "speech recognition")
    return Path(ps.get_model_path("en-us/cmudict-en-us.dict"))


def read_cmudict(path: Path | None = None) -> dict[str, list[str]]:
    """word -> its pronunciations (variants "word(2)" folded in)."""
    out: dict[str, list[str]] = {}
    for line in (path or cmudict_path()).read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word = re.sub(r"\(\d+\)$", "", parts[0])
        out.setdefault(word, []).append(" ".join(parts[1:]))
    return out


def espeak_to_arpa(code: str) -> str | None:
    """One word's espeak-ng phonemes ("k_'A:_j_@_z") as ARPAbet ("K AA Y AH Z"); None if a phoneme is unknown."""
    phones = []
    for ph in re.sub(r"[',%=!]", "", code).split("_"):
        ph = ph.strip()
        if not ph or ph in (":", ";"):
            continue
        arpa = ESPEAK_TO_ARPA.get(ph)
        if arpa is None:
            arpa = ESPEAK_TO_ARPA.get(ph.rstrip(":#"))
        if arpa is None:
            return None
        if arpa:
            phones.extend(arpa.split())
    return " ".join(phones) or None


def guess(words: list[str]) -> dict[str, str]:
    """espeak-ng's pronunciations for words CMUdict lacks; {} if espeak-ng is not installed."""
    binary = shutil.which("espeak-ng") or shutil.which("espeak")
    if not binary or not words:
        return {}
    text = "".join(f"{w}.\n" for w in words)
    res = subprocess.run([binary, "-v", "en-us", "-q", "-x", "--sep=_"], input=text, capture_output=True, text=True, check=False)
    lines = [ln.strip() for ln in res.stdout.splitlines() if ln.strip()]
    out: dict[str, str] = {}
    if len(lines) != len(words):  # espeak merged or split a line: fall back to one call per word
        lines = [subprocess.run([binary, "-v", "en-us", "-q", "-x", "--sep=_", w], capture_output=True, text=True).stdout.strip() for w in words]
    for word, code in zip(words, lines):
        arpa = espeak_to_arpa(code.replace(" ", "_"))
        if arpa:
            out[word] = arpa
    return out
