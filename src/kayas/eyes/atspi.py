"""The Linux backend: AT-SPI over D-Bus, without pyatspi or PyGObject.

Applications are the children of the registry's root object; their children are windows;
each control answers ``GetRoleName``, ``GetState``, ``GetInterfaces``, ``GetChildren`` and the
``Name`` property. A tree is read level by level, each level one pipelined batch, then one
more batch for the details (bounds, text, the labels and placeholders of fields).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kayas.eyes.base import Backend, Bounds, EyesConfig, EyesError, Node, Window
from kayas.eyes.dbus import CallFailed, NoReply, Request, Transport, get_all, prop

ACCESSIBLE = "org.a11y.atspi.Accessible"
ACTION = "org.a11y.atspi.Action"
COMPONENT = "org.a11y.atspi.Component"
TEXT = "org.a11y.atspi.Text"
EDITABLE = "org.a11y.atspi.EditableText"
COLLECTION = "org.a11y.atspi.Collection"
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")

# AtspiStateType, in enum order (at-spi2-core atspi-constants.h).
STATES = (
    "invalid active armed busy checked collapsed defunct editable enabled expandable expanded focusable "
    "focused has-tooltip horizontal iconified modal multi-line multiselectable opaque pressed resizable "
    "selectable selected sensitive showing single-line stale transient vertical visible manages-descendants "
    "indeterminate required truncated animated invalid-entry supports-autocompletion selectable-text "
    "is-default visited checkable has-popup read-only"
).split()
# Roles a person calls "a button": something they click that does one thing.
BUTTON_ROLES = {
    "push button", "toggle button", "check box", "radio button", "menu item", "check menu item",
    "radio menu item", "link", "page tab", "push button menu", "button",
}
# Action names differ between toolkits (GTK "Click", Qt "Press", others "click"/"activate").
PREFERRED_ACTIONS = ("click", "press", "activate", "invoke", "toggle", "jump", "select")
LABELLED_BY = 2  # AtspiRelationType
# Collection.GetMatches(rule, sort, count, traverse);
# rule = (states, match, attributes, match, roles, match, interfaces, match, invert)
MATCH_RULE = "(aiia{ss}iaiiasib)uib"
MATCH_ALL, SORT_CANONICAL = 1, 1


def decode_states(words: list[int] | tuple[int, ...]) -> list[str]:
    """The state names set in AT-SPI's bitfield of two 32-bit words."""
    bits = sum(int(w) << (32 * i) for i, w in enumerate(words))
    return [name for i, name in enumerate(STATES) if bits >> i & 1 and name != "invalid"]


def pick_action(actions: list[tuple[str, str, str]]) -> int:
    """The index of the action that means "press it", by name; else the first."""
    names = [a[0].casefold() for a in actions]
    for wanted in PREFERRED_ACTIONS:
        if wanted in names:
            return names.index(wanted)
    return 0


