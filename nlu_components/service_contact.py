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
    r"\b(?:numbers?|no\.?|phone|call|ring|text|email|e-mail|link|website|site|url|web\s*address|contact|details"
    r"|reach|get\s+(?:in\s+touch|hold)|where\s+(?:is|do|can)|how\s+do\s+i\s+(?:use|find|contact))\b",
    re.IGNORECASE,
)
# Longer messages say more than "how do I reach them": they are left to the classifier.
MAX_WORDS = 16
# What must never be answered with a phone number instead.
NEVER_INSTEAD_OF = {"crisis", "crisis_someone_else", "danger"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ServiceContact(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if (message.get(INTENT) or {}).get("name") in NEVER_INSTEAD_OF or len(text.split()) > MAX_WORDS:
            return
        if any(e.get("entity") == "service" for e in message.get(ENTITIES) or []) and ASKS_HOW_TO_REACH.search(text):
            answer_as(message, "ask_service_contact", 1.0)
