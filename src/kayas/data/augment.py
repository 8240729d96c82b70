"""How people really say a command: wrappers, wake words, transcripts, typos, caps.

A share of the spoken ("voice") commands is written as Whisper hears them (kayas.data.confusions):
the words the recogniser really writes, normalised as `kayas listen` does.

Only the words around the slots change; the slot text (what the plan carries) is never
touched, so the plan stays right whatever the style.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from kayas.data.confusions import heard_form
from kayas.data.spec import Style

Segments = list[tuple[str, bool]]


@dataclass(frozen=True)
class AugmentConfig:
    """The share of commands that get each treatment (independently)."""

    voice: float = 0.2  # lower case, no punctuation, fillers
    wrapper: float = 0.3  # "could you ...", "I need to ...", "please ..."
    suffix: float = 0.18  # "... thanks", "... for me"
    wake: float = 0.14  # "kayas, ..."
    typo: float = 0.12
    verb_typo: float = 0.14  # of typed commands: the verb itself misspelt ("opn firefox")
    caps: float = 0.06
    filler: float = 0.6  # of voice commands
    heard: float = 0.5  # of voice commands: written as Whisper hears them (kayas.data.confusions)


# (prefix, makes a question)
WRAPPERS = [
    ("please ", False), ("could you ", True), ("can you ", True), ("can u ", True), ("would you ", True),
    ("could you please ", True), ("I need you to ", False), ("I want you to ", False), ("go ahead and ", False),
    ("hey, can you ", True), ("kindly ", False), ("pls ", False), ("quick, ", False), ("I'd like you to ", False),
    ("do me a favor and ", False), ("will you ", True), ("ok so ", False), ("alright, ", False), ("now ", False),
    ("just ", False), ("I need to ", False), ("I want to ", False), ("I'd like to ", False), ("let me ", False),
    ("help me ", False), ("can you please ", True), ("would you please ", True), ("could ya ", True),
    ("plz ", False), ("I wanna ", False), ("lemme ", False),
    ("can you make sure to ", True), ("make sure to ", False), ("would you mind helping me ", True),
    ("could you go ahead and ", True), ("when you get a sec, ", False), ("if you don't mind, ", False),
    ("I'd appreciate it if you could ", False), ("hey, could you ", True), ("I need to quickly ", False),
    ("real quick, can you ", True), ("mind helping me ", True), ("I was hoping you could ", False),
    ("could you do me a favor and ", True), ("is it possible to ", True), ("any chance you could ", True),
    ("I'd love it if you could ", False), ("you think you could ", True), ("try to ", False),
]
SUFFIXES = [
    " please", " for me", " thanks", " thank you", " real quick", " right now", " when you get a chance",
    " asap", ", thx", " now", " if you can", ", ty", " please and thank you", " for me please", " quickly",
    " when you can", ", thanks!", " pls", " ok?", " cheers",
]
# Kayas's own wake word, and those people say to other assistants out of habit: a wake word
# never changes the plan ("hey google play jazz" plays jazz, it is no Google search).
WAKE = ["kayas, ", "hey kayas, ", "ok kayas, ", "Kayas, ", "hey Kayas ", "Kayas ", "okay kayas ", "yo kayas, ",
        "hey google, ", "hey google ", "ok google, ", "okay google ", "alexa, ", "Alexa ", "hey siri, ", "Siri, ",
        "hey assistant, ", "computer, ", "hey kayas ", "kayas "]
FILLERS = ["um", "uh", "like", "so", "uhh", "er", "you know", "hmm", "umm", "well"]
MISSPELL = {
    "please": ["pls", "plz", "pleas", "plese"], "you": ["u", "yu"], "your": ["ur", "yor"], "the": ["teh", "th"],
    "create": ["creat", "craete"], "delete": ["delte", "dlete"], "message": ["mesage", "msg"],
    "search": ["serch", "seach", "saerch"], "archive": ["archve", "arcive"], "window": ["windwo", "widow"],
    "clipboard": ["clipbaord", "clipbord"], "screenshot": ["screnshot", "screensht"], "what's": ["whats", "wats"],
    "don't": ["dont"], "i'm": ["im"], "file": ["fiel", "fle"], "email": ["emial", "emal"], "open": ["opne", "oepn"],
    "append": ["apend", "appnd"], "music": ["musci", "muisc"], "playing": ["playng"], "running": ["runing"],
    "folder": ["foler"], "called": ["caled", "calld"], "named": ["nmaed"], "button": ["buton", "botton"],
    "channel": ["chanel"], "copy": ["cpy", "coppy"], "with": ["wiht", "wth"], "and": ["adn", "nad"],
    "send": ["snd", "sned"], "close": ["cloes", "clsoe"], "start": ["strat"], "launch": ["lauch", "luanch"],
    "google": ["gogle", "googel"], "youtube": ["youtub", "yotube"], "spotify": ["spotfy"], "slack": ["slak"],
    "program": ["progam"], "process": ["proces"], "history": ["hisotry"], "find": ["fnid"],
}
# The verbs that pick a tool, as people mistype them. A misspelt verb keeps its plan (only
# the frame changes), so "opn firefox" is a start and never a kill. No misspelling here is
# itself one of the verbs (tests check it).
VERB_TYPOS = {
    "open": ["opn", "opne", "oepn", "ope", "oppen", "opem", "opwn", "oprn", "opeen", "oen", "ooen", "opeb"], "delete": ["delte", "dlete", "delet", "deleet", "deelte", "dleete", "delette", "deletr", "deltee", "delele"],
    "send": ["sned", "snd", "semd", "sen", "sendd", "sedn", "snde", "sebd"], "close": ["cloes", "clsoe", "colse", "clos", "cloe", "closr", "clode", "cose", "closee", "cliose"],
    "start": ["strat", "satrt", "strt", "sart", "statr", "strart", "starr", "sstart", "stsrt", "starg", "atart"], "kill": ["kil", "kll", "kilk", "kiil", "kiill", "klil", "killl", "kiol", "kikl"],
    "launch": ["lauch", "luanch", "lanch", "launhc"], "play": ["paly", "pley", "ply", "plya", "plau", "pkay", "playy"],
    "pause": ["puase", "paus", "pauze", "pasue", "pauss", "pusae", "oause", "paise", "pausr"], "create": ["creat", "craete", "cerate", "creaet"],
    "archive": ["archve", "arcive", "archiv", "achive"], "copy": ["cpy", "coppy", "copi", "cpoy", "coopy", "cppy", "copu", "cipy", "xopy"],
    "paste": ["pste", "paset", "pastr", "pastw", "paate", "psate", "pasre"], "search": ["serch", "seach", "saerch", "searh", "serach", "seacrh", "searhc", "sarch", "searcg", "sreach"],
    "find": ["fnid", "fid", "finf", "fimd"], "run": ["rn", "runn", "rnu"], "type": ["tpye", "typ", "tyep"],
    "click": ["clikc", "clik", "clcik"], "list": ["lsit", "lst", "lis"], "show": ["shwo", "sho", "shw"],
    "append": ["apend", "appnd", "apped", "appned", "appemd", "appen", "apppend", "aapend"], "add": ["ad", "addd", "asd", "sdd", "aad", "adf"], "make": ["mkae", "amke", "mak"],
    "tell": ["tel", "tlel", "tekl"], "post": ["psot", "pots", "pst"], "email": ["emial", "emal", "eamil"],
    "mail": ["mial", "maill"], "message": ["mesage", "messgae", "mesaage"], "stop": ["stp", "sotp", "stpo"],
    "remove": ["remvoe", "remov", "rmeove"], "trash": ["trahs", "trsh"], "turn": ["trun", "tunr", "tirn"],
    "switch": ["swicth", "swich", "swtich"], "remind": ["remnd", "reimnd", "rmeind"], "check": ["chek", "chekc", "cehck"],
    "set": ["sett", "ste"], "call": ["cal", "calll"], "lock": ["lcok", "lokc"], "order": ["oder", "ordr"],
    "book": ["bok", "boko"], "visit": ["vist", "vsit"], "execute": ["exectue", "excute"], "quit": ["quti", "qiut"],
    "terminate": ["termiante", "terminat"], "end": ["edn"], "shut": ["shtu", "suht"], "put": ["pt", "ptu"],
    "get": ["gte", "gt"], "go": ["og"], "write": ["wirte", "wrtie", "writ"], "save": ["svae", "sav"],
}
_KEYS = "qwertyuiop asdfghjkl zxcvbnm".split()
_QUESTION = re.compile(r"^(what|what's|who|who's|where|where's|which|how|is|are|do|does|did|can|could|any|was|have)\b", re.I)


def choose_style(rng: random.Random, cfg: AugmentConfig) -> Style:
    voice = rng.random() < cfg.voice
    return Style(voice=voice, caps=not voice and rng.random() < cfg.caps / (1 - cfg.voice))


def _typo(word: str, rng: random.Random) -> str:
    low = word.lower()
    if low in MISSPELL and rng.random() < 0.6:
        return rng.choice(MISSPELL[low])
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.55:
        return word[:i] + word[i + 1:]
    if op < 0.8:
        return word[:i] + word[i] + word[i:]
    row = next((r for r in _KEYS if word[i].lower() in r), None)
    if not row:
        return word
    j = row.index(word[i].lower())
    near = row[max(0, j - 1)] if rng.random() < 0.5 else row[min(len(row) - 1, j + 1)]
    return word[:i] + near + word[i + 1:]


def _map_frame(segments: Segments, fn) -> Segments:
    return [(text if slot else fn(text), slot) for text, slot in segments]


def _frame_words(segments: Segments) -> list[tuple[int, re.Match]]:
    return [(i, m) for i, (text, slot) in enumerate(segments) if not slot for m in re.finditer(r"[A-Za-z']+", text)]


def augment(segments: Segments, imperative: bool, style: Style, rng: random.Random, cfg: AugmentConfig) -> str:
    """The command as said, from a rendered template's segments."""
    segs = list(segments)
    question = False
    if not style.voice and rng.random() < cfg.verb_typo:  # the template's own verb, not a wrapper's ("make sure to")
        segs = _misspell_verb(segs, rng)
    if imperative and rng.random() < cfg.wrapper:
        prefix, question = rng.choice(WRAPPERS)
        first, slot = segs[0]
        if not slot and first[:1].isupper() and not first.startswith("I "):
            segs[0] = (first[:1].lower() + first[1:], slot)
        segs.insert(0, (prefix, False))
    asks = not imperative and bool(_QUESTION.match(segs[0][0])) and not segs[0][1]
    question = question or asks
    if rng.random() < cfg.suffix * (0.4 if asks else 1) and not segs[-1][0].rstrip().endswith("?"):
        segs.append((rng.choice(SUFFIXES[:4] if asks else SUFFIXES), False))
    if rng.random() < cfg.wake:
        segs.insert(0, (rng.choice(WAKE), False))
    heard_rng = _heard_rng(segs) if style.voice and cfg.heard else None
    said = list(segs) if heard_rng and heard_rng.random() < cfg.heard else None
    if style.voice:
        segs = _map_frame(segs, lambda t: re.sub(r"[,.!?;:]", "", t.lower()))
        if rng.random() < cfg.filler:
            for _ in range(rng.choice([1, 1, 2])):
                segs = _insert_filler(segs, rng)
    if rng.random() < cfg.typo:
        words = _frame_words(segs)
        for _ in range(rng.choice([1, 1, 2])):
            if not words:
                break
            i, m = rng.choice(words)
            text, slot = segs[i]
            new = _typo(m.group(0), rng)
            if len(new) == len(m.group(0)):  # keep the other matches' offsets right
                segs[i] = (text[: m.start()] + new + text[m.end():], slot)
            else:
                segs[i] = (text[: m.start()] + new + text[m.end():], slot)
                words = _frame_words(segs)
    if style.caps:
        segs = _map_frame(segs, str.upper)
    if said is not None and heard_rng:  # the draws above still happen, so every other command stays as the seed made it
        return heard_form(said, heard_rng) or _plain(segs)
    text = "".join(t for t, _ in segs)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,?!])", r"\1", text)
    if not style.voice:
        if not segs[0][1] and rng.random() < 0.55:
            text = text[:1].upper() + text[1:]
        if not re.search(r"[.?!]$", text):
            r = rng.random()
            if question:
                text += "?" if r < 0.6 else ""
            elif r < 0.12:
                text += "."
            elif r < 0.16:
                text += "!"
    return text


