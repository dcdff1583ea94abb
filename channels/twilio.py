"""WhatsApp (and SMS) through Twilio, with X-Twilio-Signature checked and numbers hashed.

Differences from Rasa's TwilioInput: unsigned or forged calls get 403; the
sender's phone number never reaches Rasa; WhatsApp has no buttons, so they
become numbered options; images, voice notes and locations get the notice and
their MediaUrl is never fetched; sending runs in a thread, because the Twilio
client blocks and would stall every other conversation meanwhile; a message
already answered (same MessageSid) is not answered again.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from multidict import MultiDict
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException

from channels.conversation import ChannelOutput, receive
from channels.replay import REPLAYS
from channels.verification import twilio_ok
from channels.webhook import VerifiedInput

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"


class PrivateTwilioOutput(TwilioOutput, ChannelOutput):
    """Sends through Twilio's Messages API; PrivateOutput gives it the real number."""

    max_length = 1600  # Twilio's limit for one WhatsApp or concatenated SMS body

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str, api_base: str | None = None) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        if api_base:
            self.api.base_url = api_base.rstrip("/")
        # It logs every API request at INFO: noise, and one step from logging numbers.
        logging.getLogger("twilio.http_client").setLevel(logging.WARNING)

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        """One attempt, off the event loop; errors are logged without the number (Twilio's text holds it)."""
        try:
            return await asyncio.to_thread(self.messages.create, **message_data)
        except TwilioRestException as error:
            logger.error("Twilio refused a message (HTTP %s, Twilio code %s).", error.status, error.code)
        except Exception as error:  # network errors: the conversation goes on
            logger.error("Could not reach Twilio (%s).", type(error).__name__)
        return None

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": text})


class VerifiedTwilioInput(VerifiedInput, TwilioInput):
    """Twilio webhook at /webhooks/twilio/webhook (the "A message comes in" URL)."""

    credential_names = ("account_sid", "auth_token", "twilio_number", "webhook_url")

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str, webhook_url: str, key: bytes,
                 api_base: str | None = None) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url, self.key, self.api_base = webhook_url, key, api_base

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        output = PrivateTwilioOutput(self.account_sid, self.auth_token, self.twilio_number, self.api_base)
        webhook = self.webhook_blueprint()

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            # Parsed here, not with request.form: Sanic drops blank fields, which Twilio signs too.
            form = MultiDict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
            if not twilio_ok(self.auth_token, self.webhook_url, form, request.headers.get(SIGNATURE_HEADER)):
                return self.refuse("Refused a Twilio webhook call without a valid signature.")
            sender = form.get("From")
            if sender and REPLAYS.first_time(self.name(), form.get("MessageSid")):
                has_media = form.get("NumMedia", "0") not in ("", "0") or bool(form.get("Latitude"))
                text = (form.get("Body") or "").replace("¡", "@")  # some SMS carriers corrupt @
                await receive(on_new_message, output, self.key, sender, text, has_media)
            return response.text("", status=204)

        return webhook
