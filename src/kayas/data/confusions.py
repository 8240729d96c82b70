"""What the recogniser writes for what was said: so a share of training commands reads like Whisper's output.

`confusions.json` (made by scripts/voice_confusions.py from generated training commands said by
Piper and espeak-ng and heard by Whisper tiny.en with Kayas's bias prompt) holds, for each word
or short phrase a perfect recogniser would give, what Whisper wrote instead and how often, out
of how often it was said. `heard_form` writes a command that way: the spoken form as the
normaliser gives it ("notes dot t x t" -> notes.txt), then each phrase swapped for a heard
variant with the measured probability (at most one swap per WORDS_PER_SWAP words, so a
command never turns into words that no longer say what the plan does). The plan is not touched, so "launch fire fox" still
starts firefox. Around the slots every substitution seen applies; inside a slot only those of
names (words Whisper's tokenizer splits, or that hold a dot, @, # or digit) seen at least
SLOT_MIN times: free text such as a message stays as said, and a one-off mishearing of a name
("the ops channel" as "it up standup") is not taught as meaning that name.
"""
from __future__ import annotations

import difflib
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from kayas.spoken import normalise, to_spoken

TABLE = Path(__file__).with_name("confusions.json")
MAX_WORDS = 3  # the longest phrase on either side
HESITATIONS = {"um", "uh", "uhh", "umm", "er", "hmm"}  # said by the voices, rarely written by Whisper
SLOT_MIN = 2  # a name inside a slot changes only to what Whisper wrote for it this often
WORDS_PER_SWAP = 4  # at most one swap per this many words: the command must still say what the plan does


def words_of(text: str) -> list[str]:
    """A typed command as a perfect recogniser would give it to the brain, as words (no hesitations)."""
    return [w for w in normalise(to_spoken(text)).split() if w not in HESITATIONS]


def substitutions(said: list[str], heard: list[str]) -> Iterable[tuple[str, str]]:
    """(said phrase, heard phrase) for each replaced run of at most MAX_WORDS words on both sides."""
    sm = difflib.SequenceMatcher(None, said, heard, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "replace" and a1 - a0 <= MAX_WORDS and b1 - b0 <= MAX_WORDS:
            yield " ".join(said[a0:a1]), " ".join(heard[b0:b1])


def is_name(phrase: str, pieces: Callable[[str], int] | None) -> bool:
    """A phrase with a word a user does not dictate as prose: a file, site, channel or number, or a
    word Whisper's tokenizer splits when written in lower case ("firefox", "gedit", "kayas"; not "slack")."""
    if re.search(r"[.@#_/\d]", phrase):
        return True
    return pieces is not None and any("'" not in w and pieces(" " + w) >= 2 for w in phrase.split())


def build_table(pairs: Iterable[tuple[str, str]], min_count: int = 1, pieces: Callable[[str], int] | None = None,
                vocabulary: set[str] | None = None) -> dict:
    """The table from (typed command, Whisper's text) pairs: substitutions seen at least `min_count` times
    whose said words are all in `vocabulary` (when given: it keeps augmentation's typos out, "jyst" -> "just")."""
    pairs = list(pairs)
    subs: dict[str, Counter] = {}
    said_words = errors = exact = 0
    refs = []
    for typed, heard in pairs:
        ref, hyp = words_of(typed), normalise(heard).split()
        refs.append(ref)
        said_words += len(ref)
        exact += ref == hyp
        sm = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
        errors += sum(max(a1 - a0, b1 - b0) for op, a0, a1, b0, b1 in sm.get_opcodes() if op != "equal")
        for a, b in substitutions(ref, hyp):
            if vocabulary is None or all(w in vocabulary for w in a.split()):
                subs.setdefault(a, Counter())[b] += 1
    kept = {a: {b: n for b, n in c.items() if n >= min_count} for a, c in subs.items()}
    kept = {a: c for a, c in kept.items() if c}
    occurrences: Counter = Counter()
    for ref in refs:
        for n in range(1, MAX_WORDS + 1):
            for i in range(len(ref) - n + 1):
                phrase = " ".join(ref[i:i + n])
                if phrase in kept:
                    occurrences[phrase] += 1
    table = {a: {"said": max(occurrences[a], sum(c.values())), "heard": dict(sorted(c.items())), "name": is_name(a, pieces)}
             for a, c in kept.items()}
    return {"about": "Whisper tiny.en (bias prompt of kayas listen) on generated training commands said by Piper joe and "
                     "espeak-ng; made by scripts/voice_confusions.py",
            "takes": len(pairs), "takes_exact": exact, "words": said_words, "word_errors": errors,
            "substitutions": table}


@lru_cache(maxsize=1)
def load(path: Path = TABLE) -> dict[str, dict]:
    """The shipped table's substitutions ({} when it is missing: then heard_form only writes the spoken form)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))["substitutions"]
    except (OSError, ValueError, KeyError):
        return {}


def swap(words: list[str], rng: random.Random, table: dict[str, dict], names_only: bool, budget: list[int] | None = None) -> list[str]:
    """Each phrase replaced by a heard variant with its measured probability (longest phrase first);
    `names_only` (a slot): only names, and only variants seen SLOT_MIN times; `budget`: swaps left."""
    budget = budget if budget is not None else [len(words)]
    out: list[str] = []
    i = 0
    while i < len(words):
        if budget[0] <= 0:
            out.extend(words[i:])
            break
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            entry = table.get(" ".join(words[i:i + n]))
            if entry is None or (names_only and not entry["name"]):
                continue
            heard = {v: c for v, c in entry["heard"].items() if c >= SLOT_MIN} if names_only else entry["heard"]
            r = rng.random() * entry["said"]
            for variant, count in heard.items():
                r -= count
                if r < 0:
                    out.extend(variant.split())
                    budget[0] -= 1
                    i += n
                    break
            else:
                out.extend(words[i:i + n])  # said right this time
                i += n
            break
        else:
            out.append(words[i])
            i += 1
    return out


def _slot_words(text: str) -> list[str]:
    """A slot is the plan's value: one the normaliser would change ("10" -> ten, "three-minute") stays as written."""
    words = words_of(text)
    return words if " ".join(words) == text.lower().strip() else text.split()


def heard_form(segments: list[tuple[str, bool]], rng: random.Random, table: dict[str, dict] | None = None) -> str:
    """A command's segments (text, is a slot) as Whisper would write them, normalised as `kayas listen` does."""
    table = load() if table is None else table
    said = [(_slot_words(text) if slot else words_of(text), slot) for text, slot in segments]
    budget = [max(1, sum(len(w) for w, _ in said) // WORDS_PER_SWAP)]
    out: list[str] = []
    for words, slot in said:
        out.extend(swap(words, rng, table, slot, budget))
    return " ".join(out)
