"""Fixtures shared by the unit tests: the domain, a tracker and a dispatcher, as the action server has them."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.situation import Situation
from tools.render_domain import render

TrackerFactory = Callable[..., Tracker]


@lru_cache(maxsize=1)
def rendered_domain() -> dict[str, Any]:
    """The domain as Rasa gives it to the action server, rendered afresh from domain.in/ and content/."""
    with TemporaryDirectory() as directory:
        return yaml.safe_load(render(target=Path(directory) / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def domain() -> dict[str, Any]:
    return rendered_domain()


def run_action(action: Action, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    return asyncio.run(action.run(dispatcher, tracker, rendered_domain()))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def tracker_with(slots: dict[str, Any] | None = None, entities: list[dict[str, Any]] | None = None,
                 intent: str = "inform", text: str = "") -> Tracker:
    """A tracker with these slots, and these entities in the latest message."""
    return Tracker(
        sender_id="test-conversation",
        slots=slots or {},
        latest_message={"intent": {"name": intent, "confidence": 1.0}, "entities": entities or [], "text": text},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def slots_for(situation: Situation) -> dict[str, Any]:
    """The slots that hold this situation (the inverse of Situation.from_slots)."""
    return {
        "age_group": situation.age_group,
        "police_force": situation.force_id,
        "country": situation.country_id,
        "platform": situation.platform_id,
        "already_paid": situation.already_paid,
        "images_shared": situation.images_shared,
        "role": "parent" if situation.helping else "self",
    }


@pytest.fixture
def make_tracker() -> TrackerFactory:
    return tracker_with


def all_text(dispatcher: CollectingDispatcher) -> str:
    """Everything the action said, buttons included, as one string."""
    parts = []
    for message in dispatcher.messages:
        parts.append(message.get("text") or "")
        parts.extend(f"{b['title']} {b['payload']}" for b in message.get("buttons") or [])
    return "\n".join(parts)
