"""The crisis evaluation sets are large enough and disjoint from the training data."""
from __future__ import annotations

import pytest

from tools.crisis_sets import DEV_SETS, EVAL_SETS, load_set, normalise, score, training_examples

MINIMUM_SIZES = [("crisis_eval.yml", 300), ("crisis_holdout.yml", 200), ("crisis_blind.yml", 200)]


@pytest.mark.parametrize("name,minimum", MINIMUM_SIZES)
def test_set_is_large_enough(name: str, minimum: int) -> None:
    data = load_set(name)
    assert len(data["crisis"]) >= minimum and len(data["non_crisis"]) >= minimum


@pytest.mark.parametrize("name", [*EVAL_SETS, *DEV_SETS])
def test_set_shares_nothing_with_training(name: str) -> None:
    data = load_set(name)
    shared = {normalise(m) for m in data["crisis"] + data["non_crisis"]} & training_examples()
    assert not shared, sorted(shared)[:10]


def test_sets_do_not_contradict_each_other() -> None:
    crisis = {normalise(m) for name in [*EVAL_SETS, *DEV_SETS] for m in load_set(name)["crisis"]}
    non_crisis = {normalise(m) for name in [*EVAL_SETS, *DEV_SETS] for m in load_set(name)["non_crisis"]}
    assert not crisis & non_crisis


def test_score_counts_recall_and_false_alarms() -> None:
    result = score(["die", "end it", "hurt"], ["pay?", "block", "dead tired", "report"], lambda m: "d" in m)
    assert result.missed == ["hurt"] and result.false_alarms == ["dead tired"]
    assert result.recall == pytest.approx(2 / 3) and result.false_alarm_rate == 1 / 4
