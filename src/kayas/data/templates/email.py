"""Email: `to` holds the addresses in the order said, joined by `, `; an unsaid subject or body is ""."""
from kayas.data.spec import TemplateSet

send = TemplateSet("email.send").imp(
    "email {to:emails} about {subject} saying {body:message}",
    "mail {to:emails}, subject {subject}, body {body:message}",
    "send an email to {to:emails} with [the|] subject {subject} and [the|] body {body:message}",
    "send a mail to {to:emails} [titled|with the subject] {subject}: {body:message}",
    "shoot {to:emails} an email about {subject}: {body:message}",
    "drop {to:emails} a line about {subject} saying {body:message}",
    "email {to:emails} the subject {subject} with the message {body:message}",
    "compose an email to {to:emails}, subject: {subject}, message: {body:message}",
    "email {to:emails} re {subject}: {body:message}",
    "send email to {to:emails} subject {subject} body {body:message}",
    "write an email to {to:emails} about {subject} that says {body:message}",
    "email {to:emails} with subject {subject} and text {body:message}",
    "send {to:emails} a message with subject {subject} saying {body:message}",
    "send {to:emails} an email about {subject} [that says|saying|telling them] {body:message}",
    "send an email [titled|called] {subject} to {to:emails} saying {body:message}",
).imp(
    "send {to:emails} an email [saying|that says] {body:message}",
    "email {to:emails} [saying|to say|and say|and tell them] {body:message}",
    "write to {to:emails}: {body:message}",
    "let {to:emails} know by email that {body:message}",
    "email {to:emails}: {body:message}",
    "send a quick email to {to:emails} saying {body:message}",
    "mail {to:emails} the message {body:message}",
    subject="",
).imp(
    "send an email to {to:emails} about {subject}",
    "email {to:emails} with [the|] subject {subject}",
    "start an email to {to:emails} titled {subject}",
    body="",
).ask(
    "I need to email {to:emails} about {subject}, tell them {body:message}",
    "I want to send {to:emails} a message about {subject} saying {body:message}",
    "{to:emails} needs an email about {subject}: {body:message}",
    "could you email {to:emails} about {subject}? say {body:message}",
).ask(
    "I need to tell {to:emails} by email that {body:message}",
    "please send {to:emails} a quick email: {body:message}",
    "can you let {to:emails} know that {body:message}? email them",
    subject="",
)

SETS = [send]
