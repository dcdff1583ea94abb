"""Turns the assistant's replies into what a messaging app can show.

Plain functions (no Rasa) shared by every channel: messaging apps cap message
length, WhatsApp and SMS have no buttons, and none renders Markdown links.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

Button = dict[str, Any]

# From the longest unit to the shortest: a message is cut at a paragraph break
# if it can be, then a line break, a sentence end, a space, and only as a last
# resort in the middle of a word.
_BOUNDARIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\n[ \t]*\n\s*"), "\n\n"),
    (re.compile(r"\n\s*"), "\n"),
    (re.compile(r"(?<=[.!?:;])\s+"), " "),
    (re.compile(r"\s+"), " "),
)
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def plain_links(text: str) -> str:
    """`[Samaritans](https://…)` becomes `Samaritans: https://…`: the apps show bare URLs as links."""
    return _MARKDOWN_LINK.sub(r"\1: \2", text)


def split_message(text: str, limit: int) -> list[str]:
    """Cuts text into messages of at most `limit` characters at the most natural boundaries."""
    text = text.strip()
    return _split(text, limit, 0) if text else []


def _split(text: str, limit: int, level: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    if level == len(_BOUNDARIES):
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    boundary, joiner = _BOUNDARIES[level]
    messages: list[str] = []
    current = ""
    for part in boundary.split(text):
        for piece in _split(part.strip(), limit, level + 1) if part.strip() else []:
            joined = f"{current}{joiner}{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                messages.append(current)
                current = piece
    return [*messages, current] if current else messages


def with_numbered_options(text: str, buttons: Sequence[Button], first: int = 1) -> str:
    """Appends the buttons as a numbered list, for channels that cannot show buttons."""
    options = "\n".join(f"{number}. {button['title']}" for number, button in enumerate(buttons, first))
    return f"{text}\n\nReply with a number:\n{options}".strip()


def chosen_number(text: str) -> int | None:
    """The number in a reply such as "2", " 2." or "2)", else None."""
    match = _CHOICE.match(text or "")
    return int(match.group(1)) if match else None
