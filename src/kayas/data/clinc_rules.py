"""Rules that label one CLINC150 query of an intent a Kayas tool now serves (round 3).

Each rule reads a query and gives its plan (a list of calls, `[]` included), `TOOL_ONLY`
where the tool is certain but an argument cannot be read off the words (scored at tool
level, never trained on), or None where no single plan fits (left out of training and of
the scored file). The rules were checked by hand on every train query of their intent
(docs/training-data.md); third_party/clinc150/kayas_mapping.json's notes say why per intent.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Plan = list[dict[str, Any]]
TOOL_ONLY = "tool-only"
Label = Plan | str | None


def _call(tool: str, **args: Any) -> Plan:
    return [{"tool": tool, "args": args}]


_POLITE = re.compile(r"^(?:(?:please|hey|ok|okay|so|can you|could you|would you|will you|i need you to|i want you to|"
                     r"go ahead and|i'd like you to|you must|i need to|i want to|let's|let me)[, ]+)+", re.I)
_TAIL = re.compile(r"[ ,]*(?:please|for me|now|thanks|thank you|right now|asap)?[ ?.!]*$", re.I)


def _core(query: str) -> str:
    """The query without the polite frame around it."""
    return _TAIL.sub("", _POLITE.sub("", query.strip().lower())).strip()


# ---------------------------------------------------------------- the clock
_OTHER_PLACE = re.compile(r"\b(in|for)\s+(?!the (morning|evening|afternoon)|here\b)(?:[a-z]+ ){0,4}?"
                          r"(?:time ?zone|[a-z]{3,})\b|\b(cst|est|pst|mst|gmt|utc|ist|cet|edt|pdt|zone|pacific|eastern|"
                          r"central|mountain|atlantic|coast)\b", re.I)
_DATE_MATHS = re.compile(r"\b(from now|from today|tomorrow|yesterday|ago|will (it|the date)|next|last|after|before|"
                         r"\d+ (days?|weeks?|months?|years?)|in [\w-]+ (days?|weeks?|months?)|gonna be|going to be)\b", re.I)


def time(query: str) -> Label:
    """The local time is clock.now; the time somewhere else has no tool: []."""
    return [] if _OTHER_PLACE.search(query) else _call("clock.now")


def date(query: str) -> Label:
    """Today's date or weekday is clock.now; a date to be worked out ("in 100 days") has no tool: []."""
    if re.search(r"\bcalend[ae]r\b", query, re.I) and not _DATE_MATHS.search(query):
        return None  # "show me a calendar" is not the date
    return [] if _DATE_MATHS.search(query) else _call("clock.now")


# ---------------------------------------------------------------- the player and the volume
def next_song(query: str) -> Label:
    """Skip to the next track; a question about what comes next is left out."""
    return None if re.match(r"\s*what", query, re.I) else _call("media.control", action="next")


_VOICE = re.compile(r"\b(your|you|voice|speak|talk|vocals?|volume level \d|level)\b", re.I)
_UP = re.compile(r"\b(up|raise|increase|louder|boost|higher|turn up|pump)\b", re.I)
_DOWN = re.compile(r"\b(down|lower|decrease|quieter|softer|reduce|turn down)\b", re.I)


def change_volume(query: str) -> Label:
    """Up or down by the worked example's 10 points; a level on the assistant's own scale ("to 4")
    or the assistant's voice is left out; mute and unmute are system.mute."""
    q = query.lower()
    if re.search(r"\bunmute\b", q):
        return _call("system.mute", on=False)
    if re.search(r"\bmute\b", q):
        return _call("system.mute", on=True)
    if _VOICE.search(q) or re.search(r"\d", q):
        return None
    up, down = bool(_UP.search(q)), bool(_DOWN.search(q))
    if up == down:
        return None
    return _call("system.change_volume", by=10 if up else -10)


# ---------------------------------------------------------------- timers, alarms, reminders
_NUM = (r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|forty-five|fifty|sixty|ninety|half an?|a couple of|a few)")
_DURATION = re.compile(rf"\b({_NUM}[ -](?:minutes?|mins?|hours?|hrs?|seconds?|secs?)"
                       rf"(?: and (?:a half|{_NUM} (?:minutes?|mins?|seconds?|secs?)))?)\b", re.I)


