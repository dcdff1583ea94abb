"""Crisis detection on every set in tests/data, and how the second opinion's threshold moves it.

Usage: .venv/bin/python bench/crisis_detection.py [model] [--errors]

For each set it prints recall and false alarms of the trained pipeline, then
the same for other thresholds of CrisisSecondOpinion, computed from the
opinion each parse reports (no retraining). --errors lists the messages
the pipeline gets wrong.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasa.core.agent import Agent, load_agent  # noqa: E402

from knowledge.safety import CRISIS, detect_risk, is_figurative  # noqa: E402
from nlu_components.second_opinion import OPINION_KEY  # noqa: E402
from tests.crisis_sets import load_set  # noqa: E402

# (keep_threshold, raise_threshold) pairs; 1.1 means never.
THRESHOLDS = ((0.0, 1.1), (0.4, 1.1), (0.4, 0.5), (0.4, 0.6), (0.4, 0.7), (0.3, 0.6), (0.5, 0.6), (0.5, 0.7))


def parse_all(agent: Agent, texts: list[str]) -> list[dict]:
    return [asyncio.run(agent.parse_message(text)) for text in texts]


def is_crisis_at(parse: dict, keep: float, raise_: float) -> bool:
    """The pipeline's decision had the second opinion used these thresholds."""
    text = parse["text"]
    if detect_risk(text) == CRISIS:
        return True
    opinion = parse[OPINION_KEY]
    threshold = keep if opinion["classifier_said_crisis"] else raise_
    return opinion["probability"] >= threshold and not is_figurative(text)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    model = args[0] if args else str(ROOT / "models" / "assistant.tar.gz")
    agent = asyncio.run(load_agent(model_path=model))
    for path in sorted((ROOT / "tests" / "data").glob("crisis_*.yml")):
        data = load_set(path.name)
        crisis = parse_all(agent, data["crisis"])
        ordinary = parse_all(agent, data["non_crisis"])
        missed = [p["text"] for p in crisis if p["intent"]["name"] != CRISIS]
        alarms = [p["text"] for p in ordinary if p["intent"]["name"] == CRISIS]
        print(f"{path.name} ({len(crisis)} / {len(ordinary)}): recall {1 - len(missed) / len(crisis):.3f}, "
              f"false alarms {len(alarms) / len(ordinary):.3f}")
        for keep, raise_ in THRESHOLDS:
            recall = sum(is_crisis_at(p, keep, raise_) for p in crisis) / len(crisis)
            false_alarms = sum(is_crisis_at(p, keep, raise_) for p in ordinary) / len(ordinary)
            print(f"  keep {keep:.1f}, raise {raise_:.1f}: recall {recall:.3f}, false alarms {false_alarms:.3f}")
        if "--errors" in sys.argv:
            print("  missed:", *missed, sep="\n    ")
            print("  false alarms:", *alarms, sep="\n    ")


if __name__ == "__main__":
    main()
