"""A reply leaves out what does not fit what the person told us, and never loses everything."""
from __future__ import annotations

import re

import pytest

from knowledge.reply_fitting import (
    LIFE_SAVING,
    WHOLLY_ABOUT_THE_PERSON,
    answer_for,
    fit_reply,
    text_for_age_group,
    text_for_blackmailer,
    text_for_nation,
    text_for_pronoun,
    text_for_relation,
    without_crisis_signpost,
)
from knowledge.situation import ADULT, UNDER_18
from tests.conftest import rendered_domain

BOTH = ("Ways to stop images spreading:\n"
        "- Under 18: Report Remove or Take It Down.\n"
        "- 18 or over: StopNCII, and the Revenge Porn Helpline.\n"
        "Don't forward the images.")


def test_an_adult_gets_the_adult_route_and_the_rest() -> None:
    assert text_for_age_group(BOTH, ADULT) == (
        "Ways to stop images spreading:\n- 18 or over: StopNCII, and the Revenge Porn Helpline.\n"
        "Don't forward the images.")


def test_an_under_18_gets_the_under_18_route_and_the_rest() -> None:
    assert text_for_age_group(BOTH, UNDER_18) == (
        "Ways to stop images spreading:\n- Under 18: Report Remove or Take It Down.\nDon't forward the images.")


def test_an_unknown_age_gets_both() -> None:
    assert text_for_age_group(BOTH, None) == BOTH


def test_inside_a_paragraph_only_that_sentence_goes() -> None:
    text = "Yes. If they're under 18, they can report to CEOP. Most forces have an online form."
    assert text_for_age_group(text, ADULT) == "Yes. Most forces have an online form."


def test_a_line_with_both_routes_keeps_the_right_one() -> None:
    text = "Under 18: CEOP. Childline can help too. 18 or over: the police on 101."
    assert text_for_age_group(text, ADULT) == "18 or over: the police on 101."
    assert text_for_age_group(text, UNDER_18) == "Under 18: CEOP. Childline can help too."


def test_a_clause_after_a_semicolon_goes_alone_and_the_sentence_still_ends() -> None:
    text = "The Revenge Porn Helpline helps adults get it removed; under 18, use Report Remove. Report it on 101."
    assert text_for_age_group(text, ADULT) == "The Revenge Porn Helpline helps adults get it removed. Report it on 101."
    assert text_for_age_group(text, UNDER_18) == text


def test_when_the_image_was_taken_is_kept_for_everyone() -> None:
    text = "- Under 18 in the image: Take It Down.\n- 18 or over: StopNCII."
    assert "Take It Down" in text_for_age_group(text, ADULT)


def test_a_reply_that_would_lose_everything_is_sent_whole() -> None:
    text = "If you're under 18, tell an adult you trust."
    assert text_for_age_group(text, ADULT) == text


def test_the_button_that_tells_the_age_goes_once_the_age_is_known() -> None:
    response = {"text": "Hello", "buttons": [{"title": "I'm under 18", "payload": '/inform{"age_group": "under_18"}'},
                                             {"title": "Make my checklist", "payload": "/request_checklist"}]}
    assert [b["title"] for b in fit_reply(response, {"age_group": ADULT})["buttons"]] == ["Make my checklist"]
    assert fit_reply(response, {}) == response


OPENS_FOR = {
    ADULT: re.compile(r"(^|\n|[.!?] )(- )?(under 18\b(?! in the image)(?! \(in)|if (you're|they're) under 18)", re.I),
    UNDER_18: re.compile(r"(^|\n|[.!?] )(- )?(18 or over|if (you're|they're) (18 or over|an adult))", re.I),
}


