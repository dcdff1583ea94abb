"""action_build_checklist: the personalised reporting checklist."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import inform_button
from knowledge.checklist import build_checklist
from knowledge.platforms import platform_choices
from knowledge.situation import ADULT, UNDER_18, Situation

TITLE = "Your checklist"


def next_question(situation: Situation) -> tuple[str, list[dict[str, str]]] | None:
    """The one missing detail that would change the checklist most, as a question."""
    if not situation.age_group:
        return (
            "Are you under 18? The services that can help are different.",
            [
                inform_button("I'm under 18", "age_group", UNDER_18),
                inform_button("I'm 18 or over", "age_group", ADULT),
            ],
        )
    if not situation.force_id:
        return ("Which town are you in, or the first half of your postcode? I'll add your local police's links.", [])
    if not situation.platform_id:
        return (
            "Which app did it happen on? I'll add its reporting page.",
            [inform_button(name, "platform", pid) for pid, name in platform_choices()],
        )
    return None


class ActionBuildChecklist(Action):
    def name(self) -> str:
        return "action_build_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        situation = Situation.from_slots(tracker.current_slot_values())
        steps = build_checklist(situation)
        text = f"{TITLE}:\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
        dispatcher.utter_message(text=text, json_message={"checklist": {"title": TITLE, "steps": steps}})
        question = next_question(situation)
        if question:
            dispatcher.utter_message(text=question[0], buttons=question[1])
        return []
