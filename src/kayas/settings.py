"""Every setting in one place: where Kayas keeps things, config.toml, and the named settings.

- Folders: the user's home for state (`kayas_home`), the workspace for files (`workspace`),
  the cache for derived files (`cache_dir`).
- `KAYAS_HOME/config.toml`: `[section]` tables read into typed dataclasses by `load_section`
  (unknown keys and wrong types are errors naming the key); top-level keys are named
  settings, read by `setting`:

      KAYAS_SMTP_HOST = "smtp.example.org"
      KAYAS_SMTP_PORT = 587

  An environment variable of the same name wins over config.toml.
"""
from __future__ import annotations

import copy
import os
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from kayas.errors import KayasError
from kayas.safe_input import loads_toml

T = TypeVar("T")


def _home_path() -> Path:
    return Path(os.environ.get("KAYAS_HOME") or Path.home() / ".kayas").expanduser()


def kayas_home() -> Path:
    """State (clipboard history, search index, trash log, credentials config): KAYAS_HOME, default ~/.kayas."""
    path = _home_path()
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


def config_file() -> Path:
    """The user's settings file: KAYAS_HOME/config.toml (optional; reading it creates nothing)."""
    return _home_path() / "config.toml"


def user_config() -> dict[str, Any]:
    """The parsed config.toml, or {} when there is none; bad TOML is a one-line error."""
    path = config_file()
    try:
        st = path.stat()
    except OSError:
        return {}
    if not path.is_file():
        return {}
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    if _parsed[0] == key:  # every load_section reads the file: parse it once while it stays the same
        return copy.deepcopy(_parsed[1])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KayasError(f"{path}: cannot read it ({exc.strerror})") from None
    parsed = loads_toml(data, str(path))  # size, UTF-8, NUL, depth and number limits: one line each
    _parsed[:] = [key, copy.deepcopy(parsed)]
    return parsed


_parsed: list[Any] = [None, {}]  # (path, inode, size, mtime) of the last file read, and its tables


def load_section(name: str, cls: type[T]) -> T:
    """A typed dataclass config: defaults from ``cls``, overridden by config.toml ``[name]``.

    Unknown keys and wrongly typed values are errors naming the key, so a typo never
    passes silently.
    """
    table = user_config().get(name, {})
    if not isinstance(table, dict):
        raise KayasError(f"{config_file()}: [{name}] must be a table")
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    for key, value in table.items():
        if key not in known:
            raise KayasError(f"{config_file()}: unknown key '{key}' in [{name}] (known: {', '.join(known)})")
        default = getattr(cls, key, None)  # None for list fields (default_factory)
        if default is not None and not _same_kind(value, default):
            raise KayasError(f"{config_file()}: [{name}] {key} must be {type(default).__name__}, got {value!r}")
        if default is None and not isinstance(value, list):
            raise KayasError(f"{config_file()}: [{name}] {key} must be a list, got {value!r}")
    return cls(**table)


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


class MissingSettings(KayasError):
    """A service is used before its credentials are set; the message names the variables."""

    def __init__(self, service: str, names: list[str], hint: str = ""):
        where = f"in the environment or as keys in {config_file()}"
        extra = f" {hint}" if hint else ""
        super().__init__(f"{service} is not configured: set {', '.join(names)} {where}.{extra}")
        self.names = names


def setting(name: str, default: str | None = None) -> str | None:
    """The value of one setting: the environment variable, else config.toml's key, else default."""
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    found = user_config().get(name)  # a top-level key; [tables] belong to load_section
    if found is None or isinstance(found, dict) or found == "":
        return default
    if isinstance(found, bool):
        return "1" if found else "0"
    return str(found)


def flag(name: str) -> bool:
    """A yes/no setting: 1, true, yes and on are yes."""
    return (setting(name) or "").strip().lower() in {"1", "true", "yes", "on"}


CONFIDENCE_THRESHOLD_SETTING = "KAYAS_CONFIDENCE_THRESHOLD"
DEFAULT_CONFIDENCE_THRESHOLD = 0.0  # a brain with no calibration of its own asks about nothing


def confidence_threshold(brain_default: float | None = None) -> float:
    """Below this confidence a command's plan is not run unasked: KAYAS_CONFIDENCE_THRESHOLD, in [0, 1],
    else the threshold chosen for the brain on its validation data (`brain_default`), else 0."""
    raw = setting(CONFIDENCE_THRESHOLD_SETTING)
    if raw is None:
        return DEFAULT_CONFIDENCE_THRESHOLD if brain_default is None else brain_default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise KayasError(f"{CONFIDENCE_THRESHOLD_SETTING} must be a number from 0 to 1, got '{raw}'")
    return value
