"""Writes build/domain.yml: domain.yml with every [[reference]] filled from content/.

Rasa trains and serves from the rendered file, so responses quote the content
files instead of copying their numbers and links.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.content import resolve_references  # noqa: E402


def render(source: Path = ROOT / "domain.yml", target: Path = ROOT / "build" / "domain.yml") -> Path:
    text = resolve_references(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


if __name__ == "__main__":
    print(render())
