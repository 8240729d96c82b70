"""Typed text <-> the words a person says for it.

`normalise` runs after recognition: the recogniser hears "lee at uni dot edu", the brain
was trained on "lee@uni.edu", so the spoken forms of addresses, file names, sites,
channels and number strings are put back into their typed form. `to_spoken` is the
inverse: it turns typed commands into the words espeak-ng is asked to say (benchmark) and
into the sentences the domain language model learns (`kayas.voice.corpus`).
Single number words stay words ("show the last three"): the brain reads them as counts.
"""
from __future__ import annotations

import re

ONES = "zero one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_UNIT = {w: i for i, w in enumerate(ONES)} | {"oh": 0}
_SMALL = {w: i for i, w in enumerate(ONES)} | {w: 10 + i for i, w in enumerate(TEENS)}
_TENS = {w: 10 * i for i, w in enumerate(TENS) if w != "_"}
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# Extensions and address parts said letter by letter (anything else is said as a word).
SPELLED = {"txt", "md", "pdf", "csv", "py", "js", "ts", "png", "jpg", "gif", "svg", "mp3", "mp4", "xls",
           "xlsx", "pptx", "ppt", "html", "css", "sh", "rs", "gz", "io", "uk", "edu", "ai", "cn", "de", "fr",
           "us", "nl", "ca", "au", "tv", "hn", "ide", "obs", "vlc", "cv", "id", "os"}
WORDS_FOR = {"docx": "doc x", "&": "and", "+": "plus", "%": "percent", "√": "square root", "=": "equals",
             "/": "slash", "~": "tilde"}
