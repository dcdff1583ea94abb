"""Reading the tracker the same way in every action."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet


def latest_entity(tracker: Tracker, name: str) -> Any:
    """The value of an entity in the person's latest message, if any."""
    return next(tracker.get_latest_entity_values(name), None)


def inform_button(title: str, entity: str, value: str) -> dict[str, str]:
    return {"title": title, "payload": f'/inform{{"{entity}": "{value}"}}'}


def where_now(tracker: Tracker) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    """(force id, country id, events): a place named in this very message replaces one remembered before."""
    force_id, country_id = tracker.get_slot("police_force"), tracker.get_slot("country")
    if latest_entity(tracker, "police_force"):
        return force_id, None, [SlotSet("country", None)]
    if latest_entity(tracker, "country"):
        return None, country_id, [SlotSet("police_force", None)]
    return force_id, country_id, []