@pytest.mark.parametrize("age_group", [ADULT, UNDER_18])
def test_every_reply_fits_the_age_group_and_keeps_something(age_group: str) -> None:
    """... and never loses the emergency number or a crisis line to the fitting."""
    for name, variations in rendered_domain()["responses"].items():
        for variation in variations:
            text = variation.get("text") or ""
            fitted = text_for_age_group(text, age_group)
            assert fitted.strip() or not text.strip(), name
            if fitted != text:
                assert not OPENS_FOR[age_group].search(fitted), (name, fitted)
            for line in ("999", "{emergency_number}", "116 123"):
                assert line not in text or line in fitted, (name, text)


def test_a_known_blackmailer_is_not_called_a_stranger_abroad() -> None:
    text = "Threats like this are meant to scare you. These criminals are usually overseas. Save the messages."
    assert text_for_blackmailer(text, "ex_partner") == "Threats like this are meant to scare you. Save the messages."
    assert text_for_blackmailer(text, "stranger") == text
    assert text_for_blackmailer(text, None) == text


def test_a_known_blackmailer_keeps_not_your_fault_without_the_strangers_who_do_this_to_lots_of_people() -> None:
    text = "This is not your fault: you were tricked by criminals who do this to lots of people. You are not alone."
    assert text_for_blackmailer(text, "peer") == "This is not your fault. You are not alone."
    assert text_for_blackmailer(text, None) == text


def test_no_reply_calls_a_known_blackmailer_a_gang_abroad() -> None:
    for name, variations in rendered_domain()["responses"].items():
        for variation in variations:
            text = variation.get("text") or ""
            fitted = text_for_blackmailer(text, "ex_partner")
            assert fitted.strip() or not text.strip(), name
            if fitted != text:
                assert not re.search(r"overseas|gangs?\b|lots of people", fitted, re.IGNORECASE), (name, fitted)


@pytest.mark.parametrize("slots", [{"age_group": ADULT}, {"age_group": UNDER_18}, {"blackmailer": "ex_partner"},
                                   {"age_group": ADULT, "over_19": "true"}])
def test_the_life_saving_replies_are_never_cut(slots: dict) -> None:
    for name in ("utter_crisis", "utter_crisis_someone_else", "utter_danger", "utter_still_here"):
        for variation in rendered_domain()["responses"][name]:
            assert fit_reply(variation, slots, name) == variation, name


def test_someone_of_19_or_over_is_not_sent_to_childline_and_an_18_year_old_is() -> None:
    reply = {"text": "Real people can help:\n- Police: 101.\n- Under 19: Childline, any time.\n"
                     "- 18 or over: the Revenge Porn Helpline.\n- Anyone: Samaritans."}
    for over_19 in ("true", True):
        fitted = fit_reply(reply, {"age_group": ADULT, "over_19": over_19}, "utter_human")["text"]
        assert "Childline" not in fitted and "Revenge Porn Helpline" in fitted and "Samaritans" in fitted
    for over_19 in ("false", None):
        assert "Childline" in fit_reply(reply, {"age_group": ADULT, "over_19": over_19}, "utter_human")["text"]
    # Under 18 with a stale flag: the age group decides.
    assert "Childline" in fit_reply(reply, {"age_group": UNDER_18, "over_19": "true"}, "utter_human")["text"]


def test_no_reply_sends_someone_of_19_or_over_to_childline_unless_it_would_lose_everything() -> None:
    slots = {"age_group": ADULT, "over_19": "true"}
    for name, variations in rendered_domain()["responses"].items():
        if name in LIFE_SAVING:
            continue
        for variation in variations:
            text = variation.get("text") or ""
            fitted = fit_reply(variation, slots, name).get("text") or ""
            assert fitted.strip() or not text.strip(), name
            if fitted != text:
                assert not re.search(r"(^|\n|[.!?] )(- )?under 19\b", fitted, re.IGNORECASE), (name, fitted)


def test_the_crisis_signpost_can_be_left_out_whole() -> None:
    comfort = "This is not your fault.\n\nTake a breath. If it ever feels like too much, Samaritans are on 116 123."
    assert without_crisis_signpost(comfort) == "This is not your fault.\n\nTake a breath."
    listed = "Help:\n- Under 19? Childline.\n- If it ever feels like too much, call 116 123.\n- Be kind."
    assert without_crisis_signpost(listed) == "Help:\n- Under 19? Childline.\n- Be kind."


