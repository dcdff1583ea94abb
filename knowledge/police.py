"""Which police contacts a person can use: the facts, for the replies in the domain to word."""
from __future__ import annotations

import re
from typing import Any

from knowledge.content import force, load_content
from knowledge.templates import fill


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


# The domain's offer to look up the local force ("Tell me your town, or the first half of your postcode,
# and I'll give you your local force's links."), in every wording it has.
_FORCE_OFFER = re.compile(
    r"[ \t]*(?:(?:If you tell me|Tell me) (?:your|the) town, or the first half of (?:your|the) postcode,"
    r" (?:and I'll give you|I can give you) (?:your|the) local force's [^.\n]*links\."
    # ... and as the shorter answers offer it.
    r"|(?:For local links, tell|Tell) me (?:your|the) town or the start of (?:your|the) postcode"
    r"(?: for local links)?\.)")


def answer_force_offer(text: str, force_id: str | None, contacts_template: str) -> str:
    """The text with its offer to look up the force replaced by the force's contacts, when the force is known.

    Someone who has told us where they are, and asks how to report online,
    should get their force's links, not be asked for their town again.
    """
    # A force id that is not ours (a hand-typed payload) leaves the offer as it is.
    if force_id not in load_content()["forces"] or not _FORCE_OFFER.search(text):
        return text
    contacts = fill(contacts_template, force_contacts(force_id))
    answered = _FORCE_OFFER.sub(lambda _: "\n" + contacts, text, count=1)
    return re.sub(r"\n{3,}", "\n\n", answered)
