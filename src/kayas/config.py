"""Every setting of Kayas in one place: its section, its environment name, its default, and the
one rule that resolves it: the environment, else config.toml, else the default.

- Named settings (`SETTINGS`): `KAYAS_ENGINE`, `KAYAS_SMTP_HOST`, ... An environment variable
  wins; else config.toml's top-level key of the same name; else the default. The folders
  (`KAYAS_HOME`, `KAYAS_WORKSPACE`, `KAYAS_CACHE`) come from the environment only:
  config.toml lives in KAYAS_HOME.
- Tables (`TABLES`): config.toml's `[section]`s, read into typed dataclasses by
  `load_section` (unknown keys and wrong types are errors naming the key). An unknown table,
  such as a misspelt `[polcy]`, is an error naming it and the known ones: a typo never turns a
  rule off silently.

No other module reads a KAYAS_* variable from the environment (tests/test_layout.py holds it);
`kayas config` prints every setting, its value and where it came from.
"""
from __future__ import annotations

import copy
import difflib
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, TypeVar

from kayas.errors import KayasError
from kayas.safe_input import loads_toml

T = TypeVar("T")
Source = Literal["environment", "config.toml", "default"]


@dataclass(frozen=True)
class Setting:
    """One named setting: where it belongs, its default (None: unset) and what it is for."""

    name: str
    section: str
    default: str | None
    help: str
    in_file: bool = True  # config.toml may set it (the folders cannot: config.toml lives in KAYAS_HOME)


SETTINGS: tuple[Setting, ...] = (
    Setting("KAYAS_HOME", "paths", "~/.kayas", "Kayas's state: config.toml, journal, audit log, histories", in_file=False),
    Setting("KAYAS_WORKSPACE", "paths", "~/Kayas", "the only folder the file tools touch", in_file=False),
    Setting("KAYAS_CACHE", "paths", "$XDG_CACHE_HOME/kayas or ~/.cache/kayas", "derived files that can be rebuilt (merged models)", in_file=False),
    Setting("KAYAS_ADAPTER", "engine", None, "the brain's adapter folder (`--adapter`); unset: the default brain"),
    Setting("KAYAS_ENGINE", "engine", "auto", "llamacpp, torch or auto (`--engine`)"),
    Setting("KAYAS_QUANTIZE", "engine", "none", "none or int8, torch engine only (`--quantize`)"),
    Setting("KAYAS_THREADS", "engine", None, "CPU threads of the engine; unset: one per core, at most 8"),
    Setting("KAYAS_CONFIDENCE_THRESHOLD", "engine", None, "below this confidence a plan is asked about; unset: the brain's own"),
    Setting("KAYAS_SMTP_HOST", "email", None, "the SMTP server email.send uses"),
    Setting("KAYAS_SMTP_PORT", "email", None, "its port; unset: by KAYAS_SMTP_SECURITY"),
    Setting("KAYAS_SMTP_SECURITY", "email", None, "starttls, ssl or none"),
    Setting("KAYAS_SMTP_USER", "email", None, "the login"),
    Setting("KAYAS_SMTP_PASSWORD", "email", None, "the password"),
    Setting("KAYAS_SMTP_FROM", "email", None, "the sender; unset: the login when it is an address"),
    Setting("KAYAS_SMTP_CAFILE", "email", None, "a CA bundle to trust for the server's certificate"),
    Setting("KAYAS_SLACK_TOKEN", "slack", None, "the Slack bot token"),
    Setting("KAYAS_SLACK_API_URL", "slack", None, "the Slack API's address (tests point it at a local server)"),
    Setting("KAYAS_SPOTIFY_TOKEN", "spotify", None, "the Spotify access token"),
    Setting("KAYAS_SPOTIFY_API_URL", "spotify", None, "the Spotify API's address"),
    Setting("KAYAS_SPOTIFY_ACCOUNTS_URL", "spotify", None, "the Spotify accounts service's address"),
    Setting("KAYAS_BROWSER", "browser", None, "which browser browser.run_steps drives"),
    Setting("KAYAS_BROWSER_HEADED", "browser", None, "1: show the browser's window"),
    Setting("KAYAS_SEARCH_ROOTS", "search", None, "more folders local.search indexes, separated like PATH"),
    Setting("KAYAS_EYES_TIMEOUT_S", "eyes", "5.0", "one batch of requests to an application"),
    Setting("KAYAS_EYES_WINDOW_CACHE_S", "eyes", "2.0", "reuse the window list this long"),
    Setting("KAYAS_EYES_CLOSE_WAIT_S", "eyes", "5.0", "how long a closed window may take to disappear"),
    Setting("KAYAS_EYES_WAIT_S", "eyes", "5.0", "how long a call waits for a window or control still appearing"),
    Setting("KAYAS_EYES_POLL_S", "eyes", "0.1", "how often it looks again meanwhile"),
    Setting("KAYAS_EYES_MAX_NODES", "eyes", "5000", "stop a tree walk here"),
    Setting("KAYAS_EYES_MAX_TEXT", "eyes", "2000", "characters of a control's text kept in the tree"),
)
BY_NAME = {s.name: s for s in SETTINGS}

