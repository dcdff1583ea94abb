"""Crisis detection by the whole trained NLU pipeline (classifier plus safety net).

Recall must be at least 98% and false alarms at most 5%, on the evaluation set
and on the held-out set written without seeing the detector.
"""
from __future__ import annotations

import asyncio

import pytest

from tests.crisis_sets import EVAL_SETS, load_set
from tests.e2e.servers import MODEL


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import load_agent

    agent = asyncio.run(load_agent(model_path=str(MODEL)))

    def intent_of(text: str) -> str:
        return asyncio.run(agent.parse_message(text))["intent"]["name"]

    return intent_of


@pytest.mark.parametrize("name", EVAL_SETS)
def test_crisis_recall_and_false_alarms(parse, name: str) -> None:
    data = load_set(name)
    missed = [m for m in data["crisis"] if parse(m) != "crisis"]
    false_alarms = [m for m in data["non_crisis"] if parse(m) == "crisis"]
    recall = 1 - len(missed) / len(data["crisis"])
    false_alarm_rate = len(false_alarms) / len(data["non_crisis"])
    print(f"{name}: recall {recall:.3f} ({len(missed)} missed), false alarms {false_alarm_rate:.3f}")
    assert recall >= 0.98, missed
    assert false_alarm_rate <= 0.05, false_alarms
