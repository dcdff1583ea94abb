"""channels.replay: a webhook call already answered is recognised (no server)."""
from __future__ import annotations

from channels.replay import SeenIds


def test_the_same_id_is_answered_once_per_channel() -> None:
    seen = SeenIds()
    assert seen.first_time("telegram", 42)
    assert not seen.first_time("telegram", 42)
    assert seen.first_time("twilio", 42)


def test_calls_without_an_id_are_never_taken_for_replays() -> None:
    seen = SeenIds()
    assert seen.first_time("telegram", None) and seen.first_time("telegram", None)


def test_ids_are_forgotten_after_the_ttl_and_memory_is_bounded() -> None:
    now = [0.0]
    seen = SeenIds(max_entries=3, ttl=10, clock=lambda: now[0])
    assert seen.first_time("t", "a")
    now[0] = 11
    assert seen.first_time("t", "a")
    for n in range(10):
        seen.first_time("t", n)
    assert len(seen._seen) == 3
