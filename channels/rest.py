"""The REST channel the website chat uses, hardened: `/webhooks/rest/webhook`, as Rasa's own.

Differences from Rasa's RestInput: the body must be a JSON object with a
printable sender id and a text message, else 400 (Rasa answers 500, or files
the message under a shared "default" conversation); the sender id is stored as
a keyed hash, like the messaging apps' ids; client metadata and the
`input_channel` field are ignored; no streaming; a failure is logged without
the message; and every message goes through channels.edge (commands, length,
rate), with a per-address limit on top.
"""
from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.edge import MAX_MESSAGE_CHARS, RateLimit, domain_text, guarded, valid_sender
from channels.privacy import hash_sender, sender_key

logger = logging.getLogger(__name__)

# The largest body read at all (Sanic's default is 100 MB). Up to it, a long
# message gets the kind reply; beyond it, 413.
MAX_BODY_BYTES = 256 * 1024
KEY_FILE = Path("var/sender-id.key")
# Many people can share one address (a school, a mobile network's NAT).
PER_ADDRESS = RateLimit(per_minute=float(os.environ.get("ADDRESS_RATE_PER_MINUTE") or 120), burst=60)


def local_key(path: Path = KEY_FILE) -> str:
    """A random key made once and kept beside the conversations, readable by this user only."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


async def no_version_banner(request: Request) -> HTTPResponse | None:
    """Rasa's `GET /` says "Hello from Rasa: 3.6.21": an attacker's first question answered."""
    if request.path == "/":
        return response.json({"status": "ok"})
    return None


def bad_request(why: str) -> HTTPResponse:
    return response.json({"error": why}, status=400)


class GuardedRestInput(RestInput):
    """Rasa's REST channel behind the edge checks, its sender ids hashed with SENDER_ID_KEY (or var/'s key)."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The key is SENDER_ID_KEY, as for the messaging apps; without it, one kept in var/ (a laptop)."""
        try:
            return cls(sender_key(os.environ.get("SENDER_ID_KEY") or local_key()))
        except ValueError as error:
            raise RasaException(f"The REST channel: {error}") from None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.listener("before_server_start")
        async def harden(app: Sanic, _loop: Any) -> None:
            """For the whole server: no body over MAX_BODY_BYTES, and `GET /` without Rasa's version."""
            app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
            app.register_middleware(no_version_banner, "request")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.load_json()
            except Exception:  # Sanic raises its own 400 type; the body may be anything
                return bad_request("The body must be JSON.")
            if not isinstance(body, dict):
                return bad_request("The body must be a JSON object.")
            sender, text = body.get("sender"), body.get("message")
            if not valid_sender(sender):
                return bad_request("'sender' must be a printable conversation id of at most 128 characters.")
            if not isinstance(text, str) or not text.strip():
                return bad_request("'message' must be a non-empty string.")
            hashed = hash_sender(self.name(), sender, self.key)
            if not PER_ADDRESS.allow(request.remote_addr or request.ip):
                logger.warning("A REST address was sent the slow-down reply.")
                return response.json([{"recipient_id": hashed, "text": domain_text("utter_slow_down")}],
                                     status=429)
            collector = CollectingOutputChannel()
            try:
                await handle(UserMessage(text[:MAX_MESSAGE_CHARS * 4], collector, hashed,
                                         input_channel=self.name()))
            except Exception as error:  # the message may hold anything: log the type only
                logger.error("A REST message could not be handled (%s).", type(error).__name__)
                return response.json({"error": "The message could not be handled."}, status=500)
            return response.json(collector.messages)

        return webhook
