"""The copy bias's candidates: tokens that go on copying the user's words, word-aligned."""
from __future__ import annotations

from kayas.brain.copying import CopyBias

VOCAB = [b"ref", b"refund", b"und", b"u", b" request", b" req", b"cheap", b"est", b"e", b"+", b"flights", b"email", b"x", b'"', b"wide"]
TOK = {b: i for i, b in enumerate(VOCAB)}
BIAS = CopyBias(VOCAB)


def names(ids):
    return sorted(VOCAB[i] for i in ids)


def test_a_value_goes_on_with_the_command_bytes_after_its_last_words():
    cmd = b"email a@b.co, subject refund request, body it broke"
    out = b'[{"tool":"email.send","args":{"to":"a@b.co","subject":"ref'
    assert names(BIAS.candidates(out, cmd)) == [b"u", b"und"]
    out = b'[{"tool":"email.send","args":{"to":"a@b.co","subject":"refund'
    assert names(BIAS.candidates(out, cmd)) == [b" req", b" request"]


def test_at_a_word_start_every_word_of_the_command_is_a_candidate():
    cmd = b"subject refund request"
    got = names(BIAS.candidates(b'[{"tool":"email.send","args":{"subject":"', cmd))
    assert b"refund" in got and b"ref" in got and b"und" not in got  # not from inside a word


def test_a_word_the_command_lacks_gets_no_bias():
    assert BIAS.candidates(b'[{"tool":"email.send","args":{"subject":"wide', b"subject refund request") == []


def test_search_urls_join_words_with_plus():
    cmd = b"google cheapest flights to lisbon"
    url = b'[{"tool":"browser.run_steps","args":{"steps":[{"action":"goto","args":{"url":"https://www.google.com/search?q='
    assert names(BIAS.candidates(url + b"cheap", cmd)) == [b"e", b"est"]
    assert b"flights" in names(BIAS.candidates(url + b"cheapest+", cmd))


def test_tool_and_action_names_and_the_outside_of_strings_are_left_alone():
    cmd = b"email bob"
    assert BIAS.candidates(b'[{"tool":"', cmd) == []
    assert BIAS.candidates(b'[{"tool":"browser.run_steps","args":{"steps":[{"action":"', cmd) == []
    assert BIAS.candidates(b'[{"tool":"email.send","args":{"to":"bob"', cmd) == []  # string closed