class AtspiBackend(Backend):
    """The Eyes on Linux. ``connect`` makes the transport, again after it was lost."""

    def __init__(self, connect: Callable[[], Transport], config: EyesConfig | None = None):
        super().__init__(config)
        self._connect = connect
        self._transport: Transport | None = None
        self._apps: dict[str, str] = {}  # bus name -> application name, to name who did not answer

    # --- requests ------------------------------------------------------------------------
    def _calls(self, requests: list[Request]) -> list[Any]:
        if self._transport is None or getattr(self._transport, "closed", False):
            self._transport = self._connect()
        try:
            return self._transport.call_many(requests)
        except NoReply as exc:
            who = ", ".join(sorted(f"'{self._apps.get(b, b)}'" for b in exc.buses))
            raise EyesError(
                f"{who} did not answer within {exc.timeout:g}s (the application may be busy or hung)") from None
        except OSError as exc:
            self._transport = None
            raise EyesError(f"lost the accessibility bus: {exc}") from None

    def _call(self, request: Request) -> Any:
        result = self._calls([request])[0]
        if isinstance(result, CallFailed):
            raise EyesError(f"the application refused: {result}")
        return result

    # --- windows -------------------------------------------------------------------------
    def _list_windows(self) -> list[Window]:
        reply = self._calls([Request(*REGISTRY, ACCESSIBLE, "GetChildren")])[0]
        if isinstance(reply, CallFailed):
            raise EyesError(f"the accessibility registry does not answer ({reply.name}); is at-spi2-registryd running?")
        apps = reply[0]
        asks: list[Request] = []
        for bus, path in apps:
            asks += [Request(bus, path, ACCESSIBLE, "GetChildren"), prop(bus, path, ACCESSIBLE, "Name"),
                     Request(*DBUS, "GetConnectionUnixProcessID", "s", (bus,))]
        replies = self._calls(asks)
        frames: list[tuple[str, str, str, int | None]] = []
        for i, (bus, _path) in enumerate(apps):
            children, name, pid = replies[3 * i: 3 * i + 3]
            if isinstance(children, CallFailed):
                continue  # an application that quit since the registry listed it
            app = "" if isinstance(name, CallFailed) else str(name)
            self._apps[bus] = app
            frames += [(cbus, cpath, app, None if isinstance(pid, CallFailed) else int(pid[0]))
                       for cbus, cpath in children[0]]
        asks = []
        for bus, path, _app, _pid in frames:
            asks += [prop(bus, path, ACCESSIBLE, "Name"), Request(bus, path, ACCESSIBLE, "GetRoleName"),
                     Request(bus, path, ACCESSIBLE, "GetState")]
        replies = self._calls(asks)
        windows = []
        for i, (bus, path, app, pid) in enumerate(frames):
            title, role, state = replies[3 * i: 3 * i + 3]
            if any(isinstance(r, CallFailed) for r in (title, role, state)):
                continue
            states = decode_states(state[0])
            if "visible" not in states and "iconified" not in states:
                continue  # hidden toplevels (menus, tooltips not shown)
            windows.append(Window(str(title), app, str(role[0]), pid, states, ref=(bus, path)))
        return windows

    def _details(self, window: Window) -> Window:
        bus, path = window.ref
        extents = self._calls([Request(bus, path, COMPONENT, "GetExtents", "u", (0,))])[0]
        if not isinstance(extents, CallFailed):
            window.bounds = Bounds(*extents[0])
        return window

    # --- trees ---------------------------------------------------------------------------
    def _tree(self, window: Window, detail: bool = True) -> Node:
        nodes: dict[tuple[str, str], Node] = {}
        interfaces: dict[tuple[str, str], list[str]] = {}
        root = window.ref
        level, parents = [root], {root: None}
        truncated = False
        while level:
            asks: list[Request] = []
            for bus, path in level:
                asks += [Request(bus, path, ACCESSIBLE, "GetRoleName"), get_all(bus, path, ACCESSIBLE),
                         Request(bus, path, ACCESSIBLE, "GetState"), Request(bus, path, ACCESSIBLE, "GetInterfaces"),
                         Request(bus, path, ACCESSIBLE, "GetChildren")]
            replies = self._calls(asks)
            next_level: list[tuple[str, str]] = []
            for i, ref in enumerate(level):
                role, props, state, ifaces, children = replies[5 * i: 5 * i + 5]
                if isinstance(role, CallFailed):
                    if ref == root:
                        self.forget_windows()
                        raise EyesError(f"window '{window.title}' is gone") from None
                    continue  # a control that vanished while we read
                node = nodes[ref] = _node(ref, role, props, state)
                interfaces[ref] = [] if isinstance(ifaces, CallFailed) else list(ifaces[0])
                if parents[ref] is not None:
                    nodes[parents[ref]].children.append(node)
                for child in [] if isinstance(children, CallFailed) else children[0]:
                    child = (str(child[0]), str(child[1]))
                    if child in parents or len(parents) >= self.config.max_nodes:
                        truncated = truncated or child not in parents
                        continue
                    parents[child] = ref
                    next_level.append(child)
            level = next_level
        self._fill_details(nodes, interfaces, detail)
        tree = nodes[root]
        if truncated:
            tree.states.append("truncated")
        return tree

    def _fill_details(self, nodes: dict[tuple[str, str], Node], interfaces: dict[tuple[str, str], list[str]],
                      detail: bool) -> None:
        """The kinds, the labels that name fields and (``detail``) bounds and text: one batch."""
        asks: list[tuple[tuple[str, str], str, Request]] = []
        for ref, node in nodes.items():
            bus, path = ref
            have = interfaces[ref]
            if EDITABLE in have and node.role != "label":
                node.kind = "field"
                asks.append((ref, "labels", Request(bus, path, ACCESSIBLE, "GetRelationSet")))
            elif ACTION in have and node.role in BUTTON_ROLES:
                node.kind = "button"
            if not detail:
                continue
            if COMPONENT in have:
                asks.append((ref, "bounds", Request(bus, path, COMPONENT, "GetExtents", "u", (0,))))
            if TEXT in have and node.role != "password text":
                asks.append((ref, "text", Request(bus, path, TEXT, "GetText", "ii", (0, -1))))
        replies = self._calls([a[2] for a in asks])
        for (ref, what, _req), reply in zip(asks, replies):
            if isinstance(reply, CallFailed):
                continue
            node = nodes[ref]
            if what == "bounds":
                node.bounds = Bounds(*reply[0])
            elif what == "text":
                node.text = str(reply[0])[: self.config.max_text]
            elif what == "labels":
                for kind, targets in reply[0]:
                    if kind == LABELLED_BY:
                        node.labels[:0] = [self._name_of(nodes, (str(b), str(p))) for b, p in targets]
        for node in nodes.values():
            node.labels = [label for label in dict.fromkeys(node.labels) if label]

    def _controls(self, window: Window, kind: str) -> list[Node]:
        """Buttons or fields found by the application itself (Collection.GetMatches): two batches, no walk."""
        bus, path = window.ref
        iface = "Action" if kind == "button" else "EditableText"
        rule = ([0, 0], MATCH_ALL, {}, MATCH_ALL, [0, 0, 0, 0], MATCH_ALL, [iface], MATCH_ALL, False)
        ask = Request(bus, path, COLLECTION, "GetMatches", MATCH_RULE, (rule, SORT_CANONICAL, 0, True))
        found = self._calls([ask])[0]
        if isinstance(found, CallFailed):
            return super()._controls(window, kind)  # a toolkit without Collection: walk the tree
        refs = [(str(b), str(p)) for b, p in found[0]][: self.config.max_nodes]
        asks: list[Request] = []
        for b, p in refs:
            asks += [Request(b, p, ACCESSIBLE, "GetRoleName"), get_all(b, p, ACCESSIBLE),
                     Request(b, p, ACCESSIBLE, "GetState")]
            if kind == "field":
                asks.append(Request(b, p, ACCESSIBLE, "GetRelationSet"))
        replies = self._calls(asks)
        step = 4 if kind == "field" else 3
        nodes, labelled_by = [], []
        for i, ref in enumerate(refs):
            role, props, state = replies[step * i: step * i + 3]
            if isinstance(role, CallFailed):
                continue
            node = _node(ref, role, props, state)
            if kind == "button" and node.role not in BUTTON_ROLES or kind == "field" and node.role == "label":
                continue
            node.kind = kind  # type: ignore[assignment]
            nodes.append(node)
            if kind == "field":
                relations = replies[step * i + 3]
                pairs = [] if isinstance(relations, CallFailed) else relations[0]
                labelled_by.append((node, [(str(b), str(p)) for k, ts in pairs if k == LABELLED_BY for b, p in ts]))
        label_refs = [ref for _, targets in labelled_by for ref in targets]
        names = dict(zip(label_refs, self._calls([prop(*ref, ACCESSIBLE, "Name") for ref in label_refs])))
        for node, targets in labelled_by:
            found = [str(names[t]) for t in targets if not isinstance(names[t], CallFailed)]
            node.labels = [label for label in dict.fromkeys(found + node.labels) if label]
        return nodes

    def _name_of(self, nodes: dict[tuple[str, str], Node], ref: tuple[str, str]) -> str:
        if ref in nodes:
            return nodes[ref].name
        reply = self._calls([prop(*ref, ACCESSIBLE, "Name")])[0]
        return "" if isinstance(reply, CallFailed) else str(reply)

    # --- actions -------------------------------------------------------------------------
    def _press(self, node: Node) -> str:
        bus, path = node.ref
        actions = list(self._call(Request(bus, path, ACTION, "GetActions"))[0])
        if not actions:
            raise EyesError(f"'{node.name}' offers no action to press")
        index = pick_action(actions)
        if not self._call(Request(bus, path, ACTION, "DoAction", "i", (index,)))[0]:
            raise EyesError(f"'{node.name}' refused its action '{actions[index][0]}'")
        return str(actions[index][0])

    def _set_text(self, node: Node, text: str, replace: bool) -> None:
        bus, path = node.ref
        if replace:
            done = self._call(Request(bus, path, EDITABLE, "SetTextContents", "s", (text,)))[0]
            caret = 0
        else:
            caret = max(int(self._call(prop(bus, path, TEXT, "CaretOffset"))), 0)  # length below is in bytes (ATK)
            done = self._call(Request(bus, path, EDITABLE, "InsertText", "isi", (caret, text, len(text.encode()))))[0]
        if done:  # leave the caret after the text, as typing would
            self._calls([Request(bus, path, TEXT, "SetCaretOffset", "i", (caret + len(text),))])
        if not done:
            raise EyesError(f"the field '{node.names()[0] if node.names() else node.role}' refused the text")

    def _read_text(self, node: Node) -> str:
        bus, path = node.ref
        return str(self._call(Request(bus, path, TEXT, "GetText", "ii", (0, -1)))[0])

    def _close(self, window: Window) -> None:
        from kayas.eyes.x11 import close_x11_window

        close_x11_window(window.title, window.pid)

    def _capture(self, window: Window | None) -> Any:
        from kayas.eyes.x11 import capture_x11

        return capture_x11(window.title if window else None, window.pid if window else None)


def _node(ref: tuple[str, str], role: Any, props: Any, state: Any) -> Node:
    """A Node from the replies to GetRoleName, Properties.GetAll and GetState (a failed one reads as empty)."""
    props = {} if isinstance(props, CallFailed) else props
    words = [0, 0] if isinstance(state, CallFailed) else state[0]
    node = Node(role=str(role[0]), name=str(props.get("Name", "")), states=decode_states(words),
                description=str(props.get("Description", "")), ref=ref)
    placeholder = dict(props.get("Attributes", {})).get("placeholder-text")
    if placeholder:
        node.labels.append(str(placeholder))
    return node
