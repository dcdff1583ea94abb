"""The domain the actions answer from, read once when the action server starts.

Rasa sends the whole domain (about 450 KB of JSON) with every action call unless
its action endpoint enables selective domain, as endpoints.yml does: work and
traffic for every call, for responses the action server can read once. (Most
of an action call's 45 ms was elsewhere, in Rasa's schema check:
nlg/action_results.py.) The action server ships with the same rendered
domain.yml the model was trained on (tools/render_domain.py), so it reads that.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.content import load_yaml_file

DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"


@lru_cache(maxsize=1)
def local_domain() -> dict[str, Any]:
    """domain.yml (or ACTION_DOMAIN_FILE), parsed once per process."""
    return load_yaml_file(Path(os.environ.get("ACTION_DOMAIN_FILE") or DOMAIN_FILE))
