"""Fixtures shared by the unit tests: a tracker and a dispatcher, as the action server builds them."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

TrackerFactory = Callable[..., Tracker]


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker() -> TrackerFactory:
    """Builds a tracker with the given slots and entities in the latest message."""

    def build(slots: dict[str, Any] | None = None, entities: list[dict[str, Any]] | None = None,
              intent: str = "inform", text: str = "") -> Tracker:
        return Tracker(
            sender_id="test-conversation",
            slots=slots or {},
            latest_message={"intent": {"name": intent, "confidence": 1.0},
                            "entities": entities or [], "text": text},
            events=[],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return build


def all_text(dispatcher: CollectingDispatcher) -> str:
    """Everything the action said, buttons included, as one string."""
    parts = []
    for message in dispatcher.messages:
        parts.append(message.get("text") or "")
        parts.extend(f"{b['title']} {b['payload']}" for b in message.get("buttons") or [])
    return "\n".join(parts)
