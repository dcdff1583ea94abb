"""Turns a domain response and the facts an action found into the message a person reads.

Every sentence lives in the domain (domain.in/); actions only choose a
response by name and pass fields, filled by knowledge/templates.py (which
leaves out the lines about facts we do not hold). Like every reply, it is
fitted to what the person told (knowledge/reply_fitting.py).

The response's variation is chosen as Rasa chooses it: the first whose slot
conditions all hold, otherwise the first without conditions. The others that
fit go with the message (`AGAIN`): as nlg/no_repeat.py does for the domain's
own replies, actions/base.py sends the first one not yet said this session.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.reply_fitting import fit_reply
from knowledge.templates import fill

# The key of a rendered message that holds the response's other fitting variations, rendered too.
AGAIN = "again"


def fitting_variations(variations: list[dict[str, Any]], slots: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The variations Rasa would choose among, in the domain's order: the full answer first, shorter ones after."""
    def holds(variation: dict[str, Any]) -> bool:
        return all(slots.get(c["name"]) == c["value"] for c in variation.get("condition") or [])

    conditional = [v for v in variations if v.get("condition") and holds(v)]
    plain = [v for v in variations if not v.get("condition")]
    return conditional or plain or variations[:1]


def choose_variation(variations: list[dict[str, Any]], slots: Mapping[str, Any]) -> dict[str, Any]:
    return fitting_variations(variations, slots)[0]


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
    first, *others = fitting_variations(domain["responses"][name], slots)
    message = _rendered(first, name, slots, {**slots, **fields}, buttons)
    if others:
        message[AGAIN] = [_rendered(v, name, slots, {**slots, **fields}, buttons) for v in others]
    return message


def _rendered(variation: dict[str, Any], name: str, slots: Mapping[str, Any], values: Mapping[str, Any],
              buttons: list[dict[str, str]] | None) -> dict[str, Any]:
    message: dict[str, Any] = {"text": fill(variation.get("text", ""), values)}
    all_buttons = [
        {"title": fill(b["title"], values), "payload": fill(b["payload"], values)}
        for b in variation.get("buttons") or []
    ] + list(buttons or [])
    if all_buttons:
        message["buttons"] = all_buttons
    message = fit_reply(message, slots, name)
    if variation.get("custom"):
        message["json_message"] = variation["custom"]
    return message
