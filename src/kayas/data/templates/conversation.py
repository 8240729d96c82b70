"""Conversation examples: plans whose calls feed each other, and follow-ups read after earlier turns.

Not a TemplateSet: each example is a short dialogue. The brain reads the last turns as
`kayas.prompt.with_context` writes them ("Earlier: COMMAND => PLAN" lines, then "Now: COMMAND"),
exactly as at run time. Kinds (the template id's middle part):

- chain: one command whose plan needs a reference (`{"$ref":0}`: call 0's text) for the pairs
  people ask for: clipboard, command output, the current song, a file's text, search results,
  processes... into a file, the clipboard, an email or Slack;
- result: "save that to notes.txt" after a turn that showed something: the source is asked again;
- pronoun, again, more, other, fix: "delete it", "again", "and eggs", "the other one", "no, blues";
- irrelevant: an ordinary command after a context that has nothing to do with it;
- unresolved: "delete it" with nothing it could be: `[]`, never a guess.

Conventions (docs/conversation.md): "to/in/into FILE" appends, a new file is created only when
asked; an email's subject is the user's, else what the body is in a few words.
"""
from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kayas.data.pools import FILENAMES, LOCAL_QUERIES, MESSAGES, NOTES, SHELL, SLACK_QUERIES, SUBJECTS
from kayas.data.spec import TemplateError
from kayas.formats.examples import Example
from kayas.plan import PlanError, dumps_plan, parse_plan
from kayas.prompt import with_context

Calls = list[dict[str, Any]]
Turn = tuple[str, Calls]
R0 = {"$ref": 0}
VAL_EVERY = 8  # one phrasing in eight is held out for val


def c(tool: str, **args: Any) -> dict[str, Any]:
    return {"tool": tool, "args": args}


def create(f: str, content: Any = "") -> dict[str, Any]:
    return c("filesystem.create_file", filename=f, content=content)


def append(f: str, content: Any) -> dict[str, Any]:
    return c("filesystem.append_file", filename=f, content=content)


def email(to: str, subject: str, body: Any) -> dict[str, Any]:
    return c("email.send", to=to, subject=subject, body=body)


def slack(ch: str, text: Any) -> dict[str, Any]:
    return c("slack.send_message", channel=ch, text=text)


def sh(command: str) -> dict[str, Any]:
    return c("process.run_command", command=command)


def read(f: str) -> dict[str, Any]:
    return c("filesystem.read_file", filename=f)


PASTE = c("clipboard.paste_text")
SONG = c("spotify.get_current_playing")
PROCS = c("process.list_processes")
SYSINFO = c("process.get_system_info")
WINDOWS = c("uia.list_windows")
NOW = c("clock.now")

NAMES = "kim lee ana sam tom priya omar maria jo nina raj zoe".split()
ADDRESSES = ["lee@uni.edu", "kim@work.co", "ana@home.org", "sam@acme.io", "boss@corp.com", "mum@family.net", "jo@mail.net"]
CHANNELS = ["#general", "#team", "#dev", "#random", "#music", "#ops", "#builds", "#design", "#marketing", "#support"]
PLAIN_FILES = [f for f in dict.fromkeys(FILENAMES) if " " not in f and "/" not in f and f.rsplit(".", 1)[-1] in ("txt", "md", "log", "csv")]
SAFE_SHELL = [s for s in SHELL if not any(w in s for w in ("rm ", "kill", "sudo", ">"))]


@dataclass
class Source:
    """Something that gives text: its call, its names in a sentence, an email subject."""

    key: str
    call: dict[str, Any]
    names: list[str]
    subject: str
    copyable: bool = True  # "copy it" makes sense (not the clipboard itself)


