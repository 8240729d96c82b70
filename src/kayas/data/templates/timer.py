"""Timers: `duration` as the user said it ("10 minutes", "half an hour"); `label` what it is for,
without a leading "the"/"my" ("for the pasta" -> pasta). A timer with no length said is not
taught (there is nothing to start); a sleep timer for the music is not a timer (near_miss.py)."""
from kayas.data.everyday_pools import POOLS
from kayas.data.spec import TemplateSet

start = TemplateSet("timer.start", pools=POOLS).imp(
    "set a timer for {duration:dur}",
    "start a timer for {duration:dur}",
    "set a {duration:durattr} timer",
    "start a {duration:durattr} timer",
    "timer for {duration:dur}",
    "put a timer on for {duration:dur}",
    "set the timer for {duration:dur}",
    "count down {duration:dur}",
    "count down from {duration:dur}",
    "start a countdown of {duration:dur}",
    "set a countdown for {duration:dur}",
    "give me a {duration:durattr} timer",
    "time {duration:dur} for me",
    "set me a timer for {duration:dur}",
    "get a timer going for {duration:dur}",
    "let me know when {duration:dur} [are|is] up",
    "alert me in {duration:dur}",
    "ping me in {duration:dur}",
    "set a timer for {duration:dur} for {label:tlabel}",
    "set a timer for {label:tlabel} for {duration:dur}",
    "start a {duration:durattr} timer for {label:tlabel}",
    "set a {duration:durattr} timer for {label:tlabel}",
    "{label:tlabelbare} timer, {duration:dur}",
    "set a {label:tlabelbare} timer for {duration:dur}",
    "start a {label:tlabelbare} timer for {duration:dur}",
    "timer for {label:tlabel}, {duration:dur}",
    "time {label:tlabel} for {duration:dur}",
    "put a {duration:durattr} timer on for {label:tlabel}",
).ask(
    "can you set a timer for {duration:dur}[?|]",
    "could you start a {duration:durattr} timer[?|]",
    "{duration:dur} timer[ please|]",
    "{duration:durattr} timer[ please|]",
    "timer {duration:dur}",
    "I need a timer for {duration:dur}",
    "I need a {duration:durattr} timer for {label:tlabel}",
    "{label:tlabel} needs {duration:dur}, set a timer",
    "I'm boiling eggs, timer for {duration:dur}",
    "I'm making {label:tlabel}, set a timer for {duration:dur}",
    "can you time {duration:dur} for {label:tlabel}[?|]",
    "would you set a {duration:durattr} timer for {label:tlabel}[?|]",
    "tell me when {duration:dur} have passed",
)

SETS = [start]
