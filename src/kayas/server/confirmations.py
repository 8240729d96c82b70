"""Plans that wait for a person's yes: one-time ids that expire.

A turn with questions (a call that needs a yes, or a plan the brain is unsure of) is never
run by the request that planned it. It is kept here under a random id; `POST /confirm/{id}`
takes it out (once: a second confirm of the same id finds nothing) and answers yes to its
questions, so exactly the plan that was shown runs.
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from kayas.assistant import Turn
from kayas.errors import KayasError


class UnknownConfirmation(KayasError):
    """No plan waits under this id (never made, already used, cancelled or forgotten)."""


class ExpiredConfirmation(KayasError):
    """The plan waited past its time; plan it again."""


@dataclass
class Pending:
    id: str
    turn: Turn
    reason: str  # "destructive" or "unsure"
    created: float  # time.time(), for people
    expires: float  # time.monotonic()


class Confirmations:
    """Pending plans by id, at most ``capacity`` (the oldest is forgotten first)."""

    def __init__(self, ttl_s: float, capacity: int) -> None:
        self.ttl_s = ttl_s
        self.capacity = capacity
        self._items: OrderedDict[str, Pending] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, turn: Turn, reason: str) -> Pending:
        item = Pending(secrets.token_urlsafe(16), turn, reason, time.time(), time.monotonic() + self.ttl_s)
        with self._lock:
            self._sweep()
            self._items[item.id] = item
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return item

    def take(self, item_id: str) -> Pending:
        """The pending plan, removed: it can be taken once. Unknown or expired: an error."""
        with self._lock:
            item = self._items.pop(item_id, None)
        if item is None:
            raise UnknownConfirmation(f"no plan waits for confirmation under id '{item_id[:40]}' (already used, cancelled or never made)")
        if time.monotonic() > item.expires:
            raise ExpiredConfirmation(f"the confirmation expired after {self.ttl_s:g} s: plan the command again")
        return item

    def _sweep(self) -> None:
        """Forget what expired long ago (an expired id still says 'expired' for a while)."""
        now = time.monotonic()
        for key in [k for k, v in self._items.items() if now > v.expires + 10 * self.ttl_s]:
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)
