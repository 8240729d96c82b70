"""The date, the time and the weekday, as this machine's clock and time zone give them."""
from __future__ import annotations

from datetime import datetime

from kayas.registry import TextOut, tool


def _said(args: dict, r: dict) -> str:
    return f"it is {r['time']} on {r['weekday']} {r['day']} {r['month_name']} {r['year']} ({r['timezone']})"


def local_now() -> datetime:
    """Now, in the local time zone (TZ, else the system's)."""
    return datetime.now().astimezone()


@tool(read_only=True, summary=_said, phrase="tell the date and time", text=TextOut(lambda r: _said({}, r), "the date and time"))
def now() -> dict:
    """The current date, time and weekday."""
    t = local_now()
    return {
        "iso": t.isoformat(timespec="seconds"),
        "date": t.date().isoformat(),
        "time": t.strftime("%H:%M"),
        "weekday": t.strftime("%A"),
        "day": t.day,
        "month_name": t.strftime("%B"),
        "year": t.year,
        "timezone": t.tzname() or t.strftime("%z"),
        "utc_offset": t.strftime("%z"),
    }
