"""The sandbox of `process.run_command`: bubblewrap (`bwrap`) on Linux.

Inside, the workspace is the only writable folder (a private copy of it, where the command is
undoable: see kayas.backends.overlay; Kayas's trash and journal live in KAYAS_HOME, hidden
here, so a command cannot forge what `kayas undo` restores); the rest of the file system is read-only, and the
places that hold secrets are hidden behind empty read-only folders: every home (`/root`, `/home`,
$HOME), KAYAS_HOME and /run (session sockets); /tmp and /var/tmp are empty scratch space that
vanishes with the sandbox. The environment is cleared but for PATH,
LANG and TERM (no tokens leak through it), bubblewrap's own included (`launch_env`: it is
process 1 inside, and its environment is readable there). There is no network unless `[sandbox] network = true`.
New namespaces (user, pid, ipc, uts, cgroup, net) and no capabilities: the command cannot see
or signal other processes. Killing bwrap kills the whole pid namespace, so nothing outlives
the time limit; past `max_processes` (a fork bomb) the sandbox is ended the same way.

Not isolated: CPU time and memory (only the time limit bounds them), the read-only view of
system files (/etc, /usr, /opt, other mounts), and the kernel itself. Where bwrap is missing or
cannot create namespaces (Windows, macOS, some containers), `available()` says why and
`[sandbox] when_unavailable` decides: "confirm" (the default; run as before, after the usual
confirmation, and say so in the result) or "refuse".
"""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from kayas.errors import KayasError
from kayas.settings import kayas_home, load_section

WHEN_UNAVAILABLE = ("confirm", "refuse")
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "TERM")
SCRATCH = (Path("/tmp"), Path("/var/tmp"))


@dataclass
class SandboxConfig:
    """config.toml ``[sandbox]``: how run_command is isolated."""

    enabled: bool = True  # false: run commands as before, unsandboxed (still confirmed: run_command is destructive)
    network: bool = False  # let sandboxed commands reach the network
    max_processes: int = 64  # past this many processes inside, the sandbox is ended (a fork bomb)
    when_unavailable: str = "confirm"  # no working bubblewrap: "confirm" (run unsandboxed, say so) or "refuse"
    undoable: bool = True  # run on a private copy of the workspace and journal the changes (kayas.backends.overlay)
    undo_copy_limit_mb: int = 512  # a larger workspace is written directly (the result says it is not undoable)

    @classmethod
    def load(cls) -> SandboxConfig:
        cfg = load_section("sandbox", cls)
        if cfg.when_unavailable not in WHEN_UNAVAILABLE:
            raise KayasError(f"[sandbox] when_unavailable must be 'confirm' or 'refuse', got {cfg.when_unavailable!r}")
        if cfg.max_processes < 2:
            raise KayasError(f"[sandbox] max_processes must be at least 2, got {cfg.max_processes}")
        return cfg


