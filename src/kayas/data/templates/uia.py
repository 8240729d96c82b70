"""Other applications' windows: titles and buttons title-cased; a field is "" unless named.

close_window closes one window (`close the Notepad window`); killing a program by name
is process.kill_process (`kill notepad`).
"""
from kayas.data.spec import TemplateSet

click = TemplateSet("uia.click_button").imp(
    "click {button_text:button} in the {window_title:window} window",
    "click {button_text:button} in {window_title:window}",
    "press the {button_text:button} button in {window_title:window}",
    "hit {button_text:button} on the {window_title:window} window",
    "in {window_title:window}, click {button_text:button}",
    "click the {button_text:button} button [in|on] the {window_title:window} [window|dialog]",
    "push {button_text:button} in {window_title:window}",
    "tap {button_text:button} in the {window_title:window} dialog",
    "select {button_text:button} in the {window_title:window} window",
    "go to the {window_title:window} window and click {button_text:button}",
    "on the {window_title:window} window press {button_text:button}",
    "{window_title:window}: click {button_text:button}",
    "choose {button_text:button} in {window_title:window}",
    "click on {button_text:button} in the {window_title:window} window",
    "press {button_text:button} in the {window_title:window} dialog",
    "in the {window_title:window} dialog hit {button_text:button}",
    "click the button {button_text:button} in {window_title:window}",
).imp(
    # Single characters, digits and symbols: the button's name is exactly what was said.
    "click {button_text:calckey} in [the|] {window_title:calcwin}",
    "press {button_text:calckey} [in|on] [the|] {window_title:calcwin}",
    "hit {button_text:calckey} in the {window_title:calcwin}",
    "press the {button_text:calckey} button [in|on] [the|] {window_title:calcwin}",
    "tap the {button_text:calckey} key in {window_title:calcwin}",
    "in [the|] {window_title:calcwin}, [click|press|hit|tap] {button_text:calckey}",
    "on the {window_title:calcwin} [click|press] the {button_text:calckey} [button|key]",
    "click the {button_text:calckey} button in the {window_title:calcwin} window",
    "{window_title:calcwin}: press {button_text:calckey}",
    "push {button_text:calckey} on the {window_title:calcwin}",
    "select {button_text:calckey} in {window_title:calcwin}",
    "click {button_text:calckey} on the {window_title:calcwin} keypad",
).ask(
    "I need to click {button_text:button} in {window_title:window}",
    "the {window_title:window} window wants me to click {button_text:button}, do it",
    "{window_title:window} is asking, press {button_text:button}",
    "can you hit {button_text:button} in the {window_title:window} window?",
    "can you press {button_text:calckey} in the {window_title:calcwin}?",
    "would you mind clicking {button_text:calckey} in {window_title:calcwin}?",
    "could you tap the {button_text:calckey} key on the {window_title:calcwin}?",
)

type_text = TemplateSet("uia.type_text").imp(
    "type {text:typed} in the {field} field of {window_title:window}",
    "type {text:typeddesc} in the {field} field of {window_title:window}",
    "enter {text:typed} in the {field} field [of|in] the {window_title:window} window",
    "fill the {field} field in {window_title:window} with {text:typed}",
    "put {text:typed} in the {field} box of {window_title:window}",
    "type {text:typed} into the {field} field [in|of] {window_title:window}",
    "in the {window_title:window} window, type {text:typed} [into|in] the {field} field",
    "in {window_title:window} fill in {field} with {text:typed}",
    "type {text:typeddesc} into the {field} box in {window_title:window}",
).imp(
    "type {text:typed} into {window_title:window}",
    "type {text:typed} in the {window_title:window} window",
    "write {text:typed} in {window_title:window}",
    "in {window_title:window}, type {text:typed}",
    "enter {text:typed} into {window_title:window}",
    "key in {text:typed} in {window_title:window}",
    "type {text:typeddesc} in {window_title:window}",
    "in the {window_title:window} window type {text:typed}",
    "type out {text:typed} in the {window_title:window} window",
).ask(
    "I need {text:typed} typed into {window_title:window}",
    "can you put {text:typed} in the {field} field of {window_title:window}?",
    "the {field} field in {window_title:window} should say {text:typed}",
)

close = TemplateSet("uia.close_window").imp(
    "close the {window_title:window} window",
    "close {window_title:window}",
    "shut the {window_title:window} window",
    "close the {window_title:window} dialog",
    "dismiss the {window_title:window} dialog",
    "close out of {window_title:window}",
    "exit the {window_title:window} window",
    "get rid of the {window_title:window} window",
    "close that {window_title:window} window",
    "close the window called {window_title:window}",
    "close the window titled {window_title:window}",
    "shut {window_title:window}",
    "close the {window_title:window} window for me",
    "x out of the {window_title:window} window",
    "close down the {window_title:window} window",
    "close the {window_title:window} window please",
    "shut down the {window_title:window} dialog",
    "get the {window_title:window} window off my screen",
    "close the {window_title:window} popup",
    "hit the X on the {window_title:window} window",
).ask(
    "I'm done with the {window_title:window} window, close it",
    "the {window_title:window} window can go, close it",
    "can the {window_title:window} window be closed?",
    "no more {window_title:window} window please",
    "could you close the {window_title:window} window?",
    "would you mind closing {window_title:window}?",
    "can you make sure the {window_title:window} window is closed",
)

