"""The AT-SPI backend's logic on a fake bus: windows, trees, kinds, labels, actions, caching, errors."""
import pytest

from apps.fake_atspi import FakeBus, form_app
from kayas.eyes import Ambiguous, EyesConfig, EyesError, NotFound
from kayas.eyes.atspi import AtspiBackend, decode_states, pick_action


@pytest.fixture
def bus():
    return FakeBus(form_app())


@pytest.fixture
def eyes(bus):
    return AtspiBackend(lambda: bus, EyesConfig(window_cache_s=60, wait_s=0))


def test_windows_are_the_visible_toplevels_with_app_and_pid(eyes):
    windows = eyes.windows()
    assert [(w.title, w.app, w.pid) for w in windows] == [
        ("Sign In", "login", 1000), ("Notes - Editor", "editor", 1001), ("Display Settings", "editor", 1001)]
    assert "visible" in windows[0].states  # the hidden tooltip window is left out


def test_find_window_forgives_and_lists_when_missing(eyes):
    assert eyes.find_window("sign in").title == "Sign In"
    assert eyes.find_window("notes").title == "Notes - Editor"
    assert eyes.find_window("display").title == "Display Settings"
    with pytest.raises(NotFound, match="no window 'Calculator' open; windows open: 'Sign In', 'Notes - Editor', 'Display"):
        eyes.find_window("Calculator")
    with pytest.raises(EyesError, match="a window title is needed"):
        eyes.find_window(" ")


def test_window_info_says_open_or_not(eyes):
    info = eyes.window_info("sign")
    assert info["open"] is True and info["title"] == "Sign In" and info["bounds"] == {
        "x": 1, "y": 2, "width": 30, "height": 40}
    missing = eyes.window_info("Calculator")
    assert missing == {"open": False, "title": "Calculator",
                       "open_windows": ["Sign In", "Notes - Editor", "Display Settings"]}


def test_tree_has_roles_kinds_labels_text_and_bounds(eyes):
    tree = eyes.control_tree("Sign In")
    nodes = list(tree.walk())
    assert tree.role == "frame" and tree.name == "Sign In"
    user = next(n for n in nodes if n.kind == "field" and n.role == "text")
    assert user.labels == ["_User name:", "you@example.org"] and user.focused
    password = next(n for n in nodes if n.role == "password text")
    assert password.text is None  # a password's text is never read
    assert [n.name for n in nodes if n.kind == "button"] == ["_OK", "&Cancel", "Save", "Save As…", "Help"]
    data = tree.as_dict()
    assert data["children"][0]["children"][0] == {
        "role": "label", "name": "_User name:", "states": ["enabled", "sensitive", "showing", "visible"],
        "bounds": {"x": 1, "y": 2, "width": 30, "height": 40}, "text": "_User name:", "children": []}


def test_click_button_does_the_preferred_action(eyes, bus):
    assert eyes.click_button("Sign In", "ok") == {"window": "Sign In", "button": "_OK", "action": "Click"}
    assert eyes.click_button("notes", "save") == {"window": "Notes - Editor", "button": "Save", "action": "Press"}
    assert bus.done == [("_OK", "DoAction", (0,)), ("Save", "DoAction", (0,))]


def test_buttons_and_fields_are_found_by_the_app_where_it_can(eyes, bus):
    eyes.windows()
    bus.methods.clear()
    eyes.click_button("Sign In", "cancel")
    assert "GetMatches" in bus.methods and "GetChildren" not in bus.methods  # no walk
    bus.methods.clear()
    eyes.type_text("Sign In", "x", "user")
    assert "GetMatches" in bus.methods and "GetChildren" not in bus.methods
    bus.methods.clear()
    eyes.click_button("Notes", "save")  # this window has no Collection interface: walk its tree
    assert "GetChildren" in bus.methods


