"""The wake phrase read from the recogniser's own words: "kayas, put milk on my list" wakes and commands at once.

Each stretch of speech is recognised with the domain model (which knows "kayas, ..." from
the training commands); it wakes when the transcript opens with the phrase, optionally
after "hey" / "ok". Measured here it hears the phrase far better than keyphrase spotting
(see the README's voice table), at the cost of recognising every stretch of speech.
"""
from __future__ import annotations

OPENERS = ("hey", "ok", "okay", "hi", "yo")


class SpokenWake:
    """Not frame-based: `split` looks at a whole transcript."""

    by_transcript = True

    def __init__(self, phrase: str = "kayas"):
        self.name = " ".join(phrase.lower().split())
        self.words = self.name.split()

    def split(self, transcript: str) -> str | None:
        """The command after the wake phrase ("" if only the phrase was said); None if it was not said."""
        words = transcript.lower().split()
        if words[:1] and words[0] in OPENERS and words[1 : 1 + len(self.words)] == self.words:
            words = words[1:]
        if words[: len(self.words)] != self.words:
            return None
        return " ".join(words[len(self.words) :])

    def reset(self) -> None:
        pass
