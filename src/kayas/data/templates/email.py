"""Email: `to` holds the addresses in the order said, joined by `, `; an unsaid subject or body is ""."""
from kayas.data.everyday_pools import POOLS as EVERYDAY
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
    "email {to:emails}, subject \"{subject}\", body \"{body:message}\"",
    "fire off an email to {to:emails} about {subject}: {body:message}",
    "get an email out to {to:emails} [re|about|regarding] {subject} [saying|that says] {body:message}",
    "reply to {to:emails} with subject {subject} and say {body:message}",
    "ping {to:emails} by email about {subject}, [saying|tell them] {body:message}",
    "email {to:emails}. subject: {subject}. body: {body:message}",
    "new email to {to:emails}, [subject|title] {subject}, [body|text|message] {body:message}",
    "send {to:emails} a note [titled|with the subject] {subject} [saying|that says] {body:message}",
    "email {to:emails} regarding {subject} and [tell|let] them [know|] {body:message}",
).imp(
    "send {to:emails} an email [saying|that says] {body:message}",
    "email {to:emails} [saying|to say|and say|and tell them] {body:message}",
    "write to {to:emails}: {body:message}",
    "let {to:emails} know by email that {body:message}",
    "email {to:emails}: {body:message}",
    "send a quick email to {to:emails} saying {body:message}",
    "mail {to:emails} the message {body:message}",
    "email {to:emails} that {body:message}",
    "tell {to:emails} by email {body:message}",
    "send {to:emails} a note saying {body:message}",
    "fire off an email to {to:emails} saying {body:message}",
    "shoot {to:emails} an email[:| saying] {body:message}",
    "message {to:emails} by email: {body:message}",
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
    "would you mind emailing {to:emails} [that|saying] {body:message}?",
    "can you make sure {to:emails} gets an email saying {body:message}",
    subject="",
)

# A contact's name in `to` (the executor resolves it, or asks): only where "email" or "mail"
# is said, since "message Tom" or "tell Tom" names no channel (near_miss.py people).
contacts = TemplateSet("email.send", "email.contacts", pools=EVERYDAY).imp(
    "email {to:contact} about {subject} saying {body:message}",
    "email {to:contact} with subject {subject} that {body:message}",
    "email {to:contact} with [the|] subject {subject} and [the|] body {body:message}",
    "send an email to {to:contact} about {subject} saying {body:message}",
    "mail {to:contact}, subject {subject}, body {body:message}",
    "send {to:contact} an email about {subject}: {body:message}",
    "shoot {to:contact} an email about {subject} saying {body:message}",
).imp(
    "email {to:contact} [saying|to say|and say|and tell them] {body:message}",
    "email {to:contact} that {body:message}",
    "send {to:contact} an email [saying|that says] {body:message}",
    "send an email to {to:contact} saying {body:message}",
    "mail {to:contact}: {body:message}",
    "drop {to:contact} an email saying {body:message}",
    "let {to:contact} know by email that {body:message}",
    subject="",
).imp(
    "email {to:contact} about {subject}",
    "send {to:contact} an email about {subject}",
    body="",
).ask(
    "can you email {to:contact} [saying|that] {body:message}[?|]",
    "could you send {to:contact} an email saying {body:message}[?|]",
    subject="",
)

# Several of the user's contacts: `to` is their names (or addresses) joined by `, ` in the order
# said ("bob and alice" -> "bob, alice"); the body is copied word for word, nothing added.
several = TemplateSet("email.send", "email.several", pools=EVERYDAY).imp(
    "email {to:contacts} [saying|to say|and say|that] {body:ebody}",
    "email {to:contacts} {body:ebody}",
    "send an email to {to:contacts} saying {body:ebody}",
    "send {to:contacts} an email [saying|that says] {body:ebody}",
    "mail {to:contacts}: {body:ebody}",
    "email {to:contact} {body:ebody}",
    "email {to:contact} [saying|that] {body:ebody}",
    "send {to:contact} an email [saying|that says] {body:ebody}",
    subject="",
).imp(
    "email {to:contacts} about {subject} saying {body:ebody}",
    "email {to:contacts} with subject {subject} and body {body:ebody}",
    "send an email to {to:contacts} about {subject}: {body:ebody}",
    "email {to:contact} about {subject} [saying|and say] {body:ebody}",
    "mail {to:contacts}, subject {subject}, body {body:ebody}",
).ask(
    "can you email {to:contacts} [saying|that] {body:ebody}[?|]",
    "could you send {to:contacts} an email saying {body:ebody}[?|]",
    "I need to email {to:contacts} that {body:ebody}",
    "let {to:contacts} know by email that {body:ebody}",
    "[alexa|hey google|ok kayas] email {to:contacts} {body:ebody}",
    subject="",
)

SETS = [send, contacts, several]
