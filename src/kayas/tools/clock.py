"""The date, the time and the weekday."""
from __future__ import annotations

from kayas.errors import KayasError
from kayas.registry import tool


@tool(read_only=True, phrase="tell the date and time")
def now() -> dict:
    """The current date, time and weekday."""
    raise KayasError("clock.now is not built yet")
