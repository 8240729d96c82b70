"""Writes conversation.jsonl: follow-ups that refer back and plans whose calls feed each other (issue #29).

Written by hand from docs/TOOLS.md and docs/conversation.md's conventions alone, before the
conversation templates existed and without reading any template: it is scored, never trained on.

A row is a whole dialogue in the chat format: system, then (user, assistant) pairs; the earlier
pairs are the context (what was said and what was planned), the last assistant message is the
plan scored. Categories:

- chain: one command whose plan needs a reference (`{"$ref": N}`: call N's text);
- followup: a pronoun, "again", "the other one", "to kim too", a correction, resolved from the context;
- irrelevant: a context that has nothing to do with the command;
- unresolved: a reference the context cannot resolve (or no context at all): `[]`.

Conventions (docs/conversation.md): text that goes into a file is appended ("save/add/put X to
FILE"), unless a new file is asked for ("create/make a file FILE with X"); an email's subject is
the user's, else what the body is in a few words (a file's name, the command, "running
processes", "clipboard", "current song"); an earlier turn's output is fetched again in the new plan.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from heldout_common import (  # noqa: E402
    HERE,
    NONE,
    NOW,
    NOW_PLAYING,
    PASTE,
    PROCS,
    SYSINFO,
    WINDOWS,
    Plan,
    alarm,
    append,
    archive,
    builtin_registry,
    c,
    copy,
    create,
    delete,
    email,
    find,
    google,
    kill,
    louder,
    ls,
    media,
    move,
    mute,
    open_file,
    play,
    read,
    remind,
    render,
    sh,
    slack,
    slack_search,
    start,
    summary,
    timer,
    volume,
    write,
)

from kayas.prompt import SYSTEM_PROMPT  # noqa: E402

R0 = {"$ref": 0}
R1 = {"$ref": 1}
HIST = c("clipboard.get_history", limit=10)

Turn = tuple[str, Plan]
ROWS: list[tuple[str, list[Turn]]] = []


def chain(command: str, plan: Plan) -> None:
    ROWS.append(("chain", [(command, plan)]))


def follow(category: str, *turns: Turn) -> None:
    ROWS.append((category, list(turns)))


# ---------------------------------------------------------------- chains: one plan, a reference
chain("paste the clipboard into notes.txt", [PASTE, append("notes.txt", R0)])
chain("save what's on my clipboard to ideas.md", [PASTE, append("ideas.md", R0)])
chain("put the clipboard text at the end of log.txt", [PASTE, append("log.txt", R0)])
chain("create a file called snippet.txt with whatever is on the clipboard", [PASTE, create("snippet.txt", R0)])
chain("make a new file clip.txt containing my clipboard", [PASTE, create("clip.txt", R0)])
chain("email the clipboard to lee@uni.edu", [PASTE, email("lee@uni.edu", "clipboard", R0)])
chain("post my clipboard in #general", [PASTE, slack("#general", R0)])
chain("copy the output of git status to the clipboard", [sh("git status"), copy(R0)])
chain("run ls -la and copy what it prints", [sh("ls -la"), copy(R0)])
chain("save the output of df -h to disk.txt", [sh("df -h"), append("disk.txt", R0)])
chain("run uptime and put the result in uptime.log", [sh("uptime"), append("uptime.log", R0)])
chain("write the output of pip list to a new file packages.txt", [sh("pip list"), create("packages.txt", R0)])
chain("email lee@uni.edu the list of running processes", [PROCS, email("lee@uni.edu", "running processes", R0)])
chain("send kim the output of uname -a by email", [sh("uname -a"), email("kim", "uname -a", R0)])
chain("run git log --oneline -5 and post it to #dev", [sh("git log --oneline -5"), slack("#dev", R0)])
chain("share the output of make test in #builds", [sh("make test"), slack("#builds", R0)])
chain("save what's playing to songs.txt", [NOW_PLAYING, append("songs.txt", R0)])
chain("add the current song to favourites.txt", [NOW_PLAYING, append("favourites.txt", R0)])
chain("note down this song in music.md", [NOW_PLAYING, append("music.md", R0)])
chain("copy the name of the song that's playing", [NOW_PLAYING, copy(R0)])
chain("tell #music what I'm listening to", [NOW_PLAYING, slack("#music", R0)])
chain("email notes.txt to lee@uni.edu", [read("notes.txt"), email("lee@uni.edu", "notes.txt", R0)])
chain("send the contents of report.md to kim by email", [read("report.md"), email("kim", "report.md", R0)])
chain("mail the text of todo.txt to ana@home.org with the subject my list", [read("todo.txt"), email("ana@home.org", "my list", R0)])
chain("post the contents of standup.txt to #team", [read("standup.txt"), slack("#team", R0)])
chain("share what's in release_notes.md on slack in #announcements", [read("release_notes.md"), slack("#announcements", R0)])
chain("copy the text of address.txt to the clipboard", [read("address.txt"), copy(R0)])
chain("put the contents of password_hint.txt on my clipboard", [read("password_hint.txt"), copy(R0)])
chain("search my files for invoice and save the results to found.txt", [find("invoice"), append("found.txt", R0)])
chain("find files about taxes and write the list to taxes_files.txt", [find("taxes"), append("taxes_files.txt", R0)])
chain("look for budget in my files and email the results to kim", [find("budget"), email("kim", "search results for budget", R0)])
chain("save my system info to machine.txt", [SYSINFO, append("machine.txt", R0)])
chain("write the list of open windows to windows.txt", [WINDOWS, append("windows.txt", R0)])
chain("save the current time to times.log", [NOW, append("times.log", R0)])
chain("copy notes.txt's text and email it to lee@uni.edu", [read("notes.txt"), email("lee@uni.edu", "notes.txt", R0)])
chain("read agenda.txt, post it to #team and email it to kim", [read("agenda.txt"), slack("#team", R0), email("kim", "agenda.txt", R0)])

# ---------------------------------------------------------------- follow-ups with a context
follow("followup", ("create a file called tulips.txt", [create("tulips.txt")]),
       ("add another line to that file: tulips", [append("tulips.txt", "tulips")]))
follow("followup", ("create a file called tulips.txt", [create("tulips.txt")]), ("now delete it", [delete("tulips.txt")]))
follow("followup", ("make a file shopping.txt", [create("shopping.txt")]), ("add eggs to it", [append("shopping.txt", "eggs")]))
follow("followup", ("add bread to groceries.txt", [append("groceries.txt", "bread")]),
       ("and butter", [append("groceries.txt", "butter")]))
follow("followup", ("add bread to groceries.txt", [append("groceries.txt", "bread")]),
       ("also cheese", [append("groceries.txt", "cheese")]))
follow("followup", ("read plan.md", [read("plan.md")]), ("open it", [open_file("plan.md")]))
follow("followup", ("read plan.md", [read("plan.md")]), ("archive that file", [archive("plan.md")]))
follow("followup", ("create draft.txt", [create("draft.txt")]), ("rename it to final.txt", [move("draft.txt", "final.txt")]))
follow("followup", ("rename draft.txt to final.txt", [move("draft.txt", "final.txt")]), ("now open it", [open_file("final.txt")]))
follow("followup", ("create a.txt and b.txt", [create("a.txt"), create("b.txt")]), ("delete a.txt", [delete("a.txt")]),
       ("and the other one", [delete("b.txt")]))
follow("followup", ("read notes.txt and todo.txt", [read("notes.txt"), read("todo.txt")]), ("open the first one", [open_file("notes.txt")]))
follow("followup", ("read notes.txt and todo.txt", [read("notes.txt"), read("todo.txt")]), ("open the second one", [open_file("todo.txt")]))
follow("followup", ("open report.pdf", [open_file("report.pdf")]), ("no, the other one, report.docx", [open_file("report.docx")]))
follow("followup", ("run git status", [sh("git status")]), ("again", [sh("git status")]))
follow("followup", ("run git pull", [sh("git pull")]), ("do that again", [sh("git pull")]))
follow("followup", ("run df -h", [sh("df -h")]), ("run it again", [sh("df -h")]))
follow("followup", ("show the running processes", [PROCS]), ("once more", [PROCS]))
follow("followup", ("take a screenshot called s1.png", [c("uia.screenshot", filename="s1.png", window_title="")]),
       ("another one called s2.png", [c("uia.screenshot", filename="s2.png", window_title="")]))
follow("followup", ("run git status", [sh("git status")]), ("copy that to the clipboard", [sh("git status"), copy(R0)]))
follow("followup", ("run uptime", [sh("uptime")]), ("save that to uptime.txt", [sh("uptime"), append("uptime.txt", R0)]))
follow("followup", ("what's on my clipboard", [PASTE]), ("save it to notes.txt", [PASTE, append("notes.txt", R0)]))
follow("followup", ("what's on my clipboard", [PASTE]), ("email that to kim", [PASTE, email("kim", "clipboard", R0)]))
follow("followup", ("what song is this", [NOW_PLAYING]), ("add it to songs.txt", [NOW_PLAYING, append("songs.txt", R0)]))
follow("followup", ("what song is this", [NOW_PLAYING]), ("send it to #music", [NOW_PLAYING, slack("#music", R0)]))
follow("followup", ("read notes.txt", [read("notes.txt")]), ("email it to lee@uni.edu", [read("notes.txt"), email("lee@uni.edu", "notes.txt", R0)]))
follow("followup", ("read notes.txt", [read("notes.txt")]), ("copy it", [read("notes.txt"), copy(R0)]))
follow("followup", ("search my files for invoice", [find("invoice")]),
       ("save those results to invoices.txt", [find("invoice"), append("invoices.txt", R0)]))
follow("followup", ("list the running processes", [PROCS]),
       ("mail that to lee@uni.edu", [PROCS, email("lee@uni.edu", "running processes", R0)]))
follow("followup", ("email lee@uni.edu subject slides body the slides are up", [email("lee@uni.edu", "slides", "the slides are up")]),
       ("to kim too", [email("kim", "slides", "the slides are up")]))
follow("followup", ("email lee@uni.edu subject slides body the slides are up", [email("lee@uni.edu", "slides", "the slides are up")]),
       ("send the same to ana@home.org", [email("ana@home.org", "slides", "the slides are up")]))
follow("followup", ("post lunch at noon to #team", [slack("#team", "lunch at noon")]),
       ("and to #random", [slack("#random", "lunch at noon")]))
follow("followup", ("play jazz", [play("jazz")]), ("no, blues", [play("blues")]))
follow("followup", ("play some taylor swift", [play("taylor swift")]), ("actually play adele instead", [play("adele")]))
follow("followup", ("play jazz", [play("jazz")]), ("pause it", [media("pause")]))
follow("followup", ("play jazz", [play("jazz")]), ("next", [media("next")]))
follow("followup", ("set a timer for 10 minutes", [timer("10 minutes")]), ("make it 15", [timer("15 minutes")]))
follow("followup", ("set a timer for 10 minutes", [timer("10 minutes")]), ("and another one for 5 minutes", [timer("5 minutes")]))
follow("followup", ("remind me to call mum at 6pm", [remind("call mum", "6pm")]), ("actually make that 7pm", [remind("call mum", "7pm")]))
follow("followup", ("remind me to call mum at 6pm", [remind("call mum", "6pm")]), ("cancel it", [c("reminder.cancel", text="call mum")]))
follow("followup", ("set an alarm for 7am", [alarm("7am")]), ("no, 6:30am", [alarm("6:30am")]))
follow("followup", ("set the volume to 30", [volume(30)]), ("no, 50", [volume(50)]))
follow("followup", ("set the volume to 30", [volume(30)]), ("a bit louder", [louder(10)]))
follow("followup", ("start firefox", [start("firefox")]), ("close it", [c("uia.close_window", window_title="Firefox")]))
follow("followup", ("start vlc", [start("vlc")]), ("kill it", [kill("vlc")]))
follow("followup", ("open firefox", [start("firefox")]), ("and chrome too", [start("chrome")]))
follow("followup", ("search the web for bike chains", [google("bike chains")]), ("now for bike tyres", [google("bike tyres")]))
follow("followup", ("copy 555 0199", [copy("555 0199")]), ("and add it to phones.txt", [append("phones.txt", "555 0199")]))
follow("followup", ("create notes.txt", [create("notes.txt")]), ("add milk", [append("notes.txt", "milk")]),
       ("and eggs", [append("notes.txt", "eggs")]))
follow("followup", ("create notes.txt", [create("notes.txt")]), ("add milk", [append("notes.txt", "milk")]),
       ("read it back", [read("notes.txt")]))
follow("followup", ("delete old.txt", [delete("old.txt")]), ("and older.txt", [delete("older.txt")]))
follow("followup", ("archive march.csv", [archive("march.csv")]), ("same for april.csv", [archive("april.csv")]))
follow("followup", ("mute", [mute()]), ("unmute it", [mute(False)]))
follow("followup", ("search slack for deploy", [slack_search("deploy")]), ("now for rollback", [slack_search("rollback")]))
follow("followup", ("list the files in reports", [ls("reports")]), ("and in invoices", [ls("invoices")]))
follow("followup", ("add buy stamps to todo.txt", [append("todo.txt", "buy stamps")]),
       ("no, to errands.txt", [append("errands.txt", "buy stamps")]))
follow("followup", ("create the file notes.md", [create("notes.md")]), ("sorry, I meant notes.txt", [create("notes.txt")]))

# ---------------------------------------------------------------- a context that does not matter
follow("irrelevant", ("create a file called tulips.txt", [create("tulips.txt")]), ("what time is it", [NOW]))
follow("irrelevant", ("play jazz", [play("jazz")]), ("set a timer for 5 minutes", [timer("5 minutes")]))
follow("irrelevant", ("run git status", [sh("git status")]), ("add milk to shopping.txt", [append("shopping.txt", "milk")]))
follow("irrelevant", ("what's on my clipboard", [PASTE]), ("open github.com", [c("browser.open_url", url="https://github.com")]))
follow("irrelevant", ("read notes.txt", [read("notes.txt")]), ("turn the volume down", [louder(-10)]))
follow("irrelevant", ("email kim subject hi body hello", [email("kim", "hi", "hello")]), ("start spotify", [start("spotify")]))
follow("irrelevant", ("set the volume to 40", [volume(40)]), ("delete draft.txt", [delete("draft.txt")]))
follow("irrelevant", ("thanks", NONE), ("create a todo list", [create("todo.txt")]))
follow("irrelevant", ("what's the weather like", NONE), ("play some lofi", [play("lofi")]))
follow("irrelevant", ("list the files", [ls()]), ("remind me to stretch in 20 minutes", [remind("stretch", "in 20 minutes")]))
follow("irrelevant", ("search my files for invoice", [find("invoice")]), ("copy hello world", [copy("hello world")]))
follow("irrelevant", ("take a screenshot called a.png", [c("uia.screenshot", filename="a.png", window_title="")]),
       ("what's playing", [NOW_PLAYING]))
follow("irrelevant", ("run ls", [sh("ls")]), ("paste the clipboard into notes.txt", [PASTE, append("notes.txt", R0)]))
follow("irrelevant", ("play jazz", [play("jazz")]), ("thanks", NONE))

# ---------------------------------------------------------------- references that cannot be resolved
follow("unresolved", ("delete it", NONE))
follow("unresolved", ("open that file", NONE))
follow("unresolved", ("do it again", NONE))
follow("unresolved", ("send it to kim", NONE))
follow("unresolved", ("the other one", NONE))
follow("unresolved", ("what time is it", [NOW]), ("delete it", NONE))
follow("unresolved", ("create a.txt and b.txt", [create("a.txt"), create("b.txt")]), ("delete it", NONE))
follow("unresolved", ("play jazz", [play("jazz")]), ("rename it to old.txt", NONE))
follow("unresolved", ("thanks", NONE), ("and to kim too", NONE))
follow("unresolved", ("what's the weather", NONE), ("again", NONE))
follow("unresolved", ("set a timer for 10 minutes", [timer("10 minutes")]), ("open the other one", NONE))
follow("unresolved", ("mute", [mute()]), ("email that to lee@uni.edu", NONE))

# ---------------------------------------------------------------- three turns, the middle one changes what "it" is
follow("followup", ("create a.txt", [create("a.txt")]), ("create b.txt", [create("b.txt")]), ("delete it", [delete("b.txt")]))
follow("followup", ("play jazz", [play("jazz")]), ("what's the time", [NOW]), ("turn it up", [louder(10)]))


def dialogue(turns: list[Turn], registry) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    for command, plan in turns:
        messages += [{"role": "user", "content": command}, {"role": "assistant", "content": render(plan, registry)}]
    return messages


def main() -> None:
    registry = builtin_registry()
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for category, turns in ROWS:
        key = tuple(t[0] for t in turns)
        if key in seen:
            raise SystemExit(f"duplicate dialogue {key}")
        seen.add(key)
        rows.append({"messages": dialogue(turns, registry), "category": category, "turns": len(turns)})
    write(HERE / "conversation.jsonl", rows)
    print(len(rows), "dialogues")
    print(summary(rows, "category", "turns"))


if __name__ == "__main__":
    main()
