"""action_acknowledge_details: answers a detail the person just gave us."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.platforms import platform_message
from actions.police import police_messages
from actions.replies import render
from actions.slots import REQUESTED_DETAIL, latest_entity, slots_of, whereabouts


class ActionAcknowledgeDetails(ReplyAction):
    action_name = "action_acknowledge_details"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        where = whereabouts(tracker)
        messages = police_messages(domain, slots, where) if where.named_now else []
        platform_id = latest_entity(tracker, "platform")
        if platform_id:
            messages.append(platform_message(domain, slots, platform_id))
        if not (messages or latest_entity(tracker, "age_group")):
            messages.append(render(domain, "utter_no_detail_found", slots))
        return messages, where.events + [SlotSet(REQUESTED_DETAIL, None)]
