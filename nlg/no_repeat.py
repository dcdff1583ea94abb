"""Responses that are never given twice word for word in one conversation.

Rasa picks a response variation at random, so a person who asks twice can
read the same paragraph twice, or a different one by chance. Here the
variations that fit the person (same channel and slot conditions, in the
order the domain lists them) are tried in turn, and the first one not yet
said in this session is sent: the domain lists the full answer first and
shorter ones after it. When every one has been said, a paragraph of advice
is replaced by `utter_said_before`, which points back to it; a short reply
(a question, a greeting) is simply said again.

The answers that protect life are never replaced by a pointer
(NEVER_POINTED_BACK): once every version has been said, the first is said again.

endpoints.yml selects this generator (`nlg: type: nlg.no_repeat.NoRepeatResponses`);
it runs inside the Rasa server, so it works when the action server is down.
"""
from __future__ import annotations

import copy
from typing import Any

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

SAID_BEFORE = "utter_said_before"
# The responses of domain.in/safety.yml (crisis, danger, "are you safe?"), "don't pay",
# and the emergency numbers for someone who cannot read English.
NEVER_POINTED_BACK = ("utter_crisis", "utter_crisis_someone_else", "utter_ask_safe", "utter_glad_safe", "utter_danger",
                  "utter_dont_pay", "utter_other_language")
# Longer than this is a paragraph of advice; shorter replies may be said again.
PARAGRAPH = 160


def said_this_session(tracker: DialogueStateTracker) -> set[str]:
    """The texts the assistant has sent since the conversation's session began."""
    said = set()
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, BotUttered) and event.text:
            said.add(event.text)
    return said


class NoRepeatResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain else {})

    def variations(self, name: str, slots: dict[str, Any], channel: str, **kwargs: Any) -> list[dict[str, Any]]:
        """Every variation that fits, filled in, in the domain's order."""
        if name not in self.responses:
            return []
        fitting = ResponseVariationFilter(self.responses).responses_for_utter_action(name, channel, slots)
        return [self._fill_response(copy.deepcopy(v), slots, **kwargs) for v in fitting]

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        slots = tracker.current_slot_values()
        candidates = self.variations(utter_action, slots, output_channel, **kwargs)
        if not candidates:
            return None
        said = said_this_session(tracker)
        fresh = next((c for c in candidates if c.get("text") not in said), None)
        if fresh is not None:
            return fresh
        pointers = self.variations(SAID_BEFORE, slots, output_channel, **kwargs)
        if utter_action in NEVER_POINTED_BACK or len(candidates[0].get("text") or "") <= PARAGRAPH or not pointers:
            return candidates[0]
        return next((p for p in pointers if p.get("text") not in said), pointers[0])
