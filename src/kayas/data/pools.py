"""Slot pools: what people name, and how each said value becomes the plan's value.

Every sampler takes (rng, style) and returns a Fill(surface, value). Free text is kept as
said (without its quotes); names that the conventions normalise (windows, programs,
sites, channels, purpose-named files) get their canonical value here, once.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

from kayas.data import conventions as cv
from kayas.data.spec import Fill, Sampler, Style

_PUNCT = re.compile(r"[,!?;:\"“”]|\.(?=\s|$)")


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'`":
        return text[1:-1]
    return text


def parses(parse: Callable[[str], Any]):
    """Attach the inverse of a sampler: said text -> plan value (None: not this pool's)."""

    def mark(sampler):
        sampler.parse = parse
        return sampler

    return mark


def spoken(text: str) -> str:
    """A voice transcript of typed text: lower case, no punctuation (apostrophes stay)."""
    return re.sub(r"\s+", " ", _PUNCT.sub("", text.lower())).strip()


def as_said(items: list[str], quote: float = 0.0) -> Sampler:
    """Free text: the value is the words said; typed text is sometimes quoted."""

    @parses(unquote)
    def sample(rng: random.Random, style: Style) -> Fill:
        text = rng.choice(items)
        if style.voice:
            text = spoken(text) or text
            return Fill(text, text)
        if style.caps:
            text = text.upper()
        r = rng.random()
        if r < quote * 0.7 and '"' not in text:
            return Fill(f'"{text}"', text)
        if r < quote and "'" not in text:
            return Fill(f"'{text}'", text)
        return Fill(text, text)

    return sample


def verbatim(items: list[str], quote: float = 0.0) -> Sampler:
    """Names that keep their exact spelling even in a transcript (files, addresses, commands)."""

    @parses(unquote)
    def sample(rng: random.Random, style: Style) -> Fill:
        text = rng.choice(items)
        if not style.voice and rng.random() < quote:
            q = rng.choice(['"', "'", "`"] if " " in text or "-" in text else ['"', "'"])
            return Fill(f"{q}{text}{q}", text)
        return Fill(text, text)

    return sample


def mapped(pairs: list[tuple[str, Any]], lower_in_voice: bool = True) -> Sampler:
    """A said form with a fixed value (e.g. `VS Code` -> code)."""

    table = {s.lower(): v for s, v in pairs}

    @parses(lambda said: table.get(said.lower()))
    def sample(rng: random.Random, style: Style) -> Fill:
        surface, value = rng.choice(pairs)
        if style.voice and lower_in_voice:
            surface = surface.lower()
        if style.caps:
            surface = surface.upper()
        return Fill(surface, value)

    return sample


def described(pairs: list[tuple[str, str]]) -> Sampler:
    """Free text after a description (`the password hunter2` -> hunter2): typed in capitals,
    the text is carried in capitals, as typed."""

    table = {s.lower(): v for s, v in pairs}

    @parses(lambda said: table.get(said.lower()))
    def sample(rng: random.Random, style: Style) -> Fill:
        surface, value = rng.choice(pairs)
        if style.caps:
            return Fill(surface.upper(), value.upper())
        return Fill(surface, value)

    return sample


def titled(items: list[str]) -> Sampler:
    """Window titles and button texts: said in any case, carried title-cased."""

    @parses(cv.title_case)
    def sample(rng: random.Random, style: Style) -> Fill:
        name = rng.choice(items)
        if style.voice or style.caps or rng.random() < 0.25:
            surface = name.lower()
        else:
            surface = name
        value = cv.title_case(surface)
        return Fill(surface.upper() if style.caps else surface, value)

    return sample


# ---------------------------------------------------------------- files
_STEMS = """notes todo q3_notes budget-2024 report resume cover_letter invoice_0423 project-plan README ideas draft
recipes expenses groceries reading_list travel-plans essay chapter1 minutes_2024-05-02 config script main index
styles data results summary thesis letter_to_landlord birthday_list backup log changelog agenda slides
presentation contacts inventory timesheet tax_return_2023 lease contract_draft notes_monday errands journal
meeting-notes standup week12 sprint_retro roadmap_v2 proposal final_FINAL photo_001 scan_0007 playlist
shopping homework lab_report plan diary quotes poem lyrics todo_today weekly_report invoice-1187 budget
client_list sales_q2 readme setup deploy test_results notes-2025-01-15 kitchen_inventory party_plan gift_ideas
workout_log study_guide chapter_03 bibliography cv portfolio headshot logo mockup wireframe dataset
train val requirements package docker-compose Makefile-notes app server utils backup_old draft2 ideas_v3""".split()
_SPACED = ["Meeting Notes", "Project Plan", "Weekly Report", "Q2 Review", "Final Draft", "Budget 2024",
           "Trip Itinerary", "Book Notes", "Team Roster", "Shopping List", "Cover Letter", "Tax Documents",
           "Lecture 5", "Board Minutes", "Holiday Photos", "Sales Pitch"]
_EXTS = ("txt txt txt txt md md md docx xlsx csv pdf py json log pptx html js yaml ini odt rtf png jpg zip "
         "sh tex xml toml ts mp3 doc xls").split()
_DIRS = ["docs/", "notes/", "projects/", "work/", "school/", "archive/2023/", "drafts/"]


def _filenames() -> list[str]:
    names = []
    for stem in _STEMS:
        for ext in _EXTS[:: (len(stem) % 3) + 1]:
            names.append(f"{stem}.{ext}")
    for stem in _SPACED:
        for ext in ("docx", "txt", "pdf", "xlsx", "md", "pptx"):
            names.append(f"{stem}.{ext}")
    names += [d + n for d in _DIRS for n in ("todo.md", "notes.txt", "plan.md", "report.docx", "ideas.txt")]
    return names


FILENAMES = _filenames()


@parses(lambda said: unquote(said) if re.search(r"\.(%s)$" % "|".join(sorted(set(_EXTS))), unquote(said)) else None)
def _file(rng: random.Random, style: Style) -> Fill:
    name = rng.choice(FILENAMES)
    if not style.voice and (" " in name or rng.random() < 0.12):
        q = rng.choice(['"', "'"]) if " " in name else rng.choice(['"', "'", "`"])
        if " " in name and rng.random() < 0.3:
            return Fill(name, name)
        return Fill(f"{q}{name}{q}", name)
    return Fill(name, name)


_TEXT_EXTS = {"txt", "md", "log", "csv", "json", "py", "yaml", "ini", "toml", "sh", "html", "js", "ts", "xml", "tex", "rtf"}
TEXT_FILES = [f for f in FILENAMES if f.rsplit(".", 1)[-1] in _TEXT_EXTS]
# Files people look at rather than read: pictures, videos, sound, PDFs and office documents.
MEDIA_FILES = [f for f in FILENAMES if f.rsplit(".", 1)[-1] in {"pdf", "png", "jpg", "docx", "xlsx", "pptx", "odt", "mp3", "doc", "xls"}] + \
    """holiday_photo.jpg|beach.png|wedding.mp4|IMG_2041.jpg|IMG_0093.jpeg|screenshot_0312.png|receipt.pdf|boarding_pass.pdf|
vacation.mov|song.mp3|podcast_ep3.mp3|birthday_video.mp4|cat.gif|scan.pdf|family_photo.png|diagram.png|
floor_plan.pdf|lecture_recording.mp4|voice_memo.m4a|poster.png|map.jpg|certificate.pdf|payslip_march.pdf|
dog.jpeg|sunset.jpg|demo.mp4|interview.wav|ticket.pdf|menu.pdf|xray.png""".replace("\n", "").split("|")


def _picked(items: list[str]) -> Sampler:
    """A file name from `items`, said as it is (sometimes quoted when typed)."""
    exts = sorted({i.rsplit(".", 1)[-1] for i in items})

    @parses(lambda said: unquote(said) if re.search(r"\.(%s)$" % "|".join(exts), unquote(said)) else None)
    def sample(rng: random.Random, style: Style) -> Fill:
        name = rng.choice(items)
        if not style.voice and (" " in name or rng.random() < 0.1):
            q = rng.choice(['"', "'"])
            return Fill(f"{q}{name}{q}", name)
        return Fill(name, name)

    return sample


_PURPOSES = """todo|to-do|shopping|grocery|packing|reading|wish|bucket|chores|errands|ideas|notes|gift|guest|
contacts|recipes|workout|meal plan|budget|goals|books|movies|project ideas|meeting notes|birthday|christmas|
vacation|study notes|passwords|reminders|questions|habits|expenses|quotes|journal|diary|log|packing for the trip""".replace("\n", "").split("|")
_PURPOSES = [p for p in _PURPOSES if p != "packing for the trip"]


def _purpose(articles: list[str]) -> Sampler:
    lead = re.compile(r"^(%s)\s" % "|".join(sorted({w for a in articles for w in a.split()} | {"an"})))

    @parses(lambda said: cv.purpose_filename(said) if lead.match(said) else None)
    def sample(rng: random.Random, style: Style) -> Fill:
        noun = rng.choice(_PURPOSES)
        kind = rng.choice(["list", "list", "file"]) if noun not in {"journal", "diary", "log", "notes"} else rng.choice(["", "file"])
        art = rng.choice(articles)
        if art in {"a", "an"}:
            art = "an" if noun[0] in "aeiou" else "a"
        surface = " ".join(w for w in (art, noun, kind) if w)
        return Fill(surface.upper() if style.caps else surface, cv.purpose_filename(surface))

    return sample


# ---------------------------------------------------------------- free text
NOTES = """buy milk now|call the bank today|practice guitar again|read the Slack thread|listen to new music|buy milk|call mom|call mom at 5|water the plants|pay rent|book the dentist|eggs, milk and bread|
Remember to water the plants|meeting moved to Thursday, 3pm|don't forget the keys|pick up the kids and then go to the gym|
TODO: fix the login bug|renew passport before June|send Sam the slides|ask about the refund|cancel the gym membership|
pay rent ($1,200) by the 1st|finish chapter 3|back up the laptop|buy a birthday card for Ana|10 push-ups every morning|
Lunch with Priya on Friday|check the car's oil|read "Dune" again|order more printer ink|update the README|
call the plumber about the leak|bananas|apples and oranges|2 cans of tomatoes|milk, eggs, flour, sugar|
ship v1.2 and write the release notes|it's a secret|hello world|first line|Hello, world!|# Notes|
The quick brown fox jumps over the lazy dog|meeting with the design team at 10:30 in room B|
call the bank, then email the landlord|password reset link expires at noon|rent: 950, power: 80, internet: 45|
buy tickets for the 7:15 show|try the new ramen place on 5th street|ideas for the blog: LoRA, grammars, tiny models|
Q3 goals: hire two engineers and ship the beta|remember that Tom's birthday is on the 14th|
fix the squeaky door and oil the hinges|pack sunscreen, towels and the blue umbrella|
Dear team, the office is closed on Monday|write 500 words|feed the cat|clean the fridge|vacuum the living room|
draft the budget|submit the expense report|get a haircut|return the library books|schedule the car service|
buy a new charger|text Jake back|print the boarding passes|defrost the chicken|call grandma on Sunday|
learn 10 Spanish words a day|look into flights to Lisbon in May|pick up dry cleaning|refill prescription|
sign the lease and send it back|check if the warranty covers the screen|bring snacks for the team meeting|
1. intro 2. methods 3. results|x = 42|see you at 8|"quoted" words inside|it was 72°F and sunny|
ask Maria whether the contract includes weekends and holidays|review pull request #214|
the wifi password is on the fridge|bread|coffee beans|oat milk|toilet paper|AA batteries|dog food|
book flights, hotel and a rental car|don't forget: trash goes out Tuesday night|
eggs|buy eggs|apples|bagels and cream cheese|call the vet on saturday|dentist on monday at 9|
pay the bills by friday|pick up groceries sunday morning|trip to Rome in june|Buy Eggs|
tomatoes, onions and peppers|10 apples|finish the report by tuesday|gym on wednesday and friday|
soccer practice thursday at 4|move the meeting to october|batteries|light bulbs|paper towels|
Call Mom|Pay Rent|Finish Slides|dishwasher tablets|2 dozen eggs|3 lemons|new shoelaces|
mom's birthday is in august|renew the car insurance in march|ask Dr. Lee about the test results|
check the mail|the kids have no school on monday|Plan the BBQ for Saturday|wash the car|
buy flowers for Grandma's 90th birthday on the 3rd of july|email the landlord about the heating|
clean the garage, sort the tools and take the old paint cans to the recycling center on saturday morning|
pasta|cheese|ok|meeting notes: budget approved, hiring freeze lifted, next review in january|
fix it before friday|ask Tom about it|return it to the store|Vacation request for July|the Quarterly report is due|
banana bread recipe|try the lasagna recipe|watch the Docker tutorial|read the laptop reviews|pizza places near me|
the invoice is attached|details are below|archive the old photos|delete the spam folder|then call the bank|
Buy A New Phone Case|check it again tomorrow|It Works|send it to Maria then|Book The Venue|
pick up the package, it arrived broken|sign it and send it back|Call the Landlord about the Heating""".replace("\n", "").split("|")

MESSAGES = """looking into it now|on my way now|the build failed again|see the thread|I'll handle it today|I'm listening to music|the mockups are ready|lunch is here|I'll be 10 minutes late|the build is green again|can someone review PR 42?|
standup moved to 10:30|deploy is done|the server is back up|great job everyone|who's up for coffee?|
I'm out sick today|the demo went well|please update your timesheets by Friday|release 2.3 is out|
the printer on floor 3 is broken again|meeting notes are in the shared drive|I'm working from home today|
pizza in the kitchen|the client approved the design|tests are failing on main, looking into it|
welcome to the team, Dana!|reminder: all-hands at 4pm|can we push the sync to tomorrow?|the office closes early today|
the API is down, we're on it|thanks for the quick fix|I'll take the on-call shift this weekend|
the report is attached|see you at the offsite|the budget is approved|the slides are up|we leave at 6|
happy birthday Sam!|I shipped the hotfix|can you send me the invoice?|the meeting is cancelled|
the new laptop arrived|let's meet at noon in the lobby|traffic is terrible, running late|
I finished the draft, take a look when you can|the numbers for Q3 look good|heads up: the VPN certificate expires Monday|
dinner is at 7 and bring a jacket|the package was delivered|I fixed the typo on the landing page|
the flight lands at 9:40|hi|thanks|ok, sounds good|yes, let's do it|no worries|on my way|
the contract is signed and filed|please don't merge anything until the freeze is over|
the user study is booked for Tuesday and Wednesday|I'll be offline from 2 to 4|
see you on saturday|the party is on friday at 8|I'm off on monday|standup is cancelled on thursday|
we ship in march|the kids loved the cookies|Thanks Everyone|Happy Friday!|
the release is moved to next tuesday because QA found two blockers in the payment flow|
can we talk tomorrow morning?|bring the chargers and the HDMI cables|the cats are fed|
yes|no|maybe later|Running 5 min late|all good here|the tickets are booked for june 12|
we need more chairs for sunday|invoice 2291 is paid|I'll send the photos tonight|
the doctor said it's nothing serious, back at work on wednesday|got it, thanks!|
the new interns start on monday, please give them access to the repos and the wiki|
Great Work On The Launch|lunch at 12:30 on friday?|
it arrived broken|it works now|I fixed it|it's done|is it ready?|I'll take care of it|it's on the shared drive|
the report is attached below|the invoice is attached|see the notes below|details below|files attached|
I'll archive the old threads later|please delete the old branch|don't delete anything yet|
we can talk then|I'll call you then|then we ship|finish the slides then send them to me|
the Quarterly report is ready|Vacation request approved|Happy New Year Team|The Demo Is At 3|
the banana bread recipe is in the doc|the new Docker tutorial is up|check the hotel reviews|
Meeting moved to Friday|Welcome Aboard|the server is down again, I'm on it|Launch Day!|
my flight got cancelled, I'll join remotely|we hit 10k users today|the Q3 numbers are below|
the photos are attached, delete the blurry ones|can you archive the project channel?|the build broke it again""".replace("\n", "").split("|")

# Email bodies that hold words a step could start with; they stay whole before ", then ...".
STEP_BODIES = """the report is attached below|the invoice is attached|see the notes below|details are below|
please archive the old threads|I'll delete the draft later|we archive everything on friday|
the files are attached and the summary is below|finish the review then send it back|
read it then sign it|the photos are attached, delete the blurry ones|the slides are attached|
The Contract Is Attached|Agenda below|I attached the receipt|the logs are attached, then we debug|
don't delete the backups|archive is ready|the old drafts can be deleted then|see below for the numbers""".replace("\n", "").split("|")

SUBJECTS = """the trip|slides|Q3 budget|lunch tomorrow|invoice #4411|meeting notes|your application|weekend plans|
project update|the contract|hello|quick question|the report|dinner on Friday|the offsite|vacation request|
rent|the launch|interview schedule|feedback|thank you|the party|receipts|the new design|homework|
tickets|the car|team lunch|status|minutes from today|the proposal|holiday hours|password reset|
sprint review|the book club|reference letter|the deadline|
Weekly Update|Saturday Plans|Meeting Tomorrow|monday standup|Invoice for March|Project Kickoff|
Re: Budget|the plan for saturday|Quarterly Review|Trip to Lisbon|Dinner Friday|birthday party|
Q4 Planning|friday|tickets for sunday|The Big Game|Lunch|updates|Photos from the Trip|
New Hire Onboarding|rent for may|Happy Birthday|Team Offsite in June|Your Order #1182|urgent: server down|
Vacation request|quarterly report|Quarterly Report|Vacation Request|the invoice|Invoice attached|
report attached|Files Below|the archive|Delete request|Re: the move|Follow up|follow-up on the interview|
Budget Review|budget review|The Contract|Party Planning|party planning|Sick day|sick day|
Expense report for March|expense report|Notes from the call|Question about the lease|
Parent-Teacher Meeting|the recipe|Banana bread recipe|Product reviews|Lunch near the office|
Flight details|flight details|Welcome!|Your feedback|New Laptop|Thanks again""".replace("\n", "").split("|")

_FIRST = """bob alice lee kim sam ana tom priya jake maria dana omar li chen raj emma noah mia liam zoe max
sara leo nina paul eva ivan yuki ola hugo jo""".split()
_DOMAINS = """x.com example.com uni.edu gmail.com company.org acme.io mail.net work.co startup.io corp.com
school.edu outlook.com proton.me family.net lab.org""".split()


def _address(rng: random.Random) -> str:
    first = rng.choice(_FIRST)
    form = rng.random()
    if form < 0.6:
        user = first
    elif form < 0.8:
        user = f"{first}.{rng.choice(_FIRST)}"
    elif form < 0.9:
        user = f"{first[0]}.{rng.choice(_FIRST)}"
    else:
        user = rng.choice(["team", "support", "hr", "info", "billing", "me", "office", "admin"])
    return f"{user}@{rng.choice(_DOMAINS)}"


@parses(lambda said: said if re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", said) else None)
def _email(rng: random.Random, style: Style) -> Fill:
    a = _address(rng)
    return Fill(a, a)


def _parse_emails(said: str) -> str | None:
    addrs = [a for a in re.split(r"\s*(?:,|\band\b|&)\s*", said) if a]
    return ", ".join(addrs) if addrs and all("@" in a and " " not in a for a in addrs) else None


@parses(_parse_emails)
def _emails(rng: random.Random, style: Style) -> Fill:
    """One to three addresses, said with `and`/commas; carried joined by `, ` in order."""
    n = rng.choice([1, 1, 2, 2, 2, 3])
    addrs: list[str] = []
    while len(addrs) < n:
        a = _address(rng)
        if a not in addrs:
            addrs.append(a)
    if n == 1:
        surface = addrs[0]
    elif n == 2:
        surface = f"{addrs[0]} {rng.choice(['and', 'and', '&'])} {addrs[1]}" if not style.voice or True else ""
        if not style.voice and rng.random() < 0.25:
            surface = f"{addrs[0]}, {addrs[1]}"
    else:
        sep = "," if not style.voice else ""
        surface = f"{addrs[0]}{sep} {addrs[1]}{sep if rng.random() < 0.5 else ''} and {addrs[2]}"
    return Fill(surface, ", ".join(addrs))


# ---------------------------------------------------------------- web
_BARE = """github youtube reddit amazon netflix twitter linkedin stackoverflow wikipedia gmail ebay etsy twitch
pinterest instagram facebook imdb medium espn cnn spotify duckduckgo bing yahoo figma trello dropbox
hacker news bbc notion archive""".split()
_BARE = [b for b in _BARE if b not in {"hacker", "news"}] + ["hacker news", "stack overflow", "google maps", "google drive",
                                                               "google docs", "youtube music", "disney plus", "prime video",
                                                               "the guardian", "whatsapp web"]
# Sites a person checks on ("check my github"): the page opens; mail and messages are not read (`[]`).
CHECKABLE = """github|reddit|twitter|linkedin|instagram|facebook|youtube|twitch|etsy|ebay|amazon|netflix|pinterest|
medium|notion|trello|figma|dropbox|stack overflow|google drive|hacker news|bbc|espn|imdb|duolingo""".replace("\n", "").split("|")
# Questions people hand to a search engine: the query is the whole question, as said.
QUESTIONS = """how tall is the eiffel tower|what is the capital of peru|why is the sky blue|when does the mall close|
how many calories are in a banana|who won the super bowl last year|what time does the pharmacy open|
how do I get red wine out of a carpet|is it safe to eat raw cookie dough|how long to boil an egg|
what's the best way to learn spanish|how far is the moon|who wrote pride and prejudice|
what does GDP stand for|how to make french toast|why do cats purr|where is the nearest post office|
what's the population of Tokyo|how old is Mick Jagger|how do you spell necessary|
what is the speed of light|which planet is the biggest|how to get rid of hiccups|
what are the symptoms of covid|how much does a tesla cost|best time to visit japan|
how do airplanes fly|what's a good substitute for eggs in baking|when is the next full moon|
how many ounces in a pound|who is the richest person in the world|how to screenshot on windows|
what does a product manager do|why is my wifi so slow|is tomato a fruit|how deep is the ocean""".replace("\n", "").split("|")
_DOMAINS_WEB = """github.com example.org example.com news.ycombinator.com bbc.co.uk docs.python.org maps.google.com
weather.com nytimes.com dev.to archive.org drive.google.com calendar.google.com notion.so figma.com
trello.com python.org pypi.org rust-lang.org kaggle.com arxiv.org huggingface.co wikipedia.org
en.wikipedia.org theverge.com booking.com airbnb.com zillow.com craigslist.org mozilla.org
developer.mozilla.org npmjs.com gitlab.com bitbucket.org openstreetmap.org w3schools.com
youtube.com gmail.com mail.google.com outlook.com outlook.live.com yahoo.com reddit.com amazon.com
cnn.com bbc.com theguardian.com reuters.com apnews.com nytimes.com washingtonpost.com news.google.com
docs.google.com docs.djangoproject.com docs.rs learn.microsoft.com docs.github.com kubernetes.io
readthedocs.org ebay.com etsy.com bestbuy.com walmart.com ikea.com target.com aliexpress.com
stackoverflow.com twitch.tv netflix.com linkedin.com x.com spotify.com amazon.co.uk ebay.de
espn.com weather.gov speedtest.net translate.google.com chatgpt.com icloud.com proton.me
web.whatsapp.com discord.com zoom.us slack.com canva.com duolingo.com coursera.org udemy.com""".split()
_PATHS = """example.org/login example.com/signup github.com/settings github.com/notifications
en.wikipedia.org/wiki/Python reddit.com/r/python news.ycombinator.com/newest example.com/cart
docs.python.org/3/library shop.example.com/orders mail.google.com/mail/u/0 youtube.com/feed/subscriptions
twitter.com/home example.org/account/settings portal.example.edu/grades""".split()


_NAMES_WEB = """youtube reddit github gmail wikipedia netflix twitch notion figma trello spotify duolingo
example acme mysite portfolio myblog coolstartup shopify substack medium tumblr stripe vercel netlify
openai anthropic mozilla kernel gnu debian ubuntu archlinux python nodejs golang rust-lang kotlinlang
weather bbc lemonde spiegel elpais nos tagesschau asahi news24 abc9 foodnetwork allrecipes
bandcamp soundcloud itch hackaday arstechnica wired techcrunch engadget producthunt""".split()
_TLDS = """com com com org net io dev ai co app me tv fm gg sh xyz de fr es it nl co.uk com.au ca jp in edu gov
info biz us eu ch se no dk pl br mx""".split()
_SUBS = ["www.", "docs.", "blog.", "mail.", "app.", "shop.", "news.", "m.", "api.", "status.", "en.", "my.", "learn."]
_WEB_PATHS = ["/login", "/signup", "/about", "/pricing", "/docs", "/settings", "/blog", "/cart", "/account",
              "/r/python", "/wiki/Main_Page", "/search", "/careers", "/contact", "/en/latest", "/feed"]


def _typed_domain(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice([d for d in _DOMAINS_WEB if d.count(".") == 1])
    host = f"{rng.choice(_NAMES_WEB)}.{rng.choice(_TLDS)}"
    if rng.random() < 0.25:
        host = rng.choice(_SUBS) + host
    if rng.random() < 0.2:
        host += rng.choice(_WEB_PATHS)
    return host


@parses(lambda said: cv.site_url(said) if re.fullmatch(r"(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?", said, re.I) else None)
def _domain(rng: random.Random, style: Style) -> Fill:
    """A domain typed by the user goes to exactly that domain: `youtube.com` -> https://youtube.com."""
    surface = _typed_domain(rng)
    if style.caps and "/" not in surface:
        return Fill(surface.upper(), cv.site_url(surface))
    return Fill(surface, cv.site_url(surface))


@parses(lambda said: [unquote(f) for f in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", said)] if re.search(r"\.\w+\b.*\.\w+", said) else None)
def _files(rng: random.Random, style: Style) -> Fill:
    """2-4 file names said as a list (`a.txt, b.txt and c.txt`); the value keeps their order."""
    names: list[str] = []
    while len(names) < rng.choice([2, 2, 3, 3, 4]):
        name = rng.choice([f for f in FILENAMES if " " not in f])
        if name not in names:
            names.append(name)
    joiner = rng.choice([" and ", ", and ", " & "]) if not style.voice else " and "
    sep = " " if style.voice and rng.random() < 0.3 else ", "
    surface = sep.join(names[:-1]) + (joiner if rng.random() < 0.8 else sep) + names[-1]
    return Fill(surface, names)


@parses(lambda said: cv.site_url(said) if said.lower() in _BARE or re.fullmatch(r"(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?", said) else None)
def _site(rng: random.Random, style: Style) -> Fill:
    r = rng.random()
    if r < 0.35:
        name = rng.choice(_BARE)
        surface = name if style.voice or rng.random() < 0.6 else name.title().replace("Github", "GitHub").replace("Youtube", "YouTube")
    elif r < 0.8:
        surface = rng.choice(_DOMAINS_WEB)
        if rng.random() < 0.1:
            surface = "www." + surface if surface.count(".") == 1 else surface
        if not style.voice and rng.random() < 0.07:
            surface = "https://" + surface
    else:
        surface = rng.choice(_PATHS)
    if style.caps and "/" not in surface:
        return Fill(surface.upper(), cv.site_url(surface))
    return Fill(surface, cv.site_url(surface))


QUERIES = """Python tutorials|best pizza near me|weather in Paris|how to tie a tie|cheap flights to Tokyo|rust vs go|
what is a LoRA adapter|pasta carbonara recipe|Taylor Swift tour dates|USB-C hub reviews|how tall is Mount Everest|
python list comprehension|convert celsius to fahrenheit|opening hours of the Louvre|best budget laptop 2024|
symptoms of the flu|how to fix a leaky faucet|news about SpaceX|javascript async await|Premier League table|
translate hello to Japanese|how to center a div|what time is it in Sydney|population of Canada|
banana bread recipe|cheap hotels in Rome|nearest pharmacy|Linux disk usage command|how to learn guitar|
electric cars 2025|the Great Gatsby summary|how do vaccines work|best hiking trails near Denver|
React useEffect cleanup|SQL join types|mortgage calculator|how to make cold brew|Kayas assistant|
flights from Berlin to London|who won the world cup in 2018|how many ounces in a cup|git rebase vs merge|
vegan lasagna|Docker compose tutorial|the meaning of serendipity|is it going to rain tomorrow|
Mars rover pictures|C++ smart pointers|tips for job interviews|how to write a cover letter|
used bikes for sale|Bitcoin price|what's a good name for a cat|history of the Roman empire|
how to say thank you in French|machine learning courses|Seattle coffee shops|LED vs OLED TV|
how to remove a stripped screw|Kubernetes pods explained|best sci-fi books|Marie Curie biography|
Django tutorial|React Native tutorial|watercolor painting tutorial|Excel pivot table tutorial|
iPhone 15 reviews|noise cancelling headphones reviews|Airbnb Lisbon reviews|standing desk reviews|
sushi near me|gas stations near me|vets open now near me|coffee shops near me|
chocolate chip cookie recipe|easy chili recipe|Thai green curry recipe|pancake recipe|
how to fix it|why is it raining|what is it like to live in Oslo|is it safe to fly today|
Python Tutorial|Best Laptops 2025|New York Times crossword|The Beatles discography|
how to archive emails in Gmail|how to delete a Facebook account|then vs than|best VPN services""".replace("\n", "").split("|")

VIDEO_QUERIES = """AI tutorials|lofi hip hop|how to change a tire|cat videos|guitar lessons for beginners|
Python for beginners|cooking pasta|yoga for beginners|SpaceX launch|Minecraft speedrun|movie trailers|
home workout 20 minutes|piano tutorial|funny dogs|TED talks on leadership|how to solder|Blender donut tutorial|
jazz piano live|news today|MKBHD phone review|drawing tutorial|origami crane|chess openings|
Premier League highlights|bread baking|Linux tips|sourdough starter|meditation music|Rust programming|
how to make pancakes|lofi|funny cats|minecraft|taylor swift live|react tutorial|how to knit a scarf|
best goals 2024|car reviews|Python decorators|saturday night live|dog training tips|
relaxing rain sounds|how to tie a tie|LoRA fine tuning|the office bloopers|Kurzgesagt|
world cup highlights|how to fix a bike chain|beginner guitar songs|asmr|NBA highlights|
10 minute ab workout|how to draw eyes|fortnite|mr beast|cooking with eggs|Japanese lessons""".replace("\n", "").split("|")

# ---------------------------------------------------------------- programs and processes
PROGRAMS: list[tuple[str, str]] = [
    ("chrome", "chrome"), ("Chrome", "chrome"), ("Google Chrome", "chrome"), ("firefox", "firefox"),
    ("Firefox", "firefox"), ("notepad", "notepad"), ("Notepad", "notepad"), ("VS Code", "code"),
    ("vscode", "code"), ("Visual Studio Code", "code"), ("code", "code"), ("the terminal", "terminal"),
    ("terminal", "terminal"), ("Terminal", "terminal"), ("the calculator", "calculator"), ("calculator", "calculator"),
    ("Spotify", "spotify"), ("spotify", "spotify"), ("Slack", "slack"), ("slack", "slack"), ("Discord", "discord"),
    ("Zoom", "zoom"), ("Teams", "teams"), ("Microsoft Teams", "teams"), ("Thunderbird", "thunderbird"),
    ("VLC", "vlc"), ("vlc", "vlc"), ("GIMP", "gimp"), ("Blender", "blender"), ("Inkscape", "inkscape"),
    ("LibreOffice", "libreoffice"), ("OBS", "obs"), ("Steam", "steam"), ("File Explorer", "explorer"),
    ("explorer", "explorer"), ("Word", "word"), ("Microsoft Word", "word"), ("Excel", "excel"),
    ("Microsoft Excel", "excel"), ("PowerPoint", "powerpoint"), ("Outlook", "outlook"), ("Paint", "paint"),
    ("MS Paint", "paint"), ("gedit", "gedit"), ("Kate", "kate"), ("Emacs", "emacs"), ("Postman", "postman"),
    ("PyCharm", "pycharm"), ("Edge", "edge"), ("Microsoft Edge", "edge"), ("Brave", "brave"), ("Opera", "opera"),
    ("Chromium", "chromium"), ("Obsidian", "obsidian"), ("Signal", "signal"), ("Telegram", "telegram"),
    ("Audacity", "audacity"), ("Krita", "krita"), ("Zotero", "zotero"), ("Anki", "anki"), ("Calibre", "calibre"),
    ("Wireshark", "wireshark"), ("VirtualBox", "virtualbox"), ("KeePassXC", "keepassxc"), ("Evince", "evince"),
    ("Thunar", "thunar"), ("Nautilus", "nautilus"), ("Task Manager", "taskmgr"), ("htop", "htop"),
]
BROWSERS: list[tuple[str, str]] = [p for p in PROGRAMS if p[1] in {"chrome", "firefox", "edge", "brave", "opera", "chromium"}]
PROCESSES = """vlc chrome firefox notepad zoom slack spotify teams discord steam python node java excel word code
obs gimp blender thunderbird postman electron docker dropbox onedrive skype outlook signal telegram audacity
java python3 ruby gradle nginx postgres redis mysqld""".split()

SHELL = """df -h|ls -la|git status|git pull|pip list|python --version|uptime|free -m|whoami|ping -c 4 google.com|
docker ps|npm install|make test|du -sh ~/Downloads|cat /etc/os-release|uname -a|ipconfig|nvidia-smi|
echo hello|mkdir backups|tar -czf backup.tar.gz docs|grep -r TODO src|git log --oneline -5|sudo apt update|
systemctl status nginx|ls ~/Documents|pwd|date|cal|npm run build|cargo build --release|pytest -q|
git checkout -b feature/login|python3 manage.py migrate|curl -I https://example.com|wc -l notes.txt|
find . -name '*.log'|brew upgrade|docker compose up -d|kubectl get pods|ssh -V|
ls -lh /var/log|git branch -a|node --version|java -version|rm -rf build|chmod +x deploy.sh|./deploy.sh|
echo $PATH|head -n 20 server.log|sort names.txt|netstat -tulpn|lsblk|hostname""".replace("\n", "").split("|")
SHELL += ["history | tail -5", "ps aux | grep python", "cat notes.txt | wc -w"]
# Bare command words and short command lines: `run uptime` is a shell command, not a program to start.
SHELL_WORDS = ["uptime", "whoami", "htop", "top", "ls", "pwd", "date", "free -m", "ps aux", "make", "npm test",
               "pytest", "df -h", "uname -a", "hostname", "ls -la", "make test", "ps", "who", "w", "clear"]

# ---------------------------------------------------------------- windows
WINDOWS = """Notepad|Settings|Display Settings|Sign In|Save As|Print|Calculator|File Explorer|Downloads|Task Manager|
Control Panel|Sound Settings|Network Connections|Bluetooth|Preferences|About|Find and Replace|Open File|
Untitled - Notepad|Document1 - Word|Inbox - Outlook|Slack|Spotify|Terminal|System Properties|Device Manager|
Windows Update|Software Update|Firefox Preferences|Chrome Settings|Print Preview|Options|Font|Page Setup|
New Message|Compose|Login|Log In|Welcome|Setup|Installer|Zoom Meeting|Microsoft Teams|Calendar|Mail|Photos|
Properties|Confirm Delete|Error|Warning|Password|Account Settings|Privacy Settings|Keyboard Shortcuts|
Color Picker|Export|Import Wizard|Visual Studio Code|Discord|Activity Monitor|Disk Utility|Date and Time|
Power Options|Mouse Properties|Printers and Scanners|Remote Desktop Connection|Run|Search|Save Changes""".replace("\n", "").split("|")

BUTTONS = """OK|Cancel|Apply|Save|Don't Save|Yes|No|Next|Back|Finish|Install|Sign In|Log In|Submit|Close|Retry|Allow|
Deny|Continue|Accept|Open|Browse|Delete|Send|Reply|Update Now|Restart Later|Restart Now|Skip|Done|Connect|
Disconnect|Refresh|Search|Print|Export|Import|Upload|Download|Share|Undo|Remind Me Later|Agree|I Agree|Got It|
Join|Start|Stop|Pause|Resume|Confirm|Remove|Add|Edit|Copy|Paste|More Options|Advanced|Details|Help|
Save As|Replace All|Find Next|Forward|Archive|Run|End Task|Check for Updates|Change|Reset|Enable|Disable""".replace("\n", "").split("|")

# Keys of a calculator or keypad: the button's name is exactly what was said (`7`, `+`, `=`, `Plus`).
CALC_KEYS = list("0123456789") + ["+", "-", "*", "/", "=", ".", "%", "×", "÷", "±", "C", "CE", "AC", "x²", "√", "(", ")",
                                  "plus", "minus", "equals", "times", "divide", "multiply", "clear", "backspace",
                                  "percent", "square root", "decimal point", "negate", "memory clear", "M+"]
CALC_WINDOWS = ["Calculator", "calculator", "Calc", "calc", "Keypad", "Phone", "Dialer", "Numpad"]


def _calc_window(rng: random.Random, style: Style) -> Fill:
    said = rng.choice(CALC_WINDOWS)
    value = cv.title_case(said)
    return Fill(said.upper() if style.caps else said, value)


def _calc_key(rng: random.Random, style: Style) -> Fill:
    key = rng.choice(CALC_KEYS)
    surface = key.upper() if style.caps and key.isalpha() else key
    return Fill(surface, cv.title_case(key))


FIELDS = """Password|Username|Email|Search|Name|First Name|Last Name|Address|Phone|Subject|Message|To|Comment|Title|
Description|Amount|Date|City|Zip Code|URL|File Name|Notes|Find What|Replace With|Server|Port|Code|Display Name""".replace("\n", "").split("|")

TYPED = """hello|hunter2|Hello there|alice@example.com|my secret pass|42|123 Main Street|Thanks for your help!|
report.pdf|Meeting at 3pm|smith|john.doe|Berlin|10115|https://example.com|Dear Sir or Madam,|
see you tomorrow|Q3 planning notes|correct horse battery staple|5 apples and 2 pears|yes|admin|
I'll be there in 10 minutes|print('hi')|Best regards, Ana|2024-06-30|+1 555 0100|Lorem ipsum dolor sit amet|
call me back|the quick brown fox|order #5521|My New Document|weekly sync|todo: review, merge, deploy|
it's me|Hello World|Dear John|see attached|fix it|Quarterly Report|details below|I'll be there then|
John Smith|Project Apollo|Bring it back tomorrow|New York|tutorial""".replace("\n", "").split("|")

# ---------------------------------------------------------------- browser steps
CLICKABLE = """Join|Sign in|Login|Log in|Accept all cookies|Next|Search|Add to cart|Checkout|Subscribe|Submit|
Continue|Sign up|Download|Learn more|Buy now|Register|Load more|Reply|Post|Save|Send|Get started|
I agree|Play|Read more|Settings|Profile|Log out|Confirm|Apply|Book now|Compose|Star""".replace("\n", "").split("|")
WEB_FIELDS = """email|username|password|search|name|first name|last name|phone|message|comment|address|city|
zip|coupon|query|title|company""".replace("\n", "").split("|")
WEB_VALUES = """me@x.io|bob@example.com|hunter2|bob|Alice Smith|Python tutorials|555 0199|Great article!|
Berlin|SAVE10|kayas|Hello, I'd like a quote|12 Oak Road|94103|ACME Inc|running shoes|alice_w|
correct horse battery staple|laptop stand|Jane""".replace("\n", "").split("|")
KEYS: list[tuple[str, str]] = [
    ("Enter", "Enter"), ("enter", "Enter"), ("return", "Enter"), ("tab", "Tab"), ("Tab", "Tab"),
    ("escape", "Escape"), ("Escape", "Escape"), ("esc", "Escape"), ("the down arrow", "ArrowDown"),
    ("the up arrow", "ArrowUp"), ("page down", "PageDown"), ("page up", "PageUp"), ("space", "Space"),
    ("the spacebar", "Space"), ("backspace", "Backspace"), ("F5", "F5"), ("home", "Home"), ("end", "End"),
]
SHOTS = """python_search.png|gh.png|page.png|screenshot.png|home.png|results.png|login_page.png|cart.png|
news.png|shot1.png|before.png|after.png|wiki.png|profile.png|error.png|homepage.jpg|weather.png|
bug_report.png|dashboard.png|signup.png|
yt.png|search.png|google_results.png|test.png|final.png|checkout.png|shot.png|site.jpg|page1.png|
capture.png|inbox.png|mail.png|news_today.png|amazon.png|screen1.png|results_page.png|form.png|
login|homepage|results|before|after|capture""".replace("\n", "").split("|")

# ---------------------------------------------------------------- clipboard
COPY_PAIRS: list[tuple[str, str]] = [
    ("phone number", "555 0199"), ("phone number", "+44 20 7946 0958"), ("address", "12 Main St, Springfield"),
    ("email", "ana@example.com"), ("wifi password", "sunflower42"), ("zip code", "94103"), ("order number", "A-55821"),
    ("tracking number", "1Z999AA10123456784"), ("IBAN", "DE89 3704 0044 0532 0130 00"), ("username", "jdoe_88"),
    ("meeting link", "https://zoom.us/j/123456"), ("room number", "B-204"), ("license key", "XKCD-1234-ABCD"),
    ("flight number", "LH 2024"), ("booking code", "QX7P2M"), ("account number", "0042 1187"),
]
COPY_TEXT = """hello world|see you at 8|The meeting is at 3pm in room 4|git clone https://github.com/kayas/kayas|
Thanks, talk soon!|42|pip install kayas|I'm running late, start without me|ok|192.168.1.10|
Dear hiring manager,|npm run dev|lorem ipsum|https://example.com/docs|SELECT * FROM users;|
Happy birthday! 🎉|Best, Sam|500 grams of flour, 2 eggs and a pinch of salt|done and done|2024-07-01|
I'll send it tonight|Quarterly Report Q3|banana bread recipe|see below|it arrived broken|
Vacation Request|meet me at the Main Entrance|then press enter""".replace("\n", "").split("|")

# ---------------------------------------------------------------- music
SONGS: list[tuple[str, str]] = [
    ("Bohemian Rhapsody", "Queen"), ("Blinding Lights", "The Weeknd"), ("Hello", "Adele"), ("Yesterday", "The Beatles"),
    ("Shape of You", "Ed Sheeran"), ("Clair de Lune", "Debussy"), ("Lose Yourself", "Eminem"), ("Halo", "Beyonce"),
    ("Smells Like Teen Spirit", "Nirvana"), ("Billie Jean", "Michael Jackson"), ("Take Five", "Dave Brubeck"),
    ("Levitating", "Dua Lipa"), ("Wonderwall", "Oasis"), ("Bad Guy", "Billie Eilish"), ("Hotel California", "Eagles"),
    ("Rolling in the Deep", "Adele"), ("Anti-Hero", "Taylor Swift"), ("Redbone", "Childish Gambino"),
    ("Dancing Queen", "ABBA"), ("Imagine", "John Lennon"), ("Uptown Funk", "Bruno Mars"), ("Africa", "Toto"),
    ("Karma Police", "Radiohead"), ("As It Was", "Harry Styles"), ("Flowers", "Miley Cyrus"),
    ("Get Lucky", "Daft Punk"), ("So What", "Miles Davis"), ("Jolene", "Dolly Parton"), ("Riptide", "Vance Joy"),
    ("Superstition", "Stevie Wonder"), ("Thunderstruck", "AC/DC"), ("Despacito", "Luis Fonsi"),
    ("Feeling Good", "Nina Simone"), ("HUMBLE.", "Kendrick Lamar"), ("Mr. Brightside", "The Killers"),
    ("Jingle Bells", "Frank Sinatra"), ("Last Christmas", "Wham!"), ("All I Want for Christmas Is You", "Mariah Carey"),
    ("Silent Night", "Bing Crosby"), ("Let It Snow", "Dean Martin"), ("Tum Hi Ho", "Arijit Singh"),
    ("Kesariya", "Arijit Singh"), ("Jai Ho", "A. R. Rahman"), ("Dynamite", "BTS"), ("Gangnam Style", "PSY"),
    ("Waka Waka", "Shakira"), ("Hips Don't Lie", "Shakira"), ("Essence", "Wizkid"), ("Last Last", "Burna Boy"),
    ("Alors on danse", "Stromae"), ("Perfect", "Ed Sheeran"), ("Don't Stop Me Now", "Queen"),
    ("Sweet Child O' Mine", "Guns N' Roses"), ("Livin' on a Prayer", "Bon Jovi"), ("In the End", "Linkin Park"),
    ("Wake Me Up", "Avicii"), ("Someone Like You", "Adele"), ("Shallow", "Lady Gaga"), ("Baby", "Justin Bieber"),
    ("Thank U, Next", "Ariana Grande"), ("My Heart Will Go On", "Celine Dion"), ("I Will Always Love You", "Whitney Houston"),
    ("Fly Me to the Moon", "Frank Sinatra"), ("Can't Help Falling in Love", "Elvis Presley"),
    ("Born to Run", "Bruce Springsteen"), ("With or Without You", "U2"), ("Stairway to Heaven", "Led Zeppelin"),
    ("Happy", "Pharrell Williams"), ("Let It Be", "The Beatles"), ("Hey Ya!", "OutKast"), ("Cruel Summer", "Taylor Swift"),
    ("Careless Whisper", "George Michael"), ("Take On Me", "a-ha"), ("Gasolina", "Daddy Yankee"),
    ("For the Longest Time", "Billy Joel"), ("Three Little Birds", "Bob Marley"), ("Heat Waves", "Glass Animals"),
]
ARTISTS = sorted({a for _, a in SONGS} | set("""Coldplay|Drake|Norah Jones|Bach|Hans Zimmer|Fleetwood Mac|
Arctic Monkeys|Bad Bunny|BTS|Lana Del Rey|Pink Floyd|Kanye West|SZA|Tame Impala|Frank Ocean|Metallica|
Ludovico Einaudi|Bob Marley|Olivia Rodrigo|Post Malone|Rihanna|The Rolling Stones|Chopin|Ella Fitzgerald|
Shreya Ghoshal|Atif Aslam|Burna Boy|Rosalia|Karol G|Stromae|Sia|Imagine Dragons|Maroon 5|Bruno Mars|Shawn Mendes|
Doja Cat|Travis Scott|Kendrick Lamar|Eminem|Linkin Park|Green Day|Oasis|Blur|The Cure|Depeche Mode|Mozart|
Beethoven|Vivaldi|Yiruma|Joe Hisaishi|Miles Davis|John Coltrane|Louis Armstrong|Johnny Cash|Dolly Parton|
Kacey Musgraves|Morgan Wallen|Luke Combs|Nirvana|Foo Fighters|Red Hot Chili Peppers|Arijit Singh|Lata Mangeshkar|
Fela Kuti|Celia Cruz|Buena Vista Social Club|Enya|Andrea Bocelli|Michael Buble|Pitbull|Bee Gees|Elton John|
Queen|David Bowie|Prince|Madonna|Whitney Houston|Mariah Carey|Harry Styles|Ed Sheeran|Phoebe Bridgers|Hozier""".replace("\n", "").split("|")))
GENRES = """chill lofi|jazz|classical music|lofi beats|rock|hip hop|ambient music|80s hits|indie folk|
workout music|piano music|reggae|country|techno|house music|metal|blues|k-pop|bossa nova|study music|
sleep sounds|rain sounds|white noise|christmas music|90s rap|synthwave|acoustic covers|focus music|
upbeat pop|sad songs|party music|deep house|soul|disco|latin music|relaxing jazz|podcast music|
rock music|jazz music|christmas songs|carols|love songs|bollywood songs|bollywood music|afrobeats|reggaeton|
punk rock|grunge|opera|gospel|r&b|old school hip hop|70s disco|60s music|oldies|golden oldies|dance music|edm|
drum and bass|dubstep|trap|salsa|flamenco|celtic music|meditation music|nature sounds|ocean sounds|lullabies|
kids songs|nursery rhymes|movie soundtracks|video game music|anime songs|j-pop|cumbia|samba|bluegrass|
classic rock|soft rock|indie rock|alternative|chillhop|jazz for studying|coffee shop jazz|summer hits|
road trip songs|happy music|something relaxing|something upbeat|background music|dinner music|top 40""".replace("\n", "").split("|")
PLAYLISTS = """Discover Weekly|Release Radar|Daily Mix 1|Liked Songs|Chill Vibes|Deep Focus|Workout|Road Trip|
Morning Coffee|Dinner Party|Throwback Thursday|Summer 2023|Sleep|Rap Caviar|Today's Top Hits|Running|
party|party songs|gym|chill|study|jam session|sunday morning|cooking|road trip|wedding|bedtime|focus|
Favourites|favorites|Oldies|Christmas|Rainy Day|Late Night""".replace("\n", "").split("|")


def _parse_music(said: str) -> str:
    """The query: what names the music, less "some", "my", "the song (called)" and "the ... song"."""
    said = re.sub(r"^(some|a bit of|something by|songs by|music by|a song by|anything by)\s+", "", said, flags=re.I)
    said = re.sub(r"^the (song|track|tune)\s+((called|named|titled)\s+)?", "", said, flags=re.I)
    said = re.sub(r"^the (.+) (song|track)$", r"\1", said, flags=re.I)
    said = re.sub(r"^(my|the) playlist (called |named )?(.+)$", r"\3 playlist", said, flags=re.I)
    return re.sub(r"^(my|the)\s+(.+ playlist)$", r"\2", said, flags=re.I)


# Bands and artists whose name holds "and", "the" or several words: the query keeps the name whole.
ARTISTS_LONG = """Earth, Wind & Fire|Florence and the Machine|Simon and Garfunkel|Hall and Oates|Mumford and Sons|
Of Monsters and Men|The Chainsmokers|Twenty One Pilots|Rage Against the Machine|Kool and the Gang|
Belle and Sebastian|The Black Eyed Peas|Crosby, Stills and Nash|The Beach Boys|The Red Hot Chili Peppers|
Arijit Singh|Shreya Ghoshal|Lata Mangeshkar|Nusrat Fateh Ali Khan|A. R. Rahman|Bob Marley and the Wailers|
Tom Petty and the Heartbreakers|Marvin Gaye|Aretha Franklin|Stevie Wonder|Fleetwood Mac|The Weeknd|
The Beatles|The Rolling Stones|The Doors|The Police|The Smiths|The Strokes|The Killers|The Cure|
Lynyrd Skynyrd|Creedence Clearwater Revival|Wu-Tang Clan|A Tribe Called Quest|Guns N' Roses|
Ed Sheeran|Taylor Swift|Billie Eilish|Lady Gaga|Bruno Mars|Justin Bieber|Ariana Grande|Olivia Rodrigo""".replace("\n", "").split("|")
MOVIES = """the Lion King|Frozen|Interstellar|Star Wars|Harry Potter|the Greatest Showman|Moana|Top Gun|Encanto|
La La Land|Pulp Fiction|Guardians of the Galaxy|Dirty Dancing|Grease|Titanic|the Godfather|Inception|Barbie|
Mamma Mia|the Sound of Music|Lord of the Rings|Jurassic Park|Rocky|Trolls|Coco|the Little Mermaid|
Stranger Things|Game of Thrones|the Witcher|Zelda|Minecraft|Final Fantasy""".replace("\n", "").split("|")
DECADES = ["the 60s", "the 70s", "the 80s", "the 90s", "the 2000s", "the sixties", "the seventies", "the eighties",
           "the nineties", "the 50s", "the 2010s"]


def _music_phrase(rng: random.Random) -> str:
    """A query said as one span that keeps every word: a soundtrack, hits of a decade, a
    version of a song, a band with "and" or "the" in its name."""
    song, artist = rng.choice(SONGS)
    movie, decade = rng.choice(MOVIES), rng.choice(DECADES)
    return rng.choice([
        f"{movie} soundtrack", f"the {movie} soundtrack".replace("the the ", "the "), f"music from {movie}",
        f"songs from {movie}", f"the soundtrack from {movie}".replace("from the the", "from the"),
        f"hits from {decade}", f"{decade} hits", f"the best of {decade}", f"music from {decade}",
        f"the greatest hits of {artist}", f"the best of {artist}", f"{artist}'s greatest hits", f"{artist} greatest hits",
        f"karaoke version of {song}", f"the karaoke version of {song}", f"{song} karaoke", f"{song} instrumental",
        f"an acoustic version of {song}", f"{song} acoustic", f"{song} remix", f"the live version of {song}",
        f"{song} {artist}", f"{artist} {song}", f"{song} from {artist}", f"{artist}'s {song}",
        rng.choice(ARTISTS_LONG), rng.choice(ARTISTS_LONG), f"{song} by {rng.choice(ARTISTS_LONG)}",
        "the top 40", "today's top hits", "the top 50", "the charts", "the number ones from 1985", f"top hits of {decade}",
        f"{rng.choice(GENRES)} from {decade}", f"{rng.choice(['christmas', 'rock', 'dance', 'love', 'disco'])} songs from {decade}",
        f"the new {artist} album", f"the latest {artist} album", f"{artist}'s new album", f"{artist}'s latest single",
    ])


@parses(_parse_music)
def _music(rng: random.Random, style: Style) -> Fill:
    """What to play, as said; `some`/`a bit of` and `my` are not part of the query."""
    r = rng.random()
    if r < 0.26:
        song, artist = rng.choice(SONGS)
        text = f"{song} by {artist}" if rng.random() < 0.5 else song
        surface = value = text
        form = rng.random()
        if form < 0.12:
            surface = f"the {song} song"
            value = song
        elif form < 0.24:
            surface = rng.choice(["the song ", "the song called ", "the track "]) + text
    elif r < 0.42:
        surface = value = rng.choice(ARTISTS)
        if rng.random() < 0.3:
            surface = rng.choice(["some ", "a bit of ", "something by ", "songs by ", "music by ", "a song by ",
                                  "anything by "]) + value
    elif r < 0.64:
        value = rng.choice(GENRES)
        surface = (rng.choice(["some ", "a bit of ", "", ""]) + value)
    elif r < 0.84:
        surface = value = _music_phrase(rng)
    else:
        name = rng.choice(PLAYLISTS)
        value = f"{name} playlist"
        surface = rng.choice([f"my {name} playlist", f"the {name} playlist", f"{name} playlist", f"my playlist {name}",
                              f"the playlist called {name}"])
    if style.voice:
        surface, value = spoken(surface), spoken(value)
    if style.caps:
        surface, value = surface.upper(), _parse_music(surface.upper())
    return Fill(surface, value)


@parses(lambda said: said)
def _music_bare(rng: random.Random, style: Style) -> Fill:
    """A genre or an artist with nothing before it (after "play sum", "start my ..."): carried as said."""
    surface = rng.choice(GENRES) if rng.random() < 0.6 else rng.choice(ARTISTS + ARTISTS_LONG)
    if style.voice:
        surface = spoken(surface)
    if style.caps:
        surface = surface.upper()
    return Fill(surface, surface)


@parses(lambda said: re.sub(r"^(my|the)\s+", "", said, flags=re.I) + " playlist")
def _playlist_name(rng: random.Random, style: Style) -> Fill:
    """`start my road trip playlist`: the slot is the name; the query is `<name> playlist`."""
    name = rng.choice(PLAYLISTS)
    if style.voice:
        name = spoken(name)
    if style.caps:
        name = name.upper()
    return Fill(name, f"{name} {'PLAYLIST' if style.caps else 'playlist'}")


# ---------------------------------------------------------------- slack and search
CHANNELS = """general random design engineering dev marketing sales support ops devops frontend backend
announcements team-alpha proj-kayas hiring standup incidents releases qa data-science product leadership
social help-desk watercooler bugs infra mobile ios android finance legal""".split()


@parses(lambda said: cv.channel_name(said) if re.fullmatch(r"#?[\w-]+", said) else None)
def _channel(rng: random.Random, style: Style) -> Fill:
    name = rng.choice(CHANNELS)
    hashed = not style.voice and rng.random() < 0.75
    surface = f"#{name}" if hashed else name
    return Fill(surface.upper() if style.caps else surface, cv.channel_name(name))


SLACK_QUERIES = """deploy notes|Q3 roadmap|offsite|API keys|release 2.3|budget approval|standup notes|
outage|design review|holiday schedule|onboarding doc|invoice|password reset|
customer feedback|sprint planning|lunch order|contract|hiring plan|bug 4411|staging server|
launch date|performance review|demo|VPN|new logo""".replace("\n", "").split("|")
LOCAL_QUERIES = """lease agreement|tax return|invoice from March|passport scan|vacation photos|resume|budget spreadsheet|
meeting notes|the wedding speech|car insurance|birth certificate|thesis draft|recipe for lasagna|
project proposal|bank statements|Q3 report|cover letter|lecture slides|gym schedule|warranty card|
pay stubs|kayas notes|Python scripts|rental contract|medical records|phone bill|apartment photos|
job offer letter|book notes|travel itinerary|conference talk|performance review|old diary|
electricity bill|contacts export|class schedule|mortgage documents|todo list""".replace("\n", "").split("|")
_DET = ["the ", "my ", "", ""]


def _with_det(items: list[str]) -> Sampler:
    """A noun phrase said with or without `the`/`my`; the value drops the determiner."""

    @parses(lambda said: re.sub(r"^(the|my)\s+", "", unquote(said), flags=re.I))
    def sample(rng: random.Random, style: Style) -> Fill:
        text = rng.choice(items)
        if style.voice:
            text = spoken(text)
        if style.caps:
            text = text.upper()
        det = rng.choice(_DET)
        return Fill((det.upper() if style.caps else det) + text, text)

    return sample


def _number(lo: int, hi: int, words: bool = True) -> Sampler:
    names = {v: k for k, v in cv.number_words().items() if " " not in k}

    def parse(said: str) -> int | None:
        try:
            return cv.number_value(said)
        except KeyError:
            return None

    @parses(parse)
    def sample(rng: random.Random, style: Style) -> Fill:
        n = rng.randint(lo, hi)
        if words and n in names and (style.voice or rng.random() < 0.4):
            return Fill(names[n], n)
        return Fill(str(n), n)

    return sample


@parses(lambda said: float(v) if (v := _number(0, 0).parse(said)) is not None else None)
def _seconds(rng: random.Random, style: Style) -> Fill:
    n = _number(1, 10)(rng, style)
    return Fill(n.surface, float(n.value))


_DESCS = "|".join(sorted({re.escape(d) for d, _ in COPY_PAIRS}, key=len, reverse=True))


@parses(lambda said: m.group(2) if (m := re.match(rf"^(my |the )?(?:{_DESCS}) (.+)$", said)) else None)
def _copy_described(rng: random.Random, style: Style) -> Fill:
    desc, text = rng.choice(COPY_PAIRS)
    return Fill(f"{rng.choice(['my ', 'the ', ''])}{desc} {text}", text)


_PROGRAM_TABLE = {s.lower(): v for s, v in PROGRAMS}


@parses(lambda said: (_PROGRAM_TABLE[said.lower()], cv.title_case(said)) if said.lower() in _PROGRAM_TABLE else None)
def _program_window(rng: random.Random, style: Style) -> Fill:
    """A program said by name; the value is (program, its window's title as said)."""
    surface, program = rng.choice([p for p in PROGRAMS if not p[0].startswith("the ")])
    if style.voice:
        surface = surface.lower()
    if style.caps:
        return Fill(surface.upper(), (program, cv.title_case(surface.lower())))
    return Fill(surface, (program, cv.title_case(surface)))


# ---------------------------------------------------------------- lists, documents, apps, news (round 6)
_LIST_NOUNS = """todo|to-do|to do|shopping|grocery|packing|reading|wish|chores|errands|gift|guest|bucket|
movies|books|christmas|birthday|party|camping|baby|wedding|work todo|weekly shopping|holiday packing""".replace("\n", "").split("|")


def _list_name(articles: list[str], nouns: list[str] = _LIST_NOUNS) -> Sampler:
    """A list named by its purpose (`my shopping list`, `a new packing list`) -> `<purpose>.txt`."""
    lead = re.compile(r"^(%s)\s" % "|".join(sorted({w for a in articles for w in a.split()} | {"an"})))

    @parses(lambda said: cv.purpose_filename(said) if lead.match(said) and said.lower().endswith("list") else None)
    def sample(rng: random.Random, style: Style) -> Fill:
        art = rng.choice(articles)
        noun = rng.choice(nouns)
        if art in {"a", "an"}:
            art = "an" if noun[0] in "aeiou" else "a"
        surface = f"{art} {noun} list"
        return Fill(surface.upper() if style.caps else surface, cv.purpose_filename(surface))

    return sample


LIST_ITEMS = """eggs|milk|oat milk|bread|bananas|coffee|tea bags|pasta|rice|tomatoes|onions|cheese|butter|yoghurt|
dog food|cat litter|toilet roll|bin bags|washing up liquid|AA batteries|sunscreen|shampoo|olive oil|avocados|
a birthday card for Ana|call the plumber|renew my passport|book the dentist|fix the bike|pay the water bill|
email the landlord|return the library books|pick up the dry cleaning|sort out the car insurance|buy a new kettle|
wrap the presents|phone charger|passport|swimsuit|hiking boots|the Hobbit|Dune|clean the gutters|
two pints of milk|a dozen eggs|gluten free bread|chocolate|wine for Saturday|nappies|kitchen roll|lemons|
garlic|chicken thighs|frozen peas|cereal|ice cream|crisps|a new toothbrush|light bulbs|plasters""".replace("\n", "").split("|")

DOCS = """CV|resume|cover letter|lease|lease agreement|tax return|2023 tax return|tax returns|recipe for banana bread|
lasagna recipe|recipes|wedding photos|holiday photos|photos of the beach|photos from Rome|pictures of the dog|
passport scan|payslips|bank statements|essay|thesis|dissertation|slides from the meeting|budget spreadsheet|
insurance documents|car insurance|home insurance policy|invoice from the plumber|receipts|warranty|
manual for the dishwasher|lecture notes|meeting minutes|employment contract|birth certificate scan|boarding pass|
concert tickets PDF|expenses spreadsheet|phone bill|electricity bill|rental agreement|MOT certificate|
job application|reference letter|mortgage statement|P60|driving licence scan|school report|
photos of the kids|baby photos|screenshots|notes from the lecture|book draft|wedding speech""".replace("\n", "").split("|")

_NEWS_DOMAINS = """bbc.co.uk|bbc.com|cnn.com|theguardian.com|reuters.com|nytimes.com|apnews.com|news.google.com|
espn.com|news.ycombinator.com|theverge.com|npr.org|aljazeera.com|bloomberg.com|ft.com|skysports.com|
foxnews.com|techcrunch.com|bbc.co.uk/news|bbc.co.uk/sport|washingtonpost.com|politico.com|wired.com|
reddit.com/r/worldnews|news.sky.com""".replace("\n", "").split("|")
NEWS_QUERIES = """today's headlines|the latest news|news about the election|top stories today|football scores|
premier league scores|trending topics|latest tech news|election results|bbc news live|stock market news|
news in Leeds|breaking news|what's trending on twitter|nba scores tonight|world news today|
the latest on the strike|weather warnings today""".replace("\n", "").split("|")

APP_WINDOWS = """Word|Microsoft Word|Google Docs|Excel|PowerPoint|Zoom|Teams|Outlook|Photoshop|LibreOffice Writer|
Google Sheets|Zoom Meeting|Document1 - Word|Book1 - Excel|Presentation1""".replace("\n", "").split("|")
APP_BUTTONS = """Page Break|Bold|Italic|Insert|Table of Contents|Track Changes|Merge Cells|Share|Mute|Unmute|
Format Painter|Wrap Text|Freeze Panes|Pivot Table|Review|Layout|Design|New Slide|Start Video|Stop Video|
Share Screen|Leave|Raise Hand|Send|Reply All|Spelling|Word Count|Header|Page Numbers|Sort|Filter""".replace("\n", "").split("|")


POOLS: dict[str, Sampler] = {
    "progwin": _program_window,
    "file": _file,
    "textfile": _picked(TEXT_FILES),
    "mediafile": _picked(MEDIA_FILES),
    "picture": _picked([f for f in MEDIA_FILES if f.rsplit(".", 1)[-1] in {"png", "jpg", "jpeg", "gif"}]),
    "videofile": _picked([f for f in MEDIA_FILES if f.rsplit(".", 1)[-1] in {"mp4", "mov"}]),
    "docfile": _picked([f for f in MEDIA_FILES if f.rsplit(".", 1)[-1] in {"pdf", "docx", "xlsx", "pptx", "odt", "doc", "xls"}]),
    "purpose": _purpose(["a", "a", "a new", "an empty", "a blank"]),
    "mypurpose": _purpose(["my", "the", "my", "the"]),
    "note": as_said(NOTES, quote=0.35),
    "message": as_said(MESSAGES, quote=0.2),
    "subject": as_said(SUBJECTS, quote=0.15),
    "stepbody": as_said(STEP_BODIES, quote=0.15),
    "email": _email,
    "emails": _emails,
    "site": _site,
    "query": as_said(QUERIES, quote=0.1),
    "question": as_said(QUESTIONS),
    "checkable": mapped([(n, cv.site_url(n)) for n in CHECKABLE]),
    "video": as_said(VIDEO_QUERIES, quote=0.1),
    "program": mapped(PROGRAMS),
    "browser": mapped(BROWSERS),
    "process": mapped([(p, p) for p in PROCESSES] + [(p.capitalize(), p) for p in PROCESSES[:20]]),
    "progbare": mapped([(s, v) for s, v in PROGRAMS if not s.startswith("the ")]),
    "shell": verbatim(SHELL, quote=0.2),
    "shellword": verbatim(SHELL_WORDS),
    "progapp": mapped([(s, v) for s, v in PROGRAMS if not s.startswith("the ") and v not in SHELL_WORDS]),
    "domain": _domain,
    "files": _files,
    "window": titled(WINDOWS),
    "button": titled(BUTTONS),
    "field": titled(FIELDS),
    "typed": as_said(TYPED, quote=0.3),
    "clickable": verbatim(CLICKABLE),
    "webfield": verbatim(WEB_FIELDS),
    "webvalue": verbatim(WEB_VALUES),
    "key": mapped(KEYS, lower_in_voice=False),
    "shot": verbatim(SHOTS),
    "copytext": as_said(COPY_TEXT, quote=0.3),
    "copydesc": _copy_described,
    "typeddesc": described([("the password hunter2", "hunter2"), ("my email alice@example.com", "alice@example.com"),
                         ("the code 4471", "4471"), ("the name Smith", "Smith"), ("my username jdoe_88", "jdoe_88"),
                         ("the address 12 Oak Road", "12 Oak Road"), ("the amount 250", "250"),
                         ("the password correct horse", "correct horse")]),
    "music": _music,
    "musicbare": _music_bare,
    "plname": _playlist_name,
    "channel": _channel,
    "slackq": _with_det(SLACK_QUERIES),
    "localq": _with_det(LOCAL_QUERIES),
    "localbare": as_said(LOCAL_QUERIES),
    "page": verbatim(["signup", "login", "sign in", "checkout", "contact", "settings", "search", "account",
                      "registration", "home", "newsletter", "profile"]),
    "limit": _number(1, 20),
    "calckey": _calc_key,
    "calcwin": _calc_window,
    "seconds": _seconds,
    "listname": _list_name(["my", "the", "my", "the"]),
    "newlist": _list_name(["a", "a", "a new", "an empty"]),
    "listitem": as_said(LIST_ITEMS, quote=0.15),
    "doc": as_said(DOCS),
    "newsdomain": mapped([(d, cv.site_url(d)) for d in _NEWS_DOMAINS]),
    "newsq": as_said(NEWS_QUERIES, quote=0.1),
    "appwindow": titled(APP_WINDOWS),
    "appbutton": titled(APP_BUTTONS),
}
