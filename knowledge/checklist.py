"""Chooses the steps of the personalised reporting checklist from content/checklist.yml."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from knowledge.content import read_yaml, resolve_references
from knowledge.situation import Situation


@lru_cache(maxsize=1)
def checklist_steps() -> list[dict[str, Any]]:
    return read_yaml("checklist.yml")["steps"]


def matches(when: dict[str, Any], facts: dict[str, Any]) -> bool:
    return all(facts.get(key) == value for key, value in when.items())


def checklist_for(situation: Situation) -> list[str]:
    """Each step that applies to this person, in order.

    Content references are filled; the {fields} (the person's force, app or
    country and how to reach them) are left for the reply, which words them
    with the domain's responses.
    """
    facts = situation.facts()
    steps = []
    for step in checklist_steps():
        variant = next((v for v in step["variants"] if matches(v.get("when", {}), facts)), None)
        if variant:
            steps.append(resolve_references(variant["text"]))
    return steps
