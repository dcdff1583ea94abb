"""The blind conversation set: big enough, every category covered, and nothing in it taught to the model."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.conversation_checks import CHECK_KEYS, CONVERSATIONS, ROOT, load, user_turns
from tools.crisis_sets import normalise, training_examples

DEV_SETS = sorted(path for path in (ROOT / "bench").glob("dev_conversations*") if path.is_dir())
CATEGORIES = {
    "followup_family", "followup_trouble", "followup_money", "followup_threat", "followup_accounts",
    "followup_police", "followup_images", "known_person", "support", "context_age", "context_place",
    "context_role", "context_details", "third_party_risk", "no_false_alarm", "crisis", "dead_end",
    "other_language", "repetition",
}


def test_the_set_is_as_big_as_the_issue_asks_and_covers_every_category() -> None:
    probes, _ = load()
    checks = sum(any(k in turn for k in CHECK_KEYS) for probe in probes for turn in probe["turns"])
    assert len(probes) >= 150 and checks >= 400
    assert sum(len(p["turns"]) > 1 for p in probes) >= 150
    assert {p["group"] for p in probes} >= CATEGORIES


def test_every_pattern_compiles_and_ids_are_unique() -> None:
    probes, forbid = load()
    assert len({p["id"] for p in probes}) == len(probes)
    for pattern in forbid:
        re.compile(pattern)
    for probe in probes:
        for turn in probe["turns"]:
            for pattern in [*turn.get("expect_all", []), *turn.get("expect_any", []), *turn.get("forbid", []),
                            *(turn.get("expect_n") or {}).get("of", [])]:
                re.compile(pattern)


def test_every_development_set_is_checked() -> None:
    assert {p.name for p in DEV_SETS} >= {"dev_conversations", *(f"dev_conversations{n}" for n in range(2, 11))}


@pytest.mark.parametrize("directory", [CONVERSATIONS, *DEV_SETS], ids=["blind set", *(p.name for p in DEV_SETS)])
def test_no_message_of_the_set_is_in_the_training_data(directory: Path) -> None:
    """The development set is read, but what it shows is fixed in general ways, never by teaching its sentences."""
    probes, _ = load(directory)
    shared = ({normalise(text) for text in user_turns(probes)} - {""}) & training_examples()
    assert not shared, sorted(shared)[:10]
