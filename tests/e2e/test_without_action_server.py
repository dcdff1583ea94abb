"""With the action server down or hanging, the answers that protect life still come, and the others
come back as their plain versions from the domain (gateway/actions.py)."""
from __future__ import annotations

import os
import signal
import time
import uuid

import pytest

from knowledge.content import platform
from tests.e2e.conftest import flatten

CORE_STEPS = "Here's what to do now"


@pytest.fixture
def action_server_down(action_server):
    action_server.stop()
    yield
    action_server.start()


@pytest.fixture
def action_server_hanging(action_server):
    """The process is there and accepts connections, but answers nothing (SIGSTOP)."""
    os.kill(action_server.process.pid, signal.SIGSTOP)
    yield
    os.kill(action_server.process.pid, signal.SIGCONT)


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


def test_the_checklist_comes_back_plain_when_the_action_server_is_down(rasa_server, action_server_down) -> None:
    sender = f"down-{uuid.uuid4()}"
    rasa_server.say(sender, "someone on instagram has my pics and wants money")
    reply = flatten(rasa_server.say(sender, "make my checklist"))
    assert CORE_STEPS in reply and "101" in reply and "999" in reply
    assert platform("instagram")["in_app"] in reply  # the app's report button


def test_a_hanging_action_server_costs_seconds_not_minutes(rasa_server, action_server_hanging) -> None:
    sender = f"hang-{uuid.uuid4()}"
    start = time.monotonic()
    reply = flatten(rasa_server.say(sender, "can I have my checklist"))
    waited = time.monotonic() - start
    assert CORE_STEPS in reply
    assert waited < 10, f"{waited:.1f} s"  # the gateway's limit is 3 s; Rasa alone waited 300
    crisis = flatten(rasa_server.say(sender, "I want to kill myself"))
    assert "116 123" in crisis
