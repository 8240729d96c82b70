"""Shared fixtures: temp user dirs for every test, a tiny model built once per session."""
from __future__ import annotations

import pytest


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
