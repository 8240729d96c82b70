"""File operations resolved beneath one folder without following links.

A sandboxed command can write the workspace, so any folder in it may become a symlink to
somewhere else between the moment a name is checked and the moment it is used. Every
operation here therefore works from a file descriptor of the root folder: the path is opened
with ``openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)`` where the kernel has it (Linux 5.6+),
else by a walk of ``openat(O_NOFOLLOW | O_DIRECTORY)`` one component at a time, and the last
component is handled with the ``*at`` calls on that folder's descriptor, which never follow it.
A symlink anywhere on the way is refused, not followed, whatever it points at.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from kayas.errors import KayasError

_LINUX = sys.platform.startswith("linux")
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_SYS_OPENAT2 = 437  # the same number on every Linux architecture (added after the syscall tables merged)
_RESOLVE_NO_MAGICLINKS, _RESOLVE_NO_SYMLINKS, _RESOLVE_BENEATH = 0x02, 0x04, 0x08
_RENAME_NOREPLACE = 1


class LinkRefused(KayasError):
    """A path that goes through a symlink, or names a file with other hard links."""


class _OpenHow(ctypes.Structure):
    _fields_ = [("flags", ctypes.c_uint64), ("mode", ctypes.c_uint64), ("resolve", ctypes.c_uint64)]


_libc = ctypes.CDLL(None, use_errno=True) if _LINUX else None
_have_openat2: bool | None = None if _LINUX else False


def _openat2(dirfd: int, rel: str, flags: int, mode: int) -> int:
    how = _OpenHow(flags | _O_CLOEXEC, mode if flags & os.O_CREAT else 0,
                   _RESOLVE_BENEATH | _RESOLVE_NO_SYMLINKS | _RESOLVE_NO_MAGICLINKS)
    assert _libc is not None
    fd = _libc.syscall(_SYS_OPENAT2, dirfd, os.fsencode(rel), ctypes.byref(how), ctypes.sizeof(how))
    if fd < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), rel)
    return int(fd)


def openat2_available() -> bool:
    """Whether this kernel has openat2 (else the O_NOFOLLOW walk is used)."""
    global _have_openat2
    if _have_openat2 is None:
        try:
            os.close(_openat2(-100, ".", os.O_RDONLY | _O_DIRECTORY, 0))  # AT_FDCWD
            _have_openat2 = True
        except OSError as exc:
            _have_openat2 = exc.errno not in (errno.ENOSYS, errno.EPERM)  # EPERM: a seccomp filter said no
    return bool(_have_openat2)


def _walk(dirfd: int, parts: list[str], flags: int, mode: int) -> int:
    """openat one component at a time, never following a link; the fallback for openat2."""
    fd = os.dup(dirfd)
    try:
        for part in parts[:-1]:
            nxt = os.open(part, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = nxt
        return os.open(parts[-1], flags | _O_NOFOLLOW | _O_CLOEXEC, mode, dir_fd=fd)
    finally:
        os.close(fd)


def _refusal(root: int, rel: str, exc: OSError, folder: bool = False) -> Exception:
    """The error for a refused open of ``rel`` (``folder``: rel itself was to be a folder)."""
    if exc.errno == errno.ENOTDIR:  # a link where a folder should be (O_DIRECTORY met it), or a plain file
        blocking = _first_non_folder(root, rel, folder)
        if blocking is not None:
            return KayasError(f"'{blocking}' is a file, not a folder")
    if exc.errno in (errno.ELOOP, errno.EXDEV, errno.ENOTDIR):
        return LinkRefused(f"'{rel}' goes through a symlink; Kayas never follows links in the workspace")
    return exc


def _first_non_folder(root: int, rel: str, folder: bool) -> str | None:
    """The first part of ``rel`` meant as a folder that is a plain file (not a link), or None."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    parts = parts if folder else parts[:-1]
    for i in range(len(parts)):
        try:
            st = os.stat("/".join(parts[: i + 1]), dir_fd=root, follow_symlinks=False)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            return None
        if not stat.S_ISDIR(st.st_mode):
            return "/".join(parts[: i + 1])
    return None


def open_beneath(root: int, rel: str, flags: int, mode: int = 0o666) -> int:
    """A descriptor of ``rel`` beneath the folder ``root`` (a descriptor), no link followed on the way."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise KayasError(f"'{rel}' is not a path beneath the workspace")
    try:
        if openat2_available():
            return _openat2(root, "/".join(parts), flags | _O_NOFOLLOW, mode)
        return _walk(root, parts, flags, mode)
    except OSError as exc:
        raise _refusal(root, rel, exc) from None


@contextlib.contextmanager
def root_fd(root: Path) -> Iterator[int]:
    """The root folder opened once (the root itself is the user's choice: its own path may hold links)."""
    fd = os.open(root, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC)
    try:
        yield fd
    finally:
        os.close(fd)


@contextlib.contextmanager
def parent(root: Path, rel: str, create: bool = False) -> Iterator[tuple[int, str]]:
    """(descriptor of the folder holding ``rel``, its last component); ``create`` makes missing folders."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise KayasError(f"'{rel}' is not a path beneath the workspace")
    with root_fd(root) as top:
        fd = os.dup(top)
        try:
            for i, part in enumerate(parts[:-1]):
                try:
                    nxt = os.open(part, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, 0o777, dir_fd=fd)
                    try:
                        nxt = os.open(part, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=fd)
                    except OSError as exc:
                        raise _refusal(top, "/".join(parts[: i + 1]), exc, folder=True) from None
                except OSError as exc:
                    raise _refusal(top, "/".join(parts[: i + 1]), exc, folder=True) from None
                os.close(fd)
                fd = nxt
            yield fd, parts[-1]
        finally:
            os.close(fd)


def lstat_at(dirfd: int, name: str) -> os.stat_result | None:
    """The entry's own stat (a link is not followed), or None if there is none."""
    try:
        return os.stat(name, dir_fd=dirfd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def single_link(st: os.stat_result, rel: str) -> None:
    """Refuse a regular file with other hard links: writing it would change the file behind them too."""
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        raise LinkRefused(f"'{rel}' has {st.st_nlink - 1} other hard link(s); Kayas does not change such files "
                          "(the same bytes may live outside the workspace)")


def rename_noreplace(src_dir: int, src: str, dst_dir: int, dst: str) -> None:
    """Move an entry without replacing one that exists (renameat2 RENAME_NOREPLACE where there is one)."""
    if _libc is not None and hasattr(_libc, "renameat2"):
        rc = _libc.renameat2(src_dir, os.fsencode(src), dst_dir, os.fsencode(dst), _RENAME_NOREPLACE)
        if rc == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS):  # EINVAL: this file system has no NOREPLACE
            raise OSError(err, os.strerror(err), dst)
    if lstat_at(dst_dir, dst) is not None:
        raise FileExistsError(errno.EEXIST, "exists", dst)
    os.rename(src, dst, src_dir_fd=src_dir, dst_dir_fd=dst_dir)


def fsync_dir(dirfd: int) -> None:
    """Make a rename or a new entry in this folder durable."""
    with contextlib.suppress(OSError):
        os.fsync(dirfd)


def write_all(fd: int, data: bytes) -> None:
    """Every byte of ``data`` to ``fd`` (os.write may write fewer than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def copy_fd(src: int, dst: int) -> None:
    """Every byte of ``src`` (from its start) to ``dst``, then synced."""
    os.lseek(src, 0, os.SEEK_SET)
    while chunk := os.read(src, 1 << 20):
        write_all(dst, chunk)
    os.fsync(dst)
