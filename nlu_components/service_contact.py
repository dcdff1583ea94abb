"""A service named with a way to reach it ("the Childline number again?") is a request for its contact details.

Read by rule, not by the classifier: "link for StopNCII" and "how does
StopNCII work" share every word but the one that matters, and the follow-up
topics that explain a service (`faq/stopncii_how`, `faq/childline_how`) would
otherwise take both. The service comes from the lookup table
(data/lookups/services.yml); actions/services.py answers from content/.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.base import RuleComponent, answer_as

ASKS_HOW_TO_REACH = re.compile(
    r"\b(?:numbers?|no\.|link|website|site|url|web\s*address|e-?mail\s+address|contact\s+details|details\s+for"
    r"|how\s+(?:do|can|would)\s+i\s+(?:contact|reach|call|ring|phone|text|email|get\s+(?:in\s+touch|hold))"
    r"|get\s+(?:in\s+touch|hold)\s+(?:of|with)|where\s+(?:is|do\s+i\s+find|can\s+i\s+find))\b",
    re.IGNORECASE,
)
# "If I ring Samaritans, will they know who I am?", "is the StopNCII website free?": about the service, not
# how to reach it. Cross-validation found these taken for contact requests when calling or texting was enough.
ASKS_ABOUT_IT = re.compile(
    r"\b(?:free|cost|private|confidential|anonymous|know|tell|find\s+out|see|open|closed|shut|works?|say)\b",
    re.IGNORECASE,
)
# "How do I get the site to take it down?" asks for a takedown, not for the service called Take It Down:
# lower case after a word that puts a verb there. "Take It Down", "takeitdown" and "take it down's site" are the name.
_TAKE_IT_DOWN_AS_VERB = re.compile(
    r"\b(?i:to|they|he|she|them|him|her|you|we|will|would|could|can|please|and|just|ever|i['’]?ll|won['’]?t"
    r"|can['’]?t|cannot)\s+(?P<span>take it down)\b(?!\s*(?:'s|tool|site|website|service|page|form|app|help|work))")
# Longer messages say more than "how do I reach them": they are left to the classifier.
MAX_WORDS = 16
# What must never be answered with a phone number instead.
NEVER_INSTEAD_OF = {"crisis", "crisis_someone_else", "danger"}


def without_verb_take_it_down(text: str, entities: list[dict]) -> list[dict]:
    """The entities less a take_it_down found where "take it down" is what someone should do."""
    verbs = [match.span("span") for match in _TAKE_IT_DOWN_AS_VERB.finditer(text)]
    return [entity for entity in entities
            if not (entity.get("value") == "take_it_down" and (entity.get("start"), entity.get("end")) in verbs)]


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ServiceContact(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        entities = message.get(ENTITIES) or []
        kept = without_verb_take_it_down(text, entities)
        if len(kept) < len(entities):
            message.set(ENTITIES, kept, add_to_output=True)
        if (message.get(INTENT) or {}).get("name") in NEVER_INSTEAD_OF or len(text.split()) > MAX_WORDS:
            return
        if not any(e.get("entity") == "service" for e in message.get(ENTITIES) or []):
            return
        if ASKS_HOW_TO_REACH.search(text) and not ASKS_ABOUT_IT.search(text):
            answer_as(message, "ask_service_contact", 1.0)
