"""Writes the pipelines that config.yml is compared with into build/pipelines/.

They are made from config.yml each time, so the comparison always starts from
the pipeline in use and changes one thing at a time.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
Pipeline = list[dict[str, Any]]


def without_char_ngrams(pipeline: Pipeline) -> Pipeline:
    return [c for c in pipeline if c.get("analyzer") != "char_wb"]


def logistic_regression(pipeline: Pipeline) -> Pipeline:
    return [
        {"name": "LogisticRegressionClassifier", "random_state": 2605} if c["name"] == "DIETClassifier" else c
        for c in pipeline
    ]


def diet_epochs(epochs: int) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        return [dict(c, epochs=epochs) if c["name"] == "DIETClassifier" else c for c in pipeline]

    return change


VARIANTS = {
    "words_only": without_char_ngrams,
    "logistic_regression": logistic_regression,
    "diet_50_epochs": diet_epochs(50),
}


def main() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    out = ROOT / "build" / "pipelines"
    out.mkdir(parents=True, exist_ok=True)
    for name, change in VARIANTS.items():
        variant = {key: value for key, value in config.items() if key != "policies"}
        variant["pipeline"] = change(config["pipeline"])
        (out / f"{name}.yml").write_text(yaml.safe_dump(variant, sort_keys=False))
        print(out / f"{name}.yml")


if __name__ == "__main__":
    main()
