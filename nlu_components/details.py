"""Entity extractors for the details that change the advice: age group and place.

They read rules and the content files rather than learning from examples, so a
new town or force in content/ works without retraining.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.age import find_age_group
from knowledge.countries import crown_dependency, find_country
from knowledge.places import find_place
from nlu_components.base import RuleComponent, answer_as


def add_entities(message: Message, entities: list[dict[str, Any]]) -> None:
    if entities:
        message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)


def entity(name: str, value: str, start: int, end: int, extractor: str) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": 1.0,
        "extractor": extractor,
    }


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class AgeGroupExtractor(RuleComponent):
    """Adds `age_group` (under_18 or adult) when people say how old they are."""

    def process_message(self, message: Message) -> None:
        found = find_age_group(message.get(TEXT) or "")
        if found:
            add_entities(
                message,
                [entity("age_group", found.age_group, found.start, found.end, type(self).__name__)],
            )


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class PlaceExtractor(RuleComponent):
    """Adds `location`, and `police_force` when the place settles the force; or `country` outside the UK."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        name = type(self).__name__
        found = find_place(text)
        if found and found.kind == "outside":
            # Jersey, Guernsey and the Isle of Man have their own police.
            add_entities(message, [entity("country", crown_dependency(found.postcode_areas), 0, len(text), name)])
            return
        if not found:
            country_id = find_country(text)
            if country_id:
                add_entities(message, [entity("country", country_id, 0, len(text), name)])
            return
        entities = [entity("location", found.label, found.start, found.end, name)]
        if len(found.force_ids) == 1:
            entities.append(entity("police_force", found.force_ids[0], found.start, found.end, name))
        add_entities(message, entities)


DETAIL_ENTITIES = {"age_group", "location", "police_force", "country", "platform"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class DetailFallback(RuleComponent):
    """An unclear message that names a detail is most likely giving that detail.

    "it all started on insta" may fall below the fallback threshold between
    describing the situation and giving a detail; answering the detail (the
    app's reporting page) helps more than "sorry, I didn't follow".
    """

    def process_message(self, message: Message) -> None:
        if (message.get(INTENT) or {}).get("name") != "nlu_fallback":
            return
        if DETAIL_ENTITIES & {e["entity"] for e in message.get(ENTITIES, [])}:
            answer_as(message, "inform", 1.0)
