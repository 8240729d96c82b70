"""The Eyes' one interface: windows and their controls as data, and the few actions on them.

A backend (AT-SPI on Linux, UI Automation on Windows) supplies five primitives: the open
windows, a window's control tree, pressing a control, setting a field's text, closing a
window; and, optionally, a sixth: capturing the screen or a window's pixels. Everything people ask for (find the window called X, click the button called Y,
type into the field labelled Z) is built once here on top of them, with the forgiving
matching of ``kayas.eyes.matching``, so both backends behave alike.
"""
from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from kayas.config import setting
from kayas.errors import KayasError
from kayas.eyes.matching import NotFound, match

Kind = Literal["button", "field", "other"]
T = TypeVar("T")
PASSWORD_ROLE = "password text"  # both backends give password fields this role; their text is never read


class EyesError(KayasError):
    """The accessibility API cannot be reached, or did not do what was asked."""


class NotReady(EyesError):
    """The control is there but cannot be used yet (disabled, or no field focused): worth waiting for."""


@dataclass(frozen=True)
class EyesConfig:
    """How long to wait and how much to read; `KAYAS_EYES_<NAME>` overrides each field."""

    timeout_s: float = 5.0  # one batch of requests to an application
    window_cache_s: float = 2.0  # reuse the window list this long (the calls of one plan)
    close_wait_s: float = 5.0  # how long a closed window may take to disappear
    wait_s: float = 5.0  # how long a call waits for a window or control that is still appearing (or still disabled)
    poll_s: float = 0.1  # how often it looks again meanwhile
    max_nodes: int = 5000  # stop a tree walk here (browsers expose huge trees)
    max_text: int = 2000  # characters of a control's text kept in the tree

    @classmethod
    def from_env(cls) -> EyesConfig:
        values: dict[str, Any] = {}
        for name, f in cls.__dataclass_fields__.items():
            raw = setting(f"KAYAS_EYES_{name.upper()}")
            if raw is None:
                continue
            kind = float if f.type in ("float", float) else int
            try:
                values[name] = kind(raw)
            except ValueError:
                values[name] = -1
            if not values[name] >= 0:  # NaN too
                raise EyesError(f"KAYAS_EYES_{name.upper()} must be a number of at least 0, got {raw!r}") from None
        return cls(**values)


@dataclass(frozen=True)
class Bounds:
    x: int
    y: int
    width: int
    height: int

    def as_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}


@dataclass
class Node:
    """One control. ``ref`` is the backend's handle; ``labels`` are other names a field goes by."""

    role: str
    name: str
    kind: Kind = "other"
    states: list[str] = field(default_factory=list)
    bounds: Bounds | None = None
    text: str | None = None
    description: str = ""
    labels: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    ref: Any = None

    @property
    def enabled(self) -> bool:
        return "enabled" in self.states or "sensitive" in self.states

    @property
    def focused(self) -> bool:
        return "focused" in self.states

    def names(self) -> list[str]:
        """Every name the user may call this control by, the shown one first."""
        return [n for n in (self.name, *self.labels, self.description) if n]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "name": self.name, "states": self.states}
        out["bounds"] = self.bounds.as_dict() if self.bounds else None
        if self.text is not None:
            out["text"] = self.text
        if self.description:
            out["description"] = self.description
        if self.labels:
            out["labels"] = self.labels
        out["children"] = [c.as_dict() for c in self.children]
        return out


@dataclass
class Window:
    """An open top-level window, as the window list shows it."""

    title: str
    app: str
    role: str = "frame"
    pid: int | None = None
    states: list[str] = field(default_factory=list)
    bounds: Bounds | None = None
    ref: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "app": self.app,
            "pid": self.pid,
            "role": self.role,
            "states": self.states,
            "bounds": self.bounds.as_dict() if self.bounds else None,
        }


def _shown(title: str) -> str:
    return title or "(untitled)"


