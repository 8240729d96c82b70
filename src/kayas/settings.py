"""Credentials and endpoints for the executors, from the environment or KAYAS_HOME/config.toml.

An environment variable wins; otherwise the same name as a top-level key of config.toml:

    KAYAS_SMTP_HOST = "smtp.example.org"
    KAYAS_SMTP_PORT = 587
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from kayas.config import kayas_home
from kayas.errors import KayasError


class MissingSettings(KayasError):
    """A service is used before its credentials are set; the message names the variables."""

    def __init__(self, service: str, names: list[str], hint: str = ""):
        where = f"in the environment or as keys in {config_file()}"
        extra = f" {hint}" if hint else ""
        super().__init__(f"{service} is not configured: set {', '.join(names)} {where}.{extra}")
        self.names = names


def config_file() -> Path:
    return kayas_home() / "config.toml"


def _file_values() -> dict[str, Any]:
    path = config_file()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KayasError(f"{path} is not valid TOML: {exc}") from None


def setting(name: str, default: str | None = None) -> str | None:
    """The value of one setting: the environment variable, else config.toml's key, else default."""
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    found = _file_values().get(name)
    if found is None or isinstance(found, dict) or found == "":
        return default
    if isinstance(found, bool):
        return "1" if found else "0"
    return str(found)


def flag(name: str) -> bool:
    """A yes/no setting: 1, true, yes and on are yes."""
    return (setting(name) or "").strip().lower() in {"1", "true", "yes", "on"}
