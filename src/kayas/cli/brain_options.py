"""The options every brain command takes (`--adapter`, `--model`, `--device`, `--engine`,
`--quantize`, `--max-new-tokens`), defined once.

`@brain_options()` adds them to a command's signature and hands the command one
`BrainArgs` (parameter `brain`) instead of five loose values; `brain.planner()` loads it.
"""
from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from kayas.errors import KayasError

AdapterOpt = Annotated[
    str | None,
    typer.Option("--adapter", "-a", help="Adapter folder from `kayas train` (default: KAYAS_ADAPTER, else the default brain)."),
]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="Base model (default: the adapter's base_model).")]
DeviceOpt = Annotated[str | None, typer.Option("--device", help="cpu, cuda or auto (default: auto).")]
QuantOpt = Annotated[
    str | None,
    typer.Option("--quantize", help="none (default; or KAYAS_QUANTIZE) or int8: int8 weights on the CPU, faster, a few plans change."),
]
EngineOpt = Annotated[
    str | None,
    typer.Option("--engine", help="llamacpp, torch or auto (default: KAYAS_ENGINE, else the fastest installed for the device)."),
]
MaxTokOpt = Annotated[int, typer.Option("--max-new-tokens", help="Most tokens a plan may cost (the budget follows the command up to this); past it the plan gives up: [].")]
MaxSecOpt = Annotated[float, typer.Option("--plan-seconds", help="Wall-clock guard per plan (0: off); past it the plan gives up: [].")]

_OPTIONS = [
    inspect.Parameter("adapter", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=AdapterOpt),
    inspect.Parameter("model", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ModelOpt),
    inspect.Parameter("device", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DeviceOpt),
    inspect.Parameter("engine", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=EngineOpt),
    inspect.Parameter("quantize", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=QuantOpt),
    inspect.Parameter("max_new_tokens", inspect.Parameter.KEYWORD_ONLY, default=256, annotation=MaxTokOpt),
    inspect.Parameter("plan_seconds", inspect.Parameter.KEYWORD_ONLY, default=1.0, annotation=MaxSecOpt),
]


def quiet() -> None:
    """Library chatter (progress bars, deprecation notes) would bury the one line of output.

    transformers is quieted through its environment variables, read when (if ever) the torch
    engine imports it: importing it here would cost every runtime command ~0.45 s."""
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    if "transformers" in sys.modules:  # already loaded (a test, the train commands): quiet it directly
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()


@dataclass
class BrainArgs:
    """Which brain to load, and how."""

    adapter: str | None = None
    model: str | None = None
    device: str | None = None
    engine: str | None = None
    quantize: str | None = None
    max_new_tokens: int = 256
    plan_seconds: float = 1.0

    def planner(self) -> Any:
        from kayas.brain.decode import DecodeConfig
        from kayas.brain.planner import Planner, PlannerConfig

        quiet()
        if self.max_new_tokens < 8:
            raise KayasError("--max-new-tokens must be at least 8")
        if self.plan_seconds < 0:
            raise KayasError("--plan-seconds must be 0 (off) or more")
        config = PlannerConfig(decode=DecodeConfig(max_new_tokens=self.max_new_tokens, max_seconds=self.plan_seconds))
        return Planner.load(self.adapter, self.model, self.device, config, quantize=self.quantize, engine=self.engine)


def brain_options(max_new_tokens: bool = True, plan_seconds: float = 1.0) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the brain options to a command whose function takes ``brain: BrainArgs``; ``plan_seconds``:
    the wall-clock guard's default (`kayas eval` scores with it off, so a figure never depends on the load)."""
    options = [p.replace(default=plan_seconds) if p.name == "plan_seconds" else p
               for p in _OPTIONS if max_new_tokens or p.name not in ("max_new_tokens", "plan_seconds")]

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        own = [p for p in inspect.signature(fn, eval_str=True).parameters.values() if p.name != "brain"]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> Any:
            brain = BrainArgs(**{p.name: kwargs.pop(p.name) for p in options})
            return fn(brain=brain, **kwargs)

        params = own + options
        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]  # what typer reads
        command.__annotations__ = {p.name: p.annotation for p in params}
        del command.__wrapped__  # typer must see the new signature, not fn's
        return command

    return wrap