@functools.cache
def _probe(bwrap: str) -> str | None:
    """None if bwrap can build a sandbox here, else why not (one line)."""
    try:
        done = subprocess.run([bwrap, *_namespaces(False), "--ro-bind", "/", "/", "true"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap does not start: {exc}"
    if done.returncode != 0:
        return "bwrap cannot create a sandbox here: " + (done.stderr.strip().splitlines() or ["exit code %d" % done.returncode])[-1]
    return None


def unavailable_reason() -> str | None:
    """None when the sandbox works on this machine, else why not."""
    if not sys.platform.startswith("linux"):
        return f"no sandbox on {sys.platform}: bubblewrap is Linux only"
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    return _probe(bwrap)


def _namespaces(network: bool) -> list[str]:
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    return args + (["--share-net"] if network else [])


def _hidden(workspace: Path) -> list[Path]:
    """Folders replaced by an empty tmpfs: homes, state and session sockets (not the workspace's parents)."""
    places = [Path("/root"), Path("/home"), Path("/tmp"), Path("/var/tmp"), Path("/run"), Path.home(), kayas_home()]
    out: list[Path] = []
    for p in places:
        p = p.resolve()
        if p.is_dir() and p != Path("/") and p not in out:
            out.append(p)
    out.sort(key=lambda p: len(p.parts))  # parents first: a later tmpfs inside an earlier one is fine
    return out


PIDS_V1 = Path("/sys/fs/cgroup/pids")
CGROUP_V2 = Path("/sys/fs/cgroup")


def pids_cgroup(max_processes: int) -> Path | None:
    """A fresh cgroup whose pids.max is ``max_processes``, where this process may make one (root, or a
    delegated cgroup); None elsewhere. The kernel then refuses the fork past the bound: a fork bomb
    stops at once (RLIMIT_NPROC does not bind root)."""
    parents = [PIDS_V1] if PIDS_V1.is_dir() else []
    if "pids" in _read(CGROUP_V2 / "cgroup.subtree_control").split():
        parents.append(CGROUP_V2)
    for parent in parents:
        for old in parent.glob("kayas-*"):  # left by a Kayas that was killed; rmdir fails on one in use
            with contextlib.suppress(OSError):
                if time.time() - old.stat().st_mtime > 60:
                    old.rmdir()
        group = parent / f"kayas-{uuid.uuid4().hex[:12]}"
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            (group / "pids.max").write_text(str(max_processes))
            return group
        except OSError:
            remove_cgroup(group)
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def hit_bound(group: Path) -> bool:
    """Whether a fork was refused for the cgroup's pids.max (pids.events' `max` count), or it is at it now."""
    events = dict(line.split(None, 1) for line in _read(group / "pids.events").splitlines() if " " in line)
    current = _read(group / "pids.current").strip()
    limit = _read(group / "pids.max").strip()
    return events.get("max", "0").strip() != "0" or (current.isdigit() and limit.isdigit() and int(current) >= int(limit))


def remove_cgroup(group: Path) -> None:
    """Remove an emptied cgroup (best effort: a leftover empty folder costs nothing)."""
    for _ in range(50):
        try:
            group.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)  # the last processes are still being reaped


def in_cgroup(argv: list[str], group: Path) -> list[str]:
    """``argv`` started inside ``group``: a shell moves itself there, then becomes argv (so all it starts is counted)."""
    return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(group / "cgroup.procs"), *argv]


def launch_env() -> dict[str, str]:
    """The environment bubblewrap itself starts with: PATH, LANG, LC_ALL, TERM and nothing else.

    bwrap is process 1 inside the sandbox, so its own environment is readable there
    (/proc/1/environ): ``--clearenv`` alone would clean only its child, and leave every token
    Kayas holds readable to the command."""
    return {name: os.environ[name] for name in KEPT_ENV if os.environ.get(name)}


def command_line(command: str, workspace: Path, cfg: SandboxConfig, source: Path | None = None) -> list[str]:
    """The argv that runs ``command`` (a shell line) in the sandbox, with ``workspace`` as its only writable folder.

    ``source``: a copy of the workspace shown (and written) at the workspace's path instead of it."""
    bwrap = shutil.which("bwrap") or "bwrap"
    argv = [bwrap, *_namespaces(cfg.network), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    hidden = _hidden(workspace)
    inside = [p for p in hidden if p != workspace and p.is_relative_to(workspace)]  # e.g. KAYAS_HOME in the workspace
    for place in hidden:
        if place not in inside:
            argv += ["--tmpfs", str(place)]
    resolver = Path("/run/systemd/resolve")  # where /etc/resolv.conf points on systemd machines
    if cfg.network and resolver.is_dir():
        argv += ["--ro-bind", str(resolver), str(resolver)]
    argv += ["--bind", str(source or workspace), str(workspace)]
    for place in inside:
        argv += ["--tmpfs", str(place)]
    trash = workspace / ".trash"  # an older Kayas's trash, kept read-only
    if (source or workspace).joinpath(".trash").is_dir():
        argv += ["--ro-bind", str((source or workspace) / ".trash"), str(trash)]
    for place in hidden:  # empty and read-only; /tmp and /var/tmp stay writable scratch, gone with the sandbox
        if place not in SCRATCH:
            argv += ["--remount-ro", str(place)]
    argv += ["--clearenv"]
    for name in KEPT_ENV:
        if os.environ.get(name):
            argv += ["--setenv", name, os.environ[name]]
    argv += ["--setenv", "HOME", str(workspace), "--setenv", "TMPDIR", "/tmp", "--chdir", str(workspace)]
    prlimit = shutil.which("prlimit")  # the bound for a user who is not root (inside: counts the sandbox's processes only)
    bound = [prlimit, f"--nproc={cfg.max_processes}", "--"] if prlimit else []
    return [*argv, *bound, "/bin/sh", "-c", command]
