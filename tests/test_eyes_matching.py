"""Forgiving matching: case, accelerators, prefixes, substrings, ambiguity, and what the errors list."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kayas.eyes.matching import Ambiguous, NotFound, match, normalize

BUTTONS = ["_OK", "&Cancel", "Save", "Save As…", "Apply Changes", "Help"]


def pick(query, names=BUTTONS, **kw):
    return match(query, names, lambda n: [n], what="button", where="in 'Dialog'", **kw)


@pytest.mark.parametrize("query, expected", [
    ("ok", "_OK"), ("OK", "_OK"), ("_ok", "_OK"), ("cancel", "&Cancel"), ("&Cancel", "&Cancel"),
    ("save", "Save"),  # exact beats the prefix of "Save As…"
    ("save as", "Save As…"), ("Save As...", "Save As…"), ("save  as", "Save As…"),
    ("apply", "Apply Changes"),  # unique prefix
    ("changes", "Apply Changes"),  # unique substring
    ("hel", "Help"),
])
def test_match_forgives_like_people(query, expected):
    assert pick(query) == expected


def test_ambiguous_prefix_lists_the_candidates():
    with pytest.raises(Ambiguous) as err:
        pick("sa")
    assert str(err.value) == "'sa' matches 2 buttons in 'Dialog': 'Save', 'Save As…'; say which"
    assert err.value.names == ["Save", "Save As…"]


def test_not_found_lists_what_is_there():
    with pytest.raises(NotFound) as err:
        pick("Submit")
    assert str(err.value).startswith("no button 'Submit' in 'Dialog'; buttons in 'Dialog': '_OK', '&Cancel', 'Save'")
    assert err.value.names == BUTTONS


def test_empty_query_is_not_a_match():
    with pytest.raises(NotFound, match="no button name given"):
        pick("  ")


def test_prefer_breaks_a_tie_only_when_one_passes():
    items = [("Save", False), ("Save", True)]
    assert match("save", items, lambda i: [i[0]], prefer=lambda i: i[1]) == ("Save", True)
    with pytest.raises(Ambiguous):
        match("save", items, lambda i: [i[0]], prefer=lambda i: True)


def test_any_of_several_names_matches_and_the_first_is_shown():
    fields = [("", "User name:", "you@example.org"), ("", "Password:", "")]
    assert match("you@ex", fields, lambda f: f) == fields[0]
    with pytest.raises(NotFound) as err:
        match("email", fields, lambda f: f, what="field")
    assert err.value.names == ["User name:", "Password:"]


def test_long_listings_are_cut():
    names = [f"Button {i}" for i in range(30)]
    with pytest.raises(NotFound) as err:
        match("zzz", names, lambda n: [n])
    assert str(err.value).endswith("and 10 more")


@pytest.mark.parametrize("raw, norm", [("_File", "file"), ("&Open…", "open"), ("  Name: ", "name"), ("A  B", "a b")])
def test_normalize(raw, norm):
    assert normalize(raw) == norm


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=8, unique=True), st.data())
def test_every_name_finds_itself_or_says_why(names, data):
    """A candidate's own name finds it, unless another has the same normal form (then: ambiguous)."""
    name = data.draw(st.sampled_from(names))
    twins = [n for n in names if normalize(n) == normalize(name)]
    try:
        found = match(name, names, lambda n: [n])
    except Ambiguous as exc:
        assert len(twins) > 1 and set(twins) <= set(exc.names)
    except NotFound:
        assert not normalize(name)  # only a name with nothing left after normalising is not found
    else:
        assert normalize(found) == normalize(name)
