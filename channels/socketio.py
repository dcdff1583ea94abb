"""socket.io, for a client that needs it: off unless SOCKETIO_ORIGINS is set (channels/credentials.py).

Differences from Rasa's SocketIOInput: only the listed origins may connect
(Rasa's allows any origin, websockets included); every message goes through
channels.edge (sender id, commands, length, rate); sessions persist, as the
stock client expects. The website chat uses REST, not this.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint

from channels.edge import guarded


class GuardedSocketIOInput(SocketIOInput):
    """socket.io at /socket.io, for the origins in credentials.yml's `origins` (space-separated)."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        origins = str((credentials or {}).get("origins") or "").split()
        if not origins or any(not origin.startswith(("https://", "http://")) for origin in origins):
            raise RasaException("The socket.io channel needs SOCKETIO_ORIGINS: the web origins allowed "
                                "to connect, such as https://help.example.org (docs/security.md).")
        channel = cls(session_persistence=True)
        channel.origins = origins
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(guarded(on_new_message))
        self.sio.eio.cors_allowed_origins = self.origins  # type: ignore[union-attr]  # set by super()
        return webhook
