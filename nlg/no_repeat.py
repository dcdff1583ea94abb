"""Responses in order: the full answer first, a shorter one when it is asked again.

Rasa picks a response variation at random, so a person who asks twice can
read the same paragraph twice, or a different one by chance. Here the
variations that fit the person (same channel and slot conditions, in the
order the domain lists them) are tried in turn, and the first one not yet
said in this session is sent: the domain lists the full answer first and
shorter ones after it. When every one has been said, the full answer comes
again: a reply that only pointed back to an earlier one would leave someone
who asks again without the answer (a pointer was tried, and lost content that
people need: docs/nlu-evaluation.md). An answer that opens "Yes," or "No."
loses that word after a message that asks nothing.

endpoints.yml selects this generator (`nlg: type: nlg.no_repeat.NoRepeatResponses`);
it runs inside the Rasa server, so it works when the action server is down.
"""
from __future__ import annotations

import copy
from typing import Any

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from knowledge.countries import answer_country_offer
from knowledge.message_kind import asks
from knowledge.police import answer_force_offer
from knowledge.reply_fitting import answer_for, fit_reply, without_answer_word, without_crisis_signpost
from knowledge.safety import CRISIS, DANGER, detect_risk, is_light, urgent_risk, writer_in_distress
from knowledge.transcript import said_since_session_start
from nlg.action_results import install as install_action_result_check

# While the person at risk is someone else, replies written for the writer's own risk become what to do for them.
_WHAT_TO_DO_FOR_THEM = {"utter_crisis": "utter_still_there_for_them", "utter_danger": "utter_still_there_for_them",
                        "utter_ask_safe": "utter_ask_helper_ok", "utter_still_here": "utter_still_here_for_them",
                        "utter_stay_with_me": "utter_still_here_for_them"}
_OPENER = 25  # "Thank you for looking out": the first words of every variation of utter_crisis_someone_else


def said_this_session(tracker: DialogueStateTracker) -> set[str]:
    """The texts the assistant has sent since the conversation's session began."""
    return said_since_session_start((event.type_name, getattr(event, "text", None)) for event in tracker.events)


class NoRepeatResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain else {})
        # The Rasa server builds this generator from endpoints.yml at start-up, so this is where its
        # custom actions' results get the check compiled once (nlg/action_results.py).
        install_action_result_check()

    def variations(self, name: str, slots: dict[str, Any], channel: str, **kwargs: Any) -> list[dict[str, Any]]:
        """Every variation that fits, filled in and fitted to the person (knowledge/reply_fitting.py), in order.

        An offer to look up the local force is answered with its contacts when the force is known, and "can I
        get my money back?" with the answer for how they paid.
        """
        name = answer_for(name, slots)
        if name not in self.responses:
            return []
        fitting = ResponseVariationFilter(self.responses).responses_for_utter_action(name, channel, slots)
        filled = [fit_reply(self._fill_response(copy.deepcopy(v), slots, **kwargs), slots, name) for v in fitting]
        force_id, contacts = slots.get("police_force"), self.responses.get("utter_force_contacts")
        if force_id and contacts and name != "utter_force_contacts":
            for response in filled:
                if response.get("text"):
                    response["text"] = answer_force_offer(response["text"], force_id, contacts[0]["text"])
        return filled

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        slots = tracker.current_slot_values()
        if utter_action == "utter_glad_safe" and self._told_to_go_to_hospital(tracker, slots, output_channel):
            utter_action = "utter_glad_safe_still_go"
        elif utter_action in _WHAT_TO_DO_FOR_THEM and self._still_their_risk(tracker, slots, output_channel):
            utter_action = _WHAT_TO_DO_FOR_THEM[utter_action]
        candidates = self.variations(utter_action, slots, output_channel, **kwargs)
        if not candidates:
            return None
        said = said_this_session(tracker)
        country_known = bool(slots.get("country")) and utter_action != "utter_country_contacts"

        def as_sent(candidate: dict[str, Any], earlier: set[str]) -> str | None:
            text = candidate.get("text")
            return self._with_country_help(text, slots, output_channel, earlier) if text and country_known else text

        latest = tracker.latest_message.text or ""

        def unsaid(candidate: dict[str, Any]) -> bool:
            text = as_sent(candidate, set())
            return text not in said and (not text or without_answer_word(text) not in said)

        # Judged by the text as it would first be sent, the country's help filled in: that is what was said.
        chosen = dict(next((c for c in candidates if unsaid(c)), candidates[0]))
        if chosen.get("text"):
            chosen["text"] = as_sent(chosen, said)
            if latest and not asks(latest):
                chosen["text"] = without_answer_word(chosen["text"])
            if utter_action == "utter_crisis":
                chosen["text"] = self._with_what_to_do_first(chosen["text"], latest, slots, output_channel, **kwargs)
            without = without_crisis_signpost(chosen["text"])
            # Read the message for risk only when a signpost could go (most replies have none).
            if without != chosen["text"] and is_light(latest):
                chosen["text"] = without
        return chosen

    def _told_to_go_to_hospital(self, tracker: DialogueStateTracker, slots: dict[str, Any], channel: str) -> bool:
        """Whether this session's crisis answer opened with what to do after an overdose (utter_crisis_taken)."""
        opener = next((v["text"] for v in self.variations("utter_crisis_taken", slots, channel) if v.get("text")), None)
        return bool(opener) and any(text.startswith(opener) for text in said_this_session(tracker))

    def _still_their_risk(self, tracker: DialogueStateTracker, slots: dict[str, Any], channel: str) -> bool:
        """Someone else's risk was answered this session, and the latest message says nothing of the writer's own.

        The classifier reads each message alone: "ok i've rung 999, they're on the way" from a mother whose son is
        at risk sounds to it like a crisis, and "do I break the door down" like danger. The safety patterns hear
        the writer's own risk whenever it is said, and a button the writer pressed is their own answer.
        """
        latest = tracker.latest_message.text or ""
        if latest.startswith("/") or detect_risk(latest) in (CRISIS, DANGER) or writer_in_distress(latest):
            return False
        openers = [v["text"][:_OPENER] for v in self.variations("utter_crisis_someone_else", slots, channel)
                   if v.get("text")]
        return any(text.startswith(tuple(openers)) for text in said_this_session(tracker)) if openers else False

    def _with_what_to_do_first(self, text: str, latest: str, slots: dict[str, Any], channel: str, **kwargs: Any) -> str:
        """An overdose taken or a dangerous place: what to do now comes before everything else in the answer."""
        kind = urgent_risk(latest)
        first = self.variations(f"utter_crisis_{kind}", slots, channel, **kwargs) if kind else []
        return f"{first[0]['text']}\n\n{text}" if first and first[0].get("text") else text

    def _with_country_help(self, text: str, slots: dict[str, Any], channel: str, said: set[str]) -> str:
        """An offer to find the help in their country, answered with it when they have said where they are."""
        templates = ResponseVariationFilter(self.responses).responses_for_utter_action(
            "utter_country_contacts", channel, slots)
        given = self.responses.get("utter_country_contacts_given")
        if not templates or not given:
            return text
        return answer_country_offer(text, slots["country"], slots.get("age_group"), templates[0]["text"],
                                    given[0]["text"], said)
