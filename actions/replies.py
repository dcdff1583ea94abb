"""Turns a domain response and the facts an action found into the message a person reads.

Every sentence lives in the domain (domain.in/); actions only choose a
response by name and pass fields. Rasa fills `{slot}` placeholders itself,
but it cannot leave out what a force or a country does not have (no live
chat, no textphone), so the action server renders its own replies here with
one extra convention:

- a line of the response whose `{field}` is None (a fact we do not hold) is
  left out, so a response can list every way of getting help and each person
  sees only the ones that exist for them;
- a field whose value is a list repeats its line once per item;
- `{{` and `}}` stand for literal braces, as in Rasa (button payloads).

Like every reply, it is fitted to what the person told (knowledge/reply_fitting.py).

The response's variation is chosen as Rasa chooses it: the first whose slot
conditions all hold, otherwise the first without conditions.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from knowledge.reply_fitting import fit_reply

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\}")


class MissingField(KeyError):
    """A response names a field that neither the action nor the slots gave: a bug, never shown to a person."""


def choose_variation(variations: list[dict[str, Any]], slots: Mapping[str, Any]) -> dict[str, Any]:
    def holds(variation: dict[str, Any]) -> bool:
        return all(slots.get(c["name"]) == c["value"] for c in variation.get("condition") or [])

    conditional = [v for v in variations if v.get("condition") and holds(v)]
    plain = [v for v in variations if not v.get("condition")]
    return (conditional or plain or variations)[0]


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


def render(
    domain: Mapping[str, Any],
    name: str,
    slots: Mapping[str, Any],
    buttons: list[dict[str, str]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """The message for response `name`, ready for `dispatcher.utter_message(**message)`.

    `buttons` are added after the response's own (choices that come from
    content/, such as the apps or the forces of a place).
    """
    # Rasa sends every slot; a slot missing here (a test's tracker) has its initial value from the domain.
    slots = {**{slot: spec.get("initial_value") for slot, spec in domain.get("slots", {}).items()}, **slots}
    variation = choose_variation(domain["responses"][name], slots)
    values = {**slots, **fields}
    message: dict[str, Any] = {"text": fill(variation.get("text", ""), values)}
    all_buttons = [
        {"title": fill(b["title"], values), "payload": fill(b["payload"], values)}
        for b in variation.get("buttons") or []
    ] + list(buttons or [])
    if all_buttons:
        message["buttons"] = all_buttons
    message = fit_reply(message, slots)
    if variation.get("custom"):
        message["json_message"] = variation["custom"]
    return message
