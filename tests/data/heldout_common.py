"""Plan builders and the writer shared by the third-round held-out sets (people, new tools, relabels).

The sets are written by hand from ../shared/TOOLS.md alone; these helpers only spell the calls,
so that a row reads like the command it labels. Every plan goes through ``parse_plan`` against the
built-in registry (the new tools are registered with their contract signatures), which fills the
defaults and renders the plan as the training data and the grammar write it.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kayas.plan import dumps_plan, parse_plan
from kayas.prompt import SYSTEM_PROMPT
from kayas.registry import Registry
from kayas.tools import BUILTIN_MODULES

HERE = Path(__file__).parent
Plan = list[dict[str, Any]]
NONE: Plan = []


def c(tool: str, **args: Any) -> dict[str, Any]:
    return {"tool": tool, "args": args}


# --- files
def create(name: str, content: str = "") -> dict[str, Any]:
    return c("filesystem.create_file", filename=name, content=content)


def append(name: str, content: str) -> dict[str, Any]:
    return c("filesystem.append_file", filename=name, content=content)


def delete(name: str) -> dict[str, Any]:
    return c("filesystem.delete_file", filename=name)


def archive(name: str) -> dict[str, Any]:
    return c("filesystem.archive_file", filename=name)


def read(name: str) -> dict[str, Any]:
    return c("filesystem.read_file", filename=name)


def ls(folder: str = "") -> dict[str, Any]:
    return c("filesystem.list_files", folder=folder)


def open_file(name: str) -> dict[str, Any]:
    return c("filesystem.open_file", filename=name)


def move(name: str, new_name: str) -> dict[str, Any]:
    return c("filesystem.move_file", filename=name, new_name=new_name)


# --- browser
def url(address: str) -> dict[str, Any]:
    return c("browser.open_url", url=address)


def site(domain: str) -> dict[str, Any]:
    """A bare site name: https:// + its domain."""
    return url("https://" + domain)


def google(words: str) -> dict[str, Any]:
    return url(google_url(words))


def youtube(words: str) -> dict[str, Any]:
    return url(youtube_url(words))


def google_url(words: str) -> str:
    return "https://www.google.com/search?q=" + "+".join(words.split())


def youtube_url(words: str) -> str:
    return "https://www.youtube.com/results?search_query=" + "+".join(words.split())


def steps(*s: dict[str, Any]) -> dict[str, Any]:
    return c("browser.run_steps", steps=list(s))


def step(action: str, **args: Any) -> dict[str, Any]:
    return {"action": action, "args": args}


def goto(address: str) -> dict[str, Any]:
    return step("goto", url=address)


# --- the rest of the old tools
def email(to: str, subject: str, body: str) -> dict[str, Any]:
    return c("email.send", to=to, subject=subject, body=body)


def start(program: str, background: bool = True) -> dict[str, Any]:
    return c("process.start_program", program=program, background=background)


def sh(command: str) -> dict[str, Any]:
    return c("process.run_command", command=command)


def kill(name: str) -> dict[str, Any]:
    return c("process.kill_process", name=name)


def copy(text: str) -> dict[str, Any]:
    return c("clipboard.copy_text", text=text)


def click(window: str, button: str) -> dict[str, Any]:
    return c("uia.click_button", window_title=window, button_text=button)


def type_text(window: str, text: str, field: str = "") -> dict[str, Any]:
    return c("uia.type_text", window_title=window, text=text, field=field)


def close(window: str) -> dict[str, Any]:
    return c("uia.close_window", window_title=window)


def shot(filename: str, window: str = "") -> dict[str, Any]:
    return c("uia.screenshot", filename=filename, window_title=window)


def play(query: str) -> dict[str, Any]:
    return c("spotify.play_query", query=query)


def slack(channel: str, text: str) -> dict[str, Any]:
    return c("slack.send_message", channel=channel, text=text)


def slack_search(query: str) -> dict[str, Any]:
    return c("slack.search_messages", query=query)


