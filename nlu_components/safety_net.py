"""Forces the crisis or danger intent when the safety patterns fire.

It runs last in the pipeline, after the classifier and the fallback
classifier, so a crisis is answered even when the model is unsure or wrong.
The one thing it takes back from the classifier is a crisis read into a plain
figure of speech ("this is killing me"), when no crisis pattern fired.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.safety import CRISIS, detect_risk, is_figurative
from nlu_components.base import RuleComponent, answer_as, demote_intent


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyNet(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        risk = detect_risk(text)
        if not risk:
            if (message.get(INTENT) or {}).get("name") == CRISIS and is_figurative(text):
                demote_intent(message, CRISIS)
            return
        answer_as(message, risk, 1.0)
