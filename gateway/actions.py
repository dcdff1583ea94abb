"""Rasa's way to the action servers: an answer within ACTION_TIMEOUT seconds, whatever they do.

    python -m gateway.actions        # on ACTION_GATEWAY_PORT (5055), to ACTION_UPSTREAM_URLS

Rasa waits up to five minutes for a custom action and, when one fails, sends
nothing at all: the checklist or the police answer simply never comes, and
the person's next message (a crisis, perhaps) waits behind it. Rasa's
action_endpoint points here instead. This forwards each call to an action
server (round robin over ACTION_UPSTREAM_URLS, the next one when one cannot
be reached) and, if none has answered well within the time, answers for
them with the plain version from the domain: the core steps (101 and 999,
or the local emergency number abroad) and, when the app is known, how to
report on it. Failures are logged with the action's name and the error's
type only: the request carries the whole conversation.

Every call must carry the shared secret (ACTION_SERVER_TOKEN) as a bearer
token, and is passed on with it: the action servers check it too
(actions/server.py).
"""
from __future__ import annotations

import asyncio
import hmac
import itertools
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

import aiohttp
from aiohttp import web

from knowledge.content import platform
from knowledge.platforms import UNKNOWN, known_platform
from tools.privacy_logging import install as install_log_redaction

logger = logging.getLogger("gateway.actions")

DEFAULT_TIMEOUT = 3.0
MIN_TOKEN_LENGTH = 32
# Rasa sends the whole domain with every call (about half a megabyte) and the conversation so far.
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def platform_named(tracker: dict[str, Any]) -> str | None:
    """The app the conversation is about: the slot, or (the actions that set it being down) the last one named."""
    platform_id = (tracker.get("slots") or {}).get("platform")
    if isinstance(platform_id, str):
        return platform_id
    for event in reversed(tracker.get("events") or []):
        entities = (event.get("parse_data") or {}).get("entities") or [] if event.get("event") == "user" else []
        named = [e.get("value") for e in entities if e.get("entity") == "platform" and isinstance(e.get("value"), str)]
        if named:
            return named[-1]
    return None


def plain_answer(request: dict[str, Any]) -> dict[str, Any]:
    """What the person gets instead of a custom action's answer: replies from the domain only, no events."""
    responses: list[dict[str, Any]] = [{"response": "utter_core_steps"}]
    platform_id = platform_named(request.get("tracker") or {})
    if platform_id:
        in_app = platform(platform_id if known_platform(platform_id) else UNKNOWN)["in_app"]
        responses.append({"response": "utter_platform_unknown", "platform_in_app": in_app})
    return {"events": [], "responses": responses}


def authorised(header: str | None, token: str) -> bool:
    return hmac.compare_digest((header or "").encode(), f"Bearer {token}".encode())


class Gateway:
    """The forwarding and the fallback, with the upstreams and the time limit it was given."""

    def __init__(self, upstreams: Sequence[str], token: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.upstreams, self.token, self.timeout = list(upstreams), token, timeout
        self._turns = itertools.cycle(range(len(self.upstreams)))
        self._session: aiohttp.ClientSession | None = None

    async def session(self) -> aiohttp.ClientSession:
        """One connection pool for every call (Rasa opens a new one per call)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self, _app: web.Application | None = None) -> None:
        if self._session is not None:
            await self._session.close()

    async def forward(self, body: bytes) -> tuple[int, bytes] | None:
        """The first upstream answer that is a result (200) or a rejection Rasa understands (400), else None."""
        session = await self.session()
        start = next(self._turns)
        order = [self.upstreams[(start + n) % len(self.upstreams)] for n in range(len(self.upstreams))]
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for url in order:
            try:
                async with session.post(url, data=body, headers=headers) as reply:
                    if reply.status in (200, 400):
                        return reply.status, await reply.read()
                    logger.error("An action server answered %s.", reply.status)
                    return None
            except aiohttp.ClientConnectionError as error:
                logger.error("An action server could not be reached (%s).", type(error).__name__)
        return None

    async def handle(self, request: web.Request) -> web.Response:
        if not authorised(request.headers.get("Authorization"), self.token):
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.read()
        try:
            answer = await asyncio.wait_for(self.forward(body), self.timeout)
        except asyncio.TimeoutError:
            answer = None
            logger.error("No action server answered within %.1f s.", self.timeout)
        if answer is not None:
            status, content = answer
            return web.Response(body=content, status=status, content_type="application/json")
        # Read only now: a good answer is passed on without parsing half a megabyte.
        try:
            call = json.loads(body)
        except ValueError:
            return web.json_response({"error": "The body must be JSON."}, status=400)
        call = call if isinstance(call, dict) else {}
        logger.error("Sent the plain answer for %s.", call.get("next_action"))
        return web.json_response(plain_answer(call))

    def app(self) -> web.Application:
        application = web.Application(client_max_size=MAX_REQUEST_BYTES)
        application.router.add_post("/webhook", self.handle)
        application.router.add_get("/health", lambda _: web.json_response({"status": "ok"}))
        application.on_cleanup.append(self.close)
        return application


def from_environment(environ: dict[str, str]) -> Gateway:
    token = environ.get("ACTION_SERVER_TOKEN") or ""
    if len(token) < MIN_TOKEN_LENGTH:
        raise SystemExit(f"ACTION_SERVER_TOKEN must be set to at least {MIN_TOKEN_LENGTH} random characters.")
    upstreams = (environ.get("ACTION_UPSTREAM_URLS") or "http://127.0.0.1:5056/webhook").split(",")
    return Gateway([url.strip() for url in upstreams if url.strip()], token,
                   float(environ.get("ACTION_TIMEOUT") or DEFAULT_TIMEOUT))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_log_redaction()
    gateway = from_environment(dict(os.environ))
    host = os.environ.get("ACTION_GATEWAY_HOST") or "127.0.0.1"
    port = int(os.environ.get("ACTION_GATEWAY_PORT") or 5055)
    web.run_app(gateway.app(), host=host, port=port, print=lambda *_: None, access_log=None)


if __name__ == "__main__":
    sys.exit(main())