@pytest.mark.parametrize("role,relation,text,expected", [
    ("parent", "son", "I'm sorry this is happening to them, and I'm glad they have you.",
     "I'm sorry this is happening to your son, and I'm glad they have you."),
    ("family", "sister", "Help them save the evidence. Don't pay them.",
     "Help your sister save the evidence. Don't pay them."),
    ("friend", "mate", "If they're under 18, tell an adult. Stay with them.",
     "If your mate is under 18, tell an adult. Stay with them."),
    ("self", "son", "Help them save the evidence.", "Help them save the evidence."),
    ("parent", None, "Help them save the evidence.", "Help them save the evidence."),
    ("parent", "son", "Don't pay them.", "Don't pay them."),
    ("parent", "<b>x</b>", "Help them.", "Help them."),
])
def test_a_helper_reads_the_person_named_as_they_named_them(role, relation, text, expected) -> None:
    assert text_for_relation(text, role, relation) == expected


@pytest.mark.parametrize(("role", "relation", "text", "expected"), [
    ("parent", "son", "Tell them it isn't their fault. They are the victim of a crime, and they won't be in trouble.",
     "Tell him it isn't his fault. He is the victim of a crime, and he won't be in trouble."),
    ("family", "sister", "If they're under 18, encourage them to tell an adult they trust.",
     "If she's under 18, encourage her to tell an adult she trusts."),
    ("parent", "daughter", "If they're in danger or talk about harming themselves, call 999.",
     "If she's in danger or talks about harming herself, call 999."),
    ("friend", "boyfriend", "Help them report it to the police where they live.",
     "Help him report it to the police where he lives."),
    # The blackmailers stay "they": only what can mean nothing but the young person changes.
    ("parent", "son", "Don't pay them. They often send another threat, and they won't be told who reported them.",
     "Don't pay them. They often send another threat, and they won't be told who reported them."),
    ("parent", "son", "Many countries have their own helpline.", "Many countries have their own helpline."),
    # A relation that does not say (a friend, a pupil), or someone writing about themselves: "they" stays.
    ("friend", "friend", "Tell them it isn't their fault.", "Tell them it isn't their fault."),
    ("self", "son", "Tell them it isn't their fault.", "Tell them it isn't their fault."),
    ("parent", "<b>x</b>", "Tell them it isn't their fault.", "Tell them it isn't their fault."),
])
def test_a_helper_reads_him_or_her_where_the_relation_says(role, relation, text, expected) -> None:
    assert text_for_pronoun(text, role, relation) == expected


def test_every_helper_reply_keeps_its_sentences_when_gendered() -> None:
    """Gendering changes pronouns only: the same sentences, the same numbers and links, in every helper variation."""
    for name, variations in rendered_domain()["responses"].items():
        for variation in variations:
            text = variation.get("text") or ""
            for relation in ("son", "daughter"):
                gendered = text_for_pronoun(text, "parent", relation)
                numbers_and_links = r"https?://\S+|\d[\d ]{2,}\d"
                assert re.findall(numbers_and_links, gendered) == re.findall(numbers_and_links, text)
                assert gendered.count(".") == text.count("."), name
                unconjugated = r"\b(?:he|she) (?:trust|need|talk|are|were|have|don't)\b"
                assert not re.search(unconjugated, gendered, re.I), (name, gendered)


@pytest.mark.parametrize(("method", "response"), [
    ("gift_card", "utter_faq/gift_cards"), ("crypto", "utter_faq/crypto_paid"), ("paypal", "utter_faq/paypal_refund"),
    ("card", "utter_faq/bank_card_refund"), ("money_transfer", "utter_faq/money_back"), (None, "utter_faq/money_back"),
])
def test_asked_for_the_money_back_the_answer_is_for_how_they_paid(method, response) -> None:
    assert answer_for("utter_faq/money_back", {"payment_method": method}) == response
    assert answer_for("utter_faq/deadline", {"payment_method": method}) == "utter_faq/deadline"
    assert response in rendered_domain()["responses"]


