"""The clipboard: copy (text given) vs paste (what is on it now) vs history (what was copied)."""
from kayas.data.spec import TemplateSet

copy = TemplateSet("clipboard.copy_text").imp(
    "copy {text:copytext}",
    "copy {text:copydesc}",
    "copy {text:copytext} to the clipboard",
    "put {text:copytext} on [the|my] clipboard",
    "copy the text {text:copytext}",
    "save {text:copytext} to the clipboard",
    "copy this: {text:copytext}",
    "set the clipboard to {text:copytext}",
    "stick {text:copytext} on the clipboard",
    "place {text:copytext} in the clipboard",
    "copy {text:copydesc} to the clipboard",
    "put {text:copydesc} on the clipboard",
    "copy the following: {text:copytext}",
    "load {text:copytext} into the clipboard",
    "clipboard this: {text:copytext}",
    "add {text:copytext} to the clipboard",
    "copy the words {text:copytext}",
).ask(
    "I need {text:copytext} on my clipboard",
    "put this in my clipboard: {text:copytext}",
    "can you copy {text:copydesc}?",
    "I want {text:copydesc} copied",
    "clipboard: {text:copytext}",
)

paste = TemplateSet("clipboard.paste_text").imp(
    "paste",
    "paste it",
    "paste what I copied",
    "read the clipboard",
    "show me the clipboard",
    "paste the clipboard",
    "give me the clipboard contents",
    "tell me what's on the clipboard",
    "read out my clipboard",
    "show [the|my] clipboard",
    "get the clipboard [text|contents]",
    "paste the text from the clipboard",
).ask(
    "what's on the clipboard[?|]",
    "what's in my clipboard[?|]",
    "what did I just copy[?|]",
    "clipboard contents please",
    "what text is on the clipboard[?|]",
    "what have I got copied[?|]",
    "current clipboard?",
    "what's copied right now[?|]",
)

history = TemplateSet("clipboard.get_history").imp(
    "show my clipboard history",
    "show the last {limit} things I copied",
    "list my last {limit} clipboard entries",
    "show me the last {limit} copied items",
    "give me {limit} items from the clipboard history",
    "list the clipboard history",
    "show everything I copied [today|recently]",
    "show my previous clipboard items",
    "get the last {limit} clipboard items",
    "pull up my clipboard history",
    "show the clipboard history, last {limit}",
    "list what I copied recently",
).ask(
    "clipboard history[?|]",
    "what did I copy last, show me {limit}",
    "what have I copied recently[?|]",
    "what were the last {limit} things on my clipboard[?|]",
    "my last {limit} copies?",
    "what did I copy last[?|]",
    "what were my recent copies[?|]",
    "what did I copy before that[?|]",
)

SETS = [copy, paste, history]