JOINERS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", "slash": "/"}
HASH_WORDS = ("hashtag", "pound", "hash")
COMPOUNDS = {"to do list": "todo list", "to do dot": "todo dot", "e mail": "email", "you tube": "youtube",
             "git hub": "github", "in box": "inbox", "screen shot": "screenshot", "clip board": "clipboard"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOTTED = re.compile(r"(?:https?://)?[\w~-]+(?:[./][\w~-]+)*\.[a-z0-9]{1,5}(?:/[\w./~-]*)?", re.I)
_EDGE_PUNCT = re.compile(r"^[\"'`“”‘’(\[{<]+|[\"'`“”‘’)\]}>,.!?;:]+$")


# --- typed -> spoken -------------------------------------------------------------------
def say_number(n: int) -> str:
    """0..99 as words; years 1900..2099 as two pairs; anything else digit by digit."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if 1900 <= n <= 2099 and n % 100 >= 10:
        return f"{say_number(n // 100)} {say_number(n % 100)}"
    return " ".join(ONES[int(d)] for d in str(n))


def _say_digits(text: str) -> str:
    return say_number(int(text)) if len(text) <= 4 and not text.startswith("0") else " ".join(ONES[int(d)] for d in text)


def _say_piece(piece: str) -> str:
    """One part of a name between joiners: letters, digits, or a mix ("q3", "v1", "3pm")."""
    out = []
    for run in re.findall(r"\d+|[^\W\d_]+", piece):
        if run.isdigit():
            out.append(_say_digits(run))
        elif run.lower() in SPELLED or (len(run) <= 3 and not re.search(r"[aeiouy]", run.lower())):
            out.append(" ".join(run.lower()))
        else:
            out.append(run.lower())
    return " ".join(out)


def _say_name(text: str) -> str:
    """A dotted or joined name: file, site, address, channel, flag."""
    text = re.sub(r"^https?://", "", text)
    parts = re.split(r"([._/@~-])", text)
    words = []
    for part in parts:
        if not part:
            continue
        if part == "@":
            words.append("at")
        elif part in "._/-~":
            words.append({".": "dot", "_": "underscore", "/": "slash", "-": "dash", "~": "tilde"}[part])
        else:
            words.append(_say_piece(part))
    return " ".join(w for w in words if w)


def to_spoken(text: str) -> str:
    """The words a person would say for a typed command, lower case, no punctuation."""
    out: list[str] = []
    for raw in text.split():
        token = _EDGE_PUNCT.sub("", raw)
        token = _EDGE_PUNCT.sub("", token)  # "'call" and "thanks!" both lose the mark
        if not token:
            continue
        low = token.lower()
        if low in WORDS_FOR:
            out.append(WORDS_FOR[low])
        elif token.startswith("#") and len(token) > 1:
            out.append("hashtag " + _say_name(token[1:]))
        elif _EMAIL.fullmatch(token) or _DOTTED.fullmatch(token) or re.fullmatch(r"[\w-]*[_/~][\w/~-]*|-{1,2}\w+", token):
            out.append(_say_name(token))
        elif re.fullmatch(r"[a-zA-Z']+", token):
            out.append(low)
        elif re.fullmatch(r"\d{1,2}:\d\d", token):
            h, m = token.split(":")
            out.append(say_number(int(h)) + ("" if m == "00" else " " + ("oh " + ONES[int(m)] if m[0] == "0" else say_number(int(m)))))
        elif re.fullmatch(r"\$\d+", token):
            out.append(_say_digits(token[1:]) + " dollars")
        else:
            words = []
            for run in re.findall(r"\d+|[^\W\d_]+|[&+%√=]", token):
                words.append(WORDS_FOR.get(run) or _say_piece(run))
            out.append(" ".join(words))
    return re.sub(r"\s+", " ", " ".join(out)).strip()


# --- spoken -> typed -------------------------------------------------------------------
def _numbers(tokens: list[str]) -> list[str]:
    """Runs of number words to digits: "forty two" 42, "five five three one" 5531, "twenty twenty five" 2025."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, used = _read_number(tokens, i)
        if used == 0:
            out.append(tokens[i])
            i += 1
            continue
        digits = [value]
        j = i + used
        while j < len(tokens) and tokens[j] in _UNIT and tokens[j] != "oh" or (j < len(tokens) and tokens[j] == "oh" and digits):
            if tokens[j] not in _UNIT:
                break
            digits.append(_UNIT[tokens[j]])
            j += 1
        if len(digits) == 1 and used == 1 and tokens[i] not in ("oh",):
            out.append(tokens[i])  # one number word stays a word: "show the last three"
        else:
            out.append("".join(str(d) for d in digits))
        i = j
    return out


def _read_number(tokens: list[str], i: int) -> tuple[int, int]:
    """A number said as words starting at i: (value, tokens used), (0, 0) if none."""
    t = tokens[i]
    if t in _TENS:
        value, used = _TENS[t], 1
        if i + 1 < len(tokens) and tokens[i + 1] in _UNIT and tokens[i + 1] not in ("zero", "oh"):
            value, used = value + _UNIT[tokens[i + 1]], 2
        if t == "twenty" and used == 1 and i + 1 < len(tokens) and (tokens[i + 1] in _TENS or tokens[i + 1] in TEENS):
            rest, n = _read_number(tokens, i + 1)  # "twenty twenty five", "twenty nineteen"
            if n and rest >= 10:
                return 2000 + rest, 1 + n
        return value, used
    if t == "nineteen" and i + 1 < len(tokens) and tokens[i + 1] in _TENS:
        rest, n = _read_number(tokens, i + 1)
        return 1900 + rest, 1 + n
    if t in _SMALL:
        return _SMALL[t], 1
    return 0, 0


def _letters(tokens: list[str], i: int, limit: int = 5) -> tuple[str, int]:
    """Single letters said one by one ("t x t"), joined: (text, tokens used)."""
    j = i
    while j < len(tokens) and j - i < limit and len(tokens[j]) == 1 and tokens[j] in LETTERS:
        j += 1
    return "".join(tokens[i:j]), j - i


def _digit(token: str) -> str:
    """A digit string, or one number word said as a digit ("three" -> "3"); else ""."""
    return token if token.isdigit() else (str(_UNIT[token]) if token in _UNIT and token != "oh" else "")


def _piece(tokens: list[str], i: int) -> tuple[str, int]:
    """One part of a name after a joiner: spelled letters or one word, then digits ("q three" -> q3)."""
    text, used = _letters(tokens, i)
    if used == 0 and i < len(tokens) and tokens[i] not in JOINERS and tokens[i] != "at":
        text, used = (_digit(tokens[i]) or tokens[i]), 1
    while used and i + used < len(tokens) and _digit(tokens[i + used]):
        text += _digit(tokens[i + used])
        used += 1
    return text, used


NOT_ADDRESSES = {"page", "site", "website", "web", "form", "window", "tab", "home", "look", "arrive", "arrived"}


def _ahead_is_name(tokens: list[str], i: int) -> bool:
    """A "dot" or "at" soon after: the dash is inside a file name or an address."""
    return any(t in ("dot", "at") for t in tokens[i : i + 5])


def _names(tokens: list[str]) -> list[str]:
    """Join "x dot y", "a underscore b", "u at d dot com", "d f dash h" into typed tokens."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        hashed = len(out) >= 2 and (out[-2] in HASH_WORDS or out[-2] == "tag")
        if t == "dash" and i + 1 < len(tokens) and not (out and (hashed or _ahead_is_name(tokens, i + 1))):
            j, dashes = i + 1, "-"  # a command-line flag: "ls dash l a" -> ls -la
            if tokens[j] == "dash" and j + 1 < len(tokens):
                dashes, j = "--", j + 1
            nxt, used = _piece(tokens, j)
            if used:
                out.append(dashes + nxt)
                i = j + used
                continue
        if t in JOINERS and out and i + 1 < len(tokens) and (t != "slash" or "." in out[-1]):
            nxt, used = _piece(tokens, i + 1)
            if used:
                if t == "dot" and len(out) >= 2 and _digit(out[-1]) and out[-2].isalpha() and "." not in out[-2]:
                    out[-2:] = [out[-2] + _digit(out[-1])]  # "temp one two three dot log" -> temp123.log
                out[-1] += JOINERS[t] + nxt
                i += 1 + used
                continue
        if t == "at" and out and out[-1] not in NOT_ADDRESSES and i + 1 < len(tokens):
            j, domain = i + 1, []
            nxt, used = _piece(tokens, j)
            while used:
                domain.append(nxt)
                j += used
                if j + 1 < len(tokens) and tokens[j] == "dot":
                    nxt, used = _piece(tokens, j + 1)
                    j += 1 if used else 0
                else:
                    break
            if len(domain) >= 2:  # "at uni dot edu"; plain "at noon" stays
                out[-1] += "@" + ".".join(domain)
                i = j
                continue
        if len(t) == 1 and t in LETTERS and t not in "ai":
            text, used = _letters(tokens, i)
            nxt = tokens[i + used] if i + used < len(tokens) else ""
            if used >= 2 and nxt in ("dot", "at", "underscore"):
                out.append(text)  # "h r at ...", "r e a d m e dot m d"
                i += used
                continue
            if _digit(nxt):
                text, used = _piece(tokens, i)
                out.append(text)  # "q3", "v1"
                i += used
                continue
        out.append(t)
        i += 1
    return out


def _hashtags(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "hash" and i + 1 < len(tokens) and tokens[i + 1] == "tag":
            t, i = "hashtag", i + 1
        if t in HASH_WORDS and i + 1 < len(tokens):
            out.append("#" + tokens[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _times(tokens: list[str]) -> list[str]:
    """"3 p m" -> 3pm (after the numbers are digits)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (t.isdigit() or t in _SMALL) and i + 2 < len(tokens) and tokens[i + 1] in ("a", "p") and tokens[i + 2] == "m":
            out.append(str(_SMALL.get(t, t)) + tokens[i + 1] + "m")
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def normalise(transcript: str) -> str:
    """A recogniser's words as the brain expects them typed (see the module docstring)."""
    tokens = [t.strip(".-") for t in re.sub(r"[^\w'#@.-]+", " ", transcript.lower()).split() if t.strip(".-")]
    text = " ".join(tokens)
    for said, typed in COMPOUNDS.items():
        text = re.sub(rf"\b{said}\b", typed, text)
    tokens = _times(_numbers(text.split()))
    tokens = _hashtags(_names(tokens))
    return " ".join(tokens)
