"""Deleting a conversation from the tracker store when the person asks (`/forget_conversation`).

Rasa 3.6 has no way to delete a conversation: `/restart` only appends an event,
and everything said stays in the store. The channels handle the command
themselves (channels.edge): the web page's "Clear conversation" and quick exit
send it, and so does the "Delete this conversation now" button the assistant
offers when asked whether it can delete what was said. The rows go at once,
under the conversation's lock, so no message in flight writes them back, in
the same way as the retention job deletes old ones (tools.retention).
"""
from __future__ import annotations

import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from sanic import Sanic

from tools.retention import delete_conversation

logger = logging.getLogger(__name__)

COMMAND = "/forget_conversation"


def sql_store(store: TrackerStore) -> SQLTrackerStore | None:
    """The SQL store inside Rasa's wrappers (AwaitableTrackerStore, FailSafeTrackerStore)."""
    while not isinstance(store, SQLTrackerStore) and hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store if isinstance(store, SQLTrackerStore) else None


async def forget_in_agent(agent: Any, sender_id: str) -> bool:
    """Deletes every stored event of the conversation; False if the store is not one this can delete from."""
    store = sql_store(agent.tracker_store)
    if store is None:
        logger.error("The conversation could not be deleted: the tracker store is not an SQL store.")
        return False
    async with agent.lock_store.lock(sender_id):
        delete_conversation(store.engine, sender_id)
    logger.info("A conversation was deleted at the person's request.")
    return True


async def forget(sender_id: str) -> bool:
    """In the running Rasa server: its one Sanic app holds the agent."""
    return await forget_in_agent(Sanic.get_app().ctx.agent, sender_id)
