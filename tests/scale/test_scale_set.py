"""Two Rasa instances and two action servers sharing PostgreSQL and a Redis lock store (tools/scale_set.py).

Fifty conversations, each told a different app, town and age, send their turns
to the two instances in turn, ten conversations at a time. Each conversation's
checklist must hold its own facts and no other's, and the store must hold each
turn once, in order. Then the two turns of one conversation sent to both
instances at the same moment must be answered one after the other (the lock
store), and a conversation through nginx must go on when the instance it used stops.
"""
from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from channels.privacy import hash_sender
from stores.redis_lock import AtomicRedisLockStore
from tools.local_servers import MODEL, SENDER_ID_KEY, post_json, running
from tools.scale_set import ScaleSet

TOWNS = {"Leeds": "West Yorkshire Police", "Manchester": "Greater Manchester Police", "Cardiff": "South Wales Police",
         "Glasgow": "Police Scotland", "Bristol": "Avon and Somerset Police"}
APPS = {"snapchat": "Snapchat", "instagram": "Instagram", "tiktok": "TikTok", "discord": "Discord",
        "facebook": "Facebook"}
AGES = {"I'm 15": True, "I'm 34": False}  # under 18?


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaleSet]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make scale-test does it for you)")
    scale_set = ScaleSet(tmp_path_factory.mktemp("scale"))
    with running(*scale_set.servers()):
        yield scale_set


def say(url: str, sender: str, text: str) -> str:
    reply = post_json(f"{url}/webhooks/rest/webhook", {"sender": sender, "message": text})
    return "\n".join(message.get("text") or "" for message in reply)


def stored_user_texts(scale: ScaleSet, sender: str) -> list[str]:
    """The user turns PostgreSQL holds for this REST sender, in the order they were stored."""
    hashed = hash_sender("rest", sender, SENDER_ID_KEY.encode())
    connection = scale.postgres.connect("conversations")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT data::json->>'text' FROM events WHERE sender_id = %s AND type_name = 'user' "
                           "ORDER BY id", (hashed,))
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()


def stored_event_names(scale: ScaleSet, sender: str) -> list[str]:
    hashed = hash_sender("rest", sender, SENDER_ID_KEY.encode())
    connection = scale.postgres.connect("conversations")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, action_name FROM events WHERE sender_id = %s ORDER BY id", (hashed,))
            return [action or kind for kind, action in cursor.fetchall()]
    finally:
        connection.close()


def one_conversation(scale: ScaleSet, number: int, facts: tuple[str, str, str]) -> dict[str, Any]:
    town, app, age = facts
    sender = f"scale-{number}-{uuid.uuid4().hex[:8]}"
    turns = [f"someone on {app} is threatening to post my nudes", f"I live in {town}", age, "/request_checklist"]
    replies = [say(scale.rasa[turn % 2].url, sender, text) for turn, text in enumerate(turns)]
    return {"sender": sender, "turns": turns, "checklist": replies[-1], "facts": facts}


def test_fifty_conversations_alternating_between_instances_keep_their_own_facts(scale: ScaleSet) -> None:
    facts = list(itertools.islice(itertools.cycle(itertools.product(TOWNS, APPS, AGES)), 50))
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda pair: one_conversation(scale, *pair), enumerate(facts)))
    assert len({r["sender"] for r in results}) == 50
    for result in results:
        town, app, age = result["facts"]
        checklist = result["checklist"]
        assert checklist.startswith("Your checklist:"), checklist
        assert TOWNS[town] in checklist and APPS[app] in checklist, (result["facts"], checklist)
        others = [name for t, name in TOWNS.items() if t != town] + [name for a, name in APPS.items() if a != app]
        assert not [name for name in others if name in checklist], (result["facts"], checklist)
        assert ("CEOP" in checklist) == AGES[age], (result["facts"], checklist)
        assert stored_user_texts(scale, result["sender"]) == result["turns"]


def test_tickets_issued_at_once_by_two_instances_are_all_different(scale: ScaleSet) -> None:
    from rasa.utils.endpoints import EndpointConfig

    settings = scale.redis.lock_store()
    stores = [AtomicRedisLockStore(EndpointConfig(url=settings["url"], **{k: v for k, v in settings.items()
                                                                       if k not in ("type", "url")}))
              for _ in range(2)]
    conversation = f"race-{uuid.uuid4().hex}"
    with ThreadPoolExecutor(max_workers=16) as pool:
        tickets = list(pool.map(lambda n: stores[n % 2].issue_ticket(conversation), range(200)))
    assert sorted(tickets) == list(range(200))
    for ticket in tickets:
        stores[ticket % 2].cleanup(conversation, ticket)
    assert stores[0].get_lock(conversation) is None


def test_two_turns_at_once_on_two_instances_are_answered_one_after_the_other(scale: ScaleSet) -> None:
    senders = [f"scale-lock-{n}-{uuid.uuid4().hex[:8]}" for n in range(10)]
    for sender in senders:
        say(scale.rasa[0].url, sender, "someone is blackmailing me with my pictures")
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(lambda job: say(*job), [(scale.rasa[n % 2].url, sender, text) for sender in senders
                                              for n, text in enumerate(["I live in Leeds", "I'm 16"])]))
    for sender in senders:
        checklist = say(scale.rasa[1].url, sender, "/request_checklist")
        assert "West Yorkshire Police" in checklist and "CEOP" in checklist, checklist
        texts = stored_user_texts(scale, sender)
        assert sorted(texts[1:3]) == ["I live in Leeds", "I'm 16"] and len(texts) == 4
        # Each turn runs to its end (action_listen) before the next user message is taken.
        names = stored_event_names(scale, sender)
        users = [i for i, name in enumerate(names) if name == "user"]
        assert all(names[i - 1] == "action_listen" for i in users), names


def test_through_nginx_a_conversation_goes_on_when_an_instance_stops(scale: ScaleSet) -> None:
    """Last in this module: it stops the first instance."""
    sender = f"scale-nginx-{uuid.uuid4().hex[:8]}"
    before = ["someone on snapchat wants money or they'll post my pics", "I live in Cardiff", "I'm 34"]
    assert all(say(scale.url, sender, text) for text in before)
    scale.rasa[0].stop()
    after = ["should I pay them?", "/request_checklist"]
    replies = [say(scale.url, sender, text) for text in after]
    assert "pay" in replies[0].lower()
    assert "South Wales Police" in replies[1] and "Snapchat" in replies[1] and "CEOP" not in replies[1]
    assert stored_user_texts(scale, sender) == before + after
