"""The output volume: set (a number said is the percent), change (up +, down -), mute.

The amounts, the same everywhere (everyday_pools.py): no amount, "a bit", "a little",
"a notch" = 10 points; "a lot", "way", "much" = 30; "by 20" = 20. "Max it out" sets 100.
The volume of the TV, the radio, a call or the assistant's own voice is not this tool."""
from kayas.data.everyday_pools import LARGE, POOLS, SMALL
from kayas.data.spec import TemplateSet

_VOL = "[the volume|the sound|the audio|the music|it|the speakers]"
_SMALL = "[" + "|".join(SMALL) + "]"
_LARGE = "[" + "|".join(LARGE) + "]"

set_volume = TemplateSet("system.set_volume", pools=POOLS).imp(
    "set the volume to {percent:volpct}",
    "set volume to {percent:volpct}",
    "volume to {percent:volpct}",
    "volume {percent:volpct}",
    "turn the volume to {percent:volpct}",
    "put the volume [at|on|to] {percent:volpct}",
    "change the volume to {percent:volpct}",
    "make the volume {percent:volpct}",
    "adjust the volume to {percent:volpct}",
    "set the sound to {percent:volpct}",
    "turn it [up|down] to {percent:volpct}",
    "turn the volume [up|down] to {percent:volpct}",
    "bring the volume [up|down] to {percent:volpct}",
    "lower the volume to {percent:volpct}",
    "raise the volume to {percent:volpct}",
    "set the output volume to {percent:volpct}",
    "set my speakers to {percent:volpct}",
    "volume at {percent:volpct} please",
).imp(
    "max out the volume", "max the volume", "volume all the way up", "full volume", "turn it all the way up",
    "crank the volume all the way up", "max volume",
    "volume [up|] to the max", "turn it up [all the way|to the max|to full]", "full blast", "as loud as it goes",
    percent=100,
).imp(
    "turn [the volume|it|the sound] all the way down", "volume all the way down", "turn the volume down to [zero|0|nothing]",
    "volume [to|at] zero", "set the volume to nothing", "[bring|take] the volume [all the way|right] down",
    "zero [the|] volume", "turn it right down",
    percent=0,
).ask(
    "can you set the volume to {percent:volpct}[?|]",
    "could you put the volume at {percent:volpct}[?|]",
    "I want the volume at {percent:volpct}",
    "volume should be {percent:volpct}",
)

up = TemplateSet("system.change_volume", "system.volume_up", pools=POOLS).imp(
    f"turn {_VOL} up", f"turn up {_VOL}", "volume up", "louder", "raise the volume", "increase the volume",
    "make it louder", "make the music louder", "pump up the volume", "crank it up", "turn the volume up",
    "bump the volume up", "up the volume", "boost the volume", "volume higher",
    f"turn {_VOL} up {_SMALL}", f"turn it up {_SMALL}", f"a {_SMALL} louder", f"make it {_SMALL} louder",
    f"raise the volume {_SMALL}", f"nudge the volume up {_SMALL}", "bump it up a notch", "a little louder please",
    by=10,
).imp(
    f"turn {_VOL} up {_LARGE}", f"turn it {_LARGE} up", f"make it {_LARGE} louder", "crank it way up",
    "turn it up loads", "much louder", "way louder", f"raise the volume {_LARGE}",
    by=30,
).imp(
    "turn the volume up by {by:volstep}", "turn it up by {by:volstep}", "raise the volume by {by:volstep}",
    "increase the volume by {by:volstep}", "volume up by {by:volstep}", "up the volume by {by:volstep}",
    "make it {by:volstep} percent louder",
    "[bump|push|put|pump] the volume up {by:volstep}", "raise the volume {by:volstep}",
    "turn it up {by:volstep}", "[add|give me] {by:volstep} more volume", "volume plus {by:volstep}",
    "increase the sound by {by:volstep}", "up the sound {by:volstep}",
).ask(
    "can you turn it up[?|]", "could you make it louder[?|]", "I can't hear it", "it's too quiet",
    "it's a bit quiet", "can you turn the volume up a bit[?|]", "I can barely hear this, turn it up",
    by=10,
)

