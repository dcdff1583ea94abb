"""Forces the crisis or danger intent when the safety patterns fire.

It runs last in the pipeline, after the classifier and the fallback
classifier, so a crisis is answered even when the model is unsure or wrong.
What it changes in the classifier's crisis, when no pattern fired: a plain
figure of speech ("this is killing me") is taken back; a risk heard in a
message about someone else, or from a helper who speaks of no distress of
their own, is answered as theirs; and someone else's risk heard in a message
where the writer speaks of their own distress is the writer's too.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.safety import (
    CRISIS,
    CRISIS_SOMEONE_ELSE,
    detect_risk,
    heard_risk_is_someone_elses,
    is_figurative,
    writer_in_distress,
)
from nlu_components.base import RuleComponent, answer_as, demote_intent


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyNet(RuleComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        risk = detect_risk(text)
        if not risk:
            said = (message.get(INTENT) or {}).get("name")
            if said == CRISIS and is_figurative(text):
                demote_intent(message, CRISIS)
            elif said == CRISIS and heard_risk_is_someone_elses(text):
                answer_as(message, CRISIS_SOMEONE_ELSE, 1.0, instead_of=CRISIS)
            elif said == CRISIS_SOMEONE_ELSE and writer_in_distress(text):
                # "my boyfriend won't answer me and i can't stop crying": the writer is at risk too.
                answer_as(message, CRISIS, 1.0, instead_of=CRISIS_SOMEONE_ELSE)
            return
        answer_as(message, risk, 1.0)
