"""A second, binary crisis model that can take back or raise a crisis answer.

DIET has to tell 28 intents apart and is sure of itself even when it is wrong,
so its confidence cannot be used as a threshold. This model only answers "is
this a crisis?", with a probability that can:
- below `keep_threshold`, a crisis that DIET read is taken back and answered
  as distress (reassurance, which also names Samaritans): one model still
  heard distress in it;
- at or above `raise_threshold`, the message is answered as a crisis, unless
  the classifier gave another answer `confident_other` or more and this model
  less than `raise_over_confident` ("insta won't send the code to me anymore":
  the hacked-account answer at 0.98 against a crisis at 0.69).
It runs before the SafetyNet, so a message that a safety pattern recognises is
a crisis whatever this says, and a figure of speech is still taken back there.
docs/nlu-evaluation.md shows how recall and false alarms move with both.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.crisis_model import crisis_probability, fit_crisis_model
from knowledge.safety import CRISIS, RISK_TO_LIFE
from nlu_components.base import TrainedComponent, answer_as

# Kept in the parse result, so bench/crisis_detection.py can weigh other thresholds.
OPINION_KEY = "crisis_second_opinion"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class CrisisSecondOpinion(TrainedComponent):
    MODEL_FILE = "crisis_model.joblib"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "keep_threshold": 0.4,
            "raise_threshold": 0.6,
            "confident_other": 0.9,
            "raise_over_confident": 0.8,
            "regularisation": 5.0,
            "random_seed": 2605,
            "distress_intent": "express_shame_or_fear",
        }

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        return self.keep(fit_crisis_model(
            [m.get(TEXT) for m in examples],
            [m.get(INTENT) in RISK_TO_LIFE for m in examples],
            regularisation=self.config["regularisation"],
            seed=self.config["random_seed"],
        ))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.model is not None:
                self.weigh(message)
        return messages

    def weigh(self, message: Message) -> None:
        probability = crisis_probability(self.model, message.get(TEXT) or "")
        intent = message.get(INTENT) or {}
        said_crisis = intent.get("name") in RISK_TO_LIFE
        opinion = {"probability": round(probability, 4), "classifier_said_crisis": said_crisis,
                   "classifier_confidence": round(float(intent.get("confidence") or 0.0), 4)}
        message.set(OPINION_KEY, opinion, add_to_output=True)
        if said_crisis and probability < self.config["keep_threshold"]:
            answer_as(message, self.config["distress_intent"], 1 - probability, instead_of=CRISIS)
        elif not said_crisis and probability >= self.raise_threshold_over(opinion["classifier_confidence"]):
            answer_as(message, CRISIS, probability)

    def raise_threshold_over(self, classifier_confidence: float) -> float:
        """How sure this model must be to raise a crisis over the classifier's answer, given its confidence."""
        if classifier_confidence >= self.config["confident_other"]:
            return max(self.config["raise_threshold"], self.config["raise_over_confident"])
        return self.config["raise_threshold"]
