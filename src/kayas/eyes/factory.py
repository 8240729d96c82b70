"""The backend for this platform, made once per process so a plan's calls share one connection."""
from __future__ import annotations

import sys

from kayas.eyes.base import Backend, EyesConfig, EyesError

_backend: Backend | None = None


def make_backend(platform: str | None = None, config: EyesConfig | None = None) -> Backend:
    """A fresh backend: AT-SPI on Linux and the BSDs, UI Automation on Windows."""
    platform = platform or sys.platform
    config = config or EyesConfig.from_env()
    if platform == "win32":
        from kayas.eyes.windows_uia import UiaBackend

        return UiaBackend(config=config)
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        from kayas.eyes.atspi import AtspiBackend
        from kayas.eyes.dbus import JeepneyTransport

        return AtspiBackend(lambda: JeepneyTransport(timeout=config.timeout_s), config)
    raise EyesError(f"the Eyes have no backend for {platform} yet (AT-SPI on Linux, UI Automation on Windows)")


def get_backend() -> Backend:
    """The process's backend; its bus connection and window list are reused between calls."""
    global _backend
    if _backend is None:
        _backend = make_backend()
    return _backend


def reset_backend() -> None:
    """Forget the backend (tests switch displays and buses between cases)."""
    global _backend
    _backend = None
