"""The intent classifier and follow-up topic selector in one component (nlu_components/intent_model.py).

It writes what Rasa's own components write: `intent` and `intent_ranking`
(a retrieval intent's confidence is the sum of its topics'), and for each
retrieval intent the `response_selector` prediction that Rasa's
ActionRetrieveResponse (`utter_faq`) and `rasa test nlu` read. So rules,
stories, the FallbackClassifier and the evaluation work as with DIET and
the ResponseSelector, which it replaces.

It runs after the age and place extractors and reads a message without the
age or place it names, when enough is left: "im 27, I already paid him £300
and he wants more" asks about the money, and the age is kept as an entity
anyway. Read whole, such a message looked like a detail given on its own,
and got "Thank you, that helps" instead of the advice.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.message_kind import ASKS
from nlu_components.base import TrainedComponent
from nlu_components.dense_features import SentenceEncoderFeaturizer, shared_encoder
from nlu_components.intent_model import IntentModel

# Entities found at a place in the text (not the whole-message ones such as `role`): the details to read past.
DETAIL_SPANS = {"age_group", "location"}
# Fewer words left than this is the detail on its own ("I'm 30", "I'm in Leeds"): the message is read whole.
MIN_WORDS_LEFT = 4
# Labels that answer news ("I told my mum", "reported it"), never a question: "ok and once I've reported it can I
# delete them" reads like news to the classifier, and "well done" is no answer to it.
NEWS_ONLY = frozenset({"faq/progress"})
STORY = "describe_situation"
# A question asked beside the story is answered when, read alone, it is this clearly one question.
QUESTION_ALONE_CONFIDENCE = 0.8
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_QUESTION_SENTENCE = re.compile(
    r"\?\s*$|^\W*(?:who|what|how|can|could|should|do|does|is|are|will|would|where|when|why|am)\b", re.IGNORECASE)


def sentence_vector(message: Message) -> np.ndarray | None:
    sentence = message.get_dense_features(TEXT)[1]
    return None if sentence is None else sentence.features[0]


def without_details(message: Message) -> str | None:
    """The message's text without the ages and places found in it, if enough words are left; else None."""
    text = message.get(TEXT) or ""
    spans = sorted((e["start"], e["end"]) for e in message.get(ENTITIES) or []
                   if e.get("entity") in DETAIL_SPANS and e.get("end", 0) - e.get("start", 0) < len(text))
    if not spans:
        return None
    kept, position = [], 0
    for start, end in spans:
        kept.append(text[position:max(start, position)])
        position = max(position, end)
    kept.append(text[position:])
    rest = " ".join(" ".join(kept).split())
    return rest if len(rest.split()) >= MIN_WORDS_LEFT else None


def _intent_totals(by_label: dict[str, float]) -> dict[str, float]:
    """Each intent's probability: a retrieval intent's is the sum of its topics'."""
    by_intent: dict[str, float] = defaultdict(float)
    for label, probability in by_label.items():
        by_intent[label.partition("/")[0]] += probability
    return by_intent


def _top(by_intent: dict[str, float]) -> tuple[str, float]:
    return max(by_intent.items(), key=lambda item: item[1])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SentenceIntentClassifier(TrainedComponent, IntentClassifier):
    MODEL_FILE = "intent_model.joblib"

    @classmethod
    def required_components(cls) -> list[type]:
        return [SentenceEncoderFeaturizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"regularisation": 10.0, "encoder_weight": 2.0, "random_seed": 2605, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        vectors = [sentence_vector(m) for m in examples]
        if any(v is None for v in vectors):
            raise ValueError("SentenceIntentClassifier needs the SentenceEncoderFeaturizer before it in the pipeline.")
        model = IntentModel(self.config["regularisation"], self.config["encoder_weight"], self.config["random_seed"])
        return self.keep(model.fit(
            [m.get(TEXT) for m in examples],
            np.stack(vectors),
            [m.get(INTENT_RESPONSE_KEY) or m.get(INTENT) for m in examples],
        ))

    def process(self, messages: list[Message]) -> list[Message]:
        with_text = [m for m in messages if m.get(TEXT) and sentence_vector(m) is not None]
        if self.model is None or not with_text:
            return messages
        texts = [without_details(m) or m.get(TEXT) for m in with_text]
        vectors = np.stack([sentence_vector(m) for m in with_text])
        shortened = [i for i, m in enumerate(with_text) if texts[i] != m.get(TEXT)]
        if shortened:
            vectors[shortened] = shared_encoder().encode([texts[i] for i in shortened])
        rows = self.model.probabilities(texts, vectors)
        for message, row in zip(with_text, rows, strict=True):
            by_label = self._without_news_for_questions(message.get(TEXT), dict(zip(self.model.labels, row.tolist(),
                                                                                   strict=True)))
            if _top(_intent_totals(by_label))[0] == STORY:
                by_label = self._the_question_asked(message.get(TEXT)) or by_label
            self._set_prediction(message, by_label)
        return messages

    @staticmethod
    def _without_news_for_questions(text: str, by_label: dict[str, float]) -> dict[str, float]:
        if not ASKS.search(text):
            return by_label
        by_label = {label: 0.0 if label in NEWS_ONLY else p for label, p in by_label.items()}
        total = sum(by_label.values()) or 1.0
        return {label: p / total for label, p in by_label.items()}

    def _the_question_asked(self, text: str) -> dict[str, float] | None:
        """"who can I talk to about this? I'm 22 and being blackmailed over a video": read as a whole, the story
        wins and the question goes unanswered. A question sentence beside the story, read alone, is answered
        when it is clearly one (the rules give the core steps with the first follow-up answer)."""
        sentences = [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
        if len(sentences) < 2:
            return None
        # A sentence with a question mark first; else the last that opens like a question ("How it started was...").
        asked = [part for part in sentences if part.endswith("?")] or [
            part for part in sentences if _QUESTION_SENTENCE.search(part)][-1:]
        if not asked:
            return None
        question = asked[0]
        row = self.model.probabilities([question], shared_encoder().encode([question]))[0]
        by_label = self._without_news_for_questions(question, dict(zip(self.model.labels, row.tolist(), strict=True)))
        intent, confidence = _top(_intent_totals(by_label))
        asks = intent == "faq" or intent.startswith("ask_")
        return by_label if asks and confidence >= QUESTION_ALONE_CONFIDENCE else None

    def _set_prediction(self, message: Message, by_label: dict[str, float]) -> None:
        by_intent = _intent_totals(by_label)
        topics: dict[str, dict[str, float]] = defaultdict(dict)
        for label, probability in by_label.items():
            intent, _, topic = label.partition("/")
            if topic:
                topics[intent][label] = probability
        ranking = [{"name": name, PREDICTED_CONFIDENCE_KEY: confidence}
                   for name, confidence in sorted(by_intent.items(), key=lambda item: -item[1])]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True)
        selector: dict[str, Any] = {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: sorted(topics)}
        for intent, scores in topics.items():
            total = sum(scores.values()) or 1.0
            ordered = sorted(scores.items(), key=lambda item: -item[1])[: self.config["ranking_length"]]
            best, confidence = ordered[0]
            selector[intent] = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: [],
                    PREDICTED_CONFIDENCE_KEY: confidence / total,
                    INTENT_RESPONSE_KEY: best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{best}",
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {INTENT_RESPONSE_KEY: label, PREDICTED_CONFIDENCE_KEY: score / total} for label, score in ordered
                ],
            }
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selector, add_to_output=True)