def sources(rng: random.Random) -> list[Source]:
    f = rng.choice(PLAIN_FILES)
    cmd = rng.choice(SAFE_SHELL)
    q = rng.choice(LOCAL_QUERIES)
    sq = rng.choice(SLACK_QUERIES)
    return [
        Source("clipboard", PASTE, ["the clipboard", "my clipboard", "what's on the clipboard", "whatever is on my clipboard",
                                    "the clipboard text", "what I copied"], "clipboard", copyable=False),
        Source("output", sh(cmd), [f"the output of {cmd}", f"what {cmd} prints", f"the result of {cmd}", f"the {cmd} output"], cmd),
        Source("song", SONG, ["what's playing", "the current song", "the song that's playing", "this song", "the track playing now",
                              "the name of this song"], "current song"),
        Source("file", read(f), [f"the contents of {f}", f"the text of {f}", f"what's in {f}", f"everything in {f}"], f),
        Source("search", c("local.search", query=q), [f"the results of searching my files for {q}", f"the files matching {q}",
                                                      f"the list of files about {q}"], f"search results for {q}"),
        Source("slacksearch", c("slack.search_messages", query=sq), [f"the slack messages about {sq}",
                                                                     f"what slack has on {sq}"], f"slack messages about {sq}"),
        Source("procs", PROCS, ["the list of running processes", "the running processes", "what's running right now"], "running processes"),
        Source("sysinfo", SYSINFO, ["my system info", "the system info", "the cpu and memory figures"], "system info"),
        Source("windows", WINDOWS, ["the list of open windows", "the titles of the open windows"], "open windows"),
        Source("time", NOW, ["the current time", "the date and time", "today's date and time"], "current time"),
    ]


# Sinks: (phrasings with {src}, and the call taking the reference). {f}, {to}, {ch}, {subj} are filled per example.
APPEND = ["save {src} to {f}", "add {src} to {f}", "put {src} in {f}", "append {src} to {f}", "write {src} into {f}",
          "note {src} down in {f}", "dump {src} into {f}", "stick {src} at the end of {f}", "log {src} to {f}"]
CREATE = ["create a file {f} with {src}", "make a new file called {f} containing {src}", "save {src} to a new file called {f}",
          "write {src} to a new file {f}", "create {f} and put {src} in it"]
COPY = ["copy {src}", "copy {src} to the clipboard", "put {src} on my clipboard", "get {src} into my clipboard"]
EMAIL = ["email {src} to {to}", "send {to} {src} by email", "mail {src} to {to}", "email {to} {src}", "send {src} to {to} by mail"]
EMAIL_SUBJ = ["email {src} to {to} with the subject {subj}", "mail {to} {src}, subject {subj}"]
SLACK = ["post {src} to {ch}", "send {src} to {ch}", "share {src} in {ch}", "post {src} in {ch} on slack", "drop {src} in {ch}"]
# Whole sentences for pairs said their own way.
WHOLE = {
    "clipboard": ["paste the clipboard into {f}", "paste what I copied into {f}", "paste my clipboard at the end of {f}"],
    "output": ["run {cmd} and save the output to {f}", "run {cmd} and copy what it prints", "run {cmd} and post the result to {ch}",
               "run {cmd} and email the output to {to}"],
    "song": ["save what's playing to {f}", "add the current song to {f}", "tell {ch} what I'm listening to",
             "note down this song in {f}"],
    "search": ["search my files for {q} and save the results to {f}", "find files about {q} and write the list to {f}"],
    "file": ["email {file} to {to}", "post {file} to {ch}", "send {file} to {to} by email"],
}


