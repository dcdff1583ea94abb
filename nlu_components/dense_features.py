"""Sentence features from the pretrained encoder, for DIET and the response selector.

Only sentence features: DIET runs without transformer layers here, so its
intent and the selector's topic are read from the sentence features alone.
The encoder is loaded once per process and shared by every pipeline that
uses it (training and cross-validation build several).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.sentence_encoder import DEFAULT_MODEL_DIR, WEIGHTS_SHA256, SentenceEncoder
from nlu_components.source_fingerprint import code_fingerprint


@cache
def _encoder_in(model_dir: Path) -> SentenceEncoder:
    return SentenceEncoder(model_dir)


def shared_encoder(model_dir: str | None = None) -> SentenceEncoder:
    """One encoder per process (about 90 MB), whichever component asks for it first."""
    return _encoder_in(Path(model_dir or DEFAULT_MODEL_DIR).resolve())


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "model_dir": str(DEFAULT_MODEL_DIR)}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        # Loaded with the model, not on the first person's message.
        self._encoder = shared_encoder(config["model_dir"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEncoderFeaturizer:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The weights are fixed by their hash; the pooling code is ours and may change."""
        return f"{WEIGHTS_SHA256}:{code_fingerprint(cls.__module__)}"

    def process(self, messages: list[Message]) -> list[Message]:
        with_text = [m for m in messages if m.get(TEXT)]
        vectors = self._encoder.encode([m.get(TEXT) for m in with_text])
        for message, vector in zip(with_text, vectors, strict=True):
            self.add_features_to_message(None, vector[None, :], TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
