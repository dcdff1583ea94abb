"""Recognising a webhook call already answered: the same Telegram update, Twilio message or Messenger event.

A signed call stays valid when it is sent again, so anyone who captures one
can replay it, and the platforms themselves retry when an answer is slow.
Either way the person would get the same answers twice. Each connector asks
`REPLAYS.first_time(...)` with the platform's own id of the message.

The ids are kept in this process's memory, bounded and for a day: the
platforms retry for minutes, and a replay after a restart or on another
instance is answered once more (docs/security.md).
"""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class SeenIds:
    """The ids of recent calls, the oldest forgotten first."""

    def __init__(self, max_entries: int = 200_000, ttl: float = 24 * 3600,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self.max_entries, self.ttl, self.clock = max_entries, ttl, clock

    def first_time(self, channel: str, message_id: object) -> bool:
        """True the first time an id is seen (and for calls without one); False for a replay."""
        if message_id in (None, ""):
            return True
        key, now = f"{channel}:{message_id}", self.clock()
        while self._seen and next(iter(self._seen.values())) < now - self.ttl:
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        while len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return True


REPLAYS = SeenIds()
