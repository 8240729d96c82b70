"""Slot pools of the everyday tools (round 3): durations, times, labels, volumes, folders, contacts.

The rules, the same in every template (docs/training-data.md):
- A duration or a time is carried as the user said it ("half an hour", "tomorrow at 7",
  "quarter to eight"); the executor parses it, the brain never computes a date. Only a
  leading "at", "on", "for" or "by" is dropped ("at 6pm" -> "6pm", "on friday" -> "friday");
  "in 20 minutes" keeps its "in" (it says the time is relative).
- A timer's or an alarm's label drops a leading "the"/"my" ("for the pasta" -> "pasta").
- Volume: a number said is the percent ("to 40", "forty percent", "half" = 50, "max" = 100).
  A change with no amount, or "a bit", "a little", "a notch", "slightly", is 10 points;
  "a lot", "way", "much" is 30; an amount said ("by 20") is that amount. Down is negative.
- A folder is its name as said, without "the"/"my", "folder" and a trailing slash.
"""
from __future__ import annotations

import random
import re

from kayas.data.pools import parses, spoken
from kayas.data.spec import Fill, Sampler, Style

_LEAD = re.compile(r"^(?:at|on|for|by)\s+", re.I)
_ARTICLE = re.compile(r"^(?:the|my|our|a)\s+", re.I)


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.replace("\n", "").split("|") if t.strip()]


def _said(surface: str, style: Style) -> str:
    if style.voice:
        return spoken(surface) or surface
    if style.caps:
        return surface.upper()
    return surface


def _known(items: list[str]) -> str:
    """A regex of the surfaces, so the template reader takes only these words for the slot."""
    forms = {f for t in items for f in (t.lower(), spoken(t))}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def kept(items: list[str], drop: re.Pattern | None = None, free: bool = False) -> Sampler:
    """Said as listed, carried as said (less a leading `drop` match, e.g. "at" or "the").
    `free`: free text, so the template reader takes any words for it (a reminder's text)."""

    def value(said: str) -> str:
        return drop.sub("", said) if drop else said

    known = {f for t in items for f in (t.lower(), spoken(t))}

    @parses(lambda said: value(said) if free or said.lower() in known else None)
    def sample(rng: random.Random, style: Style) -> Fill:
        surface = _said(rng.choice(items), style)
        return Fill(surface, value(surface))

    if not free:
        sample.surfaces = _known(items)
    return sample


def numbered(pairs: list[tuple[str, int]]) -> Sampler:
    """A said form with a number value (`fifty percent` -> 50)."""
    table = {s.lower(): v for s, v in pairs} | {spoken(s): v for s, v in pairs}

    @parses(lambda said: table.get(said.lower()))
    def sample(rng: random.Random, style: Style) -> Fill:
        surface, value = rng.choice(pairs)
        return Fill(_said(surface, style), value)

    sample.surfaces = _known([s for s, _ in pairs])
    return sample


# ---------------------------------------------------------------- durations and times
DURATIONS = _split("""10 minutes|5 minutes|five minutes|half an hour|an hour|1 hour|90 seconds|3 minutes|
three minutes|20 mins|25 min|45 minutes|two hours|2 hours|an hour and a half|a minute|one minute|30 seconds|
thirty seconds|15 minutes|fifteen minutes|7 minutes|12 minutes|40 minutes|8 mins|2 and a half minutes|
a couple of minutes|a few minutes|four minutes|20 minutes|twenty minutes|1 hour 30 minutes|6 minutes|
90 minutes|an hour and 15 minutes|10 min|2 mins|45 seconds|a quarter of an hour|three hours|11 minutes|
1 minute and 30 seconds|two and a half hours|18 minutes|35 minutes|3 hours|nine minutes|50 minutes""")
# Said before "timer": "a 10 minute timer", "a five-minute timer".
DURATIONS_ATTR = _split("""10 minute|5 minute|five minute|five-minute|3 minute|three-minute|20 minute|
twenty minute|half hour|half-hour|one hour|1 hour|two hour|15 minute|fifteen-minute|45 minute|90 second|
30 second|thirty second|2 minute|4 minute|7 minute|12 minute|25 minute|40 minute|one minute|8 minute""")
CLOCK_TIMES = _split("""7am|7 am|7|6:30|6:30 am|half past six|quarter to eight|noon|midnight|5:45|8 o'clock|
six thirty|7:15|9 pm|9pm|10:00|6 in the morning|seven|six am|5am|5:30|quarter past seven|8:45 am|11pm|
4:20 pm|1 pm|2:30|half seven|ten to six|7:05|six o'clock|8|9:30|midday|3:15 pm|10 pm|4 am|6.45""")
DAYS = _split("""tomorrow|tomorrow morning|on Monday|on friday|on saturday|on Sunday|on Tuesday|on wednesday|
on Thursday|next friday|next Monday|tonight|this evening|this afternoon|on the 3rd|on June 12th|
tomorrow evening|on Saturday morning""")


