"""action_police_contacts: how to reach the person's own police force."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import latest_entity
from knowledge.police import police_advice


class ActionPoliceContacts(Action):
    def name(self) -> str:
        return "action_police_contacts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        force_id, country_id = tracker.get_slot("police_force"), tracker.get_slot("country")
        events: list[dict[str, Any]] = []
        # A place named in this very message replaces one remembered from before.
        if latest_entity(tracker, "police_force"):
            country_id, events = None, [SlotSet("country", None)]
        elif latest_entity(tracker, "country"):
            force_id, events = None, [SlotSet("police_force", None)]
        for text in police_advice(force_id, tracker.get_slot("age_group"), country_id):
            dispatcher.utter_message(text=text)
        return events
