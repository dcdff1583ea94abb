"""What the three messaging connectors share once a webhook call is verified.

`receive` hashes the sender, answers images and files with the notice, maps a
typed option number back to its button, and hands Rasa, through the edge
checks (channels.edge), a UserMessage whose sender id is the hash.
`PrivateOutput` is that message's output channel: Rasa
addresses replies to the hash, and only this object, living for one request,
knows the real id to send them to.

The numbered options are read back from the conversation's own events (the
assistant's messages since the person last wrote, as they were numbered), not
from this process's memory: with several Rasa instances behind a load balancer,
the "2" may reach another instance than the one that offered the list.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.exceptions import RasaException
from sanic import Sanic

from channels.edge import guarded
from channels.privacy import MEDIA_NOTICE, hash_sender, sender_key
from channels.rendering import Button, chosen_number, plain_links, split_message, with_numbered_options

logger = logging.getLogger(__name__)

# An old list must not turn a later "2" (say, an answer about a sum of money) into a button press:
# no longer than a session lasts (session_expiration_time, 60 minutes, domain.in/conversation.yml).
OPTIONS_TTL_SECONDS = 3600
ConversationEvents = Callable[[str], Awaitable[Sequence[Event]]]


class ChannelOutput(OutputChannel):
    """What a platform's output channel tells PrivateOutput about its limits.

    Subclasses send exactly one platform message per send_text_message call:
    PrivateOutput has already cut the text to `max_length`.
    """

    max_length = 1600

    def shows_buttons(self, buttons: Sequence[Button]) -> bool:
        """Whether the platform can show these buttons natively."""
        return False

    def numbered_buttons(self, buttons: Sequence[Button], first: int) -> list[Button]:
        """Tappable "1", "2"… for numbered options, where the platform has them."""
        return []


class PrivateOutput(OutputChannel):
    """One request's replies: swaps the hashed recipient for the real one and renders for the channel."""

    def __init__(self, platform: ChannelOutput, real_id: str, hashed_id: str) -> None:
        self.platform, self._real_id, self.hashed_id = platform, real_id, hashed_id
        self.numbered = 0  # options numbered so far in this turn: the next list goes on from there

    def name(self) -> str:  # type: ignore[override]  # Rasa calls it on the instance
        """The platform's name, so channel-specific responses still apply."""
        return self.platform.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Sends one bot message. The `custom` checklist payload is dropped: the text already holds it."""
        if recipient_id != self.hashed_id:
            logger.warning("Dropped a %s reply addressed to another conversation.", self.name())
            return
        links = [message[key] for key in ("image", "attachment") if isinstance(message.get(key), str)]
        text = "\n\n".join([plain_links(message.get("text") or ""), *links]).strip()
        buttons = list(message.get("buttons") or message.get("quick_replies") or [])
        if buttons and not self.platform.shows_buttons(buttons):
            first = self.numbered + 1
            text = with_numbered_options(text, buttons, first)
            self.numbered += len(buttons)
            buttons = self.platform.numbered_buttons(buttons, first)
        parts = split_message(text, self.platform.max_length)
        if not parts:
            return
        for part in parts[:-1]:
            await self.platform.send_text_message(self._real_id, part)
        if buttons:
            await self.platform.send_text_with_buttons(self._real_id, parts[-1], buttons)
        else:
            await self.platform.send_text_message(self._real_id, parts[-1])


def offered_options(events: Sequence[Event], platform: ChannelOutput, now: float) -> list[str]:
    """The payloads of the options numbered in the assistant's last answer, in their numbers' order.

    That answer is the bot messages after the person's last message; PrivateOutput numbered the
    buttons of each one the platform could not show, across the turn. Older than the TTL: none.
    """
    answer: list[BotUttered] = []
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            answer.insert(0, event)
    payloads: list[str] = []
    for message in answer:
        buttons = list(message.data.get("buttons") or message.data.get("quick_replies") or [])
        if buttons and not platform.shows_buttons(buttons) and now - message.timestamp <= OPTIONS_TTL_SECONDS:
            payloads.extend(str(button["payload"]) for button in buttons)
    return payloads


def picked_option(payloads: Sequence[str], text: str) -> str:
    """The payload of the option `text` picks by number, or `text` itself."""
    number = chosen_number(text)
    return payloads[number - 1] if number is not None and 1 <= number <= len(payloads) else text


async def stored_events(sender_id: str) -> Sequence[Event]:
    """The conversation's events in the running Rasa server's store (its one Sanic app holds the agent).

    Read under the conversation's lock: a turn that is still sending its answer has not saved it yet,
    and the number must be read against that answer, not the one before.
    """
    agent = Sanic.get_app().ctx.agent
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.tracker_store.retrieve(sender_id)
    return tracker.events if tracker else []


async def receive(on_new_message: Callable[[UserMessage], Awaitable[Any]], platform: ChannelOutput,
                  key: bytes, raw_id: str, text: str | None, has_media: bool = False,
                  events: ConversationEvents = stored_events) -> None:
    """Handles one verified incoming message; never raises, so the platform does not retry it."""
    channel = platform.name()
    try:
        hashed_id = hash_sender(channel, raw_id, key)
        output = PrivateOutput(platform, str(raw_id), hashed_id)
        if has_media:
            await output.send_response(hashed_id, {"text": MEDIA_NOTICE})
        if text and text.strip():
            if chosen_number(text) is not None:  # the store is read only for a bare number
                text = picked_option(offered_options(await events(hashed_id), platform, time.time()), text)
            await guarded(on_new_message)(UserMessage(text, output, hashed_id, input_channel=channel))
    except Exception as error:  # the message may hold the raw id: log the type only
        logger.error("A %s message could not be handled (%s).", channel, type(error).__name__)
        logger.debug("Traceback of the %s failure.", channel, exc_info=True)


def settings(credentials: dict[str, Any] | None, required: Sequence[str], channel: str) -> dict[str, Any]:
    """The channel's settings from credentials.yml, refusing to start if one is missing."""
    credentials = credentials or {}
    missing = [name for name in required if not credentials.get(name)]
    if missing:
        raise RasaException(f"The {channel} channel needs {', '.join(missing)} in its credentials "
                            "(see docs/channels.md and channels/credentials.py).")
    try:
        sender_key(credentials.get("sender_id_key"))
    except ValueError as error:
        raise RasaException(f"The {channel} channel: {error}") from None
    return credentials
