"""action_offer_likely_answers: for a message we could not read clearly, the likeliest answers as buttons.

Never a dead end: instead of "sorry, I didn't follow", the person sees the two
or three questions the message most probably asks (from the classifier's and
the follow-up selector's rankings), each a button that asks it in plain words.
Only a message that resembles nothing we know gets the plain "say it another way".
Before the core steps were given, they come first.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import Events, Messages, ReplyAction
from actions.replies import render
from actions.slots import slots_of

MAX_SUGGESTIONS = 3
# Below this, a guess is noise rather than a likely meaning.
MIN_CONFIDENCE = 0.05
RETRIEVAL_INTENT = "faq"


def likely_keys(parse: dict[str, Any], known: set[str]) -> list[str]:
    """Intents and follow-up topics the message most likely means, best first, among those we can offer."""
    scored: list[tuple[float, str]] = []
    for ranked in parse.get("intent_ranking") or []:
        name, confidence = ranked.get("name"), ranked.get("confidence") or 0.0
        if name == RETRIEVAL_INTENT:
            selector = (parse.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
            for topic in (selector.get("ranking") or [])[:MAX_SUGGESTIONS]:
                key = topic.get("intent_response_key")
                scored.append((confidence * (topic.get("confidence") or 0.0), key))
        else:
            scored.append((confidence, name))
    ordered = [key for confidence, key in sorted(scored, reverse=True) if key in known and confidence >= MIN_CONFIDENCE]
    return list(dict.fromkeys(ordered))[:MAX_SUGGESTIONS]


class ActionOfferLikelyAnswers(ReplyAction):
    action_name = "action_offer_likely_answers"

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        slots = slots_of(tracker)
        titles = domain["responses"]["utter_offer_likely_answers"][0]["custom"]["suggestions"]
        keys = likely_keys(tracker.latest_message or {}, set(titles))
        if not keys:
            return [render(domain, "utter_default", slots)], []
        buttons = [{"title": titles[key], "payload": titles[key]} for key in keys]
        message = render(domain, "utter_offer_likely_answers", slots, buttons=buttons)
        message.pop("json_message", None)
        if tracker.get_slot("advice_given"):
            return [message], []
        # Nothing clear yet, and the core steps not given: give them, then the likeliest questions.
        return [render(domain, "utter_core_steps", slots), message], [SlotSet("advice_given", True)]
