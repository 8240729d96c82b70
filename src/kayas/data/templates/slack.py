"""Slack: post to `#channel` (the text without `that`/quotes) vs search the history."""
from kayas.data.spec import TemplateSet

send = TemplateSet("slack.send_message").imp(
    "tell {channel} that {text:message}",
    "let {channel} know {text:message}",
    "post {text:message} in {channel}",
    "send {text:message} to {channel}",
    "message {channel}: {text:message}",
    "slack {channel} {text:message}",
    "post in {channel}: {text:message}",
    "say {text:message} in {channel}",
    "write {text:message} in the {channel} channel",
    "send a slack message to {channel} saying {text:message}",
    "on slack, tell {channel} {text:message}",
    "drop a note in {channel}: {text:message}",
    "ping {channel} that {text:message}",
    "announce in {channel} that {text:message}",
    "post to {channel} on slack: {text:message}",
    "let everyone in {channel} know that {text:message}",
    "update {channel}: {text:message}",
    "tell the {channel} channel {text:message}",
    "send to {channel} on slack: {text:message}",
    "slack the {channel} channel that {text:message}",
    "post a message in {channel} saying {text:message}",
).ask(
    "I need to let {channel} know {text:message}",
    "{channel} needs to know that {text:message}",
    "I want to post {text:message} in {channel}",
    "can you tell {channel} {text:message}?",
)

search = TemplateSet("slack.search_messages").imp(
    "search slack for {query:slackq}",
    "find messages about {query:slackq} in slack",
    "look up {query:slackq} in slack",
    "search my slack messages for {query:slackq}",
    "slack search {query:slackq}",
    "find the slack thread about {query:slackq}",
    "search slack history for {query:slackq}",
    "dig up the slack conversation about {query:slackq}",
    "check slack for {query:slackq}",
    "find {query:slackq} in slack",
    "look through slack for {query:slackq}",
    "search the slack messages about {query:slackq}",
    "pull up slack messages mentioning {query:slackq}",
).ask(
    "what did people say about {query:slackq} on slack[?|]",
    "any slack messages mentioning {query:slackq}?",
    "who talked about {query:slackq} in slack[?|]",
    "was {query:slackq} discussed on slack[?|]",
    "what's on slack about {query:slackq}[?|]",
)

SETS = [send, search]
