"""action_platform_report: where to report the account."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import inform_button
from knowledge.platforms import platform_advice, platform_choices


class ActionPlatformReport(Action):
    def name(self) -> str:
        return "action_platform_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        platform_id = tracker.get_slot("platform")
        dispatcher.utter_message(text=platform_advice(platform_id))
        if not platform_id:
            dispatcher.utter_message(
                text="Which app was it? I'll give you its reporting page.",
                buttons=[inform_button(name, "platform", pid) for pid, name in platform_choices()],
            )
        return []
