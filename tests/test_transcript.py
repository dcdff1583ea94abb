"""What was already said is counted from the start of the session, in both servers."""
from __future__ import annotations

from knowledge.transcript import said_since_session_start


def test_only_the_bots_texts_since_the_session_began_count() -> None:
    events = [("bot", "old session"), ("session_started", None), ("user", "hi"), ("bot", "Hello"),
              ("bot", None), ("bot", "Don't pay.")]
    assert said_since_session_start(events) == {"Hello", "Don't pay."}
    assert said_since_session_start(iter(events[:1])) == {"old session"}
    assert said_since_session_start([]) == set()
