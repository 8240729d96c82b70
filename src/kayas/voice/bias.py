"""Words to bias Whisper toward: the domain's rare words and the names in the workspace.

Whisper knows English but not "Kayas", "notes.txt" or the apps a user names ("launch fire
fucks"). The domain's words are taken from the commands the brain is trained on (the data
generator's, as the recogniser's language model is): those used often there that Whisper's own
tokenizer splits into several pieces, which are the words it is unlikely to write unprompted.
The workspace's file names are read afresh for each utterance, so a file made a minute ago helps.
The prompt `kayas listen` uses is short generator commands that use those words, then the
workspace's names (`example_prompt`): measured in docs/voice.md against the bare word list,
hotwords and no bias, it made the fewest errors for both voices.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

WORDS_FILE = "whisper_bias.json"
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def rare_words(commands: Iterable[str], pieces: Callable[[str], int], min_count: int = 3, limit: int = 60) -> list[str]:
    """The most used words of `commands` that Whisper's tokenizer cuts into two or more pieces (typed form, most used first)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for command in commands:
        for token in command.split():
            word = _EDGE.sub("", token)
            if len(word) < 3 or not any(c.isalpha() for c in word) or "'" in word or "/" in word:
                continue
            key = word.lower()
            counts[key] += 1
            spelling.setdefault(key, Counter())[word] += 1
    out = []
    for key, n in counts.most_common():
        if n < min_count or len(out) >= limit:
            break
        typed = spelling[key].most_common(1)[0][0]
        if min(pieces(" " + typed), pieces(" " + typed.capitalize())) >= 2:  # "friday" is one piece as "Friday"
            out.append(typed)
    return out


def tool_commands(seed: int = 0) -> list[str]:
    """The generator's commands that call a tool, as templates write them: no typos, fillers or wrappers ("pls", "teh")."""
    from kayas.data.augment import AugmentConfig
    from kayas.data.generate import GenerateConfig, Generator

    plain = AugmentConfig(voice=0, wrapper=0, suffix=0, wake=0, typo=0, verb_typo=0, caps=0, filler=0)
    examples = Generator(GenerateConfig(seed=seed, clinc=None, augment=plain)).run().examples
    return [ex.said for ex in examples if ex.calls()]


def whisper_pieces(model_dir: Path) -> Callable[[str], int]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    return lambda text: len(tok.encode(text, add_special_tokens=False).ids)


def example_commands(commands: list[str], words: list[str], limit: int = 12, max_words: int = 8) -> list[str]:
    """Short commands that use the rare words, the most used words first: a prompt in the domain's own style."""
    out: list[str] = []
    for word in words:
        key = word.lower()
        fits = sorted((c for c in commands if len(c.split()) <= max_words and key in c.lower().split()), key=len)
        if fits and fits[0] not in out:
            out.append(fits[0])
        if len(out) >= limit:
            break
    return out


def bias_lists(voice_dir: Path, whisper_dir: Path, progress=lambda msg: None) -> tuple[list[str], list[str]]:
    """(rare words, example commands), cached beside the recogniser's language model (KAYAS_HOME/voice).

    Made once from the generator's commands (about 10 s); made again when the tools change."""
    path = voice_dir / WORDS_FILE
    meta_path = voice_dir / "meta.json"
    tools = json.loads(meta_path.read_text(encoding="utf-8")).get("tools") if meta_path.is_file() else None
    if path.is_file():
        cached = json.loads(path.read_text(encoding="utf-8") or "{}")
        if cached.get("tools") == tools and "words" in cached:
            return cached["words"], cached.get("examples", [])
    progress("choosing the words to bias Whisper toward")
    commands = tool_commands()
    words = rare_words(commands, whisper_pieces(whisper_dir))
    examples = example_commands(commands, words)
    voice_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"tools": tools, "words": words, "examples": examples}, indent=1), encoding="utf-8")
    return words, examples


def domain_words(voice_dir: Path, whisper_dir: Path, progress=lambda msg: None) -> list[str]:
    return bias_lists(voice_dir, whisper_dir, progress)[0]


def workspace_names(folder: Path | None = None, limit: int = 30) -> list[str]:
    """The newest file and folder names at the top of the workspace."""
    if folder is None:
        from kayas.settings import workspace

        folder = workspace()
    try:
        entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: -p.stat().st_mtime)
    except OSError:
        return []
    return [p.name for p in entries[:limit]]


def prompt_of(words: list[str], names: list[str]) -> str:
    """Whisper's initial prompt: a short line that uses the words as a person would have written them."""
    seen = dict.fromkeys(["Kayas", *names, *words])
    return "Kayas, " + ", ".join(w for w in seen if w != "Kayas") + "."


def example_prompt(examples: list[str], names: list[str]) -> str:
    """Whisper's initial prompt as earlier commands would have been written down."""
    lines = ["Kayas, " + examples[0] if examples else "Kayas"] + examples[1:]
    if names:
        lines.append("Files: " + ", ".join(names))
    return ". ".join(line.rstrip(".?!") for line in lines) + "."
