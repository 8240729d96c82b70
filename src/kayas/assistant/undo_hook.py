"""The undo journal as a router hook: one plan, one journal operation, one `kayas undo`.

The file tools record their own changes (kayas.backends.journal); any other call that changed
something (an email sent, a message posted) is noted as "other", in words, so undo can say
plainly that it cannot take it back.
"""
from __future__ import annotations

import contextlib
from typing import Any

from kayas.assistant import words
from kayas.assistant.router import CallResult, RunHook
from kayas.backends import journal
from kayas.plan import Call
from kayas.registry import Registry


class UndoJournal(RunHook):
    """Groups one plan's changes under ``command`` in the journal (and its deletions in the trash)."""

    def __init__(self, command: str, registry: Registry) -> None:
        self.command = command
        self.registry = registry

    def around(self) -> contextlib.AbstractContextManager[Any]:
        return journal.operation(self.command)

    def after_call(self, call: Call, result: CallResult) -> None:
        if result.status != "ok" or call.tool in journal.SELF_RECORDING or self.registry.get(call.tool).read_only:
            return
        journal.record_other(call.tool, words.summarize(result, call, self.registry))