def timer(query: str) -> Label:
    """The duration as said; a query naming none ("set a timer") is the tool, its argument unknown."""
    q = query.lower()
    if re.search(r"\b(another|two timers|and one|alarm|remind|how)\b", q) or "(" in q:
        return None
    found = _DURATION.findall(q)
    if len(found) > 1:
        return None
    if not found:
        return TOOL_ONLY
    return _call("timer.start", duration=found[0], label="")


_TIME_WORD = re.compile(r"\d|\b(noon|mid ?day|midnight|morning|evening|night|o'clock|am|pm|one|two|three|four|five|"
                        r"six|seven|eight|nine|ten|eleven|twelve|thirty|fifteen|forty|half|quarter)\b", re.I)


def alarm(query: str) -> Label:
    """One alarm: `when` is what follows its last "for"/"at", less a closing "please"."""
    q = _core(query)
    if re.search(r"\b(another|and one|one for|two alarms|second alarm|alarms|reminder|and an?|how)\b", q) \
            or len(re.findall(r"\balarm\b", q)) > 1:
        return None
    m = re.search(r"\b((?:tomorrow|tonight|today|on \w+day|\w+day) at .+)$", q) \
        or re.search(r"\b(?:for|at)\s+(?!me\b)([^,]+)$", q)
    if not m:
        return TOOL_ONLY if re.search(r"\balarm\b", q) else None
    when = re.sub(r"^(me )?(for|at) ", "", m.group(1)).strip()
    if not _TIME_WORD.search(when) or re.search(r"\b(to|so|that|because|i)\b", when):
        return TOOL_ONLY
    if re.search(r"\b(tomorrow|tonight)\b", q) and not re.search(r"\b(tomorrow|tonight)\b", when):
        return None  # the day was said apart from the time: no one span says when
    return _call("alarm.set", when=when, label="")


def reminder(query: str) -> Label:
    """CLINC's `reminder` asks what the reminders are: reminder.list ("my list" alone is left out)."""
    return _call("reminder.list") if re.search(r"\bremind|\bremember", query, re.I) else None


_DAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WHEN_START = re.compile(rf"\s+(?=(?:in|at|on|by|this|next|tomorrow|tonight|today|{_DAY_NAMES})\b)", re.I)
_WHEN_WORD = re.compile(rf"\d|\b(tomorrow|tonight|today|morning|evening|afternoon|noon|midnight|week|month|hours?|"
                        rf"minutes?|o'clock|am|pm|{_DAY_NAMES})\b", re.I)


def _split_when(text: str) -> tuple[str, str] | None:
    """`call mum at 6pm` -> (call mum, 6pm): the first place where a time starts; None if
    a time-like tail cannot be told apart ("bring a jacket in tomorrow")."""
    for m in _WHEN_START.finditer(text):
        tail = text[m.end():]
        if not _WHEN_WORD.search(tail):
            continue
        if re.match(r"in (?!\d|an?\b|half|the (morning|evening|afternoon)|(one|two|three|four|five|ten|twenty)\b)", tail):
            return None
        return text[: m.start()], re.sub(r"^(at|on|by) ", "", tail)
    return text, ""


def reminder_update(query: str) -> Label:
    """`remind me to X when`: text and when as said (`when` less a leading at/on/by); with no
    time said, `[]` (no time is made up); any other wording is the tool with its arguments unknown."""
    q = _core(query)
    m = re.fullmatch(r"(?:remind me to|set a reminder to|make a reminder to|create a reminder to) (.+)", q)
    if not m or re.search(r"\b(this|that|something|later|sometime|soon|a while|awhile|a bit|remind)\b", m.group(1)):
        return TOOL_ONLY
    split = _split_when(m.group(1))
    if split is None:
        return None
    text, when = split
    if not text.strip():
        return TOOL_ONLY
    return _call("reminder.add", text=text.strip(), when=when.strip()) if when.strip() else []


# ---------------------------------------------------------------- lists
_TODO = re.compile(r"\bto[ -]?do(?:'?s)? list\b", re.I)