def _chain(rng: random.Random, phrasing: int | None = None) -> tuple[str, list[Turn], str, Calls]:
    src = rng.choice(sources(rng))
    f = rng.choice(PLAIN_FILES)
    to = rng.choice(ADDRESSES + NAMES)
    ch = rng.choice(CHANNELS)
    subj = rng.choice(SUBJECTS)
    said = rng.choice(src.names)
    kind = rng.choice(["append", "append", "create", "copy", "email", "email", "slack", "whole"])
    if kind == "copy" and not src.copyable:
        kind = "append"
    if kind == "whole" and src.key not in WHOLE:
        kind = "slack"
    if kind == "whole":
        k = rng.randrange(len(WHOLE[src.key]))
        pattern = WHOLE[src.key][k]
        cmd = src.call["args"].get("command", "")
        q = src.call["args"].get("query", "")
        file = src.call["args"].get("filename", "")
        text = pattern.format(f=f, cmd=cmd, ch=ch, to=to, q=q, file=file)
        if "copy" in pattern:
            sink = c("clipboard.copy_text", text=R0)
        elif "{ch}" in pattern:
            sink = slack(ch, R0)
        elif "{to}" in pattern:
            sink = email(to, src.subject, R0)
        else:
            sink = append(f, R0)
        return f"chain.whole.{src.key}.{k}", [], text, [src.call, sink]
    table = {"append": APPEND, "create": CREATE, "copy": COPY, "email": EMAIL + EMAIL_SUBJ, "slack": SLACK}[kind]
    k = rng.randrange(len(table))
    pattern = table[k]
    text = pattern.format(src=said, f=f, to=to, ch=ch, subj=subj)
    subject = subj if "{subj}" in pattern else src.subject
    sink = {"append": append(f, R0), "create": create(f, R0), "copy": c("clipboard.copy_text", text=R0),
            "email": email(to, subject, R0), "slack": slack(ch, R0)}[kind]
    return f"chain.{kind}.{k}", [], text, [src.call, sink]


# "What's on my clipboard" -> "save it to notes.txt": the source is asked again in the new plan.
SHOW = {"clipboard": ["what's on my clipboard", "show me the clipboard", "read the clipboard"],
        "output": ["run {cmd}", "{cmd}", "execute {cmd}"],
        "song": ["what song is this", "what's playing", "what am I listening to"],
        "file": ["read {file}", "show me {file}", "what's in {file}"],
        "search": ["search my files for {q}", "find my files about {q}"],
        "procs": ["list the running processes", "what's running"],
        "time": ["what time is it", "what's the date"]}
ON_RESULT = {"append": ["save it to {f}", "save that to {f}", "add that to {f}", "put it in {f}", "write that down in {f}"],
             "copy": ["copy that", "copy it", "put that on my clipboard"],
             "email": ["email that to {to}", "send it to {to}", "mail it to {to}", "email it to {to}"],
             "slack": ["post that to {ch}", "share it in {ch}", "send that to {ch}"]}