@pytest.mark.parametrize("relation", ["girlfriend", "brother"])
def test_a_reply_wholly_about_someone_at_risk_names_them_one_way_throughout(relation: str) -> None:
    """"If she is in danger now, call 999 with them" reads as two people; in these replies every "they" is her."""
    for name in WHOLLY_ABOUT_THE_PERSON:
        for variation in rendered_domain()["responses"][name]:
            text = fit_reply(dict(variation), {"role": "friend", "relation": relation}, name)["text"]
            assert not re.search(r"\b(?:they|them|their|themselves)\b", text, re.I), text
            assert bool(re.search(r"\bhim\b", text)) == (relation == "brother"), text
            assert bool(re.search(r"\bher\b", text)) == (relation == "girlfriend"), text
            assert not re.search(r"\b(?:he|she) (?:are|were|have|don't)\b", text, re.I), text


def test_danger_and_crisis_lines_are_kept_inside_the_other_age_groups_lines() -> None:
    text = "Under 18? CEOP takes reports online. In danger right now? Call 999.\n18 or over: StopNCII."
    assert text_for_age_group(text, ADULT) == "In danger right now? Call 999.\n18 or over: StopNCII."
    assert text_for_age_group("Under 18: CEOP. If you're under 18 and in danger, call 999.", ADULT) == \
        "Under 18: CEOP. If you're under 18 and in danger, call 999."  # nothing would be left: sent whole


@pytest.mark.parametrize(("slots", "added"), [
    ({"platform": "instagram"}, "\n\nIn Instagram's settings, turn on Private Account."),
    ({"platform": "snapchat", "role": "parent"}, "\n\nSteps to pass on: In Snapchat's settings"),
    ({"platform": "facebook"}, None),  # no facebook.com page on it was read: nothing added
    ({}, None),
])
def test_making_accounts_private_is_answered_for_the_app_they_named(slots: dict, added: str | None) -> None:
    text = fit_reply({"text": "Yes, that can help."}, slots, "utter_faq/private_account")["text"]
    assert text.startswith("Yes, that can help.")
    assert (added in text) if added else text == "Yes, that can help."
    # Only that answer: another reply is not given the app's privacy settings.
    assert fit_reply({"text": "Block them."}, slots, "utter_block")["text"] == "Block them."


def test_a_helper_for_an_adult_is_not_given_the_routes_for_a_child() -> None:
    text = ("Real people can help you both:\n- Under 19 (you or them): Childline, 0800 1111.\n"
            "- If they're 18 or over: the Revenge Porn Helpline.\n- An adult worried about a child: the NSPCC.\n"
            "- Anyone, any time: Samaritans, 116 123.")
    assert text_for_age_group(text, ADULT) == ("Real people can help you both:\n- If they're 18 or over: the Revenge "
                                               "Porn Helpline.\n- Anyone, any time: Samaritans, 116 123.")
    assert "Childline" in text_for_age_group(text, UNDER_18) and "NSPCC" in text_for_age_group(text, UNDER_18)


@pytest.mark.parametrize(("slots", "response"), [
    ({"role": "parent", "age_group": "adult"}, "utter_helping_someone"),  # "my daughter is 19"
    ({"role": "friend", "age_group": "adult"}, "utter_helping_someone"),
    ({"role": "parent", "age_group": "under_18"}, "utter_faq/someone_older_i_know"),
    ({"role": "parent"}, "utter_faq/someone_older_i_know"),
    ({"role": "self", "age_group": "adult"}, "utter_faq/someone_older_i_know"),  # it has a variation for them
])
def test_someone_older_is_about_a_child_so_a_helper_for_an_adult_gets_the_helpers_answer(slots, response) -> None:
    assert answer_for("utter_faq/someone_older_i_know", slots) == response


