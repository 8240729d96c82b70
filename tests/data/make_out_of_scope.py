"""A hand-written held-out set of requests that Kayas has no tool for, plus near-misses.

Written from TOOLS.md and the README's conventions only: not from the training-data generator,
the other hand-written sets or any public intent corpus, so it measures whether the brain knows
what it cannot do. Commands are phrased the way people talk and type to a desktop or phone
assistant (terse, polite, voice-style lowercase, fillers, some misspelt verbs).

- ``out_of_scope``: requests no Kayas tool can serve (calendars, alarms, lights, weather, ...),
  grouped by domain; every one is labelled ``[]``.
- ``near_miss``: requests in or right next to a tool's domain where the nearest tool is wrong
  ("switch off the kitchen light" is not a window; "check my mail" is not ``email.send``), or
  where the right answer is a read-only tool ("what song is this"). Labelled ``[]`` or with
  that read-only call.

Committed before any brain was scored on it; do not tune data or prompts to it.

    .venv/bin/python tests/data/make_out_of_scope.py     # writes tests/data/out_of_scope.jsonl
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import SYSTEM_PROMPT
from kayas.registry import Registry
from kayas.tools import BUILTIN_MODULES

sys.path.insert(0, str(Path(__file__).parent))
from heldout_common import relabel_round3  # noqa: E402  (a sibling helper)

OUT = Path(__file__).with_name("out_of_scope.jsonl")
Plan = list[dict[str, Any]]

# The tools a near-miss may be labelled with: they read, they change nothing.
READ_ONLY = {
    "process.get_system_info", "process.list_processes", "clipboard.paste_text", "clipboard.get_history",
    "uia.list_windows", "uia.get_control_tree", "uia.find_window", "spotify.get_current_playing",
    "slack.search_messages", "local.search",
}


def c(tool: str, **args: Any) -> dict[str, Any]:
    return {"tool": tool, "args": args}


NONE: Plan = []

# domain -> commands, every one labelled [].
OUT_OF_SCOPE: dict[str, list[str]] = {
    "calendar": [
        "whats on my schedule for monday",
        "am i free thursday afternoon?",
        "book a meeting with priya next tuesday at 10",
        "Can you move my 3pm dentist appointment to next week?",
        "when's my next meeting",
        "hey kayas do i have anything on this weekend",
        "schedule a call with the design team for friday morning pls",
        "push the standup back half an hour",
        "invite tom to the budget review on wednesday",
        "how many meetings have i got today",
        "accept the invite from legal",
        "block out 2 to 4 tomorrow for focus time",
    ],
    "reminders": [
        "remind me to take the bins out tonight",
        "set a reminder for my mum's birthday on the 14th",
        "can u remind me in an hour to check the oven",
        "Remind me to pay rent on the first of every month.",
        "what reminders do i have set",
        "remind me when i get home to water the plants",
        "dont let me forget to pick up the dry cleaning tomorrow",
        "set a reminder: renew passport, next monday 9am",
        "cancel the reminder about the vet",
        "remind me about this at 5",
        "remmind me to stretch every 2 hours",
    ],
    "alarms": [
        "wake me up at 6:30",
        "set an alarm for 7 tomorrow",
        "set an alrm for quarter past five",
        "what time is my alarm set for",
        "turn off all my alarms for the weekend",
        "snooze it",
        "snooze for ten more minutes pls",
        "change my 6am alarm to 6:45",
        "can you set a weekday alarm at 7 with a gentle sound",
        "is my alarm on for tomorrow",
        "i need to be up at 5 for the airport, wake me",
    ],
    "timers": [
        "set a timer for 10 minutes",
        "timer 25 min",
        "how much time is left on the timer",
        "start a 3 minute timer for the eggs",
        "pause the timer",
        "add five minutes to the pasta timer",
        "hey can you count down from 90 seconds",
        "set two timers, one for 12 and one for 20 minutes",
        "set a timr for half an hour",
        "start a stopwatch",
    ],
    "lights": [
        "switch on the lights in the living room",
        "dim the bedroom lamp to 30 percent",
        "lights off",
        "can you make the lights a warmer colour",
        "switch the hallway light on please",
        "set the office lights to blue",
        "are the porch lights on",
        "turn all the lights off downstairs",
        "brighten the kitchen a bit",
        "turn on the christmas lights at 6 every evening",
        "tunr off the lamp by the sofa",
    ],
    "thermostat": [
        "set the thermostat to 21",
        "its freezing in here",
        "what temperature is it inside",
        "turn the heating off when i leave",
        "make it a couple degrees cooler",
        "switch the AC on",
        "Can you put the heating on for an hour?",
        "set the house to eco mode",
        "turn the aircon down to 19 in the bedroom",
        "is the boiler on",
    ],
    "locks_security": [
        "lock the front door",
        "did i lock the back door?",
        "arm the alarm system",
        "show me the doorbell camera",
        "who's at the door",
        "unlock the side gate for the delivery guy",
        "disarm the security system, code 4471",
        "are all the doors locked",
        "turn on the driveway camera",
        "let me see the baby monitor",
        "lcok up, i'm going to bed",
    ],
    "tv_media": [
        "put netflix on the living room tv",
        "turn the tv volume down",
        "switch to hdmi 2",
        "what channel is the match on",
        "play the next episode of the bear on the tv",
        "cast this to the bedroom chromecast",
        "change the channel to bbc one",
        "turn on subtitles on the telly",
        "record the news at ten tonight",
        "turn the soundbar on",
        "rewind the tv 30 seconds, i missed that",
    ],
    "weather": [
        "whats the weather like",
        "is it gonna rain tomorrow",
        "do i need an umbrella today",
        "how hot is it going to get this afternoon",
        "weather in lisbon this weekend",
        "is it going to snow on friday",
        "whats the uv index right now",
        "Should I wear a jacket tonight?",
        "whats the wind like at the beach",
        "hows the pollen count today, my hayfever is awful",
        "wats the temprature outside",
    ],
    "news": [
        "what's the news",
        "give me today's headlines",
        "whats happening in the world",
        "any news about the election?",
        "read me the top stories from the bbc",
        "what's the latest on the train strike",
        "tech news pls",
        "brief me on the news while i make coffee",
        "did anything big happen overnight",
        "what are the papers saying about the budget",
    ],
    "sports": [
        "whats the score in the arsenal game",
        "did the lakers win last night",
        "when do liverpool play next",
        "who won the f1 race",
        "is the cricket still on",
        "what's the premier league table looking like",
        "how many goals has haaland scored this season",
        "who's playing in the super bowl",
        "tell me when the tennis final starts",
        "wimbledon results pls",
    ],
    "stocks": [
        "how's the stock market doing",
        "whats apple trading at",
        "how much is bitcoin worth right now",
        "did my tesla shares go up today",
        "buy 10 shares of nvidia",
        "what's the ftse at",
        "how is my portfolio doing this month",
        "sell my ethereum",
        "what did the dow close at yesterday",
    ],
    "banking": [
        "what's my current bank balance",
        "how much did i spend on food this month",
        "transfer 50 quid to jamie",
        "pay my credit card bill",
        "did my salary come in yet",
        "freeze my debit card i think i lost it",
        "when is my next direct debit",
        "send 20 dollars to alex on venmo",
        "what was that charge from amazon yesterday",
        "how much is left in my savings",
    ],
    "shopping_delivery": [
        "where's my amazon package",
        "when is my parcel arriving",
        "track my order from ikea",
        "order more dishwasher tablets",
        "add batteries to my amazon cart",
        "reorder the cat food",
        "buy more printer ink",
        "has my dpd delivery been dropped off",
        "cancel my last order",
        "return the shoes i bought last week",
        "is there a sale on at john lewis",
    ],
    "food_restaurants": [
        "order me a pizza",
        "get me a large pepperoni from dominos",
        "book a table for four at dishoom saturday night",
        "whats a good sushi place nearby",
        "is the thai place on main street open now",
        "where's my deliveroo order",
        "i want a burger, what's close",
        "reorder my usual from uber eats",
        "make a dinner reservation for 2 at 8",
        "does nandos deliver to us",
    ],
    "recipes_cooking": [
        "how do i make pancakes",
        "what can i cook with chicken, rice and spinach",
        "how long do i boil an egg for",
        "give me a recipe for banana bread",
        "what temperature should i roast a chicken at",
        "whats a good substitute for buttermilk",
        "walk me through making risotto step by step",
        "how long does a 5kg turkey take",
        "i have no eggs, can i still bake a cake",
        "what's for dinner tonight, any ideas?",
    ],
    "travel": [
        "book me a flight to berlin next friday",
        "is my flight delayed",
        "find me a hotel in rome for 3 nights",
        "check me in for my flight to dublin",
        "when does my train leave",
        "how long is the flight to tokyo",
        "whats my hotel confirmation number",
        "would i need a visa to visit canada",
        "cheapest flights to barcelona in june",
        "cancel my airbnb booking",
        "what gate is my flight at",
    ],
    "maps_traffic": [
        "how do i get to the nearest train station",
        "directions to the airport",
        "how long will it take me to drive to work",
        "hows the traffic on the m25",
        "navigate me home",
        "wheres the nearest petrol station",
        "how far is manchester from here",
        "is there parking near the stadium",
        "take me to 221b baker street",
        "what's the quickest way to grandma's avoiding tolls",
    ],
    "rides": [
        "get me an uber to the station",
        "book a taxi for 7am tomorrow",
        "how much is a lyft to downtown",
        "where's my driver",
        "call me a cab",
        "order a ride home",
        "how far away is my uber",
        "book a black cab to heathrow for 4 people",
        "i need a ride to the hospital asap",
    ],
    "phone_calls": [
        "call mum",
        "ring the dentist",
        "call dave on speaker",
        "redial the last number",
        "who called me earlier",
        "facetime my sister",
        "dial 0800 123 456",
        "video call grandpa on whatsapp",
        "call my wife's mobile",
        "do i have any missed calls",
        "put me through to the pizza place",
    ],
    "sms_messaging": [
        "text jen i'm on my way",
        "read my new messages",
        "any texts from mum?",
        "send a whatsapp to the family group saying happy new year",
        "reply to kate's text with ok see you there",
        "what did sam text me",
        "whatsapp liam running 10 mins late",
        "send my location to dad",
        "show me my unread imessages",
        "did my brother ever text back",
    ],
    "email_reading": [
        "got any new emails for me",
        "read my latest email",
        "how many unread emails have i got",
        "anything important in my inbox?",
        "what did my boss email me about",
        "did the recruiter get back to me",
        "read me the email from the school",
        "any mail from amazon today",
        "summarise my emails from this morning",
        "wheres that email with the flight details",
    ],
    "contacts": [
        "what's john's phone number",
        "add a new contact, sarah miller, 07700 900123",
        "whats my dentist's address",
        "when is mike's birthday",
        "update mum's email address in my contacts to jane@home.com",
        "do i have a contact called lisa carter",
        "delete bob from my contacts",
        "merge the duplicate contacts",
        "give me the number for my landlord",
        "who's my emergency contact",
    ],
    "translation": [
        "how do you say thank you in japanese",
        "translate 'where is the toilet' into spanish",
        "what does merci beaucoup mean",
        "say good morning in korean",
        "whats 'i'm allergic to nuts' in french",
        "translate this sentence to german: the train is late",
        "how do i pronounce croissant properly",
        "what language is obrigado",
        "can you help me say happy birthday in italian",
    ],
    "facts_trivia": [
        "how tall is mount everest",
        "who was the first person on the moon",
        "what does ephemeral mean",
        "when did the berlin wall fall",
        "whats the capital of australia",
        "how many bones are in the human body",
        "who wrote pride and prejudice",
        "why is the sky blue",
        "how old is keanu reeves",
        "define serendipity",
        "what's the population of japan",
        "is a tomato a fruit",
    ],
    "maths": [
        "what's 15 percent of 80",
        "whats 234 times 17",
        "square root of 144",
        "how much is the tip on 62 dollars at 20 percent",
        "split 87.50 three ways",
        "what is 2 to the power of 10",
        "if i save 200 a month how much will i have in a year",
        "whats 7 plus 8 times 2",
        "calculate 1500 divided by 12",
        "is 91 a prime number",
    ],
    "unit_conversion": [
        "how many cups in a litre",
        "convert 5 miles to km",
        "whats 180 pounds in kilos",
        "how many ounces in a pound",
        "350 fahrenheit in celsius",
        "how many teaspoons is a tablespoon",
        "what's 6 foot 2 in centimetres",
        "convert 100 usd to gbp",
        "how many ml in a pint",
        "how many seconds are there in a day",
    ],
    "small_talk": [
        "tell me a knock knock joke",
        "how are you doing",
        "good morning kayas!",
        "i'm bored",
        "thanks, that's all",
        "you're pretty awesome",
        "tell me something interesting",
        "knock knock",
        "never mind about that",
        "lol ok",
        "so what's new with you",
        "sing me a little song",
        "ugh what a day",
    ],
    "assistant_settings": [
        "can you talk louder",
        "change your voice to a male one",
        "could you speak slower please",
        "can i change your name to jarvis",
        "turn your volume down",
        "switch your language to french",
        "you can stop listening now",
        "change the wake word",
        "make your voice less robotic",
        "go to sleep",
        "be quiet for a bit",
    ],
    "assistant_persona": [
        "how old are you anyway",
        "who made you",
        "are you a robot?",
        "do you have feelings",
        "what's your favourite colour",
        "are you listening to me all the time",
        "what else can you do",
        "are you smarter than siri",
        "do you ever dream",
    ],
    "user_personal": [
        "when's my anniversary",
        "what's my blood type",
        "whats the wifi password",
        "what size shoes do i wear",
        "where do i live",
        "what's my car registration",
        "what did i have for lunch yesterday",
        "how much do i weigh",
        "who's my doctor",
    ],
    "health_fitness": [
        "how many steps have i done today",
        "log a 5k run",
        "how did i sleep last night",
        "what's my heart rate now",
        "start a 20 minute workout",
        "track my water, i just had a glass",
        "how many calories are in a banana",
        "log my weight, 72 kilos",
        "start a meditation session",
        "did i take my meds this morning",
        "how many calories did i burn this week",
    ],
    "device_settings": [
        "turn up the volume",
        "mute the sound",
        "turn on bluetooth",
        "connect to my headphones",
        "make the screen brighter",
        "switch to dark mode",
        "turn off wifi",
        "put my phone on do not disturb",
        "change my wallpaper to something blue",
        "enable night light",
        "swtich the keyboard layout to french",
    ],
    "social_media": [
        "post this photo on instagram",
        "tweet finally friday",
        "what's trending on twitter",
        "how many likes did my last post get",
        "check my facebook notifications",
        "share this link on linkedin",
        "update my facebook status to on holiday",
        "any new followers on tiktok?",
        "who commented on my reel",
        "go live on instagram",
    ],
    "notes_other_apps": [
        "add oat milk to my shopping list on google keep",
        "what's in my notion to do list",
        "add call plumber to todoist for tomorrow",
        "show me my evernote notes about the house move",
        "move the design card to done on trello",
        "whats on my google keep grocery list",
        "create a task in asana: review the contract",
        "mark the laundry task as done in microsoft to do",
        "add a page to my onenote for the trip",
        "whats the next item on my apple reminders list",
    ],
    "games": [
        "lets play a game",
        "play 20 questions with me",
        "flip a coin",
        "throw a die and tell me the number",
        "pick a number between 1 and 10",
        "play chess with me",
        "ask me some trivia questions",
        "lets play rock paper scissors",
        "tell me a riddle",
        "give me a word for hangman",
    ],
    "time_date": [
        "what hour is it right now",
        "what's the date today",
        "what's the time over in tokyo",
        "how many days are left until christmas",
        "what day of the week is the 4th of july this year",
        "when do the clocks go forward",
        "is monday a bank holiday",
        "how long until 5pm",
        "what week number is it",
    ],
    "appliances": [
        "preheat the oven to 200",
        "is the dryer done yet",
        "turn on the kettle",
        "put the dishwasher on eco",
        "send the robot vacuum to the kitchen",
        "what's left in the fridge",
        "set the washing machine to 40 degrees",
        "turn the air purifier on high",
        "has the bread maker finished",
    ],
    "car": [
        "start my car",
        "how much fuel is in the car",
        "lock the car",
        "where did i park",
        "warm up the car before i leave",
        "is the car charged",
        "when is my car due for a service",
        "honk the horn so i can find it",
        "how many miles can i do before i need to charge",
    ],
}

# (domain, command, plan): the nearest tool is wrong, or the right answer only reads.
NEAR_MISSES: list[tuple[str, str, Plan]] = [
    # reading or handling mail is not sending it
    ("email", "check whether i've got any new mail", NONE),
    ("email", "chek my email", NONE),
    ("email", "reply to anna's email and tell her sounds good", NONE),
    ("email", "forward the invoice from acme to my accountant", NONE),
    ("email", "serch my inbox for the amazon receipt", NONE),
    ("email", "delete all the spam emails", NONE),
    ("email", "archive every newsletter in my inbox", NONE),
    ("email", "mark every email as read", NONE),
    ("email", "find the email from my landlord about the deposit", NONE),
    # a light, a door, a tv, an appliance is not a window or a process
    ("smart_home", "switch off the kitchen light", NONE),
    ("smart_home", "kill the lights", NONE),
    ("smart_home", "close the garage door", NONE),
    ("smart_home", "opn the garage", NONE),
    ("smart_home", "open the window its boiling in here", NONE),
    ("smart_home", "close the blinds in the bedroom", NONE),
    ("tv_media", "trun off the tv", NONE),
    ("tv_media", "pause the tv", NONE),
    ("tv_media", "close netflix on the tv", NONE),
    ("tv_media", "kill the tv in the kids room", NONE),
    ("appliances", "start the dishwasher", NONE),
    ("appliances", "run the roomba in the living room", NONE),
    ("appliances", "launch the coffee machine", NONE),
    ("appliances", "stop the washing machine", NONE),
    ("appliances", "kill the sprinklers", NONE),
    # cleaning is not deleting, filing is not a file
    ("chores", "tidy up the whole house", NONE),
    ("chores", "clean the kitchen", NONE),
    ("chores", "take out the trash", NONE),
    ("files", "empty the recycle bin", NONE),
    ("finance", "file my taxes", NONE),
    # calendars and alarms are not files
    ("calendar", "delete my calendar event tomorrow at 3", NONE),
    ("alarms", "delte the 6am alarm", NONE),
    ("calendar", "clear my schedule for friday", NONE),
    ("calendar", "add the dentist on thursday to my calendar", NONE),
    ("calendar", "create an event called team lunch on friday", NONE),
    ("calendar", "cancel my 2 o'clock", NONE),
    # texts, calls and other apps are not Slack or email
    ("reminders", "remind me to call greg", NONE),
    ("sms_messaging", "tell sarah on whatsapp i'm running late", NONE),
    ("sms_messaging", "send a text to mum saying happy birthday", NONE),
    ("phone_calls", "call bob", NONE),
    ("sms_messaging", "snd a msg to dad on signal", NONE),
    ("social_media", "post 'back online' on my twitter", NONE),
    ("sms_messaging", "text the group chat that dinner's at 8", NONE),
    ("social_media", "dm jess on instagram", NONE),
    # ending and starting things that are not processes
    ("rides", "cancel my uber", NONE),
    ("alarms", "kill the alarm", NONE),
    ("timers", "stop the timer", NONE),
    ("phone_calls", "end the call now", NONE),
    ("phone_calls", "hang up", NONE),
    ("health_fitness", "terminate my gym membership", NONE),
    ("chores", "run me a bath", NONE),
    ("weather", "what's the forecast for tuesday in leeds", NONE),
    ("music", "make a new playlist called road trip", NONE),
    # the clipboard: nothing to copy, or only reading it
    ("clipboard", "copy that", NONE),
    ("clipboard", "what's on my clipboard right now", [c("clipboard.paste_text")]),
    ("clipboard", "show me what i copied before that", [c("clipboard.get_history")]),
    # music: reading what plays is fine; no tool skips, resumes or sets the volume
    ("music", "what song is this playing", [c("spotify.get_current_playing")]),
    ("music", "who sings this one", [c("spotify.get_current_playing")]),
    ("music", "is spotify playing anything", [c("spotify.get_current_playing")]),
    ("music", "skip this song, i hate it", NONE),
    ("music", "turn the music up a bit", NONE),
    ("music", "resume the music", NONE),
    ("music", "hit like on this song", NONE),
    ("music", "next track pls", NONE),
    ("news", "play the news", NONE),  # a news briefing, not a Spotify search
    # Slack: searching reads, it posts nothing
    ("slack", "is there anything in slack about the offsite", [c("slack.search_messages", query="offsite")]),
    ("slack", "has anyone mentioned the q3 roadmap on slack", [c("slack.search_messages", query="q3 roadmap")]),
    ("slack", "check slack for messages about the broken build", [c("slack.search_messages", query="broken build")]),
    # things that are lost in the world are not files
    ("files", "i can't find my phone, where is it", NONE),
    ("files", "where did i leave my keys", NONE),
    ("files", "find the beach photos on my phone", NONE),
    ("files", "look for the lease on my computer, not online", [c("local.search", query="lease")]),
    # the computer: figures and lists only read; settings have no tool
    ("system", "how much battery do i have left", NONE),
    ("system", "how much disk space is left on here", [c("process.get_system_info")]),
    ("system", "how much ram have i got", [c("process.get_system_info")]),
    ("system", "which apps are running right now", [c("process.list_processes")]),
    ("system", "before you kill anything show me what's running", [c("process.list_processes")]),
    ("system", "what windows have i got open", [c("uia.list_windows")]),
    ("system", "is the zoom window still open", [c("uia.find_window", title="Zoom")]),
]


def normalise(command: str) -> str:
    """The key two commands collide on: case, punctuation and spacing do not count."""
    return " ".join("".join(ch if ch.isalnum() or ch.isspace() else " " for ch in command.lower()).split())


def builtin_registry() -> Registry:
    registry = Registry()
    for module in BUILTIN_MODULES:
        registry.register_module(module)
    return registry


def rows(relabel: bool = True) -> list[dict[str, Any]]:
    """The set, with the third round's relabels applied (`relabel=False`: as first written)."""
    registry = builtin_registry()
    items = [("out_of_scope", d, cmd, NONE) for d, cmds in OUT_OF_SCOPE.items() for cmd in cmds]
    items += [("near_miss", d, cmd, plan) for d, cmd, plan in NEAR_MISSES]
    out, seen = [], set()
    for category, domain, command, plan in items:
        key = normalise(command)
        if key in seen:
            raise SystemExit(f"duplicate command: {command!r}")
        seen.add(key)
        if any(call["tool"] not in READ_ONLY for call in plan):
            raise SystemExit(f"a near-miss may only read: {command!r} -> {plan}")
        text = dumps_plan(parse_plan(plan, registry))
        out.append({
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": command},
                {"role": "assistant", "content": text},
            ],
            "category": category,
            "domain": domain,
        })
    return relabel_round3("out_of_scope.jsonl", out, relabel)


def main() -> None:
    data = rows()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
    cats = Counter(r["category"] for r in data)
    oos_domains = Counter(r["domain"] for r in data if r["category"] == "out_of_scope")
    print(f"wrote {len(data)} rows to {OUT}: {dict(cats)}; {len(oos_domains)} out-of-scope domains, "
          f"{min(oos_domains.values())}..{max(oos_domains.values())} each")


if __name__ == "__main__":
    main()
