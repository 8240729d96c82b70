"""The Windows (UI Automation) backend's pure parts, on a fake `uiautomation` module.

The real backend is untested on Windows (none here); these check its mapping and its choice
of patterns, which is all the logic it has.
"""
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from kayas.eyes import EyesConfig, EyesError, NotFound, make_backend
from kayas.eyes.windows_uia import UiaBackend, escape_keys


@dataclass
class Pattern:
    log: list
    name: str
    value: str = ""

    def Invoke(self): self.log.append((self.name, "Invoke"))
    def Toggle(self): self.log.append((self.name, "Toggle"))
    def SetValue(self, v):
        self.value = v
        self.log.append((self.name, "SetValue", v))
    def Close(self): self.log.append((self.name, "Close"))

    @property
    def Value(self): return self.value


@dataclass
class Control:
    ControlTypeName: str
    Name: str = ""
    children: list = field(default_factory=list)
    patterns: dict = field(default_factory=dict)
    IsEnabled: bool = True
    HasKeyboardFocus: bool = False
    IsOffscreen: bool = False
    IsPassword: bool = False
    AutomationId: str = ""
    ProcessId: int = 4242
    NativeWindowHandle: int = 0
    BoundingRectangle: Any = field(default_factory=lambda: SimpleNamespace(left=10, top=20, right=110, bottom=70))
    typed: list = field(default_factory=list)

    def GetChildren(self): return list(self.children)
    def SendKeys(self, text, waitTime=0): self.typed.append(text)
    def _p(self, kind): return self.patterns.get(kind)
    def GetInvokePattern(self): return self._p("invoke")
    def GetTogglePattern(self): return self._p("toggle")
    def GetSelectionItemPattern(self): return self._p("select")
    def GetLegacyIAccessiblePattern(self): return self._p("legacy")
    def GetValuePattern(self): return self._p("value")
    def GetWindowPattern(self): return self._p("window")


@pytest.fixture
def desk():
    log: list = []
    name = Control("EditControl", "File name:", patterns={"value": Pattern(log, "File name:", "old")})
    password = Control("EditControl", "Password", IsPassword=True, patterns={"value": Pattern(log, "Password")})
    doc = Control("DocumentControl", "Text editor", HasKeyboardFocus=True, patterns={"value": Pattern(log, "doc")})
    ok = Control("ButtonControl", "&OK", patterns={"invoke": Pattern(log, "OK")})
    wrap = Control("CheckBoxControl", "Word wrap", patterns={"toggle": Pattern(log, "Word wrap")})
    save = Control("WindowControl", "Save As", [name, password, ok, wrap], NativeWindowHandle=11,
                   patterns={"window": Pattern(log, "Save As")})
    notepad = Control("WindowControl", "Untitled - Notepad", [doc], NativeWindowHandle=12)
    taskbar = Control("PaneControl", "", NativeWindowHandle=13)
    root = Control("PaneControl", "Desktop", [save, notepad, taskbar])

    def from_handle(h):
        return next((c for c in root.children if c.NativeWindowHandle == h), None)

    auto = SimpleNamespace(GetRootControl=lambda: root, ControlFromHandle=from_handle)
    eyes = UiaBackend(auto, EyesConfig(close_wait_s=0.2, wait_s=0))
    return SimpleNamespace(eyes=eyes, log=log, root=root, save=save, doc=doc)


def test_windows_and_tree(desk):
    assert [(w.title, w.pid, w.ref) for w in desk.eyes.windows()] == [
        ("Save As", 4242, 11), ("Untitled - Notepad", 4242, 12)]
    tree = desk.eyes.control_tree("save as")
    assert [(n.role, n.kind) for n in tree.walk()] == [
        ("window", "other"), ("edit", "field"), ("password text", "field"), ("button", "button"),
        ("checkbox", "button")]
    assert tree.as_dict()["bounds"] == {"x": 10, "y": 20, "width": 100, "height": 50}
    assert desk.eyes.window_info("notepad")["bounds"] == {"x": 10, "y": 20, "width": 100, "height": 50}


def test_click_uses_invoke_then_toggle(desk):
    assert desk.eyes.click_button("Save As", "ok")["action"] == "Invoke"
    assert desk.eyes.click_button("Save As", "word")["action"] == "Toggle"
    assert desk.log == [("OK", "Invoke"), ("Word wrap", "Toggle")]
    with pytest.raises(NotFound, match="buttons in 'Save As': '&OK', 'Word wrap'"):
        desk.eyes.click_button("Save As", "Cancel")


def test_type_sets_value_or_types_keys_into_the_focused_field(desk):
    assert desk.eyes.type_text("Save As", "notes.txt", "file name") == {
        "window": "Save As", "field": "File name:", "text": "notes.txt"}
    assert desk.eyes.type_text("Save As", "s3cret", "password") == {"window": "Save As", "field": "Password", "chars": 6}
    desk.eyes.type_text("notepad", "a {b}")
    assert desk.doc.typed == ["a {{}b{}}"]


def test_close_uses_the_window_pattern_and_waits_until_gone(desk):
    def close():
        desk.log.append(("Save As", "Close"))
        desk.root.children.remove(desk.save)

    desk.save.patterns["window"].Close = close
    assert desk.eyes.close_window("save") == {"window": "Save As", "closed": True}
    assert [w.title for w in desk.eyes.windows(refresh=True)] == ["Untitled - Notepad"]


def test_a_window_that_stays_open_is_an_error(desk):
    with pytest.raises(EyesError, match="asked 'Save As' to close, but it is still open after 0.2s"):
        desk.eyes.close_window("save")


def test_keys_are_escaped():
    assert escape_keys("{Enter}") == "{{}Enter{}}"


def test_factory_picks_by_platform():
    assert type(make_backend("linux")).__name__ == "AtspiBackend"
    with pytest.raises(EyesError, match="uiautomation"):
        make_backend("win32")  # the package installs only on Windows
    with pytest.raises(EyesError, match="no backend for darwin"):
        make_backend("darwin")
