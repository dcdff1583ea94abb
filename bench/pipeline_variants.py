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


CLASSIFIER = "nlu_components.intent_classifier.SentenceIntentClassifier"


def with_setting(**settings: Any) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        return [dict(c, **settings) if c["name"] == CLASSIFIER else c for c in pipeline]

    return change


VARIANTS = {
    "encoder_weight_1": with_setting(encoder_weight=1.0),
    "encoder_weight_3": with_setting(encoder_weight=3.0),
    "regularisation_30": with_setting(regularisation=30.0),
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