class Backend(ABC):
    """The primitives a platform supplies, and the user-level actions built on them."""

    def __init__(self, config: EyesConfig | None = None) -> None:
        self.config = config or EyesConfig.from_env()
        self._windows: list[Window] | None = None
        self._windows_at = 0.0
        self._deadline: float | None = None  # while a call waits: when its wait is over

    # --- primitives -------------------------------------------------------------------
    @abstractmethod
    def _list_windows(self) -> list[Window]:
        """Read the open windows from the platform (uncached)."""

    @abstractmethod
    def _tree(self, window: Window, detail: bool = True) -> Node:
        """The window's control tree with kinds set (button / field / other); bounds and text if ``detail``."""

    @abstractmethod
    def _press(self, node: Node) -> str:
        """Activate a button-like control; return the action's name."""

    @abstractmethod
    def _set_text(self, node: Node, text: str, replace: bool) -> None:
        """Replace a field's text, or insert at its caret (``replace=False``)."""

    @abstractmethod
    def _read_text(self, node: Node) -> str:
        """A field's text as it is now."""

    @abstractmethod
    def _close(self, window: Window) -> None:
        """Ask the window to close, as its close button would."""

    def _capture(self, window: Window | None) -> Any:
        """The screen (``None``) or the window as it shows on screen, as a Pillow RGB image."""
        raise EyesError(f"{type(self).__name__} cannot take screenshots")

    def _controls(self, window: Window, kind: Kind) -> list[Node]:
        """The window's buttons or fields, in tree order (a backend may find them faster than a walk)."""
        return [n for n in self._tree(window, detail=False).walk() if n.kind == kind]

    def _details(self, window: Window) -> Window:
        """The window with its bounds filled (one more request, only when asked)."""
        return window

    # --- the window list, cached for the calls of one plan ---------------------------
    def windows(self, refresh: bool = False) -> list[Window]:
        fresh = time.monotonic() - self._windows_at < self.config.window_cache_s
        if refresh or self._windows is None or not fresh:
            self._windows = self._list_windows()
            self._windows_at = time.monotonic()
        return self._windows

    def forget_windows(self) -> None:
        self._windows = None

    def find_window(self, title: str, wait: bool = True) -> Window:
        """The one open window the title names; a miss in the cached list reads the list again, and
        (``wait``) again every ``poll_s`` for up to ``wait_s``: a program just started opens its window late."""
        if not title.strip():
            raise EyesError("a window title is needed; open windows: " + self._titles())
        try:
            return self._match_window(title, self.windows())
        except NotFound:
            if not wait:
                return self._match_window(title, self.windows(refresh=True))
            return self._waiting(lambda: self._match_window(title, self.windows(refresh=True)))

    def _waiting(self, attempt: Callable[[], T]) -> T:
        """``attempt()`` until it stops raising NotFound or NotReady, or ``wait_s`` is over (then its last error).

        One budget for the whole call: a window that takes 2 s leaves 3 s of the 5 for its button."""
        deadline = self._deadline if self._deadline is not None else time.monotonic() + self.config.wait_s
        outer, self._deadline = self._deadline is None, deadline
        try:
            while True:
                try:
                    return attempt()
                except (NotFound, NotReady):
                    if time.monotonic() + self.config.poll_s > deadline:
                        raise
                    time.sleep(self.config.poll_s)
        finally:
            if outer:
                self._deadline = None

    def _match_window(self, title: str, windows: list[Window]) -> Window:
        return match(title, windows, lambda w: [w.title], what="window", where="open")

    def _titles(self) -> str:
        titles = [_shown(w.title) for w in self.windows(refresh=True)]
        return ", ".join(repr(t) for t in titles) if titles else "none"

    # --- what the uia.* tools call ----------------------------------------------------
    def window_info(self, title: str) -> dict[str, Any]:
        try:
            window = self.find_window(title, wait=False)  # "is it open?" is answered now, not in 5 s
        except NotFound as exc:
            return {"open": False, "title": title, "open_windows": exc.names}
        return {"open": True, **self._details(window).as_dict()}

    def control_tree(self, title: str) -> Node:
        return self._tree(self.find_window(title))

    def click_button(self, title: str, button_text: str) -> dict[str, Any]:
        def ready() -> tuple[Window, Node]:
            window = self.find_window(title)
            buttons = self._controls(window, "button")
            button = match(button_text, buttons, Node.names, what="button", where=f"in '{_shown(window.title)}'",
                           prefer=lambda n: n.enabled)
            if not button.enabled:
                raise NotReady(f"button '{button.name}' in '{_shown(window.title)}' is disabled"
                               f"{self._waited()}")
            return window, button

        window, button = self._waiting(ready)
        action = self._press(button)
        return {"window": window.title, "button": button.name, "action": action}

    def _waited(self) -> str:
        return f" (waited {self.config.wait_s:g}s)" if self.config.wait_s > 0 else ""

    def type_text(self, title: str, text: str, field: str = "") -> dict[str, Any]:
        def ready() -> tuple[Window, Node, str]:
            window = self.find_window(title)
            where = f"in '{_shown(window.title)}'"
            fields = self._controls(window, "field")
            if field:
                target = match(field, fields, Node.names, what="field", where=where, prefer=lambda n: n.enabled)
            else:
                focused = [n for n in fields if n.focused]
                if not focused:
                    names = sorted({n.names()[0] for n in fields if n.names()})
                    listed = ", ".join(repr(n) for n in names) if names else "none"
                    raise NotReady(f"no field has the keyboard focus {where}; name one of: {listed}")
                target = focused[0]
            shown = target.names()[0] if target.names() else target.role
            if not target.enabled or "read-only" in target.states:
                raise NotReady(f"field '{shown}' {where} does not take text (disabled or read-only){self._waited()}")
            return window, target, shown

        window, target, shown = self._waiting(ready)
        self._set_text(target, text, replace=bool(field))
        result: dict[str, Any] = {"window": window.title, "field": shown}
        if target.role == PASSWORD_ROLE:
            result["chars"] = len(text)  # never echo a password back
        else:
            result["text"] = self._read_text(target)
        return result

    def screenshot(self, title: str = "") -> tuple[Any, str | None]:
        """The screen, or the window the title names (``""``: the whole screen), as (image, window title)."""
        window = self.find_window(title) if title.strip() else None
        return self._capture(window), window.title if window else None

    def close_window(self, title: str) -> dict[str, Any]:
        window = self.find_window(title)
        self._close(window)
        self.forget_windows()
        deadline = time.monotonic() + self.config.close_wait_s
        while time.monotonic() < deadline:
            if not any(w.ref == window.ref for w in self.windows(refresh=True)):
                return {"window": window.title, "closed": True}
            time.sleep(0.05)
        raise EyesError(
            f"asked '{_shown(window.title)}' to close, but it is still open after {self.config.close_wait_s:g}s "
            "(it may be asking a question, e.g. to save changes)"
        )
