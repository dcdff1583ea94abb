"""What every custom action of this assistant does: answer with replies from the domain, and remember."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.domain import local_domain
from actions.replies import AGAIN
from knowledge.transcript import said_since_session_start

Messages = list[dict[str, Any]]
Events = list[dict[str, Any]]


class ReplyAction(Action):
    """Subclasses say what to answer (`answer`), as messages rendered by actions.replies, and which slots change."""

    action_name = ""

    def name(self) -> str:
        return self.action_name

    def answer(self, tracker: Tracker, domain: dict[str, Any]) -> tuple[Messages, Events]:
        raise NotImplementedError

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # Rasa sends no domain (selective domain, endpoints.yml): the one read at start-up.
        messages, events = self.answer(tracker, domain or local_domain())
        said = said_since_session_start((event.get("event"), event.get("text")) for event in tracker.events)
        for message in messages:
            dispatcher.utter_message(**not_said_yet(message, said))
        return events


def not_said_yet(message: dict[str, Any], said: set[str]) -> dict[str, Any]:
    """The message, or the first of its other variations not yet said this session; the full one when all were."""
    again = message.pop(AGAIN, [])
    return next((m for m in (message, *again) if m.get("text") not in said), message)
