"""Programs and processes on this machine."""
from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psutil

from kayas.backends import journal, overlay, sandbox
from kayas.backends.programs import confirmation_needed, resolve_program
from kayas.errors import KayasError
from kayas.registry import TextOut, tool
from kayas.settings import load_section, workspace

_WINDOWS = sys.platform.startswith("win")


@dataclass
class ProcessConfig:
    """config.toml ``[process]``: limits for run_command."""

    command_timeout_s: float = 30.0
    output_cap_bytes: int = 64 * 1024
    kill_grace_s: float = 3.0


def _detach_kwargs() -> dict:
    if _WINDOWS:
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS  # type: ignore[attr-defined]
        return {"creationflags": flags}
    return {"start_new_session": True}


# What each call did, in words for a person (`@tool(summary=...)`, shown by `kayas run`).

def _started(args: dict, r: dict) -> str:
    if r.get("background"):
        return f"started {r['program']} (pid {r['pid']})"
    return f"ran {r['program']}: it exited with code {r['exit_code']} after {r['seconds']:g} s"


def _ran(args: dict, r: dict) -> str:
    stopped = r.get("ended") or ("time limit" if r.get("timed_out") else None)  # "ended": the sandbox's reason
    if stopped:
        head = f"ran `{r['command']}`: stopped by the {stopped} after {r['seconds']:g} s"
    else:
        head = f"ran `{r['command']}`: exit code {r['exit_code']}"
    out, err = r.get("stdout") or "", r.get("stderr") or ""
    if not out and not err:
        return "\n".join([head + ", no output", *_changed_line(r)])
    lines = [head]
    lines += [out.rstrip("\n")] if out else []
    lines += ["error output:", err.rstrip("\n")] if err else []
    if r.get("truncated"):
        lines.append("(the output was longer; only its start was kept, see the process.output_cap_bytes setting)")
    return "\n".join(lines + _changed_line(r))


def _changed_line(r: dict) -> list[str]:
    changed = r.get("changed") or []
    if not changed:
        return []
    shown = ", ".join(changed[:10]) + (f" and {len(changed) - 10} more" if len(changed) > 10 else "")
    return [f"changed: {shown} (`kayas undo` takes it back)"]


def _output(r: dict) -> str:
    """What a command printed, for a later call: its output (its errors when it printed nothing)."""
    return (r["stdout"] or r["stderr"]).rstrip("\n")


def _system(args: dict, r: dict) -> str:
    cpu, mem = r["cpu"], r["memory"]
    disks: dict[tuple[float, float], list[str]] = {}  # the workspace is often on the root disk: say it once
    for d in r["disk"].values():
        disks.setdefault((d["free_gb"], d["total_gb"]), []).append(d["path"])
    lines = [f"{free:.1f} GB free of {total:.1f} GB on {' and '.join(sorted(paths))}" for (free, total), paths in disks.items()]
    lines.append(f"memory: {mem['available_gb']:.1f} GB available of {mem['total_gb']:.1f} GB")
    lines.append(f"CPU: {cpu['logical_cores']} cores, {cpu['percent']:g} % busy; {r['hostname']}, {r['platform']}")
    return "\n".join(lines)


def _killed(args: dict, r: dict) -> str:
    if not r["matched"]:
        return f"no process called {r['name']} was running"
    text = f"ended {r['ended']} of {r['matched']} {r['name']} process{'es' if r['matched'] != 1 else ''}"
    return text + (f"; not allowed to end pids {', '.join(map(str, r['denied']))}" if r["denied"] else "")


def _processes(args: dict, rows: list) -> str:
    lines = [f"{len(rows)} processes, the largest first:"]
    for p in rows:
        mem = f"{p['memory_mb']:>8.1f} MB" if p.get("memory_mb") is not None else "       ? MB"
        lines.append(f"  {p['pid']:>7}  {mem}  {p['name']}")
    return "\n".join(lines)


@tool(summary=_started, asks=lambda args: confirmation_needed(str(args.get("program", ""))), phrase=lambda a: f"start {a['program']}" + ("" if a.get("background", True) else " in the foreground"))
def start_program(program: str, background: bool = True) -> dict:
    """Launch an application by its plain name (firefox, notepad, chrome, code).

    Args:
        program: The plain program name; it is mapped to the platform's executable.
        background: Start it detached (true) or wait for it to finish (false).
    """
    argv = resolve_program(program)
    if background:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd=workspace(), close_fds=True, **_detach_kwargs(),
        )
        return {"program": program, "executable": argv[0], "pid": proc.pid, "background": True}
    started = time.monotonic()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, cwd=workspace(), check=False)
    return {
        "program": program, "executable": argv[0], "background": False,
        "exit_code": done.returncode, "seconds": round(time.monotonic() - started, 3),
    }