def find(query: str) -> dict[str, Any]:
    return c("local.search", query=query)


# --- the third round's other tools
def media(action: str) -> dict[str, Any]:
    return c("media.control", action=action)


def volume(percent: int) -> dict[str, Any]:
    return c("system.set_volume", percent=percent)


def louder(by: int) -> dict[str, Any]:
    return c("system.change_volume", by=by)


def mute(on: bool = True) -> dict[str, Any]:
    return c("system.mute", on=on)


def timer(duration: str, label: str = "") -> dict[str, Any]:
    return c("timer.start", duration=duration, label=label)


def alarm(when: str, label: str = "") -> dict[str, Any]:
    return c("alarm.set", when=when, label=label)


def remind(text: str, when: str) -> dict[str, Any]:
    return c("reminder.add", text=text, when=when)


def cancel(text: str) -> dict[str, Any]:
    return c("reminder.cancel", text=text)


SYSINFO = c("process.get_system_info")
PROCS = c("process.list_processes")
PASTE = c("clipboard.paste_text")
WINDOWS = c("uia.list_windows")
PAUSE_SPOTIFY = c("spotify.pause_playback")
NOW_PLAYING = c("spotify.get_current_playing")
PENDING = c("reminder.list")
NOW = c("clock.now")


def builtin_registry() -> Registry:
    """The built-in tools only: a plugin installed here must not make a label valid."""
    registry = Registry()
    for module in BUILTIN_MODULES:
        registry.register_module(module)
    return registry


def normalise(command: str) -> str:
    """The key two commands collide on: case, punctuation and spacing do not count."""
    return " ".join("".join(ch if ch.isalnum() or ch.isspace() else " " for ch in command.lower()).split())


def existing_commands(*names: str) -> set[str]:
    """The normalised commands of other sets in this folder (a held-out row must be new)."""
    seen: set[str] = set()
    for name in names:
        path = HERE / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                seen.add(normalise(json.loads(line)["messages"][1]["content"]))
    return seen


def render(plan: Plan, registry: Registry) -> str:
    """The canonical plan text; a plan that breaks the contract stops the script with its error."""
    try:
        return dumps_plan(parse_plan(plan, registry))
    except Exception as exc:
        raise SystemExit(f"invalid plan {plan}: {exc}") from None


def row(command: str, plan_text: str, **extra: Any) -> dict[str, Any]:
    return {
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": command},
            {"role": "assistant", "content": plan_text},
        ],
        **extra,
    }


def write(out: Path, rows: list[dict[str, Any]]) -> None:
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def summary(rows: list[dict[str, Any]], *keys: str) -> str:
    parts = []
    for key in keys:
        counts = Counter(r[key] for r in rows)
        parts.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return "\n".join(parts)


RELABELS = HERE / "relabel_round3.jsonl"


def relabel_round3(name: str, rows: list[dict[str, Any]], apply: bool = True) -> list[dict[str, Any]]:
    """The rows of scored set `name` under the third round's contract (applied on 2026-12-07, when
    the first brain that knows the third round's tools shipped): a relabelled row gets its new
    plan, an out_of_scope.jsonl row that a new tool serves leaves that set. `apply=False`: as written."""
    if not apply:
        return rows
    changes = {r["command"]: r for r in map(json.loads, RELABELS.read_text(encoding="utf-8").splitlines())
               if r["file"] == f"tests/data/{name}"}
    out = []
    for row in rows:
        change = changes.pop(row["messages"][1]["content"], None)
        if change is None:
            out.append(row)
            continue
        if row["messages"][2]["content"] != change["old_plan"]:
            raise SystemExit(f"{name}: {change['command']!r} is no longer labelled {change['old_plan']}")
        if name != "out_of_scope.jsonl":
            row["messages"][2]["content"] = change["new_plan"]
            out.append(row)
    if changes:
        raise SystemExit(f"{name}: relabels of commands it does not hold: {sorted(changes)}")
    return out
