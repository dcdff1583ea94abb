"""Police contacts: the person's own force when known, 101 and 999 always."""
from __future__ import annotations

import pytest

from knowledge.content import load_content
from knowledge.police import force_contacts, police_advice
from knowledge.situation import ADULT, UNDER_18


def test_west_yorkshire_gets_101_live_chat_and_online_reporting() -> None:
    text = " ".join(police_advice("west_yorkshire", ADULT))
    assert "West Yorkshire Police" in text
    assert "101" in text and "18001 101" in text
    assert "https://www.westyorkshire.police.uk/101livechat" in text
    assert "https://www.westyorkshire.police.uk/reportcrime" in text
    assert "999" in text
    assert "CEOP" not in text


def test_unknown_force_answers_first_then_asks_for_the_town() -> None:
    first, *rest = police_advice(None, None)
    assert "101" in first and "999" in first
    assert "town" in " ".join(rest)


def test_under_18_is_also_given_ceop() -> None:
    text = " ".join(police_advice("west_yorkshire", UNDER_18))
    assert "https://www.ceop.police.uk/Safety-Centre/" in text and "not be in trouble" in text


def test_every_force_yields_contacts_and_only_confirmed_websites() -> None:
    for force_id, entry in load_content()["forces"].items():
        text = force_contacts(force_id)
        assert entry["phone"] in text
        assert (entry["website"] in text) == entry["confirmed"], force_id


def test_a_force_whose_chat_is_a_button_on_its_website_says_so() -> None:
    text = force_contacts("hertfordshire")
    assert "live chat on their website" in text and "https://www.herts.police.uk" in text
    assert "https://www.herts.police.uk/report" in text


def test_a_chat_on_an_unconfirmed_website_is_not_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every website is confirmed today, so the case is made up: a chat button on a site we could not confirm.
    entry = {"phone": "101", "live_chat_widget": True, "website": "https://www.example.police.uk", "confirmed": False}
    monkeypatch.setattr("knowledge.police.force", lambda force_id: entry)
    text = force_contacts("made_up")
    assert "live chat" not in text and "example.police.uk" not in text and "101" in text