@pytest.mark.parametrize(("role", "response"), [
    ("friend", "utter_already_paid_helper"), ("parent", "utter_already_paid_helper"),
    ("professional", "utter_already_paid_helper"), ("self", "utter_already_paid"), (None, "utter_already_paid"),
])
def test_money_paid_told_by_a_helper_gets_what_to_help_them_do(role, response) -> None:
    assert answer_for("utter_already_paid", {"role": role, "payment_method": "bank"}) == response


@pytest.mark.parametrize(("role", "response"), [
    (None, "utter_in_trouble"), ("self", "utter_in_trouble"),
    ("parent", "utter_faq/parent_child_in_trouble"), ("family", "utter_faq/parent_child_in_trouble"),
])
def test_am_i_in_trouble_for_using_my_mums_card_is_the_writers_own_question(role, response) -> None:
    assert answer_for("utter_faq/parent_child_in_trouble", {"role": role, "age_group": "under_18"}) == response
    # "My ex has my nudes... will she get in trouble if I report it?": not turned into "you're not in trouble".
    slots = {"role": role, "age_group": "under_18", "blackmailer": "ex_partner"}
    assert answer_for("utter_faq/parent_child_in_trouble", slots) == "utter_faq/parent_child_in_trouble"


MONEY = ("Call your bank today.\n- Report it to the police on 101.\n"
         "- Report the money lost to Report Fraud: https://www.reportfraud.police.uk/ (England, Wales and Northern "
         "Ireland). In Scotland, report it to the police on 101.\nNever pay anyone who offers to get it back.")


def test_someone_in_scotland_is_not_sent_to_report_fraud_and_others_are_not_told_about_scotland() -> None:
    assert text_for_nation(MONEY, "police_scotland") == (
        "Call your bank today.\n- Report it to the police on 101.\n- In Scotland, report it to the police on 101.\n"
        "Never pay anyone who offers to get it back.")
    assert text_for_nation(MONEY, "west_yorkshire") == (
        "Call your bank today.\n- Report it to the police on 101.\n"
        "- Report the money lost to Report Fraud: https://www.reportfraud.police.uk/ (England, Wales and Northern "
        "Ireland).\nNever pay anyone who offers to get it back.")
    assert text_for_nation(MONEY, None) == MONEY


def test_every_reply_naming_report_fraud_gives_scotland_the_police_instead() -> None:
    """Report Fraud does not take reports from Scotland: each reply that names it says who does, in a sentence
    the fitting keeps for Scotland and drops elsewhere."""
    naming = [(name, v["text"]) for name, variations in rendered_domain()["responses"].items()
              for v in variations if "Report Fraud" in (v.get("text") or "")]
    assert len(naming) >= 20
    for name, text in naming:
        # A sentence that names Report Fraud is only about it, so dropping it for Scotland drops nothing else.
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            if "Report Fraud" in sentence:
                assert re.match(r"(?:[-•]\s*)?(?:Report|Tell|Adults can)\b", sentence), (name, sentence)
        scottish = text_for_nation(text, "police_scotland")
        assert not re.search(r"report ?fraud", scottish, re.IGNORECASE), (name, scottish)
        assert "police" in scottish.lower(), (name, scottish)
        english = text_for_nation(text, "west_yorkshire")
        assert "Report Fraud" in english and "Scotland" not in english, (name, english)


def test_the_fraud_route_is_fitted_to_the_force_and_a_services_own_card_is_sent_whole() -> None:
    variation = {"text": MONEY}
    scottish = fit_reply(variation, {"police_force": "police_scotland"}, "utter_faq/money_back")["text"]
    assert "Report Fraud" not in scottish and "In Scotland" in scottish
    assert fit_reply(variation, {"police_force": "police_scotland"}, "utter_service_contact")["text"] == MONEY
