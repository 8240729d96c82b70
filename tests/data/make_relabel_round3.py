"""Writes relabel_round3.jsonl: the rows of the scored sets whose label changes under the third-round contract.

handwritten.jsonl, handwritten_b.jsonl and out_of_scope.jsonl were labelled before the third
round's tools existed: a page to see was `browser.run_steps`, a pause of "the music" was Spotify's,
and alarms, timers, reminders, the clock and the volume were `[]`. The shipped brain is still scored
on them as they are, so they are not changed here; this file lists, one row per changed command,
the file, its line, the old plan, the new plan and why, to be applied when the next brain ships.

When applied, the out_of_scope.jsonl rows listed here leave that set (they are in scope now).

Rows the third round leaves as they were, on purpose (the new tools do not serve them): recurring
reminders and alarms ("every 2 hours", "the first of every month", "a weekday alarm"), a reminder
with no time or a place instead of a time, a ringing alarm or timer ("snooze it", "kill the alarm",
"stop the timer": no tool dismisses one), pausing or extending a timer, another city's time or a
date sum ("what's the time over in tokyo", "how many days are left until christmas"), the assistant's own voice
("turn your volume down", "can you talk louder"), the tv, and the contract's own worked examples
("pause the music and then copy what's playing" keeps `spotify.pause_playback`, so does its twin
"check what's playing and after that pause it").

    .venv/bin/python tests/data/make_relabel_round3.py     # writes tests/data/relabel_round3.jsonl
"""
from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from heldout_common import (  # noqa: E402  (a sibling helper of this script)
    NOW,
    PAUSE_SPOTIFY,
    PENDING,
    Plan,
    alarm,
    builtin_registry,
    cancel,
    find,
    google,
    louder,
    media,
    mute,
    remind,
    render,
    site,
    slack_search,
    start,
    timer,
    url,
    write,
    youtube,
)

HERE = Path(__file__).parent
OUT = HERE / "relabel_round3.jsonl"

PAGE = "a page the user wants to see is browser.open_url now (TOOLS.md conventions); run_steps is for steps done on the user's behalf"
PAUSE = "pause of whatever is playing is media.control; spotify.* is for Spotify named"
NEW = "served by a third-round tool: "

