"""Builds the personalised reporting checklist from content/checklist.yml."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from knowledge.content import country, force, platform, read_yaml, resolve_references
from knowledge.countries import country_advice
from knowledge.platforms import reporting_routes
from knowledge.police import force_contacts
from knowledge.situation import Situation


@lru_cache(maxsize=1)
def checklist_steps() -> list[dict[str, Any]]:
    return read_yaml("checklist.yml")["steps"]


def matches(when: dict[str, Any], facts: dict[str, Any]) -> bool:
    return all(facts.get(key) == value for key, value in when.items())


def personal_fields(situation: Situation) -> dict[str, str]:
    """Values for the {placeholders} a step may use; only the known ones."""
    fields: dict[str, str] = {}
    if situation.platform_id:
        fields.update(
            platform_name=platform(situation.platform_id)["name"],
            platform_report=reporting_routes(situation.platform_id),
        )
    if situation.country_id:
        first, contacts = country_advice(situation.country_id, situation.age_group)
        entry = country(situation.country_id)
        fields.update(
            country_name=entry["name"],
            country_emergency=entry.get("emergency", "your local emergency number"),
            country_contacts=contacts,
        )
    if situation.force_id:
        fields.update(
            force_name=force(situation.force_id)["name"],
            force_contacts=force_contacts(situation.force_id),
        )
    return fields


def build_checklist(situation: Situation) -> list[str]:
    """The checklist's steps for this person, in order, as plain sentences."""
    facts = situation.facts()
    fields = personal_fields(situation)
    steps = []
    for step in checklist_steps():
        variant = next(
            (v for v in step["variants"] if matches(v.get("when", {}), facts)), None
        )
        if variant:
            steps.append(resolve_references(variant["text"]).format(**fields))
    return steps
