"""The audit log: every call the router runs or refuses, one JSON line each, in KAYAS_HOME/audit.jsonl.

A call is written *before* it runs (`"status": "started"`) and again with its outcome (`ok`,
`failed`, `refused`), each line flushed to disk (fsync) before Kayas goes on, so a run killed
at any point leaves a log that holds every call that may have acted: a `started` line without
an outcome is a call that was interrupted. A line holds the time (UTC), the front end, the
command, the run's id, the call's index, tool and arguments (secrets masked: see `mask`), the
status and the error. Past `[audit] max_bytes` the file is rotated to audit.1.jsonl ...
audit.<keep>.jsonl. If the log cannot be written, the call does not run.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kayas.backends.masking import MASK, _mask_text, mask  # noqa: F401 (re-exported: the audit log's rule)
from kayas.errors import KayasError
from kayas.settings import kayas_home, load_section

LOG_NAME = "audit.jsonl"


@dataclass
class AuditConfig:
    """config.toml ``[audit]``."""

    enabled: bool = True
    max_bytes: int = 5 * 1024 * 1024  # rotate past this
    keep: int = 5  # rotated files kept: audit.1.jsonl (newest) ... audit.<keep>.jsonl


def log_path() -> Path:
    return kayas_home() / LOG_NAME


def rotated(n: int) -> Path:
    return kayas_home() / f"audit.{n}.jsonl"


class AuditLog:
    """The log of one run: who asked (front end, command) and an id shared by its calls."""

    def __init__(self, front_end: str = "library", command: str = "", config: AuditConfig | None = None) -> None:
        self.front_end = front_end
        self.command = command
        self.run = uuid.uuid4().hex[:12]
        self.config = config or load_section("audit", AuditConfig)

    def _write(self, row: dict[str, Any]) -> None:
        if not self.config.enabled:
            return
        line = (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode("utf-8", "backslashreplace")
        path = log_path()
        try:
            if path.exists() and path.stat().st_size + len(line) > self.config.max_bytes:
                self._rotate(path)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)  # one write of one line, O_APPEND: lines of two processes never interleave
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise KayasError(f"cannot write the audit log {path}: {exc.strerror}") from None

    def _rotate(self, path: Path) -> None:
        keep = max(self.config.keep, 1)
        rotated(keep).unlink(missing_ok=True)
        for n in range(keep - 1, 0, -1):
            if rotated(n).exists():
                os.replace(rotated(n), rotated(n + 1))
        os.replace(path, rotated(1))

    def _row(self, index: int, tool: str, args: dict[str, Any], status: str, error: str | None = None) -> dict[str, Any]:
        row = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "front_end": self.front_end,
            "command": _mask_text(self.command),
            "run": self.run,
            "index": index,
            "tool": tool,
            "args": mask(args),
            "status": status,
        }
        if error:
            row["error"] = _mask_text(error)
        return row

    def started(self, index: int, tool: str, args: dict[str, Any]) -> float:
        """Written (and synced) before the call runs; the OSError becomes a KayasError: then it must not run."""
        self._write(self._row(index, tool, args, "started"))
        return time.monotonic()

    def finished(self, index: int, tool: str, args: dict[str, Any], status: str, error: str | None = None,
                 since: float | None = None) -> None:
        """The outcome; a failure to write it is not the call's failure (its `started` line is there)."""
        row = self._row(index, tool, args, status, error)
        if since is not None:
            row["ms"] = round((time.monotonic() - since) * 1000, 1)
        try:
            self._write(row)
        except KayasError:
            pass


def read_recent(limit: int = 20) -> list[dict[str, Any]]:
    """The last ``limit`` calls, oldest first, one entry per call: its outcome, or `interrupted` when
    only its `started` line exists (the run was killed while it ran)."""
    rows: list[dict[str, Any]] = []
    files = [rotated(n) for n in range(AuditConfig.keep, 0, -1)] + [log_path()]
    for file in files:
        if not file.is_file():
            continue
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash mid-write
            if isinstance(row, dict) and {"run", "index", "status"} <= set(row):
                rows.append(row)
    calls: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        key = (str(row["run"]), int(row["index"]) if isinstance(row["index"], int) else -1)
        if key in calls and row["status"] != "started":
            calls[key] = {**row, "time": calls[key]["time"]}
        elif key not in calls:
            calls[key] = row
    out = list(calls.values())
    for row in out:
        if row["status"] == "started":
            row["status"] = "interrupted"
    return out[-limit:] if limit > 0 else out
