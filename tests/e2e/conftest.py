"""Session fixtures: one action server and one Rasa server, shared by the end-to-end tests."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.e2e.servers import MODEL, ActionServer, RasaServer

Chat = Callable[[str], str]


@pytest.fixture(scope="session")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make e2e does it for you)")
    server = ActionServer(tmp_path_factory.mktemp("servers"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def rasa_server(action_server: ActionServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RasaServer]:
    server = RasaServer(tmp_path_factory.mktemp("rasa"), action_server.url)
    server.start()
    yield server
    server.stop()


def flatten(messages: list[dict[str, Any]]) -> str:
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(f"[{b['title']}]({b['payload']})" for b in message.get("buttons") or [])
    return "\n".join(parts)


@pytest.fixture
def chat(rasa_server: RasaServer) -> Chat:
    """A new conversation; each call sends one message and returns the bot's whole reply as text."""
    sender = f"e2e-{uuid.uuid4()}"

    def say(text: str) -> str:
        reply = flatten(rasa_server.say(sender, text))
        assert reply.strip(), f"no reply to {text!r}"
        return reply

    say.sender = sender  # type: ignore[attr-defined]
    return say
