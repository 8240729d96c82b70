"""A trigram language model for the recogniser: Witten-Bell on the domain, mixed with a general model.

    p(w | h) = lam * p_WB(w | h) + (1 - lam) * p_general(w | h)

p_WB is interpolated Witten-Bell over the domain sentences (what Kayas is told). p_general is
pocketsphinx's own en-us model, queried for the same n-grams and for the unigrams of its
`background` most frequent words, so free text outside the domain (a message body, a search)
can still be recognised. The result is written as a back-off ARPA file: every n-gram seen in
the domain is listed with its mixed probability, and the back-off weights are computed so
that each context's distribution sums to one.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

BOS, EOS = "<s>", "</s>"
Ngram = tuple[str, ...]


@dataclass
class Counts:
    """n-gram counts of orders 1..order over sentences wrapped in <s> ... </s>."""

    order: int
    grams: list[Counter] = field(default_factory=list)  # grams[n-1][(w1..wn)]

    @classmethod
    def of(cls, sentences: Iterable[list[str]], order: int = 3) -> Counts:
        grams = [Counter() for _ in range(order)]
        for words in sentences:
            seq = [BOS, *words, EOS]
            for i in range(1, len(seq)):  # every position but <s> is predicted
                for n in range(1, order + 1):
                    if i - n + 1 < 0:
                        break
                    grams[n - 1][tuple(seq[i - n + 1 : i + 1])] += 1
        return cls(order, grams)


class WittenBell:
    """Interpolated Witten-Bell: p(w|h) = (c(h,w) + T(h) p(w|h')) / (c(h) + T(h))."""

    def __init__(self, counts: Counts, vocab: set[str]):
        self.counts = counts
        self.vocab = vocab
        self.context_total: list[Counter] = [Counter() for _ in range(counts.order)]
        self.context_types: list[Counter] = [Counter() for _ in range(counts.order)]
        for n, grams in enumerate(counts.grams):
            for gram, c in grams.items():
                self.context_total[n][gram[:-1]] += c
                self.context_types[n][gram[:-1]] += 1
        self._cache: dict[Ngram, float] = {}

    def prob(self, gram: Ngram) -> float:
        """p(gram[-1] | gram[:-1])."""
        hit = self._cache.get(gram)
        if hit is not None:
            return hit
        n = len(gram) - 1  # index into counts (order n+1)
        if n == 0:
            total, types = self.context_total[0][()], self.context_types[0][()]
            p = (self.counts.grams[0][gram] + types / len(self.vocab)) / (total + types)
        else:
            lower = self.prob(gram[1:])
            total = self.context_total[n][gram[:-1]]
            if total == 0:
                p = lower
            else:
                types = self.context_types[n][gram[:-1]]
                p = (self.counts.grams[n][gram] + types * lower) / (total + types)
        self._cache[gram] = p
        return p


def mixed_arpa(
    counts: Counts,
    vocab: set[str],
    general: Callable[[Ngram], float] | None = None,
    lam: float = 0.9,
) -> str:
    """The ARPA text of lam * Witten-Bell(counts) + (1 - lam) * general over `vocab`.

    `general(gram)` returns the general model's p(gram[-1] | gram[:-1]) (0 for unknown words);
    None means the domain model alone (lam = 1).
    """
    vocab = set(vocab) | {EOS}
    vocab.discard(BOS)
    wb = WittenBell(counts, vocab)
    if general is None:
        lam = 1.0
        general = lambda gram: 0.0  # noqa: E731

    # unigrams over the whole vocabulary, renormalised (the general model's mass outside vocab is dropped)
    uni_raw = {w: lam * wb.prob((w,)) + (1 - lam) * general((w,)) for w in vocab}
    z = sum(uni_raw.values())
    probs: dict[Ngram, float] = {(w,): p / z for w, p in uni_raw.items()}
    bows: dict[Ngram, float] = {}
    listed: list[set[Ngram]] = [set(probs)]
    for n in range(2, counts.order + 1):
        grams = {g for g in counts.grams[n - 1] if all(w in vocab or w == BOS for w in g)}
        for g in grams:
            probs[g] = lam * wb.prob(g) + (1 - lam) * general(g)
        listed.append(grams)

    def arpa_prob(gram: Ngram) -> float:
        if gram in probs:
            return probs[gram]
        return bows.get(gram[:-1], 1.0) * arpa_prob(gram[1:])

    # back-off weights, lowest order first: what the listed successors leave, spread by the lower order
    for n in range(2, counts.order + 1):
        by_context: dict[Ngram, list[Ngram]] = defaultdict(list)
        for g in listed[n - 1]:
            by_context[g[:-1]].append(g)
        for ctx, grams in by_context.items():
            seen = sum(probs[g] for g in grams)
            lower = sum(arpa_prob(g[1:]) for g in grams)
            if seen >= 1.0:  # rounding: scale the listed ones down a hair
                for g in grams:
                    probs[g] *= 0.999 / seen
                seen = 0.999
            bows[ctx] = (1.0 - seen) / max(1e-12, 1.0 - lower)

    lines = ["\\data\\"]
    lines.append(f"ngram 1={len(listed[0]) + 1}")
    for n in range(2, counts.order + 1):
        lines.append(f"ngram {n}={len(listed[n - 1])}")
    for n in range(1, counts.order + 1):
        lines.append("")
        lines.append(f"\\{n}-grams:")
        if n == 1:
            lines.append(f"-99.0000\t{BOS}\t{math.log10(bows.get((BOS,), 1.0)):.4f}")
        for g in sorted(listed[n - 1]):
            lp = math.log10(max(probs[g], 1e-99))
            if n < counts.order and g in bows:
                lines.append(f"{lp:.4f}\t{' '.join(g)}\t{math.log10(max(bows[g], 1e-99)):.4f}")
            else:
                lines.append(f"{lp:.4f}\t{' '.join(g)}")
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def perplexity(arpa_probs: Callable[[Ngram], float], sentences: Iterable[list[str]], order: int = 3) -> float:
    """exp of the mean negative log probability per predicted word (</s> included)."""
    total, n = 0.0, 0
    for words in sentences:
        seq = [BOS, *words, EOS]
        for i in range(1, len(seq)):
            total -= math.log(max(arpa_probs(tuple(seq[max(0, i - order + 1) : i + 1])), 1e-300))
            n += 1
    return math.exp(total / max(1, n))


def read_arpa(text: str) -> Callable[[Ngram], float]:
    """p(w | h) from ARPA text, with back-off: to check what `mixed_arpa` wrote (tests, perplexity)."""
    probs: dict[Ngram, float] = {}
    bows: dict[Ngram, float] = {}
    order = 0
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("\\") and line.endswith("-grams:"):
            order = int(line[1])
            continue
        if not line or line.startswith("\\") or line.startswith("ngram") or order == 0:
            continue
        parts = line.split("\t")
        gram = tuple(parts[1].split())
        probs[gram] = 10 ** float(parts[0])
        if len(parts) > 2:
            bows[gram] = 10 ** float(parts[2])

    def p(gram: Ngram) -> float:
        if gram in probs:
            return probs[gram]
        if len(gram) == 1:
            return 0.0
        return bows.get(gram[:-1], 1.0) * p(gram[1:])

    return p


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
