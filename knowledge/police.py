"""Which police contacts to give, from the person's force and age."""
from __future__ import annotations

from knowledge.content import force, resolve_references, service
from knowledge.countries import country_advice
from knowledge.situation import UNDER_18


def force_contacts(force_id: str) -> str:
    """One or two sentences with every way to reach the force that we hold."""
    entry = force(force_id)
    parts = [f"Call {entry['phone']}"]
    if entry.get("textphone"):
        parts[0] += f" (textphone {entry['textphone']})"
    if entry.get("live_chat"):
        parts.append(f"use their online live chat: {entry['live_chat']}")
    elif entry.get("live_chat_widget") and entry.get("confirmed", True):
        how = f" ({entry['live_chat_how']})" if entry.get("live_chat_how") else ""
        parts.append(f"use the live chat on their website{how}")
    if entry.get("report_online"):
        parts.append(f"report online: {entry['report_online']}")
    sentence = ", or ".join(parts) + "."
    if entry.get("sign_language"):
        sentence += f" Sign language (BSL or ISL) video call: {entry['sign_language']}."
    # A website we could not confirm is not given: a wrong link is worse than none.
    return f"{sentence} Website: {entry['website']}" if entry.get("confirmed", True) else sentence


def police_advice(force_id: str | None, age_group: str | None, country_id: str | None = None) -> list[str]:
    """Messages answering 'how do I contact the police', most important first."""
    if country_id:
        return country_advice(country_id, age_group)
    emergency = service("emergency")["phone"]
    if force_id:
        name = force(force_id)["name"]
        messages = [
            f"Your local force is {name}. {force_contacts(force_id)}",
            f"If you are in danger right now, call {emergency}. "
            "The police will take this seriously and will not judge you.",
        ]
    else:
        non_emergency = service("police_non_emergency")
        messages = [
            f"Call the police on {non_emergency['phone']} "
            f"(textphone {non_emergency['textphone']}), or {emergency} if you are in danger right now. "
            "They will take this seriously and will not judge you.",
            "If you tell me your town, or the first half of your postcode, "
            "I can give you your local force's online reporting and chat links.",
        ]
    if age_group == UNDER_18:
        messages.append(
            resolve_references(
                "Because you're under 18, you can also report to CEOP: [[services.ceop.url]]. "
                "You will not be in trouble."
            )
        )
    return messages
