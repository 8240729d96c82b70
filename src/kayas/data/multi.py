"""Multi-step commands: 2 to 4 clauses said in one breath, their calls in order.

Composed commands join single-call templates of related tools with "and", "then",
", then", "after that", "first ... then ..."; consecutive browser clauses become one
`browser.run_steps` call (one page, steps in order); a page opened to be seen
(`browser.open_url`) followed by steps on it becomes that call's first `goto`. A few combinations whose second
call reuses the first one's words have their own templates (restart = kill + start).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from kayas.data import conventions as cv
from kayas.data.everyday_pools import POOLS as EVERYDAY
from kayas.data.spec import Rendered, Style, Template, TemplateSet, call, render

BROWSER = ("browser.run_steps", "browser.open_url")
CONNECT_2 = [" and ", " then ", ", then ", " and then ", ", after that ", " and also ", ", and ", ". Then ",
             " after that ", ", and after that ", " & ", " plus "]
CONNECT_LAST = [" and ", ", and ", " and then ", ", then ", " then ", " and finally ", ", and finally "]
CONNECT_MID = [", ", ", then ", " then ", ", and then ", " and ", ", after that ", " and after that "]

# Which tools people say together, after a clause of this tool.
AFFINITY: dict[str, list[str]] = {
    "process.start_program": ["browser.open_url", "uia.type_text", "uia.click_button", "spotify.play_query"],
    "filesystem.create_file": ["filesystem.append_file", "email.send", "slack.send_message", "clipboard.copy_text"],
    "filesystem.append_file": ["filesystem.append_file", "slack.send_message", "filesystem.archive_file"],
    "filesystem.delete_file": ["filesystem.create_file", "filesystem.delete_file"],
    "filesystem.archive_file": ["filesystem.create_file", "filesystem.archive_file", "email.send"],
    "spotify.pause_playback": ["spotify.get_current_playing", "process.start_program", "email.send"],
    "spotify.play_query": ["slack.send_message", "email.send", "process.start_program"],
    "email.send": ["slack.send_message", "filesystem.archive_file", "clipboard.copy_text", "slack.send_message"],
    "slack.send_message": ["email.send", "slack.send_message", "spotify.pause_playback"],
    "clipboard.copy_text": ["uia.type_text", "slack.send_message", "clipboard.get_history"],
    "process.kill_process": ["process.start_program", "process.list_processes", "process.get_system_info"],
    "uia.close_window": ["process.start_program", "uia.close_window", "uia.list_windows"],
    "uia.list_windows": ["uia.find_window", "uia.close_window"],
    "process.get_system_info": ["process.list_processes", "process.kill_process"],
    "browser.run_steps": ["slack.send_message", "filesystem.create_file", "clipboard.copy_text"],
    "browser.open_url": ["slack.send_message", "filesystem.create_file", "clipboard.copy_text", "timer.start"],
    "local.search": ["browser.open_url", "filesystem.append_file", "slack.search_messages", "filesystem.open_file"],
    "slack.search_messages": ["local.search", "browser.open_url", "slack.send_message"],
    # The everyday tools of round 3, with each other and with the older ones.
    "media.control": ["system.change_volume", "spotify.get_current_playing", "timer.start", "reminder.add"],
    "system.change_volume": ["media.control", "spotify.play_query"],
    "system.set_volume": ["spotify.play_query", "media.control"],
    "system.mute": ["media.control", "process.start_program", "uia.close_window"],
    "timer.start": ["spotify.play_query", "media.control", "timer.start", "system.set_volume"],
    "alarm.set": ["reminder.add", "alarm.set", "system.set_volume"],
    "reminder.add": ["reminder.add", "email.send", "slack.send_message", "alarm.set"],
    "reminder.list": ["reminder.cancel", "clock.now"],
    "reminder.cancel": ["timer.start", "alarm.set", "reminder.list"],
    "clock.now": ["reminder.list", "alarm.set", "timer.start"],
    "filesystem.read_file": ["filesystem.append_file", "email.send", "filesystem.archive_file"],
    "filesystem.list_files": ["filesystem.open_file", "filesystem.read_file", "filesystem.move_file"],
    "filesystem.open_file": ["spotify.play_query", "timer.start", "system.mute"],
    "filesystem.move_file": ["filesystem.open_file", "filesystem.list_files", "slack.send_message"],
    "uia.screenshot": ["email.send", "slack.send_message", "uia.close_window"],
    "uia.type_text": ["uia.click_button", "clipboard.copy_text"],
    "spotify.get_current_playing": ["slack.send_message", "clipboard.copy_text"],
    "process.run_command": ["process.run_command", "process.get_system_info"],
}


def _type_into_program(s):
    program, window = s["app"]
    return [call("process.start_program", program=program, background=True),
            call("uia.type_text", window_title=window, text=s["text"], field="")]


curated = TemplateSet("", name="multi", pools=EVERYDAY).imp(
    "pause the music and [copy|tell me|show me] what's playing",
    "stop the song and tell me what it was",
    build=lambda s: [call("spotify.pause_playback"), call("spotify.get_current_playing")],
).imp(
    "copy {text:copytext} and paste it into {window_title:window}",
    "copy {text:copytext} then type it into the {window_title:window} window",
    build=lambda s: [call("clipboard.copy_text", text=s["text"]),
                     call("uia.type_text", window_title=s["window_title"], text=s["text"], field="")],
).imp(
    "restart {name:process}",
    "kill {name:process} and start it again",
    "close {name:process} and reopen it",
    build=lambda s: [call("process.kill_process", name=s["name"]),
                     call("process.start_program", program=s["name"], background=True)],
).imp(
    "create {filename:file} and add {content:note} to it",
    "make {filename:purpose}, then put {content:note} on it",
    "create {filename:file}, then append {content:note}",
    build=lambda s: [call("filesystem.create_file", filename=s["filename"], content=""),
                     call("filesystem.append_file", filename=s["filename"], content=s["content"])],
).imp(
    "create {filename:file}, add {content:note} to it and copy {content} [to the clipboard|]",
    "make {filename:file}, append {content:note}, then copy {content}",
    "create {filename:file} then append {content:note} to it and after that copy {content} to the clipboard",
    "make a new file [called|named] {filename:file}, put {content:note} in it, and copy {content}",
    build=lambda s: [call("filesystem.create_file", filename=s["filename"], content=""),
                     call("filesystem.append_file", filename=s["filename"], content=s["content"]),
                     call("clipboard.copy_text", text=s["content"])],
).imp(
    "create {filename:file}, append {content:note} and then archive it",
    "make {filename:file}, add {content:note} to it, then archive {filename}",
    build=lambda s: [call("filesystem.create_file", filename=s["filename"], content=""),
                     call("filesystem.append_file", filename=s["filename"], content=s["content"]),
                     call("filesystem.archive_file", filename=s["filename"])],
).imp(
    "type {text:typed} in the {field} field of {window_title:window} and click {button_text:button}",
    "in {window_title:window}, type {text:typed} into the {field} field and [press|hit|click] {button_text:button}",
    "fill the {field} field in {window_title:window} with {text:typed}, then click {button_text:button}",
    "enter {text:typed} in the {field} box of the {window_title:window} window and then press {button_text:button}",
    "put {text:typed} in the {field} field of {window_title:window}, then hit the {button_text:button} button",
    build=lambda s: [call("uia.type_text", window_title=s["window_title"], text=s["text"], field=s["field"]),
                     call("uia.click_button", window_title=s["window_title"], button_text=s["button_text"])],
).imp(
    "type {text:typed} in {window_title:window} and click {button_text:button}",
    "in the {window_title:window} window type {text:typed} then press {button_text:button}",
    build=lambda s: [call("uia.type_text", window_title=s["window_title"], text=s["text"], field=""),
                     call("uia.click_button", window_title=s["window_title"], button_text=s["button_text"])],
).imp(
    "copy {text:copytext} and [then|] post it in {channel}",
    "copy {text:copytext}, then send it to {channel}",
    "copy {text:copytext} and share it [in|on] {channel}",
    "copy {text:copytext} and then post it to {channel} [on slack|]",
    build=lambda s: [call("clipboard.copy_text", text=s["text"]),
                     call("slack.send_message", channel=s["channel"], text=s["text"])],
).imp(
    "play {query:music} then tell me what's playing",
    "play {query:music} and tell me what song [it is|this is|is on]",
    "put on {query:music}, then show me what's playing",
    "play {query:music} and after that tell me the current track",
    build=lambda s: [call("spotify.play_query", query=s["query"]), call("spotify.get_current_playing")],
).imp(
    "search my files for {query:localbare}, then google {query2:query}",
    "look for {query:localbare} on my computer and search the web for {query2:query}",
    "find {query:localbare} in my files and then look up {query2:query} online",
    build=lambda s: [call("local.search", query=s["query"]),
                     call("browser.open_url", url=cv.google_url(s["query2"]))],
).imp(
    "send {text:message} to {channel} and email it to {to:emails}",
    "post {text:message} in {channel} and also email it to {to:emails}",
    build=lambda s: [call("slack.send_message", channel=s["channel"], text=s["text"]),
                     call("email.send", to=s["to"], subject="", body=s["text"])],
).imp(
    "open {app:progwin} and type {text:typed}",
    "launch {app:progwin} then type {text:typed} in it",
    "start {app:progwin} and write {text:typed}",
    "open {app:progwin}, then type {text:typed} [in it|there|]",
    "open up {app:progwin} and enter {text:typed}",
    build=_type_into_program,
).imp(
    "open {program:browser} and go to {site}",
    "launch {program:browser} and search for {query}",
    build=lambda s: [call("process.start_program", program=s["program"], background=True),
                     call("browser.open_url", url=s["site"] if "site" in s else cv.google_url(s["query"]))],
).imp(
    # A typed domain after a browser start: exactly that domain.
    "[start|open|launch|fire up|open up|bring up|run] {program:browser}[ and| then|, then| and then|,] "
    "[open|go to|visit|pull up|load|navigate to|head to|take me to|browse to] {site:domain}",
    "[open|start|launch] {program:browser} [to|and show me] {site:domain}",
    "[get|have] {program:browser} [open|up] [on|at|with] {site:domain}",
    "use {program:browser} to [open|go to|visit|load] {site:domain}",
    "in {program:browser}[,|] [open|go to|load|pull up] {site:domain}",
    build=lambda s: [call("process.start_program", program=s["program"], background=True),
                     call("browser.open_url", url=s["site"])],
).imp(
    # Bodies that hold step words ("attached", "below", "archive", "then") stay whole.
    "email {to:emails} [saying|to say|and say] {body:stepbody}, then archive {filename:file}",
    "send {to:emails} an email about {subject} saying {body:stepbody} and then archive {filename:file}",
    "mail {to:emails} [that|saying] {body:stepbody}[,|] and archive {filename:file}",
    "email {to:emails} about {subject}: {body:stepbody}. Then archive {filename:file}",
    build=lambda s: [call("email.send", to=s["to"], subject=s.get("subject", ""), body=s["body"]),
                     call("filesystem.archive_file", filename=s["filename"])],
).imp(
    "email {to:emails} [saying|that says] {body:stepbody}, then delete {filename:file}",
    "send {to:emails} a mail about {subject} saying {body:stepbody} and after that delete {filename:file}",
    build=lambda s: [call("email.send", to=s["to"], subject=s.get("subject", ""), body=s["body"]),
                     call("filesystem.delete_file", filename=s["filename"])],
).imp(
    "email {to:emails} about {subject} [saying|and say] {body:stepbody}, then tell {channel} {text:message}",
    "email {to:emails} {body:stepbody} and let {channel} know {text:message}",
    "send {to:emails} an email saying {body:stepbody}, then post {text:message} in {channel}",
    build=lambda s: [call("email.send", to=s["to"], subject=s.get("subject", ""), body=s["body"]),
                     call("slack.send_message", channel=s["channel"], text=s["text"])],
).imp(
    # Opening Spotify is asked for as well as the music: every verb said is a call.
    "[open|start|launch|fire up|open up|pull up] [spotify|Spotify][ and| then|, then| and then|,] "
    "[play|put on|queue up|start playing|play me] {query:music}",
    "get [spotify|Spotify] [open|going|up] and [play|put on] {query:music}",
    "could you open [spotify|Spotify] and play {query:music}?",
    build=lambda s: [call("process.start_program", program="spotify", background=True),
                     call("spotify.play_query", query=s["query"])],
).ask(
    "I'm heading out, pause the music and close {window_title:window}",
    build=lambda s: [call("media.control", action="pause"), call("uia.close_window", window_title=s["window_title"])],
).imp(
    # A file made, renamed or found, then opened: the second call names the same file.
    "create {filename:file} and open it",
    "make {filename:file}, then open it",
    build=lambda s: [call("filesystem.create_file", filename=s["filename"], content=""),
                     call("filesystem.open_file", filename=s["filename"])],
).imp(
    "rename {filename:file} to {new_name:file} and open it",
    "rename {filename:file} to {new_name:file}, then open {new_name}",
    build=lambda s: [call("filesystem.move_file", filename=s["filename"], new_name=s["new_name"]),
                     call("filesystem.open_file", filename=s["new_name"])],
).imp(
    "read {filename:file}, then archive it",
    "read me {filename:file} and then archive it",
    build=lambda s: [call("filesystem.read_file", filename=s["filename"]),
                     call("filesystem.archive_file", filename=s["filename"])],
).imp(
    "add {content:listitem} to {filename:listname} and read it back to me",
    "put {content:listitem} on {filename:listname}, then tell me what's on it",
    build=lambda s: [call("filesystem.append_file", filename=s["filename"], content=s["content"]),
                     call("filesystem.read_file", filename=s["filename"])],
).imp(
    # Music and a countdown said together: one call each, in the order said.
    "play {query:music} and set a timer for {duration:dur}",
    "put on {query:music}, then set a timer for {duration:dur}",
    build=lambda s: [call("spotify.play_query", query=s["query"]), call("timer.start", duration=s["duration"], label="")],
).imp(
    "pause the music and set a timer for {duration:dur}",
    "pause the music, then set a {duration:durattr} timer",
    build=lambda s: [call("media.control", action="pause"), call("timer.start", duration=s["duration"], label="")],
).imp(
    "pause the music, and {when:remwhen} remind me to {text:remtext}",
    "pause the music and remind me {when:remwhen} to {text:remtext}",
    build=lambda s: [call("media.control", action="pause"), call("reminder.add", text=s["text"], when=s["when"])],
).imp(
    "turn the volume down and play {query:music}",
    "turn it down a bit and put on {query:music}",
    build=lambda s: [call("system.change_volume", by=-10), call("spotify.play_query", query=s["query"])],
).imp(
    # Three or four things in one breath, old tools and new.
    "create {filename:file}, append {content:note} and then open it",
    "make {filename:file}, append {content:note} to it and open it",
    build=lambda s: [call("filesystem.create_file", filename=s["filename"], content=""),
                     call("filesystem.append_file", filename=s["filename"], content=s["content"]),
                     call("filesystem.open_file", filename=s["filename"])],
).imp(
    "append {content:note} to {filename:file}, then read it back to me",
    "append {content:note} to {filename:file} and show me what's in it",
    build=lambda s: [call("filesystem.append_file", filename=s["filename"], content=s["content"]),
                     call("filesystem.read_file", filename=s["filename"])],
).imp(
    "pause the music, set a {duration:durattr} timer and remind me {when:remwhen} to {text:remtext}",
    "pause the music, start a timer for {duration:dur}, and remind me {when:remwhen} to {text:remtext}",
    build=lambda s: [call("media.control", action="pause"), call("timer.start", duration=s["duration"], label=""),
                     call("reminder.add", text=s["text"], when=s["when"])],
).imp(
    "set an alarm for {when:alarmwhen}, turn the volume up and play {query:music}",
    "wake me up at {when:alarmat}, then turn it up and put on {query:music}",
    build=lambda s: [call("alarm.set", when=s["when"], label=""), call("system.change_volume", by=10),
                     call("spotify.play_query", query=s["query"])],
).imp(
    "rename {filename:file} to {new_name:file}, open it and set a timer for {duration:dur}",
    build=lambda s: [call("filesystem.move_file", filename=s["filename"], new_name=s["new_name"]),
                     call("filesystem.open_file", filename=s["new_name"]), call("timer.start", duration=s["duration"], label="")],
).imp(
    "mute, pause the music and take a screenshot called {filename:shot}",
    build=lambda s: [call("system.mute", on=True), call("media.control", action="pause"),
                     call("uia.screenshot", filename=s["filename"], window_title="")],
).imp(
    "pause the music, mute the sound and screenshot the screen as {filename:shot}",
    build=lambda s: [call("media.control", action="pause"), call("system.mute", on=True),
                     call("uia.screenshot", filename=s["filename"], window_title="")],
).ask(
    "what time is it, and what are my reminders[?|]",
    "tell me the time and then list my reminders",
    build=lambda s: [call("clock.now"), call("reminder.list")],
).imp(
    # The everyday tools said in one breath with each other (round 4): short clauses, in order.
    "move {filename:file} [into|to] {folder} and open it",
    "put {filename:file} in {folder}, then open it",
    build=lambda s: [call("filesystem.move_file", filename=s["filename"],
                          new_name=f"{s['folder']}/{s['filename'].rsplit('/', 1)[-1]}"),
                     call("filesystem.open_file", filename=f"{s['folder']}/{s['filename'].rsplit('/', 1)[-1]}")],
).imp(
    "move {filename:file} to {new_name:file} and open it",
    "rename {filename:file} as {new_name:file} then open it",
    build=lambda s: [call("filesystem.move_file", filename=s["filename"], new_name=s["new_name"]),
                     call("filesystem.open_file", filename=s["new_name"])],
).imp(
    "[skip this|skip|next song|skip this one|next] and turn it up",
    "[skip this|skip|next song|next track] and make it louder",
    "skip this song, then turn the volume up",
    build=lambda s: [call("media.control", action="next"), call("system.change_volume", by=10)],
).imp(
    "[skip this|skip|next song|next] and turn it down",
    "skip this [one|song] and make it quieter",
    build=lambda s: [call("media.control", action="next"), call("system.change_volume", by=-10)],
).imp(
    "pause, and what time is it",
    "pause [the music|it|this], and [what time is it|what's the time]",
    "pause [the music|it] and tell me the time",
    "pause [the music|it], then tell me what day it is",
    build=lambda s: [call("media.control", action="pause"), call("clock.now")],
).ask(
    "what time is it? and pause the music",
    "what's the time, and pause [this|it|the music]",
    build=lambda s: [call("clock.now"), call("media.control", action="pause")],
).imp(
    "resume the music and turn it up",
    "unpause and turn it up a bit",
    build=lambda s: [call("media.control", action="play"), call("system.change_volume", by=10)],
).imp(
    "[open|pull up] {filename:mediafile} and set a timer for {duration:dur}",
    "[play|put on] {query:music} and set a timer for {duration:dur}",
    "[mute|mute the sound] and set a timer for {duration:dur}",
    "open {site} and set a timer for {duration:dur}",
    build=lambda s: ([call("filesystem.open_file", filename=s["filename"])] if "filename" in s else
                     [call("spotify.play_query", query=s["query"])] if "query" in s else
                     [call("browser.open_url", url=s["site"])] if "site" in s else
                     [call("system.mute", on=True)]) + [call("timer.start", duration=s["duration"], label="")],
).imp(
    "pause [the music|it] and remind me {when:remwhen} to {text:remtext}",
    "mute and wake me up at {when:alarmat}",
    build=lambda s: ([call("media.control", action="pause"), call("reminder.add", text=s["text"], when=s["when"])]
                     if "text" in s else [call("system.mute", on=True), call("alarm.set", when=s["when"], label="")]),
)


# Commands that mix services in one sentence: one call per service, in the order said.
CROSS: list[tuple[str, str]] = [
    ("email.send", "slack.send_message"), ("slack.send_message", "email.send"),
    ("spotify.play_query", "slack.send_message"), ("slack.send_message", "spotify.play_query"),
    ("email.send", "clipboard.copy_text"), ("clipboard.copy_text", "email.send"),
    ("filesystem.create_file", "slack.send_message"), ("filesystem.append_file", "slack.send_message"),
    ("filesystem.archive_file", "slack.send_message"), ("filesystem.delete_file", "email.send"),
    ("email.send", "filesystem.archive_file"), ("email.send", "filesystem.delete_file"),
    ("email.send", "filesystem.append_file"), ("slack.send_message", "filesystem.append_file"),
    ("spotify.play_query", "email.send"), ("email.send", "spotify.play_query"),
    ("slack.send_message", "clipboard.copy_text"), ("email.send", "browser.open_url"),
    ("slack.send_message", "browser.open_url"), ("browser.open_url", "email.send"),
    ("timer.start", "spotify.play_query"), ("media.control", "timer.start"), ("spotify.play_query", "timer.start"),
    ("filesystem.read_file", "email.send"), ("clock.now", "reminder.list"), ("system.mute", "process.start_program"),
    ("uia.screenshot", "slack.send_message"), ("alarm.set", "reminder.add"), ("filesystem.move_file", "email.send"),
    ("email.send", "reminder.add"), ("slack.send_message", "reminder.add"), ("media.control", "slack.send_message"),
    ("system.set_volume", "spotify.play_query"), ("filesystem.list_files", "local.search"),
    ("spotify.pause_playback", "slack.send_message"), ("local.search", "email.send"),
    ("email.send", "process.start_program"), ("slack.send_message", "uia.close_window"),
    ("system.change_volume", "timer.start"), ("reminder.add", "timer.start"), ("process.start_program", "timer.start"),
    ("spotify.play_query", "system.change_volume"), ("media.control", "system.change_volume"),
    ("media.control", "clock.now"), ("clock.now", "media.control"), ("system.mute", "clock.now"),
    ("filesystem.read_file", "timer.start"), ("alarm.set", "media.control"), ("browser.open_url", "system.set_volume"),
    ("uia.close_window", "timer.start"), ("email.send", "timer.start"), ("filesystem.open_file", "system.mute"),
    ("filesystem.move_file", "reminder.add"), ("reminder.cancel", "alarm.set"), ("system.set_volume", "media.control"),
]
CROSS_JOINTS = [" and ", " then ", ", then ", " and then ", " and also ", ", after that ", ", plus ",
                ", and ", " after that ", ". Also, ", ". Then ", "; ", " & ", " plus "]




@dataclass
class Clause:
    rendered: Rendered
    tool: str


def merge_calls(calls: list[dict]) -> list[dict]:
    """Consecutive browser.run_steps calls become one: the steps run on one page, in order.
    A page opened with browser.open_url and then worked on is that run_steps call's goto."""
    out: list[dict] = []
    for c in calls:
        if out and c["tool"] == out[-1]["tool"] == "browser.run_steps":
            out[-1] = call("browser.run_steps", steps=out[-1]["args"]["steps"] + c["args"]["steps"])
        elif out and c["tool"] == "browser.run_steps" and out[-1]["tool"] == "browser.open_url":
            goto = {"action": "goto", "args": {"url": out[-1]["args"]["url"]}}
            out[-1] = call("browser.run_steps", steps=[goto] + c["args"]["steps"])
        else:
            out.append({"tool": c["tool"], "args": dict(c["args"])})
    return out