def test_click_errors_name_the_buttons(eyes, bus):
    with pytest.raises(Ambiguous, match="'sav' matches 2 buttons in 'Sign In': 'Save', 'Save As…'"):
        eyes.click_button("Sign In", "sav")
    with pytest.raises(NotFound, match="no button 'Submit' in 'Sign In'; buttons in 'Sign In': '_OK', '&Cancel'"):
        eyes.click_button("Sign In", "Submit")
    with pytest.raises(EyesError, match="button 'Help' in 'Sign In' is disabled"):
        eyes.click_button("Sign In", "help")
    assert bus.done == []


def test_type_into_a_field_by_label_placeholder_or_focus(eyes, bus):
    assert eyes.type_text("Sign In", "ada", "user name") == {"window": "Sign In", "field": "_User name:", "text": "ada"}
    assert eyes.type_text("Sign In", "grace", "you@example") == {
        "window": "Sign In", "field": "_User name:", "text": "grace"}
    # the focused field: inserted at the caret (here: the end), as typing would
    assert eyes.type_text("Sign In", " hopper")["text"] == "grace hopper"
    assert eyes.type_text("Sign In", "hunter2", "password") == {"window": "Sign In", "field": "Password:", "chars": 7}
    assert bus.objects[next(k for k, o in bus.objects.items() if o.role == "password text")].text == "hunter2"


def test_type_errors(eyes, bus):
    with pytest.raises(NotFound, match="no field 'Email' in 'Sign In'; fields in 'Sign In': '_User name:', 'Password:'"):
        eyes.type_text("Sign In", "x", "Email")
    with pytest.raises(EyesError, match="no field has the keyboard focus in 'Display Settings'; name one of: none"):
        eyes.type_text("Display Settings", "x")

    document = next(o for o in bus.objects.values() if o.name == "document")
    document.states.discard("editable")  # the app says no, as a real one may
    with pytest.raises(EyesError, match="^the field 'document' refused the text$"):
        eyes.type_text("Notes", "x", "document")
    document.states.add("read-only")
    with pytest.raises(EyesError, match="^field 'document' in 'Notes - Editor' does not take text"):
        eyes.type_text("Notes", "x", "document")


def test_window_list_is_cached_and_a_miss_reads_it_again(eyes, bus):
    eyes.windows()
    before = bus.requests
    eyes.find_window("Sign In")
    assert bus.requests == before  # served from the cache
    bus.apps[":1.1"].children[0].name = "Signed In"  # the title changed behind our back
    assert eyes.find_window("Signed").title == "Signed In"  # the miss refreshed the list
    assert bus.requests > before


def test_a_hung_application_is_named(eyes, bus):
    eyes.windows()
    bus.hung.add(":1.2")
    with pytest.raises(EyesError, match=r"'editor' did not answer within 5s \(the application may be busy or hung\)"):
        eyes.control_tree("Notes")


def test_a_vanished_window_is_reported(eyes, bus):
    window = eyes.find_window("Display")
    del bus.objects[window.ref]
    with pytest.raises(EyesError, match="window 'Display Settings' is gone"):
        eyes.control_tree("Display")


def test_states_and_actions_decode():
    assert decode_states([1 << 12 | 1 << 24, 1 << (43 - 32)]) == ["focused", "sensitive", "read-only"]
    assert pick_action([("Activate", "", ""), ("Press", "", "")]) == 1
    assert pick_action([("frobnicate", "", "")]) == 0


def test_config_from_env(monkeypatch):
    monkeypatch.setenv("KAYAS_EYES_TIMEOUT_S", "0.5")
    monkeypatch.setenv("KAYAS_EYES_MAX_NODES", "10")
    cfg = EyesConfig.from_env()
    assert cfg.timeout_s == 0.5 and cfg.max_nodes == 10
    monkeypatch.setenv("KAYAS_EYES_MAX_NODES", "lots")
    with pytest.raises(EyesError, match="KAYAS_EYES_MAX_NODES must be a number of at least 0, got 'lots'"):
        EyesConfig.from_env()


def test_max_nodes_truncates(bus):
    eyes = AtspiBackend(lambda: bus, EyesConfig(max_nodes=3, wait_s=0))
    tree = eyes.control_tree("Sign In")
    assert len(list(tree.walk())) == 3 and "truncated" in tree.states
