"""Writes handwritten.jsonl: commands written by hand, as people say them, never fed to the generator.

Each row is (category, command, plan). The plan follows ../shared/TOOLS.md. Run this file to
rebuild the JSONL (every plan is validated through the registry first).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import SYSTEM_PROMPT

sys.path.insert(0, str(Path(__file__).parent))
from heldout_common import relabel_round3  # noqa: E402  (a sibling helper)


def c(tool: str, **args) -> dict:
    return {"tool": tool, "args": args}


def goto(url: str) -> dict:
    return {"action": "goto", "args": {"url": url}}


def steps(*s: dict) -> dict:
    return c("browser.run_steps", steps=list(s))


G = "https://www.google.com/search?q="
YT = "https://www.youtube.com/results?search_query="

ROWS: list[tuple[str, str, list[dict]]] = [
    # --- filesystem
    ("filesystem", "Create a todo list", [c("filesystem.create_file", filename="todo.txt", content="")]),
    ("filesystem", "make a new file called ideas.md", [c("filesystem.create_file", filename="ideas.md", content="")]),
    ("filesystem", "create notes.txt with the text meeting moved to friday", [c("filesystem.create_file", filename="notes.txt", content="meeting moved to friday")]),
    ("filesystem", "Can you create a file named budget_2025.csv containing month,amount", [c("filesystem.create_file", filename="budget_2025.csv", content="month,amount")]),
    ("filesystem", "new file report.md that says Draft v1", [c("filesystem.create_file", filename="report.md", content="Draft v1")]),
    ("filesystem", "add buy milk to errands.txt", [c("filesystem.append_file", filename="errands.txt", content="buy milk")]),
    ("filesystem", "append 'call the dentist' to todo.txt", [c("filesystem.append_file", filename="todo.txt", content="call the dentist")]),
    ("filesystem", "put pick up laundry on my todo list", [c("filesystem.append_file", filename="todo.txt", content="pick up laundry")]),
    ("filesystem", "write 'server restarted at 3pm' at the end of log.txt", [c("filesystem.append_file", filename="log.txt", content="server restarted at 3pm")]),
    ("filesystem", "delete old_draft.docx", [c("filesystem.delete_file", filename="old_draft.docx")]),
    ("filesystem", "please remove the file temp.log", [c("filesystem.delete_file", filename="temp.log")]),
    ("filesystem", "scratch.py is junk, get rid of it", [c("filesystem.delete_file", filename="scratch.py")]),
    ("filesystem", "archive invoices_march.pdf", [c("filesystem.archive_file", filename="invoices_march.pdf")]),
    ("filesystem", "move q3_notes.md to the archive", [c("filesystem.archive_file", filename="q3_notes.md")]),
    ("filesystem", "I'm done with project_plan.txt, archive it", [c("filesystem.archive_file", filename="project_plan.txt")]),
    ("filesystem", "trash photo_list.txt", [c("filesystem.delete_file", filename="photo_list.txt")]),
    # --- browser
    ("browser", "Open YouTube and search for AI tutorials", [steps(goto(YT + "AI+tutorials"))]),
    ("browser", "google best pizza in chicago", [steps(goto(G + "best+pizza+in+chicago"))]),
    ("browser", "search the web for how to boil eggs", [steps(goto(G + "how+to+boil+eggs"))]),
    ("browser", "go to github.com", [steps(goto("https://github.com"))]),
    ("browser", "open wikipedia.org", [steps(goto("https://wikipedia.org"))]),
    ("browser", "look up rust ownership rules on google", [steps(goto(G + "rust+ownership+rules"))]),
    ("browser", "find lofi hip hop on youtube", [steps(goto(YT + "lofi+hip+hop"))]),
    ("browser", "navigate to https://news.ycombinator.com", [steps(goto("https://news.ycombinator.com"))]),
    ("browser", "open example.com/login and click Sign in", [steps(goto("https://example.com/login"), {"action": "click", "args": {"selector": "Sign in"}})]),
    ("browser", "on the signup page at example.org fill the email field with me@x.io and click Join", [steps(goto("https://example.org"), {"action": "fill", "args": {"selector": "email", "value": "me@x.io"}}, {"action": "click", "args": {"selector": "Join"}})]),
    ("browser", "go to reddit.com and take a screenshot called reddit.png", [steps(goto("https://reddit.com"), {"action": "screenshot", "args": {"filename": "reddit.png"}})]),
    ("browser", "open duckduckgo.com, type privacy tools into the search box and press Enter", [steps(goto("https://duckduckgo.com"), {"action": "fill", "args": {"selector": "search", "value": "privacy tools"}}, {"action": "press", "args": {"key": "Enter"}})]),
    ("browser", "visit stackoverflow.com, wait 3 seconds, then screenshot it as so.png", [steps(goto("https://stackoverflow.com"), {"action": "wait", "args": {"seconds": 3}}, {"action": "screenshot", "args": {"filename": "so.png"}})]),
    ("browser", "google weather in Paris", [steps(goto(G + "weather+in+Paris"))]),
    ("browser", "youtube search: guitar lessons for beginners", [steps(goto(YT + "guitar+lessons+for+beginners"))]),
    ("browser", "bring up amazon.com", [steps(goto("https://amazon.com"))]),
    # --- email
    ("email", "mail lee@uni.edu and kim@uni.edu, subject slides, body slides are up", [c("email.send", to="lee@uni.edu, kim@uni.edu", subject="slides", body="slides are up")]),
    ("email", "send an email to bob@example.com with subject Lunch and say are we still on for noon?", [c("email.send", to="bob@example.com", subject="Lunch", body="are we still on for noon?")]),
    ("email", "email alice@corp.io subject: Q3 report body: the numbers are attached", [c("email.send", to="alice@corp.io", subject="Q3 report", body="the numbers are attached")]),
    ("email", "write to sam@gmail.com, subject is Weekend, tell him I can't make it saturday", [c("email.send", to="sam@gmail.com", subject="Weekend", body="I can't make it saturday")]),
    ("email", "shoot an email to hr@company.com titled Vacation request saying I'd like the week of May 5 off", [c("email.send", to="hr@company.com", subject="Vacation request", body="I'd like the week of May 5 off")]),
    ("email", "email dev-team@startup.io with the subject Deploy and the message deploy is done", [c("email.send", to="dev-team@startup.io", subject="Deploy", body="deploy is done")]),
    ("email", "compose a mail to mom@family.net, subject Dinner, body See you at 7", [c("email.send", to="mom@family.net", subject="Dinner", body="See you at 7")]),
    ("email", "send jane.doe@work.org and tom@work.org an email, subject Standup, body standup moved to 10am", [c("email.send", to="jane.doe@work.org, tom@work.org", subject="Standup", body="standup moved to 10am")]),
    ("email", "email support@shop.com with subject Broken order saying it arrived broken", [c("email.send", to="support@shop.com", subject="Broken order", body="it arrived broken")]),
    ("email", "could you email pat@lab.edu with subject Results and body the test passed", [c("email.send", to="pat@lab.edu", subject="Results", body="the test passed")]),
    # --- process
    ("process", "bring up firefox", [c("process.start_program", program="firefox", background=True)]),
    ("process", "go ahead and launch vs code", [c("process.start_program", program="code", background=True)]),
    ("process", "get notepad started", [c("process.start_program", program="notepad", background=True)]),
    ("process", "start the terminal in the foreground", [c("process.start_program", program="terminal", background=False)]),
    ("process", "fire up spotify", [c("process.start_program", program="spotify", background=True)]),
    ("process", "open the calculator", [c("process.start_program", program="calculator", background=True)]),
    ("process", "run df -h", [c("process.run_command", command="df -h")]),
    ("process", "execute ls -la in the shell", [c("process.run_command", command="ls -la")]),
    ("process", "run the command git status", [c("process.run_command", command="git status")]),
    ("process", "run pip list", [c("process.run_command", command="pip list")]),
    ("process", "close every vlc", [c("process.kill_process", name="vlc")]),
    ("process", "kill chrome", [c("process.kill_process", name="chrome")]),
    ("process", "force quit zoom", [c("process.kill_process", name="zoom")]),
    ("process", "how much ram and disk do I have left", [c("process.get_system_info")]),
    ("process", "display the system info", [c("process.get_system_info")]),
    ("process", "what processes are running", [c("process.list_processes")]),
    ("process", "list all running programs", [c("process.list_processes")]),
    ("process", "end the python processes", [c("process.kill_process", name="python")]),
    # --- clipboard
    ("clipboard", "copy my phone number 555 0199", [c("clipboard.copy_text", text="555 0199")]),
    ("clipboard", "copy hello world to the clipboard", [c("clipboard.copy_text", text="hello world")]),
    ("clipboard", "put the address 221B Baker Street on my clipboard", [c("clipboard.copy_text", text="221B Baker Street")]),
    ("clipboard", "copy 'see you tomorrow'", [c("clipboard.copy_text", text="see you tomorrow")]),
    ("clipboard", "what's on my clipboard", [c("clipboard.paste_text")]),
    ("clipboard", "paste it in here", [c("clipboard.paste_text")]),
    ("clipboard", "what did I copy lately, show me 3", [c("clipboard.get_history", limit=3)]),
    ("clipboard", "let me see my clipboard history", [c("clipboard.get_history", limit=10)]),
    ("clipboard", "show the 5 latest things I copied", [c("clipboard.get_history", limit=5)]),
    ("clipboard", "read me the clipboard", [c("clipboard.paste_text")]),
    # --- uia
    ("uia", "click Apply in the Display Settings window", [c("uia.click_button", window_title="Display Settings", button_text="Apply")]),
    ("uia", "press OK in the Save As dialog", [c("uia.click_button", window_title="Save As", button_text="OK")]),
    ("uia", "hit the cancel button in settings", [c("uia.click_button", window_title="Settings", button_text="Cancel")]),
    ("uia", "type the password hunter2 in the Password field of Sign In", [c("uia.type_text", window_title="Sign In", text="hunter2", field="Password")]),
    ("uia", "type hello there into notepad", [c("uia.type_text", window_title="Notepad", text="hello there", field="")]),
    ("uia", "in the Login window put admin in the Username field", [c("uia.type_text", window_title="Login", text="admin", field="Username")]),
    ("uia", "close the calculator window", [c("uia.close_window", window_title="Calculator")]),
    ("uia", "close the Downloads window", [c("uia.close_window", window_title="Downloads")]),
    ("uia", "what windows are open at the moment", [c("uia.list_windows")]),
    ("uia", "list all open windows", [c("uia.list_windows")]),
    ("uia", "show me the control tree of Settings", [c("uia.get_control_tree", window_title="Settings")]),
    ("uia", "what controls are in the Print window", [c("uia.get_control_tree", window_title="Print")]),
    ("uia", "is the Task Manager window open", [c("uia.find_window", title="Task Manager")]),
    ("uia", "find the window called Untitled Document", [c("uia.find_window", title="Untitled Document")]),
    ("uia", "click Next in the installer window", [c("uia.click_button", window_title="Installer", button_text="Next")]),
    ("uia", "in the Search window type quarterly report into the search field", [c("uia.type_text", window_title="Search", text="quarterly report", field="Search")]),
    # --- spotify
    ("spotify", "skip to some chill lofi", [c("spotify.play_query", query="chill lofi")]),
    ("spotify", "play Bohemian Rhapsody by Queen", [c("spotify.play_query", query="Bohemian Rhapsody by Queen")]),
    ("spotify", "play some jazz on spotify", [c("spotify.play_query", query="jazz")]),
    ("spotify", "put on Taylor Swift", [c("spotify.play_query", query="Taylor Swift")]),
    ("spotify", "I want to hear my workout playlist", [c("spotify.play_query", query="workout playlist")]),
    ("spotify", "pause the music for a sec", [c("spotify.pause_playback")]),
    ("spotify", "stop playback", [c("spotify.pause_playback")]),
    ("spotify", "what song is this one", [c("spotify.get_current_playing")]),
    ("spotify", "what's that playing right now", [c("spotify.get_current_playing")]),
    ("spotify", "who's singing this song", [c("spotify.get_current_playing")]),
    # --- slack
    ("slack", "let #design know the mockups are ready", [c("slack.send_message", channel="#design", text="the mockups are ready")]),
    ("slack", "post hello everyone in #general", [c("slack.send_message", channel="#general", text="hello everyone")]),
    ("slack", "send a slack message to #dev-ops saying the build is green", [c("slack.send_message", channel="#dev-ops", text="the build is green")]),
    ("slack", "tell #random that lunch is here", [c("slack.send_message", channel="#random", text="lunch is here")]),
    ("slack", "message the #marketing channel: campaign launches monday", [c("slack.send_message", channel="#marketing", text="campaign launches monday")]),
    ("slack", "search slack for deployment checklist", [c("slack.search_messages", query="deployment checklist")]),
    ("slack", "find slack messages about the offsite", [c("slack.search_messages", query="offsite")]),
    ("slack", "what did people say about the outage on slack", [c("slack.search_messages", query="outage")]),
    ("slack", "slack #support: looking into it now", [c("slack.send_message", channel="#support", text="looking into it now")]),
    ("slack", "dig through my slack messages for invoice", [c("slack.search_messages", query="invoice")]),
    # --- local
    ("local", "where did I save the lease agreement", [c("local.search", query="lease agreement")]),
    ("local", "find my tax documents", [c("local.search", query="tax documents")]),
    ("local", "search my files for budget", [c("local.search", query="budget")]),
    ("local", "look for the file with the wifi password", [c("local.search", query="wifi password")]),
    ("local", "find files mentioning project phoenix", [c("local.search", query="project phoenix")]),
    ("local", "search my computer for resume", [c("local.search", query="resume")]),
    ("local", "where's my banana bread recipe", [c("local.search", query="banana bread recipe")]),
    ("local", "locate my passport scan", [c("local.search", query="passport scan")]),
    # --- multi-step
    ("multi_step", "pause the music and then copy what's playing", [c("spotify.pause_playback"), c("spotify.get_current_playing")]),
    ("multi_step", "Open Chrome, search for Python tutorials, and take a screenshot called python_search.png", [c("process.start_program", program="chrome", background=True), steps(goto(G + "Python+tutorials"), {"action": "screenshot", "args": {"filename": "python_search.png"}})]),
    ("multi_step", "create shopping.txt and add eggs to it", [c("filesystem.create_file", filename="shopping.txt", content=""), c("filesystem.append_file", filename="shopping.txt", content="eggs")]),
    ("multi_step", "open notepad then type meeting notes into it", [c("process.start_program", program="notepad", background=True), c("uia.type_text", window_title="Notepad", text="meeting notes", field="")]),
    ("multi_step", "email bob@x.com subject hi body hello and tell #team I emailed bob", [c("email.send", to="bob@x.com", subject="hi", body="hello"), c("slack.send_message", channel="#team", text="I emailed bob")]),
    ("multi_step", "kill firefox and then start it again", [c("process.kill_process", name="firefox"), c("process.start_program", program="firefox", background=True)]),
    ("multi_step", "copy the text ready to ship, then post ready to ship in #releases", [c("clipboard.copy_text", text="ready to ship"), c("slack.send_message", channel="#releases", text="ready to ship")]),
    ("multi_step", "archive old.txt and create new.txt", [c("filesystem.archive_file", filename="old.txt"), c("filesystem.create_file", filename="new.txt", content="")]),
    ("multi_step", "play some rock music and then open slack", [c("spotify.play_query", query="rock music"), c("process.start_program", program="slack", background=True)]),
    ("multi_step", "search my files for the contract, then google contract templates", [c("local.search", query="contract"), steps(goto(G + "contract+templates"))]),
    ("multi_step", "list the windows, then close the Error window", [c("uia.list_windows"), c("uia.close_window", window_title="Error")]),
    ("multi_step", "run git pull then run make build", [c("process.run_command", command="git pull"), c("process.run_command", command="make build")]),
    ("multi_step", "delete temp.txt, empty.txt and junk.txt", [c("filesystem.delete_file", filename="temp.txt"), c("filesystem.delete_file", filename="empty.txt"), c("filesystem.delete_file", filename="junk.txt")]),
    ("multi_step", "check what's playing and after that pause it", [c("spotify.get_current_playing"), c("spotify.pause_playback")]),
    ("multi_step", "show system info and list the processes", [c("process.get_system_info"), c("process.list_processes")]),
    ("multi_step", "create a todo list, add finish slides to it, then copy finish slides", [c("filesystem.create_file", filename="todo.txt", content=""), c("filesystem.append_file", filename="todo.txt", content="finish slides"), c("clipboard.copy_text", text="finish slides")]),
    ("multi_step", "open spotify and play discover weekly", [c("process.start_program", program="spotify", background=True), c("spotify.play_query", query="discover weekly")]),
    ("multi_step", "type admin in the Username field of Login and click Sign In", [c("uia.type_text", window_title="Login", text="admin", field="Username"), c("uia.click_button", window_title="Login", button_text="Sign In")]),
    ("multi_step", "search slack for the api key thread and then search my files for api key", [c("slack.search_messages", query="api key thread"), c("local.search", query="api key")]),
    ("multi_step", "first go to gmail.com then take a screenshot named inbox.png", [steps(goto("https://gmail.com"), {"action": "screenshot", "args": {"filename": "inbox.png"}})]),
    ("multi_step", "start firefox and open youtube.com", [c("process.start_program", program="firefox", background=True), steps(goto("https://youtube.com"))]),
    ("multi_step", "paste the clipboard and show the clipboard history", [c("clipboard.paste_text"), c("clipboard.get_history", limit=10)]),
    ("multi_step", "email ana@site.com subject Notes body attached below, then archive notes.txt", [c("email.send", to="ana@site.com", subject="Notes", body="attached below"), c("filesystem.archive_file", filename="notes.txt")]),
    ("multi_step", "open calculator then click 7 in the Calculator window", [c("process.start_program", program="calculator", background=True), c("uia.click_button", window_title="Calculator", button_text="7")]),
    # --- messy speech: fillers, wake word, typos, capitals
    ("messy", "kayas, add buy milk to errands.txt", [c("filesystem.append_file", filename="errands.txt", content="buy milk")]),
    ("messy", "hey kayas um open firefox", [c("process.start_program", program="firefox", background=True)]),
    ("messy", "uh can you like pause the music", [c("spotify.pause_playback")]),
    ("messy", "OPEN YOUTUBE AND SEARCH FOR CAT VIDEOS", [steps(goto(YT + "CAT+VIDEOS"))]),
    ("messy", "kayas play some ed sheeran please", [c("spotify.play_query", query="ed sheeran")]),
    ("messy", "plz creat a file called notes.txt", [c("filesystem.create_file", filename="notes.txt", content="")]),
    ("messy", "um delete uh draft.txt", [c("filesystem.delete_file", filename="draft.txt")]),
    ("messy", "kayas whats on my clipbaord", [c("clipboard.paste_text")]),
    ("messy", "ok kayas send a messge to #general saying good morning team", [c("slack.send_message", channel="#general", text="good morning team")]),
    ("messy", "serch google for cheap flights to tokyo", [steps(goto(G + "cheap+flights+to+tokyo"))]),
    ("messy", "yo kill spotify real quick", [c("process.kill_process", name="spotify")]),
    ("messy", "hey kayas what windows r open", [c("uia.list_windows")]),
    ("messy", "can u copy 42 Wallaby Way thanks", [c("clipboard.copy_text", text="42 Wallaby Way")]),
    ("messy", "kayas um run uptime", [c("process.run_command", command="uptime")]),
    ("messy", "PLEASE ARCHIVE report_final.docx", [c("filesystem.archive_file", filename="report_final.docx")]),
    ("messy", "so um i need you to email joe@mail.com subject ping body call me back", [c("email.send", to="joe@mail.com", subject="ping", body="call me back")]),
    ("messy", "lanch the terminal", [c("process.start_program", program="terminal", background=True)]),
    ("messy", "kayas where did i put my resume", [c("local.search", query="resume")]),
    ("messy", "hey uh click ok in the save dialog", [c("uia.click_button", window_title="Save", button_text="OK")]),
    ("messy", "whats this song kayas", [c("spotify.get_current_playing")]),
    # --- no tool
    ("no_tool", "how are you doing today", []),
    ("no_tool", "thanks a bunch!", []),
    ("no_tool", "never mind, forget it", []),
    ("no_tool", "what's your name", []),
    ("no_tool", "make me laugh with a joke", []),
    ("no_tool", "good morning kayas", []),
    ("no_tool", "no wait, cancel that", []),
    ("no_tool", "who made you", []),
    ("no_tool", "ok cool", []),
    ("no_tool", "what sort of things can you do", []),
    ("no_tool", "hmm let me think about it", []),
    ("no_tool", "that's all for now, bye", []),
]


def rows(relabel: bool = True) -> list[dict]:
    """The set as written, with the third round's relabels applied (`relabel=False`: as first written)."""
    out = []
    seen = set()
    for category, command, plan in ROWS:
        assert command not in seen, command
        seen.add(command)
        calls = parse_plan(plan)
        out.append({
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": command},
                {"role": "assistant", "content": dumps_plan(calls)},
            ],
            "category": category,
        })
    return relabel_round3("handwritten.jsonl", out, relabel)


def main() -> None:
    out = Path(__file__).with_name("handwritten.jsonl")
    lines = [json.dumps(r, ensure_ascii=False) for r in rows()]
    out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} commands -> {out}")


if __name__ == "__main__":
    main()
