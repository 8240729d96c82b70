"""A few hand-written examples in the data generator's format, shared by the training tests."""
from __future__ import annotations

import json
from pathlib import Path

from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import SYSTEM_PROMPT

PAIRS = [
    ("create a file called todo.txt", [{"tool": "filesystem.create_file", "args": {"filename": "todo.txt"}}]),
    ("make notes.md saying buy milk", [{"tool": "filesystem.create_file", "args": {"filename": "notes.md", "content": "buy milk"}}]),
    ("append call mom to todo.txt", [{"tool": "filesystem.append_file", "args": {"filename": "todo.txt", "content": "call mom"}}]),
    ("delete old.log", [{"tool": "filesystem.delete_file", "args": {"filename": "old.log"}}]),
    ("archive report.pdf please", [{"tool": "filesystem.archive_file", "args": {"filename": "report.pdf"}}]),
    ("play some jazz on spotify", [{"tool": "spotify.play_query", "args": {"query": "jazz"}}]),
    ("pause the music", [{"tool": "spotify.pause_playback", "args": {}}]),
    ("what song is this", [{"tool": "spotify.get_current_playing", "args": {}}]),
    ("open firefox", [{"tool": "process.start_program", "args": {"program": "firefox"}}]),
    ("how much ram is free", [{"tool": "process.get_system_info", "args": {}}]),
    ("copy hello world", [{"tool": "clipboard.copy_text", "args": {"text": "hello world"}}]),
    ("thanks!", []),
]


def conversations() -> list[dict]:
    rows = []
    for command, calls in PAIRS:
        plan = dumps_plan(parse_plan(calls))
        rows.append({"messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": command},
                                  {"role": "assistant", "content": plan}], "category": "sample"})
    return rows


def write_sample(path: Path, repeat: int = 1) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for _ in range(repeat) for row in conversations()))
    return path


def test_sample_plans_are_canonical():
    for row in conversations():
        plan = row["messages"][-1]["content"]
        assert dumps_plan(parse_plan(plan)) == plan
