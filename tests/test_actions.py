"""The thin Action classes, run as the action server runs them."""
from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.checklist import ActionBuildChecklist
from actions.details import ActionAcknowledgeDetails, ActionAcknowledgeSituation
from actions.platforms import ActionPlatformReport
from actions.police import ActionPoliceContacts
from actions.services import ActionServiceContact
from actions.suggestions import ActionOfferLikelyAnswers
from knowledge.content import lookup
from tests.conftest import all_text
from tests.conftest import run_action as run

ASKED_FOR_PLACE = SlotSet("requested_detail", "place")
NOT_WAITING = SlotSet("requested_detail", None)
ADVICE_GIVEN = SlotSet("advice_given", True)


def test_checklist_is_personal_and_sent_as_text_and_a_printable_list(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"age_group": "adult", "police_force": "west_yorkshire", "platform": "snapchat"})
    assert run(ActionBuildChecklist(), dispatcher, tracker) == [NOT_WAITING, ADVICE_GIVEN]
    first = dispatcher.messages[0]
    assert first["text"].startswith("Your checklist:\n1. ")
    steps = first["custom"]["checklist"]["steps"]
    assert len(steps) >= 8 and all(step in first["text"] for step in steps)
    assert "https://www.westyorkshire.police.uk/101livechat" in first["text"]
    assert "snapchat.com" in first["text"]
    assert len(dispatcher.messages) == 1  # nothing left to ask


def test_the_same_checklist_asked_for_again_points_back_to_it(dispatcher, make_tracker) -> None:
    slots = {"age_group": "adult", "police_force": "west_yorkshire", "platform": "snapchat"}
    run(ActionBuildChecklist(), dispatcher, make_tracker(slots=slots))
    checklist = dispatcher.messages[0]["text"]
    tracker = make_tracker(slots=slots)
    tracker.events = [{"event": "session_started"}, {"event": "bot", "text": checklist}]
    dispatcher.messages.clear()
    assert run(ActionBuildChecklist(), dispatcher, tracker) == []
    assert len(dispatcher.messages) == 1
    again = dispatcher.messages[0]["text"]
    assert "just above" in again and "save the evidence" in again and len(again) < len(checklist) / 3
    # In a new session, or once something in it changed (a new town), the whole checklist comes again.
    tracker.events = [{"event": "bot", "text": checklist}, {"event": "session_started"}]
    dispatcher.messages.clear()
    run(ActionBuildChecklist(), dispatcher, tracker)
    assert dispatcher.messages[0]["text"] == checklist
    tracker.events = [{"event": "bot", "text": checklist}]
    tracker.slots["police_force"] = "merseyside"
    dispatcher.messages.clear()
    run(ActionBuildChecklist(), dispatcher, tracker)
    assert dispatcher.messages[0]["text"].startswith("Your checklist:\n1. ")


def test_checklist_asks_age_first_when_unknown(dispatcher, make_tracker) -> None:
    run(ActionBuildChecklist(), dispatcher, make_tracker())
    question = dispatcher.messages[-1]
    assert "under 18" in question["text"]
    assert [b["payload"] for b in question["buttons"]] == [
        '/inform{"age_group": "under_18"}', '/inform{"age_group": "adult"}']


def test_checklist_then_asks_for_the_town_and_remembers_it_asked(dispatcher, make_tracker) -> None:
    events = run(ActionBuildChecklist(), dispatcher, make_tracker(slots={"age_group": "under_18"}))
    assert "town" in dispatcher.messages[-1]["text"]
    assert events == [ASKED_FOR_PLACE, ADVICE_GIVEN]


