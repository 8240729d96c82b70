"""Writes people.jsonl: commands as people say them to a speaker or type them in a hurry (issue #26).

Written by hand from ../shared/TOOLS.md alone, before any brain was trained or scored on the third
round's data, and without reading the training templates, pools or generator: it is scored, never
trained on. Each row is (category, phrasing, command, plan): the category is the tool family (or
multi_step, out_of_scope, near_miss), the phrasing tag says how the command is said:

- plain: a full, ordinary request;          - terse: a few words, no verb or no article;
- bare_music: "play" + a bare name;         - wake_word: "hey google", "alexa", "ok kayas", "kayas";
- filler: um, like, please, real quick;     - typo: a misspelt word (arguments keep the user's spelling);
- indirect: says the need, not the command; - run_on: several clauses in one breath;
- question: asked as a question.

How a music request is labelled (`spotify.play_query`, finding and playing something): the query
is the user's words for what to play, without the leading "some"/"my", the frame "the ... song" /
"the song ...", "songs by"/"something by" before an artist, and without what no tool serves
(durations such as "for the next hour", "for me", "on spotify", "while I cook"); "music", "playlist"
and an artist's "the" stay when said. Pause, resume, next and previous of whatever is playing are
`media.control`; a volume change with no amount is 10 points.

A row's optional note says where a convention was applied that the contract leaves open.

    .venv/bin/python tests/data/make_people.py     # writes tests/data/people.jsonl
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from heldout_common import (  # noqa: E402  (a sibling helper of this script)
    NONE,
    NOW,
    NOW_PLAYING,
    PASTE,
    PAUSE_SPOTIFY,
    PENDING,
    PROCS,
    SYSINFO,
    WINDOWS,
    Plan,
    alarm,
    append,
    archive,
    builtin_registry,
    c,
    cancel,
    click,
    close,
    copy,
    create,
    delete,
    email,
    existing_commands,
    find,
    google,
    goto,
    kill,
    louder,
    ls,
    media,
    move,
    mute,
    normalise,
    open_file,
    play,
    read,
    remind,
    render,
    row,
    sh,
    shot,
    site,
    slack,
    slack_search,
    start,
    step,
    steps,
    summary,
    timer,
    type_text,
    url,
    volume,
    write,
    youtube,
)

OUT = Path(__file__).with_name("people.jsonl")

Row = tuple[str, str, str, Plan] | tuple[str, str, str, Plan, str]

ROWS: list[Row] = [
    # --- music: finding and playing something -------------------------------------------------
    ("spotify", "bare_music", "play jingle bells", [play("jingle bells")]),
    ("spotify", "bare_music", "play despacito", [play("despacito")]),
    ("spotify", "bare_music", "play shape of you", [play("shape of you")]),
    ("spotify", "bare_music", "play blinding lights", [play("blinding lights")]),
    ("spotify", "bare_music", "play the weeknd", [play("the weeknd")]),
    ("spotify", "bare_music", "play arijit singh", [play("arijit singh")]),
    ("spotify", "bare_music", "play lofi", [play("lofi")]),
    ("spotify", "bare_music", "play christmas music", [play("christmas music")]),
    ("spotify", "bare_music", "play 80s hits", [play("80s hits")]),
    ("spotify", "bare_music", "play white noise", [play("white noise")]),
    ("spotify", "bare_music", "play hotel california", [play("hotel california")]),
    ("spotify", "bare_music", "play coldplay yellow", [play("coldplay yellow")]),
    ("spotify", "bare_music", "play bad guy by billie eilish", [play("bad guy by billie eilish")]),
    ("spotify", "bare_music", "play kesariya", [play("kesariya")]),
    ("spotify", "bare_music", "play metallica", [play("metallica")]),
    ("spotify", "bare_music", "play beyonce", [play("beyonce")]),
    ("spotify", "bare_music", "play classical music", [play("classical music")]),
    ("spotify", "bare_music", "play heavy metal", [play("heavy metal")]),
    ("spotify", "bare_music", "play happy birthday", [play("happy birthday")]),
    ("spotify", "bare_music", "play baby shark", [play("baby shark")]),
    ("spotify", "bare_music", "play the beatles", [play("the beatles")]),
    ("spotify", "bare_music", "play let it be", [play("let it be")]),
    ("spotify", "bare_music", "play old bollywood songs", [play("old bollywood songs")]),
    ("spotify", "bare_music", "play country", [play("country")]),
    ("spotify", "bare_music", "play smooth jazz", [play("smooth jazz")]),
    ("spotify", "bare_music", "play dua lipa levitating", [play("dua lipa levitating")]),
    ("spotify", "bare_music", "play my playlist party songs", [play("playlist party songs")],
     "'my' dropped, 'playlist' kept as said"),
    ("spotify", "bare_music", "play my chill playlist", [play("chill playlist")]),
    ("spotify", "bare_music", "play my liked songs", [play("liked songs")]),
    ("spotify", "bare_music", "play eminem lose yourself", [play("eminem lose yourself")]),
    ("spotify", "bare_music", "play all of me john legend", [play("all of me john legend")]),
    ("spotify", "bare_music", "play tum hi ho", [play("tum hi ho")]),
    ("spotify", "bare_music", "play bts dynamite", [play("bts dynamite")]),
    ("spotify", "bare_music", "play punjabi songs", [play("punjabi songs")]),
    ("spotify", "bare_music", "play the greatest showman", [play("the greatest showman")]),
    ("spotify", "bare_music", "play the lion king soundtrack", [play("the lion king soundtrack")]),
    ("spotify", "bare_music", "play hits from the 70s", [play("hits from the 70s")]),
    ("spotify", "bare_music", "play lullabies", [play("lullabies")]),
    ("spotify", "bare_music", "play workout music", [play("workout music")]),
    ("spotify", "bare_music", "play sleep sounds", [play("sleep sounds")]),
    ("spotify", "bare_music", "play mozart", [play("mozart")]),
    ("spotify", "bare_music", "play karaoke version of let it go", [play("karaoke version of let it go")]),
    ("spotify", "bare_music", "play abbey road by the beatles", [play("abbey road by the beatles")]),
    ("spotify", "plain", "play the song perfect by ed sheeran", [play("perfect by ed sheeran")],
     "the frame 'the song' is not part of the query"),
    ("spotify", "filler", "please play the radio gaga song", [play("radio gaga")],
     "the frame 'the ... song' is not part of the query"),
    ("spotify", "plain", "can you play rock music for the next hour", [play("rock music")],
     "no tool serves the duration"),
    ("spotify", "indirect", "comfort my ears with arijit singh", [play("arijit singh")]),
    ("spotify", "wake_word", "hey google play some jazz music for me", [play("jazz music")]),
    ("spotify", "wake_word", "alexa play taylor swift", [play("taylor swift")]),
    ("spotify", "wake_word", "alexa, play songs by imagine dragons", [play("imagine dragons")]),
    ("spotify", "wake_word", "ok kayas play something by adele", [play("adele")]),
    ("spotify", "wake_word", "kayas play lo-fi beats to study to", [play("lo-fi beats to study to")]),
    ("spotify", "wake_word", "hey google play top hits 2024", [play("top hits 2024")]),
    ("spotify", "wake_word", "alexa play the latest drake album", [play("the latest drake album")]),
    ("spotify", "indirect", "i wanna hear some queen", [play("queen")]),
    ("spotify", "plain", "put on some reggae", [play("reggae")]),
    ("spotify", "plain", "put on abba", [play("abba")]),
    ("spotify", "plain", "throw on some hip hop", [play("hip hop")]),
    ("spotify", "indirect", "i'm in the mood for some 90s rnb", [play("90s rnb")]),
    ("spotify", "question", "can you put on some relaxing piano music", [play("relaxing piano music")]),
    ("spotify", "plain", "play me a song by the arctic monkeys", [play("the arctic monkeys")]),
    ("spotify", "terse", "something by fleetwood mac please", [play("fleetwood mac")]),
    ("spotify", "filler", "uh play um thunderstruck", [play("thunderstruck")]),
    ("spotify", "typo", "ply sweet child o mine", [play("sweet child o mine")]),
    ("spotify", "typo", "paly some kpop", [play("kpop")]),
    ("spotify", "run_on", "play some 2000s pop while i cook", [play("2000s pop")]),
    ("spotify", "plain", "start my release radar", [play("release radar")]),
    ("spotify", "plain", "play the rolling stones on spotify", [play("the rolling stones")]),
    ("spotify", "indirect", "i want to listen to taylor swift's folklore", [play("taylor swift's folklore")]),
    ("spotify", "bare_music", "play some ac dc", [play("ac dc")]),
    ("spotify", "filler", "could you like play some country music real quick", [play("country music")]),
    ("spotify", "indirect", "my kid wants the frozen soundtrack", [play("the frozen soundtrack")]),
    # Spotify named, or only reading what plays
    ("spotify", "plain", "pause spotify for a sec", [PAUSE_SPOTIFY]),
    ("spotify", "question", "what's this song called", [NOW_PLAYING]),
    ("spotify", "wake_word", "hey google who sings this", [NOW_PLAYING]),
    ("spotify", "typo", "whos the artist of this sonng", [NOW_PLAYING]),
    # --- whatever is playing -------------------------------------------------------------------
    ("media", "terse", "pause", [media("pause")]),
    ("media", "plain", "stop the music", [media("pause")]),
    ("media", "terse", "pause it", [media("pause")]),
    ("media", "filler", "hold on, pause this", [media("pause")]),
    ("media", "wake_word", "alexa pause", [media("pause")]),
    ("media", "terse", "resume", [media("play")]),
    ("media", "terse", "unpause", [media("play")]),
    ("media", "plain", "keep playing", [media("play")]),
    ("media", "plain", "carry on with the music", [media("play")]),
    ("media", "terse", "next song", [media("next")]),
    ("media", "terse", "skip", [media("next")]),
    ("media", "indirect", "ugh i hate this one, skip it", [media("next")]),
    ("media", "plain", "play the next track", [media("next")]),
    ("media", "wake_word", "hey google next song", [media("next")]),
    ("media", "plain", "go back a song", [media("previous")]),
    ("media", "terse", "previous track", [media("previous")]),
    ("media", "plain", "play the last song again", [media("previous")]),
    ("media", "question", "can you pause whatever's playing", [media("pause")]),
    ("media", "plain", "pause the video", [media("pause")]),
    ("media", "typo", "pasue the music", [media("pause")]),
    ("media", "plain", "resume the podcast", [media("play")]),
    # --- volume ------------------------------------------------------------------------------------
    ("system", "terse", "turn it down", [louder(-10)]),
    ("system", "terse", "louder", [louder(10)]),
    ("system", "terse", "volume up", [louder(10)]),
    ("system", "terse", "volume down", [louder(-10)]),
    ("system", "plain", "turn the volume up by 20", [louder(20)]),
    ("system", "plain", "lower the volume by 30 percent", [louder(-30)]),
    ("system", "plain", "set the volume to 40", [volume(40)]),
    ("system", "terse", "volume 70", [volume(70)]),
    ("system", "terse", "volume to max", [volume(100)]),
    ("system", "filler", "half volume please", [volume(50)]),
    ("system", "terse", "mute", [mute(True)]),
    ("system", "plain", "mute the computer", [mute(True)]),
    ("system", "terse", "unmute", [mute(False)]),
    ("system", "plain", "turn the sound back on", [mute(False)]),
    ("system", "indirect", "it's too loud", [louder(-10)]),
    ("system", "indirect", "i can't hear anything, turn it up", [louder(10)]),
    ("system", "wake_word", "alexa volume 30", [volume(30)]),
    ("system", "wake_word", "kayas turn the volume down a little", [louder(-10)]),
    ("system", "plain", "shut the sound off", [mute(True)]),
    ("system", "terse", "volume up 5", [louder(5)]),
    ("system", "typo", "trun the volume down to 15", [volume(15)]),
    # --- files -------------------------------------------------------------------------------------
    ("filesystem", "plain", "make a grocery list", [create("grocery.txt")]),
    ("filesystem", "plain", "start a new file called journal.md", [create("journal.md")]),
    ("filesystem", "plain", "add eggs and bread to my shopping list", [append("shopping.txt", "eggs and bread")]),
    ("filesystem", "plain", "jot down call the landlord in notes.txt", [append("notes.txt", "call the landlord")]),
    ("filesystem", "plain", "stick 'renew car insurance' on my todo list", [append("todo.txt", "renew car insurance")]),
    ("filesystem", "plain", "delete the file junk.txt", [delete("junk.txt")]),
    ("filesystem", "terse", "bin old_resume.pdf", [delete("old_resume.pdf")]),
    ("filesystem", "indirect", "i'm done with taxes_2023.pdf, put it away", [archive("taxes_2023.pdf")]),
    ("filesystem", "plain", "file away receipts_may.pdf", [archive("receipts_may.pdf")]),
    ("filesystem", "question", "what's on my todo list?", [read("todo.txt")]),
    ("filesystem", "plain", "read me notes.txt", [read("notes.txt")]),
    ("filesystem", "question", "what did i write in ideas.md", [read("ideas.md")]),
    ("filesystem", "plain", "show me what's in config.yaml", [read("config.yaml")]),
    ("filesystem", "wake_word", "hey google, read out my shopping list", [read("shopping.txt")]),
    ("filesystem", "question", "what files have i got", [ls()]),
    ("filesystem", "plain", "list everything in the invoices folder", [ls("invoices")]),
    ("filesystem", "terse", "open budget.xlsx", [open_file("budget.xlsx")]),
    ("filesystem", "plain", "open up my cv.docx", [open_file("cv.docx")]),
    ("filesystem", "typo", "can u opne the todo list", [open_file("todo.txt")]),
    ("filesystem", "plain", "pull up meeting_notes.docx", [open_file("meeting_notes.docx")]),
    ("filesystem", "plain", "rename draft.txt to final.txt", [move("draft.txt", "final.txt")]),
    ("filesystem", "plain", "move photo1.jpg into the pictures folder", [move("photo1.jpg", "pictures/photo1.jpg")],
     "a move into a folder: new_name is folder/filename"),
    ("filesystem", "filler", "um could you like delete scratch_notes.txt", [delete("scratch_notes.txt")]),
    ("filesystem", "typo", "creat a packing list", [create("packing.txt")]),
    ("filesystem", "wake_word", "ok kayas add pay the electric bill to todo.txt", [append("todo.txt", "pay the electric bill")]),
    ("filesystem", "indirect", "i don't need draft_v1.docx anymore", [delete("draft_v1.docx")]),
    # --- the visible browser -----------------------------------------------------------------------
    ("browser", "terse", "open youtube", [site("youtube.com")]),
    ("browser", "plain", "go to gmail", [site("gmail.com")]),
    ("browser", "plain", "take me to reddit", [site("reddit.com")]),
    ("browser", "plain", "pull up netflix.com", [site("netflix.com")]),
    ("browser", "terse", "open amazon.co.uk", [site("amazon.co.uk")]),
    ("browser", "plain", "google how tall is the eiffel tower", [google("how tall is the eiffel tower")]),
    ("browser", "plain", "search the internet for cheap hotels in rome", [google("cheap hotels in rome")]),
    ("browser", "plain", "look up symptoms of flu online", [google("symptoms of flu")]),
    ("browser", "wake_word", "hey google search for best running shoes", [google("best running shoes")]),
    ("browser", "terse", "youtube how to tie a tie", [youtube("how to tie a tie")]),
    ("browser", "plain", "search youtube for cat fails", [youtube("cat fails")]),
    ("browser", "plain", "play baby shark on youtube", [youtube("baby shark")],
     "YouTube named: a YouTube search page, not Spotify"),
    ("browser", "plain", "open https://example.com/docs", [url("https://example.com/docs")]),
    ("browser", "terse", "open stackoverflow", [site("stackoverflow.com")]),
    ("browser", "question", "can you look up the opening hours of ikea on google", [google("opening hours of ikea")]),
    ("browser", "plain", "search google for python list comprehension", [google("python list comprehension")]),
    ("browser", "wake_word", "ok kayas open twitter.com", [site("twitter.com")]),
    ("browser", "terse", "open linkedin", [site("linkedin.com")]),
    ("browser", "plain", "search the web for vegan lasagna recipe", [google("vegan lasagna recipe")]),
    ("browser", "typo", "serach the web for used bikes near me", [google("used bikes near me")]),
    ("browser", "filler", "um just google train times to leeds", [google("train times to leeds")]),
    ("browser", "plain", "on example.com click Sign up", [steps(goto("https://example.com"), step("click", selector="Sign up"))]),
    ("browser", "plain", "go to wikipedia.org and screenshot it as wiki.png",
     [steps(goto("https://wikipedia.org"), step("screenshot", filename="wiki.png"))]),
    ("browser", "run_on", "go to bing.com fill the search box with lego sets and hit enter",
     [steps(goto("https://bing.com"), step("fill", selector="search", value="lego sets"), step("press", key="Enter"))]),
    ("browser", "indirect", "i need to check my github", [site("github.com")]),
    # --- email -------------------------------------------------------------------------------------
    ("email", "plain", "email mum saying i'll be home late", [email("mum", "", "i'll be home late")]),
    ("email", "terse", "email jake@gmail.com subject tickets body got them!", [email("jake@gmail.com", "tickets", "got them!")]),
    ("email", "plain", "shoot dave an email with the subject invoice saying it's paid", [email("dave", "invoice", "it's paid")]),
    ("email", "plain", "mail priya and tom, subject standup, body running late", [email("priya, tom", "standup", "running late")]),
    ("email", "wake_word", "alexa email carlos that the keys are under the mat", [email("carlos", "", "the keys are under the mat")]),
    ("email", "plain", "send a quick email to hr@acme.com saying i'm sick today", [email("hr@acme.com", "", "i'm sick today")]),
    ("email", "typo", "emial lisa with subject photos, body here they are", [email("lisa", "photos", "here they are")]),
    ("email", "run_on", "drop an email to accounts@shop.com subject refund and tell them the order never arrived",
     [email("accounts@shop.com", "refund", "the order never arrived")]),
    ("email", "plain", "write an email to grandpa saying happy birthday grandpa", [email("grandpa", "", "happy birthday grandpa")]),
    ("email", "filler", "um email ben, subject saturday, like, are we still on", [email("ben", "saturday", "are we still on")]),
    ("email", "wake_word", "kayas send maria an email that the invoice is attached",
     [email("maria", "", "the invoice is attached")]),
    # --- programs and the shell --------------------------------------------------------------------
    ("process", "terse", "open spotify", [start("spotify")]),
    ("process", "terse", "launch steam", [start("steam")]),
    ("process", "plain", "start discord", [start("discord")]),
    ("process", "plain", "fire up the terminal", [start("terminal")]),
    ("process", "plain", "open libreoffice", [start("libreoffice")]),
    ("process", "plain", "open visual studio code", [start("code")]),
    ("process", "question", "can you open the calculator app", [start("calculator")]),
    ("process", "plain", "run npm install", [sh("npm install")]),
    ("process", "terse", "run ls", [sh("ls")]),
    ("process", "plain", "execute python3 --version", [sh("python3 --version")]),
    ("process", "terse", "quit slack", [kill("slack")]),
    ("process", "plain", "end task zoom", [kill("zoom")]),
    ("process", "plain", "kill all the node processes", [kill("node")]),
    ("process", "question", "how much storage do i have left", [SYSINFO]),
    ("process", "terse", "cpu usage?", [SYSINFO]),
    ("process", "question", "what's running on my computer right now", [PROCS]),
    ("process", "typo", "opne firefox", [start("firefox")]),
    ("process", "wake_word", "hey google open chrome", [start("chrome")]),
    # --- clipboard ---------------------------------------------------------------------------------
    ("clipboard", "plain", "copy my email address bob@home.com", [copy("bob@home.com")]),
    ("clipboard", "plain", "copy the wifi password hunter2", [copy("hunter2")]),
    ("clipboard", "question", "what did i just copy", [PASTE]),
    ("clipboard", "terse", "clipboard history please", [c("clipboard.get_history", limit=10)]),
    ("clipboard", "terse", "last 3 things i copied", [c("clipboard.get_history", limit=3)]),
    ("clipboard", "plain", "put 'see you at 8' on the clipboard", [copy("see you at 8")]),
    ("clipboard", "plain", "copy this link https://zoom.us/j/55512", [copy("https://zoom.us/j/55512")]),
    ("clipboard", "typo", "whats in my clipbord", [PASTE]),
    # --- windows -----------------------------------------------------------------------------------
    ("uia", "plain", "click Install in the Setup window", [click("Setup", "Install")]),
    ("uia", "plain", "hit save on the notepad window", [click("Notepad", "Save")]),
    ("uia", "plain", "press Yes in the Confirm dialog", [click("Confirm", "Yes")]),
    ("uia", "plain", "type dear john into notepad", [type_text("Notepad", "dear john")]),
    ("uia", "plain", "put 42 in the Quantity box in the Order Form window", [type_text("Order Form", "42", "Quantity")]),
    ("uia", "plain", "close the settings window", [close("Settings")]),
    ("uia", "plain", "close that Untitled - Notepad window", [close("Untitled - Notepad")]),
    ("uia", "plain", "show me all my open windows", [WINDOWS]),
    ("uia", "question", "is the spotify window open", [c("uia.find_window", title="Spotify")]),
    ("uia", "question", "is there a Save As dialog open", [c("uia.find_window", title="Save As")]),
    ("uia", "question", "what buttons are in the Print dialog", [c("uia.get_control_tree", window_title="Print")]),
    ("uia", "terse", "take a screenshot", [shot("screenshot.png")],
     "no name given: screenshot.png (the contract's purpose rule with an image extension)"),
    ("uia", "plain", "screenshot the Notepad window as notes.png", [shot("notes.png", "Notepad")]),
    ("uia", "plain", "grab a screenshot and call it desk.png", [shot("desk.png")]),
    ("uia", "wake_word", "kayas screenshot my screen, save as before.png", [shot("before.png")]),
    # --- slack -------------------------------------------------------------------------------------
    ("slack", "plain", "tell #general i'm out sick today", [slack("#general", "i'm out sick today")]),
    ("slack", "terse", "post in #random: pizza's here", [slack("#random", "pizza's here")]),
    ("slack", "plain", "slack the #eng channel that the build is broken again", [slack("#eng", "the build is broken again")]),
    ("slack", "plain", "let the #design folks know the fonts are fixed", [slack("#design", "the fonts are fixed")]),
    ("slack", "plain", "search slack for holiday schedule", [slack_search("holiday schedule")]),
    ("slack", "question", "did anyone post the wifi password in slack", [slack_search("wifi password")]),
    ("slack", "terse", "message #ops deploy in 5", [slack("#ops", "deploy in 5")]),
    ("slack", "question", "anything on slack about the reorg?", [slack_search("reorg")]),
    ("slack", "wake_word", "ok kayas tell #frontend the staging server is back", [slack("#frontend", "the staging server is back")]),
    # --- local search ------------------------------------------------------------------------------
    ("local", "question", "where did i put the insurance papers", [find("insurance papers")]),
    ("local", "plain", "find my payslip pdf", [find("payslip pdf")]),
    ("local", "plain", "search my computer for invoices from march", [find("invoices from march")]),
    ("local", "question", "do i have a file about the kitchen renovation", [find("kitchen renovation")]),
    ("local", "plain", "look for my driving licence scan", [find("driving licence scan")]),
    ("local", "question", "which file has the alarm code", [find("alarm code")]),
    ("local", "plain", "search my files for the word synergy", [find("synergy")]),
    ("local", "typo", "serch my files for mortgage", [find("mortgage")]),
    # --- timers ------------------------------------------------------------------------------------
    ("timer", "terse", "timer for 5 minutes", [timer("5 minutes")]),
    ("timer", "plain", "set a 20 minute timer", [timer("20 minute")]),
    ("timer", "wake_word", "alexa set a timer for 12 minutes for the pizza", [timer("12 minutes", "pizza")]),
    ("timer", "terse", "start a timer, 45 seconds", [timer("45 seconds")]),
    ("timer", "plain", "count down 2 minutes", [timer("2 minutes")]),
    ("timer", "wake_word", "hey kayas set timer one hour", [timer("one hour")]),
    ("timer", "terse", "tea timer 4 mins", [timer("4 mins", "tea")]),
    ("timer", "plain", "set a timer for an hour and a half", [timer("an hour and a half")]),
    ("timer", "plain", "start timer 30 min for my nap", [timer("30 min", "nap")], "label without 'my', like 'the pasta' -> pasta"),
    ("timer", "typo", "set a tmer for 8 minutes", [timer("8 minutes")]),
    ("timer", "indirect", "let me know when 10 minutes are up", [timer("10 minutes")]),
    # --- alarms ------------------------------------------------------------------------------------
    ("alarm", "plain", "set an alarm for 6am", [alarm("6am")]),
    ("alarm", "plain", "wake me at 7:15 tomorrow", [alarm("7:15 tomorrow")]),
    ("alarm", "terse", "alarm for half six", [alarm("half six")]),
    ("alarm", "wake_word", "alexa wake me up in 20 minutes", [alarm("in 20 minutes")]),
    ("alarm", "plain", "set an alarm at 5:45 for the gym", [alarm("5:45", "gym")]),
    ("alarm", "indirect", "i have to get up at 6 tomorrow", [alarm("6 tomorrow")]),
    ("alarm", "plain", "put an alarm on for 8 in the morning", [alarm("8 in the morning")]),
    ("alarm", "plain", "set an alarm for noon called lunch", [alarm("noon", "lunch")]),
    ("alarm", "wake_word", "kayas alarm 7am", [alarm("7am")]),
    ("alarm", "plain", "wake me up at 6:30 on saturday", [alarm("6:30 on saturday")]),
    ("alarm", "typo", "set an alarn for 9 tonight", [alarm("9 tonight")]),
    # --- reminders ---------------------------------------------------------------------------------
    ("reminder", "plain", "remind me to take my pills at 9pm", [remind("take my pills", "9pm")]),
    ("reminder", "plain", "remind me in 10 minutes to check the oven", [remind("check the oven", "in 10 minutes")]),
    ("reminder", "plain", "remind me tomorrow morning to call the garage", [remind("call the garage", "tomorrow morning")]),
    ("reminder", "indirect", "don't let me forget to email jo at 4", [remind("email jo", "4")]),
    ("reminder", "terse", "reminder: dentist friday 10am", [remind("dentist", "friday 10am")]),
    ("reminder", "plain", "remind me on monday to pay the gas bill", [remind("pay the gas bill", "monday")]),
    ("reminder", "wake_word", "hey google remind me to water the plants tonight", [remind("water the plants", "tonight")]),
    ("reminder", "plain", "set a reminder for 3pm to join the call", [remind("join the call", "3pm")]),
    ("reminder", "plain", "remind me in an hour to move the car", [remind("move the car", "in an hour")]),
    ("reminder", "question", "what reminders have i got", [PENDING]),
    ("reminder", "question", "any alarms set for tomorrow?", [PENDING]),
    ("reminder", "plain", "show me my timers", [PENDING]),
    ("reminder", "plain", "cancel the reminder about the gas bill", [cancel("gas bill")]),
    ("reminder", "plain", "delete my dentist reminder", [cancel("dentist")]),
    ("reminder", "indirect", "never mind the pizza timer", [cancel("pizza")]),
    ("reminder", "plain", "cancel my 6am alarm", [cancel("6am")]),
    ("reminder", "plain", "turn off the gym alarm", [cancel("gym")]),
    ("reminder", "typo", "remnd me to ring grandma at 5", [remind("ring grandma", "5")]),
    # --- the clock ---------------------------------------------------------------------------------
    ("clock", "question", "what's the time", [NOW]),
    ("clock", "terse", "time?", [NOW]),
    ("clock", "question", "what day is it", [NOW]),
    ("clock", "question", "what's today's date", [NOW]),
    ("clock", "wake_word", "hey google what time is it", [NOW]),
    ("clock", "question", "is it tuesday today", [NOW]),
    ("clock", "question", "what year is it", [NOW]),
    ("clock", "typo", "kayas whats the dat today", [NOW]),
    # --- several tools in one breath ---------------------------------------------------------------
    ("multi_step", "run_on", "pause the music and set a timer for 10 minutes", [media("pause"), timer("10 minutes")]),
    ("multi_step", "run_on", "turn the volume down and play some jazz", [louder(-10), play("jazz")]),
    ("multi_step", "run_on", "read my todo list then add call mum to it", [read("todo.txt"), append("todo.txt", "call mum")]),
    ("multi_step", "run_on", "what time is it and what's on my shopping list", [NOW, read("shopping.txt")]),
    ("multi_step", "run_on", "skip this song and turn it up", [media("next"), louder(10)]),
    ("multi_step", "run_on", "set an alarm for 7 and remind me to take the bins out at 8", [alarm("7"), remind("take the bins out", "8")]),
    ("multi_step", "run_on", "list my files and open report.pdf", [ls(), open_file("report.pdf")]),
    ("multi_step", "run_on", "take a screenshot called bug.png and post in #qa that i found a bug",
     [shot("bug.png"), slack("#qa", "i found a bug")]),
    ("multi_step", "run_on", "kill zoom and mute", [kill("zoom"), mute(True)]),
    ("multi_step", "run_on", "open spotify and play some blues", [start("spotify"), play("blues")]),
    ("multi_step", "run_on", "google flights to paris and remind me to book them tonight",
     [google("flights to paris"), remind("book them", "tonight")]),
    ("multi_step", "run_on", "start a 25 minute timer and open my todo list", [timer("25 minute"), open_file("todo.txt")]),
    ("multi_step", "run_on", "turn the volume to 20 and play rain sounds", [volume(20), play("rain sounds")]),
    ("multi_step", "run_on", "email anna that i'm running late and remind me to call her at 5",
     [email("anna", "", "i'm running late"), remind("call her", "5")]),
    ("multi_step", "run_on", "what's playing? also turn it up", [NOW_PLAYING, louder(10)]),
    ("multi_step", "run_on", "search my files for the lease and open lease.pdf", [find("lease"), open_file("lease.pdf")]),
    ("multi_step", "wake_word", "kayas pause, and what time is it", [media("pause"), NOW]),
    ("multi_step", "run_on", "open github.com and copy my username octocat", [site("github.com"), copy("octocat")]),
    ("multi_step", "run_on", "rename notes.txt to old_notes.txt and make a new notes.txt",
     [move("notes.txt", "old_notes.txt"), create("notes.txt")]),
    ("multi_step", "run_on", "mute the sound, i'm taking a call, and tell #team i'm on a call",
     [mute(True), slack("#team", "i'm on a call")]),
]


def rows() -> list[dict[str, Any]]:
    registry = builtin_registry()
    others = existing_commands("handwritten.jsonl", "handwritten_b.jsonl", "out_of_scope.jsonl")
    out, seen = [], set()
    for item in ROWS:
        category, phrasing, command, plan = item[:4]
        key = normalise(command)
        if key in seen:
            raise SystemExit(f"duplicate command: {command!r}")
        if key in others:
            raise SystemExit(f"already in another scored set: {command!r}")
        seen.add(key)
        if (plan == NONE) != (category in ("out_of_scope", "near_miss")):
            raise SystemExit(f"{command!r}: [] is for out_of_scope and near_miss rows only")
        extra: dict[str, Any] = {"category": category, "phrasing": phrasing}
        if len(item) == 5:
            extra["note"] = item[4]
        out.append(row(command, render(plan, registry), **extra))
    return out


def main() -> None:
    data = rows()
    write(OUT, data)
    music = sum(1 for r in data if '"spotify.play_query"' in r["messages"][2]["content"])
    empty = sum(1 for r in data if r["messages"][2]["content"] == "[]")
    print(f"wrote {len(data)} rows to {OUT}: {music} play music, {empty} [] ({empty / len(data):.0%})")
    print(summary(data, "category", "phrasing"))
    families = Counter(call.split('"')[0].split(".")[0] for r in data for call in r["messages"][2]["content"].split('"tool":"')[1:])
    print("tool families used:", dict(sorted(families.items())))


if __name__ == "__main__":
    main()
