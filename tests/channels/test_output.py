"""PrivateOutput and receive: real ids, numbered options, splitting, the media notice (no server)."""
from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Sequence
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, UserUttered

from channels.conversation import ChannelOutput, PrivateOutput, offered_options, picked_option, receive
from channels.privacy import MEDIA_NOTICE, hash_sender
from channels.rendering import Button
from channels.telegram import PrivateTelegramOutput, VerifiedTelegramInput

KEY = b"k" * 32
REAL = "whatsapp:+447700900123"
BUTTONS = [{"title": "Yes, make my checklist", "payload": "/request_checklist"},
           {"title": "I'm under 18", "payload": '/inform{"age_group": "under_18"}'}]


class Recording(ChannelOutput):
    """A platform output that keeps what it would have sent."""

    max_length = 50

    def __init__(self, native: bool = False) -> None:
        self.native, self.sent = native, []

    @classmethod
    def name(cls) -> str:
        return "twilio"

    def shows_buttons(self, buttons: Sequence[Button]) -> bool:
        return self.native

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.sent.append((recipient_id, text, None))

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button],
                                     **kwargs: Any) -> None:
        self.sent.append((recipient_id, text, buttons))


def output(native: bool = False) -> tuple[Recording, PrivateOutput]:
    platform = Recording(native)
    return platform, PrivateOutput(platform, REAL, hash_sender("twilio", REAL, KEY))


def test_replies_go_to_the_real_id_and_the_custom_payload_is_not_sent() -> None:
    platform, private = output()
    asyncio.run(private.send_response(private.hashed_id, {"text": "Your checklist:\n1. Save it",
                                                          "custom": {"checklist": {"steps": ["Save it"]}}}))
    assert platform.sent == [(REAL, "Your checklist:\n1. Save it", None)]
    assert private.name() == "twilio"


def test_a_reply_for_another_conversation_is_dropped() -> None:
    platform, private = output()
    asyncio.run(private.send_response("twilio-someone-else", {"text": "hello"}))
    assert platform.sent == []


def test_buttons_become_numbered_options_numbered_across_the_turn() -> None:
    platform, private = output()
    asyncio.run(private.send_response(private.hashed_id, {"text": "Q1", "buttons": BUTTONS[:1]}))
    asyncio.run(private.send_response(private.hashed_id, {"text": "Q2", "buttons": BUTTONS[1:]}))
    texts = "\n".join(text for _, text, _ in platform.sent)
    assert "1. Yes, make my checklist" in texts and "2. I'm under 18" in texts
    # Read back from the events Rasa stores for that turn, as any instance would.
    stored = [UserUttered("hi"), bot("Q1", BUTTONS[:1]), bot("Q2", BUTTONS[1:])]
    assert picked_option(offered_options(stored, platform, NOW), "2") == '/inform{"age_group": "under_18"}'


NOW = 1_800_000_000.0


def bot(text: str, buttons: list[Button] | None = None, at: float = NOW) -> BotUttered:
    return BotUttered(text, {"buttons": buttons} if buttons else {}, timestamp=at)


def test_only_the_last_answer_offers_options_and_a_reply_uses_them_up() -> None:
    platform = Recording()
    offered = [UserUttered("hi"), bot("Q", BUTTONS)]
    assert offered_options(offered, platform, NOW) == [b["payload"] for b in BUTTONS]
    assert offered_options([*offered, UserUttered("2"), bot("Thanks")], platform, NOW) == []
    assert offered_options(offered, Recording(native=True), NOW) == []  # shown as real buttons, not numbered


def test_numbers_out_of_range_text_and_old_lists_pass_through() -> None:
    payloads = [b["payload"] for b in BUTTONS]
    assert picked_option(payloads, "3") == "3" and picked_option(payloads, "0") == "0"
    assert picked_option(payloads, "should I pay") == "should I pay"
    assert picked_option(payloads, " 1. ") == "/request_checklist"
    stale = [bot("Q", BUTTONS, at=NOW - 7 * 3600)]
    assert offered_options(stale, Recording(), NOW) == []


def test_a_typed_number_reaches_rasa_as_the_button_it_names() -> None:
    handled: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        handled.append(message)

    async def events(sender_id: str) -> list:
        return [UserUttered("hi"), bot("Q", BUTTONS, at=time.time())]

    asyncio.run(receive(on_new_message, Recording(), KEY, REAL, "2", events=events))
    assert [m.text for m in handled] == ['/inform{"age_group": "under_18"}']


def test_native_buttons_go_with_the_last_part_of_a_long_message() -> None:
    platform, private = output(native=True)
    text = "First paragraph that is long enough.\n\nSecond paragraph, also long enough."
    asyncio.run(private.send_response(private.hashed_id, {"text": text, "buttons": BUTTONS}))
    assert [buttons for _, _, buttons in platform.sent] == [None, BUTTONS]
    assert all(len(text) <= 50 for _, text, _ in platform.sent)


def test_media_gets_the_notice_and_the_text_is_still_handled() -> None:
    platform, handled = Recording(), []

    async def on_new_message(message: UserMessage) -> None:
        handled.append(message)

    asyncio.run(receive(on_new_message, platform, KEY, REAL, "", has_media=True))
    assert handled == []
    assert " ".join(text for _, text, _ in platform.sent) == MEDIA_NOTICE
    asyncio.run(receive(on_new_message, platform, KEY, REAL, "he wants money", has_media=True))
    assert handled[0].sender_id == hash_sender("twilio", REAL, KEY) and handled[0].text == "he wants money"


def test_a_failure_is_logged_without_the_id(caplog: pytest.LogCaptureFixture) -> None:
    async def on_new_message(message: UserMessage) -> None:
        raise RuntimeError(f"could not send to {REAL}")

    with caplog.at_level(logging.INFO):
        asyncio.run(receive(on_new_message, Recording(), KEY, REAL, "hello"))
    assert "RuntimeError" in caplog.text and "447700900123" not in caplog.text


def test_telegram_buttons_with_long_payloads_fall_back_to_numbers() -> None:
    bot = PrivateTelegramOutput("123456:TEST")
    assert bot.shows_buttons(BUTTONS)
    assert not bot.shows_buttons([{"title": "x", "payload": "/inform" + "x" * 64}])


def test_telegram_webhook_registration_fails_softly(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    channel = VerifiedTelegramInput("123456:TEST", "https://bot.example.org/webhooks/telegram/webhook",
                                    "webhook-secret-123456", KEY, f"http://127.0.0.1:{port}")
    bot = PrivateTelegramOutput("123456:TEST", f"http://127.0.0.1:{port}")

    async def register() -> None:
        await channel.register_webhook(bot)
        await bot.session.close()

    with caplog.at_level(logging.WARNING):
        asyncio.run(register())
    assert "Could not register the Telegram webhook" in caplog.text