def test_a_parents_checklist_and_police_answer_are_written_for_helping_their_child(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"role": "parent", "age_group": "under_18", "police_force": "west_yorkshire"})
    run(ActionBuildChecklist(), dispatcher, tracker)
    run(ActionPoliceContacts(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert "helping them" in text and "CEOP" in text
    assert "Because you're under 18" not in text and "If you are in danger" not in text


def test_a_helper_is_asked_their_age_not_yours(dispatcher, make_tracker) -> None:
    run(ActionBuildChecklist(), dispatcher, make_tracker(slots={"role": "friend"}))
    assert dispatcher.messages[-1]["text"].startswith("Are they under 18?")


def test_an_ordinary_word_answering_the_town_question_is_the_place(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"requested_detail": "place"}, intent="nlu_fallback", text="bath")
    events = run(ActionAcknowledgeDetails(), dispatcher, tracker)
    assert SlotSet("police_force", "avon_and_somerset") in events and NOT_WAITING in events
    assert "Avon and Somerset" in all_text(dispatcher)


def test_an_ordinary_word_is_not_a_place_unless_asked(dispatcher, make_tracker) -> None:
    events = run(ActionAcknowledgeDetails(), dispatcher, make_tracker(intent="nlu_fallback", text="bath"))
    assert events == [NOT_WAITING]
    assert "didn't catch" in all_text(dispatcher)


def test_jersey_gets_its_own_police_not_101(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"country": "jersey"}, entities=[{"entity": "country", "value": "jersey"}])
    run(ActionAcknowledgeDetails(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert "States of Jersey Police" in text and "01534 612612" in text and "999" in text
    assert "101" not in text.replace("01534 612612", "")


def test_police_contacts_use_the_force_slot(dispatcher, make_tracker) -> None:
    run(ActionPoliceContacts(), dispatcher, make_tracker(slots={"police_force": "west_yorkshire"}))
    text = all_text(dispatcher)
    assert "https://www.westyorkshire.police.uk/101livechat" in text and "101" in text


def test_platform_report_known_and_unknown(dispatcher, make_tracker) -> None:
    run(ActionPlatformReport(), dispatcher, make_tracker(slots={"platform": "instagram"}))
    assert lookup("platforms.instagram.report_url") in all_text(dispatcher)
    unknown = type(dispatcher)()
    run(ActionPlatformReport(), unknown, make_tracker())
    assert "Which app" in all_text(unknown)
    assert '/inform{"platform": "instagram"}' in all_text(unknown)


def test_every_app_named_so_far_gets_its_reporting_page(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"platform": "snapchat", "platforms": ["instagram", "snapchat"]},
                           intent="ask_report_platform")
    run(ActionPlatformReport(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert lookup("platforms.instagram.report_url") in text and "Snapchat" in text


def test_a_settled_place_gives_that_forces_links(dispatcher, make_tracker) -> None:
    tracker = make_tracker(entities=[{"entity": "location", "value": "Keighley"},
                                     {"entity": "police_force", "value": "west_yorkshire"}])
    assert run(ActionAcknowledgeDetails(), dispatcher, tracker) == [SlotSet("country", None), NOT_WAITING]
    assert "West Yorkshire Police" in all_text(dispatcher)


def test_an_ambiguous_place_forgets_the_old_force_and_asks(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"police_force": "west_yorkshire"},
                           entities=[{"entity": "location", "value": "Newport"}])
    events = run(ActionAcknowledgeDetails(), dispatcher, tracker)
    assert SlotSet("police_force", None) in events
    buttons = dispatcher.messages[-1]["buttons"]
    assert len(buttons) >= 2 and all(b["payload"].startswith('/inform{"police_force"') for b in buttons)


def test_asked_for_the_police_later_a_place_told_before_is_asked_about(dispatcher, make_tracker) -> None:
    """"im 15, from newport", then "who is the police round here": which Newport, not "tell me your town"."""
    run(ActionPoliceContacts(), dispatcher, make_tracker(slots={"location": "Newport"}))
    buttons = dispatcher.messages[-1]["buttons"]
    payloads = {b["payload"] for b in buttons}
    assert {'/inform{"police_force": "gwent"}', '/inform{"police_force": "hampshire"}'} <= payloads
    text = all_text(dispatcher)
    assert "town" not in text.lower() and "101" in text and "999" in text


def test_a_platform_detail_gives_its_reporting_page(dispatcher, make_tracker) -> None:
    run(ActionAcknowledgeDetails(), dispatcher, make_tracker(entities=[{"entity": "platform", "value": "snapchat"}]))
    assert "snapchat.com" in all_text(dispatcher)


@pytest.mark.parametrize(("age_group", "role", "expected", "not_expected"), [
    ("adult", "self", "stopncii.org", "ceop"),
    ("under_18", "self", "ceop.police.uk", "Revenge Porn Helpline"),
    ("under_18", "parent", "Because they're under 18", "Because you're"),
])
def test_an_age_brings_the_routes_for_that_age(dispatcher, make_tracker, age_group, role, expected,
                                              not_expected) -> None:
    tracker = make_tracker(slots={"age_group": age_group, "role": role, "region": "uk"},
                           entities=[{"entity": "age_group", "value": age_group}])
    run(ActionAcknowledgeDetails(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert expected in text and not_expected.lower() not in text.lower()


def test_nothing_recognised_is_said_kindly(dispatcher, make_tracker) -> None:
    run(ActionAcknowledgeDetails(), dispatcher, make_tracker(text="I'm in Narnia"))
    assert "didn't catch" in all_text(dispatcher)


def test_a_country_outside_the_uk_gets_its_own_services(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"police_force": "west_yorkshire"},
                           entities=[{"entity": "country", "value": "united_states"}])
    events = run(ActionAcknowledgeDetails(), dispatcher, tracker)
    assert SlotSet("police_force", None) in events
    text = all_text(dispatcher)
    assert "911" in text and "tips.fbi.gov" in text and "westyorkshire" not in text


def test_police_contacts_prefer_the_place_named_now(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"police_force": "metropolitan", "country": "canada"},
                           entities=[{"entity": "police_force", "value": "metropolitan"}], intent="ask_police")
    events = run(ActionPoliceContacts(), dispatcher, tracker)
    assert events == [SlotSet("country", None), NOT_WAITING]
    assert "Metropolitan" in all_text(dispatcher) and "911" not in all_text(dispatcher)


def test_a_report_question_with_a_place_gives_police_and_app_routes(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"police_force": "police_scotland"}, intent="ask_report_platform",
                           entities=[{"entity": "police_force", "value": "police_scotland"}])
    run(ActionPlatformReport(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert "Police Scotland" in text and "report button" in text.lower()


def test_a_report_question_with_a_new_place_forgets_the_old_country(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"police_force": "west_yorkshire", "country": "canada"}, intent="ask_report_platform",
                           entities=[{"entity": "police_force", "value": "west_yorkshire"}])
    events = run(ActionPlatformReport(), dispatcher, tracker)
    assert events == [SlotSet("country", None)]
    text = all_text(dispatcher)
    assert "westyorkshire.police.uk" in text and "911" not in text


def test_an_unclear_message_gets_its_likeliest_answers_as_buttons(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"advice_given": True}, intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.55}, {"name": "ask_should_pay", "confidence": 0.4},
        {"name": "faq", "confidence": 0.35}, {"name": "greet", "confidence": 0.2}]
    tracker.latest_message["response_selector"] = {"faq": {"ranking": [
        {"intent_response_key": "faq/money_back", "confidence": 0.9}]}}
    run(ActionOfferLikelyAnswers(), dispatcher, tracker)
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["title"] for b in buttons] == ["Should I pay them?", "Can I get my money back?"]
    assert all(b["payload"] == b["title"] for b in buttons)  # the question is asked again, in words
    assert "didn't quite follow" not in all_text(dispatcher)


