"""The runtime (plan and run on the llama.cpp engine) needs neither torch nor transformers.

A fresh interpreter in which importing torch, transformers, peft or accelerate fails, as in an
install without the `train` extra, runs `kayas plan` and `kayas run` on a tiny brain and then
lists which of those modules ended up in sys.modules: none may.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import needs
from kayas.engines.factory import installed

pytestmark = needs("llama-cpp-python", installed("llamacpp"), "make install")

TRAIN_ONLY = ("torch", "transformers", "peft", "accelerate")

SCRIPT = """
import importlib.abc, json, sys
class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: the runtime install has no train extra)")
sys.meta_path.insert(0, NotInstalled())
from kayas.cli.main import main
sys.argv = ["kayas", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({{"code": code, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in {blocked!r})}}))
"""


@pytest.fixture(scope="module")
def adapter(tiny_model_dir, tmp_path_factory):
    from kayas.testing.stand_ins import make_random_adapter

    return str(make_random_adapter(tmp_path_factory.mktemp("runtime-lora") / "adapter", str(tiny_model_dir)))


def _kayas(args: list[str], tmp_path) -> tuple[dict, str]:
    env_code = SCRIPT.format(blocked=TRAIN_ONLY)
    out = subprocess.run(
        [sys.executable, "-c", env_code, json.dumps(args)], capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "KAYAS_WORKSPACE": str(tmp_path / "ws"), "KAYAS_HOME": str(tmp_path / "home")},
    )
    *lines, last = out.stdout.strip().splitlines()
    return json.loads(last), "\n".join(lines)


def test_plan_and_run_import_neither_torch_nor_transformers(adapter, tmp_path):
    result, stdout = _kayas(["plan", "create a file called notes.txt", "--adapter", adapter, "--max-new-tokens", "24"], tmp_path)
    assert result == {"code": 0, "loaded": []}
    json.loads(stdout)  # the plan, one line of JSON
    result, _ = _kayas(["run", "create a file called notes.txt", "--adapter", adapter, "--max-new-tokens", "24", "--yes"], tmp_path)
    assert result["loaded"] == [] and result["code"] in (0, 1)  # a random brain's plan may fail when run; it ran


def test_without_the_train_extra_the_torch_engine_is_a_clear_error(adapter, tmp_path):
    result, _ = _kayas(["plan", "hello", "--adapter", adapter, "--engine", "torch"], tmp_path)
    assert result == {"code": 2, "loaded": []}


def test_with_the_train_extra_installed_runtime_commands_still_import_neither(adapter, tmp_path):
    """The full install: torch and transformers are there to import, and still no runtime command does."""
    if not installed("torch"):
        pytest.skip("the train extra is not installed")
    script = SCRIPT.replace("sys.meta_path.insert(0, NotInstalled())", "")
    out = subprocess.run(
        [sys.executable, "-c", script.format(blocked=TRAIN_ONLY),
         json.dumps(["plan", "create a file called notes.txt", "--adapter", adapter, "--max-new-tokens", "24"])],
        capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "KAYAS_WORKSPACE": str(tmp_path / "ws"), "KAYAS_HOME": str(tmp_path / "home")},
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "loaded": []}, out.stderr
