"""Finds the age group in what a person says about themselves.

Only the group matters (under 18 or adult): it decides which services fit, so
we never keep the exact age and never ask for proof. One line inside the adult
group matters too: Childline takes calls up to 19, so it fits an 18-year-old
and not someone of 19 or over (`over_19`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.situation import ADULT, UNDER_18

# "we're both 15", "were both 15": a friend writing about the two of them.
_SELF = r"(?:i'?m|i am|im|i’m|am|we['’]re(?:\s+both)?|we\s+are(?:\s+both)?|were\s+both)"
# "I'm 15", "im only 14", "I am 17 years old", "15 yo", "age 16", "aged 13".
_STATED_AGE = re.compile(
    rf"\b(?:{_SELF}\s+(?:only\s+|just\s+|nearly\s+|almost\s+|actually\s+|really\s+|now\s+)?|aged?\s+|my age is\s+)"
    r"(?P<age>\d{1,2})\b(?!\s*(?:%|percent|quid|pounds?|pence|p\b|k\b|mins?|minutes?|hours?|hrs?|times?|miles?|days?|weeks?|months?|£))"
    r"|\b(?P<age2>\d{1,2})\s*(?:years?\s*old|yrs?\s*old|y/?o|yo)\b",
    re.IGNORECASE,
)
# UK school years 7-13 and other ways of saying "I'm at school".
_SCHOOL = re.compile(
    r"\b(?:(?:in|at)\s+)?(?:year|yr|y)\s?(?:7|8|9|10|11|12|13)\b(?!\s*(?:old|ago))"
    r"|\b(?:in|at)\s+(?:high\s+|secondary\s+)?school\b|\bsixth\s*form\b|\bin\s+s[1-6]\b"
    r"|\b(?:i'?m|i am|im)\s+(?:a\s+|only\s+a\s+|just\s+a\s+)?(?:teen|teenager|minor|kid|child|schoolboy|schoolgirl)\b"
    r"|\b(?:i'?m|i am|im)\s+(?:under\s*(?:18|age)|underage)\b|\bnot\s+18\s+yet\b",
    re.IGNORECASE,
)
_ADULT = re.compile(
    r"\b(?:i'?m|i am|im)\s+(?:over\s*18|an\s+adult|18\s*\+|18\s+or\s+over)\b|\bover\s+18\b"
    r"|\bin\s+my\s+(?:20|30|40|50|60|70)'?s\b|\b(?:twenties|thirties|forties|fifties|sixties)\b",
    re.IGNORECASE,
)
# "in my 30s", "thirties": 19 or over. "over 18", "an adult": not known.
_IN_DECADE = re.compile(r"\d0'?s|ties\b", re.IGNORECASE)
# Married, so 18 or over in the UK: the writer or that husband or wife is the one it is happening to ("he'll send
# it to my wife"). Not when someone else's phone or images, a child or another relative is named: a parent who
# writes "my wife wants to go through her phone" is writing about their child.
_SPOUSE = re.compile(r"\bmy\s+(?:husband|wife)\b", re.IGNORECASE)
# The age of the young person a parent, friend or teacher writes about: "my son is 15", "she's only 14".
_AGE_AFTER = (
    r"(?:\s+is|'s|’s|s|\s+was|\s*\()\s*(?:only\s+|just\s+|nearly\s+|almost\s+|about\s+|around\s+)?(?P<age>\d{1,2})\b"
    r"(?!\s*(?:%|percent|quid|pounds?|mins?|minutes?|hours?|hrs?|miles?|days?|weeks?|months?|£|am|pm))"
)
# The young person a parent, relative, friend or teacher writes about: "my son is 15", "my nephew (14)".
# Their age decides the advice, so it comes before the writer's own ("my brother is 12 ... im 19").
_RELATIVES = (r"son|daughter|child|kid|boy|girl|brother|sister|bro|sis|nephew|niece|grandson|granddaughter|stepson|"
              r"stepdaughter|cousin|friend|mate|flatmate|housemate|roommate|bestie|pupil|student|colleague|co-?worker|workmate|"
              r"scout|cadet|learner|young\s+person")
# "one of our Scouts (14)", "one of my pupils (15)".
_RELATIVE_AGE = re.compile(rf"\b(?:{_RELATIVES})s?" + _AGE_AFTER, re.IGNORECASE)
_SOMEONE_ELSES = re.compile(
    r"\b(?:her|his|their)\s+(?:phone|pics?|pictures?|photos?|images?|nudes?|videos?|account|snap\w*|insta\w*)\b"
    rf"|\b(?:our|my|(?:husband|wife)['’]?s)\s+(?:\d{{1,2}}\s*(?:year|yr)s?\s*old\s+)?(?:\w+\s+)?(?:{_RELATIVES}|kids|children|"
    r"teenager)\b", re.IGNORECASE)
# A partner's age only when the writer helps that partner: otherwise "my boyfriend is 19 and he's threatening to
# post my pics" is the blackmailer's, and would give a teenager the adult route.
_RELATIVE_OR_PARTNER_AGE = re.compile(
    rf"\b(?:{_RELATIVES}|boyfriend|girlfriend|partner|bf|gf|fianc[eé]e?)s?" + _AGE_AFTER, re.IGNORECASE)
# "he's 15", "she is only 14": after the writer's own age in any form, which it may be the blackmailer's ("im 15,
# he's 28", "15 btw hes 19").
_PRONOUN_AGE = re.compile(r"\b(?:he|she)" + _AGE_AFTER, re.IGNORECASE)
_UNDER_18_ALONE = re.compile(r"\bunder\s*(?:18|age)\b", re.IGNORECASE)
# "17" on its own, or "just turned 16": a bare age, as people answer "how old are you?".
# r"\s*(?:[.!]\s*)?$" rather than r"\s*[.!]?\s*$", the same: two spaces quantifiers side by side tried every
# split of a run of spaces between them (time growing with the square of the run).
_BARE_AGE = re.compile(
    r"^\s*(?:just\s+turned\s+|turned\s+)?(?P<age>\d{2})\s*(?:[.!]\s*)?$|\bjust\s+turned\s+(?P<age2>\d{2})\b",
    re.IGNORECASE,
)
# How people often give their age: "38, male", "31 m", "(23m)", "29/f"; a number alone at the start or between
# commas or full stops: "42, someone has...", "15. a man has...", "17 here.", "14 btw", "glasgow, 31, some guy...",
# "hey 16 here, ...".
_AGE_AND_SEX = re.compile(
    # r"\s*(?:[,/]\s*)?", not r"\s*(?:,\s*|/\s*|\s+)?": the same, but the two ways to split spaces between \s* and
    # \s+ took time growing with the square of the spaces after a number (a 100 KB message of them: minutes).
    r"(?<![£$€\d.,])\b(?P<age>\d{2})\s*(?:[,/]\s*)?(?:m|f|male|female)\b(?![\w'’])"
    r"|(?:^[^\w£$€]*(?:(?:hey|hi|hiya|hello|yo|ok|okay|so|um|erm|right)\b[^\w£$€]*)?|(?<=[.!?,;])\s*)(?P<age2>\d{2})"
    r"(?:\s*[,.](?!\s*(?:that|thats|that's|is|was|by|or|hours?|hrs?|mins?|minutes?|quid|pounds|people|times)\b)"
    r"|\s+here\b(?=\s*(?:[.,!?;:-]|$))|\s+(?:btw|fyi|by\s+the\s+way)\b)(?!\s*\d)",
    re.IGNORECASE,
)
# The age said in another language, in its first person: "j'ai 16 ans", "tengo 15 años", "ich bin 17", "mam 16 lat",
# "16 yaşındayım", "我16岁". Not "il y a 15 ans" (15 years ago): only the forms that say "I am" or "I have".
_STATED_AGE_ELSEWHERE = re.compile(
    r"(?:\bj['’]?\s*ai|\btengo|\btenho|\bho|\bich\s+bin|\bik\s+ben|(?<!my\s)(?<!me\s)(?<!ur\s)\bmam|мне|我)\s*(?P<age>\d{1,2})(?!\d)"
    r"(?!\s*(?:%|€|£|\$|euros?|quid|pounds?|minutes?|mins?|heures?|horas?|stunden|jours?|días?|dias|tage))"
    r"|\b(?P<age2>\d{1,2})\s*(?:yaşındayım|yasindayim|yaşındayim|岁|歳|살|tuổi)",
    re.IGNORECASE)
# "born in 1994", "I was born 2011": only the group is kept, so the year's rounding does not matter.
_BIRTH_YEAR = re.compile(r"\bborn\s+(?:in\s+)?(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70,
}
_AGE_IN_WORDS = re.compile(rf"\b{_SELF}\s+(?:only\s+|just\s+)?(?P<word>{'|'.join(_NUMBER_WORDS)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgeMatch:
    age_group: str
    start: int
    end: int
    text: str
    # Known to be 19 or over: past Childline's age. False when unknown ("I'm an adult", "over 18").
    over_19: bool = False


def _group_for(age: int) -> str | None:
    if 10 <= age < 18:
        return UNDER_18
    if 18 <= age <= 99:
        return ADULT
    return None


def _first(pattern: re.Pattern[str], message: str) -> AgeMatch | None:
    for match in pattern.finditer(message):
        age = int(match.group("age") or match.groupdict().get("age2"))
        group = _group_for(age)
        if group:
            return AgeMatch(group, match.start(), match.end(), match.group(0), over_19=age >= 19)
    return None


def find_age_group(message: str, helping_partner: bool = False) -> AgeMatch | None:
    """The age group a person states for themselves, or for the young person they write about; or None.

    A relative's age and the writer's own that disagree give the under-18 one: "my brother is 12 ... im 19" is
    about a child, and in "my cousin is 24 and he's threatening to post my pics. im 14" the cousin is the
    blackmailer. Either way a child's routes reach the child. `helping_partner`: the writer helps a partner it is
    happening to, so the partner's age is the one that counts. A husband or wife says the one it is happening to is
    an adult unless someone else's phone or images, a child or another relative is named, and the writer is not
    helping that partner.
    """
    relative = _first(_RELATIVE_OR_PARTNER_AGE if helping_partner else _RELATIVE_AGE, message)
    stated = _first(_STATED_AGE, message)
    if relative and stated and relative.age_group != stated.age_group:
        return relative if relative.age_group == UNDER_18 else stated
    for pattern in (_RELATIVE_AGE, _STATED_AGE, _BARE_AGE, _AGE_AND_SEX, _PRONOUN_AGE, _STATED_AGE_ELSEWHERE):
        found = relative if pattern is _RELATIVE_AGE else stated if pattern is _STATED_AGE else _first(pattern, message)
        if found:
            return found
    match = _BIRTH_YEAR.search(message)
    if match:
        # The year alone may be a year out: 19 or over only when it is so either way.
        age = date.today().year - int(match.group("year"))
        group = _group_for(age)
        if group:
            return AgeMatch(group, match.start(), match.end(), match.group(0), over_19=age >= 20)
    match = _AGE_IN_WORDS.search(message)
    if match:
        age = _NUMBER_WORDS[match.group("word").lower()]
        return AgeMatch(_group_for(age), match.start(), match.end(), match.group(0), over_19=age >= 19)
    spouse = _SPOUSE if helping_partner or not _SOMEONE_ELSES.search(message) else None
    for pattern, group in ((_SCHOOL, UNDER_18), (_UNDER_18_ALONE, UNDER_18), (_ADULT, ADULT), (spouse, ADULT)):
        match = pattern and pattern.search(message)
        if match:
            return AgeMatch(group, match.start(), match.end(), match.group(0),
                            over_19=pattern is _ADULT and _IN_DECADE.search(match.group(0)) is not None)
    return None
