"""Where Kayas keeps things: the user's home for state, the workspace for files."""
from __future__ import annotations

import os
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from kayas.errors import KayasError

T = TypeVar("T")


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


def config_file() -> Path:
    """The user's settings file: KAYAS_HOME/config.toml (optional)."""
    return kayas_home() / "config.toml"


def user_config() -> dict[str, Any]:
    """The parsed config.toml, or {} when there is none; bad TOML is a one-line error."""
    path = config_file()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KayasError(f"{path}: not valid TOML: {exc}") from None


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
