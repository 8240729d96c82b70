"""The router: runs a validated plan in order, asks before destructive calls, reports as data.

Every call is checked against its tool before anything runs, so a plan with one bad call
changes nothing. Then calls run one by one; the first that fails (or is refused) stops
the plan and the rest are reported as skipped. A tool's error never escapes as an
exception: it becomes the call's ``error``.

The router knows nothing of who asks: the words for "how to allow a refused call" come
from the front end (``refusal_hint``), the calls a person already said yes to come in as
``confirmed``, and whatever must wrap one plan's execution (the undo journal's "one
operation per command", kayas.assistant.undo_hook) comes in as ``hooks``.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from kayas.assistant.audit import AuditLog
from kayas.assistant.policy import Policy
from kayas.errors import KayasError
from kayas.plan import Call, PlanError, refs_of, validate_call
from kayas.registry import Registry, default_registry

Status = Literal["ok", "failed", "skipped", "refused", "dry-run"]



class CallResult(BaseModel):
    """One call's outcome."""

    index: int
    tool: str
    args: dict[str, Any]
    status: Status
    result: Any = None
    error: str | None = None
    summary: str = ""  # the call and its outcome in words (filled by kayas.assistant)


class ExecutionReport(BaseModel):
    """Every call of a plan, in order, with what became of it."""

    results: list[CallResult]

    @property
    def ok(self) -> bool:
        return all(r.status in ("ok", "dry-run") for r in self.results)

    @property
    def first_problem(self) -> CallResult | None:
        return next((r for r in self.results if r.status in ("failed", "refused")), None)


class RunHook:
    """Something around one plan's run: ``around()`` is entered before the first call and left
    after the last; ``after_call`` sees each call that ran, with its result. The defaults do nothing."""

    def around(self) -> contextlib.AbstractContextManager[Any]:
        return contextlib.nullcontext()

    def after_call(self, call: Call, result: CallResult) -> None:
        return None


class Router:
    """Runs plans against a registry.

    ``confirm`` is asked about each destructive call (True = go ahead); without it, and
    without ``assume_yes``, destructive calls are refused, and the reason ends with
    ``refusal_hint`` (the front end's words for how to allow them). ``confirmed`` holds the
    indices of the calls a person said yes to before the run (a `Turn`'s answers); they are
    not asked again. ``hooks`` wrap the execution of each plan.
    """

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        assume_yes: bool = False,
        dry_run: bool = False,
        confirm: Callable[[Call], bool] | None = None,
        refusal_hint: str | None = None,
        confirmed: Collection[int] = (),
        hooks: Sequence[RunHook] = (),
        policy: Policy | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self.registry = registry or default_registry()
        self.assume_yes = assume_yes
        self.dry_run = dry_run
        self.confirm = confirm
        self.confirmed = frozenset(confirmed)
        self.refusal_hint = refusal_hint
        self.hooks = tuple(hooks)
        self.policy = policy or Policy.load(self.registry)  # config.toml [policy]: a bad table fails here, before anything runs
        self.audit = audit or AuditLog()  # every call run or refused, in KAYAS_HOME/audit.jsonl

    def _check(self, calls: list[Call]) -> tuple[list[Call], CallResult | None]:
        """Validate every call (defaults filled); the first invalid one, as a failed result."""
        checked = []
        for i, call in enumerate(calls):
            if call.valid_for(self.registry):  # parse_plan checked it already: validated once
                checked.append(call)
                continue
            try:
                checked.append(validate_call(call.as_json(), i, self.registry, checked))
            except (PlanError, ValidationError) as exc:
                return checked, CallResult(index=i, tool=call.tool, args=call.args, status="failed", error=str(exc))
        return checked, None

    def _allowed(self, index: int, call: Call) -> str | None:
        """None if the call may run, else why it is refused; the policy first, then the confirmation."""
        decision = self.policy.decide_call(self.registry.get(call.tool), call.args)
        if decision.action == "deny":
            return f"{call.tool} is denied by the policy: {decision.rule}"
        if decision.action == "allow" or self.assume_yes or index in self.confirmed:
            return None
        if self.confirm is None:
            default = decision.rule.startswith("default")
            why = f"{call.tool} is destructive and was not confirmed" if default else f"{call.tool} was not confirmed ({decision.rule})"
            return f"{why}: {self.refusal_hint}" if self.refusal_hint else why
        return None if self.confirm(call) else f"{call.tool} was declined"

    def _execute(self, index: int, call: Call) -> CallResult:
        def result(status: Status, **kw: Any) -> CallResult:
            return CallResult(index=index, tool=call.tool, args=call.args, status=status, **kw)

        tool = self.registry.get(call.tool)
        try:
            return result("ok", result=tool(**call.args))
        except KayasError as exc:
            return result("failed", error=str(exc))
        except Exception as exc:  # a tool's bug or an OS error: still a result, never a crash
            return result("failed", error=f"{type(exc).__name__}: {exc}")

    def _filled(self, index: int, call: Call, results: list[CallResult]) -> tuple[Call, str | None]:
        """The call with each reference replaced by the text of the call it names (which ran and
        succeeded: the router stops at the first that did not), or why that text cannot be had."""
        refs = refs_of(call)
        if not refs:
            return call, None
        args = dict(call.args)
        for arg, target in refs.items():
            source = results[target]
            text_out = self.registry.get(source.tool).text
            if source.status != "ok" or text_out is None:
                return call, f"call {target} ({source.tool}) gave no text for '{arg}': it {source.status}"
            try:
                args[arg] = text_out.get(source.result)
            except KayasError as exc:
                return call, f"call {target} ({source.tool}) gave no text for '{arg}': {exc}"
        filled = Call(tool=call.tool, args=args)
        filled._checked_by = self.registry
        return filled, None

    def _audited(self, index: int, call: Call) -> CallResult:
        """Logged before it runs (no log line, no run) and after, with its outcome."""
        try:
            since = self.audit.started(index, call.tool, call.args)
        except KayasError as exc:
            return CallResult(index=index, tool=call.tool, args=call.args, status="failed", error=str(exc))
        result = self._execute(index, call)
        self.audit.finished(index, call.tool, call.args, result.status, result.error, since)
        return result

    def run(self, calls: list[Call]) -> ExecutionReport:
        """Run ``calls`` in order; stop at the first failure or refusal (the rest are skipped)."""
        checked, invalid = self._check(calls)
        results: list[CallResult] = []
        stopped = invalid is not None
        with contextlib.ExitStack() as stack:
            for hook in self.hooks:
                stack.enter_context(hook.around())
            for i, call in enumerate(checked if not stopped else calls):
                if invalid is not None and i == invalid.index:
                    results.append(invalid)
                elif stopped:
                    results.append(CallResult(index=i, tool=call.tool, args=call.args, status="skipped"))
                elif self.dry_run:
                    results.append(CallResult(index=i, tool=call.tool, args=call.args, status="dry-run"))
                elif (why := self._allowed(i, call)) is not None:
                    results.append(CallResult(index=i, tool=call.tool, args=call.args, status="refused", error=why))
                    self.audit.finished(i, call.tool, call.args, "refused", why)
                    stopped = True
                else:
                    filled, why_not = self._filled(i, call, results)
                    if why_not is not None:
                        results.append(CallResult(index=i, tool=call.tool, args=call.args, status="failed", error=why_not))
                        stopped = True
                        continue
                    results.append(self._audited(i, filled))
                    for hook in self.hooks:
                        hook.after_call(filled, results[-1])
                    results[-1].args = call.args  # the plan as planned: a reference stays one in the report
                    stopped = results[-1].status != "ok"
        return ExecutionReport(results=results)
