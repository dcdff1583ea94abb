"""The checklist fits the person: age, force, platform, money, images already shared."""
from __future__ import annotations

import itertools

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import ActionBuildChecklist
from knowledge.content import lookup
from knowledge.situation import ADULT, UNDER_18, Situation
from tests.conftest import run_action, slots_for, tracker_with

WYP_CHAT = "https://www.westyorkshire.police.uk/101livechat"


def build_checklist(situation: Situation) -> list[str]:
    """The checklist's steps, as the action sends them in its printable list."""
    dispatcher = CollectingDispatcher()
    run_action(ActionBuildChecklist(), dispatcher, tracker_with(slots=slots_for(situation)))
    return dispatcher.messages[0]["custom"]["checklist"]["steps"]


def text_for(**facts) -> str:
    return "\n".join(build_checklist(Situation(**facts)))


@pytest.mark.parametrize(
    "age,force,platform,paid",
    list(itertools.product((UNDER_18, ADULT, None), ("west_yorkshire", "metropolitan", None),
                           ("instagram", None), (True, False))),
)
def test_every_checklist_keeps_the_seed_advice(age, force, platform, paid) -> None:
    steps = build_checklist(Situation(age_group=age, force_id=force, platform_id=platform, already_paid=paid))
    text = "\n".join(steps)
    assert "not your fault" in text and "not alone" in text
    assert "999" in text
    assert "Save the evidence" in text and "block" in text
    assert "Don't delete" in text
    assert ("Don't pay anything more" in text) if paid else ("Don't pay" in text)
    # The seed's order: evidence is saved before blocking, and the police come after.
    keys = ("Save the evidence", "block them", "Report it to the police")
    order = [next(i for i, s in enumerate(steps) if key in s) for key in keys]
    assert order == sorted(order)


def test_under_18_gets_their_services_and_not_the_adult_ones() -> None:
    text = text_for(age_group=UNDER_18)
    for needed in ("CEOP", lookup("services.report_remove.url"), lookup("services.take_it_down.url"),
                   lookup("services.childline.phone"), "adult you trust", "not be in trouble"):
        assert needed in text
    assert "StopNCII" not in text


def test_adult_gets_stopncii_and_the_helpline() -> None:
    text = text_for(age_group=ADULT)
    assert lookup("services.stopncii.url") in text
    assert lookup("services.revenge_porn_helpline.phone") in text
    assert "CEOP" not in text and "Report Remove" not in text


def test_unknown_age_gets_both_routes_labelled_by_age() -> None:
    text = text_for()
    assert "Under 18:" in text and "18 or over:" in text


def test_west_yorkshire_gets_the_live_chat_and_online_report() -> None:
    text = text_for(force_id="west_yorkshire")
    assert "West Yorkshire Police" in text
    assert WYP_CHAT in text
    assert "https://www.westyorkshire.police.uk/reportcrime" in text


def test_another_force_gets_its_own_links_not_west_yorkshire() -> None:
    text = text_for(force_id="metropolitan")
    assert "westyorkshire" not in text
    assert lookup("forces.metropolitan.website") in text


def test_unknown_force_gets_101_and_is_asked_for_a_town() -> None:
    text = text_for()
    assert "101" in text and "westyorkshire" not in text
    assert "your town" in text


def test_known_platform_gets_its_reporting_page() -> None:
    text = text_for(platform_id="instagram")
    assert lookup("platforms.instagram.report_url") in text
    assert "Instagram" in text


def test_unknown_platform_gets_the_report_button_and_isp() -> None:
    text = text_for()
    assert "report button" in text and "internet service provider" in text


def test_already_paid_adds_the_bank_and_report_fraud() -> None:
    text = text_for(already_paid=True)
    assert "bank" in text and lookup("services.report_fraud.url") in text
    assert lookup("services.report_fraud.url") not in text_for(already_paid=False)


def test_images_already_shared_adds_search_removal() -> None:
    url = lookup("platforms.google_search.report_url")
    assert url in text_for(images_shared=True)
    assert url not in text_for(images_shared=False)
