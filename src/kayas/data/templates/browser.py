"""The browser: sites (https:// + domain), web and YouTube searches, steps on a page.

A bare program start (`open chrome`) is process.start_program. A page the user wants to
see (`open github`, `search the web for x`, `find lofi videos on youtube`) is
browser.open_url, in the user's own browser. Steps done on the user's behalf (click, fill,
press, wait, screenshot) are browser.run_steps, whose first step is the page's goto: a
page clause followed by steps becomes one run_steps call (multi.merge_calls).
"""
from typing import Any

from kayas.data import conventions as cv
from kayas.data.spec import TemplateSet, call


def steps(*items: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [call("browser.run_steps", steps=[{"action": a, "args": args} for a, args in items])]


def goto(url: str) -> tuple[str, dict[str, Any]]:
    return ("goto", {"url": url})


def open_url(url: str) -> list[dict[str, Any]]:
    return [call("browser.open_url", url=url)]


def _site(s):
    return open_url(s["site"])


def _google(s):
    return open_url(cv.google_url(s["query"]))


def _youtube(s):
    return open_url(cv.youtube_url(s["video"]))


def _site_click(s):
    return steps(goto(s["site"]), ("click", {"selector": s["clickable"]}))


def _site_fill_click(s):
    return steps(goto(s["site"]), ("fill", {"selector": s["webfield"], "value": s["webvalue"]}),
                 ("click", {"selector": s["clickable"]}))


def _site_fill_enter(s):
    return steps(goto(s["site"]), ("fill", {"selector": s["webfield"], "value": s["webvalue"]}),
                 ("press", {"key": "Enter"}))


def _site_shot(s):
    return steps(goto(s["site"]), ("screenshot", {"filename": s["shot"]}))


def _site_wait_shot(s):
    return steps(goto(s["site"]), ("wait", {"seconds": s["seconds"]}), ("screenshot", {"filename": s["shot"]}))


def _site_key(s):
    return steps(goto(s["site"]), ("press", {"key": s["key"]}))


def _google_shot(s):
    return steps(goto(cv.google_url(s["query"])), ("screenshot", {"filename": s["shot"]}))


site = TemplateSet("browser.open_url", "browser.site").imp(
    "go to {site}",
    "open {site}",
    "navigate to {site}",
    "visit {site}",
    "pull up {site}",
    "load {site}",
    "take me to {site}",
    "head to {site}",
    "open the website {site}",
    "open {site} in the browser",
    "browse to {site}",
    "show me {site}",
    "bring up the {site} website",
    "open the page {site}",
    "go on {site}",
    "jump to {site}",
    "open {site:domain}",
    "go to {site:domain}",
    "visit {site:domain}",
    "open {site:domain} in the browser",
    "navigate to {site:domain}",
    "take me to {site:domain}",
    build=_site,
).ask(
    "I want to see {site}",
    "can we go to {site}?",
    "let's check {site}",
    "I need the {site} site open",
    build=_site,
).imp(
    # Checking on a site by name opens it (its canonical domain: twitch.tv, youtube.com).
    "check my {site:checkable}",
    "check {site:checkable}",
    "check [on|in on] my {site:checkable}",
    "have a look at [my|] {site:checkable}",
    "let me check {site:checkable}",
    "open up my {site:checkable}",
    "get {site:checkable} up",
    "pull up my {site:checkable} [page|account|]",
    "go to my {site:checkable}",
    "[opne|oepn|opn] {site:checkable}",
    "{site:checkable} please",
    build=_site,
).ask(
    "can you open {site:checkable}[?|]",
    "can I see my {site:checkable}[?|]",
    "what's new on {site:checkable}, open it",
    "I want to check my {site:checkable}",
    build=_site,
)

google = TemplateSet("browser.open_url", "browser.google").imp(
    "search for {query}",
    "google {query}",
    "search the web for {query}",
    "look up {query}",
    "look up {query} online",
    "search google for {query}",
    "find {query} on the web",
    "search online for {query}",
    "web search {query}",
    "do a google search for {query}",
    "google search {query}",
    "look {query} up on google",
    "search the internet for {query}",
    "run a web search for {query}",
    "check google for {query}",
    build=_google,
).imp(
    # A question handed to the search engine: the query is the whole question, as said.
    "google {query:question}",
    "google it: {query:question}",
    "search {query:question}",
    "search the web for {query:question}",
    "look up {query:question}",
    "search google [for|] {query:question}",
    "can you google {query:question}",
    "[gogle|googel|gooogle|googl] {query:question}",
    "google [this|] for me: {query:question}",
    "do a quick search: {query:question}",
    build=_google,
).ask(
    "could you google {query:question}[?|]",
    "hey google, google {query:question}",
    "I wonder {query:question}, google it",
    "quick, google {query:question}",
    "search online: {query:question}",
    build=_google,
).ask(
    "what does google say about {query}?",
    "I want to know about {query}, search the web",
    "can you look up {query} on the internet?",
    "search query: {query}",
    build=_google,
)

youtube = TemplateSet("browser.open_url", "browser.youtube").imp(
    "open youtube and search for {video}",
    "search youtube for {video}",
    "find {video} on youtube",
    "play {video} on youtube",
    "youtube {video}",
    "look up {video} on youtube",
    "go to youtube and look for {video}",
    "watch {video} on youtube",
    "search for {video} on youtube",
    "pull up {video} on youtube",
    "show me {video} on youtube",
    "find me some {video} videos on youtube",
    "do a youtube search for {video}",
    "open youtube and look up {video}",
    "open youtube and find {video}",
    "go to youtube and search {video}",
    "go on youtube and search for {video}",
    "pull up youtube and search for {video}",
    "youtube search {video}",
    "search on youtube for {video}",
    "look for {video} on youtube",
    "open youtube then search for {video}",
    "get me {video} on youtube",
    "bring up youtube videos of {video}",
    "search {video} on youtube",
    build=_youtube,
).ask(
    "I want to watch {video} on youtube",
    "any youtube videos on {video}?",
    "what's on youtube for {video}?",
    build=_youtube,
)

pages = TemplateSet("browser.run_steps", "browser.page").imp(
    "go to {site} and click [on|] {clickable}",
    "open {site} and click {clickable}",
    "open {site} then click {clickable}",
    "on {site} click {clickable}",
    build=_site_click,
).imp(
    "on the {_page:page} page at {site} fill the {webfield} field with {webvalue} and click {clickable}",
    "go to {site}, fill {webfield} with {webvalue} and click {clickable}",
    "open {site}, type {webvalue} into the {webfield} [field|box] and [click|press|hit] {clickable}",
    "at {site} enter {webvalue} in the {webfield} field, then click {clickable}",
    build=_site_fill_click,
).imp(
    "go to {site}, type {webvalue} in the {webfield} box and press enter",
    "open {site}, fill in {webfield} with {webvalue} and hit enter",
    build=_site_fill_enter,
).imp(
    "take a screenshot of {site} [called|named] {shot}",
    "open {site} and take a screenshot called {shot}",
    "screenshot {site} [to|as] {shot}",
    "go to {site} and save a screenshot as {shot}",
    "grab a screenshot of {site} and save it as {shot}",
    build=_site_shot,
).imp(
    "go to {site}, wait {seconds} seconds and take a screenshot called {shot}",
    "open {site}, wait {seconds} seconds, then screenshot it as {shot}",
    build=_site_wait_shot,
).imp(
    "open {site} and press {key}",
    "go to {site} and hit {key}",
    build=_site_key,
).imp(
    "search for {query} and take a screenshot [called|named] {shot}",
    "google {query} and screenshot the results as {shot}",
    build=_google_shot,
)

# Steps that only make sense on an open page: used after a browser clause, 1 to 3 of them
# in a row (one set per step kind, so a chain does not repeat a kind back to back).
_AFTER = "browser.after"
after_click = TemplateSet("browser.run_steps", f"{_AFTER}.click", role="after_browser").imp(
    "click {clickable}", "click on {clickable}", "click the {clickable} button", "hit the {clickable} button",
    "press the {clickable} button", "select {clickable}", "click [on|] the {clickable} link", "tap {clickable}",
    build=lambda s: steps(("click", {"selector": s["clickable"]})),
)
after_press = TemplateSet("browser.run_steps", f"{_AFTER}.press", role="after_browser").imp(
    "press {key}", "hit {key}", "press the {key} key", "hit the {key} key", "push {key}",
    build=lambda s: steps(("press", {"key": s["key"]})),
)
after_fill = TemplateSet("browser.run_steps", f"{_AFTER}.fill", role="after_browser").imp(
    "fill [in|] the {webfield} field with {webvalue}", "type {webvalue} into the {webfield} [field|box]",
    "enter {webvalue} in the {webfield} field", "fill {webfield} with {webvalue}",
    "put {webvalue} in the {webfield} [field|box]", "type {webvalue} in {webfield}",
    "set {webfield} to {webvalue}", "fill in {webfield} with {webvalue}",
    build=lambda s: steps(("fill", {"selector": s["webfield"], "value": s["webvalue"]})),
)
after_shot = TemplateSet("browser.run_steps", f"{_AFTER}.shot", role="after_browser").imp(
    "take a screenshot [called|named] {shot}", "save a screenshot as {shot}", "screenshot it as {shot}",
    "grab a screenshot [called|named] {shot}", "screenshot the page as {shot}", "take a screenshot of it [called|named|as] {shot}",
    "capture it as {shot}", "snap a screenshot [called|named] {shot}", "save a screenshot named {shot}",
    "screenshot the results as {shot}", "take a screenshot and save it as {shot}", "screenshot it to {shot}",
    build=lambda s: steps(("screenshot", {"filename": s["shot"]})),
)
after_wait = TemplateSet("browser.run_steps", f"{_AFTER}.wait", role="after_browser").imp(
    "wait {seconds} seconds", "wait for {seconds} seconds", "give it {seconds} seconds", "pause for {seconds} seconds",
    "wait {seconds} secs", "hold on for {seconds} seconds", "let it load for {seconds} seconds",
    build=lambda s: steps(("wait", {"seconds": s["seconds"]})),
)

# A browser started before the page: `open chrome, go to x` (start_program, then the steps).
launch = TemplateSet("process.start_program", "browser.launch", role="launch").imp(
    "open {program:browser}", "launch {program:browser}", "start {program:browser}", "fire up {program:browser}",
    "open up {program:browser}", "bring up {program:browser}", "run {program:browser}", "get {program:browser} open",
    build=lambda s: [call("process.start_program", program=s["program"], background=True)],
)

# News sites opened, and news searched for, stay browser calls; "read me the top stories on
# bbc.co.uk" or "what's the news" run nothing (out_of_scope read_web, news).
news_sites = TemplateSet("browser.open_url", "browser.news").imp(
    "open {site:newsdomain}",
    "go to {site:newsdomain}",
    "pull up {site:newsdomain}",
    "take me to {site:newsdomain}",
    "load {site:newsdomain}",
    "open {site:newsdomain} in the browser",
    "navigate to {site:newsdomain}",
    "visit {site:newsdomain}",
    build=_site,
).imp(
    "google {query:newsq}",
    "search the web for {query:newsq}",
    "search for {query:newsq}",
    "search google for {query:newsq}",
    "do a google search for {query:newsq}",
    "look up {query:newsq} on google",
    build=_google,
).ask(
    "can you open {site:newsdomain}[?|]",
    "could you go to {site:newsdomain} for me[?|]",
    build=_site,
).ask(
    "can you google {query:newsq}[?|]",
    "could you search the web for {query:newsq}[?|]",
    build=_google,
)

SETS = [site, google, youtube, pages, after_click, after_press, after_fill, after_shot, after_wait, launch, news_sites]
