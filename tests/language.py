"""Everything the assistant can say, gathered for the language tests."""
from __future__ import annotations

import itertools
import re
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import ActionBuildChecklist
from actions.details import ActionAcknowledgeDetails
from actions.platforms import ActionPlatformReport
from actions.police import ActionPoliceContacts
from knowledge.content import load_content
from knowledge.situation import ADULT, UNDER_18, Situation
from tests.conftest import rendered_domain, run_action, slots_for, tracker_with

AGE_GROUPS = (UNDER_18, ADULT, None)
SAMPLE_FORCES = ("west_yorkshire", "metropolitan", "police_scotland", None)
# A {field} that the action server fills: such a text is checked as the actions send it.
FIELD = re.compile(r"(?<!\{)\{\w+\}(?!\})")


def domain_texts() -> list[str]:
    """Every response, variation and button title, as written; the ones with {fields} are checked rendered."""
    texts = []
    for variants in rendered_domain()["responses"].values():
        for variant in variants:
            texts.append(FIELD.sub("", variant.get("text", "")))
            texts.extend(button["title"] for button in variant.get("buttons", []))
    return texts


def situations() -> list[Situation]:
    """Every combination of the facts that change the advice."""
    forces = [f for f in SAMPLE_FORCES if f is None or f in load_content()["forces"]]
    return [
        Situation(age_group=age, force_id=force, country_id=country, platform_id=platform,
                  already_paid=paid, images_shared=shared, helping=helping)
        for age, force, country, platform, paid, shared, helping in itertools.product(
            AGE_GROUPS, forces, (None, "united_states", "other"), ("instagram", "snapchat", None), (True, False),
            (True, False), (False, True),
        )
        if not (force and country)
    ]


def said(action: Any, slots: dict[str, Any], entities: list[dict[str, Any]] | None = None) -> list[str]:
    dispatcher = CollectingDispatcher()
    run_action(action, dispatcher, tracker_with(slots=slots, entities=entities))
    return [m.get("text") or "" for m in dispatcher.messages] + [
        b["title"] for m in dispatcher.messages for b in m.get("buttons") or []
    ]


def action_texts() -> list[str]:
    """What the custom actions say, rendered, for every force, platform and country and each age group."""
    content = load_content()
    texts = [t for situation in situations() for t in said(ActionBuildChecklist(), slots_for(situation))]
    for age, role in itertools.product((*AGE_GROUPS, None), ("self", "parent", "friend")):
        texts += [t for f in list(content["forces"]) + [None]
                  for t in said(ActionPoliceContacts(), {"age_group": age, "police_force": f, "role": role})]
        texts += [t for c in content["countries"]
                  for t in said(ActionPoliceContacts(), {"age_group": age, "country": c, "role": role})]
    texts += [t for p in list(content["platforms"]) + [None] for t in said(ActionPlatformReport(), {"platform": p})]
    texts += said(ActionAcknowledgeDetails(), {}, [{"entity": "location", "value": "Newport"}])
    texts += said(ActionAcknowledgeDetails(), {})
    return texts
