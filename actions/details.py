"""Answering the details a person gives: on their own (action_acknowledge_details), or inside their story
(action_acknowledge_situation), so that nothing they said is ignored."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.platforms import platform_message, platforms_named
from actions.police import police_messages
from actions.replies import render
from actions.slots import REQUESTED_DETAIL, latest_entity, slots_of, whereabouts
from knowledge.context import mentions_being_outed, mentions_deadline, mentions_image_from_under_18


def details_heard(tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
    """Replies to the place and apps named in the latest message, and the slot changes they bring."""
    slots = slots_of(tracker)
    where = whereabouts(tracker)
    messages = police_messages(domain, slots, where) if where.named_now else []
    named, remembered = platforms_named(tracker)
    messages += [platform_message(domain, slots, platform_id) for platform_id in dict.fromkeys(named)]
    return messages, where.events + remembered


def what_changes_the_route(tracker: Tracker, domain: dict[str, Any]) -> Messages:
    """Said in passing, these change where to turn: an image from before 18 (Take It Down, for someone 18 or
    over now; under-18s get it already) and a threat to out them (Galop)."""
    text = tracker.latest_message.get("text") or ""
    slots = slots_of(tracker)
    names: list[str] = []
    if slots.get("role") == "self" and slots.get("age_group") != "under_18" and mentions_image_from_under_18(text):
        names.append("utter_image_from_under_18")
    if mentions_being_outed(text):
        names.append("utter_faq/lgbt_outing")
    return [render(domain, name, slots) for name in names]


class ActionAcknowledgeDetails(ReplyAction):
    action_name = "action_acknowledge_details"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        messages, events = details_heard(tracker, domain)
        messages += what_changes_the_route(tracker, domain)
        if latest_entity(tracker, "age_group"):
            # What changes with the age, so that saying it was worth it.
            messages.append(render(domain, "utter_age_routes", slots_of(tracker)))
        if not (messages or latest_entity(tracker, "age_group") or latest_entity(tracker, "role")):
            messages.append(render(domain, "utter_no_detail_found", slots_of(tracker)))
        return messages, events + [SlotSet(REQUESTED_DETAIL, None)]


class ActionAcknowledgeSituation(ReplyAction):
    """After the core steps: what the story itself said (money paid, a deadline, the app, the town).

    It also notes that the core steps were given, so a second telling gets a
    shorter answer. If the action server is down, the advice has still been
    given by the plain responses before it.
    """

    action_name = "action_acknowledge_situation"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        text = tracker.latest_message.get("text") or ""
        messages: Messages = []
        # A follow-up question was just answered on its own terms: add only the place and the app.
        answered_a_question = (tracker.latest_message.get("intent") or {}).get("name") == "faq"
        if latest_entity(tracker, "paid") and not answered_a_question:
            messages.append(render(domain, "utter_already_paid", slots))
        if mentions_deadline(text) and not answered_a_question:
            messages.append(render(domain, "utter_faq/deadline", slots))
        if not answered_a_question:
            messages += what_changes_the_route(tracker, domain)
        details, events = details_heard(tracker, domain)
        return messages + details, events + [SlotSet("advice_given", True)]
