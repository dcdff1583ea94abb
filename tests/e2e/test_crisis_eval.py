"""Crisis detection by the whole trained NLU pipeline (classifier, second opinion, safety net).

The issue's targets, recall of at least 98% and false alarms of at most 5%, are
held on the evaluation set. The other sets guard against regressions just
below what was measured on 2026-11-23 (docs/nlu-evaluation.md): the holdout
and first blind set were read after their first measurement, and the second
blind set was written last, to show how far the numbers carry to phrasings
nobody tuned for. Missing a crisis is the worse error, so recall is held
strictly everywhere.
"""
from __future__ import annotations

import asyncio

import pytest

from knowledge.safety import RISK_TO_LIFE
from tools.crisis_sets import load_set, score
from tools.local_servers import MODEL

# set: (minimum recall, maximum false-alarm rate)
LIMITS = {
    "crisis_eval.yml": (0.98, 0.05),
    "crisis_holdout.yml": (0.98, 0.06),
    "crisis_blind.yml": (0.96, 0.07),
    "crisis_blind2.yml": (0.945, 0.10),
}


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import load_agent

    agent = asyncio.run(load_agent(model_path=str(MODEL)))

    def intent_of(text: str) -> str:
        return asyncio.run(agent.parse_message(text))["intent"]["name"]

    return intent_of


@pytest.mark.parametrize("name", LIMITS)
def test_crisis_recall_and_false_alarms(parse, name: str) -> None:
    data = load_set(name)
    result = score(data["crisis"], data["non_crisis"], lambda message: parse(message) in RISK_TO_LIFE)
    print(f"{name}: recall {result.recall:.3f} ({len(result.missed)} missed), "
          f"false alarms {result.false_alarm_rate:.3f}")
    min_recall, max_false_alarms = LIMITS[name]
    assert result.recall >= min_recall, result.missed
    assert result.false_alarm_rate <= max_false_alarms, result.false_alarms
