"""Grammar-constrained greedy decoding, built for latency.

Per command the work is: one forward pass over the command's tokens (the system prompt's
KV cache is computed once at load and cropped back after each command), then one forward
pass per token the model really chooses. Tokens the grammar forces (punctuation, keys,
the rest of a tool name) ride along in the next forward pass instead of costing a pass
each, and so do guessed tokens (`kayas.brain.draft`), each checked against the model's
choice at its position, so the output is exactly that of step-by-step decoding. The mask
comes from llguidance as a bitmask that numpy unpacks to allowed ids (llguidance's
`apply_token_bitmask_inplace` costs ~1 s a call on CPU). Decoding stops at the closing `]`.

The worst case is bounded twice: a token budget that follows the command and the tools
(`kayas.brain.budget`: 82 tokens plus 2 per command token on the shipped brain, at most
`max_new_tokens`) and a wall-clock guard (`max_seconds`). A plan that would need more gives
up: the answer is `[]`, marked `truncated` (and `timed_out` for the clock), whose confidence
is 0, so nothing half-planned ever runs. A plan fits the budget when its whole token count
does, so the verdict is the same with drafts and fast-forward as step by step.

The model itself runs in an engine (`kayas.engines`: torch, llama.cpp) behind one small
protocol: keep a prefix, feed tokens, logits of the allowed ids at chosen rows, roll back.
This module is only the grammar, the fast-forward, the drafts and the copy bias; logits come
back as numpy arrays, so choosing is the same code whatever the engine.

Free text cannot run away: a string value may hold at most `len(command) + string_slack`
bytes (everything in a plan's strings comes from the command, plus the contract's fixed
prefixes such as a search URL); at the cap the string is closed and the plan goes on, marked
`capped`. Each choice the model makes is recorded with its probability under the grammar
(`Choice`), from which `kayas.brain.confidence` derives the plan's confidence.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kayas.brain.budget import PlanBudget
from kayas.brain.copying import CopyBias, open_string_start, string_key
from kayas.brain.draft import ToolGuesser, guess_bytes
from kayas.brain.grammar import PlanGrammar
from kayas.engines.base import Engine
from kayas.plan import PlanError

_CLOSERS = frozenset(b'"]}')
_CACHED_MASK_MAX = 4096  # masks of at most this many ids are kept per grammar state
_MASK_CACHE_SIZE = 20_000  # states kept (then the cache starts over): a few MB


@dataclass
class DecodeConfig:
    """How to decode; the defaults are what `kayas plan` uses."""

    max_new_tokens: int = 256  # the budget's ceiling: a plan that needs more tokens gives up ([])
    budget_per_token: float = 2.0  # the budget: kayas.brain.budget's fixed part + this many per command token; <=0: max_new_tokens only
    max_seconds: float = 0.0  # wall-clock guard per decode: past it the plan gives up ([]); <=0: off (the library's
    # default, so a score never depends on the machine; the commands that answer a person set 1 s: --plan-seconds)
    temperature: float = 0.0  # 0: greedy
    seed: int = 0  # for temperature > 0
    fast_forward: bool = True  # forced tokens in one forward pass (False: one pass per token)
    draft: bool = True  # guessed tokens ride along and are verified (needs fast_forward)
    max_draft: int = 24  # at most this many forced + guessed tokens per pass
    reuse_cache: bool = True  # start from the system prompt's KV cache (and the longest common prefix with the last prompt)
    mask_cache: bool = True  # keep narrow grammar masks per plan prefix, across commands
    head_subset_max: int = 4096  # up to this many allowed tokens, multiply only their LM-head rows
    copy_bonus: float = 2.0  # logits added to tokens that go on copying the command inside free text (kayas.brain.copying; 0: off)
    string_slack: int = 64  # a string holds at most len(command) + this many bytes (then it is closed); <0: no cap


@dataclass
class Timings:
    """Where one decode spent its time, in seconds."""

    forward: float = 0.0
    head: float = 0.0
    mask: float = 0.0
    grammar: float = 0.0  # consuming tokens and computing fast-forward tokens
    draft: float = 0.0  # guessing tokens (masks included)

    def as_ms(self) -> dict[str, float]:
        return {k: round(v * 1000, 3) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Choice:
    """One position where the model chose among several allowed tokens.

    `kind` says what was being chosen: "start" (the first choice: `[]` or a call), "tool"
    and "action" (inside a tool or browser-action name), "more" (after a call or step: another
    one or the end), "value" (inside an argument's text), "other" (numbers, booleans).
    """

    kind: str
    prob: float  # the chosen token's probability among the allowed tokens
    allowed: int  # how many tokens the grammar allowed there


@dataclass
class DecodeResult:
    tokens: list[int]  # the plan's tokens, forced ones included (those of `[]` when truncated)
    text: str
    prompt_tokens: int  # tokens fed for the prompt (after the cached prefix)
    forwards: int  # forward passes of the model body
    chosen: int  # positions where the model chose (guesses checked included)
    drafted: int  # guessed tokens the model confirmed
    truncated: bool  # the budget (tokens or seconds) ran out: the plan gave up and `text` is "[]"
    seconds: float
    timings: Timings = field(default_factory=Timings)
    choices: list[Choice] = field(default_factory=list)
    capped: bool = False  # a string reached its length cap and was closed there
    budget: int = 0  # the token budget of this command
    spent: int = 0  # tokens generated, those of a plan that gave up included
    timed_out: bool = False  # the wall-clock guard, not the token budget, ended it


class ConstrainedDecoder:
    """One engine + one plan grammar + the engine's kept system-prompt prefix. Not thread-safe."""

    def __init__(
        self, engine: Engine, grammar: PlanGrammar, prefix_ids: list[int], config: DecodeConfig | None = None, tools: ToolGuesser | None = None
    ):
        self.config = config or DecodeConfig()
        self.tools = tools
        self.engine = engine
        self.vocab = engine.vocab_size
        self.grammar = grammar
        self._fresh = grammar.matcher()  # copied per decode: never reset (see _restore)
        self.matcher = self._fresh.deep_copy()
        self.eos = grammar.tokenizer.eos_token
        n_words = (grammar.tokenizer.vocab_size + 31) // 32
        self._bitmask = np.zeros(n_words, dtype=np.int32)
        self.token_bytes = [grammar.tokenizer.decode_bytes([i]) for i in range(self.vocab)]
        closers = [i for i, b in enumerate(self.token_bytes) if b and set(b) <= _CLOSERS]
        # Leave a string first (a leading quote), then close objects and lists, longest first.
        order = sorted(closers, key=lambda i: (not self.token_bytes[i].startswith(b'"'), -len(self.token_bytes[i])))
        self._closers = np.array(order, dtype=np.int64)
        self._open_id = _single_token(grammar.tokenizer, b'{"')
        self._quote = _single_token(grammar.tokenizer, b'"')
        self.copy = CopyBias(self.token_bytes)
        self.prefix_ids = list(prefix_ids)
        self._kept: list[int] = list(prefix_ids)  # what the engine's cache holds between decodes: the last prompt
        self._rows: dict[int, int] = {}  # draft position -> row of the engine's last feed
        self._masks: dict[tuple[int, ...], np.ndarray] = {}  # the plan's tokens so far -> narrow mask
        self.budget = PlanBudget.for_schema(grammar.schema, lambda data: len(grammar.tokenizer.tokenize_bytes(data)))
        engine.prefill(self.prefix_ids)

    # -- pieces -------------------------------------------------------------------------

    def allowed_ids(self, key: tuple[int, ...] | None = None) -> np.ndarray:
        """The token ids the grammar allows next, from llguidance's bitmask.

        `key`: the plan's tokens so far, which fix the grammar's state. Narrow masks (keys, tool
        and action names, the structure) come back from a cache shared by every command; the wide
        ones (inside free text: nearly the whole vocabulary) are computed each time.
        """
        if not self.config.mask_cache:
            key = None
        if key is not None and (hit := self._masks.get(key)) is not None:
            return hit
        ids = self._compute_mask()
        if key is not None and len(ids) <= _CACHED_MASK_MAX:
            if len(self._masks) >= _MASK_CACHE_SIZE:
                self._masks.clear()
            self._masks[key] = ids
        return ids

    def _compute_mask(self) -> np.ndarray:
        m = self._bitmask
        self.matcher.unsafe_compute_mask_ptr(m.ctypes.data, m.nbytes)
        bits = np.unpackbits(m.view(np.uint8), bitorder="little")[: self.vocab]
        ids = np.flatnonzero(bits)
        if len(ids) > 1:
            ids = ids[ids != self.eos]
        return ids

    def _copy_bias(self, logits: np.ndarray, ids: np.ndarray, done: bytes, command: bytes) -> np.ndarray:
        candidates = self.copy.candidates(done, command)
        if not candidates:
            return logits
        wanted = np.asarray(candidates)
        at = np.searchsorted(ids, wanted)  # ids is sorted: a lookup per candidate, no pass over the allowed ids
        inside = at < len(ids)
        at, wanted = at[inside], wanted[inside]
        at = at[ids[at] == wanted]
        out = logits.copy()
        out[at] += np.float32(self.config.copy_bonus)
        return out

    def _pick(self, logits: np.ndarray, ids: np.ndarray, rng: np.random.Generator | None) -> int:
        t = self.config.temperature
        if t and t > 0 and rng is not None:
            probs = _softmax(logits / t)
            return int(ids[int(rng.choice(len(ids), p=probs))])
        return int(ids[int(np.argmax(logits))])

    def _closing(self, ids: np.ndarray) -> int | None:
        """At a string's cap: an allowed token made only of `"`, `}` and `]` that ends a string first."""
        hits = self._closers[np.isin(self._closers, ids)]
        return int(hits[0]) if len(hits) else None

    def _target_pick(self, ids: np.ndarray, done: bytes, target: "_Target") -> int | None:
        """Follow a known plan text in its canonical tokenization (else the longest allowed piece)."""
        k = target.boundary.get(len(done))
        if k is not None and target.data.startswith(done) and _has(ids, target.ids[k]):
            return target.ids[k]
        rest = target.data[len(done):] if target.data.startswith(done) else b""
        best, best_len = None, 0
        for i in ids if rest else ():
            b = self.token_bytes[i]
            if len(b) > best_len and rest.startswith(b):
                best, best_len = int(i), len(b)
        return best

    def _choose(self, run: "_Run", row: int, ids: np.ndarray, done: bytes) -> int:
        """The token at one position: the target's or the model's."""
        run.chosen += 1
        if run.target is not None:
            token = self._target_pick(ids, done, run.target)
            if token is not None:
                return token
        if self._over_cap(run, done):
            token = self._quote if _has(ids, self._quote) else self._closing(ids)
            if token is not None and self.token_bytes[token].startswith(b'"'):
                run.capped = True  # the string closes here; what follows is the model's choice again
                return token
        t0 = time.perf_counter()
        logits = self.engine.logits(row, ids, whole=len(ids) > self.config.head_subset_max)  # (N,) float32
        if self.config.copy_bonus and run.command and len(ids) > 1:
            logits = self._copy_bias(logits, ids, done, run.command)
        token = self._pick(logits, ids, run.rng)
        if len(ids) > 1:
            prob = float(_softmax(logits)[int(np.searchsorted(ids, token))])
            run.choices.append(Choice(position_kind(done), prob, len(ids)))
        run.timings.head += time.perf_counter() - t0
        return token

    def _over_cap(self, run: "_Run", done: bytes) -> bool:
        """Whether the string being written already holds as much as the command can account for."""
        slack = self.config.string_slack
        if slack < 0:
            return False
        start = open_string_start(done)
        return start is not None and len(done) - start - 1 >= len(run.command) + slack

    def token_budget(self, prompt_ids: list[int], command: bytes) -> int:
        """The most plan tokens this command may cost (kayas.brain.budget)."""
        cfg = self.config
        if cfg.budget_per_token <= 0:
            return cfg.max_new_tokens
        n = len(self.grammar.tokenizer.tokenize_bytes(command)) if command else max(len(prompt_ids) - len(self.prefix_ids), 0)
        return self.budget.tokens(n, cfg.budget_per_token, cfg.max_new_tokens)

    # -- the loop -----------------------------------------------------------------------

    def decode(self, prompt_ids: list[int], command: str = "", target: str | None = None) -> DecodeResult:
        """The plan for a rendered prompt; `command` (the user's words) feeds the guesses.

        `target` replaces the model's choices by a known plan text while running the same
        forward passes: the latency a perfectly trained brain would have.
        """
        cfg = self.config
        start = time.perf_counter()
        deadline = start + cfg.max_seconds if cfg.max_seconds > 0 else float("inf")
        fed = self._start(prompt_ids)
        run = _Run(pending=list(prompt_ids[fed:]), command=command.encode("utf-8"))
        limit = self.token_budget(prompt_ids, run.command)
        if target is not None:
            run.target = _Target.of(target, self.grammar.tokenizer)
        if cfg.temperature:
            run.rng = np.random.default_rng(cfg.seed)
        self.matcher = self._fresh.deep_copy()
        self._commit(run, self.matcher.compute_ff_tokens())
        try:
            while not self.matcher.is_stopped():
                if len(run.out) >= limit:
                    run.truncated = True
                    break
                if time.perf_counter() > deadline:
                    run.truncated = run.timed_out = True
                    break
                ids = self._mask(run)
                token = int(ids[0]) if len(ids) == 1 else self._step(run, ids)
                if token is not None:  # (None: a confirmed guess ended the plan)
                    self._commit(run, [token])
                    self._commit(run, self.matcher.compute_ff_tokens())
        finally:
            self._keep(prompt_ids, run.prompt_fed)
        run.truncated = run.truncated or len(run.out) > limit  # the last pass's draft may have run past it
        text = "[]" if run.truncated else run.out_bytes.decode("utf-8", errors="replace")
        tokens = self.grammar.tokenizer.tokenize_bytes(b"[]") if run.truncated else run.out
        return DecodeResult(
            tokens, text, len(prompt_ids) - fed, run.forwards, run.chosen, run.drafted, run.truncated,
            time.perf_counter() - start, run.timings, run.choices, run.capped, limit, len(run.out), run.timed_out,
        )

    def _step(self, run: "_Run", ids: np.ndarray) -> int | None:
        """One forward pass over the pending tokens plus a draft; the next token after the
        longest confirmed part of the draft (None if the draft ended the plan)."""
        cfg = self.config
        draft = self._draft(run, ids) if cfg.fast_forward and cfg.draft else _Draft([], [], ids, None)
        # The choice at draft position j is made from the output at the token before it.
        checks = [j for j, m in enumerate(draft.masks) if m is not None] + ([len(draft.tokens)] if draft.final is not None else [])
        wide = [] if run.target is not None else [j for j in checks if len(draft.mask_at(j)) > cfg.head_subset_max]
        t0 = time.perf_counter()
        self._feed(run.pending + draft.tokens, len(run.pending) - 1, checks, wide)
        run.prompt_fed = True
        run.forwards += 1 if cfg.fast_forward else len(run.pending) + len(draft.tokens)
        run.timings.forward += time.perf_counter() - t0
        run.pending.clear()
        done = run.out_bytes
        for j, d in enumerate(draft.tokens):
            if draft.masks[j] is not None:
                pick = self._choose(run, self._rows[j], draft.masks[j], done)
                if pick != d:  # the model disagrees: drop the rest of the draft, take its choice
                    extra = len(draft.tokens) - j
                    self._restore(draft.snapshot, draft.tokens[:j])
                    self.engine.rollback(self.engine.position - extra)
                    run.out_bytes = done
                    return pick
                run.drafted += 1
            run.out.append(d)
            done += self.token_bytes[d]
        run.out_bytes = done
        if draft.final is None:
            return None
        return self._choose(run, self._rows[len(draft.tokens)], draft.final, done)

    def _draft(self, run: "_Run", ids: np.ndarray) -> "_Draft":
        """Forced and guessed tokens after the current state, consumed tentatively by the grammar."""
        t0 = time.perf_counter()
        lltok = self.grammar.tokenizer
        draft = _Draft([], [], ids, self.matcher.deep_copy())
        out = run.out_bytes
        while len(draft.tokens) < self.config.max_draft:
            guess = guess_bytes(self.matcher.compute_ff_bytes(), out, run.command, _has(draft.final, self._open_id), self.tools)
            if guess is None:  # close the string: the quote plus what the grammar forces after it
                guess = self._closing_guess()
            tokens = lltok.tokenize_bytes(guess) if guess else []
            if not tokens or not self._extend(draft, tokens[: self.config.max_draft - len(draft.tokens)], run.out):
                break
            out = run.out_bytes + b"".join(self.token_bytes[t] for t in draft.tokens)
        run.timings.draft += time.perf_counter() - t0
        return draft

    def _closing_guess(self) -> bytes:
        quote = self.grammar.tokenizer.tokenize_bytes(b'"')
        if len(quote) != 1:
            return b""
        snapshot = self.matcher.deep_copy()
        after = self.matcher.compute_ff_bytes() if self.matcher.consume_token(quote[0]) else None
        self._restore(snapshot, [])
        return b"" if after is None else b'"' + after

    def _restore(self, snapshot: Any, tokens: list[int]) -> None:
        """Back to a copy of the grammar state, then forward over `tokens`.

        A copy, not `LLMatcher.rollback` or `reset`: in llguidance 1.9, a mask computed before
        a rollback leaves later masks wrong (tokens the grammar allows are missing from them).
        """
        self.matcher = snapshot
        if tokens and not self.matcher.consume_tokens(tokens):
            raise PlanError(f"internal: the grammar refused a confirmed token ({self.matcher.get_error()})")

    def _extend(self, draft: "_Draft", tokens: list[int], before: list[int]) -> bool:
        """Consume guessed tokens (each checked later) and the tokens they force; False if none fit."""
        grew = False
        for t in tokens:
            if draft.final is None or not _has(draft.final, t) or not self.matcher.consume_token(t):
                break
            draft.tokens.append(t)
            draft.masks.append(draft.final)
            grew = True
            while True:  # whatever the grammar now forces needs no check
                if self.matcher.is_stopped():
                    draft.final = None
                    return True
                forced = self.matcher.compute_ff_tokens()
                if not forced:
                    ids = self.allowed_ids(tuple(before + draft.tokens))
                    if len(ids) != 1:
                        draft.final = ids
                        break
                    forced = [int(ids[0])]
                self.matcher.consume_tokens(forced)
                draft.tokens.extend(forced)
                draft.masks.extend([None] * len(forced))
        return grew

    def _mask(self, run: "_Run") -> np.ndarray:
        t0 = time.perf_counter()
        ids = self.allowed_ids(tuple(run.out))
        if len(ids) == 0:
            raise PlanError(f"internal: the grammar allows no token ({self.matcher.get_error()})")
        run.timings.mask += time.perf_counter() - t0
        return ids

    def _commit(self, run: "_Run", tokens: list[int]) -> None:
        """Consume tokens into the grammar and queue them for the next forward pass."""
        if not tokens:
            return
        t0 = time.perf_counter()
        if not self.matcher.consume_tokens(tokens):
            raise PlanError(f"internal: the grammar refused a token ({self.matcher.get_error()})")
        run.out.extend(tokens)
        run.pending.extend(tokens)
        run.out_bytes += b"".join(self.token_bytes[t] for t in tokens)
        run.timings.grammar += time.perf_counter() - t0

    def _feed(self, tokens: list[int], base: int, checks: list[int], wide: list[int]) -> None:
        """Feed tokens; the choice at draft position j reads the output at tokens[base + j]."""
        if self.config.fast_forward:
            self._rows = {j: base + j for j in checks}
            self.engine.feed(tokens, [base + j for j in checks], [base + j for j in wide])
            return
        # The step-by-step reference: one pass per token (drafts are off, so only the last row counts).
        for k, t in enumerate(tokens):
            last = k == len(tokens) - 1
            self.engine.feed([t], [0] if last else [], [0] if last and wide else [])
        self._rows = {j: 0 for j in checks}

    def _start(self, prompt_ids: list[int]) -> int:
        """How many prompt tokens the engine's cache holds: the longest common prefix with the last
        prompt (the chat, serve and voice loops often repeat a command's start), at least the
        system prompt's, when the prompt starts with it; one token is always left to feed."""
        n = len(self.prefix_ids)
        if self.config.reuse_cache and n and prompt_ids[:n] == self.prefix_ids and len(prompt_ids) > n:
            keep = common_prefix(self._kept, prompt_ids, len(prompt_ids) - 1)
            if keep > n and self.engine.position >= keep:
                self.engine.rollback(keep)
                return keep
            self.engine.reset(keep_prefix=True)
            return n
        self.engine.reset(keep_prefix=False)
        return 0

    def _keep(self, prompt_ids: list[int], fed: bool) -> None:
        """After a decode: cut the cache back to the prompt (all of it fed) or to the prefix."""
        if fed and self.config.reuse_cache:
            self.engine.rollback(len(prompt_ids))
            self._kept = list(prompt_ids)
        else:
            self.engine.reset()
            self._kept = list(self.prefix_ids)


@dataclass
class _Draft:
    """Tokens to feed after the pending ones; masks[j] is None where the grammar forced tokens[j]."""

    tokens: list[int]
    masks: list[np.ndarray | None]
    final: np.ndarray | None  # the mask after the draft (None: the draft ends the plan)
    snapshot: Any  # the grammar state before the draft

    def mask_at(self, j: int) -> np.ndarray:
        m = self.masks[j] if j < len(self.masks) else self.final
        return m if m is not None else np.empty(0, dtype=np.int64)


@dataclass
class _Target:
    """A known plan text in the tokenizer's own tokenization, with each token's byte offset."""

    data: bytes
    ids: list[int]
    boundary: dict[int, int]

    @classmethod
    def of(cls, text: str, lltok: Any) -> "_Target":
        data = text.encode("utf-8")
        ids = lltok.tokenize_bytes(data)
        boundary, pos = {}, 0
        for k, t in enumerate(ids):
            boundary[pos] = k
            pos += len(lltok.decode_bytes([t]))
        return cls(data, ids, boundary)


@dataclass
class _Run:
    """The state of one decode."""

    pending: list[int]  # tokens consumed by the grammar but not yet fed to the model
    command: bytes = b""
    out: list[int] = field(default_factory=list)
    out_bytes: bytes = b""
    forwards: int = 0
    chosen: int = 0
    drafted: int = 0
    truncated: bool = False
    capped: bool = False
    timed_out: bool = False
    prompt_fed: bool = False  # the engine's cache holds the whole prompt
    target: _Target | None = None
    choices: list[Choice] = field(default_factory=list)
    rng: np.random.Generator | None = None
    timings: Timings = field(default_factory=Timings)


def position_kind(out: bytes) -> str:
    """What the next token of a plan whose text so far is `out` chooses (see `Choice`)."""
    if out == b"[":
        return "start"
    if open_string_start(out) is not None:
        key = string_key(out)
        return key if key in ("tool", "action") else "value"
    if out.endswith(b"}"):
        return "more"
    return "other"


def common_prefix(a: list[int], b: list[int], most: int) -> int:
    """How many first tokens a and b share, at most `most`."""
    n = min(len(a), len(b), most)
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k


def _single_token(lltok: Any, data: bytes) -> int:
    ids = lltok.tokenize_bytes(data)
    return ids[0] if len(ids) == 1 else -1


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()


def _has(ids: np.ndarray | None, token: int) -> bool:
    """Whether a sorted id array holds token."""
    if ids is None or token < 0:
        return False
    k = int(np.searchsorted(ids, token))
    return k < len(ids) and int(ids[k]) == token
