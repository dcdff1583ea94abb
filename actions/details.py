"""action_acknowledge_details: answers a detail the person just gave us."""
from __future__ import annotations

from typing import Any

from knowledge.places import find_place
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import inform_button, latest_entity
from knowledge.content import force
from knowledge.platforms import platform_advice
from knowledge.police import force_contacts


class ActionAcknowledgeDetails(Action):
    def name(self) -> str:
        return "action_acknowledge_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        force_id = latest_entity(tracker, "police_force")
        location = latest_entity(tracker, "location")
        if force_id:
            dispatcher.utter_message(
                text=f"You're in the {force(force_id)['name']} area. {force_contacts(force_id)}"
            )
        elif location:
            match = find_place(location)
            options = match.force_ids if match else ()
            # A place in two force areas: forget any earlier force and ask.
            events.append(SlotSet("police_force", None))
            dispatcher.utter_message(
                text=f"There's more than one {location}. Which police area is yours?",
                buttons=[inform_button(force(fid)["name"], "police_force", fid) for fid in options],
            )
        platform_id = latest_entity(tracker, "platform")
        if platform_id:
            dispatcher.utter_message(text=platform_advice(platform_id))
        if not (force_id or location or platform_id or latest_entity(tracker, "age_group")):
            dispatcher.utter_message(
                text="I didn't catch a town, an age or an app there. You can tell me any of them, "
                "or ask me what to do next."
            )
        return events
