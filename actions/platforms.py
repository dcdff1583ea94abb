"""action_platform_report: where to report the account."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import inform_button, where_now
from knowledge.platforms import platform_advice, platform_choices
from knowledge.police import police_advice


class ActionPlatformReport(Action):
    def name(self) -> str:
        return "action_platform_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        platform_id = tracker.get_slot("platform")
        # "I'm in Leeds, who do I report to?" could mean the app or the police: answer both.
        force_id, country_id, events = where_now(tracker)
        if events:
            for text in police_advice(force_id, tracker.get_slot("age_group"), country_id):
                dispatcher.utter_message(text=text)
        dispatcher.utter_message(text=platform_advice(platform_id))
        if not platform_id:
            dispatcher.utter_message(
                text="Which app was it? I'll give you its reporting page.",
                buttons=[inform_button(name, "platform", pid) for pid, name in platform_choices()],
            )
        return events
