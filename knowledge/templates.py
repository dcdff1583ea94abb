"""Filling a domain response's `{field}`s with facts, leaving out lines about facts we do not hold.

Rasa fills `{slot}` placeholders itself, but it cannot leave out what a force
or a country does not have (no live chat, no textphone). The convention here:

- a line whose `{field}` is None (a fact we do not hold) is left out, so a
  response can list every way of getting help and each person sees only the
  ones that exist for them;
- a field whose value is a list repeats its line once per item;
- `{{` and `}}` stand for literal braces, as in Rasa (button payloads).

Used by the action server's renderer (actions/replies.py) and by the Rasa
server's reply generator (nlg/no_repeat.py), which is why it lives here,
free of Rasa imports.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\}")


class MissingField(KeyError):
    """A response names a field that neither the action nor the slots gave: a bug, never shown to a person."""


def _fields_in(line: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(line) if m.group(1)]


def _fill_line(line: str, values: Mapping[str, Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        return str(values[match.group(1)])

    return PLACEHOLDER.sub(replace, line)


def fill(text: str, values: Mapping[str, Any]) -> str:
    """The text with its fields filled, lines about missing facts left out, list fields repeated."""
    lines = []
    for line in text.split("\n"):
        names = _fields_in(line)
        unknown = [n for n in names if n not in values]
        if unknown:
            raise MissingField(f"no value for {unknown} in {line!r}")
        if any(values[n] is None or values[n] == [] for n in names):
            continue
        lists = [n for n in names if isinstance(values[n], list | tuple)]
        if lists:
            items = values[lists[0]]
            lines.extend(_fill_line(line, {**values, lists[0]: item}) for item in items)
        else:
            lines.append(_fill_line(line, values).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
