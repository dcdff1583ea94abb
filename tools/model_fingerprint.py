"""Everything the model is built from, and one hash of it: `make` trains again when the hash changes.

The inputs: config.yml, the rendered domain.yml, the training data, content/
(the domain quotes it), and the code of every custom component named in
config.yml with the project modules it imports.

    python -m tools.model_fingerprint          # the hash
    python -m tools.model_fingerprint --list   # the files behind it
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from nlu_components.source_fingerprint import ROOT, digest, project_sources

CONFIG = ROOT / "config.yml"


def custom_components(config: Path = CONFIG) -> list[str]:
    """Module names of the pipeline components and policies that live in this project."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    names = [item["name"] for key in ("pipeline", "policies") for item in settings.get(key) or []]
    return sorted({name.rsplit(".", 1)[0] for name in names if "." in name})


def model_inputs() -> list[Path]:
    files = {CONFIG, ROOT / "domain.yml"}
    files.update((ROOT / "data").rglob("*.yml"))
    files.update((ROOT / "content").glob("*.yml"))
    for module in custom_components():
        files.update(project_sources(module))
    return sorted(files)


def fingerprint() -> str:
    return digest(model_inputs())


if __name__ == "__main__":
    if "--list" in sys.argv[1:]:
        print("\n".join(str(path.relative_to(ROOT)) for path in model_inputs()))
    else:
        print(fingerprint())
