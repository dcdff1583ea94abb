"""The domain Rasa reads is rendered from domain.in/ and content/, and nothing unrendered reaches a person."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.generator import ResponseVariationFilter

from actions.replies import choose_variation
from tests.conftest import rendered_domain
from tools.render_domain import SOURCE, DomainSourceError, expand_condition_lists, merge, render

ROOT = Path(__file__).resolve().parent.parent
RAW_CONTACT = re.compile(r"https?://|www\.|\b\d{3,4}\s?\d{3}\s?\d{3,4}\b|\b(?:999|101|116 123|85258)\b|@\w+\.\w")
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def action_responses() -> set[str]:
    """The responses the custom actions and the reply generator (nlg/) use by name: they fill their own {fields}."""
    code = "\n".join(path.read_text(encoding="utf-8") for folder in ("actions", "nlg")
                     for path in (ROOT / folder).glob("*.py"))
    return set(re.findall(r'"(utter_[\w/]+)"', code))


def test_domain_sources_hold_no_numbers_or_links() -> None:
    hits = [f"{path.name}: {line.strip()}" for path in SOURCE.glob("*.yml")
            for line in path.read_text(encoding="utf-8").splitlines() if RAW_CONTACT.search(line)]
    assert not hits, "write these as [[content references]]:\n" + "\n".join(hits)


def test_a_condition_with_several_values_becomes_one_variation_per_value() -> None:
    helper = {"condition": [{"type": "slot", "name": "region", "value": "uk"},
                            {"type": "slot", "name": "role", "value": ["friend", "family"]}], "text": "For them."}
    domain = expand_condition_lists({"responses": {"utter_x": [helper, {"text": "For you."}]}})
    assert domain["responses"]["utter_x"] == [
        {"condition": [{"type": "slot", "name": "region", "value": "uk"},
                       {"type": "slot", "name": "role", "value": role}], "text": "For them."}
        for role in ("friend", "family")
    ] + [{"text": "For you."}]


def test_rendered_domain_has_every_reference_filled() -> None:
    responses = rendered_domain()["responses"]
    assert "[[" not in yaml.safe_dump(responses)
    crisis = next(v["text"] for v in responses["utter_crisis"] if not v.get("condition"))
    for number in ("999", "116 123", "85258", "0800 1111", "0800 068 4141"):
        assert number in crisis
    assert "55" in next(v["text"] for v in responses["utter_danger"] if not v.get("condition"))


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


def _conditions(variation: dict) -> dict[str, object]:
    return {c["name"]: c["value"] for c in variation.get("condition") or []}


def test_conditional_variations_never_overlap() -> None:
    """Two variations whose different conditions both hold would leave the choice to chance.

    Variations with the same conditions are alternatives in order: the full answer, then
    shorter ones for when it has been said (nlg/no_repeat.py).
    """
    for name, variations in rendered_domain()["responses"].items():
        conditional = [(_conditions(v), v.get("channel")) for v in variations if v.get("condition")]
        for i, (first, channel) in enumerate(conditional):
            for second, other_channel in conditional[i + 1:]:
                if channel != other_channel or first == second:
                    continue
                differ = any(first[slot] != second[slot] for slot in set(first) & set(second))
                assert differ, f"{name}: {first} and {second} can both match"


def test_every_response_has_a_default() -> None:
    for name, variations in rendered_domain()["responses"].items():
        assert any(not v.get("condition") for v in variations), f"{name} has no variation without a condition"


# Numbers and services that only work in the UK (999 also works in Ireland and the islands: they have variations).
UK_ONLY = ("services.police_non_emergency", "services.emergency", "services.shout", "services.childline",
           "services.papyrus", "services.report_remove", "services.ceop", "services.nspcc",
           "services.revenge_porn_helpline", "services.report_fraud", "services.victim_support", "services.galop",
           "services.domestic_abuse_helpline", "services.mens_advice_line", "services.stop_scams",
           "services.samaritans", "services.phishing_reporting")


# Sent by the police action only once a UK force or the UK is settled (actions/police.py).
UK_ROUTES = {"utter_police_will_listen", "utter_police_anywhere_in_uk", "utter_force_contacts"}
# Sent by the channels before any slot is read (channels/edge.py): they name 999 as the UK's, beside the local one.
EDGE_NOTES = {"utter_slow_down"}


def test_someone_abroad_is_never_given_a_uk_only_number() -> None:
    """Only variations kept for the UK (region: uk) give UK-only numbers, or the response has its own for abroad.

    With the overlap test above, no other variation can reach someone abroad
    when there is one for abroad.
    """
    sources = {}
    for path in SOURCE.glob("*.yml"):
        sources.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    uk_only = re.compile(r"\[\[(?:" + "|".join(re.escape(s) for s in UK_ONLY) + r")\.")
    missing, wrong = [], []
    for name, variations in sources.items():
        if name in UK_ROUTES | EDGE_NOTES or not any(uk_only.search(v.get("text", "")) for v in variations):
            continue
        abroad = [v for v in variations if _conditions(v).get("region") == "abroad"]
        # Without a variation for abroad, every variation not kept for the UK can reach someone abroad.
        reachable = [v for v in variations if _conditions(v).get("region") != "uk"]
        if not abroad and any(uk_only.search(v.get("text", "")) for v in reachable):
            missing.append(name)
        # Ireland and the islands have 999 and Samaritans too: a variation for one country may name them.
        wrong += [name for v in abroad if uk_only.search(v.get("text", "")) and not _conditions(v).get("country")]
    assert not missing, f"UK-only numbers and no variation for someone abroad: {missing}"
    assert not wrong, f"UK-only numbers in the variation for abroad: {wrong}"


@pytest.mark.parametrize("role", ["self", "parent", "friend", "family", "professional"])
@pytest.mark.parametrize("age_group", [None, "under_18", "adult"])
def test_the_variation_rasa_picks_abroad_has_no_uk_only_number(role: str, age_group: str | None) -> None:
    """The same promise, as Rasa chooses: anyone writing, any age, in a country without its own replies ("other")."""
    parts = [(path.name, yaml.safe_load(path.read_text(encoding="utf-8")) or {}) for path in SOURCE.glob("*.yml")]
    responses = expand_condition_lists(merge(parts))["responses"]
    slots = {"region": "abroad", "role": role, "age_group": age_group, "country": "other"}
    uk_only = re.compile(r"\[\[(?:" + "|".join(re.escape(s) for s in UK_ONLY) + r")\.")
    chooser = ResponseVariationFilter(responses)
    wrong = [name for name in responses if name not in UK_ROUTES | EDGE_NOTES
             for v in chooser.responses_for_utter_action(name, "rest", slots) if uk_only.search(v.get("text", ""))]
    assert not wrong, sorted(set(wrong))


@pytest.mark.parametrize("blackmailer", ["ex_partner", "partner", "peer", "known_adult", "stranger", None])
@pytest.mark.parametrize("role", ["parent", "family", "friend", "professional"])
def test_someone_helping_is_spoken_to_as_the_helper_whoever_the_blackmailer_is(role, blackmailer) -> None:
    variations = rendered_domain()["responses"]["utter_situation"]
    text = choose_variation(variations, {"role": role, "blackmailer": blackmailer})["text"]
    assert "This is not your fault" not in text and not re.search(r"happening( to you)?\.", text)
    assert "them" in text or "young person" in text or "your friend" in text
