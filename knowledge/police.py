"""Which police contacts a person can use: the facts, for the replies in the domain to word."""
from __future__ import annotations

from typing import Any

from knowledge.content import force


def force_contacts(force_id: str) -> dict[str, Any]:
    """Every way to reach the force that we hold; None for a way it does not have or we could not confirm.

    A website we could not confirm is not given (a wrong link is worse than
    none), and neither is a chat that lives on that website.
    """
    entry = force(force_id)
    confirmed = entry.get("confirmed", True)
    chat_on_website = entry.get("live_chat_widget") and confirmed and not entry.get("live_chat")
    return {
        "force_name": entry["name"],
        "force_phone": entry["phone"],
        "force_textphone": entry.get("textphone"),
        "force_live_chat": entry.get("live_chat"),
        "force_chat_on_website": (entry.get("live_chat_how") or "") if chat_on_website else None,
        "force_report_online": entry.get("report_online"),
        "force_sign_language": entry.get("sign_language"),
        "force_website": entry["website"] if confirmed else None,
    }