# file -> command -> (new plan, why, judgment: the contract leaves a choice and this row makes one)
RELABEL: dict[str, dict[str, tuple[Plan, str, bool]]] = {
    "handwritten.jsonl": {
        "Open YouTube and search for AI tutorials": ([youtube("AI tutorials")], PAGE + " (a worked example of TOOLS.md)", False),
        "google best pizza in chicago": ([google("best pizza in chicago")], PAGE, False),
        "search the web for how to boil eggs": ([google("how to boil eggs")], PAGE, False),
        "go to github.com": ([site("github.com")], PAGE, False),
        "open wikipedia.org": ([site("wikipedia.org")], PAGE, False),
        "look up rust ownership rules on google": ([google("rust ownership rules")], PAGE, False),
        "find lofi hip hop on youtube": ([youtube("lofi hip hop")], PAGE, False),
        "navigate to https://news.ycombinator.com": ([url("https://news.ycombinator.com")], PAGE, False),
        "google weather in Paris": ([google("weather in Paris")], PAGE + " (asked as a web search, so not the out-of-scope weather)", False),
        "youtube search: guitar lessons for beginners": ([youtube("guitar lessons for beginners")], PAGE, False),
        "bring up amazon.com": ([site("amazon.com")], PAGE, False),
        "pause the music for a sec": ([media("pause")], PAUSE, False),
        "stop playback": ([media("pause")], PAUSE, False),
        "search my files for the contract, then google contract templates":
            ([find("contract"), google("contract templates")], PAGE, False),
        "start firefox and open youtube.com": ([start("firefox"), site("youtube.com")], PAGE, False),
        "uh can you like pause the music": ([media("pause")], PAUSE, False),
        "OPEN YOUTUBE AND SEARCH FOR CAT VIDEOS": ([youtube("CAT VIDEOS")], PAGE, False),
        "serch google for cheap flights to tokyo": ([google("cheap flights to tokyo")], PAGE, False),
    },
    "handwritten_b.jsonl": {
        "google cheapest flights to Lisbon": ([google("cheapest flights to Lisbon")], PAGE, False),
        "search the web for how to repot a cactus": ([google("how to repot a cactus")], PAGE, False),
        "find pasta carbonara recipes on youtube": ([youtube("pasta carbonara recipes")], PAGE, False),
        "youtube search guitar lessons for beginners": ([youtube("guitar lessons for beginners")], PAGE, False),
        "go to bbc.co.uk": ([site("bbc.co.uk")], PAGE, False),
        "take me to github": ([site("github.com")], PAGE, False),
        "navigate to docs.python.org/3/library": ([site("docs.python.org/3/library")], PAGE, False),
        "pause the music now": ([media("pause")], PAUSE, False),
        "open chrome and search for Rust tutorials": ([start("chrome"), google("Rust tutorials")], PAGE, False),
        "pause the music and open zoom": ([media("pause"), start("zoom")], PAUSE, False),
        "search youtube for lo-fi hip hop and pause spotify":
            ([youtube("lo-fi hip hop"), PAUSE_SPOTIFY], PAGE + "; the pause stays Spotify's (Spotify named)", False),
        "search slack for budget and google budget template": ([slack_search("budget"), google("budget template")], PAGE, False),
        "KAYAS PAUSE THE MUSIC PLS": ([media("pause")], PAUSE, False),
        "sooo... could ya maybe search the web for best budget laptops 2025": ([google("best budget laptops 2025")], PAGE, False),
    },
    "out_of_scope.jsonl": {
        "remind me to take the bins out tonight": ([remind("take the bins out", "tonight")], NEW + "reminder.add", False),
        "set a reminder for my mum's birthday on the 14th":
            ([remind("my mum's birthday", "the 14th")], NEW + "reminder.add; 'when' without the leading 'on'", True),
        "can u remind me in an hour to check the oven": ([remind("check the oven", "in an hour")], NEW + "reminder.add", False),
        "what reminders do i have set": ([PENDING], NEW + "reminder.list", False),
        "dont let me forget to pick up the dry cleaning tomorrow":
            ([remind("pick up the dry cleaning", "tomorrow")], NEW + "reminder.add", False),
        "set a reminder: renew passport, next monday 9am": ([remind("renew passport", "next monday 9am")], NEW + "reminder.add", False),
        "cancel the reminder about the vet": ([cancel("vet")], NEW + "reminder.cancel (the identifying words)", False),
        "wake me up at 6:30": ([alarm("6:30")], NEW + "alarm.set", False),
        "set an alarm for 7 tomorrow": ([alarm("7 tomorrow")], NEW + "alarm.set", False),
        "set an alrm for quarter past five": ([alarm("quarter past five")], NEW + "alarm.set", False),
        "what time is my alarm set for": ([PENDING], NEW + "reminder.list (pending alarms)", False),
        "change my 6am alarm to 6:45":
            ([cancel("6am"), alarm("6:45")], NEW + "reminder.cancel then alarm.set: no tool edits an alarm, these two do the change", True),
        "is my alarm on for tomorrow": ([PENDING], NEW + "reminder.list (pending alarms)", False),
        "i need to be up at 5 for the airport, wake me": ([alarm("5", "airport")], NEW + "alarm.set, labelled by what it is for", True),
        "set a timer for 10 minutes": ([timer("10 minutes")], NEW + "timer.start", False),
        "timer 25 min": ([timer("25 min")], NEW + "timer.start (the duration in the user's words)", False),
        "how much time is left on the timer": ([PENDING], NEW + "reminder.list (pending timers)", False),
        "start a 3 minute timer for the eggs": ([timer("3 minute", "eggs")], NEW + "timer.start (the duration in the user's words)", False),
        "hey can you count down from 90 seconds": ([timer("90 seconds")], NEW + "timer.start", False),
        "set two timers, one for 12 and one for 20 minutes":
            ([timer("12 minutes"), timer("20 minutes")], NEW + "timer.start twice; 'minutes' said once serves both", True),
        "set a timr for half an hour": ([timer("half an hour")], NEW + "timer.start", False),
        "turn up the volume": ([louder(10)], NEW + "system.change_volume (no amount: 10, as TOOLS.md's 'turn it up a bit')", False),
        "mute the sound": ([mute(True)], NEW + "system.mute", False),
        "what hour is it right now": ([NOW], NEW + "clock.now (a worked example of TOOLS.md)", False),
        "what's the date today": ([NOW], NEW + "clock.now", False),
        "delte the 6am alarm": ([cancel("6am")], NEW + "reminder.cancel", False),
        "skip this song, i hate it": ([media("next")], NEW + "media.control (a worked example of TOOLS.md)", False),
        "turn the music up a bit": ([louder(10)], NEW + "system.change_volume (the music plays through the output)", True),
        "resume the music": ([media("play")], NEW + "media.control", False),
        "next track pls": ([media("next")], NEW + "media.control", False),
    },
}


def old_rows(name: str) -> dict[str, tuple[int, dict[str, Any]]]:
    """The set's rows as first written (its writer without the relabels), by command: (line, row)."""
    maker = importlib.import_module({"handwritten.jsonl": "make_handwritten", "handwritten_b.jsonl": "make_handwritten_b",
                                     "out_of_scope.jsonl": "make_out_of_scope"}[name])
    written = maker.build(relabel=False) if hasattr(maker, "build") else maker.rows(relabel=False)
    return {data["messages"][1]["content"]: (number, data) for number, data in enumerate(written, 1)}


def rows() -> list[dict[str, Any]]:
    registry = builtin_registry()
    out = []
    for name, changes in RELABEL.items():
        existing = old_rows(name)
        for command, (plan, why, judgment) in changes.items():
            if command not in existing:
                raise SystemExit(f"{name}: no row {command!r}")
            number, data = existing[command]
            old, new = data["messages"][2]["content"], render(plan, registry)
            if old == new:
                raise SystemExit(f"{name}:{number} {command!r}: the label does not change")
            out.append({
                "file": f"tests/data/{name}", "line": number, "command": command,
                "category": data["category"], **({"domain": data["domain"]} if "domain" in data else {}),
                "old_plan": old, "new_plan": new, "why": why, "judgment": judgment,
            })
    return out


def main() -> None:
    data = rows()
    write(OUT, data)
    per_file = Counter(r["file"] for r in data)
    print(f"wrote {len(data)} relabels to {OUT}: " + ", ".join(f"{k} {v}" for k, v in per_file.items()))
    print(f"{sum(r['judgment'] for r in data)} of them make a choice the contract leaves open (judgment: true)")


if __name__ == "__main__":
    main()