def _drain(stream: IO[bytes], keep: bytearray, cap: int, over: threading.Event) -> None:
    """Read a pipe to its end, keeping the first ``cap`` bytes (so the child never blocks)."""
    for chunk in iter(lambda: stream.read(65536), b""):
        room = cap - len(keep)
        if room > 0:
            keep.extend(chunk[:room])
        if len(chunk) > max(room, 0):
            over.set()
    stream.close()


def _kill_tree(proc: subprocess.Popen) -> None:
    try:
        if _WINDOWS:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        else:
            os.killpg(proc.pid, signal.SIGKILL)  # the shell and everything it started
    except (ProcessLookupError, PermissionError):
        pass


def _end(proc: subprocess.Popen, sandboxed: bool) -> None:
    """End the command and everything it started, and return once they are gone.

    In the sandbox the pid namespace's first process (bwrap's child) is killed: the kernel then
    kills every process inside, and bwrap exits only when the last one is gone (killing bwrap
    itself would return at once, with a fork bomb's processes still being torn down)."""
    if sandboxed:
        try:
            for inner in psutil.Process(proc.pid).children():
                inner.kill()
        except psutil.Error:
            pass
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            pass
    _kill_tree(proc)
    proc.wait()


def _processes_inside(proc: subprocess.Popen) -> int:
    """How many processes the command has (bwrap's own two included); 0 once it is gone."""
    try:
        return len(psutil.Process(proc.pid).children(recursive=True)) + 1
    except psutil.Error:
        return 0


@tool(destructive=True, summary=_ran, phrase="run the shell command `{command}`", text=TextOut(_output, "the output of `{command}`"))
def run_command(command: str) -> dict:
    """Run a shell command and return its exit code and output.

    Args:
        command: The shell command line.
    """
    if not command.strip():
        raise KayasError("empty command")
    cfg = load_section("process", ProcessConfig)
    box = sandbox.SandboxConfig.load()
    why_not = sandbox.unavailable_reason() if box.enabled else "off ([sandbox] enabled = false)"
    if why_not is not None and box.enabled and box.when_unavailable == "refuse":  # the router refuses first; this is the last guard
        raise KayasError(f"no sandbox ({why_not}) and [sandbox] when_unavailable = refuse")
    copy = overlay.stage(box.undo_copy_limit_mb * 1024 * 1024) if not why_not and box.undoable else None
    argv: str | list[str] = command if why_not else sandbox.command_line(command, workspace(), box, source=copy)
    group = None if why_not else sandbox.pids_cgroup(box.max_processes + 2)  # + the sandbox's own two
    if group is not None:
        argv = sandbox.in_cgroup(list(argv), group)
    try:
        result = _run(command, argv, cfg, box, why_not, group)
        if copy is not None:  # the command wrote the copy: its changes come in now, journaled
            found = overlay.changes(copy)
            row = journal.begin("command", command, entries=[e.__dict__ for e in found],
                                workspace=str(workspace())) if found else None
            result["changed"] = overlay.apply(copy, found)
            if row is not None:
                journal.finish(row)
            result["undoable"] = True
        else:
            result["undoable"] = False
            journal.record_other("process.run_command", f"ran `{command}`")
        return result
    finally:
        if group is not None:
            sandbox.remove_cgroup(group)
        if copy is not None:
            overlay.discard(copy)


def _run(command: str, argv: str | list[str], cfg: ProcessConfig, box: sandbox.SandboxConfig, why_not: str | None,
         group: Path | None) -> dict:
    started = time.monotonic()
    proc = subprocess.Popen(
        argv, shell=isinstance(argv, str), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=workspace(), env=None if why_not else sandbox.launch_env(), **_detach_kwargs(),
    )
    out, err, over = bytearray(), bytearray(), threading.Event()
    readers = [
        threading.Thread(target=_drain, args=(proc.stdout, out, cfg.output_cap_bytes, over), daemon=True),
        threading.Thread(target=_drain, args=(proc.stderr, err, cfg.output_cap_bytes, over), daemon=True),
    ]
    for r in readers:
        r.start()
    ended = None  # why Kayas ended it: "time limit" or "process limit"
    deadline = started + cfg.command_timeout_s
    while proc.poll() is None:
        if time.monotonic() >= deadline:
            ended = "time limit"
        elif group is not None and sandbox.hit_bound(group):
            ended = "process limit"  # the kernel refused a fork: end it rather than let it spin at the bound
        elif group is None and not why_not and _processes_inside(proc) > box.max_processes + 2:  # + bwrap and its pid 1
            ended = "process limit"
        if ended:
            _end(proc, sandboxed=not why_not)
            break
        try:
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            pass
    if ended is None and group is not None and sandbox.hit_bound(group):
        ended = "process limit"  # the bound stopped it, even if it exited before the loop above saw the bound
    gone_by = time.monotonic() + 2  # a program left running in the background may hold the pipes: don't wait for it
    for r in readers:
        r.join(timeout=max(gone_by - time.monotonic(), 0))
    return {
        "command": command,
        "exit_code": None if ended else proc.returncode,
        "stdout": bytes(out).decode("utf-8", errors="replace"),
        "stderr": bytes(err).decode("utf-8", errors="replace"),
        "timed_out": ended == "time limit",
        "ended": ended,
        "truncated": over.is_set(),
        "seconds": round(time.monotonic() - started, 3),
        "sandbox": "bubblewrap" + ("" if not box.network else " (network allowed)") if not why_not else f"none: {why_not}",
    }


