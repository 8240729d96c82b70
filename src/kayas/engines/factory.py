"""Which engine runs the brain: `--engine` / $KAYAS_ENGINE, else the fastest installed for the device.

On the CPU that is llama.cpp (about 5-10x the torch engine, README "The engines"); on CUDA it
is torch (the llama.cpp wheel is built for the CPU only). The torch engine comes with the
`train` extra; an install without it runs llama.cpp only.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kayas.config import setting
from kayas.engines.base import Engine, EngineError

ENGINE_ENV = "KAYAS_ENGINE"
CHOICES = ("auto", "llamacpp", "torch")


def installed(name: str) -> bool:
    """Whether an engine's libraries are installed (found without importing them)."""
    modules = {"llamacpp": ("llama_cpp",), "torch": ("torch", "transformers", "peft")}.get(name, ("",))
    try:
        return all(importlib.util.find_spec(m) is not None for m in modules)
    except (ImportError, ValueError):
        return False


def _nvidia_driver() -> bool:
    """An NVIDIA driver is loaded (its /proc entry or a device node): without one CUDA cannot be there."""
    return os.path.exists("/proc/driver/nvidia/version") or os.path.exists("/dev/nvidia0") or os.name == "nt"


def cuda_available() -> bool:
    """CUDA, without importing torch (a second and hundreds of MB) where torch or the driver is missing."""
    if not installed("torch") or ("torch" not in sys.modules and not _nvidia_driver()):
        return False
    import torch

    return torch.cuda.is_available()


def choose(engine: str | None = None, device: str | None = None, llamacpp_fits: Callable[[], bool] = lambda: True) -> str:
    """The engine's name for `--engine` (else $KAYAS_ENGINE, else auto) on `--device`, chosen once.

    On auto, llama.cpp is taken only where ``llamacpp_fits()`` (its merge handles this brain);
    otherwise torch, where it is installed."""
    name = (engine or setting(ENGINE_ENV) or "auto").lower()
    if name not in CHOICES:
        raise EngineError(f"engine must be one of {', '.join(CHOICES)}, got {name!r}")
    device = (device or "auto").lower()
    if not re.fullmatch(r"auto|cpu|cuda(:\d+)?", device):
        raise EngineError(f"--device must be cpu, cuda, cuda:N or auto, got {device!r}")
    if name == "auto":
        if device.startswith("cuda") or (device == "auto" and cuda_available()):
            name = "torch"
        elif installed("llamacpp") and llamacpp_fits():
            name = "llamacpp"
        elif installed("torch") or installed("llamacpp"):  # llama.cpp that cannot run it: torch, or say to install it
            name = "torch"
        else:
            raise EngineError("no engine is installed: pip install llama-cpp-python (or the train extra for torch)")
    if not installed(name):
        hint = "pip install llama-cpp-python" if name == "llamacpp" else "install the train extra: pip install 'kayas[train]'"
        raise EngineError(f"the {name} engine is not installed here: {hint}")
    if name == "llamacpp" and device.startswith("cuda"):
        raise EngineError("the llama.cpp engine runs on the CPU; use --engine torch for --device cuda")
    return name


@dataclass
class Ready:
    """A loaded engine, and the transformers model behind it when it is the torch engine."""

    engine: Engine
    model: Any = None


def make_engine(
    name: str,
    info: Any,
    base_source: Any,
    device: str | None = None,
    dtype: Any = None,
    quantize: str | None = None,
    threads: int | None = None,
) -> Ready:
    """The engine `name` with a brain (`kayas.formats.adapter.AdapterInfo`) on its base model."""
    if name == "torch":
        from kayas.engines.torch_engine import TorchEngine, load_torch_model, set_threads

        model = load_torch_model(info, base_source, device, dtype, quantize)
        if model.device.type == "cpu":
            set_threads(threads)
        return Ready(TorchEngine(model), model)
    from kayas.engines.gguf_brain import build, recipe_for
    from kayas.engines.llamacpp_engine import LlamaCppEngine

    brain = build(recipe_for(info, base_source))
    return Ready(LlamaCppEngine(brain.model, threads=threads, state_dir=brain.folder))
