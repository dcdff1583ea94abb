"""A Rasa server killed mid-conversation: a new one on the same conversation store carries on where it stopped.

Why: `make run`'s supervisor restarts Rasa when it dies, and a person in the middle of
telling their story must not have to start again. The conversation store (SQLite here,
as in endpoints.yml) holds every turn, so the slots come back with the tracker.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from tests.e2e.conftest import UNRENDERED, flatten
from tools.local_servers import ActionServer, RasaServer


def say(server: RasaServer, sender: str, text: str) -> str:
    reply = flatten(server.say(sender, text))
    assert reply.strip() and not UNRENDERED.search(reply), f"the reply to {text!r}: {reply}"
    return reply


def test_a_conversation_survives_a_killed_rasa_server(action_server: ActionServer, tmp_path: Path) -> None:
    sender = f"restart-{uuid.uuid4()}"
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
    first = RasaServer(tmp_path / "first", action_server.url)
    with first:
        reply = say(first, sender, "I'm 15 and I live in Leeds")
        assert "West Yorkshire" in reply, reply
        assert first.process is not None
        first.process.kill()  # SIGKILL: no chance to save anything on the way out
        first.process.wait()

    with RasaServer(tmp_path / "second", action_server.url, db=first.db) as second:
        reply = say(second, sender, "who do I report to?")
    assert "West Yorkshire Police" in reply and "101" in reply, reply  # the place was remembered
    assert "CEOP" in reply or "Childline" in reply, reply  # and the age: the under-18 routes
    assert "18 or over" not in reply and "town" not in reply, reply  # not asked again, no adult route
