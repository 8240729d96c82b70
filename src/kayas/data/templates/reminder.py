"""Reminders: `text` is what to be reminded of, as said ("call mum"); `when` as said, less a
leading "at"/"on"/"by" ("at 6pm" -> 6pm, "in 20 minutes" stays). A reminder with no time
said, one that repeats ("every monday") or one for someone else is `[]` (near_miss.py
reminder_other): the brain never makes a time up. A reminder of another tool's action
("remind me to email sam@x.com") is a reminder: nothing else runs now.

`reminder.list` shows the pending timers, alarms and reminders; `reminder.cancel` takes the
words that name the one to cancel, bare: a reminder's text, a timer's or an alarm's label
without an article, a possessive or a day ("the gas bill" -> gas bill, "tomorrow's gym
alarm" -> gym), or, with none said, the kind itself ("cancel the timer" -> timer). Stopping
or snoozing one that rings now is `[]` (near_miss.py ringing)."""
from kayas.data.everyday_pools import POOLS
from kayas.data.spec import TemplateSet

add = TemplateSet("reminder.add", pools=POOLS).imp(
    "remind me to {text:remtext} {when:remwhen}",
    "remind me {when:remwhen} to {text:remtext}",
    "set a reminder to {text:remtext} {when:remwhen}",
    "set a reminder {when:remwhen} to {text:remtext}",
    "create a reminder to {text:remtext} {when:remwhen}",
    "add a reminder to {text:remtext} {when:remwhen}",
    "make a reminder to {text:remtext} {when:remwhen}",
    "remind me about {text:remabout} {when:remwhen}",
    "remind me {when:remwhen} about {text:remabout}",
    "ping me {when:remwhen} to {text:remtext}",
    "nudge me {when:remwhen} to {text:remtext}",
    "give me a reminder {when:remwhen} to {text:remtext}",
    "set a reminder for {when:remwhen}: {text:remtext}",
    "new reminder, {text:remtext}, {when:remwhen}",
    "reminder: {text:remtext} {when:remwhen}",
    "remind me to {text:remaction} {when:remwhen}",
    "remind me {when:remwhen} to {text:remaction}",
    "set a reminder to {text:remaction} {when:remwhen}",
    "alert me {when:remwhen} to {text:remtext}",
    "tell me to {text:remtext} {when:remwhen}",
    "remind me {text:remtext} {when:remwhen}",
    "reminder to {text:remtext} {when:remwhen}",
    "set me a reminder to {text:remtext} {when:remwhen}",
    "put in a reminder to {text:remtext} {when:remwhen}",
    "schedule a reminder to {text:remtext} {when:remwhen}",
    "remind me {when:remwhen} that I need to {text:remtext}",
    "remind me to {text:remtext}, {when:remwhen}",
    "get me to {text:remtext} {when:remwhen}",
    "make sure I remember to {text:remtext} {when:remwhen}",
    "note to self, remind me to {text:remtext} {when:remwhen}",
).ask(
    "can you remind me to {text:remtext} {when:remwhen}[?|]",
    "could you remind me {when:remwhen} to {text:remtext}[?|]",
    "{when:remwhen}, remind me to {text:remtext}",
    "don't let me forget to {text:remtext} {when:remwhen}",
    "make sure I {text:remtext} {when:remwhen}",
    "I need to {text:remtext} {when:remwhen}, remind me",
    "I have to {text:remtext} {when:remwhen}, can you remind me[?|]",
    "would you remind me to {text:remtext} {when:remwhen}[?|]",
    "can you remind me to {text:remaction} {when:remwhen}[?|]",
    "I keep forgetting to {text:remtext}, remind me {when:remwhen}",
    "don't let me forget to {text:remaction} {when:remwhen}",
    "{when:remwhen}, don't let me forget to {text:remtext}",
    "don't let me forget {when:remwhen} to {text:remtext}",
    "make sure I don't forget to {text:remtext} {when:remwhen}",
    "can you make sure I {text:remtext} {when:remwhen}[?|]",
    "I gotta {text:remtext} {when:remwhen}, remind me",
    "I must {text:remtext} {when:remwhen}, set a reminder",
    "could you set a reminder to {text:remtext} {when:remwhen}[?|]",
    "would you mind reminding me to {text:remtext} {when:remwhen}[?|]",
    "remind me to {text:remtext} {when:remwhen} will you",
    "please don't let me forget to {text:remtext} {when:remwhen}",
    "hey, {when:remwhen} I need to {text:remtext}, remind me",
)

