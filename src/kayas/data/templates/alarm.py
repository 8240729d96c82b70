"""Alarms: `when` as the user said it, less a leading "at"/"for"/"on" ("for 7am tomorrow" ->
7am tomorrow); `label` what it is for, without "the"/"my". Changing or stopping a ringing
alarm has no tool (out_of_scope.py alarm_edit)."""
from kayas.data.everyday_pools import POOLS
from kayas.data.spec import TemplateSet

set_alarm = TemplateSet("alarm.set", pools=POOLS).imp(
    "set an alarm for {when:alarmwhen}",
    "set my alarm for {when:alarmwhen}",
    "set an alarm at {when:alarmat}",
    "wake me up at {when:alarmat}",
    "wake me at {when:alarmat}",
    "alarm for {when:alarmwhen}",
    "create an alarm for {when:alarmwhen}",
    "make an alarm for {when:alarmwhen}",
    "put an alarm on for {when:alarmwhen}",
    "set the alarm for {when:alarmwhen}",
    "get me up at {when:alarmat}",
    "ring at {when:alarmat}",
    "set a wake-up alarm for {when:alarmwhen}",
    "add an alarm for {when:alarmwhen}",
    "set an alarm for {when:alarmwhen} [called|named|labelled] {label:alabel}",
    "set an alarm for {when:alarmwhen} for {label:alabel}",
    "set a {label:alabel} alarm for {when:alarmwhen}",
    "wake me up at {when:alarmat} for {label:alabel}",
    "alarm at {when:alarmat}, label it {label:alabel}",
    "set an alarm for {label:alabel} at {when:alarmat}",
).ask(
    "can you wake me up at {when:alarmat}[?|]",
    "could you set an alarm for {when:alarmwhen}[?|]",
    "alarm {when:alarmwhen}",
    "I need to get up at {when:alarmat}",
    "I have to be up at {when:alarmat}, set an alarm",
    "I need an alarm for {when:alarmwhen}",
    "I need an alarm at {when:alarmat} for {label:alabel}",
    "would you set my alarm for {when:alarmwhen}[?|]",
    "make sure I'm up at {when:alarmat}",
    "don't let me oversleep, alarm at {when:alarmat}",
)

SETS = [set_alarm]
