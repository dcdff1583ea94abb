"""The crisis evaluation sets and the training data they must not overlap."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL_SETS = ("crisis_eval.yml", "crisis_holdout.yml", "crisis_blind.yml", "crisis_blind2.yml")


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def load_set(name: str) -> dict[str, list[str]]:
    path = ROOT / "tests" / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def training_examples() -> set[str]:
    examples = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                examples.add(normalise(line.strip().removeprefix("- ")))
    return examples
