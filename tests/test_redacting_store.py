"""stores/redacting.py: what reaches the database of a RedactingSQLTrackerStore, and that Rasa loads it by name."""
from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from stores.redacting import RedactingSQLTrackerStore

SENDER = "redacted-conversation"
# What must not reach the database, in any column of any row.
SECRETS = ["sam.k@example.co.uk", "example.co.uk", "07700 900123", "07700900123", "900123", "6 2QT", "2QT",
           "bit.ly", "3xYz", "Sam Kay", "@samk_tg"]

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [share_contact, inform]
entities: [email, location]
slots:
  location:
    type: text
    mappings:
    - type: from_entity
      entity: location
responses:
  utter_ok:
  - text: "Thank you."
session_config:
  session_expiration_time: 60
  carry_over_slots_to_new_session: false
""")


def user_message(text: str, intent: str, entities: list[dict[str, Any]]) -> UserUttered:
    """A message as Rasa's processor logs it: text, tokens and entities in parse_data, and the channel's metadata."""
    offsets = [[0, len(word)] for word in text.split()]
    channel = {"from": "+447700900123", "name": "Sam Kay", "username": "@samk_tg"}
    return UserUttered(
        text,
        {"name": intent, "confidence": 0.9},
        entities,
        {"text": text, "text_tokens": offsets, "intent_ranking": [{"name": intent, "confidence": 0.9}],
         "metadata": channel},
        input_channel="telegram",
        metadata={**channel, "model_id": "model-1", "assistant_id": "sextortion-help"},
    )


def entity(name: str, value: str, text: str) -> dict[str, Any]:
    start = text.index(value)
    return {"entity": name, "value": value, "start": start, "end": start + len(value), "extractor": "test"}


CONTACT = "email me at sam.k@example.co.uk or call 07700 900123"
PLACE = "I live in LS6 2QT and he sent me https://bit.ly/3xYz"


def conversation() -> list[Event]:
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        user_message(CONTACT, "share_contact", [entity("email", "sam.k@example.co.uk", CONTACT)]),
        ActionExecuted("utter_ok"),
        BotUttered("Thank you."),
        ActionExecuted("action_listen"),
        user_message(PLACE, "inform", [entity("location", "LS6 2QT", PLACE)]),
        SlotSet("location", "LS6"),
        ActionExecuted("utter_ok"),
        BotUttered("Thank you."),
        ActionExecuted("action_listen"),
    ]


def store_in(path: Path, event_broker: EventBroker | None = None) -> RedactingSQLTrackerStore:
    return RedactingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path), event_broker=event_broker)


def rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def saved(path: Path, event_broker: EventBroker | None = None) -> list[tuple[Any, ...]]:
    tracker = DialogueStateTracker.from_events(SENDER, conversation(), DOMAIN.slots)
    asyncio.run(store_in(path, event_broker).save(tracker))
    return rows(path)


def test_no_row_holds_the_email_number_postcode_or_link(tmp_path: Path) -> None:
    stored = "\n".join(str(column) for row in saved(tmp_path / "store.db") for column in row)
    for secret in SECRETS:
        assert secret not in stored
    assert "text_tokens" not in stored


def test_the_outward_code_intents_and_slots_are_stored(tmp_path: Path) -> None:
    stored = saved(tmp_path / "store.db")
    assert [row[3] for row in stored if row[1] == "user"] == ["share_contact", "inform"]
    assert any(row[1] == "slot" and '"LS6"' in row[5] for row in stored)
    assert any("I live in LS6 and he sent me [link]" in row[5] for row in stored)
    assert any("email me at [email] or call [number]" in row[5] for row in stored)
    assert any('"model_id": "model-1"' in row[5] for row in stored)


def test_retrieve_gives_a_working_tracker(tmp_path: Path) -> None:
    saved(tmp_path / "store.db")
    tracker = asyncio.run(store_in(tmp_path / "store.db").retrieve(SENDER))
    assert tracker is not None
    assert tracker.get_slot("location") == "LS6"
    assert tracker.latest_message.intent_name == "inform"
    assert tracker.latest_message.text == "I live in LS6 and he sent me [link]"
    assert tracker.latest_message.entities[0]["value"] == "LS6"
    assert tracker.latest_message.metadata == {"model_id": "model-1", "assistant_id": "sextortion-help"}
    assert tracker.latest_action_name == "action_listen"


def test_the_next_turn_appends_and_leaves_earlier_rows_alone(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    first = saved(path)
    store = store_in(path)
    tracker = asyncio.run(store.retrieve(SENDER))
    tracker.update(user_message("his other number is +44 7700 900456", "share_contact", []))
    asyncio.run(store.save(tracker))
    second = rows(path)
    assert second[: len(first)] == first
    assert len(second) == len(first) + 1
    assert "his other number is [number]" in second[-1][5]


def test_the_saved_tracker_is_redacted_in_place(tmp_path: Path) -> None:
    """The documented choice: the tracker Rasa hands over is the one redacted (it is not used after the save)."""
    tracker = DialogueStateTracker.from_events(SENDER, conversation(), DOMAIN.slots)
    asyncio.run(store_in(tmp_path / "store.db").save(tracker))
    assert tracker.latest_message.text == "I live in LS6 and he sent me [link]"
    assert tracker.latest_message.parse_data["text"] == "I live in LS6 and he sent me [link]"


class CollectingBroker(EventBroker):
    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(self, event: dict[str, Any]) -> None:
        self.published.append(event)


def test_an_event_broker_gets_the_redacted_events(tmp_path: Path) -> None:
    broker = CollectingBroker()
    saved(tmp_path / "store.db", broker)
    published = str(broker.published)
    assert "I live in LS6 and he sent me [link]" in published
    for secret in SECRETS:
        assert secret not in published


def test_rasa_loads_it_from_the_endpoints_config(tmp_path: Path) -> None:
    """As `rasa run` does with endpoints.yml; a class it cannot import, it replaces with memory and a mere warning."""
    broker = CollectingBroker()
    config = EndpointConfig(type="stores.redacting.RedactingSQLTrackerStore", dialect="sqlite",
                            db=str(tmp_path / "x.db"))
    store = TrackerStore.create(config, DOMAIN, broker)
    assert isinstance(store, RedactingSQLTrackerStore)
    assert store.domain is DOMAIN
    assert store.event_broker is broker
    assert (tmp_path / "x.db").exists()
