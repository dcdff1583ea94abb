"""Turns the assistant's replies into what a messaging app can show.

Plain functions (no Rasa) shared by every channel: messaging apps cap message
length, WhatsApp and SMS have no buttons, and none renders Markdown links.
"""
from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
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


class OptionsMemory:
    """The last numbered options offered in each conversation, so that "1" can be mapped back.

    Kept in this process's memory, keyed by the hashed sender id, bounded in size
    and forgotten after `ttl` seconds: an old list must not turn a later "2"
    (say, an answer about a sum of money) into a button press.
    """

    def __init__(self, max_entries: int = 10_000, ttl: float = 6 * 3600,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._entries: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()
        self.max_entries, self.ttl, self.clock = max_entries, ttl, clock

    def remember(self, conversation: str, payloads: Iterable[str]) -> None:
        """Records the options now on screen in this conversation (replacing older ones)."""
        self._entries[conversation] = (self.clock(), list(payloads))
        self._entries.move_to_end(conversation)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def resolve(self, conversation: str, text: str) -> str:
        """The payload of the option picked by `text`, or `text` itself; the options are used up."""
        stored_at, payloads = self._entries.pop(conversation, (0.0, []))
        number = chosen_number(text)
        if number is not None and 1 <= number <= len(payloads) and self.clock() - stored_at <= self.ttl:
            return payloads[number - 1]
        return text
