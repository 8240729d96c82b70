"""Where Kayas keeps things: the state folder (`kayas_home`), the workspace (`workspace`), the
cache (`cache_dir`), each created on first use.

Every setting is resolved in kayas.config (environment, else config.toml, else default); the
names below are re-exported from there so the modules that ask for a folder or a setting keep
one import.
"""
from __future__ import annotations

from pathlib import Path

from kayas.config import (  # noqa: F401 - the settings' one home, re-exported
    CONFIDENCE_THRESHOLD_SETTING,
    DEFAULT_CONFIDENCE_THRESHOLD,
    MissingSettings,
    cache_root,
    confidence_threshold,
    config_file,
    flag,
    home_dir,
    load_section,
    setting,
    user_config,
    workspace_dir,
)


def kayas_home() -> Path:
    """State (clipboard history, search index, trash log, credentials config): KAYAS_HOME, default ~/.kayas."""
    path = home_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def workspace() -> Path:
    """The only folder file tools touch: KAYAS_WORKSPACE, default ~/Kayas, created on first use."""
    path = workspace_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def cache_dir() -> Path:
    """Derived files that can be rebuilt (dequantised models): KAYAS_CACHE, default ~/.cache/kayas."""
    path = cache_root()
    path.mkdir(parents=True, exist_ok=True)
    return path