@tool(read_only=True, summary=_system, phrase="show the CPU, memory and disk use", text=TextOut(lambda r: _system({}, r), "the CPU, memory and disk use"))
def get_system_info() -> dict:
    """CPU, memory and disk figures of this machine."""
    mem = psutil.virtual_memory()
    disks = {}
    for label, path in (("workspace", str(workspace())), ("root", os.path.abspath(os.sep))):
        usage = psutil.disk_usage(path)
        disks[label] = {"path": path, "total_gb": _gb(usage.total), "free_gb": _gb(usage.free), "percent": usage.percent}
    return {
        "platform": platform.platform(),
        "hostname": platform.node(),
        "cpu": {
            "physical_cores": psutil.cpu_count(logical=False),
            "logical_cores": psutil.cpu_count(logical=True),
            "percent": psutil.cpu_percent(interval=0.2),
            "load_average": [round(x, 2) for x in psutil.getloadavg()],
        },
        "memory": {"total_gb": _gb(mem.total), "available_gb": _gb(mem.available), "percent": mem.percent},
        "disk": disks,
        "boot_time": psutil.boot_time(),
    }


def _gb(n: int) -> float:
    return round(n / 1024**3, 2)


def _matches(proc: psutil.Process, wanted: str) -> bool:
    """Name, executable or first argument equal to ``wanted`` (case-insensitive, .exe optional)."""
    def norm(s: str) -> str:
        s = os.path.basename(s).lower()
        return s[:-4] if s.endswith(".exe") else s

    info = proc.info
    names = [info.get("name") or "", info.get("exe") or ""] + (info.get("cmdline") or [])[:1]
    return any(n and norm(n) == wanted for n in names)


def _protected() -> set[int]:
    """This process and its ancestors: ending them would end Kayas itself."""
    me = psutil.Process()
    return {me.pid} | {p.pid for p in me.parents()}


@tool(destructive=True, summary=_killed, phrase="end every {name} process")
def kill_process(name: str) -> dict:
    """End every process with this name.

    Args:
        name: The process name, e.g. vlc.
    """
    wanted = os.path.basename(name.strip()).lower().removesuffix(".exe")
    if not wanted:
        raise KayasError("empty process name")
    skip = _protected()
    found = [
        p for p in psutil.process_iter(["name", "exe", "cmdline"])
        if p.pid not in skip and _matches(p, wanted)
    ]
    denied: list[int] = []
    for p in found:
        try:
            p.terminate()
        except psutil.NoSuchProcess:
            pass
        except psutil.AccessDenied:
            denied.append(p.pid)
    targets = [p for p in found if p.pid not in denied]
    cfg = load_section("process", ProcessConfig)
    _, alive = psutil.wait_procs(targets, timeout=cfg.kill_grace_s)
    for p in alive:  # did not take the hint
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    _, still = psutil.wait_procs(alive, timeout=cfg.kill_grace_s)
    ended = [p.pid for p in targets if p not in still]
    return {"name": name, "matched": len(found), "ended": len(ended), "pids": ended, "denied": denied}


@tool(read_only=True, summary=_processes, phrase="list the running processes", text=TextOut(lambda rows: _processes({}, rows), "the list of running processes"))
def list_processes() -> list:
    """The running processes."""
    rows = []
    for p in psutil.process_iter(["pid", "name", "username", "memory_info", "status", "create_time"]):
        info = p.info
        mem = info.get("memory_info")
        rows.append({
            "pid": info["pid"],
            "name": info.get("name") or "",
            "user": info.get("username") or "",
            "memory_mb": round(mem.rss / 1024**2, 1) if mem else None,
            "status": info.get("status") or "",
            "started": info.get("create_time"),
        })
    rows.sort(key=lambda r: -(r["memory_mb"] or 0))
    return rows