def _day_phrase(day: str) -> str:
    return _LEAD.sub("", day)


@parses(lambda said: _LEAD.sub("", said) if said.strip() else None)
def _alarm_when(rng: random.Random, style: Style) -> Fill:
    """When an alarm rings, as said: `7am`, `7am tomorrow`, `tomorrow at 6:30`, `6 on friday`."""
    t = rng.choice(CLOCK_TIMES)
    r = rng.random()
    if r < 0.5:
        surface = t
    elif r < 0.75:
        surface = f"{t} {rng.choice(DAYS)}"
    else:
        surface = f"{_day_phrase(rng.choice(DAYS))} at {t}"
    surface = _said(surface, style)
    return Fill(surface, surface)


@parses(lambda said: said if said.strip() else None)
def _alarm_at(rng: random.Random, style: Style) -> Fill:
    """After "at": a clock time, sometimes with its day after it (`7am tomorrow`), never day first."""
    t = rng.choice(CLOCK_TIMES)
    surface = _said(f"{t} {rng.choice(DAYS)}" if rng.random() < 0.35 else t, style)
    return Fill(surface, surface)


REMINDER_WHENS = _split("""at 6pm|at 6|in 20 minutes|in an hour|in half an hour|in 2 hours|in ten minutes|
in 5 mins|tomorrow|tomorrow morning|tomorrow at 9|tonight|tonight at 8|this evening|this afternoon|
on friday|on Friday at 9am|next friday at 9am|next week|next Monday|at noon|at 3 o'clock|at 5:30|
at half past four|at 7:30 tomorrow|at 8am tomorrow|on Monday morning|on Monday at 10|on the 3rd|
on June 12th|in 3 days|in a week|at the weekend|on Saturday|tomorrow afternoon|at 11|at 4pm on Thursday|
in 45 minutes|in a couple of hours|at lunchtime|tomorrow at noon|on Sunday evening|at 9 tonight|
at quarter to five|at 10am on Wednesday|first thing tomorrow|in 90 minutes|by 5pm|by friday|at 4|at 2|
at 7 tonight|at 10|in 15 minutes|in 3 hours|in a minute|in 30 mins|at 9:15|on Tuesday at 3|tomorrow at 8am|
at 1:30|in 40 minutes|on monday|at eight|at 5 pm|tonight at 11|at 6:45 tomorrow|next tuesday|at 4pm|at 3pm""")
REMIND_WHEN = kept(REMINDER_WHENS, _LEAD)

# What to be reminded of: the user's words, as said.
REMINDER_TEXTS = _split("""call mum|call the dentist|take the bins out|water the plants|pay the rent|take my pills|
pick up the kids|buy milk|move the car|check the oven|book a haircut|email Sam the slides|feed the cat|
call Greg back|send the invoice|stretch|drink some water|take the chicken out of the freezer|
submit my timesheet|renew my passport|put the washing in the dryer|walk the dog|charge my laptop|
join the standup|pick up the dry cleaning|call the bank about my card|buy a birthday card for Ana|
check on the laundry|leave for the airport|take a break|go to the gym|pay the electricity bill|
text Jake|return the library books|order more coffee|turn off the oven|back up my laptop|
start dinner|bring the umbrella|ring grandma|finish the report|collect the parcel|do my taxes|
prepare for the interview|clean the fish tank|lock the back door|change the sheets|send Tom the photos|
email jo|call jo|text Priya back|email the landlord|ring Omar about the car|pay the gas bill|book the MOT|
call the plumber|pick up Zoe from school|thank Nina for the gift|pay Leo back|email Chen the contract|
send mum the flight details|buy a present for Max|cancel the gym membership|check in for the flight|
reply to Sara|sign the lease|order the cake|put the recycling out|defrost the freezer|file the expenses""")
# What names a pending reminder, timer or alarm when cancelling it: said with an article, a
# possessive or a day ("the gas bill", "tomorrow's gym alarm"); carried bare ("gas bill", "gym").
CANCEL_NAMES = _split("""gas bill|dentist|gym|pasta|meeting|call mum|rent|vet|parking|laundry|pills|bins|
flight|interview|car service|school run|yoga|standup|water the plants|pick up the kids|tea|eggs|pizza|
doctor|haircut|passport|library books|invoice|team call|electricity bill|nap|workout|train|birthday card|
dog walk|oven|bread|taxes|plumber|meds""")
REMINDER_ABOUT = _split("""the dentist appointment|the meeting|mum's birthday|the bins|the parcel|the game|
my doctor's appointment|the team call|the party on Saturday|the parking ticket|the flight|the vet|
Tom's birthday|the deadline|the school play|the car service|the webinar|the rent""")
# Actions of other tools, said as a reminder: the reminder's text, never the action now.
REMINDER_ACTIONS = _split("""email sam@x.com|email Priya about the budget|message #dev about the meeting|
delete budget.xlsx|archive notes_old.txt|open spotify|kill zoom|close the Settings window|
post the update in #general|run the backups|play some jazz|add eggs to the shopping list|
search for flights to Lisbon|copy the meeting link|check slack|create the agenda|send the report to my boss""")

