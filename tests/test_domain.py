"""The domain Rasa reads is rendered from domain.in/ and content/, and nothing unrendered reaches a person."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import rendered_domain
from tools.render_domain import SOURCE, DomainSourceError, merge, render

ROOT = Path(__file__).resolve().parent.parent
RAW_CONTACT = re.compile(r"https?://|www\.|\b\d{3,4}\s?\d{3}\s?\d{3,4}\b|\b(?:999|101|116 123|85258)\b|@\w+\.\w")
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def action_responses() -> set[str]:
    """The responses the custom actions send by name (they fill their own {fields})."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "actions").glob("*.py"))
    return set(re.findall(r'"(utter_\w+)"', code))


def test_domain_sources_hold_no_numbers_or_links() -> None:
    hits = [f"{path.name}: {line.strip()}" for path in SOURCE.glob("*.yml")
            for line in path.read_text(encoding="utf-8").splitlines() if RAW_CONTACT.search(line)]
    assert not hits, "write these as [[content references]]:\n" + "\n".join(hits)


def test_rendered_domain_has_every_reference_filled() -> None:
    responses = rendered_domain()["responses"]
    assert "[[" not in yaml.safe_dump(responses)
    crisis = responses["utter_crisis"][0]["text"]
    for number in ("999", "116 123", "85258", "0800 1111", "0800 068 4141"):
        assert number in crisis
    assert "55" in responses["utter_danger"][0]["text"]


def test_the_domain_rasa_reads_by_default_is_generated_and_not_tracked() -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", "domain.yml"], cwd=ROOT)
    assert ignored.returncode == 0, "domain.yml is generated: it must be in .gitignore"


def test_rendering_refuses_a_reference_it_cannot_fill(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    response = '  utter_x:\n    - text: "call [[services.nope.phone]]"\n'
    (source / "conversation.yml").write_text('version: "3.1"\nresponses:\n' + response)
    with pytest.raises(LookupError):
        render(source, tmp_path / "domain.yml")
    assert not (tmp_path / "domain.yml").exists()


def test_two_sources_may_not_define_the_same_response() -> None:
    part = {"responses": {"utter_x": [{"text": "a"}]}}
    with pytest.raises(DomainSourceError):
        merge([("a.yml", part), ("b.yml", part)])
    assert merge([("a.yml", {"intents": ["a"]}), ("b.yml", {"intents": ["b"]})]) == {"intents": ["a", "b"]}


def test_every_field_rasa_fills_is_a_slot() -> None:
    """A response Rasa sends on its own may only use {slots}; the actions' responses are checked rendered."""
    domain = rendered_domain()
    slots, sent_by_actions = set(domain["slots"]), action_responses()
    for name, variations in domain["responses"].items():
        if name in sent_by_actions:
            continue
        for variation in variations:
            unknown = set(FIELD.findall(variation.get("text", ""))) - slots
            assert not unknown, f"{name} uses {unknown}, which no slot fills"


def test_every_response_an_action_sends_exists() -> None:
    assert action_responses() <= set(rendered_domain()["responses"])
