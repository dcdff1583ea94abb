"""Whole conversations with the real servers over the REST channel."""
from __future__ import annotations

import re
import sqlite3

import pytest

from channels.privacy import hash_sender
from tests.e2e.conftest import Chat
from tools.local_servers import SENDER_ID_KEY

NO_PAY = re.compile(r"don't pay|do not pay|don't pay anything more", re.IGNORECASE)


def test_a_described_situation_gets_the_seed_advice_then_the_checklist(chat: Chat) -> None:
    reply = chat("someone I met online has my nudes and says he'll send them to my followers unless I pay")
    assert "not your fault" in reply and "not alone" in reply
    assert NO_PAY.search(reply)
    for step in ("evidence", "screenshot", "block", "101"):
        assert step in reply.lower()
    assert '[I\'m under 18](/inform{"age_group": "under_18"})' in reply
    checklist = chat("yes please")
    assert "Your checklist:" in checklist and "Are you under 18?" in checklist


def test_west_yorkshire_links_and_platform_page_reach_the_checklist(chat: Chat) -> None:
    assert "West Yorkshire Police" in chat("I live in Wakefield")
    assert "instagram.com" in chat("it all started on insta")
    checklist = chat("can I get my checklist")
    assert "https://www.westyorkshire.police.uk/101livechat" in checklist
    assert "https://www.westyorkshire.police.uk/reportcrime" in checklist
    assert "https://help.instagram.com/616583228400289" in checklist


def test_police_question_with_a_west_yorkshire_town(chat: Chat) -> None:
    reply = chat("I'm in Keighley, how do I tell the police?")
    assert "westyorkshire.police.uk/101livechat" in reply and "101" in reply


def test_police_without_a_place_gives_101_then_asks(chat: Chat) -> None:
    reply = chat("how do I report this to the police")
    assert "101" in reply and "999" in reply and "town" in reply


def test_paying_and_already_paid(chat: Chat) -> None:
    assert NO_PAY.search(chat("should I just send them the £300 they want?"))
    reply = chat("I already sent them 100 quid on a gift card")
    assert "gift cards" in reply and "reportfraud.police.uk" in reply  # the card's issuer, not only the bank
    reply = chat("I paid them by bank transfer too")
    assert "bank" in reply


def test_evidence_and_blocking(chat: Chat) -> None:
    assert "Don't delete" in chat("should I delete the whole chat?")
    reply = chat("should I stop answering them?")
    assert "block" in reply.lower() and "evidence" in reply.lower()


def test_crisis_in_the_middle_then_back_to_practical_help(chat: Chat) -> None:
    chat("a girl I was video calling recorded me and wants money")
    crisis = chat("honestly I just want to die")
    assert "116 123" in crisis and "85258" in crisis and "999" in crisis
    assert "Are you safe right now?" in crisis
    assert "glad you're safe" in chat("yes I'm safe")
    assert "Your checklist:" in chat("ok what do I do first")


def test_not_safe_gets_999_and_the_silent_call(chat: Chat) -> None:
    chat("i keep thinking about ending my life")
    reply = chat("no")
    assert "999" in reply and "55" in reply


def test_danger_gets_999(chat: Chat) -> None:
    reply = chat("he says he knows where I live and is coming round to hurt me")
    assert "999" in reply and "55" in reply


def test_under_18_is_told_they_are_not_in_trouble(chat: Chat) -> None:
    reply = chat("im 15 will i get in trouble for sending it")
    assert "not in trouble" in reply and "0800 1111" in reply and "ceop" in reply.lower()


def test_small_talk_and_the_unexpected_get_kind_answers(chat: Chat) -> None:
    assert "automated helper" in chat("hiya")
    assert "not a person" in chat("am I talking to a bot?")
    assert "images" in chat("is this chat private?")
    assert "outside what I know about" in chat("what's the weather like in Leeds tomorrow")
    assert chat("sdfjkl qwpoeiru")
    assert NO_PAY.search(chat("ok but should I pay them?"))


def test_conversations_are_kept_in_the_sqlite_tracker_store(chat: Chat, rasa_server) -> None:
    chat("should I pay them")
    hashed = hash_sender("rest", chat.sender, SENDER_ID_KEY.encode())  # type: ignore[attr-defined]
    with sqlite3.connect(rasa_server.db) as db:
        rows = db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (hashed,)).fetchone()
    assert rows[0] > 0


@pytest.mark.parametrize("place,force_text,site", [
    ("Nottingham", "Nottinghamshire Police", "nottinghamshire.police.uk"),
    ("Edinburgh", "Police Scotland", "scotland.police.uk"),
    ("CF10", "South Wales Police", "south-wales.police.uk"),
    ("Belfast", "Police Service of Northern Ireland", "psni.police.uk"),
    ("Brighton", "Sussex Police", "https://www.sussex.police.uk/ro/report/ocr/af/how-to-report-a-crime/"),
    ("Watford", "Hertfordshire Constabulary", "chat button on their website"),
])
def test_several_forces_by_town_or_postcode(chat: Chat, place: str, force_text: str, site: str) -> None:
    chat(f"I live in {place}")
    reply = chat("how do I report it to the police?")
    assert force_text in reply and site in reply
    assert "westyorkshire" not in reply


def test_a_place_can_be_corrected(chat: Chat) -> None:
    assert "Greater Manchester" in chat("I'm in Manchester")
    assert "West Yorkshire Police" in chat("actually I'm in Leeds now")
    reply = chat("who do I contact at the police")
    assert "westyorkshire.police.uk" in reply and "Greater Manchester" not in reply


def test_outside_the_uk(chat: Chat) -> None:
    reply = chat("I live in Canada")
    assert "911" in reply and "1-866-658-9022" in reply
    checklist = chat("give me the checklist")
    assert "cybertip.ca" in checklist and "101" not in checklist.split("Are you under 18")[0]


def test_asked_twice_the_answer_is_shorter_never_the_same_paragraph(chat: Chat) -> None:
    first, again = chat("should I pay them?"), chat("so should i just pay?")
    assert first != again
    assert "Don't pay" in first and "don't pay" in again
    scared, still_scared = chat("I'm so ashamed"), chat("i feel so ashamed of myself")
    assert scared != still_scared and "not your fault" in still_scared


def test_the_crisis_answer_comes_in_full_every_time(chat: Chat) -> None:
    assert chat("I want to kill myself") == chat("i want to end my life")
