"""The custom NLU components, on Rasa's own Message objects."""
from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.places import find_place
from nlu_components.details import (
    AgeGroupExtractor,
    ContextExtractor,
    DetailFallback,
    PlaceExtractor,
    country_abroad,
)
from nlu_components.helper_story import HelperStory
from nlu_components.images_out import ImagesAlreadyOut
from nlu_components.message_kind import MessageKind
from nlu_components.safety_net import SafetyNet
from nlu_components.second_opinion import CrisisSecondOpinion
from nlu_components.service_contact import ServiceContact
from nlu_components.story_with_question import StoryWithQuestion


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


@pytest.mark.parametrize("text, expected", [
    # A helper who says who they are, and nothing of their own distress: the risk is the person they help.
    ("My brother is 24 and lives on his own. He's paid them £2k and tonight he sent me a message saying sorry for "
     "everything. Now his phone is off. I'm in Cardiff.", "crisis_someone_else"),
    ("Hello. Please bear with me. My granddaughter is 14 and she says she just wants to disappear.",
     "crisis_someone_else"),
    # The helper's own distress keeps it the writer's; so does no helper named.
    ("My brother is 24 and they posted his pics and I can't cope anymore", "crisis"),
    ("everyone has seen them now. I'm in Cardiff", "crisis"),
])
def test_a_crisis_heard_in_a_helpers_message_is_the_person_they_help(text: str, expected: str) -> None:
    message = classified(text, ("crisis", 0.7), ("helping_someone", 0.2))
    SafetyNet().process([message])
    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize("text, expected", [
    ("my boyfriend won't answer me and i can't stop crying", "crisis"),
    ("she's crying and won't come out of her room", "crisis_someone_else"),
])
def test_someone_elses_risk_heard_beside_the_writers_own_distress_is_the_writers(text: str, expected: str) -> None:
    message = classified(text, ("crisis_someone_else", 0.5), ("crisis", 0.3))
    SafetyNet().process([message])
    assert message.get(INTENT)["name"] == expected


def test_age_and_place_become_entities() -> None:
    message = classified("im 15 and live in Keighley")
    AgeGroupExtractor().process([message])
    PlaceExtractor().process([message])
    assert entities(message) == {"age_group": "under_18", "over_19": "false", "location": "Keighley",
                                 "police_force": "west_yorkshire", "region": "uk", "emergency_number": "999"}


def test_an_ambiguous_place_has_no_force_and_a_country_is_its_own_entity() -> None:
    newport, usa, jersey = classified("I'm in Newport"), classified("I live in the USA"), classified("JE2 3AB")
    PlaceExtractor().process([newport, usa, jersey])
    assert entities(newport) == {"location": "Newport", "region": "uk", "emergency_number": "999"}
    assert entities(usa) == {"country": "united_states", "region": "abroad", "emergency_number": "911"}
    assert entities(jersey) == {"country": "jersey", "region": "abroad", "emergency_number": "999"}


def test_who_is_writing_and_money_paid_become_entities() -> None:
    message = classified("my son is 15 and I think he paid them in gift cards, his ex is threatening him")
    ContextExtractor().process([message])
    assert entities(message) == {"role": "parent", "relation": "son", "blackmailer": "ex_partner"}
    paid = classified("I've already paid him £80 on paypal")
    ContextExtractor().process([paid])
    assert entities(paid) == {"paid": "true", "payment_method": "paypal"}


def platform_named(message: Message, value: str) -> None:
    start = message.get(TEXT).lower().index(value[:4])
    message.set(ENTITIES, message.get(ENTITIES, []) + [
        {"entity": "platform", "value": value, "start": start, "end": start + len(value)}])


def test_an_app_taken_back_is_no_longer_named() -> None:
    correction = classified("sorry, my mistake, it was Instagram not Snapchat")
    platform_named(correction, "instagram")
    platform_named(correction, "snapchat")
    ContextExtractor().process([correction])
    assert entities(correction) == {"platform": "instagram", "platform_denied": "snapchat"}
    alone = classified("I'm not on Snapchat any more")
    platform_named(alone, "snapchat")
    ContextExtractor().process([alone])
    assert entities(alone) == {"platform": "snapchat"}


def test_emoji_and_other_languages_are_never_a_fallback() -> None:
    emoji = classified("😭😭", ("nlu_fallback", 0.9))
    spanish = classified("alguien me está chantajeando con fotos, qué hago")
    MessageKind().process([emoji, spanish])
    assert emoji.get(INTENT)["name"] == "express_shame_or_fear"
    assert spanish.get(INTENT)["name"] == "other_language"


