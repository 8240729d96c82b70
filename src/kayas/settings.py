"""Credentials and endpoints for the executors, from the environment or KAYAS_HOME/config.toml.

An environment variable wins; otherwise the same name as a top-level key of config.toml
(beside the [section] tables that kayas.config.load_section reads):

    KAYAS_SMTP_HOST = "smtp.example.org"
    KAYAS_SMTP_PORT = 587
"""
from __future__ import annotations

import os

from kayas.config import config_file, user_config
from kayas.errors import KayasError


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
    found = user_config().get(name)  # a top-level key; [tables] belong to kayas.config
    if found is None or isinstance(found, dict) or found == "":
        return default
    if isinstance(found, bool):
        return "1" if found else "0"
    return str(found)


def flag(name: str) -> bool:
    """A yes/no setting: 1, true, yes and on are yes."""
    return (setting(name) or "").strip().lower() in {"1", "true", "yes", "on"}


CONFIDENCE_THRESHOLD_SETTING = "KAYAS_CONFIDENCE_THRESHOLD"
DEFAULT_CONFIDENCE_THRESHOLD = 0.0  # placeholder until the brain's confidence is calibrated (issue 13)


def confidence_threshold() -> float:
    """Below this confidence a command's plan is not run unasked: KAYAS_CONFIDENCE_THRESHOLD, in [0, 1]."""
    raw = setting(CONFIDENCE_THRESHOLD_SETTING)
    if raw is None:
        return DEFAULT_CONFIDENCE_THRESHOLD
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise KayasError(f"{CONFIDENCE_THRESHOLD_SETTING} must be a number from 0 to 1, got '{raw}'")
    return value
