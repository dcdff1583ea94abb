"""Telegram, with the webhook's secret token checked and chat ids hashed.

Differences from Rasa's TelegramInput: calls without the secret token given to
setWebhook get 403; the webhook is registered once the server is up and a
failure only logs a warning (the stock connector stops Rasa from starting
without network); no call to getMe per message; only private chats; photos,
voice notes and files are answered with the notice and never fetched; an
update already answered (same update_id) is not answered again.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.conversation import ChannelOutput, receive
from channels.rendering import Button
from channels.replay import REPLAYS
from channels.verification import telegram_ok
from channels.webhook import VerifiedInput, as_dict, as_text

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Anything a person can send that is not text: never downloaded, never passed on.
MEDIA_FIELDS = ("photo", "document", "voice", "audio", "video", "video_note", "sticker", "animation",
                "contact", "location", "venue", "poll", "dice")
CALLBACK_DATA_LIMIT = 64  # bytes; a longer payload makes Telegram refuse the whole message


class PrivateTelegramOutput(TelegramOutput, ChannelOutput):
    """The one Bot (one HTTP session) of the channel; PrivateOutput gives it the real chat id."""

    max_length = 4096

    def __init__(self, access_token: str, api_base: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base) if api_base else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server, timeout=15)

    def shows_buttons(self, buttons: Sequence[Button]) -> bool:
        return all(len(str(button["payload"]).encode()) <= CALLBACK_DATA_LIMIT for button in buttons)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_message(recipient_id, text)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button],
                                     **kwargs: Any) -> None:
        """The stock inline keyboard, one button per row: long titles stay readable on a phone."""
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type="vertical")


class VerifiedTelegramInput(VerifiedInput, TelegramInput):
    """Telegram webhook at /webhooks/telegram/webhook.

    It has no output channel outside a request (VerifiedInput), so, unlike the stock
    one, setting up the channel does not call setWebhook: `register_webhook` does, once
    the server is up.
    """

    credential_names = ("access_token", "webhook_url", "secret_token")

    def __init__(self, access_token: str, webhook_url: str, secret_token: str, key: bytes,
                 api_base: str | None = None) -> None:
        super().__init__(access_token, None, webhook_url, debug_mode=False)
        self.secret_token, self.key, self.api_base = secret_token, key, api_base

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bot = PrivateTelegramOutput(self.access_token, self.api_base)
        webhook = self.webhook_blueprint()

        @webhook.listener("after_server_start")
        async def register(_app: Any, _loop: Any) -> None:
            await self.register_webhook(bot)

        @webhook.listener("before_server_stop")
        async def close(_app: Any, _loop: Any) -> None:
            await bot.session.close()

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not telegram_ok(self.secret_token, request.headers.get(SECRET_HEADER)):
                return self.refuse("Refused a Telegram webhook call without the right secret token.")
            update = request.json
            if isinstance(update, dict) and REPLAYS.first_time(self.name(), update.get("update_id")):
                await self.handle(update, bot, on_new_message)
            return response.text("success")

        return webhook

    async def register_webhook(self, bot: PrivateTelegramOutput) -> None:
        """setWebhook with the secret token (aiogram 2.15 predates that parameter, hence the raw request)."""
        try:
            await bot.request("setWebhook", {"url": self.webhook_url, "secret_token": self.secret_token,
                                             "allowed_updates": json.dumps(ALLOWED_UPDATES)})
            logger.info("Telegram webhook registered.")
        except Exception as error:  # a failure must not stop the other channels
            detail = str(error) if isinstance(error, TelegramAPIError) else type(error).__name__
            logger.warning("Could not register the Telegram webhook (%s). Still serving; "
                           "docs/channels.md shows how to register it by hand.", detail)

    async def handle(self, update: dict[str, Any], bot: PrivateTelegramOutput,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """A message, an edited message or a button press from a private chat; anything else is ignored."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            message, text, has_media = as_dict(query.get("message")), as_text(query.get("data")), False
            await self.answer(bot, as_text(query.get("id")))
        else:
            message = as_dict(update.get("message") or update.get("edited_message"))
            text = as_text(message.get("text")) or as_text(message.get("caption"))
            has_media = any(field in message for field in MEDIA_FIELDS)
        chat = as_dict(message.get("chat"))
        if chat.get("type") != "private" or chat.get("id") is None:
            return
        if text and text.split()[:1] == ["/start"]:  # Telegram's "Start" button, or a deep link's words
            text = text.strip()[len("/start"):].strip() or "/greet"
        await receive(on_new_message, bot, self.key, str(chat["id"]), text, has_media)

    @staticmethod
    async def answer(bot: PrivateTelegramOutput, query_id: str | None) -> None:
        """Stops the button's loading spinner; cosmetic, so failures are only logged."""
        if query_id:
            try:
                await bot.answer_callback_query(query_id)
            except Exception as error:
                logger.debug("answerCallbackQuery failed (%s).", type(error).__name__)
