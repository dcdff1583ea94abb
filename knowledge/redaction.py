"""Takes out of a message what says who or where someone is, before the message is stored.

People who are being blackmailed paste the blackmailer's demands, and their own
details with them: an email, a phone number, the bank details they were given, a
link to a profile, their home postcode. The assistant needs none of them once the
turn is over, and a stored conversation should not be able to find them, so:

- email addresses become "[email]"; links (http, https, www. and bare domains
  with a path such as bit.ly/abc) become "[link]";
- IBANs, sort codes, and any run of 8 or more digits (phone, card and account
  numbers, with their spaces, dashes, dots and brackets) become "[number]";
- a full UK postcode keeps only its outward code ("LS6 2QT" -> "LS6"): that is
  enough to find the police force, and is shared by thousands of homes.

What the advice depends on stays: ages, amounts of money, times, dates written
with slashes, numbers of fewer than 8 digits (101, 999, 116 123), and the public
numbers the assistant gives out itself (0800 1111 has 8 digits, and saying you
called it is no secret). Usernames stay too: digits glued to letters or an
underscore are part of a name ("user12345678"), not a number; so does a domain
without a path ("snapchat.com"), which names a platform more often than a page.
Dates written with dashes or dots have the shape of a number ("30-11-2026",
"30-11-26" like a sort code) and go with them.

Each pattern starts at a fixed word or at the beginning of a token, and never
has two ways to split the same characters, so the time taken grows with the
length of the message, not its square: a message is anything a stranger types.
Redacting twice gives the same as once, so the tracker store can pass a whole
session through on every save.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from knowledge.content import load_content

EMAIL = "[email]"
LINK = "[link]"
NUMBER = "[number]"
# Fewer digits than this is an age, an amount, a time or a short service number.
MIN_DIGITS = 8

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The rest of a link: anything up to a space, but not the full stop or bracket that closes the sentence.
_LINK_TAIL = r"[^\s<>\"]*[^\s<>\"'.,;:!?)\]}]"
_LINK = re.compile(
    rf"https?://{_LINK_TAIL}"
    rf"|(?<![\w.@/-])www\.{_LINK_TAIL}"
    rf"|(?<![\w.@/-])(?:[\w-]+\.)+[a-z]{{2,}}/(?:{_LINK_TAIL})?",
    re.IGNORECASE,
)
# Country, check digits, then 10 to 30 letters and digits, in groups of four or not.
_IBAN = re.compile(r"(?<![a-z0-9])[a-z]{2}[0-9]{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![a-z0-9])",
                   re.IGNORECASE)
# Six digits are a sort code only when it says so ("sort code: 200000"); "20-00-00" is one anyway (below).
_SORT_CODE = re.compile(r"(\bsort[ -]?codes?\b[^\d\n]{0,20}?)\d\d[- ]?\d\d[- ]?\d\d(?!\d)", re.IGNORECASE)
_SORT_CODE_SHAPE = re.compile(r"\d\d-\d\d-\d\d")
# Digits with the separators phone and card numbers are written with; not after a currency sign or inside a word.
_DIGIT_RUN = re.compile(r"(?<![\w£$€¥₹])\+?\(?\d(?:[ ().-]{0,3}\d)*(?!\w)")
# Outward code, then the inward code: a digit and two of the letters Royal Mail uses there (never C I K M O V,
# so "m8 2pm" is not one).
_POSTCODE = re.compile(r"(?<![a-z0-9])([a-z]{1,2}[0-9][a-z0-9]?)[ \t]{0,3}[0-9][abd-hjlnp-uw-z]{2}(?![a-z0-9])",
                       re.IGNORECASE)


def redact(text: str) -> str:
    """The message without emails, links, long numbers and full postcodes (see the module docstring)."""
    text = _EMAIL.sub(EMAIL, text)
    text = _LINK.sub(LINK, text)
    text = _IBAN.sub(_iban, text)
    text = _SORT_CODE.sub(lambda match: match.group(1) + NUMBER, text)
    text = _DIGIT_RUN.sub(_digit_run, text)
    return _POSTCODE.sub(lambda match: match.group(1), text)


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


def _iban(match: re.Match[str]) -> str:
    """An IBAN carries an account number; letters and digits that merely look like one ("ls12 more info") stay."""
    return NUMBER if len(_digits(match.group())) >= MIN_DIGITS else match.group()


def _digit_run(match: re.Match[str]) -> str:
    run = match.group()
    digits = _digits(run)
    if _SORT_CODE_SHAPE.fullmatch(run) or (len(digits) >= MIN_DIGITS and digits not in public_numbers()):
        return NUMBER
    return run


@lru_cache(maxsize=1)
def public_numbers() -> frozenset[str]:
    """The digits of every phone number in the content files with 8 digits or more: services, not people."""
    return frozenset(digits for digits in map(_digits, _phone_numbers(load_content())) if len(digits) >= MIN_DIGITS)


def _phone_numbers(value: Any) -> list[str]:
    """Every `phone` and `textphone` value, however deep in the content."""
    if isinstance(value, list):
        return [number for item in value for number in _phone_numbers(item)]
    if not isinstance(value, dict):
        return []
    found = [str(value[key]) for key in ("phone", "textphone") if value.get(key)]
    return found + [number for item in value.values() for number in _phone_numbers(item)]
