"""A helper who says who they are is telling the story: the situation and the core steps, written for them.

"My son is 15 and someone is blackmailing him. I'm his mum, what do I do?" reads
as helping_someone, whose reply is one text for any helper, or it splits the
classifier and gets buttons. Once the message says who is writing (a parent, a
relative, a friend, a teacher), the situation and the core steps have a version
for each of them (domain.in/advice.yml), with the age routes and the checklist.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.context import FAMILY, FRIEND, PARENT, PROFESSIONAL
from knowledge.message_kind import ASKS
from nlu_components.base import RuleComponent, answer_as
from nlu_components.details import ABOUT_WHAT_HAPPENED

STORY = "describe_situation"
# A story the classifier gives at least this, second only to a follow-up topic, is the story when nothing is asked.
CLOSE_SECOND = 0.3
HELPERS = {PARENT, FAMILY, FRIEND, PROFESSIONAL}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class HelperStory(RuleComponent):
    def process_message(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        text = message.get(TEXT) or ""
        topic_first = self._story_read_as_a_topic(message, text)
        if intent.get("name") not in ("helping_someone", "nlu_fallback") and not topic_first:
            return
        roles = {e.get("value") for e in message.get(ENTITIES, []) if e.get("entity") == "role"}
        if not roles & HELPERS or not ABOUT_WHAT_HAPPENED.search(text):
            return
        if topic_first:
            confidence = message.get(INTENT_RANKING_KEY)[1]["confidence"]
        else:
            confidence = intent.get("confidence") if intent.get("name") == "helping_someone" else 1.0
        answer_as(message, STORY, confidence, instead_of=intent.get("name"))

    @staticmethod
    def _story_read_as_a_topic(message: Message, text: str) -> bool:
        """"I run a youth club. One of our lads, 16, has been paying someone...": an account that asks nothing,
        read as a follow-up topic (paying: recovery scams) with the story a close second."""
        ranking = message.get(INTENT_RANKING_KEY, [])[:2]
        return (len(ranking) == 2 and ranking[0].get("name") == "faq" and ranking[1].get("name") == STORY
                and ranking[1].get("confidence", 0) >= CLOSE_SECOND and not ASKS.search(text))
