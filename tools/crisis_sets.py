"""The crisis evaluation sets (tests/data), the training data they must not overlap, and how a detector scores on them.

Used by tests/test_crisis_sets.py, tests/e2e/test_crisis_eval.py and bench/crisis_detection.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = ROOT / "tests" / "data"
EVAL_SETS = ("crisis_eval.yml", "crisis_holdout.yml", "crisis_blind.yml", "crisis_blind2.yml")
# Written blind like the sets above. The first two are meant to be read when diagnosing (bench.crisis_detection
# --set); the third is held out: only its scores are read, to see whether changes made from the first two carry.
DEV_SETS = (ROOT / "bench" / "dev_crisis.yml", ROOT / "bench" / "dev_crisis2.yml", ROOT / "bench" / "dev_crisis3.yml")

Message = TypeVar("Message")


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def load_set(name: str | Path) -> dict[str, list[str]]:
    """{"crisis": [...], "non_crisis": [...]} from tests/data/<name>, or a path ({} if there is no such set)."""
    path = name if isinstance(name, Path) else SETS_DIR / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def training_examples() -> set[str]:
    examples = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                examples.add(normalise(line.strip().removeprefix("- ")))
    return examples


@dataclass(frozen=True)
class Detection(Generic[Message]):
    """How a detector did on one set: the crisis messages it missed and the ordinary ones it took for a crisis."""

    missed: list[Message]
    false_alarms: list[Message]
    crisis_count: int
    non_crisis_count: int

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.crisis_count

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.non_crisis_count


def score(crisis: Sequence[Message], non_crisis: Sequence[Message],
          is_crisis: Callable[[Message], bool]) -> Detection[Message]:
    """Recall on `crisis` and the false-alarm rate on `non_crisis` of the decision `is_crisis`.

    The messages can be texts or anything a decision is read from (such as parse results).
    """
    return Detection(missed=[m for m in crisis if not is_crisis(m)],
                     false_alarms=[m for m in non_crisis if is_crisis(m)],
                     crisis_count=len(crisis), non_crisis_count=len(non_crisis))
