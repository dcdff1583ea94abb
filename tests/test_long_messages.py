"""Long messages get the answers their words get in a short one.

The text readers run in time linear in the message length (bench/text_scaling.py
measures it; speed targets live in the benchmarks, never in tests). For that,
they read what comes before a place or a word once per message, backwards from
it, or from lists of offsets, rather than searching message[:start] again. These
tests check, without timing anything, that those shortcuts give the same answers
at the end of a long message, after many look-alikes, and across long runs of spaces.
"""
from __future__ import annotations

import dataclasses

import pytest

from knowledge.age import find_age_group
from knowledge.context import find_payment, find_role
from knowledge.countries import find_city_abroad, find_country
from knowledge.places import find_place
from knowledge.safety import CRISIS, CRISIS_SOMEONE_ELSE, about_someone_else, detect_risk

# About 200 KB of a message with no place, age or role in it.
LONG = "i'm so scared and i don't know what to do, he keeps messaging me. " * 3000
# A run of spaces, long enough that reading it once per position would be very slow.
SPACES = " " * 20_000


@pytest.mark.parametrize("tail", [
    "I live in Keighley", "my postcode is BD7 1AB", "I'm in m8", "he said he was from London",
    "the scammer says he's from Manchester, I'm in Leeds", "I was reading his messages",
])
def test_a_place_at_the_end_of_a_long_message_is_found_as_on_its_own(tail: str) -> None:
    alone = find_place(tail)
    shifted = dataclasses.replace(alone, start=alone.start + len(LONG), end=alone.end + len(LONG)) if alone else None
    assert find_place(LONG + tail) == shifted


def test_a_place_after_many_places_someone_else_is_from() -> None:
    claims = "he said he was from London. " * 3000
    assert find_place(claims) is None
    found = find_place(claims + "I live in Leeds")
    assert (found.label, found.start) == ("Leeds", len(claims) + len("I live in "))


def test_a_postcode_after_a_long_run_of_spaces() -> None:
    assert find_place(f"my postcode{SPACES}is LS6 1AB").label == "LS6"
    assert find_place(f"my postcode is{SPACES}LS").label == "LS"


def test_who_is_writing_after_many_relatives_the_blackmailer_contacted() -> None:
    contacted = "they already messaged my brother and sent it to my friend. " * 3500
    assert find_role(contacted) is None
    assert find_role(contacted + "my sister is being blackmailed") == "family"


def test_money_paid_after_a_long_number() -> None:
    number = "1" * 200_000
    assert find_payment(f"i'm 45, sent {number} quid") == (True, None)
    assert find_payment(f"i'm 45, sent {number}") == (False, None)


def test_a_pupil_counts_once_something_they_did_follows() -> None:
    pupils = "a pupil " * 20_000
    assert find_role(pupils) is None
    assert find_role(pupils + "has told me") == "professional"


def test_a_country_after_a_long_word_or_many_claims() -> None:
    word = "helpmeplease" * 20_000
    assert find_country(word) is None
    assert find_country(word + " Mumbai, India") == "other"
    claims = "he says he is from Nigeria " * 8000
    assert find_country(claims) is None
    assert find_country(claims + ". I live in France") == "other"
    assert find_city_abroad("he lives in Toronto " * 8000) is None


def test_an_age_at_the_end_of_a_long_message() -> None:
    found = find_age_group(LONG + "im 15")
    assert (found.age_group, found.start) == ("under_18", len(LONG))
    assert find_age_group(f"17{SPACES}").age_group == "under_18"


def test_risk_across_a_long_run_of_spaces() -> None:
    assert detect_risk(f"i want{SPACES}to die") == CRISIS
    assert detect_risk(f"my friend wants to kill himself{SPACES}because he is scared") == CRISIS_SOMEONE_ELSE
    assert about_someone_else(f"my mate has gone quiet{SPACES}but he said he is fine")