def todo_list(query: str) -> Label:
    """Reading the to-do list is reading todo.txt; "my task list" or no list named is left out."""
    return _call("filesystem.read_file", filename="todo.txt") if _TODO.search(query) else None


def shopping_list(query: str) -> Label:
    return _call("filesystem.read_file", filename="shopping.txt") if re.search(r"\bshopping list\b", query, re.I) else None


def _list_update(pattern: re.Pattern, filename: str) -> Callable[[str], Label]:
    def rule(query: str) -> Label:
        q = _core(query)
        if re.fullmatch(rf"(?:delete|trash) (?:my|the) {pattern.pattern}", q):
            return _call("filesystem.delete_file", filename=filename)  # the list itself, as the templates say
        m = re.fullmatch(rf"(?:add|put|place|write|include|stick) (.+?) (?:to|on|onto|in) (?:my|the) {pattern.pattern}", q)
        if m and not re.search(r"\b(and|if|it|remove|take)\b", m.group(1)):
            return _call("filesystem.append_file", filename=filename, content=m.group(1))
        removes = re.search(r"\b(remove|delete|erase|clear|blank|cross|empty|wipe|nuke|nix|scratch)\b|\btake .* off\b|"
                            r"\bno longer\b|\bget rid\b", q)
        if removes and not re.search(r"\b(add|put|place|include|write|stick)\b", q):
            return []  # no tool removes a line from a list (near_miss.py files)
        return None  # half served (add this, remove that) or not one of the rule's forms
    return rule


# ---------------------------------------------------------------- music
_PLAY = re.compile(r"(?:play me|play|put on|start playing|start up|start|resume|turn on|pull up|hear|can i (?:get|hear)|let's hear|"
                   r"can you let me listen to|i (?:want|wanna|would like|need) to (?:hear|listen to|play)|"
                   r"i'd like to (?:hear|listen to)|listen to)\s+(.+)")
_NAMED = re.compile(r"\b(tunes|songs?|something|anything|radio|your|my|mix|a|it|that|this)\b|[\",;]|'(?!\w)|(?<!\w)'")


def play_music(query: str) -> Label:
    """`play X [by Y]`: the query is the whole span that names the music, as the templates carry
    it (less "some", "music by", "the song (called)", "my ... playlist" -> "... playlist"; a
    genre's "music" stays: "pop music"); any other wording, or music with nothing named, is the
    tool with its query unknown."""
    q = re.sub(r"\s+(?:in here|for me|please)$", "", _core(query))
    q = re.sub(r"^(turn|put) (my .+ playlist) on$", r"\1 on \2", q)
    m = _PLAY.fullmatch(q)
    if not m:
        return TOOL_ONLY
    x = m.group(1)
    x = re.sub(r"^(?:some )?(?:music|songs) by ", "", x)
    x = re.sub(r"^(?:the|that) song (?:called|named|titled|entitled) ", "", x)
    x = re.sub(r"^the song (?!that|with|by)", "", x)
    x = re.sub(r"^(?:my|the) playlist (?:called|named|titled|entitled) (.+)$", r"\1 playlist", x)
    x = re.sub(r"^(?:my|the) (.+ playlist)$", r"\1", x)
    x = re.sub(r"^some ", "", x)
    if re.fullmatch(r"(?:some |any )?music", x) or x in ("playlist",):
        return TOOL_ONLY
    if _NAMED.search(x) or re.search(r"\bmusic\b(?!$)|^music\b", x):
        return TOOL_ONLY  # "music" only after what names it ("pop music")
    return _call("spotify.play_query", query=x)


RULES: dict[str, Callable[[str], Label]] = {
    "time": time,
    "date": date,
    "next_song": next_song,
    "change_volume": change_volume,
    "timer": timer,
    "alarm": alarm,
    "reminder": reminder,
    "reminder_update": reminder_update,
    "todo_list": todo_list,
    "shopping_list": shopping_list,
    "todo_list_update": _list_update(re.compile(r"to[ -]?do list"), "todo.txt"),
    "shopping_list_update": _list_update(re.compile(r"shopping list"), "shopping.txt"),
    "play_music": play_music,
}
