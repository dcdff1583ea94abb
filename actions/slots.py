"""Reading the tracker the same way in every action."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from knowledge.content import service
from knowledge.places import find_place
from knowledge.situation import IN_UK

# Set when the bot has just asked where the person is, so that a bare "bath"
# or "reading" in answer is taken as the place (knowledge.places.find_place).
REQUESTED_DETAIL = "requested_detail"
ASKED_FOR_PLACE = "place"


def latest_entity(tracker: Tracker, name: str) -> Any:
    """The value of an entity in the person's latest message, if any."""
    return next(tracker.get_latest_entity_values(name), None)


def inform_button(title: str, entity: str, value: str) -> dict[str, str]:
    return {"title": title, "payload": f'/inform{{"{entity}": "{value}"}}'}


def slots_of(tracker: Tracker) -> dict[str, Any]:
    return dict(tracker.current_slot_values())


@dataclass
class Whereabouts:
    """Where the person is, as far as we know now, and the slot changes that say so."""

    force_id: str | None = None
    country_id: str | None = None
    ambiguous_place: str | None = None  # a place in several force areas: ask which
    ambiguous_forces: tuple[str, ...] = ()
    named_now: bool = False
    events: list[dict[str, Any]] = field(default_factory=list)


def whereabouts(tracker: Tracker) -> Whereabouts:
    """A place named in this very message replaces the one remembered before: people move, or correct us.

    When the bot has just asked for the town, a bare ordinary word that is
    also a place name ("bath") counts as the answer.
    """
    force_id = latest_entity(tracker, "police_force")
    location = latest_entity(tracker, "location")
    country_id = latest_entity(tracker, "country")
    if not (force_id or location or country_id) and tracker.get_slot(REQUESTED_DETAIL) == ASKED_FOR_PLACE:
        match = find_place(tracker.latest_message.get("text") or "", expecting_place=True)
        if match and match.force_ids:
            location = match.label
            force_id = match.force_ids[0] if len(match.force_ids) == 1 else None
            settled = [SlotSet("location", location), SlotSet("police_force", force_id), SlotSet("country", None),
                       SlotSet("region", IN_UK), SlotSet("emergency_number", service("emergency")["phone"])]
            return _named(force_id, None, location, match.force_ids, settled)
    if force_id:
        return _named(force_id, None, location, (force_id,), [SlotSet("country", None)])
    if location:
        match = find_place(location)
        forces = match.force_ids if match else ()
        return _named(None, None, location, forces, [SlotSet("police_force", None), SlotSet("country", None)])
    if country_id:
        return _named(None, country_id, None, (), [SlotSet("police_force", None), SlotSet("location", None)])
    force_id, country_id, place = (tracker.get_slot(name) for name in ("police_force", "country", "location"))
    if place and not (force_id or country_id):  # "Newport" told before, and which one not said yet: ask again
        match = find_place(place)
        if match and len(match.force_ids) > 1:
            return Whereabouts(ambiguous_place=place, ambiguous_forces=match.force_ids)
    return Whereabouts(force_id, country_id)


def _named(force_id: str | None, country_id: str | None, location: str | None, forces: tuple[str, ...],
           events: list[dict[str, Any]]) -> Whereabouts:
    ambiguous = not force_id and not country_id and len(forces) > 1
    return Whereabouts(
        force_id=force_id,
        country_id=country_id,
        ambiguous_place=location if ambiguous else None,
        ambiguous_forces=forces if ambiguous else (),
        named_now=True,
        events=events,
    )
