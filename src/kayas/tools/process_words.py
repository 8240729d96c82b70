"""What the `process.*` tools did, in words for a person.

These belong on the tools' ``@tool(summary=...)`` like every other tool's; they live here
only while kayas.tools.process is being reworked on another branch, and kayas.assistant.words
reads them by tool name when a tool declares no summary of its own.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


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
        return head + ", no output"
    lines = [head]
    lines += [out.rstrip("\n")] if out else []
    lines += ["error output:", err.rstrip("\n")] if err else []
    if r.get("truncated"):
        lines.append("(the output was longer; only its start was kept, see the process.output_cap_bytes setting)")
    return "\n".join(lines)


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


SUMMARIES: dict[str, Callable[[dict[str, Any], Any], str]] = {
    "process.start_program": _started,
    "process.run_command": _ran,
    "process.get_system_info": _system,
    "process.kill_process": _killed,
    "process.list_processes": _processes,
}
