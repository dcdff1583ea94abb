"""Session fixtures: one action server and one Rasa server, shared by the end-to-end tests."""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tools.local_servers import MODEL, ActionServer, RasaServer

Chat = Callable[[str], str]


@pytest.fixture(scope="session")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make e2e does it for you)")
    with ActionServer(tmp_path_factory.mktemp("servers")) as server:
        yield server


@pytest.fixture(scope="session")
def rasa_server(action_server: ActionServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RasaServer]:
    with RasaServer(tmp_path_factory.mktemp("rasa"), action_server.url) as server:
        yield server


# A content reference or a {field} left unfilled: never to reach a person ({{...}} is a JSON payload's brace).
UNRENDERED = re.compile(r"\[\[|\]\]|(?<!\{)\{[a-z_]+\}(?!\})")


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
        assert not UNRENDERED.search(reply), f"unrendered placeholder in the reply to {text!r}: {reply}"
        return reply

    say.sender = sender  # type: ignore[attr-defined]
    return say
