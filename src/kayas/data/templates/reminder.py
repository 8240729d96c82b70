"""Reminders: `text` is what to be reminded of, as said ("call mum"); `when` as said, less a
leading "at"/"on"/"by" ("at 6pm" -> 6pm, "in 20 minutes" stays). A reminder with no time
said has `when` "" (the executor asks when; the brain never makes a time up). A reminder of
another tool's action ("remind me to email sam@x.com") is a reminder: nothing else runs now.

`reminder.list` shows the pending timers, alarms and reminders; `reminder.cancel` takes the
words that name the one to cancel: a reminder's text, a timer's or an alarm's label, or,
with none said, the kind itself ("cancel the timer" -> timer)."""
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
).imp(
    "remind me to {text:remtext}",
    "set a reminder to {text:remtext}",
    "create a reminder to {text:remtext}",
    "add a reminder to {text:remtext}",
    "remind me about {text:remabout}",
    "remind me to {text:remaction}",
    "set a reminder to {text:remaction}",
    "make a reminder to {text:remtext}",
    when="",
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
).ask(
    "can you remind me to {text:remtext}[?|]",
    "don't let me forget to {text:remtext}",
    "don't let me forget to {text:remaction}",
    "I need to remember to {text:remtext}",
    "could you remind me about {text:remabout}[?|]",
    when="",
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

cancel = TemplateSet("reminder.cancel", pools=POOLS).imp(
    "cancel my reminder to {text:remtext}",
    "cancel the reminder to {text:remtext}",
    "delete the reminder to {text:remtext}",
    "remove my reminder to {text:remtext}",
    "cancel the reminder about {text:remabout}",
    "delete my reminder about {text:remabout}",
    "forget the reminder to {text:remtext}",
    "I don't need the reminder to {text:remtext} anymore, cancel it",
    "cancel the {text:tlabelbare} timer",
    "stop the {text:tlabelbare} timer",
    "cancel the timer for {text:tlabel}",
    "turn off the {text:tlabelbare} timer",
    "cancel my {text:alabel} alarm",
    "delete the {text:alabel} alarm",
    "cancel the alarm for {text:alabel}",
).imp(
    # Nothing named but the kind: the kind is the text (typed in capitals, carried as typed).
    "cancel the {text:kind}", "cancel my {text:kind}", "delete the {text:kind}", "delete my {text:kind}",
    "remove the {text:kind}", "get rid of the {text:kind}",
    "stop the {text:kindtimer}", "kill the {text:kindtimer}", "turn off the {text:kindtimer}",
).ask(
    "can you cancel my reminder to {text:remtext}[?|]",
    "could you cancel the {text:tlabelbare} timer[?|]",
    "no need for the {text:tlabelbare} timer, cancel it",
    "never mind the reminder to {text:remtext}, cancel it",
    "can you cancel my {text:alabel} alarm[?|]",
)

SETS = [add, listing, cancel]
