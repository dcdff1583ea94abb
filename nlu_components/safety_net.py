"""Forces the crisis or danger intent when the safety patterns fire.

It runs last in the pipeline, after the classifier and the fallback
classifier, so a crisis is answered even when the model is unsure or wrong.
What it changes in the classifier's crisis, when no pattern fired: a plain
figure of speech ("this is killing me") is taken back, and a risk heard in a
message only about someone else is answered as theirs.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.safety import CRISIS, CRISIS_SOMEONE_ELSE, about_someone_else, detect_risk, is_figurative
from nlu_components.base import RuleComponent, answer_as, demote_intent


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyNet(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        risk = detect_risk(text)
        if not risk:
            said_crisis = (message.get(INTENT) or {}).get("name") == CRISIS
            if said_crisis and is_figurative(text):
                demote_intent(message, CRISIS)
            elif said_crisis and about_someone_else(text):
                answer_as(message, CRISIS_SOMEONE_ELSE, 1.0, instead_of=CRISIS)
            return
        answer_as(message, risk, 1.0)
