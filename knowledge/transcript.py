"""What the assistant has already said in a conversation: read by the Rasa server and the action server alike."""
from __future__ import annotations

from collections.abc import Iterable

SESSION_STARTED, BOT = "session_started", "bot"  # Rasa's event type names


def said_since_session_start(events: Iterable[tuple[str, str | None]]) -> set[str]:
    """The texts sent since the session began, from (event type, text) pairs in the order they happened.

    The Rasa server (event objects) and the action server (event dicts) each give their
    events as pairs, so the one rule for where a session starts lives here.
    """
    said: set[str] = set()
    for kind, text in reversed(list(events)):
        if kind == SESSION_STARTED:
            break
        if kind == BOT and text:
            said.add(text)
    return said
