"""A shell command's changes, made undoable: it runs on a private copy of the workspace, and
what it changed there is applied to the workspace afterwards, journaled like any file tool.

bubblewrap's own overlays (`--overlay`, 0.10+) are not in the bubblewrap most machines have
(Debian 12: 0.8), so the layer is a copy: ``stage`` copies the workspace into KAYAS_HOME
(`cp -a --reflink=auto`: instant where the file system shares blocks), the sandbox binds that
copy at the workspace's path, and ``apply`` compares the two trees when the command has ended.
Each changed or removed file first goes to the trash (under a name fixed in the journal's intent
row), then the command's version moves in; `kayas undo` (``undo``) reverses it byte for byte,
deletions included. A kill before ``apply`` leaves the workspace untouched; a kill during it
leaves an intent row that undo completes backwards. No link is followed on either side.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kayas.backends import beneath, trash
from kayas.backends.paths import relative_name
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace


@dataclass(frozen=True)
class Entry:
    """One path the command changed: what it was (trashed as ``stored``), what it is now."""

    path: str
    before: str | None  # "file", "link", "dir" or None (did not exist)
    after: str | None
    after_sha: str | None = None  # of the new file (or the link's target)
    stored: str | None = None  # the trash name of the old one


def _runs() -> Path:
    path = kayas_home() / "runs"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def size_of(root: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for f in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, f)).st_size
    return total


def stage(limit_bytes: int) -> Path | None:
    """A private copy of the workspace for one command, or None where it is larger than ``limit_bytes``."""
    root = workspace()
    if size_of(root) > limit_bytes:
        return None
    for old in _runs().iterdir():  # left by a Kayas that was killed mid-command (its workspace was never touched)
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > 86400:
                discard(old)
    copy = _runs() / uuid.uuid4().hex
    copy.mkdir(mode=0o700)
    done = subprocess.run(["cp", "-a", "--reflink=auto", f"{root}/.", str(copy)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        discard(copy)
        raise KayasError(f"could not copy the workspace for the command: {done.stderr.strip()[:200]}")
    return copy


def discard(copy: Path) -> None:
    shutil.rmtree(copy, ignore_errors=True)


def _kind(st: os.stat_result | None) -> str | None:
    if st is None:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return "file" if stat.S_ISREG(st.st_mode) else "other"


def _listing(root: Path) -> dict[str, os.stat_result]:
    out: dict[str, os.stat_result] = {}
    for folder, dirs, files in os.walk(root):  # os.walk does not follow links to folders
        for name in dirs + files:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if rel.split("/", 1)[0] == ".trash":
                continue
            out[rel] = os.lstat(full)
    return out


def _digest(root: Path, rel: str, st: os.stat_result) -> str:
    full = root / rel
    if stat.S_ISLNK(st.st_mode):
        return "link:" + os.readlink(full)
    with beneath.root_fd(root) as fd:
        f = beneath.open_beneath(fd, rel, os.O_RDONLY)
        try:
            return trash.sha256_fd(f) + f":{stat.S_IMODE(st.st_mode):o}"
        finally:
            os.close(f)


def changes(copy: Path) -> list[Entry]:
    """What the command changed: every path whose kind, bytes, mode or link target differ."""
    root = workspace()
    old, new = _listing(root), _listing(copy)
    out: list[Entry] = []
    for rel in sorted(set(old) | set(new)):
        a, b = old.get(rel), new.get(rel)
        ka, kb = _kind(a), _kind(b)
        if ka == kb == "dir":
            continue
        if ka == kb and a is not None and b is not None and _digest(root, rel, a) == _digest(copy, rel, b):
            continue
        if "other" in (ka, kb):
            continue  # sockets, fifos, devices: not kept
        out.append(Entry(rel, ka, kb, _digest(copy, rel, b) if b is not None and kb != "dir" else None,
                         uuid.uuid4().hex if ka in ("file", "link") else None))
    return out


def apply(copy: Path, found: list[Entry]) -> list[str]:
    """Bring the command's changes (``changes(copy)``, journaled by the caller first) into the
    workspace; the changed files' names."""
    root = workspace()
    for e in sorted(found, key=lambda e: e.path.count("/"), reverse=True):  # the old side, deepest first
        if e.before in ("file", "link"):
            trash.move_to_trash(e.path, stored=e.stored)
        elif e.before == "dir":
            with beneath.parent(root, e.path) as (dirfd, name):
                os.rmdir(name, dir_fd=dirfd)
    for e in sorted(found, key=lambda e: e.path.count("/")):  # the new side, parents first
        if e.after == "dir":
            with beneath.parent(root, e.path, create=True) as (dirfd, name):
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o777, dir_fd=dirfd)
        elif e.after in ("file", "link"):
            with beneath.parent(copy, e.path) as (src, sname), beneath.parent(root, e.path, create=True) as (dst, dname):
                trash.move_entry(src, sname, dst, dname)
    return [e.path for e in found if e.after != "dir" and e.before != "dir"]


def _matches(rel: str, sha: str | None) -> bool:
    root = workspace()
    with beneath.parent(root, rel) as (dirfd, name):
        st = beneath.lstat_at(dirfd, name)
    if st is None or sha is None:
        return False
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        return False
    return _digest(root, rel, st) == sha


def undo(change: Any) -> str:
    """Take a command's changes back: its files to the trash, the old ones back, deletions included."""
    d = change.detail
    then = d.get("workspace")
    if then and Path(then) != workspace():
        raise KayasError(f"that command ran in the workspace {then}; set KAYAS_WORKSPACE={then} to undo it")
    entries = [Entry(**{k: e.get(k) for k in ("path", "before", "after", "after_sha", "stored")}) for e in d["entries"]]
    root = workspace()
    for e in entries:  # check first: a file changed since stops the whole undo, nothing half done
        relative_name(e.path)  # a forged row gets no further than a plan would
        if e.after in ("file", "link") and not _matches(e.path, e.after_sha) and not d.get("_intent"):
            raise KayasError(f"{e.path} was changed since the command; left as it is")
    for e in sorted(entries, key=lambda e: e.path.count("/"), reverse=True):
        if e.after in ("file", "link") and _matches(e.path, e.after_sha):
            trash.move_to_trash(e.path)
        elif e.after == "dir":
            with beneath.parent(root, e.path) as (dirfd, name), contextlib.suppress(OSError):
                os.rmdir(name, dir_fd=dirfd)  # only if the command's folder is empty again
    for e in sorted(entries, key=lambda e: e.path.count("/")):
        if e.before == "dir":
            with beneath.parent(root, e.path, create=True) as (dirfd, name), contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o777, dir_fd=dirfd)
        elif e.stored and (entry := trash.find(e.stored)) is not None:
            trash.restore(entry)
    names = [e.path for e in entries if "dir" not in (e.before, e.after)]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"took back what `{change.file}` changed: {shown or 'its folders'}"

