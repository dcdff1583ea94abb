"""action_police_contacts: how to reach the person's own police, or the help where they live."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.replies import render
from actions.slots import ASKED_FOR_PLACE, REQUESTED_DETAIL, Whereabouts, inform_button, slots_of, whereabouts
from knowledge.content import force
from knowledge.countries import country_help
from knowledge.police import force_contacts


def country_messages(domain: dict[str, Any], slots: dict[str, Any], country_id: str) -> list[dict[str, Any]]:
    """The emergency number there first, then who can help."""
    facts = country_help(country_id, slots.get("age_group"))
    slots = {**slots, "country": country_id}
    return [render(domain, "utter_country_danger", slots, **facts),
            render(domain, "utter_country_contacts", slots, **facts)]


def police_messages(domain: dict[str, Any], slots: dict[str, Any], where: Whereabouts) -> list[dict[str, Any]]:
    """Every reply to 'how do I contact the police', most important first."""
    if where.country_id:
        return country_messages(domain, slots, where.country_id)
    if where.ambiguous_place:
        buttons = [inform_button(force(fid)["name"], "police_force", fid) for fid in where.ambiguous_forces]
        return [render(domain, "utter_ask_which_force", slots, buttons=buttons, location=where.ambiguous_place)]
    if where.force_id:
        return [render(domain, "utter_force_contacts", slots, **force_contacts(where.force_id)),
                render(domain, "utter_police_will_listen", slots)]
    return [render(domain, "utter_police_anywhere_in_uk", slots)]


def asked_for_place(where: Whereabouts) -> list[dict[str, Any]]:
    """Remember that the last reply asked for the town, when it did."""
    unsettled = not (where.force_id or where.country_id)
    return [SlotSet(REQUESTED_DETAIL, ASKED_FOR_PLACE if unsettled else None)]


class ActionPoliceContacts(ReplyAction):
    action_name = "action_police_contacts"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        where = whereabouts(tracker)
        return police_messages(domain, slots_of(tracker), where), where.events + asked_for_place(where)