def _heard_rng(segs: Segments) -> random.Random:
    """A generator of its own for the recogniser's part, seeded by the command: drawing from the
    main one would change every command made after this one."""
    return random.Random("heard:" + "".join(t for t, _ in segs))


def _plain(segs: Segments) -> str:
    return re.sub(r"\s+", " ", "".join(t for t, _ in segs)).strip()


def _misspell_verb(segs: Segments, rng: random.Random) -> Segments:
    """One of the frame's verbs misspelt (most often the first: the one that picks the tool)."""
    verbs = [(i, m) for i, m in _frame_words(segs) if m.group(0).lower() in VERB_TYPOS]
    if not verbs:
        return segs
    i, m = verbs[0] if rng.random() < 0.7 else rng.choice(verbs)
    word = m.group(0)
    new = rng.choice(VERB_TYPOS[word.lower()])
    if word[:1].isupper():
        new = new.upper() if word.isupper() and len(word) > 1 else new[:1].upper() + new[1:]
    text, slot = segs[i]
    segs = list(segs)
    segs[i] = (text[: m.start()] + new + text[m.end():], slot)
    return segs


def _insert_filler(segs: Segments, rng: random.Random) -> Segments:
    """A filler word at a word boundary outside the slots."""
    spots = [(i, m.start()) for i, (t, slot) in enumerate(segs) if not slot for m in re.finditer(r"(?:^|(?<= ))", t)]
    if not spots:
        return segs
    i, pos = rng.choice(spots)
    text, slot = segs[i]
    filler = rng.choice(FILLERS)
    pad_left = "" if pos == 0 and i == 0 else ("" if pos > 0 and text[pos - 1] == " " else " ")
    segs = list(segs)
    segs[i] = (text[:pos] + pad_left + filler + " " + text[pos:], slot)
    return segs
