"""Facebook Messenger, with X-Hub-Signature-256 checked and page-scoped ids hashed.

Differences from Rasa's FacebookInput: a bad or missing signature gets 403 (the
stock one answers 200 and checks the SHA-1 header); every event of a batch is
handled (the stock one stops after the first); attachments get the notice and
their URLs are never passed to Rasa; buttons become a button template or quick
replies within Messenger's limits, otherwise numbered options; sending runs in a
thread because the fbmessenger client blocks; an event already answered (same
message id) is not answered again.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.conversation import ChannelOutput, receive
from channels.rendering import Button
from channels.replay import REPLAYS
from channels.verification import facebook_ok, same_secret
from channels.webhook import VerifiedInput, as_dict, as_list, as_text

logger = logging.getLogger(__name__)

GRAPH_API = "https://graph.facebook.com/v21.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
# Messenger's limits (Send API reference): beyond them the call is refused.
QUICK_REPLY_LIMIT, TEMPLATE_BUTTON_LIMIT, TITLE_LIMIT, TEMPLATE_TEXT_LIMIT = 13, 3, 20, 640


class PrivateMessengerOutput(MessengerBot, ChannelOutput):
    """Sends through the Graph API's /me/messages; PrivateOutput gives it the real page-scoped id."""

    max_length = 2000

    def __init__(self, page_access_token: str, api_base: str | None = None) -> None:
        client = MessengerClient(page_access_token)
        client.graph_url = (api_base or GRAPH_API).rstrip("/")
        super().__init__(client)

    def shows_buttons(self, buttons: Sequence[Button]) -> bool:
        return len(buttons) <= QUICK_REPLY_LIMIT and all(len(b["title"]) <= TITLE_LIMIT for b in buttons)

    def numbered_buttons(self, buttons: Sequence[Button], first: int) -> list[Button]:
        if len(buttons) > QUICK_REPLY_LIMIT:
            return []
        return [{"title": str(number), "payload": b["payload"]} for number, b in enumerate(buttons, first)]

    async def _post(self, recipient_id: str, message: dict[str, Any]) -> None:
        """One Send API call, off the event loop; errors are logged by code only (no id, no text)."""
        try:
            reply = await asyncio.to_thread(self.messenger_client.send, message, recipient_id, "RESPONSE",
                                            timeout=15)
        except Exception as error:  # network errors: the conversation goes on
            logger.error("Could not reach the Messenger Send API (%s).", type(error).__name__)
            return
        error = reply.get("error") if isinstance(reply, dict) else None
        if error:
            logger.error("Messenger refused a message (code %s, %s).", error.get("code"), error.get("type"))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[Button],
                                     **kwargs: Any) -> None:
        """A button template (the buttons stay in the chat) when it fits, else quick replies."""
        if len(buttons) <= TEMPLATE_BUTTON_LIMIT and len(text) <= TEMPLATE_TEXT_LIMIT:
            postbacks = [{"type": "postback", "title": b["title"], "payload": b["payload"]} for b in buttons]
            await self._post(recipient_id, {"attachment": {"type": "template", "payload": {
                "template_type": "button", "text": text, "buttons": postbacks}}})
        else:
            replies = [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]
            await self._post(recipient_id, {"text": text, "quick_replies": replies})


def messaging_events(payload: Any) -> Iterator[dict[str, Any]]:
    """Every messaging event of a webhook call: Facebook batches several."""
    if isinstance(payload, dict) and payload.get("object") == "page":
        for entry in as_list(payload.get("entry")):
            yield from (event for event in as_list(as_dict(entry).get("messaging")) if isinstance(event, dict))


class VerifiedFacebookInput(VerifiedInput, FacebookInput):
    """Messenger webhook at /webhooks/facebook/webhook (GET for the verify token, POST for messages)."""

    credential_names = ("verify", "secret", "page-access-token")

    def __init__(self, fb_verify: str, fb_secret: str, fb_access_token: str, key: bytes,
                 api_base: str | None = None) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.key, self.api_base = key, api_base

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        output = PrivateMessengerOutput(self.fb_access_token, self.api_base)
        webhook = self.webhook_blueprint()

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if request.args.get("hub.mode") == "subscribe" and same_secret(
                    request.args.get("hub.verify_token"), self.fb_verify):
                return response.text(request.args.get("hub.challenge") or "")
            return self.refuse("Refused a Messenger webhook verification with the wrong verify token.")

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not facebook_ok(self.fb_secret, request.body, request.headers.get(SIGNATURE_HEADER)):
                return self.refuse("Refused a Messenger webhook call without a valid X-Hub-Signature-256.")
            for event in messaging_events(request.json):
                await self.handle(event, output, on_new_message)
            return response.text("success")

        return webhook

    async def handle(self, event: dict[str, Any], output: PrivateMessengerOutput,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """A text, quick reply, button postback or attachment; echoes, reads and deliveries are ignored."""
        sender = as_dict(event.get("sender")).get("id")
        message = as_dict(event.get("message"))
        if not sender or message.get("is_echo"):
            return
        event_id = message.get("mid") or as_dict(event.get("postback")).get("mid")
        if not REPLAYS.first_time(self.name(), event_id or f"{sender}:{event.get('timestamp')}"):
            return
        if isinstance(event.get("postback"), dict):
            text, has_media = as_text(event["postback"].get("payload")), False
        else:
            text = as_text(as_dict(message.get("quick_reply")).get("payload")) or as_text(message.get("text"))
            # "fallback" is the preview Messenger attaches to a link someone typed, not a file.
            has_media = any(as_dict(a).get("type") != "fallback" for a in as_list(message.get("attachments")))
        if text or has_media:
            await receive(on_new_message, output, self.key, str(sender), text, has_media)
