"""action_police_contacts: how to reach the person's own police force."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import where_now
from knowledge.police import police_advice


class ActionPoliceContacts(Action):
    def name(self) -> str:
        return "action_police_contacts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        force_id, country_id, events = where_now(tracker)
        for text in police_advice(force_id, tracker.get_slot("age_group"), country_id):
            dispatcher.utter_message(text=text)
        return events
