"""The intent classifier and topic selector: what Rasa's rules and ActionRetrieveResponse read from it."""
from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.message_kind import ASKS
from nlu_components.dense_features import SentenceEncoderFeaturizer
from nlu_components.intent_classifier import SentenceIntentClassifier, without_details
from nlu_components.intent_model import IntentModel

EXAMPLES = {
    "greet": ["hi", "hello there", "hey", "good evening"],
    "ask_should_pay": ["should i pay them", "do i just send the money", "is paying a good idea", "will paying stop it"],
    "faq/money_back": ["can i get my money back", "is there a way to get a refund", "will i see that cash again",
                       "can the bank return what i sent"],
    "faq/passwords": ["should i change my passwords", "do i need a new password", "update my login details?",
                      "is my password safe now"],
    "faq/progress": ["i told my mum", "reported it and blocked him", "done all that now", "i rang the police earlier"],
    "describe_situation": ["someone has my pics and wants money", "a guy is blackmailing me with nudes",
                           "she says she'll post my video unless i pay", "i'm being threatened with my photos"],
}


@pytest.fixture(scope="module")
def featurizer() -> SentenceEncoderFeaturizer:
    return SentenceEncoderFeaturizer(SentenceEncoderFeaturizer.get_default_config(), "encoder")


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory, featurizer) -> SentenceIntentClassifier:
    """Trained on a tiny set, persisted and loaded back, as Rasa does with the real one."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("model_storage"))
    resource, context = Resource("intent_classifier"), ExecutionContext(GraphSchema({}), "test")
    config = SentenceIntentClassifier.get_default_config()
    examples = []
    for label, texts in EXAMPLES.items():
        intent, _, topic = label.partition("/")
        examples += [Message(data={TEXT: t, INTENT: intent, **({INTENT_RESPONSE_KEY: label} if topic else {})})
                     for t in texts]
    featurizer.process(examples)
    SentenceIntentClassifier.create(config, storage, resource, context).train(TrainingData(examples))
    return SentenceIntentClassifier.load(config, storage, resource, context)


def parsed(text: str, featurizer, classifier, entities: list | None = None) -> Message:
    message = Message(data={TEXT: text, ENTITIES: entities or []})
    classifier.process(featurizer.process([message]))
    return message


def test_a_follow_up_question_is_the_retrieval_intent_with_its_topic(featurizer, classifier) -> None:
    message = parsed("any chance of a refund for the money", featurizer, classifier)
    assert message.get(INTENT)["name"] == "faq"
    prediction = message.get("response_selector")["faq"]["response"]
    assert prediction["intent_response_key"] == "faq/money_back"
    assert prediction["utter_action"] == "utter_faq/money_back"
    ranking = message.get("response_selector")["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking][0] == "faq/money_back"
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_the_retrieval_intent_is_ranked_by_the_sum_of_its_topics(featurizer, classifier) -> None:
    message = parsed("hiya", featurizer, classifier)
    ranking = message.get(INTENT_RANKING_KEY)
    assert message.get(INTENT)["name"] == "greet"
    assert sorted(r["name"] for r in ranking) == ["ask_should_pay", "describe_situation", "faq", "greet"]
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


@pytest.mark.parametrize(("text", "topic"), [
    ("reported it and blocked him", "faq/progress"),
    ("ok and now that i've reported it can i change my password", "faq/passwords"),
    ("reported it and blocked him, can i get my money back", "faq/money_back"),
])
def test_news_is_progress_but_a_question_never_is(text: str, topic: str, featurizer, classifier) -> None:
    """"Well done" is no answer to a question, however much of it tells what was done."""
    prediction = parsed(text, featurizer, classifier).get("response_selector")["faq"]["response"]
    assert prediction["intent_response_key"] == topic


@pytest.mark.parametrize(("text", "asks"), [
    ("did it, reported him", False), ("can't believe i actually told my mum", False),
    ("will do, reported it just now", False), ("told my dad and blocked him", False),
    ("what do i do", True), ("ok so can i delete it now", True), ("and the website?", True),
    ("reported it, can i block him now", True), ("did i do the right thing", True),
])
def test_what_counts_as_a_question(text: str, asks: bool) -> None:
    assert (ASKS.search(text) is not None) is asks


def test_a_message_without_text_is_left_alone(featurizer, classifier) -> None:
    message = parsed("", featurizer, classifier)
    assert message.get(INTENT) is None


def age_at(text: str, phrase: str) -> list[dict]:
    start = text.index(phrase)
    return [{"entity": "age_group", "value": "adult", "start": start, "end": start + len(phrase)}]


@pytest.mark.parametrize(("text", "phrase", "rest"), [
    ("hi, I'm 27", "I'm 27", None),  # the detail on its own
    ("im 31, should i pay them or not", "im 31", ", should i pay them or not"),
    ("can i get my money back? im 40", "im 40", "can i get my money back?"),
])
def test_a_message_is_read_without_the_age_it_names(text: str, phrase: str, rest: str | None) -> None:
    message = Message(data={TEXT: text, ENTITIES: age_at(text, phrase)})
    assert without_details(message) == rest


def test_a_whole_message_entity_is_not_cut_out() -> None:
    text = "my son is being blackmailed, what do I do"
    message = Message(data={TEXT: text, ENTITIES: [{"entity": "role", "start": 0, "end": len(text)}]})
    assert without_details(message) is None


def test_an_age_does_not_turn_a_question_into_small_talk(featurizer, classifier) -> None:
    text = "hi im 27 and i need to know should i pay them"
    assert parsed(text, featurizer, classifier, age_at(text, "im 27")).get(INTENT)["name"] == "ask_should_pay"


def test_the_weights_are_kept_in_float32_and_read_in_place() -> None:
    """Half the memory of float64, and a message's features in float32 too, so predicting never copies the
    weights; the probabilities are those of float64 to well under 1e-5."""
    texts = ["should i pay him", "do i pay", "is paying a good idea", "how do i block him", "block on snapchat",
             "can i block them", "i feel awful", "i can't stop crying", "i'm so scared"]
    labels = ["pay"] * 3 + ["block"] * 3 + ["feel"] * 3
    vectors = np.random.default_rng(1).normal(size=(len(texts), 8)).astype(np.float32)
    model = IntentModel(regularisation=10.0, encoder_weight=2.0, seed=1).fit(texts, vectors, labels)
    weights = model.classifier.coef_
    assert weights.dtype == np.float32 and weights.flags.f_contiguous
    rows = model.probabilities(["should i pay"], vectors[:1])
    assert rows.dtype == np.float32
    assert model.labels[int(rows[0].argmax())] == "pay"
    exact = model.classifier.coef_.astype(np.float64)
    features = model._features(["should i pay"], vectors[:1]).astype(np.float64)
    scores = features @ exact.T + model.classifier.intercept_
    expected = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    assert np.allclose(rows, expected, atol=1e-5)


def test_a_question_asked_beside_the_story_is_answered(featurizer, classifier) -> None:
    story = "a guy has my pics and is blackmailing me with nudes unless i pay"
    assert parsed(story, featurizer, classifier).get(INTENT)["name"] == "describe_situation"
    message = parsed(f"can i get my money back? {story}", featurizer, classifier)
    assert message.get(INTENT)["name"] == "faq"
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/money_back"
    # Asked on its own line after an age, or after a statement that opens like a question.
    lines = parsed(f"im 16\n{story}\ncan i get my money back", featurizer, classifier,
                   [{"entity": "age_group", "value": "under_18", "start": 0, "end": 5}])
    assert lines.get(INTENT)["name"] == "faq"
    assert parsed(f"How it started was a guy added me. {story}. can i get my money back",
                  featurizer, classifier).get(INTENT)["name"] == "faq"
    # A story that asks nothing stays the story.
    assert parsed(f"{story}. i told my mum", featurizer, classifier).get(INTENT)["name"] == "describe_situation"
