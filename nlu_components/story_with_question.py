"""A message that tells the story and asks a question gets the question's answer.

"Someone is threatening to post my nudes. Do I have to send them to StopNCII??"
sits between describing the situation and a follow-up question, so the
classifier's confidence splits and the fallback offers buttons. Answering the
question is better: before the core steps have been given, the rules send
them with the first follow-up answer (data/rules/faq.yml), so the story is
answered too.

A request said as a statement ("...23M. I just want to talk to someone.") counts as the question.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.base import RuleComponent, answer_as
from nlu_components.details import ABOUT_WHAT_HAPPENED, QUESTION

STORY = "describe_situation"
# Together the story and the question must be the clear reading of the message.
MIN_TOGETHER = 0.35
# A message this long about what happened, that the classifier cannot place, is the story itself: the core
# steps and an acknowledgement of what it said (money, deadline, app, place) help more than buttons.
LONG_STORY_WORDS = 30
# A request without a question mark: "I just want to talk to someone", "I need advice on what to do".
REQUEST = re.compile(
    r"\bi\s+(?:just\s+|really\s+|only\s+|honestly\s+)?(?:want|need|wanna|would\s+like|'d\s+like)\s+"
    r"(?:to\s+(?:talk|speak|know|ask|report|tell|get|find|stop|delete|block)|some(?:one|body)|help|advice|a\s+(?:person|human))\b",
    re.IGNORECASE)


def asks_something(intent: str) -> bool:
    return intent == "faq" or intent.startswith("ask_")


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class StoryWithQuestion(RuleComponent):
    def process_message(self, message: Message) -> None:
        if (message.get(INTENT) or {}).get("name") != "nlu_fallback":
            return
        text = message.get(TEXT) or ""
        if (QUESTION.search(text) or REQUEST.search(text)) and self._answer_the_question(message):
            return
        if not QUESTION.search(text) and len(text.split()) >= LONG_STORY_WORDS and ABOUT_WHAT_HAPPENED.search(text):
            answer_as(message, STORY, 1.0, instead_of="nlu_fallback")

    @staticmethod
    def _answer_the_question(message: Message) -> bool:
        top_two = [r for r in message.get(INTENT_RANKING_KEY, []) if r["name"] != "nlu_fallback"][:2]
        names = [r["name"] for r in top_two]
        if len(top_two) < 2 or STORY not in names or sum(r["confidence"] for r in top_two) < MIN_TOGETHER:
            return False
        question = top_two[1 - names.index(STORY)]
        if not asks_something(question["name"]):
            return False
        answer_as(message, question["name"], question["confidence"], instead_of="nlu_fallback")
        return True
