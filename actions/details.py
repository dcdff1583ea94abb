"""action_acknowledge_details: answers a detail the person just gave us."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import inform_button, latest_entity
from knowledge.content import force
from knowledge.countries import country_advice
from knowledge.places import find_place
from knowledge.platforms import platform_advice
from knowledge.police import force_contacts


def where_they_are(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """Answer a place or country, and keep only the latest one: people move, or correct us."""
    force_id = latest_entity(tracker, "police_force")
    location = latest_entity(tracker, "location")
    country_id = latest_entity(tracker, "country")
    if force_id:
        dispatcher.utter_message(text=f"You're in the {force(force_id)['name']} area. {force_contacts(force_id)}")
        return [SlotSet("country", None)]
    if location:
        match = find_place(location)
        options = match.force_ids if match else ()
        dispatcher.utter_message(
            text=f"There's more than one {location}. Which police area is yours?",
            buttons=[inform_button(force(fid)["name"], "police_force", fid) for fid in options],
        )
        return [SlotSet("police_force", None), SlotSet("country", None)]
    if country_id:
        for text in country_advice(country_id, tracker.get_slot("age_group")):
            dispatcher.utter_message(text=text)
        return [SlotSet("police_force", None), SlotSet("location", None)]
    return []


class ActionAcknowledgeDetails(Action):
    def name(self) -> str:
        return "action_acknowledge_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        events = where_they_are(tracker, dispatcher)
        platform_id = latest_entity(tracker, "platform")
        if platform_id:
            dispatcher.utter_message(text=platform_advice(platform_id))
        if not (events or platform_id or latest_entity(tracker, "age_group")):
            dispatcher.utter_message(
                text="I didn't catch a town, an age or an app there. You can tell me any of them, "
                "or ask me what to do next."
            )
        return events
