"""The resident scheduler: one small process per KAYAS_HOME that fires the due timers, alarms and reminders.

Started detached by the first entry (`wake()` starts it when none listens), kept single by a
lock file, it re-reads the store and sleeps until the next due time or until a front end
writes to its wake pipe (KAYAS_HOME/scheduler.wake, a FIFO). Nothing is held in memory: an
entry due while no scheduler ran fires at the next start, marked late. It notifies through
org.freedesktop.Notifications; alarms are critical and also ring through the sound server.
Run it in the foreground with `kayas reminders scheduler`.
"""
from __future__ import annotations

import contextlib
import errno
import os
import select
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from kayas.backends import notify, schedule_store
from kayas.backends.schedule_store import Entry
from kayas.errors import KayasError
from kayas.settings import kayas_home

LOCK, WAKE, LOG = "scheduler.lock", "scheduler.wake", "scheduler.log"
LATE_AFTER_S = 2.0  # fired later than this after its time: marked late
MAX_SLEEP_S = 30.0  # re-read the store at least this often (clock changes, suspend)
RETRY_S, GIVE_UP_S = 5.0, 300.0  # a notification that fails is tried again until this long after its time
TITLES = {"timer": "Timer done", "alarm": "Alarm", "reminder": "Reminder"}
FIFO = hasattr(os, "mkfifo")


def _log(line: str) -> None:
    print(f"{datetime.now():%Y-%m-%dT%H:%M:%S.%f} {line}", flush=True)


def _try_lock(path: Path, claim: bool = True) -> IO[str] | None:
    """The held lock file (claimed: its content is our pid), or None where another scheduler holds it."""
    handle = open(path, "a+")  # noqa: SIM115 - held for the life of the process
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    if not claim:
        return handle
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def running_pid() -> int | None:
    """The pid of this KAYAS_HOME's scheduler, or None where none holds the lock."""
    path = kayas_home() / LOCK
    if not path.exists():
        return None
    held = _try_lock(path, claim=False)
    if held is not None:
        held.close()
        return None
    with contextlib.suppress(OSError, ValueError):
        return int(path.read_text().strip() or 0) or None
    return None


def _fire(entry: Entry, now: float, failing: dict[int, float], home: Path, conn: Any = None) -> None:
    late = now - entry.due
    note = f"late by {late:.0f} s" if late > LATE_AFTER_S else None
    if entry.kind == "reminder":
        body = entry.text
    else:  # a timer or alarm: its label, and the time as it was said ("pasta (10 minutes)")
        body = f"{entry.text} ({entry.said})" if entry.text else entry.said
    if note:
        body += f" (due at {datetime.fromtimestamp(entry.due):%H:%M:%S}; Kayas's scheduler was not running then)"
    try:
        notify.notify(TITLES[entry.kind], body, "critical" if entry.kind == "alarm" else "normal", conn=conn)
    except KayasError as exc:
        if now - entry.due < GIVE_UP_S:
            failing[entry.id] = now + RETRY_S
            _log(f"cannot notify {entry.kind} {entry.id} yet, trying again in {RETRY_S:g} s: {exc}")
            return
        note = f"{note + '; ' if note else ''}not shown: {exc}"
    if entry.kind == "alarm":
        notify.ring(home)
    fired = time.time()
    schedule_store.mark_fired(entry.id, fired, note)
    failing.pop(entry.id, None)
    _log(f"fired {entry.kind} {entry.id} '{entry.text}' {fired - entry.due:+.3f} s after its time" + (f" ({note})" if note else ""))


def run() -> int:
    """Fire entries as they fall due, forever; 1 at once where another scheduler already runs."""
    home = kayas_home()
    lock = _try_lock(home / LOCK)
    if lock is None:
        _log("another scheduler already runs for this KAYAS_HOME")
        return 1
    wake_fd = None
    if FIFO:
        fifo = home / WAKE
        if not fifo.exists():
            with contextlib.suppress(FileExistsError):
                os.mkfifo(fifo, 0o600)
        wake_fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # read-write: never at end of file
    if hasattr(signal, "SIGCHLD"):
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the alarm's players are reaped by the kernel, never left as zombies
    _log(f"scheduler {os.getpid()} started for {home}")
    failing: dict[int, float] = {}
    while True:
        now = time.time()
        ready = [e for e in schedule_store.due(now) if failing.get(e.id, 0) <= now]
        if ready:
            with contextlib.ExitStack() as stack:
                try:
                    conn = stack.enter_context(notify.connection())  # one connection for the whole batch
                except KayasError:
                    conn = None  # each entry tries (and fails) on its own, and is retried
                for entry in ready:
                    _fire(entry, now, failing, home, conn)
        soonest = schedule_store.next_due()
        wait = MAX_SLEEP_S if soonest is None else max(0.0, soonest - time.time())
        if failing:
            wait = max(0.0, min(wait, min(failing.values()) - time.time()))
        wait = min(wait, MAX_SLEEP_S)
        if wake_fd is None:
            time.sleep(min(wait, 1.0))
            continue
        if select.select([wake_fd], [], [], wait)[0]:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_fd, 4096)


def start() -> None:
    """Start a detached scheduler for this KAYAS_HOME (it exits at once if one runs already)."""
    home = kayas_home()
    with open(home / LOG, "ab") as log:
        if sys.platform == "win32":
            flags = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
            subprocess.Popen([sys.executable, "-m", "kayas.backends.scheduler"], stdin=subprocess.DEVNULL, stdout=log,
                             stderr=log, creationflags=flags, cwd=home)
            return
        child = subprocess.Popen([sys.executable, "-m", "kayas.backends.scheduler", "--detach"], stdin=subprocess.DEVNULL,
                                 stdout=log, stderr=log, start_new_session=True, cwd=home)
        child.wait(30)  # it forks the scheduler and exits: no zombie is left behind


def wake() -> bool:
    """Tell the scheduler the store changed; start one where none listens. True: one was listening."""
    if FIFO:
        try:
            fd = os.open(kayas_home() / WAKE, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENXIO):
                raise
        else:
            with contextlib.suppress(BlockingIOError):
                os.write(fd, b"!")
            os.close(fd)
            return True
    elif running_pid() is not None:
        return True
    start()
    return False


def undo_change(detail: dict[str, Any]) -> str:
    """Take back one journal change: an add is cancelled, a cancel is made pending again."""
    ids = [int(i) for i in detail["ids"]]
    what = detail.get("what", "it")
    if detail["action"] == "add":
        if schedule_store.set_state(ids, "cancelled"):
            return f"cancelled the {what}"
        raise KayasError(f"the {what} already fired or was cancelled")
    back = schedule_store.set_state(ids, "pending", only_from="cancelled")
    if not back:
        raise KayasError(f"the {what} is no longer cancelled")
    wake()  # the restored entries need the scheduler
    return f"restored the {what}" + (" (now past its time: it fires at once, marked late)"
                                     if any((e := schedule_store.get(i)) and e.due < time.time() for i in ids) else "")


def _main(argv: list[str]) -> int:
    if "--detach" in argv and hasattr(os, "fork"):
        if os.fork():
            return 0
        os.setsid()
    try:
        return run()
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
