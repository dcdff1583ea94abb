"""The custom NLU components, on Rasa's own Message objects."""
from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.details import AgeGroupExtractor, DetailFallback, PlaceExtractor
from nlu_components.safety_net import SafetyNet
from nlu_components.second_opinion import CrisisSecondOpinion


def classified(text: str, *ranking: tuple[str, float]) -> Message:
    message = Message(data={TEXT: text})
    intents = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, intents[0] if intents else None)
    message.set(INTENT_RANKING_KEY, intents)
    return message


def entities(message: Message) -> dict[str, str]:
    return {e["entity"]: e["value"] for e in message.get(ENTITIES, [])}


def test_safety_net_overrides_any_intent_for_a_crisis() -> None:
    message = classified("i wanna unalive myself tbh", ("greet", 0.9), ("crisis", 0.05))
    SafetyNet().process([message])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["crisis", "greet"]


def test_safety_net_overrides_the_fallback_for_danger() -> None:
    message = classified("someone is outside my house right now", ("nlu_fallback", 0.55))
    SafetyNet().process([message])
    assert message.get(INTENT)["name"] == "danger"


def test_safety_net_takes_back_a_crisis_read_into_a_figure_of_speech() -> None:
    message = classified("omg this is killing me", ("crisis", 0.6), ("express_shame_or_fear", 0.3))
    SafetyNet().process([message])
    assert message.get(INTENT)["name"] == "express_shame_or_fear"


def test_safety_net_keeps_the_classifiers_crisis_otherwise() -> None:
    message = classified("I can't see a future at all", ("crisis", 0.8), ("express_shame_or_fear", 0.1))
    SafetyNet().process([message])
    assert message.get(INTENT)["name"] == "crisis"


def test_age_and_place_become_entities() -> None:
    message = classified("im 15 and live in Keighley")
    AgeGroupExtractor().process([message])
    PlaceExtractor().process([message])
    assert entities(message) == {"age_group": "under_18", "location": "Keighley", "police_force": "west_yorkshire"}


def test_an_ambiguous_place_has_no_force_and_a_country_is_its_own_entity() -> None:
    newport, usa, jersey = classified("I'm in Newport"), classified("I live in the USA"), classified("JE2 3AB")
    PlaceExtractor().process([newport, usa, jersey])
    assert entities(newport) == {"location": "Newport"}
    assert entities(usa) == {"country": "united_states"}
    assert entities(jersey) == {"country": "jersey"}


def test_an_unclear_message_with_a_detail_is_taken_as_that_detail() -> None:
    message = classified("it all started on insta", ("nlu_fallback", 0.55), ("describe_situation", 0.5))
    message.set(ENTITIES, [{"entity": "platform", "value": "instagram"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "inform"


def test_an_unclear_message_without_a_detail_stays_unclear() -> None:
    message = classified("sdfjkl qwpoeiru", ("nlu_fallback", 0.55))
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


CRISIS_EXAMPLES = ["i want to die", "i want to end my life", "i can't go on living", "they are better off without me"]
ORDINARY_EXAMPLES = ["should i pay them", "how do i block him", "i'm so embarrassed", "when will this stop", "hello"]


@pytest.fixture(scope="module")
def second_opinion(tmp_path_factory: pytest.TempPathFactory) -> CrisisSecondOpinion:
    """Trained on a tiny set, persisted and loaded back, as Rasa does with the real one."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("model_storage"))
    resource = Resource("crisis_second_opinion")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**CrisisSecondOpinion.get_default_config(), "keep_threshold": 0.5, "raise_threshold": 0.5}
    component = CrisisSecondOpinion.create(config, storage, resource, context)
    examples = [Message(data={TEXT: t, INTENT: "crisis"}) for t in CRISIS_EXAMPLES]
    examples += [Message(data={TEXT: t, INTENT: "express_shame_or_fear"}) for t in ORDINARY_EXAMPLES]
    component.train(TrainingData(training_examples=examples))
    return CrisisSecondOpinion.load(config, storage, resource, context)


def test_second_opinion_answers_an_unsupported_crisis_as_distress(second_opinion: CrisisSecondOpinion) -> None:
    message = classified("how do i block them", ("crisis", 0.99), ("greet", 0.01))
    second_opinion.process([message])
    assert message.get(INTENT)["name"] == "express_shame_or_fear"
    assert "crisis" not in [r["name"] for r in message.get(INTENT_RANKING_KEY)]


def test_second_opinion_keeps_a_supported_crisis(second_opinion: CrisisSecondOpinion) -> None:
    message = classified("i want to die", ("crisis", 0.99), ("greet", 0.01))
    second_opinion.process([message])
    assert message.get(INTENT)["name"] == "crisis"


def test_second_opinion_raises_a_crisis_the_classifier_missed(second_opinion: CrisisSecondOpinion) -> None:
    message = classified("i want to end my life", ("greet", 0.9))
    second_opinion.process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["crisis", "greet"]


def test_second_opinion_leaves_ordinary_intents_alone(second_opinion: CrisisSecondOpinion) -> None:
    message = classified("should i pay them", ("ask_should_pay", 0.9))
    second_opinion.process([message])
    assert message.get(INTENT)["name"] == "ask_should_pay"
    assert message.get("crisis_second_opinion")["classifier_said_crisis"] is False


def test_the_safety_net_after_it_still_catches_a_pattern(second_opinion: CrisisSecondOpinion) -> None:
    message = classified("kms", ("crisis", 0.9))
    second_opinion.process([message])
    SafetyNet().process([message])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}
