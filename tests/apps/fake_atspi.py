"""An in-memory accessibility bus that answers AT-SPI requests the way a toolkit's bridge does.

Used to test the AT-SPI backend's logic (matching, kinds, labels, errors) without a desktop.
Only the calls the backend makes are answered; anything else is a D-Bus error, as on a real bus.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kayas.eyes.atspi import STATES
from kayas.eyes.dbus import PROPERTIES, CallFailed, NoReply, Request

BASE_STATES = {"enabled", "sensitive", "showing", "visible"}


@dataclass
class Obj:
    role: str
    name: str = ""
    states: set[str] = field(default_factory=lambda: set(BASE_STATES))
    ifaces: list[str] = field(default_factory=lambda: ["Accessible", "Component"])
    children: list["Obj"] = field(default_factory=list)
    text: str = ""
    actions: list[tuple[str, str, str]] = field(default_factory=list)
    labelled_by: list["Obj"] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    description: str = ""
    path: str = ""
    bus: str = ""


def button(name: str, action: str = "Click", **kw: Any) -> Obj:
    return Obj("push button", name, ifaces=["Accessible", "Component", "Action"], actions=[(action, "", "")], **kw)


def entry(name: str = "", **kw: Any) -> Obj:
    ifaces = ["Accessible", "Component", "Text", "EditableText", "Action"]
    return Obj(kw.pop("role", "text"), name, ifaces=ifaces, actions=[("Activate", "", "")], **kw)


def label(name: str) -> Obj:
    return Obj("label", name, ifaces=["Accessible", "Component", "Text"], text=name)


def _descendants(obj: Obj) -> list[Obj]:
    return [d for c in obj.children for d in (c, *_descendants(c))]


def _bits(states: set[str]) -> list[int]:
    value = sum(1 << STATES.index(s) for s in states)
    return [value & 0xFFFFFFFF, value >> 32]


class FakeBus:
    """Applications by bus name, each a list of windows (Obj trees). Records what was done."""

    def __init__(self, apps: dict[str, tuple[str, list[Obj]]]):
        self.objects: dict[tuple[str, str], Obj] = {}
        self.apps: dict[str, Obj] = {}
        self.done: list[tuple[str, str, tuple]] = []  # (name, method, args)
        self.hung: set[str] = set()  # buses that never answer
        self.requests = 0
        self.methods: list[str] = []  # every method asked for, in order
        self.closed = False
        for bus, (app_name, windows) in apps.items():
            app = Obj("application", app_name, ifaces=["Accessible", "Application"], children=windows)
            self.apps[bus] = app
            self._index(bus, app, "/org/a11y/atspi/accessible/root")

    def _index(self, bus: str, obj: Obj, path: str | None = None) -> None:
        obj.bus, obj.path = bus, path or f"/org/a11y/atspi/accessible/{len(self.objects) + 1}"
        self.objects[(bus, obj.path)] = obj
        for child in obj.children:
            self._index(bus, child)

    def call_many(self, requests: Sequence[Request]) -> list[Any]:
        self.requests += len(requests)
        self.methods += [r.method for r in requests]
        if hung := {r.bus for r in requests} & self.hung:
            raise NoReply(hung, 5.0)
        return [self._answer(r) for r in requests]

    def _answer(self, r: Request) -> Any:
        if r.bus == "org.a11y.atspi.Registry":
            return ([(bus, app.path) for bus, app in self.apps.items()],)
        if r.bus == "org.freedesktop.DBus":
            return (1000 + list(self.apps).index(r.body[0]),) if r.body[0] in self.apps else self._fail(r)
        obj = self.objects.get((r.bus, r.path))
        if obj is None:
            return self._fail(r, "org.freedesktop.DBus.Error.UnknownObject")
        iface = r.body[0].rsplit(".", 1)[-1] if r.interface == PROPERTIES else r.interface.rsplit(".", 1)[-1]
        if iface not in obj.ifaces:
            return self._fail(r)
        method = r.method
        if method == "Get":
            return {"Name": obj.name, "Description": obj.description, "CaretOffset": len(obj.text)}[r.body[1]]
        if method == "GetAll":
            return {"Name": obj.name, "Description": obj.description, "Attributes": obj.attrs,
                    "ChildCount": len(obj.children)}
        answers = {
            "GetChildren": lambda: ([(c.bus, c.path) for c in obj.children],),
            "GetRoleName": lambda: (obj.role,),
            "GetState": lambda: (_bits(obj.states),),
            "GetInterfaces": lambda: ([f"org.a11y.atspi.{i}" for i in obj.ifaces],),
            "GetRelationSet": lambda: ([(2, [(o.bus, o.path) for o in obj.labelled_by])] if obj.labelled_by else [],),
            "GetExtents": lambda: ((1, 2, 30, 40),),
            "GetText": lambda: (obj.text,),
            "GetActions": lambda: (obj.actions,),
            "DoAction": lambda: self._do(obj, "DoAction", r.body),
            "SetTextContents": lambda: self._set(obj, r.body[0]),
            "InsertText": lambda: self._set(obj, obj.text[: r.body[0]] + r.body[1] + obj.text[r.body[0]:]),
            "SetCaretOffset": lambda: (True,),
            "GetMatches": lambda: ([(o.bus, o.path) for o in _descendants(obj) if r.body[0][6][0] in o.ifaces],),
        }
        return answers[method]() if method in answers else self._fail(r)

    def _do(self, obj: Obj, method: str, args: tuple) -> tuple:
        self.done.append((obj.name, method, args))
        return (True,)

    def _set(self, obj: Obj, text: str) -> tuple:
        if "editable" not in obj.states:
            return (False,)
        obj.text = text
        self.done.append((obj.name or obj.role, "SetText", (text,)))
        return (True,)

    @staticmethod
    def _fail(r: Request, name: str = "org.freedesktop.DBus.Error.UnknownMethod") -> CallFailed:
        return CallFailed(r, name, "no such thing")


def form_app() -> dict[str, tuple[str, list[Obj]]]:
    """Two apps: a sign-in form and an editor, enough to exercise every rule."""
    user_label, pass_label = label("_User name:"), label("Password:")
    user = entry(states=BASE_STATES | {"editable", "focusable", "focused"}, labelled_by=[user_label],
                 attrs={"placeholder-text": "you@example.org"})
    password = entry(role="password text", states=BASE_STATES | {"editable"}, labelled_by=[pass_label])
    sign_in = Obj("frame", "Sign In", ifaces=["Accessible", "Component", "Collection"], children=[Obj("panel", children=[
        user_label, user, pass_label, password, button("_OK"), button("&Cancel"), button("Save"),
        button("Save As…"), button("Help", states={"showing", "visible"}), label("status"),
    ])])
    notes = Obj("frame", "Notes - Editor", children=[  # no Collection: found by walking the tree
        entry("document", states=BASE_STATES | {"editable"}), button("Save", action="Press"),
    ])
    hidden = Obj("window", "tooltip", states={"enabled"})
    settings = Obj("frame", "Display Settings", children=[button("Apply")])
    return {":1.1": ("login", [sign_in, hidden]), ":1.2": ("editor", [notes, settings])}
