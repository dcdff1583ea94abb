"""The content files: every number and link sourced, dated, https, and reachable by reference."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from knowledge.content import CONTENT_DIR, ContentError, load_content, lookup, read_yaml, resolve_references

URL_KEYS = re.compile(r"(^|_)(url|form|website|report_online|live_chat)$")
PHONE = re.compile(r"^[0-9][0-9 -]{1,14}[0-9]$")


def entries() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for file_key, items in load_content().items():
        for entry_id, entry in items.items():
            yield file_key, entry_id, entry


def fields(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (dotted path, leaf value) inside an entry."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from fields(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from fields(inner, f"{path}[{index}]")
    else:
        yield path, value


ENTRIES = list(entries())


@pytest.mark.parametrize("file_key,entry_id,entry", ENTRIES, ids=[f"{f}.{e}" for f, e, _ in ENTRIES])
def test_every_entry_is_sourced_and_dated(file_key: str, entry_id: str, entry: dict[str, Any]) -> None:
    assert entry.get("name"), f"{file_key}.{entry_id} has no name"
    assert str(entry.get("source", "")).startswith(("https://", "http://")), f"{entry_id} has no source"
    checked = entry.get("checked")
    assert isinstance(checked, dt.date), f"{entry_id}: checked must be a date"
    assert checked <= dt.date.today()


@pytest.mark.parametrize("file_key,entry_id,entry", ENTRIES, ids=[f"{f}.{e}" for f, e, _ in ENTRIES])
def test_every_link_the_bot_gives_is_https(file_key: str, entry_id: str, entry: dict[str, Any]) -> None:
    for path, value in fields(entry):
        leaf = re.sub(r"\[\d+\]", "", path).split(".")[-1]
        if URL_KEYS.search(leaf):
            assert str(value).startswith("https://"), f"{file_key}.{entry_id}.{path} = {value}"


def test_phone_numbers_are_plain_uk_numbers() -> None:
    services = load_content()["services"]
    for service_id, entry in services.items():
        for key in ("phone", "textphone"):
            if key in entry:
                assert PHONE.match(entry[key]), f"{service_id}.{key} = {entry[key]!r}"


def test_safety_numbers_are_the_ones_in_the_sources() -> None:
    # Checked against shared/reference/sources.md; a change here must come with a new source.
    assert lookup("services.emergency.phone") == "999"
    assert lookup("services.police_non_emergency.phone") == "101"
    assert lookup("services.police_non_emergency.textphone") == "18001 101"
    assert lookup("services.samaritans.phone") == "116 123"
    assert lookup("services.shout.short_code") == "85258"
    assert lookup("services.childline.phone") == "0800 1111"
    assert lookup("services.papyrus.phone") == "0800 068 4141"
    assert lookup("services.nspcc.phone") == "0808 800 5000"
    assert lookup("services.revenge_porn_helpline.phone") == "0345 6000 459"
    assert lookup("services.report_fraud.phone") == "0300 123 2040"


def test_west_yorkshire_police_as_in_its_own_guidance() -> None:
    wyp = lookup("forces.west_yorkshire")
    assert wyp["live_chat"] == "https://www.westyorkshire.police.uk/101livechat"
    assert wyp["report_online"] == "https://www.westyorkshire.police.uk/reportcrime"
    assert wyp["phone"] == "101" and wyp["textphone"] == "18001 101"


def test_a_reference_to_nothing_fails_loudly() -> None:
    with pytest.raises(ContentError):
        resolve_references("call [[services.samaritans.fax]]")


def test_partner_lists_come_from_the_platforms_flags() -> None:
    """A partnership is recorded once, on the app's entry with its source; the answers list those apps."""
    stopncii = lookup("partners.stopncii")
    assert "Snapchat" in stopncii and "Bumble" in stopncii and "WhatsApp" not in stopncii
    assert "Bumble" not in lookup("partners.take_it_down")  # no source says Bumble takes part in Take It Down
    with pytest.raises(ContentError):
        lookup("partners.report_remove")


def test_checklist_steps_reference_only_existing_content() -> None:
    for step in read_yaml("checklist.yml")["steps"]:
        assert step["sources"], step["id"]
        for variant in step["variants"]:
            resolve_references(variant["text"])


def test_every_platform_synonym_names_a_platform_in_content() -> None:
    lookups = yaml.safe_load((CONTENT_DIR.parent / "data" / "lookups" / "platforms.yml").read_text())
    platforms = load_content()["platforms"]
    synonyms = [item["synonym"] for item in lookups["nlu"] if "synonym" in item]
    assert synonyms
    for synonym in synonyms:
        assert synonym in platforms, synonym
    named = {item for item in synonyms} | {
        line.strip("- ").strip() for item in lookups["nlu"] if "lookup" in item
        for line in item["examples"].splitlines()
    }
    missing = set(platforms) - named - {"other"}
    assert not missing, f"platforms no one can name: {missing}"


def test_every_service_name_people_type_leads_to_a_service_in_content() -> None:
    lookups = yaml.safe_load((CONTENT_DIR.parent / "data" / "lookups" / "services.yml").read_text())
    services = load_content()["services"]
    synonyms = {spelling.strip("- ").strip(): item["synonym"] for item in lookups["nlu"] if "synonym" in item
                for spelling in item["examples"].splitlines() if spelling.strip()}
    names = [line.strip("- ").strip() for item in lookups["nlu"] if "lookup" in item
             for line in item["examples"].splitlines() if line.strip()]
    unknown = [name for name in names if synonyms.get(name, name) not in services]
    assert not unknown, f"names that lead to no service: {unknown}"


def test_each_link_lives_in_one_entry_only() -> None:
    # One source of truth: a link the bot gives appears in one content entry, so it changes in one place.
    seen: dict[str, str] = {}
    for file_key, entry_id, entry in ENTRIES:
        for path, value in fields(entry):
            leaf = re.sub(r"\[\d+\]", "", path).split(".")[-1]
            if URL_KEYS.search(leaf) and not leaf.startswith("source"):
                owner, link = f"{file_key}.{entry_id}", str(value).rstrip("/")
                assert seen.setdefault(link, owner) == owner, f"{link} in {seen[link]} and {owner}"