def test_an_unclear_first_message_gets_the_core_steps_first(dispatcher, make_tracker) -> None:
    tracker = make_tracker(intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "describe_situation", "confidence": 0.4}]
    events = run(ActionOfferLikelyAnswers(), dispatcher, tracker)
    assert "Don't pay" in dispatcher.messages[0]["text"] and dispatcher.messages[1]["buttons"]
    assert events == [SlotSet("advice_given", True)]


def test_gibberish_is_asked_to_be_said_another_way(dispatcher, make_tracker) -> None:
    tracker = make_tracker(intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.55}]
    run(ActionOfferLikelyAnswers(), dispatcher, tracker)
    assert "another way" in all_text(dispatcher) and "999" in all_text(dispatcher)


def test_a_story_with_money_a_deadline_and_an_app_gets_each_acknowledged(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"already_paid": True, "payment_method": "gift_card", "region": "uk"},
                           entities=[{"entity": "paid", "value": "true"}, {"entity": "platform", "value": "snapchat"}],
                           intent="describe_situation",
                           text="I paid £50 in gift cards on snap and he says I've got an hour")
    events = run(ActionAcknowledgeSituation(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert "gift card" in text.lower() and "snapchat.com" in text
    assert SlotSet("advice_given", True) in events and SlotSet("platforms", ["snapchat"]) in events
    assert len(dispatcher.messages) == 3  # money, the deadline, the app


@pytest.mark.parametrize(("age_group", "told"), [("adult", True), (None, True), ("under_18", False)])
def test_an_image_from_before_18_brings_take_it_down_unless_still_under_18(
        dispatcher, make_tracker, age_group: str | None, told: bool) -> None:
    tracker = make_tracker(slots={"age_group": age_group, "role": "self", "region": "uk"}, intent="describe_situation",
                           text="he's threatening me with a video from when I was 16")
    run(ActionAcknowledgeSituation(), dispatcher, tracker)
    assert ("takeitdown.ncmec.org" in all_text(dispatcher)) is told


def test_a_threat_to_out_them_brings_galop_with_the_first_steps(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"age_group": "adult", "role": "self", "region": "uk"}, intent="describe_situation",
                           text="I'm 33 and bi, my ex says she'll send photos of us to my family who don't know")
    run(ActionAcknowledgeSituation(), dispatcher, tracker)
    assert "0800 999 5428" in all_text(dispatcher)


def test_every_app_named_is_remembered(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"platforms": ["instagram"]}, entities=[
        {"entity": "platform", "value": "snapchat"}, {"entity": "platform", "value": "instagram"}])
    events = run(ActionAcknowledgeDetails(), dispatcher, tracker)
    assert SlotSet("platforms", ["instagram", "snapchat"]) in events


