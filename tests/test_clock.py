"""clock.now reads this machine's clock in its time zone, and says it in words."""
from __future__ import annotations

import time
from datetime import datetime

import pytest

from kayas.registry import default_registry
from kayas.tools.clock import now


@pytest.fixture
def zone(monkeypatch):
    def set_zone(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("tz,name", [("UTC", "UTC"), ("Asia/Kolkata", "IST"), ("America/New_York", None)])
def test_now_in_the_local_zone(zone, tz, name):
    zone(tz)
    before = datetime.now().astimezone()
    out = now()
    after = datetime.now().astimezone()
    got = datetime.fromisoformat(out["iso"])
    assert before.replace(microsecond=0) <= got <= after
    assert out["weekday"] == got.strftime("%A") and out["date"] == got.date().isoformat()
    assert out["time"] == got.strftime("%H:%M") and out["utc_offset"] == got.strftime("%z")
    if name:
        assert out["timezone"] == name
    if tz == "Asia/Kolkata":
        assert out["utc_offset"] == "+0530"


def test_summary_in_words(zone):
    zone("UTC")
    out = now()
    said = default_registry().get("clock.now").summary({}, out)
    got = datetime.fromisoformat(out["iso"])
    assert said == f"it is {got:%H:%M} on {got:%A} {got.day} {got:%B} {got.year} (UTC)"


def test_read_only():
    t = default_registry().get("clock.now")
    assert t.read_only and not t.destructive and t.category == "clock"


def test_doctor_line(zone):
    from kayas.cli.doctor_cmd import check_clock

    zone("Asia/Kolkata")
    assert (check_clock().ready, check_clock().detail) == (True, "local time zone IST")