def _result(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    src = rng.choice([s for s in sources(rng) if s.key in SHOW])
    cmd, q, file = (src.call["args"].get(k, "") for k in ("command", "query", "filename"))
    shown = rng.choice(SHOW[src.key]).format(cmd=cmd, q=q, file=file)
    kind = rng.choice([k for k in ON_RESULT if src.copyable or k != "copy"])
    k = rng.randrange(len(ON_RESULT[kind]))
    f, to, ch = rng.choice(PLAIN_FILES), rng.choice(ADDRESSES + NAMES), rng.choice(CHANNELS)
    text = ON_RESULT[kind][k].format(f=f, to=to, ch=ch)
    sink = {"append": append(f, R0), "copy": c("clipboard.copy_text", text=R0), "email": email(to, src.subject, R0),
            "slack": slack(ch, R0)}[kind]
    return f"result.{kind}.{k}", [(shown, [src.call])], text, [src.call, sink]


# A file named before, then "it": what each pronoun command does to it.
FILE_BEFORE = [("create a file called {f}", lambda f, x: [create(f)]), ("make {f}", lambda f, x: [create(f)]),
               ("add {x} to {f}", lambda f, x: [append(f, x)]), ("read {f}", lambda f, x: [read(f)]),
               ("open {f}", lambda f, x: [c("filesystem.open_file", filename=f)])]
ON_FILE = [("delete it", lambda f, x, g: [c("filesystem.delete_file", filename=f)]),
           ("now delete that file", lambda f, x, g: [c("filesystem.delete_file", filename=f)]),
           ("open it", lambda f, x, g: [c("filesystem.open_file", filename=f)]),
           ("archive it", lambda f, x, g: [c("filesystem.archive_file", filename=f)]),
           ("read it back", lambda f, x, g: [read(f)]),
           ("rename it to {g}", lambda f, x, g: [c("filesystem.move_file", filename=f, new_name=g)]),
           ("add {x} to it", lambda f, x, g: [append(f, x)]),
           ("add another line to that file: {x}", lambda f, x, g: [append(f, x)]),
           ("put {x} in that file too", lambda f, x, g: [append(f, x)]),
           ("email it to {to}", lambda f, x, g: [read(f), email(g, f, R0)]),
           ("copy its text", lambda f, x, g: [read(f), c("clipboard.copy_text", text=R0)])]


def _pronoun(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    f = rng.choice(PLAIN_FILES)
    x = rng.choice(NOTES)
    before, made = rng.choice(FILE_BEFORE)
    k = rng.randrange(len(ON_FILE))
    pattern, build = ON_FILE[k]
    if "{to}" in pattern:
        g = rng.choice(ADDRESSES + NAMES)
        text = pattern.format(to=g)
    else:
        g = rng.choice([n for n in PLAIN_FILES if n != f])
        text = pattern.format(x=x, g=g)
    context = [(before.format(f=f, x=x), made(f, x))]
    if rng.random() < 0.3:  # an unrelated turn between: "it" is still the file
        context.insert(0, rng.choice([("what time is it", [NOW]), ("play some jazz", [c("spotify.play_query", query="jazz")]),
                                      ("mute", [c("system.mute", on=True)])]))
    return f"pronoun.{k}", context, text, build(f, x, g)


AGAIN = ["again", "do that again", "one more time", "repeat that", "same again", "once more", "do it again"]


def _again(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    cmd = rng.choice(SAFE_SHELL)
    said, plan = rng.choice([
        (f"run {cmd}", [sh(cmd)]), ("show the running processes", [PROCS]),
        (f"take a screenshot called {rng.choice(['s.png', 'shot.png', 'screen.png'])}", None),
        ("next song", [c("media.control", action="next")]), ("turn it up", [c("system.change_volume", by=10)]),
        (f"add {rng.choice(NOTES)} to {rng.choice(PLAIN_FILES)}", None),
    ])
    if plan is None:
        if said.startswith("take"):
            plan = [c("uia.screenshot", filename=said.rsplit(" ", 1)[-1], window_title="")]
        else:
            x, f = said[4:].rsplit(" to ", 1)
            plan = [append(f, x)]
    k = rng.randrange(len(AGAIN) + 1)
    text = AGAIN[k] if k < len(AGAIN) else ("run it again" if said.startswith("run") else "again")
    return f"again.{k}", [(said, plan)], text, plan


def _more(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    """"and eggs", "to kim too", "and #random": the same call for one more thing."""
    f, g = rng.sample(PLAIN_FILES, 2)
    x, y = rng.sample(NOTES, 2)
    a, b = rng.sample(ADDRESSES + NAMES, 2)
    ch, ch2 = rng.sample(CHANNELS, 2)
    subj, body = rng.choice(SUBJECTS), rng.choice(MESSAGES)
    p, q = rng.sample(["firefox", "chrome", "slack", "spotify", "code", "vlc", "zoom", "discord"], 2)
    cases: list[tuple[str, Calls, list[str], Calls]] = [
        (f"add {x} to {f}", [append(f, x)], [f"and {y}", f"also {y}", f"add {y} too", f"and {y} as well"], [append(f, y)]),
        (f"email {a} subject {subj} body {body}", [email(a, subj, body)],
         [f"to {b} too", f"send it to {b} too", f"and to {b}", f"same to {b}", f"cc {b} as well, separately"][:4], [email(b, subj, body)]),
        (f"post {body} to {ch}", [slack(ch, body)], [f"and to {ch2}", f"post it in {ch2} too", f"same in {ch2}"], [slack(ch2, body)]),
        (f"delete {f}", [c("filesystem.delete_file", filename=f)], [f"and {g}", f"{g} too", f"same for {g}"],
         [c("filesystem.delete_file", filename=g)]),
        (f"archive {f}", [c("filesystem.archive_file", filename=f)], [f"and {g}", f"same for {g}", f"{g} as well"],
         [c("filesystem.archive_file", filename=g)]),
        (f"open {p}", [c("process.start_program", program=p, background=True)], [f"and {q} too", f"{q} as well", f"also {q}"],
         [c("process.start_program", program=q, background=True)]),
    ]
    i = rng.randrange(len(cases))
    said, plan, follow, new = cases[i]
    k = rng.randrange(len(follow))
    return f"more.{i}.{k}", [(said, plan)], follow[k], new


def _fix(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    """Corrections: "no, blues", "make it 15", "no, to errands.txt"."""
    f, g = rng.sample(PLAIN_FILES, 2)
    x = rng.choice(NOTES)
    m1, m2 = rng.sample(["jazz", "blues", "lofi", "adele", "taylor swift", "queen", "bach", "rock", "coldplay"], 2)
    d1, d2 = rng.sample(["5 minutes", "10 minutes", "15 minutes", "20 minutes", "half an hour", "an hour"], 2)
    w1, w2 = rng.sample(["6pm", "7pm", "8am", "tomorrow at 9", "noon", "friday 9am"], 2)
    v1, v2 = rng.sample([20, 30, 40, 50, 60, 70, 80], 2)
    what = rng.choice(["call mum", "take the bins out", "stretch", "pay rent"])
    cases: list[tuple[str, Calls, list[str], Calls]] = [
        (f"play {m1}", [c("spotify.play_query", query=m1)], [f"no, {m2}", f"actually play {m2} instead", f"no, I said {m2}"],
         [c("spotify.play_query", query=m2)]),
        (f"set a timer for {d1}", [c("timer.start", duration=d1, label="")], [f"make it {d2}", f"no, {d2}"],
         [c("timer.start", duration=d2, label="")]),
        (f"remind me to {what} at {w1}", [c("reminder.add", text=what, when=w1)], [f"actually make that {w2}", f"no, {w2}"],
         [c("reminder.add", text=what, when=w2)]),
        (f"set the volume to {v1}", [c("system.set_volume", percent=v1)], [f"no, {v2}", f"make it {v2}"],
         [c("system.set_volume", percent=v2)]),
        (f"add {x} to {f}", [append(f, x)], [f"no, to {g}", f"sorry, I meant {g}", f"wrong file, {g}"], [append(g, x)]),
        (f"create {f}", [create(f)], [f"sorry, I meant {g}", f"no, call it {g}"], [create(g)]),
    ]
    i = rng.randrange(len(cases))
    said, plan, follow, new = cases[i]
    k = rng.randrange(len(follow))
    return f"fix.{i}.{k}", [(said, plan)], follow[k], new


def _other(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    """"the other one", "the first one", "the second one" after two files."""
    f, g = rng.sample(PLAIN_FILES, 2)
    i = rng.randrange(3)
    if i == 0:
        return "other.0", [(f"create {f} and {g}", [create(f), create(g)]), (f"delete {f}", [c("filesystem.delete_file", filename=f)])], \
            rng.choice(["and the other one", "now the other one", "the other one too"]), [c("filesystem.delete_file", filename=g)]
    first = i == 1
    word = rng.choice(["first", "1st"]) if first else rng.choice(["second", "other", "last"])
    verb, tool = rng.choice([("open", "filesystem.open_file"), ("archive", "filesystem.archive_file"), ("read", "filesystem.read_file")])
    return f"other.{i}", [(f"read {f} and {g}", [read(f), read(g)])], f"{verb} the {word} one", [c(tool, filename=f if first else g)]


UNRESOLVED = ["delete it", "open that file", "send it to kim", "the other one", "rename it to old.txt", "add milk to it",
              "and to kim too", "do it again", "again", "save that to notes.txt", "email that to lee@uni.edu", "copy that",
              "archive the other one", "open the first one", "close it", "same for that one", "delete that file",
              "read it back", "move it to archive", "send that to #team", "and the second one", "put it in my notes",
              "no, the other file", "same again", "one more time", "add it to the list"]
# Turns with nothing a pronoun could stand for: no file, no text shown, no message (and "again" only after `[]`).
NO_ANTECEDENT: list[Turn] = [("thanks", []), ("what's the weather", []), ("mute", [c("system.mute", on=True)]),
                             ("set the volume to 40", [c("system.set_volume", percent=40)]), ("hello", []),
                             ("turn it down a bit", [c("system.change_volume", by=-10)]), ("how are you", []),
                             ("set a timer for 10 minutes", [c("timer.start", duration="10 minutes", label="")]),
                             ("pause", [c("media.control", action="pause")]), ("order a pizza", []), ("good morning", [])]


def _unresolved(rng: random.Random) -> tuple[str, list[Turn], str, Calls]:
    k = rng.randrange(len(UNRESOLVED))
    text = UNRESOLVED[k]
    if text in ("again", "do it again", "same again", "one more time"):  # again after nothing done is nothing
        context = [rng.choice([t for t in NO_ANTECEDENT if not t[1]])] if rng.random() < 0.6 else []
    else:
        context = [rng.choice(NO_ANTECEDENT)] if rng.random() < 0.7 else []
    return f"unresolved.{k}", context, text, []


MAKERS: dict[str, tuple[Callable[[random.Random], tuple[str, list[Turn], str, Calls]], float]] = {
    "chain": (_chain, 0.27), "result": (_result, 0.12), "pronoun": (_pronoun, 0.14), "again": (_again, 0.06),
    "more": (_more, 0.09), "fix": (_fix, 0.07), "other": (_other, 0.05), "unresolved": (_unresolved, 0.10),
}
IRRELEVANT = 0.10  # the rest: an ordinary command after a context that does not matter


def held_for_val(template: str) -> bool:
    """One phrasing in VAL_EVERY goes to val (by its id, the same for every seed)."""
    return zlib.crc32(template.encode()) % VAL_EVERY == 0


@dataclass
class Dialogue:
    template: str
    context: list[Turn]
    command: str
    calls: Calls


def dialogue(rng: random.Random, single: Callable[[random.Random], tuple[str, Calls, str]]) -> Dialogue:
    """One example; ``single`` gives an ordinary command (command, calls, template id) for the
    rows whose context does not matter."""
    r = rng.random()
    for make, share in MAKERS.values():
        if r < share:
            template, context, command, calls = make(rng)
            return Dialogue(f"conversation/{template}", context, command, calls)
        r -= share
    _, context, _, _ = rng.choice([_pronoun, _again, _more, _fix, _result])(rng)
    command, calls, template = single(rng)
    return Dialogue(f"conversation/irrelevant:{template}", context[-1:], command, calls)


def user_text(d: Dialogue, plan_text: Callable[[Calls], str]) -> str:
    """What the brain reads: the context's turns (plans in canonical text), then the command."""
    return with_context(d.command, [(said, plan_text(calls)) for said, calls in d.context])


def examples(gen: Any, rng: random.Random, n: int) -> list[Example]:
    """``n`` validated conversation examples (fewer if phrasings repeat) from a
    `kayas.data.generate.Generator` (its registry, and its single templates for the rows whose
    context does not matter)."""
    tools = sorted(t for t in gen.singles if t not in gen.no_tool_groups)

    def single(r: random.Random) -> tuple[str, Calls, str]:
        ex = gen.say(r.choice(gen.singles[r.choice(tools)]), r)
        return ex.command, [call.as_json() for call in parse_plan(ex.plan, gen.registry)], ex.template

    def plan_text(calls: Calls) -> str:
        return dumps_plan(parse_plan(calls, gen.registry))

    out, seen = [], set()
    for _ in range(n * 3):
        if len(out) >= n:
            break
        d = dialogue(rng, single)
        prompt = user_text(d, plan_text)
        if prompt in seen:
            continue
        seen.add(prompt)
        try:
            plan = plan_text(d.calls)
        except PlanError as exc:
            raise TemplateError(f"template {d.template} made an invalid example for {d.command!r}: {exc}") from None
        category = "no_tool" if not d.calls else ("multi_step" if len(d.calls) > 1 else d.calls[0]["tool"].split(".", 1)[0])
        kind = d.template.split("/", 1)[1].split(".", 1)[0]
        why = f"No tool fits: the conversation ({kind}) leaves nothing it could mean" if not d.calls else f"conversation: {kind}"
        out.append(Example.chat(prompt, plan, category, d.template, why))
    return out
