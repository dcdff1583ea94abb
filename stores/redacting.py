"""Rasa's SQL tracker store, storing each message with its emails, links, long numbers and full postcodes taken out.

In endpoints.yml, with the same settings as Rasa's SQL store::

    tracker_store:
      type: stores.redacting.RedactingSQLTrackerStore
      dialect: "sqlite"
      db: "var/conversations.db"

Rasa writes each message several times into a `user` event: its text, the text
again in parse_data, the entities' values, the token offsets, and what the
channel sent with it (metadata). Before the events are written, every
UserUttered event gets its text, its parse_data text and its string entity
values redacted (knowledge.redaction), the token offsets (which no longer fit
the text) and the channel's metadata dropped; only Rasa's own model_id and
assistant_id are kept in the metadata, which say which model answered, not who
wrote. Intents, confidences and slots stay as they were.

The events of the tracker being saved are redacted in place, not in a copy,
because that is both correct and cheap:

- Nothing uses the tracker after a save. Every Rasa path that saves one
  (MessageProcessor.handle_message, log_message, execute_action,
  predict_next_for_sender_id, trigger_external_user_uttered, and the HTTP API's
  event endpoints) saves as its last step, at most turning the tracker into the
  HTTP response, which then shows what a later GET would return anyway. The
  next message loads the tracker afresh from the store.
- Everything that needs the full text has had it by then: NLU parsed the
  message, the policies predicted from it, and the action server was sent the
  whole tracker (RemoteAction._action_call_format) while the turn ran.
- Redacting before SQLTrackerStore.save also covers what that save hands on:
  the event broker, if one is configured, and the in-memory store that Rasa's
  FailSafeTrackerStore saves the same tracker to when the database fails. A
  redacted copy would need the whole tracker rebuilt from its events on every
  turn, and that fallback would still get the original.

Every UserUttered of the tracker is passed through each time, not only the new
ones: picking out the new ones takes a database query (SQLTrackerStore does it
inside save), and redacting twice gives what redacting once did, so the older
ones, already redacted when loaded, come out unchanged. The tracker holds the
current session only, which ends after an hour of quiet (domain.yml): tens of
messages, at some 30 microseconds each.

Rows written before this store was in use are left as they were.
"""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.constants import ASSISTANT_ID_KEY
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_VALUE, METADATA, METADATA_MODEL_ID, TEXT, TEXT_TOKENS

from knowledge.redaction import redact

# What Rasa itself adds to every event's metadata: which model and assistant handled it.
KEPT_METADATA = (METADATA_MODEL_ID, ASSISTANT_ID_KEY)


class RedactingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore, constructed the same way, that redacts the people's messages before saving them."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        for event in tracker.events:
            if isinstance(event, UserUttered):
                redact_user_uttered(event)
        await super().save(tracker)


def redact_user_uttered(event: UserUttered) -> None:
    """Redacts every copy of the message's text in the event, in place (new dicts: the old ones may be shared)."""
    event.text = _redacted(event.text)
    event.entities = [_redacted_entity(entity) for entity in event.entities]
    event.metadata = {key: event.metadata[key] for key in KEPT_METADATA if key in event.metadata}
    parse_data: dict[str, Any] = {key: value for key, value in event.parse_data.items() if key != TEXT_TOKENS}
    parse_data[TEXT] = _redacted(parse_data.get(TEXT))
    parse_data[ENTITIES] = [_redacted_entity(entity) for entity in parse_data.get(ENTITIES) or []]
    parse_data[METADATA] = {}
    event.parse_data = parse_data


def _redacted(text: str | None) -> str | None:
    return redact(text) if isinstance(text, str) else text


def _redacted_entity(entity: dict[str, Any]) -> dict[str, Any]:
    value = entity.get(ENTITY_ATTRIBUTE_VALUE)
    return {**entity, ENTITY_ATTRIBUTE_VALUE: redact(value)} if isinstance(value, str) else dict(entity)
