"""Which brain is the default: a pointer file in KAYAS_HOME, written by `kayas learn` and `kayas brain use`.

Brains a user taught live in `KAYAS_HOME/brains/<name>/` (never in the installed package);
`KAYAS_HOME/brain` holds the name of the default one. No file (or `shipped`) means the brain
shipped with Kayas. `--adapter` and $KAYAS_ADAPTER still win over the pointer.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from kayas.formats.adapter import META_FILE, AdapterError
from kayas.settings import kayas_home

SHIPPED = "shipped"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def brains_dir() -> Path:
    return kayas_home() / "brains"


def pointer_file() -> Path:
    return kayas_home() / "brain"


def check_name(name: str) -> str:
    """A brain's name is one plain folder name (letters, digits, `.`, `_`, `-`)."""
    if not _NAME.match(name) or name in (".", ".."):
        raise AdapterError(f"bad brain name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    return name


def brain_path(name: str) -> Path:
    return brains_dir() / check_name(name)


def current() -> str:
    """The default brain's name (`shipped` when no pointer is set)."""
    try:
        name = pointer_file().read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return SHIPPED
    except (OSError, UnicodeDecodeError) as exc:
        raise AdapterError(f"cannot read {pointer_file()}: {exc}") from None
    return name or SHIPPED


def default_adapter() -> Path | None:
    """The folder of the default brain, or None for the shipped one; an error when the pointer is broken."""
    name = current()
    if name == SHIPPED:
        return None
    path = brain_path(name)
    if not (path / META_FILE).is_file():
        raise AdapterError(f"the default brain '{name}' ({pointer_file()}) is missing in {brains_dir()}: "
                           f"run `kayas brain use shipped` or `kayas brain use NAME`")
    return path


def use(name: str) -> Path | None:
    """Make `name` the default brain (`shipped`: the pointer is removed); returns its folder."""
    if name == SHIPPED:
        pointer_file().unlink(missing_ok=True)
        return None
    path = brain_path(name)
    if not (path / META_FILE).is_file():
        known = ", ".join(names()) or "none yet"
        raise AdapterError(f"no brain named '{name}' in {brains_dir()} (known: {known}; or 'shipped')")
    tmp = pointer_file().with_suffix(".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, pointer_file())
    return path


def names() -> list[str]:
    """The brains in KAYAS_HOME, by name."""
    if not brains_dir().is_dir():
        return []
    return sorted(p.name for p in brains_dir().iterdir() if (p / META_FILE).is_file())
