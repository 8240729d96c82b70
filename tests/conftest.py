"""Shared fixtures: temp user dirs for every test, a tiny model built once per session.

`need` is the one place a test gives up because this machine lacks something (a display, a
clipboard tool, GTK, Chromium, bubblewrap, espeak-ng, an optional package). Locally that is a
skip that says what is missing; with KAYAS_REQUIRE_ALL=1 (.ci/run sets it) it is a failure, so a
package that installs but does not work can never turn a test into a silent skip in CI.
"""
from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

REQUIRE_ALL = "KAYAS_REQUIRE_ALL"


def need(what: str, available: bool, why: str = "") -> None:
    """Go on if ``available``; else skip (locally) or fail (KAYAS_REQUIRE_ALL=1), naming ``what`` is missing.

    Works at module level (the whole file) and inside a test or fixture (that test alone).
    """
    if available:
        return
    message = f"{what} is missing" + (f" ({why})" if why else "")
    if os.environ.get(REQUIRE_ALL) == "1":
        pytest.fail(f"{REQUIRE_ALL}=1 but {message}", pytrace=False)
    pytest.skip(message, allow_module_level=True)


def need_module(name: str, why: str) -> ModuleType:
    """``import name``, or `need`'s skip/failure naming the package (pytest.importorskip, under the switch)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        need(f"the Python package {name}", False, f"{why}; {exc}")
        raise  # not reached: need() skipped or failed


def needs(what: str, available: bool, why: str = "") -> pytest.MarkDecorator:
    """`need` as a mark (a decorator, a parameter's marks, a pytestmark), checked as each test is set up."""
    return pytest.mark.kayas_need(what, available, why)


def pytest_configure(config):
    config.addinivalue_line("markers", "kayas_need(what, available, why): made by conftest.needs; skips or fails the test")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("kayas_need"):
        need(*mark.args)


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path, monkeypatch):
    """Every test gets its own KAYAS_HOME and KAYAS_WORKSPACE; the model cache is shared."""
    monkeypatch.setenv("KAYAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KAYAS_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("KAYAS_EYES_WAIT_S", "0")  # a missing window fails at once; tests of the waits set their own


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """A tiny random Llama with SmolLM2's tokenizer, usable as `--model DIR`."""
    from kayas.testing import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("tiny-model"))
