"""Answers messages without English words: emoji or one word of distress, or another language.

Runs after the classifier and before the FallbackClassifier, so such a message
is never answered "sorry, I didn't follow". The SafetyNet still runs last.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.message_kind import DISTRESS, OTHER_LANGUAGE, classify
from nlu_components.base import RuleComponent, answer_as

INTENT_FOR = {DISTRESS: "express_shame_or_fear", OTHER_LANGUAGE: "other_language"}
# "what do i do" is both a cry and a request: when the classifier is this sure it asks for the steps, it gets them.
SURE_IT_ASKS = 0.8


def asks_for_something(intent: dict | None) -> bool:
    name, confidence = (intent or {}).get("name", ""), (intent or {}).get("confidence", 0.0)
    return confidence >= SURE_IT_ASKS and (name in ("faq", "request_checklist") or name.startswith("ask_"))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class MessageKind(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        kind = classify(text)
        words = re.search(r"[^\W\d_]", text) is not None  # emoji alone are comfort whatever the classifier says
        if not kind or (kind == DISTRESS and words and asks_for_something(message.get(INTENT))):
            return
        answer_as(message, INTENT_FOR[kind], 1.0)
        # The rule's reading alone: with the classifier's next to it, the fallback took the two as a tie.
        message.set(INTENT_RANKING_KEY, [message.get(INTENT)], add_to_output=True)
