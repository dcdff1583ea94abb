"""Crisis detection on every set in tests/data, and how the second opinion's threshold moves it.

Usage, from the project root: .venv/bin/python -m bench.crisis_detection [MODEL] [--errors] [--set PATH]

For each set it prints recall and false alarms of the trained pipeline, then
the same for other thresholds of CrisisSecondOpinion, computed from the
opinion each parse reports (no retraining). --errors lists the messages
the pipeline gets wrong. --set measures one file instead (bench/dev_crisis.yml,
the development set meant to be read; the sets in tests/data are not).
"""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from rasa.core.agent import Agent, load_agent

from knowledge.safety import RISK_TO_LIFE, detect_risk, is_figurative
from nlu_components.second_opinion import OPINION_KEY, CrisisSecondOpinion
from tools.crisis_sets import SETS_DIR, load_set, score
from tools.local_servers import MODEL

_DEFAULTS = CrisisSecondOpinion.get_default_config()
# (keep_threshold, raise_threshold) pairs; 1.1 means never.
THRESHOLDS = ((0.0, 1.1), (0.4, 1.1), (0.4, 0.5), (0.4, 0.6), (0.4, 0.7), (0.3, 0.6), (0.3, 0.7), (0.5, 0.6),
              (0.5, 0.7))


def parse_all(agent: Agent, texts: list[str]) -> list[dict]:
    return [asyncio.run(agent.parse_message(text)) for text in texts]


def is_crisis_at(parse: dict, keep: float, raise_: float) -> bool:
    """The pipeline's decision had the second opinion used these thresholds."""
    text = parse["text"]
    if detect_risk(text) in RISK_TO_LIFE:
        return True
    opinion = parse[OPINION_KEY]
    # As CrisisSecondOpinion (its defaults, as config.yml sets them): a raise over a confident other answer needs more.
    over_confident = opinion.get("classifier_confidence", 0) >= _DEFAULTS["confident_other"]
    threshold = (keep if opinion["classifier_said_crisis"]
                 else max(raise_, _DEFAULTS["raise_over_confident"]) if over_confident else raise_)
    return opinion["probability"] >= threshold and not is_figurative(text)


def main() -> None:
    parser = argparse.ArgumentParser(description="Crisis detection of a trained model on every set in tests/data.")
    parser.add_argument("model", nargs="?", default=str(MODEL), help=f"the trained model (default {MODEL})")
    parser.add_argument("--errors", action="store_true", help="list the messages the pipeline gets wrong")
    parser.add_argument("--set", type=Path, help="only this set (for example bench/dev_crisis.yml)")
    args = parser.parse_args()
    agent = asyncio.run(load_agent(model_path=args.model))
    for path in [args.set] if args.set else sorted(SETS_DIR.glob("crisis_*.yml")):
        data = load_set(path)
        crisis = parse_all(agent, data["crisis"])
        ordinary = parse_all(agent, data["non_crisis"])
        pipeline = score(crisis, ordinary, lambda p: p["intent"]["name"] in RISK_TO_LIFE)
        print(f"{path.name} ({len(crisis)} / {len(ordinary)}): recall {pipeline.recall:.3f}, "
              f"false alarms {pipeline.false_alarm_rate:.3f}")
        for keep, raise_ in THRESHOLDS:
            at = score(crisis, ordinary, lambda p, keep=keep, raise_=raise_: is_crisis_at(p, keep, raise_))
            print(f"  keep {keep:.1f}, raise {raise_:.1f}: recall {at.recall:.3f}, "
                  f"false alarms {at.false_alarm_rate:.3f}")
        if args.errors:
            print("  missed:", *(p["text"] for p in pipeline.missed), sep="\n    ")
            print("  false alarms:", *(p["text"] for p in pipeline.false_alarms), sep="\n    ")


if __name__ == "__main__":
    main()
