"""Stand-ins for tests: tiny randomly initialised models, and a scripted planner (stand-in
brains in `kayas train`'s folder format: kayas.testing.stand_ins).

The tiny model is saved as an ordinary model directory, so it goes through exactly the
same `--model DIR` paths (train, plan, eval) as a real one, in a fraction of the time.
The scripted planner answers from a table, for tests of what happens after planning.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kayas.models import load_tokenizer, resolve
from kayas.plan import Call, dumps_plan, parse_plan
from kayas.prompt import with_context
from kayas.registry import Registry, default_registry


def make_tiny_model(out_dir: str | Path, seed: int = 0, layers: int = 2, hidden: int = 64) -> Path:
    """Write a tiny random Llama (SmolLM2's architecture and tokenizer) to out_dir."""
    from transformers import LlamaConfig, LlamaForCausalLM

    return _write_random(
        LlamaForCausalLM, LlamaConfig, out_dir, seed,
        hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers, num_key_value_heads=2,
    )


def make_tiny_gemma3(out_dir: str | Path, seed: int = 0, sliding_window: int = 512) -> Path:
    """Write a tiny random Gemma 3 (sliding-window and full attention layers, as the `gemma3`
    base has, with SmolLM2's tokenizer)."""
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    return _write_random(
        Gemma3ForCausalLM, Gemma3TextConfig, out_dir, seed,
        hidden_size=64, intermediate_size=128, num_hidden_layers=3, num_key_value_heads=1, head_dim=16,
        sliding_window=sliding_window, layer_types=["sliding_attention", "sliding_attention", "full_attention"],
    )


def _write_random(model_cls, config_cls, out_dir: str | Path, seed: int, **arch) -> Path:
    """A randomly initialised `model_cls` with SmolLM2's tokenizer, saved as a model directory."""
    import torch

    out = Path(out_dir)
    tokenizer = load_tokenizer(resolve("smollm2"))
    config = config_cls(
        vocab_size=len(tokenizer),
        num_attention_heads=4,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        **arch,
    )
    torch.manual_seed(seed)
    model_cls(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@dataclass
class ScriptedDecode:
    """The raw decode of a scripted plan (the fields the assistant and the CLI read)."""

    text: str
    seconds: float = 0.0
    forwards: int = 0
    tokens: list[int] = field(default_factory=list)


@dataclass
class ScriptedResult:
    """What `Planner.plan_result` returns: the calls, their text, a confidence, the raw decode."""

    calls: list[Call]
    text: str
    confidence: float | None
    decode: ScriptedDecode


class ScriptedPlanner:
    """A planner stand-in that answers each command with the plan it was given ([] otherwise).

    It has the planner's interface (`registry`, `plan_result`, `decode`, `plan`), so an
    `Assistant` runs on it exactly as on a loaded brain, in microseconds and without a model.
    `confidence` is one value for every command or a value per command.
    """

    def __init__(
        self,
        plans: dict[str, str | list],
        registry: Registry | None = None,
        confidence: float | dict[str, float] | None = None,
    ) -> None:
        self.registry = registry or default_registry()
        self.plans = {command: p if isinstance(p, str) else dumps_plan(p) for command, p in plans.items()}
        self.confidence = confidence
        self.asked: list[str] = []

    reads_context = True  # a stand-in for a brain trained on conversations

    def decode(self, command: str, context: Sequence[tuple[str, str]] = ()) -> ScriptedDecode:
        """The plan given for what the brain would read (`kayas.prompt.with_context`: the command
        itself when there is no context)."""
        prompt = with_context(command, context)
        self.asked.append(prompt)
        return ScriptedDecode(self.plans.get(prompt, "[]"), forwards=1)

    def plan_result(self, command: str, context: Sequence[tuple[str, str]] = ()) -> ScriptedResult:
        raw = self.decode(command, context) if context else self.decode(command)  # a stand-in may take no context
        conf = self.confidence.get(command) if isinstance(self.confidence, dict) else self.confidence
        return ScriptedResult(parse_plan(raw.text, self.registry), raw.text, conf, raw)

    def plan(self, command: str) -> list[Call]:
        return self.plan_result(command).calls
