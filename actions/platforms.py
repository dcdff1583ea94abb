"""action_platform_report: where to report the account."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.police import police_messages
from actions.replies import render
from actions.slots import inform_button, slots_of, whereabouts
from knowledge.content import platform
from knowledge.platforms import UNKNOWN, known_platform, platform_choices, platform_routes


def platform_message(domain: dict[str, Any], slots: dict[str, Any], platform_id: str | None) -> dict[str, Any]:
    """How to report on that app, or on any app when we don't know which."""
    if known_platform(platform_id):
        return render(domain, "utter_platform_routes", slots, **platform_routes(platform_id))
    return render(domain, "utter_platform_unknown", slots, platform_in_app=platform(UNKNOWN)["in_app"])


def platforms_named(tracker: Tracker) -> tuple[list[str], list[dict[str, Any]]]:
    """The apps named in this message, and the slot that remembers every app named so far, less any taken back."""
    named = [value for value in tracker.get_latest_entity_values("platform") if value]
    denied = set(tracker.get_latest_entity_values("platform_denied"))
    before = list(tracker.get_slot("platforms") or [])
    remembered = [p for p in before if p not in denied]
    remembered += [p for p in dict.fromkeys(named) if p not in remembered]
    return named, ([SlotSet("platforms", remembered)] if remembered != before else [])


def platform_buttons() -> list[dict[str, str]]:
    return [inform_button(name, "platform", pid) for pid, name in platform_choices()]


class ActionPlatformReport(ReplyAction):
    action_name = "action_platform_report"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        # The apps named now; otherwise every app named so far ("he's on insta and snap": both).
        named, remembered = platforms_named(tracker)
        platform_ids = named or list(tracker.get_slot("platforms") or []) or [tracker.get_slot("platform")]
        # "I'm in Leeds, who do I report to?" could mean the app or the police: answer both.
        where = whereabouts(tracker)
        messages = police_messages(domain, slots, where) if where.named_now else []
        messages += [platform_message(domain, slots, platform_id) for platform_id in dict.fromkeys(platform_ids)]
        if not any(platform_ids):
            messages.append(render(domain, "utter_ask_platform", slots, buttons=platform_buttons()))
        return messages, where.events + remembered
