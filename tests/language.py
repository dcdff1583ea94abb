"""Everything the assistant can say, gathered for the language tests."""
from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from knowledge.checklist import build_checklist
from knowledge.content import load_content
from knowledge.countries import country_advice
from knowledge.platforms import platform_advice
from knowledge.police import police_advice
from knowledge.situation import ADULT, UNDER_18, Situation
from scripts.render_domain import render

AGE_GROUPS = (UNDER_18, ADULT, None)
SAMPLE_FORCES = ("west_yorkshire", "metropolitan", "police_scotland", None)


def domain_texts(tmp_dir: Path) -> list[str]:
    responses = yaml.safe_load(render(target=tmp_dir / "domain.yml").read_text())["responses"]
    texts = []
    for variants in responses.values():
        for variant in variants:
            texts.append(variant.get("text", ""))
            texts.extend(button["title"] for button in variant.get("buttons", []))
    return texts


def situations() -> list[Situation]:
    """Every combination of the facts that change the advice."""
    forces = [f for f in SAMPLE_FORCES if f is None or f in load_content()["forces"]]
    return [
        Situation(age_group=age, force_id=force, country_id=country, platform_id=platform,
                  already_paid=paid, images_shared=shared)
        for age, force, country, platform, paid, shared in itertools.product(
            AGE_GROUPS, forces, (None, "united_states", "other"), ("instagram", "snapchat", None), (True, False),
            (True, False),
        )
        if not (force and country)
    ]


def action_texts() -> list[str]:
    texts = [step for situation in situations() for step in build_checklist(situation)]
    forces = list(load_content()["forces"]) + [None]
    texts += [t for force in forces for age in AGE_GROUPS for t in police_advice(force, age)]
    texts += [platform_advice(p) for p in list(load_content()["platforms"]) + [None]]
    texts += [t for country in load_content()["countries"] for age in AGE_GROUPS for t in country_advice(country, age)]
    return texts