TIMER_LABELS = _split("""pasta|the pasta|the eggs|eggs|tea|my tea|the laundry|laundry|the oven|pizza|the pizza|
bread|the bread|a break|my break|my nap|a nap|the rice|rice|the cake|the roast|the chicken|the potatoes|
meditation|my workout|the plank|homework|studying|the parking meter|the kettle|the steak|the cookies|
the tea|coffee|the coffee|the washing|the kids' screen time|my presentation|the dough|the soup|stretching""")
TIMER_LABEL_BARE = _split("""pasta|egg|tea|laundry|oven|pizza|bread|rice|cake|nap|break|workout|study|parking|
cookie|steak|coffee|meditation|plank|pomodoro|homework|soup|roast|chicken""")
ALARM_LABELS = _split("""work|the gym|gym|my flight|the flight|school|the school run|meds|my meds|the train|
the bus|running|my run|church|the interview|yoga|the early shift|swimming|the dentist|wake up""")

_CANCEL_DET = ["the ", "my ", "", "", "tomorrow's ", "today's ", "tonight's ", "this afternoon's ", "friday's ",
               "monday's ", "the 7am ", "the 6pm ", "my morning ", "the weekly ", "this evening's "]
_CANCEL_LEAD = re.compile(r"^(?:the|my|our|this|that|\w+'s|the \d+(?::\d+)?\s?(?:am|pm)|my morning|the weekly)\s+", re.I)


@parses(lambda said: _CANCEL_LEAD.sub("", said.strip()) or None)
def _cancel_name(rng: random.Random, style: Style) -> Fill:
    """What names the one to cancel, said with an article, a possessive or a day; carried bare."""
    name = rng.choice(CANCEL_NAMES)
    det = rng.choice(_CANCEL_DET)
    return Fill(_said(det + name, style), _said(name, style))


# ---------------------------------------------------------------- volume
PERCENTS: list[tuple[str, int]] = [
    ("50", 50), ("50%", 50), ("50 percent", 50), ("fifty percent", 50), ("fifty", 50), ("half", 50),
    ("40", 40), ("40%", 40), ("forty percent", 40), ("30", 30), ("thirty percent", 30), ("30 per cent", 30),
    ("20", 20), ("twenty", 20), ("20%", 20), ("25", 25), ("25 percent", 25), ("a quarter", 25),
    ("60", 60), ("60%", 60), ("sixty", 60), ("70", 70), ("70 percent", 70), ("seventy percent", 70),
    ("75", 75), ("75%", 75), ("80", 80), ("eighty", 80), ("80 percent", 80), ("90", 90), ("90%", 90),
    ("100", 100), ("100%", 100), ("100 percent", 100), ("max", 100), ("maximum", 100), ("full", 100),
    ("10", 10), ("10%", 10), ("ten percent", 10), ("15", 15), ("35", 35), ("45 percent", 45), ("5", 5),
    ("0", 0), ("zero", 0), ("65", 65), ("85%", 85), ("55", 55),
]
STEPS: list[tuple[str, int]] = [
    ("10", 10), ("10%", 10), ("ten", 10), ("10 percent", 10), ("20", 20), ("20%", 20), ("twenty percent", 20),
    ("5", 5), ("five", 5), ("5 percent", 5), ("15", 15), ("15%", 15), ("25", 25), ("30", 30), ("30 percent", 30),
    ("40", 40), ("fifty percent", 50), ("50", 50), ("a few percent", 5),
    ("20 percent", 20), ("15 percent", 15), ("25 percent", 25), ("25%", 25), ("40 percent", 40), ("50 percent", 50),
    ("ten percent", 10), ("thirty percent", 30), ("twenty", 20), ("35 percent", 35), ("5%", 5),
]
# "a bit" and a change with no amount: 10; "a lot": 30 (the module docstring).
SMALL = _split("""a bit|a little|a little bit|a notch|a touch|slightly|a tad|just a bit|a smidge""")
LARGE = _split("""a lot|way|much|loads|a whole lot|a good bit""")

# ---------------------------------------------------------------- folders and people
FOLDERS = _split("""docs|notes|drafts|projects|work|school|photos|invoices|reports|receipts|old|
recipes|music|scripts|taxes|screenshots|travel|letters|backups|templates|data""")


