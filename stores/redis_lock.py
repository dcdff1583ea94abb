"""Rasa's Redis lock store, with each change to a conversation's lock made atomically.

In endpoints.yml, with the same settings as Rasa's `type: redis`::

    lock_store:
      type: stores.redis_lock.AtomicRedisLockStore
      url: redis
      port: 6379
      password: ${REDIS_PASSWORD}

The lock store is what makes two messages of one conversation wait for each
other when they reach different Rasa instances. Rasa 3.6's RedisLockStore reads
the conversation's ticket lock, changes it in Python and writes it back, so two
instances issuing a ticket at the same moment both read "no lock", both take
ticket 0, and both run the conversation at once; the later save then drops the
earlier turn's events (SQLTrackerStore saves only the events past the count it
finds). tests/scale caught it: "I live in Leeds" and "I'm 16" sent together,
and one of them was answered but never stored. Rasa added a fix in 2022 and
reverted it (RasaHQ/rasa#11256, #11428). Here every read-change-write of a lock
runs in a Redis transaction that retries when another instance changed the lock
in between (WATCH/MULTI), so Rasa's ticket order holds across instances.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket issuing, expiry and release are each one Redis transaction."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        """Applies `change` to the stored lock (None: there is none); a None result deletes it."""
        key = self.key_prefix + conversation_id
        outcome: list[T] = []

        def apply(pipe: Any) -> None:
            outcome.clear()
            stored = pipe.get(key)
            lock, value = change(TicketLock.from_dict(json.loads(stored)) if stored else None)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())
            outcome.append(value)

        self.red.transaction(apply, key)
        return outcome[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # as Rasa's: the caller expects a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._release(conversation_id, ticket_number, delete_when_idle=False)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._release(conversation_id, ticket_number, delete_when_idle=True)

    def _release(self, conversation_id: str, ticket_number: int, delete_when_idle: bool) -> None:
        def release(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            if delete_when_idle and not lock.is_someone_waiting():
                return None, None
            return lock, None

        self._change(conversation_id, release)
