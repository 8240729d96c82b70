"""What Whisper wrote that nobody said: its no-speech probability, its confidence and known inventions.

Whisper was trained on subtitles, so on silence, noise and music it writes the subtitles' stock
lines ("Thanks for watching!", "Thank you.", "[Music]"). Three checks, each on its own known
to let some through: a segment is dropped when Whisper itself says it is probably not speech
(no_speech_prob, as Whisper's own rule: with a low average log-probability, or alone when very
high), when its confidence is very low or it repeats itself (compression ratio), and a whole
transcript is dropped when it is one of the stock lines. Whisper's Silero VAD (inside
faster-whisper) first cuts away what is not voice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Stock lines Whisper writes on non-speech (collected from the openai/whisper and faster-whisper
# issue trackers and seen here on noise and chords); compared after lower-casing and removing punctuation.
INVENTED = {
    "thanks for watching", "thank you for watching", "thanks for watching and see you next time",
    "thank you so much for watching", "please subscribe", "subscribe to my channel", "like and subscribe",
    "thank you", "thank you very much", "thanks", "thank you so much", "bye", "bye bye", "goodbye", "you",
    "oh", "uh", "um", "hmm", "mm", "ah", "huh", "so", "okay", "the end", "music", "applause", "silence",
    "laughter", "music playing", "upbeat music", "soft music", "subtitles by the amaraorg community",
    "transcription by castingwords", "i'm sorry", "i dont know", "please", "see you next time",
    "see you in the next video", "i'll see you next time", "we'll be right back",
}
_NON_WORDS = re.compile(r"[^a-z' ]+")


def plain(text: str) -> str:
    return " ".join(_NON_WORDS.sub(" ", text.lower().replace("'", "")).split())


@dataclass(frozen=True)
class Gate:
    no_speech: float = 0.6  # Whisper's own rule: above this and below `logprob` -> not speech
    no_speech_alone: float = 0.85  # above this the segment is dropped whatever its confidence
    logprob: float = -1.0
    floor_logprob: float = -1.6  # below this, too unsure to act on
    compression: float = 2.4  # a repeating loop, Whisper's sign of an invention
    use_vad: bool = True  # Whisper's Silero VAD first

    def keeps(self, text: str, no_speech_prob: float, avg_logprob: float, compression_ratio: float) -> bool:
        if not plain(text):
            return False
        if no_speech_prob > self.no_speech_alone or (no_speech_prob > self.no_speech and avg_logprob < self.logprob):
            return False
        return avg_logprob >= self.floor_logprob and compression_ratio <= self.compression

    def invented(self, text: str) -> bool:
        """A whole transcript that is one of the stock lines (or only bracketed/parenthesised sound tags)."""
        stripped = re.sub(r"[\[(♪*].*?[\])♪*]", " ", text).strip()
        return not plain(stripped) or plain(text) in INVENTED