windows = TemplateSet("uia.list_windows").ask(
    "what windows are open[?|]",
    "which windows do I have open[?|]",
    "what's open on my screen[?|]",
    "what apps have windows open[?|]",
    "what windows are on screen right now[?|]",
    "how many windows are open[?|]",
    "which windows are open at the moment[?|]",
    "can you list the open windows?",
    "would you mind telling me which windows are open?",
    "what do I have open[?|]",
).imp(
    "list the open windows",
    "show me all [the|] windows",
    "list [all|] windows",
    "name the open windows",
    "show [me|] [the|] open windows",
    "enumerate the windows",
    "tell me what windows are open",
    "give me the window list",
    "list every open window",
    "get the titles of the open windows",
    "show me what windows I have open",
    "list the windows on my screen",
    "print the window titles",
    "show all open app windows",
    "give me a list of the open windows",
)

tree = TemplateSet("uia.get_control_tree").imp(
    "show me the controls in the {window_title:window} window",
    "get the control tree of {window_title:window}",
    "inspect {window_title:window}",
    "dump the UI tree of {window_title:window}",
    "list the buttons in {window_title:window}",
    "describe the {window_title:window} window",
    "show the accessibility tree for {window_title:window}",
    "read the {window_title:window} window",
    "map out the {window_title:window} window",
    "get the elements of the {window_title:window} window",
    "list the controls of {window_title:window}",
    "inspect the {window_title:window} window's controls",
    "show the UI elements in {window_title:window}",
).ask(
    "what's in the {window_title:window} window[?|]",
    "what buttons does {window_title:window} have[?|]",
    "what can I click in {window_title:window}[?|]",
    "what's on the {window_title:window} screen[?|]",
    "what fields are in {window_title:window}[?|]",
    "what does the {window_title:window} window contain[?|]",
)

find = TemplateSet("uia.find_window").ask(
    "is {title:window} open[?|]",
    "is the {title:window} window open[?|]",
    "do I have {title:window} open[?|]",
    "is there a {title:window} window[?|]",
    "where is the {title:window} window[?|]",
    "is {title:window} still open?",
    "is the {title:window} window still up[?|]",
    "have I got a {title:window} window open somewhere[?|]",
    "can you check if {title:window} is open?",
    "could you find the {title:window} window?",
    "is {title:window} up[?|]",
    "did the {title:window} window open[?|]",
).imp(
    "find the {title:window} window",
    "look for a window called {title:window}",
    "check whether {title:window} is open",
    "locate the {title:window} window",
    "find window {title:window}",
    "get details of the {title:window} window",
    "check for the {title:window} window",
    "search for a window titled {title:window}",
    "see if the {title:window} window is open",
    "find the window named {title:window}",
)

# Imperative UI commands in an application's window keep their uia calls; the same words as a
# how-to question ("how do I insert a page break in word") run nothing (near_miss.howto).
click_app = TemplateSet("uia.click_button", "uia.click_app").imp(
    "click {button_text:appbutton} in the {window_title:appwindow} window",
    "click {button_text:appbutton} in {window_title:appwindow}",
    "press {button_text:appbutton} in {window_title:appwindow}",
    "hit the {button_text:appbutton} button in {window_title:appwindow}",
    "in {window_title:appwindow}, click {button_text:appbutton}",
    "click the {button_text:appbutton} button [in|on] the {window_title:appwindow} window",
    "select {button_text:appbutton} in {window_title:appwindow}",
    "press the {button_text:appbutton} button in the {window_title:appwindow} window",
).ask(
    "can you click {button_text:appbutton} in {window_title:appwindow}[?|]",
    "could you press {button_text:appbutton} in the {window_title:appwindow} window[?|]",
)

# A screenshot of the desktop or of one window (not of a web page: after a page clause the
# screenshot is a browser step). The file keeps the name said; none said: screenshot.png,
# as a list named only by its purpose gets a plain name.
_SHOT = "[take|grab|make|capture|snap] a screenshot"
screenshot = TemplateSet("uia.screenshot").imp(
    _SHOT + " [called|named] {filename:shot}",
    _SHOT + " and save it as {filename:shot}",
    "screenshot the screen as {filename:shot}",
    "save a screenshot as {filename:shot}",
    "screenshot my desktop [to|as] {filename:shot}",
    "capture the screen [to|as] {filename:shot}",
    "take a screenshot of my screen [called|named] {filename:shot}",
    "take a screenshot of {window_title:window} [called|named] {filename:shot}",
    "screenshot the {window_title:window} window as {filename:shot}",
    "capture the {window_title:window} window [to|as] {filename:shot}",
    "grab a screenshot of the {window_title:window} window and save it as {filename:shot}",
).imp(
    _SHOT,
    "screenshot",
    "screenshot the screen",
    "screenshot my desktop",
    "capture the screen",
    "take a screenshot of my screen",
    "print screen",
    filename="screenshot.png",
).imp(
    "take a screenshot of {window_title:window}",
    "screenshot the {window_title:window} window",
    "capture the {window_title:window} window",
    filename="screenshot.png",
).ask(
    "can you take a screenshot [called|named] {filename:shot}[?|]",
    "could you screenshot the {window_title:window} window as {filename:shot}[?|]",
    "I need a screenshot of the {window_title:window} window called {filename:shot}",
).ask(
    "can you take a screenshot[?|]",
    "could you grab a screenshot of my screen[?|]",
    filename="screenshot.png",
)

SETS = [click, type_text, close, windows, tree, find, click_app, screenshot]
