"""Words to bias Whisper toward: the domain's rare words and the names in the workspace.

Whisper knows English but not "Kayas", "notes.txt" or the apps a user names ("launch fire
fucks"). The domain's words are taken from the commands the brain is trained on (the data
generator's, as the recogniser's language model is): those used often there that Whisper's own
tokenizer splits into several pieces, which are the words it is unlikely to write unprompted.
The workspace's file names are read afresh for each utterance, so a file made a minute ago helps.
They go into Whisper's initial prompt (measured in docs/voice.md against hotwords and no bias).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

WORDS_FILE = "whisper_words.txt"
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def rare_words(commands: Iterable[str], pieces: Callable[[str], int], min_count: int = 3, limit: int = 60) -> list[str]:
    """The most used words of `commands` that Whisper's tokenizer cuts into two or more pieces (typed form, most used first)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for command in commands:
        for token in command.split():
            word = _EDGE.sub("", token)
            if len(word) < 3 or word.isdigit():
                continue
            key = word.lower()
            counts[key] += 1
            spelling.setdefault(key, Counter())[word] += 1
    out = []
    for key, n in counts.most_common():
        if n < min_count or len(out) >= limit:
            break
        typed = spelling[key].most_common(1)[0][0]
        if pieces(" " + typed) >= 2:
            out.append(typed)
    return out


def whisper_pieces(model_dir: Path) -> Callable[[str], int]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    return lambda text: len(tok.encode(text, add_special_tokens=False).ids)


def domain_words(voice_dir: Path, whisper_dir: Path, progress=lambda msg: None) -> list[str]:
    """Cached beside the recogniser's language model (KAYAS_HOME/voice), made once from the generator's commands."""
    path = voice_dir / WORDS_FILE
    meta_path = voice_dir / "meta.json"
    tools = json.loads(meta_path.read_text(encoding="utf-8")).get("tools") if meta_path.is_file() else None
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines and lines[0] == f"# tools {tools}":
            return [w for w in lines[1:] if w]
    from kayas.voice.model import BuildConfig, domain_commands

    progress("choosing the words to bias Whisper toward")
    words = rare_words(domain_commands(BuildConfig()), whisper_pieces(whisper_dir))
    voice_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# tools {tools}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return words


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
