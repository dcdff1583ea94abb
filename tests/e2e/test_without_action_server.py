"""With the action server down, the answers that protect life still come."""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.conftest import flatten


@pytest.fixture
def action_server_down(action_server):
    action_server.stop()
    yield
    action_server.start()


@pytest.mark.parametrize("message,expected", [
    ("I want to kill myself", ["116 123", "999", "85258"]),
    ("they said they're outside my house right now", ["999", "55"]),
    ("should I pay them the money", ["Don't pay"]),
    ("I'm so ashamed of myself", ["not your fault"]),
])
def test_safety_answers_without_the_action_server(rasa_server, action_server_down, message, expected) -> None:
    reply = flatten(rasa_server.say(f"down-{uuid.uuid4()}", message))
    for text in expected:
        assert text in reply
