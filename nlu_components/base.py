"""Shared plumbing for the custom NLU components."""
from __future__ import annotations

from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.source_fingerprint import code_fingerprint


class RuleComponent(GraphComponent):
    """A component that applies fixed rules to each message and learns nothing."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleComponent:
        return cls()

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return code_fingerprint(cls.__module__)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.process_message(message)
        return messages

    def process_message(self, message: Message) -> None:
        raise NotImplementedError


class TrainedComponent(GraphComponent):
    """A component that trains one scikit-learn model and keeps it in the Rasa model (joblib).

    Its code, and the project modules it imports, are part of what is trained:
    a change to them retrains it (`fingerprint_addon`).
    """

    MODEL_FILE = "model.joblib"

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: Any = None
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage = model_storage
        self.resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TrainedComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TrainedComponent:
        with model_storage.read_from(resource) as directory:
            model = joblib.load(directory / cls.MODEL_FILE)
        return cls(config, model_storage, resource, model)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return code_fingerprint(cls.__module__)

    def keep(self, model: Any) -> Resource:
        """Use `model` and store it with the Rasa model."""
        self.model = model
        with self.model_storage.write_to(self.resource) as directory:
            joblib.dump(model, directory / self.MODEL_FILE)
        return self.resource


def answer_as(message: Message, name: str, confidence: float, *, instead_of: str | None = None) -> None:
    """Put `name` first in the intent and its ranking, dropping `instead_of` from the ranking."""
    chosen = {"name": name, "confidence": confidence}
    others = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") not in (name, instead_of)]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)


def demote_intent(message: Message, name: str) -> None:
    """Answer with the classifier's best guess that is not `name`."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != name]
    if ranking:
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
