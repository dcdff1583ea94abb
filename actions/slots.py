"""Reading the tracker the same way in every action."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def latest_entity(tracker: Tracker, name: str) -> Any:
    """The value of an entity in the person's latest message, if any."""
    return next(tracker.get_latest_entity_values(name), None)


def inform_button(title: str, entity: str, value: str) -> dict[str, str]:
    return {"title": title, "payload": f'/inform{{"{entity}": "{value}"}}'}