def _folder_value(said: str) -> str | None:
    text = _ARTICLE.sub("", said.strip()).strip()
    text = re.sub(r"\s+folder$", "", text, flags=re.I).rstrip("/")
    return text if text.lower() in {f.lower() for f in FOLDERS} else None


@parses(_folder_value)
def _folder(rng: random.Random, style: Style) -> Fill:
    """`the docs folder`, `my drafts folder`, `docs/`, `docs` -> docs."""
    name = rng.choice(FOLDERS)
    form = rng.random()
    if form < 0.45:
        surface = f"{rng.choice(['the', 'my'])} {name} folder"
    elif form < 0.65 and not style.voice:
        surface = f"{name}/"
    elif form < 0.85:
        surface = f"{name} folder"
    else:
        surface = name
    return Fill(surface.upper() if style.caps else surface, name)


CONTACTS = _split("""bob|Bob|alice|Alice|mum|Mum|dad|Dad|Priya|Sam|sam|Lee|Kim|Tom|tom|Maria|Jake|Omar|Chen|Emma|Noah|
grandma|Dana|Raj|Zoe|Leo|Nina|Hugo|Mia|Liam|Sara|Ivan|Yuki|Max|Ana""")



def _contacts_said(rng: random.Random, style: Style) -> Fill:
    """Two or three of the user's contacts ("bob and alice", "Priya, Sam and Lee"), now and then
    one by address; carried in the order said, joined by `, `."""
    from kayas.data.pools import _address

    n = rng.choice([2, 2, 2, 3])
    names: list[str] = []
    while len(names) < n:
        c = rng.choice(CONTACTS) if rng.random() < 0.85 else _address(rng)
        if c.lower() not in {x.lower() for x in names}:
            names.append(c.upper() if style.caps and "@" not in c else c)
    if n == 2:
        surface = f"{names[0]} {rng.choice(['and', 'and', '&'])} {names[1]}"
    else:
        sep = "," if not style.voice else ""
        surface = f"{names[0]}{sep} {names[1]}{sep if rng.random() < 0.5 else ''} and {names[2]}"
    return Fill(surface, ", ".join(names))


_contacts_said = parses(lambda said: ", ".join(p.strip() for p in re.split(r",?\s+(?:and|&)\s+|,\s*", said) if p.strip()))(_contacts_said)

# Everyday email bodies as people say them: lower case, no closing stop, words in their own order.
BODIES = _split("""running late be there at 5|dinner at mine on friday bring wine|I left the keys under the mat|
the kids need picking up at 3|can you call me when you're free|happy birthday hope you have a great day|
the report is done and on the drive|see you tomorrow at the station|thanks for lunch today|
the meeting got moved to thursday|I'm stuck in traffic start without me|don't forget the tickets|
the plumber comes at 10 so someone has to be home|we're out of milk and eggs|call me back asap|
the photos from the trip are up|I'll be home late tonight|flight lands at 7 pick me up|
congrats on the new job|the rent is paid|can we move our call to next week|
I booked the table for 8 people at 7|miss you guys|great news we got the flat|
the car is at the garage till monday|what time is the party|I can't make it tonight sorry|
the invoice is attached|remember to bring your laptop|practice is cancelled today|
love you see you soon|the contract looks fine sign it|I sent the money|the cat needs feeding""")

POOLS: dict[str, Sampler] = {
    "dur": kept(DURATIONS),
    "durattr": kept(DURATIONS_ATTR),
    "alarmwhen": _alarm_when,
    "alarmat": _alarm_at,
    "clocktime": kept(CLOCK_TIMES),
    "remwhen": REMIND_WHEN,
    "remtext": kept(REMINDER_TEXTS, free=True),
    "remabout": kept(REMINDER_ABOUT, free=True),
    "remaction": kept(REMINDER_ACTIONS, free=True),
    # The same texts read only as listed: a `[]` "remind me to X" with no time (near_miss.py).
    "remtextonly": kept(REMINDER_TEXTS),
    "remactiononly": kept(REMINDER_ACTIONS),
    "tlabel": kept(TIMER_LABELS, _ARTICLE),
    "tlabelbare": kept(TIMER_LABEL_BARE),
    "alabel": kept(ALARM_LABELS, _ARTICLE),
    "volpct": numbered(PERCENTS),
    "volstep": numbered(STEPS),
    "folder": _folder,
    "contact": kept(CONTACTS),
    "contacts": _contacts_said,
    "ebody": kept(BODIES, free=True),
    "kind": kept(["timer", "alarm", "reminder"]),
    "kindtimer": kept(["timer"]),
    "cname": _cancel_name,
}