class Composer:
    """Picks related clauses and joins them; the template id lists the clauses' ids."""

    def __init__(self, by_tool: dict[str, list[Template]], after_browser: list[Template], pools,
                 launch: list[Template] | None = None):
        # A clause naming several files is a plan of its own; in a chain it would pass 4 calls.
        self.by_tool = {t: [x for x in ts if x.imperative and not x.id.split("/")[0].endswith("_many")]
                        for t, ts in by_tool.items()}
        self.by_tool = {t: ts for t, ts in self.by_tool.items() if ts}
        self.tools = sorted(self.by_tool)
        self.after_browser = after_browser
        self.pools = pools
        self.launch = launch or []
        # Clauses that open a page: a site, a web search or a YouTube search.
        self.openers = [t for t in self.by_tool.get("browser.open_url", [])
                        if t.id.split("/")[0] in {"browser.site", "browser.google", "browser.youtube"}]

    def _next_template(self, prev: str | None, rng: random.Random) -> Template:
        if prev in BROWSER and self.after_browser and rng.random() < 0.45:
            return rng.choice(self.after_browser)
        # A second navigation would merge into the same page ("open youtube and search for x"
        # is a YouTube search, not two gotos), so a browser clause is followed by a page step
        # or another tool; a screenshot after a page is the page's (a browser step), never
        # uia.screenshot of the desktop.
        allowed = [t for t in self.tools if not (prev in BROWSER and (t in BROWSER or t == "uia.screenshot"))]
        options = [t for t in AFFINITY.get(prev or "", []) if t in allowed]
        tool = rng.choice(options) if options and rng.random() < 0.6 else rng.choice(allowed)
        return rng.choice(self.by_tool[tool])

    def browser_chain(self, rng: random.Random, style: Style) -> Rendered:
        """`[open chrome,] go to x, wait 2 seconds, fill a with b and click c`: one run_steps call
        with every step in order (after a start_program call when a browser is opened first)."""
        templates: list[Template] = []
        if self.launch and rng.random() < 0.35:
            templates.append(rng.choice(self.launch))
        templates.append(rng.choice(self.openers))
        kinds = {t.id.split("/")[0] for t in self.after_browser}
        last = ""
        for _ in range(rng.choices([1, 2, 3], weights=[0.45, 0.38, 0.17])[0]):
            kind = rng.choice(sorted(kinds - {last}))
            templates.append(rng.choice([t for t in self.after_browser if t.id.startswith(kind + "/")]))
            last = kind
        return self.join([render(t, rng, style, self.pools) for t in templates], rng)

    def cross(self, rng: random.Random, style: Style) -> Rendered:
        """Two (or three) services in one sentence: `email bob about x and tell #team y`."""
        pairs = [p for p in CROSS if p[0] in self.by_tool and p[1] in self.by_tool]
        tools = list(rng.choice(pairs))
        while len(tools) < 4 and rng.random() < (0.6 if len(tools) == 2 else 0.3):
            nxt = [b for a, b in pairs if a == tools[-1] and b not in tools]
            if not nxt:
                break
            tools.append(rng.choice(nxt))
        clauses = [render(rng.choice(self.by_tool[t]), rng, style, self.pools) for t in tools]
        if len(clauses) == 2:
            return self.join(clauses, rng, joints=CROSS_JOINTS)
        return self.join(clauses, rng)

    def compose(self, rng: random.Random, style: Style) -> Rendered:
        n = rng.choices([2, 3, 4], weights=[0.5, 0.33, 0.17])[0]
        clauses: list[Rendered] = []
        prev = None
        for _ in range(n):
            template = self._next_template(prev, rng)
            clauses.append(render(template, rng, style, self.pools))
            prev = template.tool
        return self.join(clauses, rng)

    def join(self, clauses: list[Rendered], rng: random.Random, joints: list[str] | None = None) -> Rendered:
        n = len(clauses)
        segments: list[tuple[str, bool]] = []
        first_then = n == 2 and joints is None and rng.random() < 0.12
        if first_then:
            segments.append(("first ", False))
        for i, clause in enumerate(clauses):
            if i:
                if first_then:
                    joint = rng.choice([", then ", " and then ", " then "])
                elif n == 2:
                    joint = rng.choice(joints or CONNECT_2)
                else:
                    joint = rng.choice(CONNECT_LAST if i == n - 1 else CONNECT_MID)
                segments.append((joint, False))
            segs = list(clause.segments)
            if i and not segs[0][1] and not joint.endswith(". "):
                segs[0] = (segs[0][0][:1].lower() + segs[0][0][1:], False)
            segments.extend(segs)
        calls = merge_calls([c for clause in clauses for c in clause.calls])
        template_id = "multi:" + "+".join(c.template for c in clauses)
        return Rendered(segments, calls, template_id, imperative=True)
