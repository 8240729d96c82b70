"""Where Kayas keeps things: the user's home for state, the workspace for files."""
from __future__ import annotations

import os
from pathlib import Path


def kayas_home() -> Path:
    """State (clipboard history, search index, trash log, credentials config): KAYAS_HOME, default ~/.kayas."""
    path = Path(os.environ.get("KAYAS_HOME") or Path.home() / ".kayas").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def workspace() -> Path:
    """The only folder file tools touch: KAYAS_WORKSPACE, default ~/Kayas, created on first use."""
    path = Path(os.environ.get("KAYAS_WORKSPACE") or Path.home() / "Kayas").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def cache_dir() -> Path:
    """Derived files that can be rebuilt (dequantised models): KAYAS_CACHE, default ~/.cache/kayas."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kayas"
    path = Path(os.environ.get("KAYAS_CACHE") or default).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path
