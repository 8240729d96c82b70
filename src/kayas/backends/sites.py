"""Which places the browser of `browser.run_steps` may go to, asked or unasked.

The browser runs outside the sandbox, as the user: a page it opens can read what the user
can (``file://``) and send it anywhere. So:

- ``file://`` only inside the workspace (no link followed), never elsewhere;
- a site (host) goes unasked only when config.toml ``[browser] allowed_domains`` lists it
  (or a parent domain) or the user confirmed a plan going there before (remembered in
  KAYAS_HOME/browser-sites.json); a plan with a ``goto`` to any other site is asked about
  (the tool's ``asks``, see Policy.decide_call);
- while steps run, the browser itself is held to the same places (kayas.backends.browser's
  request guard): a page may not navigate to a site not approved, a local page (file:,
  data:) may load nothing from the network, and nothing reaches loopback or private
  addresses that were not approved; so a page written into the workspace by a sandboxed
  command cannot send the notes out.
"""
from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kayas.backends.paths import PathRefused, resolve
from kayas.errors import KayasError
from kayas.settings import kayas_home, load_section, workspace

LOCAL_SCHEMES = ("about", "data", "blob", "chrome-error")


@dataclass
class SitesConfig:
    """config.toml ``[browser]``: the sites browser.run_steps may open unasked."""

    allowed_domains: list[str] = field(default_factory=list)  # e.g. ["github.com", "example.org"]


def target(url: str) -> str:
    """The URL as the browser opens it: a bare site name gets https://."""
    url = url.strip()
    if "://" not in url and not url.startswith(("about:", "data:", "file:")):
        return "https://" + url
    return url


def host_of(url: str) -> str | None:
    """The lower-case host of an http(s)/ws URL, else None."""
    parts = urlsplit(target(url))
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return None
    return (parts.hostname or "").lower().rstrip(".") or None


def _seen_file() -> Path:
    return kayas_home() / "browser-sites.json"


def seen() -> set[str]:
    """The sites the user has confirmed before."""
    try:
        data = json.loads(_seen_file().read_text())
    except (OSError, ValueError):
        return set()
    return {h for h in data if isinstance(h, str)} if isinstance(data, list) else set()


def remember(hosts: set[str]) -> None:
    """Add confirmed sites to the remembered ones (private file, written whole)."""
    new = seen() | hosts
    if new == seen():
        return
    path = _seen_file()
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(sorted(new), fh)
    os.replace(temp, path)


def configured() -> set[str]:
    return {d.strip().lower().lstrip(".") for d in load_section("browser", SitesConfig).allowed_domains
            if isinstance(d, str) and d.strip()}


def approved(host: str, places: set[str]) -> bool:
    """Whether ``host`` is one of ``places`` or beneath one (docs.github.com under github.com), or its www."""
    host = host.lower()
    return any(host == p or host.endswith("." + p) or p == "www." + host for p in places)


def _private(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified


def file_inside(url: str) -> bool:
    """Whether a file:// URL names a path inside the workspace, reached without a link."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path))
    root = workspace()
    if not path.is_absolute() or not path.is_relative_to(root) or path == root:
        return False
    try:
        resolve(path.relative_to(root).as_posix())
    except (PathRefused, KayasError):
        return False
    return True


def gotos(steps: Any) -> list[str]:
    """The URLs of a plan's goto steps (as dicts or step models)."""
    out = []
    for step in steps if isinstance(steps, list) else []:
        if hasattr(step, "model_dump"):
            step = step.model_dump()
        if isinstance(step, dict) and step.get("action") == "goto" and isinstance(step.get("args"), dict):
            url = step["args"].get("url")
            if isinstance(url, str):
                out.append(url)
    return out


def confirmation_needed(args: dict[str, Any]) -> str | None:
    """Why a run_steps call must be confirmed: a goto to a site neither allow-listed nor confirmed before."""
    known = configured() | seen()
    new = sorted({h for url in gotos(args.get("steps")) if (h := host_of(url)) and not approved(h, known)})
    if not new:
        return None
    return (f"the browser would go to {', '.join(new)}, not visited before (the browser runs as you, outside the "
            "sandbox; [browser] allowed_domains in config.toml lets a site go unasked)")


def refusal(url: str, approved_hosts: set[str], navigation: bool, from_url: str) -> str | None:
    """Why the browser must not make this request, or None (the request guard's rule)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return None if file_inside(url) else f"{url} is outside the workspace"
    if scheme in LOCAL_SCHEMES:
        return None
    host = (parts.hostname or "").lower()
    if approved(host, approved_hosts):
        return None
    if urlsplit(from_url).scheme.lower() in ("file", "data", "about", "blob", ""):
        return f"a local page may not reach {host or url} (a site not approved)"
    if navigation:
        return f"{host} is not an approved site (confirm a plan that goes there)"
    if _private(host):
        return f"{host} is a local address not approved"
    return None
