"""The domain quotes the content files and never repeats a number or link itself."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.render_domain import render

ROOT = Path(__file__).resolve().parent.parent
RAW_CONTACT = re.compile(r"https?://|www\.|\b\d{3,4}\s?\d{3}\s?\d{3,4}\b|\b(?:999|101|116 123|85258)\b|@\w+\.\w")


def test_domain_template_holds_no_numbers_or_links() -> None:
    template = (ROOT / "domain.yml").read_text(encoding="utf-8")
    hits = [line.strip() for line in template.splitlines() if RAW_CONTACT.search(line)]
    assert not hits, "write these as [[content references]]:\n" + "\n".join(hits)


def test_rendered_domain_has_every_reference_filled(tmp_path: Path) -> None:
    rendered = render(target=tmp_path / "domain.yml").read_text(encoding="utf-8")
    assert "[[" not in rendered
    responses = yaml.safe_load(rendered)["responses"]
    crisis = responses["utter_crisis"][0]["text"]
    for number in ("999", "116 123", "85258", "0800 1111", "0800 068 4141"):
        assert number in crisis
    assert "55" in responses["utter_danger"][0]["text"]
