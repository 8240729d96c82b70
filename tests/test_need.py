"""conftest.need: a skip that names what is missing, or with KAYAS_REQUIRE_ALL=1 (CI) a failure."""
from __future__ import annotations

import pytest

from conftest import REQUIRE_ALL, need, need_module


def test_what_is_there_goes_on(monkeypatch):
    monkeypatch.setenv(REQUIRE_ALL, "1")
    need("Xvfb", True, "apt-get install xvfb")
    assert need_module("json", "the standard library").dumps([]) == "[]"


def test_locally_a_missing_thing_is_a_skip_that_names_it(monkeypatch):
    monkeypatch.delenv(REQUIRE_ALL, raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^Xvfb is missing \(apt-get install xvfb\)$"):
        need("Xvfb", False, "apt-get install xvfb")


def test_with_the_switch_a_missing_thing_is_a_failure_that_names_it(monkeypatch):
    monkeypatch.setenv(REQUIRE_ALL, "1")
    with pytest.raises(pytest.fail.Exception, match=r"^KAYAS_REQUIRE_ALL=1 but Xvfb is missing \(apt-get install xvfb\)$"):
        need("Xvfb", False, "apt-get install xvfb")
    with pytest.raises(pytest.fail.Exception, match="the Python package no_such_module_here is missing"):
        need_module("no_such_module_here", "pip install it")
