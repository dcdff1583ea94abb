"""What the three connectors' input channels share, around the platform-specific webhook.

A connector mixes `VerifiedInput` in before Rasa's stock one
(`class VerifiedTelegramInput(VerifiedInput, TelegramInput)`) and gets: its
construction from credentials.yml (refusing to start without a setting or the
sender id key), no output channel outside a request, the webhook blueprint with
the stock health route, and the 403 answer for a call that fails verification.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.conversation import settings
from channels.edge import preload
from channels.privacy import sender_key


def as_dict(value: Any) -> dict[str, Any]:
    """A field of a platform's JSON that should be an object; anything else reads as empty.

    A signed call is the platform's, but its shape is not checked by the
    signature: a field of the wrong type must be ignored, never answered with a 500.
    """
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class VerifiedInput(InputChannel):
    """The shared half of a verified connector; the platform's half is its `blueprint` and `handle`."""

    # The credentials.yml settings the constructor takes first, in its order; then the sender id key
    # and the optional API base (`api_base`, for the tests' local fake of the platform).
    credential_names: tuple[str, ...] = ()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        found = settings(credentials, cls.credential_names, cls.name())
        return cls(*(found[name] for name in cls.credential_names), sender_key(found["sender_id_key"]),
                   found.get("api_base"))

    def get_output_channel(self) -> None:
        """None: without a request there is no real id to send to; replies go through that request's PrivateOutput."""
        return None

    def webhook_blueprint(self) -> Blueprint:
        """The channel's blueprint, with GET / answering {"status": "ok"} as the stock connectors do."""
        preload()
        webhook = Blueprint(f"verified_{self.name()}_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return webhook

    def refuse(self, why: str) -> HTTPResponse:
        """403 for a call that failed verification, logged (why, never who) by the connector's module."""
        logging.getLogger(type(self).__module__).warning(why)
        return response.text("forbidden", status=403)