@pytest.mark.parametrize("text,classified_as,expected", [
    ("what do i do", ("request_checklist", 0.99), "request_checklist"),
    ("what do i do", ("greet", 0.9), "express_shame_or_fear"),
    ("😭😭", ("request_checklist", 0.99), "express_shame_or_fear"),
])
def test_a_cry_for_help_is_comfort_unless_it_clearly_asks_for_the_steps(text, classified_as, expected) -> None:
    message = classified(text, classified_as, ("express_shame_or_fear", 0.005))
    MessageKind().process([message])
    assert message.get(INTENT)["name"] == expected
    # Never a tie for the fallback to read as "didn't follow".
    ranking = message.get(INTENT_RANKING_KEY)
    assert len(ranking) == 1 or ranking[0]["confidence"] - ranking[1]["confidence"] > 0.05


def test_an_unclear_message_with_a_detail_is_taken_as_that_detail() -> None:
    message = classified("it all started on insta", ("nlu_fallback", 0.55), ("describe_situation", 0.5))
    message.set(ENTITIES, [{"entity": "platform", "value": "instagram"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "inform"


@pytest.mark.parametrize("text,intent,expected", [
    ("I'm in a little village near Skipton", "express_shame_or_fear", "inform"),
    ("hi im 15", "greet", "inform"),
    ("no, I'm 16", "deny", "inform"),
    ("oh and I'm 17 actually, not an adult", "out_of_scope", "inform"),
    ("I'm 15 and I'm so scared and ashamed, I can't stop shaking and I don't know what to do", "express_shame_or_fear",
     "express_shame_or_fear"),
    ("I'm in Leeds, how do I report it?", "ask_police", "ask_police"),
])
def test_a_detail_misread_as_small_talk_or_a_feeling_is_that_detail(text: str, intent: str, expected: str) -> None:
    message = classified(text, (intent, 0.9))
    message.set(ENTITIES, [{"entity": "age_group", "value": "under_18"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize("text,expected", [
    ("hes 17 if it matters and so am i", "inform"),
    ("im 16 and some random guy off snapchat has all my pics", "nlu_fallback"),
])
def test_an_unclear_message_that_only_gives_a_detail_is_that_detail(text: str, expected: str) -> None:
    message = classified(text, ("nlu_fallback", 0.35), ("crisis", 0.33))
    message.set(ENTITIES, [{"entity": "age_group", "value": "under_18"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == expected


def test_a_long_unclear_message_is_more_than_its_detail() -> None:
    message = classified("i'm 45, sent him £250 in amazon gift cards like an idiot and now hes asking for more",
                         ("nlu_fallback", 0.4), ("inform", 0.3))
    message.set(ENTITIES, [{"entity": "age_group", "value": "adult"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


def test_an_unclear_question_with_a_place_goes_to_the_question_it_most_likely_asks() -> None:
    message = classified("I'm in Keighley, how do I tell them?", ("nlu_fallback", 0.35), ("ask_police", 0.3))
    message.set(ENTITIES, [{"entity": "location", "value": "Keighley"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "ask_police"
    password = classified("should I change my insta password", ("nlu_fallback", 0.35), ("faq", 0.3))
    password.set(ENTITIES, [{"entity": "platform", "value": "instagram"}])
    DetailFallback().process([password])
    assert password.get(INTENT)["name"] == "nlu_fallback"


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
    message = classified("i want to end my life", ("greet", 0.6))
    second_opinion.process([message])
    assert message.get(INTENT)["name"] == "crisis"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["crisis", "greet"]


def test_over_a_confident_other_answer_the_second_opinion_needs_more(second_opinion: CrisisSecondOpinion) -> None:
    assert second_opinion.raise_threshold_over(0.6) == 0.5
    assert second_opinion.raise_threshold_over(0.95) == 0.8
    confident, unsure = classified("end my life", ("faq", 0.95)), classified("end my life",
                                                                                    ("faq", 0.6))
    second_opinion.process([confident, unsure])
    probability = confident.get("crisis_second_opinion")["probability"]
    assert 0.5 <= probability < 0.8, "the tiny model's opinion should fall between the two thresholds"
    assert (confident.get(INTENT)["name"], unsure.get(INTENT)["name"]) == ("faq", "crisis")
    assert confident.get("crisis_second_opinion")["classifier_confidence"] == 0.95


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


@pytest.mark.parametrize("message,country", [
    ("I'm in Dublin", "ireland"), ("I live in Toronto", "canada"), ("sydney", "australia"),
    ("I'm in Houston, Texas", "united_states"), ("Perth, Australia", "australia"), ("I live in Melbourne", "australia"),
    ("Mumbai, India", "other"), ("I live in Madrid", "other"),
    ("I'm in Perth", None), ("I live in Birmingham", None), ("I'm from Nigeria but live in Leeds", None),
    ("he says he is in Lagos", None),
    ("we live in cork", "ireland"), ("we're in ontario", "canada"), ("toronto here", "canada"),
    ("im in queensland", "australia"), ("sydney nsw", "australia"), ("new south wales", None),
    # "Newcastle" is Newcastle upon Tyne (GeoNames' name) before Newcastle, New South Wales.
    ("I'm 47 and live in Newcastle", None), ("in newcastle, australia", "australia"),
])
def test_a_place_abroad_is_settled_by_its_country_or_its_size(message: str, country: str | None) -> None:
    assert country_abroad(message, find_place(message)) == country


def test_a_story_with_a_question_gets_the_question_answered() -> None:
    message = classified("someone is threatening to post my nudes. do I have to send my nudes to stopncii??",
                         ("nlu_fallback", 0.35), ("describe_situation", 0.3), ("faq", 0.28))
    StoryWithQuestion().process([message])
    assert message.get(INTENT)["name"] == "faq"


def test_a_story_with_a_request_said_as_a_statement_gets_the_request_answered() -> None:
    message = classified("being sextorted on insta. 23M. not going to the police, I just want to talk to someone.",
                         ("nlu_fallback", 0.35), ("describe_situation", 0.31), ("ask_human", 0.28))
    StoryWithQuestion().process([message])
    assert message.get(INTENT)["name"] == "ask_human"


@pytest.mark.parametrize("ranking", [[("helping_someone", 0.8)], [("nlu_fallback", 0.35), ("helping_someone", 0.3)]])
def test_a_helper_who_says_who_they_are_tells_the_story(ranking: list) -> None:
    message = classified("My son is 15 and someone online is blackmailing him over photos. I'm his mum, what do I do?",
                         *ranking)
    ContextExtractor().process([message])
    HelperStory().process([message])
    assert message.get(INTENT)["name"] == "describe_situation"
    assert entities(message)["role"] == "parent"


def test_a_helpers_account_that_asks_nothing_is_the_story_when_a_topic_only_just_beats_it() -> None:
    message = classified("I run a youth club. One of our lads, 16, has been paying someone on Instagram for weeks to "
                         "stop them posting a video of him.", ("faq", 0.46), ("describe_situation", 0.37))
    ContextExtractor().process([message])
    HelperStory().process([message])
    assert message.get(INTENT)["name"] == "describe_situation"
    asking = classified("my son is being blackmailed, will the police tell his school?", ("faq", 0.5),
                        ("describe_situation", 0.4))
    ContextExtractor().process([asking])
    HelperStory().process([asking])
    assert asking.get(INTENT)["name"] == "faq"


@pytest.mark.parametrize("text,intent", [
    ("how do i help my friend", "helping_someone"),  # nothing about what happened
    ("my son is being blackmailed, will the police tell his school?", "faq"),  # a question the classifier placed
    ("someone is helping me and i have pics", "helping_someone"),  # no helper named
])
def test_otherwise_the_helper_keeps_their_intent(text: str, intent: str) -> None:
    message = classified(text, (intent, 0.8), ("describe_situation", 0.15))
    ContextExtractor().process([message])
    HelperStory().process([message])
    assert message.get(INTENT)["name"] == intent


@pytest.mark.parametrize("ending", ["", " I need help."])
def test_a_long_message_about_what_happened_that_stays_unclear_is_the_story(ending: str) -> None:
    story = ("Someone on Snapchat has my nudes and wants £200 or he'll send them to my friends. "
             + "It started last week and he keeps messaging me from new accounts. " * 20 + ending)
    message = classified(story, ("nlu_fallback", 0.35), ("faq", 0.37), ("crisis", 0.34))
    StoryWithQuestion().process([message])
    assert message.get(INTENT)["name"] == "describe_situation"


@pytest.mark.parametrize("text,ranking", [
    ("someone has my pics and i dont know what to do", [("describe_situation", 0.3), ("faq", 0.28)]),  # no question
    ("what do i do??", [("describe_situation", 0.15), ("faq", 0.1)]),  # neither is a clear reading
    ("is this sextortion?", [("describe_situation", 0.3), ("express_shame_or_fear", 0.28)]),  # not a question intent
])
def test_otherwise_an_unclear_message_stays_unclear(text: str, ranking: list) -> None:
    message = classified(text, ("nlu_fallback", 0.35), *ranking)
    StoryWithQuestion().process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


@pytest.mark.parametrize("text,expected", [
    ("link for stopncii please", "ask_service_contact"),
    ("what was the childline number again", "ask_service_contact"),
    ("how do i call the domestic abuse helpline", "ask_service_contact"),
    ("how does stopncii work", "faq"),  # how it works, not how to reach it
    ("will shout know who i am", "faq"),
    ("if i ring samaritans will they know who i am", "faq"),
    ("is the stop ncii website free", "faq"),
    ("the nspcc line is closed, who can i ring now", "faq"),
])
def test_a_service_named_with_a_way_to_reach_it_asks_for_its_contact_details(text: str, expected: str) -> None:
    message = classified(text, ("faq", 0.8))
    message.set(ENTITIES, [{"entity": "service", "value": "stopncii"}])
    ServiceContact().process([message])
    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize("text,is_the_service", [
    ("How do I get the site itself to take it down?", False),
    ("will they take it down if i report it", False),
    ("Please take it down", False),
    ("whats the link for take it down", True),
    ("how does Take It Down work", True),
    ("can take it down help me", True),
])
def test_take_it_down_is_the_service_only_where_it_is_a_name(text: str, is_the_service: bool) -> None:
    start = text.lower().index("take it down")
    message = classified(text, ("ask_removal", 0.6))
    message.set(ENTITIES, [{"entity": "service", "value": "take_it_down", "start": start, "end": start + 12}])
    ServiceContact().process([message])
    assert bool(message.get(ENTITIES)) is is_the_service
    assert (message.get(INTENT)["name"] == "ask_service_contact") is (is_the_service and "link" in text)


def test_a_crisis_naming_a_service_stays_a_crisis() -> None:
    message = classified("i want to die, whats the samaritans number", ("crisis", 0.9))
    message.set(ENTITIES, [{"entity": "service", "value": "samaritans"}])
    ServiceContact().process([message])
    assert message.get(INTENT)["name"] == "crisis"


def test_an_unclear_message_that_says_money_was_paid_gets_what_to_do_now_it_has() -> None:
    message = classified("sent $80 on paypal to a guy on insta who has my pics. im 17",
                         ("nlu_fallback", 0.35), ("faq", 0.34))
    message.set(ENTITIES, [{"entity": "paid", "value": "true"}, {"entity": "payment_method", "value": "paypal"}])
    DetailFallback().process([message])
    assert message.get(INTENT)["name"] == "already_paid"
    asked = classified("if i send him money will he delete them", ("nlu_fallback", 0.35), ("ask_should_pay", 0.3))
    asked.set(ENTITIES, [{"entity": "paid", "value": "true"}])
    DetailFallback().process([asked])
    assert asked.get(INTENT)["name"] == "nlu_fallback"
    clear = classified("can paypal refund it", ("faq", 0.9))
    clear.set(ENTITIES, [{"entity": "paid", "value": "true"}])
    DetailFallback().process([clear])
    assert clear.get(INTENT)["name"] == "faq"


@pytest.mark.parametrize("text,classified_as,expected", [
    ("my pics r on a reddit account now with my username. im 17 and i feel sick", "express_shame_or_fear",
     "images_shared"),
    ("someone put my nudes in the year 9 group chat, 200 people are in it", "describe_situation", "images_shared"),
    ("he says he'll put my pics on insta tonight, im shaking", "express_shame_or_fear", "express_shame_or_fear"),
    ("if i don't pay my video goes on tiktok", "describe_situation", "describe_situation"),
    ("my ex put my nudes on a fake account with my name on it", "nlu_fallback", "images_shared"),
    ("my pics are on my phone still and im scared", "express_shame_or_fear", "express_shame_or_fear"),
    ("he posted my pics on insta and i want to die", "crisis", "crisis"),  # a risk keeps its answer
    ("my nudes are on a website, how do i get them off", "ask_removal", "ask_removal"),  # so does a question
])
def test_fear_or_a_story_that_says_the_images_are_out_is_answered_with_how_they_come_down(
        text: str, classified_as: str, expected: str) -> None:
    message = classified(text, (classified_as, 0.7))
    ImagesAlreadyOut().process([message])
    assert message.get(INTENT) == {"name": expected, "confidence": 0.7}