def test_an_app_taken_back_is_forgotten(dispatcher, make_tracker) -> None:
    tracker = make_tracker(slots={"platforms": ["snapchat"]}, intent="ask_report_platform", entities=[
        {"entity": "platform", "value": "instagram"}, {"entity": "platform_denied", "value": "snapchat"}])
    events = run(ActionPlatformReport(), dispatcher, tracker)
    assert SlotSet("platforms", ["instagram"]) in events
    assert "Instagram" in all_text(dispatcher) and "Snapchat" not in all_text(dispatcher)


@pytest.mark.parametrize(("service", "region", "expected", "not_expected"), [
    ("childline", "uk", "0800 1111", "Email"),  # a way to reach it that Childline does not list is left out
    ("shout", "uk", "Text SHOUT to 85258", "Call"),
    ("revenge_porn_helpline", "uk", "help@revengepornhelpline.org.uk", "UK service"),
    ("childline", "abroad", "UK service", "0800 1111"),  # never a UK-only number abroad
    ("stopncii", "abroad", "https://stopncii.org/", "UK service"),
])
def test_a_service_named_gets_its_contact_details(dispatcher, make_tracker, service, region, expected,
                                                  not_expected) -> None:
    tracker = make_tracker(slots={"region": region, "emergency_number": "112"}, intent="ask_service_contact",
                           entities=[{"entity": "service", "value": service}])
    run(ActionServiceContact(), dispatcher, tracker)
    text = all_text(dispatcher)
    assert expected in text and not_expected not in text


def test_a_service_not_recognised_gets_the_people_who_can_help(dispatcher, make_tracker) -> None:
    run(ActionServiceContact(), dispatcher, make_tracker(intent="ask_service_contact"))
    assert "Samaritans" in all_text(dispatcher)


def test_without_a_domain_from_rasa_the_action_answers_from_its_own_copy(dispatcher, make_tracker) -> None:
    """endpoints.yml has Rasa send no domain (selective domain): the answer must be the same."""
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    tracker = make_tracker(slots={"age_group": "adult", "police_force": "west_yorkshire", "platform": "snapchat"})
    with_domain = run(ActionBuildChecklist(), dispatcher, tracker)
    without = CollectingDispatcher()
    assert asyncio.run(ActionBuildChecklist().run(without, tracker, {})) == with_domain
    assert without.messages == dispatcher.messages and "101livechat" in all_text(without)


def test_an_answer_an_action_gave_before_comes_in_other_words(dispatcher, make_tracker) -> None:
    """As the domain's own replies do (nlg/no_repeat.py): the shorter variation once the full one was said."""
    slots = {"police_force": "west_yorkshire", "role": "parent", "age_group": "under_18"}
    run(ActionPoliceContacts(), dispatcher, make_tracker(slots=slots))
    contacts, first = (m["text"] for m in dispatcher.messages)
    tracker = make_tracker(slots=slots)
    tracker.events = [{"event": "session_started"}, {"event": "bot", "text": contacts}, {"event": "bot", "text": first}]
    dispatcher.messages.clear()
    run(ActionPoliceContacts(), dispatcher, tracker)
    again = dispatcher.messages[1]["text"]
    assert again != first and again and "again" not in dispatcher.messages[1]
    # Once every version was said, the full one comes again.
    tracker.events.append({"event": "bot", "text": again})
    dispatcher.messages.clear()
    run(ActionPoliceContacts(), dispatcher, tracker)
    assert dispatcher.messages[1]["text"] == first
