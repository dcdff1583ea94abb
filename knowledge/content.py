"""Loads the content files, the single source of every number and link.

Responses and checklist steps name a fact as ``[[file_key.id.field]]`` (for
example ``[[services.samaritans.phone]]``) instead of repeating it, so a number
that changes is changed in one place.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

# Top-level key of each content file whose entries can be referenced.
REFERENCE_FILES = {
    "services": "services.yml",
    "forces": "police_forces.yml",
    "platforms": "platforms.yml",
    "countries": "countries.yml",
}

REFERENCE = re.compile(r"\[\[([a-z0-9_]+(?:\.[a-z0-9_]+)+)\]\]")


class ContentError(LookupError):
    """A reference names something that is not in the content files."""


# libyaml's safe loader where PyYAML was built with it: the rendered domain is close to a megabyte, 2.6 s
# with the pure-Python loader and 0.36 s with this one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_file(path: Path) -> Any:
    """A YAML file of the project's (content/, the rendered domain.yml), read with a safe loader."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)


def read_yaml(name: str) -> Any:
    return load_yaml_file(CONTENT_DIR / name)


@lru_cache(maxsize=1)
def load_content() -> dict[str, dict[str, Any]]:
    """Every referenceable content file, keyed as in REFERENCE_FILES."""
    return {key: read_yaml(name)[key] for key, name in REFERENCE_FILES.items()}


# [[partners.stopncii]] lists the apps whose entry in platforms.yml is flagged as a partner, so that
# each partnership is recorded once (platforms.yml says which sources the flags come from).
PARTNER_FLAGS = {"stopncii": "stopncii_partner", "take_it_down": "take_it_down_partner"}


def partner_names(tool: str) -> str:
    """The apps that take part in a fingerprint tool, as a list in words: "Facebook, Instagram and TikTok"."""
    if tool not in PARTNER_FLAGS:
        raise ContentError(f"no content at [[partners.{tool}]]")
    names = [entry["name"] for entry in load_content()["platforms"].values() if entry.get(PARTNER_FLAGS[tool])]
    if len(names) < 2:
        raise ContentError(f"[[partners.{tool}]] needs at least two partners in platforms.yml to read as a list")
    return ", ".join(names[:-1]) + " and " + names[-1]


def lookup(reference: str) -> Any:
    """The value at a dotted reference such as ``services.childline.phone``."""
    if reference.startswith("partners."):
        return partner_names(reference.removeprefix("partners."))
    value: Any = load_content()
    for part in reference.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ContentError(f"no content at [[{reference}]]")
        value = value[part]
    return value


def resolve_references(text: str) -> str:
    """Replace every [[reference]] in text by its value from the content files."""
    return REFERENCE.sub(lambda match: str(lookup(match.group(1))), text)


def service(service_id: str) -> dict[str, Any]:
    return load_content()["services"][service_id]


def force(force_id: str) -> dict[str, Any]:
    return load_content()["forces"][force_id]


def platform(platform_id: str) -> dict[str, Any]:
    return load_content()["platforms"][platform_id]


def country(country_id: str) -> dict[str, Any]:
    return load_content()["countries"][country_id]
