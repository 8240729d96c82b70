"""The Windows backend: UI Automation through the `uiautomation` package.

UNTESTED ON A REAL WINDOWS MACHINE: it is written against uiautomation's documented API and
its logic is tested on fakes only. It is kept thin: each primitive is one or two pattern
calls; matching and messages live in ``kayas.eyes.base``. The ``uiautomation`` module is
imported only when this backend is made (the factory does so only on win32), or injected.
"""
from __future__ import annotations

from typing import Any

from kayas.eyes.base import PASSWORD_ROLE, Backend, Bounds, EyesConfig, EyesError, Node, Window

BUTTON_TYPES = {
    "ButtonControl", "CheckBoxControl", "RadioButtonControl", "MenuItemControl", "HyperlinkControl",
    "TabItemControl", "SplitButtonControl",
}
FIELD_TYPES = {"EditControl", "DocumentControl", "ComboBoxControl"}
WINDOW_TYPES = {"WindowControl", "PaneControl"}


def role_of(control: Any) -> str:
    """"ButtonControl" -> "button"; a password edit -> the shared password role."""
    kind = str(control.ControlTypeName)
    if kind == "EditControl" and getattr(control, "IsPassword", False):
        return PASSWORD_ROLE
    return kind.removesuffix("Control").lower() or "unknown"


def kind_of(control: Any) -> str:
    kind = str(control.ControlTypeName)
    return "button" if kind in BUTTON_TYPES else "field" if kind in FIELD_TYPES else "other"


def states_of(control: Any) -> list[str]:
    states = []
    if control.IsEnabled:
        states += ["enabled", "sensitive"]
    if control.HasKeyboardFocus:
        states.append("focused")
    states.append("offscreen" if control.IsOffscreen else "showing")
    return states


def bounds_of(control: Any) -> Bounds | None:
    r = control.BoundingRectangle
    if r is None:
        return None
    return Bounds(int(r.left), int(r.top), int(r.right - r.left), int(r.bottom - r.top))


def escape_keys(text: str) -> str:
    """uiautomation's SendKeys reads {Name} as a key; literal braces are written {{} and {}}."""
    return "".join({"{": "{{}", "}": "{}}"}.get(ch, ch) for ch in text)


class UiaBackend(Backend):
    """The Eyes on Windows. A window's ``ref`` is its native handle; a control's, the control."""

    def __init__(self, auto: Any = None, config: EyesConfig | None = None):
        super().__init__(config)
        if auto is None:
            try:
                import uiautomation as auto  # type: ignore[import-not-found, no-redef]
            except ImportError:
                raise EyesError("the Windows Eyes need the uiautomation package: pip install uiautomation") from None
        self.auto = auto

    def _list_windows(self) -> list[Window]:
        windows = []
        for c in self.auto.GetRootControl().GetChildren():
            if c.ControlTypeName not in WINDOW_TYPES or (c.ControlTypeName == "PaneControl" and not c.Name):
                continue
            windows.append(Window(str(c.Name), self._app_name(c.ProcessId), role_of(c), int(c.ProcessId),
                                  states_of(c), ref=int(c.NativeWindowHandle)))
        return windows

    @staticmethod
    def _app_name(pid: int) -> str:
        try:
            import psutil

            return psutil.Process(pid).name()
        except Exception:  # the process ended, or access is denied: the name is only a courtesy
            return ""

    def _control(self, window: Window) -> Any:
        control = self.auto.ControlFromHandle(window.ref)
        if control is None:
            self.forget_windows()
            raise EyesError(f"window '{window.title}' is gone")
        return control

    def _details(self, window: Window) -> Window:
        window.bounds = bounds_of(self._control(window))
        return window

    def _tree(self, window: Window, detail: bool = True) -> Node:
        count = 0

        def build(control: Any) -> Node:
            nonlocal count
            count += 1
            node = Node(role=role_of(control), name=str(control.Name), kind=kind_of(control),  # type: ignore[arg-type]
                        states=states_of(control), ref=control)
            if control.AutomationId and node.kind == "field":
                node.labels.append(str(control.AutomationId))
            if detail:
                node.bounds = bounds_of(control)
            for child in control.GetChildren():
                if count >= self.config.max_nodes:
                    node.states.append("truncated")
                    break
                node.children.append(build(child))
            return node

        return build(self._control(window))

    def _press(self, node: Node) -> str:
        c = node.ref
        for getter, method, name in (("GetInvokePattern", "Invoke", "Invoke"), ("GetTogglePattern", "Toggle", "Toggle"),
                                     ("GetSelectionItemPattern", "Select", "Select"),
                                     ("GetLegacyIAccessiblePattern", "DoDefaultAction", "DefaultAction")):
            pattern = getattr(c, getter)()
            if pattern is not None:
                getattr(pattern, method)()
                return name
        raise EyesError(f"'{node.name}' offers no way to press it")

    def _set_text(self, node: Node, text: str, replace: bool) -> None:
        if not replace:  # the focused field: type at its caret, as keys
            node.ref.SendKeys(escape_keys(text), waitTime=0)
            return
        pattern = node.ref.GetValuePattern()
        if pattern is None:
            raise EyesError(f"the field '{node.name}' does not take text")
        pattern.SetValue(text)

    def _read_text(self, node: Node) -> str:
        pattern = node.ref.GetValuePattern()
        return str(pattern.Value) if pattern is not None else ""

    def _close(self, window: Window) -> None:
        pattern = self._control(window).GetWindowPattern()
        if pattern is None:
            raise EyesError(f"'{window.title}' cannot be closed through UI Automation")
        pattern.Close()

    def _capture(self, window: Window | None) -> Any:
        """Pillow's ImageGrab: the whole desktop, or the window's rectangle (untested here: no Windows CI)."""
        from PIL import ImageGrab

        if window is None:
            return ImageGrab.grab(all_screens=True).convert("RGB")
        b = bounds_of(self._control(window))
        if b is None or b.width <= 0 or b.height <= 0:
            raise EyesError(f"cannot capture '{window.title}': UI Automation gives it no rectangle on screen")
        return ImageGrab.grab(bbox=(b.x, b.y, b.x + b.width, b.y + b.height), all_screens=True).convert("RGB")
