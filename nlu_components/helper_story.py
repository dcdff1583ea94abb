"""A helper who says who they are is telling the story: the situation and the core steps, written for them.

"My son is 15 and someone is blackmailing him. I'm his mum, what do I do?" reads
as helping_someone, whose reply is one text for any helper, or it splits the
classifier and gets buttons. Once the message says who is writing (a parent, a
relative, a friend, a teacher), the situation and the core steps have a version
for each of them (domain.in/advice.yml), with the age routes and the checklist.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.context import FAMILY, FRIEND, PARENT, PROFESSIONAL
from nlu_components.base import RuleComponent, answer_as
from nlu_components.details import ABOUT_WHAT_HAPPENED

STORY = "describe_situation"
HELPERS = {PARENT, FAMILY, FRIEND, PROFESSIONAL}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class HelperStory(RuleComponent):
    def process_message(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        if intent.get("name") not in ("helping_someone", "nlu_fallback"):
            return
        roles = {e.get("value") for e in message.get(ENTITIES, []) if e.get("entity") == "role"}
        if not roles & HELPERS or not ABOUT_WHAT_HAPPENED.search(message.get(TEXT) or ""):
            return
        confidence = intent.get("confidence") if intent.get("name") == "helping_someone" else 1.0
        answer_as(message, STORY, confidence, instead_of=intent.get("name"))
