"""Answers messages without English words: emoji or one word of distress, or another language.

Runs after the classifier and before the FallbackClassifier, so such a message
is never answered "sorry, I didn't follow". The SafetyNet still runs last.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.message_kind import DISTRESS, OTHER_LANGUAGE, classify
from nlu_components.base import RuleComponent, answer_as

INTENT_FOR = {DISTRESS: "express_shame_or_fear", OTHER_LANGUAGE: "other_language"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class MessageKind(RuleComponent):
    def process_message(self, message: Message) -> None:
        kind = classify(message.get(TEXT) or "")
        if kind:
            answer_as(message, INTENT_FOR[kind], 1.0)
