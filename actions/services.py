"""action_service_contact: how to reach a service the person names ("what was the Childline number again?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.base import Events, Messages, ReplyAction
from actions.replies import render
from actions.slots import slots_of
from knowledge.content import load_content
from knowledge.situation import ABROAD


def service_fields(service_id: str) -> dict[str, Any]:
    """The fields of utter_service_contact for one service; None where it has no such way to reach it."""
    entry = load_content()["services"][service_id]
    return {f"service_{field}": entry.get(field) for field in ("name", "what", "phone", "text", "email", "url")}


class ActionServiceContact(ReplyAction):
    action_name = "action_service_contact"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        named = [s for s in tracker.get_latest_entity_values("service") if s in load_content()["services"]]
        if not named:
            return [render(domain, "utter_service_unknown", slots), render(domain, "utter_human", slots)], []
        messages = []
        for service_id in dict.fromkeys(named):
            fields = service_fields(service_id)
            abroad = slots.get("region") == ABROAD
            if abroad and not load_content()["services"][service_id].get("worldwide"):
                # Never a UK-only number to someone abroad: say so, and what helps where they are.
                messages.append(render(domain, "utter_service_uk_only", slots, **fields))
            else:
                messages.append(render(domain, "utter_service_contact", slots, **fields))
        return messages, []