down = TemplateSet("system.change_volume", "system.volume_down", pools=POOLS).imp(
    f"turn {_VOL} down", f"turn down {_VOL}", "volume down", "quieter", "softer", "lower the volume",
    "decrease the volume", "reduce the volume", "make it quieter", "make the music quieter", "turn the volume down",
    "bring the volume down", "lower the sound", "volume lower", "tone it down",
    f"turn {_VOL} down {_SMALL}", f"turn it down {_SMALL}", f"a {_SMALL} quieter", f"make it {_SMALL} quieter",
    f"lower the volume {_SMALL}", "bring it down a notch", "a little quieter please",
    by=-10,
).imp(
    f"turn {_VOL} down {_LARGE}", f"turn it {_LARGE} down", f"make it {_LARGE} quieter", "much quieter",
    "way quieter", f"lower the volume {_LARGE}",
    by=-30,
).imp(
    "turn the volume down by {by:volstep}", "turn it down by {by:volstep}", "lower the volume by {by:volstep}",
    "decrease the volume by {by:volstep}", "volume down by {by:volstep}", "reduce the volume by {by:volstep}",
    "drop the volume {by:volstep}", "drop the volume by {by:volstep}", "lower the volume {by:volstep}",
    "turn it down {by:volstep}", "cut the volume by {by:volstep}", "volume minus {by:volstep}",
    "knock the volume down {by:volstep}", "take the volume down {by:volstep}",
    "reduce the sound {by:volstep}", "bring it down by {by:volstep}",
    build=lambda s: [{"tool": "system.change_volume", "args": {"by": -s["by"]}}],
).ask(
    "can you turn it down[?|]", "could you make it quieter[?|]", "it's too loud", "that's too loud",
    "too loud", "it's a bit loud", "can you turn the volume down a bit[?|]", "ouch, turn it down",
    by=-10,
)

mute = TemplateSet("system.mute", pools=POOLS).imp(
    "mute", "mute the sound", "mute the audio", "mute the speakers", "mute the computer", "mute everything",
    "mute the volume", "turn the sound off", "silence the speakers", "kill the sound", "mute it", "go silent",
    "[mutte|mue|muet|mtue|mut|mute pls|muute] [the sound|it|]", "sound off", "mute the laptop", "mute my computer",
    "mute all sound", "cut the sound", "silence [it|everything|the computer]", "no sound", "turn off the sound",
    on=True,
).imp(
    "unmute", "unmute the sound", "unmute the audio", "unmute the speakers", "unmute the computer",
    "turn the sound back on", "sound back on", "unmute it", "turn the sound on again",
    "sound on", "turn the sound on", "[unmutte|unmtue|unmte|un-mute|unmuet] [it|the sound|]", "bring the sound back",
    "[take it|take the sound] off mute", "stop muting", "give me sound again", "sound on please",
    on=False,
).ask(
    "can you mute the sound[?|]", "could you mute the speakers[?|]",
    "no sound please, the baby is asleep", "shh, the baby's sleeping", "I need silence, mute it",
    "no sound please", "[quiet|silence] please, I'm on a call", "not a sound please",
    "the baby is sleeping, [no sound|mute everything|kill the sound]", "I don't want any sound right now",
    "everyone's asleep, mute the computer", "shush[,|] mute", on=True,
).ask(
    "can you unmute[?|]", "could you unmute the speakers[?|]", "I can't hear anything, unmute", "why is it muted, unmute it", on=False,
).ask(
    "I can't hear a thing, is it muted? unmute it", "the sound is off, turn it back on", "can I have sound again[?|]",
    "the baby's awake, sound back on", "I'm off the call, unmute", on=False,
)

SETS = [set_volume, up, down, mute]
