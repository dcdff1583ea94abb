"""Fear or a story that says the images are already out is answered first with how they come down.

"my pics r on reddit now, im 17 and i feel sick": the classifier hears the
fear (express_shame_or_fear) or the story (describe_situation), or is unsure,
and the reply would be comfort and "don't pay", or buttons. What helps first is that the images can
still be taken down, and how (utter_images_shared, which comforts too).
Read by rule (knowledge/images_out.py): a threat to post is not this.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.images_out import says_images_are_out
from nlu_components.base import RuleComponent, answer_as

IMAGES_SHARED = "images_shared"
# The readings that hear only the feeling or the story, or nothing clear; a question or a risk keeps its answer.
HEARS_ONLY_THE_FEELING = {"express_shame_or_fear", "describe_situation", "nlu_fallback"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ImagesAlreadyOut(RuleComponent):
    def process_message(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        if intent.get("name") in HEARS_ONLY_THE_FEELING and says_images_are_out(message.get(TEXT) or ""):
            answer_as(message, IMAGES_SHARED, float(intent.get("confidence") or 0.0))
