"""`Planner`: command in, validated calls out, under the registry's grammar.

Everything that does not depend on the command happens once, in `Planner.load`: the model
is loaded and the LoRA merged, the grammar compiled for the tokenizer, and the system
prompt's KV cache computed. `plan()` then renders the chat prompt exactly as training did,
decodes under the grammar and validates through `kayas.plan.parse_plan` (which, by
construction, never fails on the grammar's output).
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from kayas.brain.confidence import Calibration, confidence
from kayas.brain.decode import ConstrainedDecoder, DecodeConfig, DecodeResult
from kayas.brain.draft import ToolGuesser
from kayas.brain.grammar import PlanGrammar
from kayas.brain.loader import Brain, load_brain
from kayas.brain.tokenizer import ChatTokenizer
from kayas.command import CommandError, clean_command  # noqa: F401 - the planner's rule, kept where callers look
from kayas.engines.base import Engine
from kayas.plan import Call, parse_plan
from kayas.prompt import with_context
from kayas.registry import Registry, default_registry

Context = Sequence[tuple[str, str]]  # a conversation's last turns, oldest first: (command, plan text)


@dataclass
class PlannerConfig:
    """Planner settings; the defaults are what the CLI uses."""

    max_command_chars: int = 2000  # longer commands are refused: no one says 2,000 characters
    threads: int | None = None  # CPU threads of the engine; None: $KAYAS_THREADS, else one per core (at most 8)
    decode: DecodeConfig = field(default_factory=DecodeConfig)


@dataclass
class PlanResult:
    """A plan with what the brain thinks of it."""

    calls: list[Call]
    text: str  # canonical compact JSON
    confidence: float  # in [0, 1]: calibrated when the adapter folder has a calibration.json
    decode: DecodeResult  # tokens, timings, the choices the confidence came from


class Planner:
    """A loaded brain that turns commands into validated calls."""

    def __init__(self, brain: Brain, registry: Registry | None = None, config: PlannerConfig | None = None):
        self.brain = brain
        self.registry = registry or default_registry()
        self.config = config or PlannerConfig()
        vocab = max(brain.engine.vocab_size, len(brain.tokenizer))
        self.grammar = PlanGrammar.build(brain.tokenizer.lltokenizer(vocab), self.registry)
        tools = ToolGuesser.for_registry(self.registry)
        self.decoder = ConstrainedDecoder(brain.engine, self.grammar, self._prefix_ids(), self.config.decode, tools)
        self.calibration = Calibration.load(brain.info.path)
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls,
        adapter: str | None = None,
        model: str | None = None,
        device: str | None = None,
        config: PlannerConfig | None = None,
        registry: Registry | None = None,
        quantize: str | None = None,
        engine: str | None = None,
    ) -> "Planner":
        """Load base + adapter in an engine (see `kayas.brain.loader`), compile the grammar, cache the prefix."""
        config = config or PlannerConfig()
        brain = load_brain(adapter, model, device, quantize=quantize, engine=engine, threads=config.threads)
        return cls(brain, registry, config)

    @property
    def tokenizer(self) -> ChatTokenizer:
        return self.brain.tokenizer

    @property
    def engine(self) -> Engine:
        return self.brain.engine

    def messages(self, command: str, context: Context = ()) -> list[dict[str, str]]:
        """The chat the brain reads: the system prompt, then the command after the conversation's
        last turns (`kayas.prompt.with_context`: none, the command alone)."""
        return [{"role": "system", "content": self.brain.system_prompt}, {"role": "user", "content": with_context(command, context)}]

    def prompt_ids(self, command: str, context: Context = ()) -> list[int]:
        """The prompt tokens, rendered by the chat template exactly as in training."""
        return self.tokenizer.chat_ids(self.messages(command, context))

    def _prefix_ids(self) -> list[int]:
        """The tokens every prompt starts with (system prompt and the user turn's header)."""
        a, b = self.prompt_ids("a"), self.prompt_ids("b")
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return a[:n]

    def decode(self, command: str, target: str | None = None, context: Context = ()) -> DecodeResult:
        """The raw decode (tokens, text, timings) for a command (after ``context``: (command, plan text) turns)."""
        text = clean_command(command, self.config.max_command_chars)
        ids = self.prompt_ids(text, context)
        with self._lock:
            return self.decoder.decode(ids, command=with_context(text, context), target=target)  # free text may come from the context

    def plan_text(self, command: str, context: Context = ()) -> str:
        """The canonical plan text (compact JSON) for a command (after ``context``'s turns)."""
        return self.decode(command, context=context).text

    def plan(self, command: str) -> list[Call]:
        """Typed, validated calls for a command, ready for the router."""
        return parse_plan(self.plan_text(command), self.registry)

    @property
    def confidence_threshold(self) -> float | None:
        """The threshold chosen on validation data for this brain (None: none was chosen)."""
        return self.calibration.threshold if self.calibration is not None else None

    @property
    def reads_context(self) -> bool:
        """Whether this brain was trained on conversations: a brain that was not is never shown the last turns."""
        return self.brain.info.reads_context

    @property
    def confidence_thresholds(self) -> dict[str, float] | None:
        """The bar per risk class chosen on the calibration set for this brain (kayas.assistant.gate)."""
        return self.calibration.thresholds if self.calibration is not None else None

    def confidence(self, result: DecodeResult) -> float:
        return confidence(result, self.calibration)

    def plan_result(self, command: str, context: Context = ()) -> PlanResult:
        """The plan, its confidence and the raw decode, for a command (after ``context``'s turns)."""
        result = self.decode(command, context=context)
        return PlanResult(parse_plan(result.text, self.registry), result.text, self.confidence(result), result)
