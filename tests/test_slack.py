"""slack.* through the real slack_sdk WebClient, pointed at a local server speaking the API subset."""
from __future__ import annotations

import pytest

from kayas.registry import default_registry
from kayas.settings import MissingSettings
from kayas.tools.slack import SlackError, search_messages, send_message
from servers.base import serving
from servers.slack_api import SlackHandler, default_state


@pytest.fixture
def api(monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_USER_TOKEN", raising=False)
    with serving(SlackHandler, default_state()) as server:
        monkeypatch.setenv("KAYAS_SLACK_API_URL", f"{server.url}/api/")
        yield server


@pytest.fixture
def tokens(api, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-demo")
    monkeypatch.setenv("SLACK_USER_TOKEN", "xoxp-demo")
    return api


def test_post_to_a_channel_by_name_across_pages(tokens):
    out = send_message(channel="#design", text="the mockups are ready")  # on the 2nd page of the list
    assert out["channel"] == "#design" and out["channel_id"] == "C0DESIGN1" and out["ts"]
    last = tokens.state["messages"][-1]
    assert (last["channel"], last["text"]) == ("C0DESIGN1", "the mockups are ready")
    assert [m for m, _ in tokens.state["calls"]] == ["conversations.list", "conversations.list", "chat.postMessage"]


def test_an_id_and_a_bare_name_work_too(tokens):
    assert send_message(channel="C0GENERAL", text="hi")["channel_id"] == "C0GENERAL"
    assert send_message(channel="Random", text="hi")["channel_id"] == "C0RANDOM1"


def test_unknown_channel_lists_what_the_bot_sees(tokens):
    with pytest.raises(SlackError, match=r"no channel #desgin that the bot can see \(it sees #general, #random, #design"):
        send_message(channel="#desgin", text="x")


def test_channel_the_bot_is_not_in(tokens):
    with pytest.raises(SlackError, match=r"posting to #secret failed: the bot is not in that channel"):
        send_message(channel="#secret", text="x")


def test_search_with_the_user_token(tokens):
    send_message(channel="#general", text="Quarterly report is final")
    out = search_messages(query="quarterly report")
    assert out["total"] == 2
    assert [(m["channel"], m["user"]) for m in out["matches"]] == [("#general", "kayas"), ("#design", "maya")]
    assert out["matches"][1]["text"] == "the quarterly report draft is in the drive"
    assert out["matches"][1]["permalink"].startswith("https://example.slack.com/archives/C0DESIGN1/")


def test_search_with_a_bot_token_is_explained(tokens, monkeypatch):
    monkeypatch.setenv("SLACK_USER_TOKEN", "xoxb-demo")
    with pytest.raises(SlackError, match=r"searching Slack failed: this needs a user token \(SLACK_USER_TOKEN"):
        search_messages(query="lunch")


def test_rate_limit_is_honoured(tokens):
    tokens.state["ratelimit"] = 1
    assert send_message(channel="#general", text="after a pause")["channel_id"] == "C0GENERAL"
    (first, t0), (again, t1) = tokens.state["calls"][:2]
    assert first == again == "conversations.list"
    assert t1 - t0 >= 1.0  # waited for Retry-After: 1


def test_rate_limit_that_does_not_lift(tokens):
    tokens.state["ratelimit"] = 5
    with pytest.raises(SlackError, match="Slack is limiting requests"):
        send_message(channel="#general", text="x")


def test_missing_tokens_name_the_variables(api):
    with pytest.raises(MissingSettings, match="Slack is not configured: set SLACK_BOT_TOKEN in"):
        send_message(channel="#general", text="x")
    with pytest.raises(MissingSettings, match=r"set SLACK_USER_TOKEN in .*only with a user token"):
        search_messages(query="x")


def test_a_wrong_token(api, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-wrong")
    with pytest.raises(SlackError, match="listing the channels failed: Slack rejected the token"):
        send_message(channel="#general", text="x")


def test_unreachable_api(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-demo")
    monkeypatch.setenv("KAYAS_SLACK_API_URL", "http://127.0.0.1:9/api/")
    with pytest.raises(SlackError, match=r"listing the channels failed: cannot reach Slack"):
        send_message(channel="#general", text="x")


def test_through_the_registry(tokens):
    assert default_registry().get("slack.search_messages")(query="lunch")["matches"][0]["user"] == "sam"