listing = TemplateSet("reminder.list", pools=POOLS).ask(
    "what are my reminders[?|]",
    "what reminders do I have[?|]",
    "do I have any reminders [today|for today|set|][?|]",
    "any reminders[?|]",
    "what did I ask you to remind me about[?|]",
    "what was I supposed to remember[?|]",
    "what alarms do I have[?|]",
    "what alarms have I set[?|]",
    "is my alarm set[?|]",
    "what time is my alarm[?|]",
    "when is my alarm[?|]",
    "do I have an alarm [set|] for tomorrow[?|]",
    "how much time is left on [my|the] timer[?|]",
    "how long is left on the timer[?|]",
    "how long until the {_label:tlabelbare} timer goes off[?|]",
    "what timers are running[?|]",
    "are any timers running[?|]",
    "what's pending[?|]",
    "what have I got coming up in reminders[?|]",
).imp(
    "list my reminders",
    "show my reminders",
    "show me my alarms",
    "list my alarms",
    "show my timers",
    "list [all|] my timers and alarms",
    "read me my reminders",
    "tell me my reminders",
    "show me everything pending",
    "check my timers",
    "check the timer",
    "go through my reminders",
)

_CANCEL = "[cancel|delete|remove|scrap|drop|get rid of|forget|ditch|bin|nix|call off|erase]"

cancel = TemplateSet("reminder.cancel", pools=POOLS).imp(
    "cancel my reminder to {text:remtext}",
    "cancel the reminder to {text:remtext}",
    "delete the reminder to {text:remtext}",
    "remove my reminder to {text:remtext}",
    "forget the reminder to {text:remtext}",
    "I don't need the reminder to {text:remtext} anymore, cancel it",
    "cancel the timer for {text:tlabel}",
    "cancel the alarm for {text:alabel}",
    _CANCEL + " the reminder [about|for|to pay|to call] {text:cname}",
    _CANCEL + " [my|the] reminder [about|for] {text:cname}",
    _CANCEL + " {text:cname} reminder",
    _CANCEL + " {text:cname} alarm",
    _CANCEL + " {text:cname} timer",
    _CANCEL + " [my|the] {text:cname} [reminder|alarm|timer]",
    "{text:cname} reminder, " + _CANCEL + " it",
    "don't remind me about {text:cname} [anymore|any more|again|after all]",
    "[no need to|you don't need to|you can stop trying to] remind me about {text:cname} [anymore|]",
    "stop reminding me about {text:cname}",
    "take {text:cname} off my reminders",
    "remove {text:cname} from my reminders",
    "I already did {text:cname}, " + _CANCEL + " the reminder",
    "I won't need {text:cname} [reminder|alarm|timer] anymore",
    "get {text:cname} off my reminders",
).imp(
    # Nothing named but the kind: the kind is the text (typed in capitals, carried as typed).
    "cancel the {text:kind}", "cancel my {text:kind}", "delete the {text:kind}", "delete my {text:kind}",
    "remove the {text:kind}", "get rid of the {text:kind}", "scrap the {text:kind}", "cancel that {text:kind}",
    "never mind the {text:kind}, cancel it", "I don't need the {text:kind} anymore",
).ask(
    "can you cancel my reminder to {text:remtext}[?|]",
    "could you cancel the {text:cname} [timer|alarm|reminder][?|]",
    "no need for the {text:cname} [timer|reminder|alarm], cancel it",
    "never mind the reminder [about|for] {text:cname}, [cancel|delete|scrap] it",
    "can you [cancel|remove|delete] my {text:cname} alarm[?|]",
    "could you stop reminding me about {text:cname}[?|]",
    "the {text:cname} reminder isn't needed anymore",
)

SETS = [add, listing, cancel]