# config.toml's tables and what each holds; any other table is an error.
TABLES = {
    "policy": "what each tool may do without asking (kayas.assistant.policy)",
    "sandbox": "the sandbox of process.run_command (kayas.backends.sandbox)",
    "process": "limits of process.run_command and kill_process (kayas.tools.process)",
    "audit": "the audit log (kayas.assistant.audit)",
    "server": "kayas serve (kayas.server.config)",
    "voice": "kayas listen (kayas.voice.base)",
    "search": "local.search's index (kayas.backends.search_index)",
    "browser": "the sites browser.run_steps may visit unasked (kayas.backends.sites)",
    "programs": "the applications process.start_program starts unasked (kayas.backends.programs)",
}


class UnknownTable(KayasError):
    """config.toml has a table Kayas does not know (a typo would otherwise switch its rules off)."""


# ------------------------------------------------------------------ the environment

def environment(name: str) -> str | None:
    """A KAYAS_* variable of the environment ("" counts as unset): the one place that reads them."""
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def _home_path() -> Path:
    return Path(environment("KAYAS_HOME") or Path.home() / ".kayas").expanduser()


def config_file() -> Path:
    """The user's settings file: KAYAS_HOME/config.toml (optional; reading it creates nothing)."""
    return _home_path() / "config.toml"


def home_dir() -> Path:
    """KAYAS_HOME, default ~/.kayas (not created here)."""
    return _home_path()


def workspace_dir() -> Path:
    """KAYAS_WORKSPACE, default ~/Kayas (not created here)."""
    return Path(environment("KAYAS_WORKSPACE") or Path.home() / "Kayas").expanduser()


def cache_root() -> Path:
    """KAYAS_CACHE, default $XDG_CACHE_HOME/kayas or ~/.cache/kayas (not created here)."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kayas"
    return Path(environment("KAYAS_CACHE") or default).expanduser()


# ------------------------------------------------------------------ config.toml

_parsed: list[Any] = [None, {}]  # (path, inode, size, mtime) of the last file read, and its tables


def user_config() -> dict[str, Any]:
    """The parsed config.toml, or {} when there is none; bad TOML or an unknown table is a one-line error."""
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
    _check_tables(parsed, path)
    _parsed[:] = [key, copy.deepcopy(parsed)]
    return parsed


def _check_tables(parsed: dict[str, Any], path: Path) -> None:
    for name, value in parsed.items():
        if isinstance(value, dict) and name not in TABLES:
            close = difflib.get_close_matches(name, TABLES, n=1, cutoff=0.6)
            hint = f" (did you mean [{close[0]}]?)" if close else ""
            raise UnknownTable(f"{path}: unknown table [{name}]{hint}; the known tables: "
                               f"{', '.join(f'[{t}]' for t in TABLES)}")


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


# ------------------------------------------------------------------ resolving a setting

@dataclass(frozen=True)
class Resolved:
    """A setting's value and where it came from."""

    name: str
    value: str | None
    source: Source


def resolve(name: str) -> Resolved:
    """One setting: the environment variable, else config.toml's key of that name, else its default.

    A name outside `SETTINGS` (a plugin's own KAYAS_* setting) resolves the same way, with no default."""
    known = BY_NAME.get(name)
    if (value := environment(name)) is not None:
        return Resolved(name, value, "environment")
    if known is None or known.in_file:
        found = user_config().get(name)  # a top-level key; [tables] belong to load_section
        if found is not None and not isinstance(found, dict) and found != "":
            return Resolved(name, ("1" if found else "0") if isinstance(found, bool) else str(found), "config.toml")
    default = known.default if known is not None and known.in_file else None
    return Resolved(name, default, "default")


def setting(name: str, default: str | None = None) -> str | None:
    """The value of one setting (environment, else config.toml, else ``default``)."""
    found = resolve(name)
    return found.value if found.source != "default" else default


def flag(name: str) -> bool:
    """A yes/no setting: 1, true, yes and on are yes."""
    return (setting(name) or "").strip().lower() in {"1", "true", "yes", "on"}


def effective() -> list[tuple[Setting, Resolved]]:
    """Every named setting with its value and source (what `kayas config` prints)."""
    out = []
    for s in SETTINGS:
        if not s.in_file:
            value = environment(s.name)
            out.append((s, Resolved(s.name, value, "environment") if value else Resolved(s.name, s.default, "default")))
        else:
            out.append((s, resolve(s.name)))
    return out


class MissingSettings(KayasError):
    """A service is used before its credentials are set; the message names the variables."""

    def __init__(self, service: str, names: list[str], hint: str = ""):
        where = f"in the environment or as keys in {config_file()}"
        extra = f" {hint}" if hint else ""
        super().__init__(f"{service} is not configured: set {', '.join(names)} {where}.{extra}")
        self.names = names


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
        raise KayasError(f"{CONFIDENCE_THRESHOLD_SETTING} must be a number from 0 to 1, got {raw!r}")  # repr: one line whatever it holds
    return value


def threads() -> int | None:
    """KAYAS_THREADS as a positive number of CPU threads, else None (one per core)."""
    raw = setting("KAYAS_THREADS") or ""
    return int(raw) if raw.isdigit() and int(raw) > 0 else None
