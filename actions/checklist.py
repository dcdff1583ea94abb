"""action_build_checklist: the personalised reporting checklist."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.platforms import platform_buttons, platform_message
from actions.police import country_messages
from actions.replies import fill, render
from actions.slots import ASKED_FOR_PLACE, REQUESTED_DETAIL, slots_of
from knowledge.checklist import checklist_for
from knowledge.countries import country_help
from knowledge.police import force_contacts
from knowledge.situation import Situation
from knowledge.transcript import said_since_session_start


def personal_fields(domain: dict[str, Any], slots: dict[str, Any], situation: Situation) -> dict[str, Any]:
    """What the steps' {fields} say for this person, worded by the same replies the bot gives on their own."""
    fields: dict[str, Any] = dict.fromkeys(
        ("platform_report", "force_contacts", "country_emergency", "country_contacts"), None
    )
    if situation.platform_id:
        fields["platform_report"] = platform_message(domain, slots, situation.platform_id)["text"]
    if situation.force_id:
        fields["force_contacts"] = render(domain, "utter_force_contacts", slots,
                                          **force_contacts(situation.force_id))["text"]
    if situation.country_id:
        fields["country_emergency"] = country_help(situation.country_id, situation.age_group)["country_emergency"]
        fields["country_contacts"] = country_messages(domain, slots, situation.country_id)[1]["text"]
    return fields


def next_question(situation: Situation) -> tuple[str, list[dict[str, str]]] | None:
    """The one missing detail that would change the checklist most: (response, buttons from content)."""
    if not situation.age_group:
        return "utter_checklist_ask_age_group", []
    if not (situation.force_id or situation.country_id):
        return "utter_checklist_ask_place", []
    if not situation.platform_id:
        return "utter_checklist_ask_platform", platform_buttons()
    return None


class ActionBuildChecklist(ReplyAction):
    action_name = "action_build_checklist"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        situation = Situation.from_slots(slots)
        fields = personal_fields(domain, slots, situation)
        steps = [text for text in (fill(step, fields) for step in checklist_for(situation)) if text]
        numbered = [f"{n}. {step}" for n, step in enumerate(steps, 1)]
        message = render(domain, "utter_checklist", slots, checklist_steps=numbered)
        message["json_message"] = {"checklist": {**message["json_message"]["checklist"], "steps": steps}}
        if message["text"] in said_since_session_start((e.get("event"), e.get("text")) for e in tracker.events):
            return [render(domain, "utter_checklist_again", slots)], []
        messages = [message]
        question = next_question(situation)
        if question:
            response, buttons = question
            messages.append(render(domain, response, slots, buttons=buttons))
        asked = question is not None and question[0] == "utter_checklist_ask_place"
        # The checklist holds the core steps: a first follow-up question need not repeat them.
        return messages, [SlotSet(REQUESTED_DETAIL, ASKED_FOR_PLACE if asked else None), SlotSet("advice_given", True)]
