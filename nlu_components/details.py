"""Entity extractors for the details that change the advice: age group and place.

They read rules and the content files rather than learning from examples, so a
new town or force in content/ works without retraining.
"""
from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.content import country, service
from knowledge.context import SELF, age_group_of, find_blackmailer, find_payment, find_relation, find_role
from knowledge.countries import crown_dependency, find_city_abroad, find_country, small_uk_place
from knowledge.places import PlaceMatch, find_place
from knowledge.platforms import denied_platforms
from knowledge.situation import ABROAD, IN_UK
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


def country_abroad(text: str, uk_place: PlaceMatch | None) -> str | None:
    """The country outside the UK the person is in, when it settles where they are.

    A place name in both the UK and abroad is settled by the country named
    right after it ("Houston, Texas", "Perth, Australia"); a big city abroad
    also wins over a UK village of the same name ("Melbourne"). Otherwise a
    UK place named in the message is where they are.
    """
    country_id = find_country(text)
    city = find_city_abroad(text)
    if not uk_place:
        return country_id or (city.country_id if city else None)
    if country_id and find_country(text[uk_place.end:uk_place.end + 40]) == country_id:
        return country_id
    if not country_id and city and city.name.lower() == uk_place.label.lower() and small_uk_place(uk_place.label):
        return city.country_id
    return None


def country_entities(country_id: str, text: str, extractor: str) -> list[dict[str, Any]]:
    """A country outside the UK: its id, that the person is abroad, and the number to call there in danger."""
    return [
        entity("country", country_id, 0, len(text), extractor),
        entity("region", ABROAD, 0, len(text), extractor),
        entity("emergency_number", country(country_id)["emergency"], 0, len(text), extractor),
    ]


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class AgeGroupExtractor(RuleComponent):
    """Adds `age_group` (under_18 or adult), and `over_19` (past Childline's age), when people say how old they are."""

    def process_message(self, message: Message) -> None:
        found = age_group_of(message.get(TEXT) or "")
        if found:
            name = type(self).__name__
            # Always both, so that a correction ("sorry, I'm 17") clears what an earlier age set.
            add_entities(message, [entity("age_group", found.age_group, found.start, found.end, name),
                                   entity("over_19", str(found.over_19).lower(), found.start, found.end, name)])


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class PlaceExtractor(RuleComponent):
    """Adds `location`, and `police_force` when the place settles the force; or `country` outside the UK."""

    def __init__(self) -> None:
        # Build the place, country and city indexes when the model loads, not on the first person's message (0.5 s).
        country_abroad("I live in Leeds", find_place("I live in Leeds"))

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        name = type(self).__name__
        found = find_place(text)
        if found and found.kind == "outside":
            # Jersey, Guernsey and the Isle of Man have their own police.
            add_entities(message, country_entities(crown_dependency(found.postcode_areas), text, name))
            return
        abroad = country_abroad(text, found)
        if abroad:
            add_entities(message, country_entities(abroad, text, name))
            return
        if not found:
            return
        entities = [entity("location", found.label, found.start, found.end, name),
                    entity("region", IN_UK, found.start, found.end, name),
                    entity("emergency_number", service("emergency")["phone"], found.start, found.end, name)]
        if len(found.force_ids) == 1:
            entities.append(entity("police_force", found.force_ids[0], found.start, found.end, name))
        add_entities(message, entities)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class ContextExtractor(RuleComponent):
    """Adds `role` (who is writing) and `relation` (who it happens to, for a helper: "son", "sister"),
    `blackmailer` (someone they know), `paid` and `payment_method`, and `platform_denied` for an app taken back
    ("Instagram, not Snapchat"), whose `platform` it removes."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        name = type(self).__name__
        found = []
        role = find_role(text)
        if role:
            found.append(entity("role", role, 0, len(text), name))
            relation = find_relation(text) if role != SELF else None
            if relation:
                found.append(entity("relation", relation, 0, len(text), name))
        blackmailer = find_blackmailer(text)
        if blackmailer:
            found.append(entity("blackmailer", blackmailer, 0, len(text), name))
        platforms = [e for e in message.get(ENTITIES) or [] if e.get("entity") == "platform"]
        taken_back = [platforms[i] for i in sorted(denied_platforms(text, [(e["start"], e["end"]) for e in platforms]))]
        if taken_back:
            message.set(ENTITIES, [e for e in message.get(ENTITIES) if e not in taken_back], add_to_output=True)
            found += [entity("platform_denied", e["value"], e["start"], e["end"], name) for e in taken_back]
        paid, method = find_payment(text)
        if paid:
            found.append(entity("paid", "true", 0, len(text), name))
        if method:
            found.append(entity("payment_method", method, 0, len(text), name))
        add_entities(message, found)


DETAIL_ENTITIES = {"age_group", "location", "police_force", "country", "platform"}


# Intents that, in a message naming a detail, are more likely a misreading of that detail.
SMALL_TALK = {"greet", "goodbye", "thank", "apologise", "affirm", "deny", "bot_challenge"}
# Questions whose answer uses the detail named with them (the actions read it from the same message).
ASKS_WITH_A_DETAIL = {"inform", "ask_police", "ask_report_platform", "request_checklist"}
QUESTION = re.compile(
    r"\?|^\W*(?:should|can|could|will|would|how|what|do|does|did|is|are|am|why|when|where|who|which)\b", re.IGNORECASE)
# A short message can carry a feeling and a detail; a longer one with a feeling is about the feeling.
SHORT = 8
# A message not understood that names a detail, asks nothing and says nothing of what happened is most likely
# giving the detail, up to this long ("hes 17 if it matters and so am i").
NOT_UNDERSTOOD_SHORT = 12
ABOUT_WHAT_HAPPENED = re.compile(
    r"\b(?:pics?|pictures?|photos?|nudes?|images?|videos?|vids?|money|pay|paid|threat\w*|blackmail\w*|s?extort\w*|"
    r"scamm\w*|send|sent|"
    r"post\w*|leak\w*|shar(?:e|ed|ing))\b", re.IGNORECASE)


# "if i send him money will he delete them": a question or a supposition, not money paid.
_ASKS_OR_SUPPOSES = re.compile(rf"{QUESTION.pattern}|^\W*(?:if|what\s+if|suppose|say)\b", re.IGNORECASE)


def _says_paid(message: Message) -> bool:
    return any(e["entity"] == "paid" and str(e.get("value")).lower() == "true" for e in message.get(ENTITIES, []))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class DetailFallback(RuleComponent):
    """A message that names a detail and was not clearly read as anything else is giving that detail; one that
    says money was paid gets what to do now that it has.

    "it all started on insta" may fall below the fallback threshold between
    describing the situation and giving a detail; "I'm in a little village
    near Skipton" may look like small talk or a feeling. Answering the detail
    (the app's reporting page, the local police) helps more than a reply to
    something the person did not say.
    """

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        if intent == "nlu_fallback" and _says_paid(message) and not _ASKS_OR_SUPPOSES.search(message.get(TEXT) or ""):
            # "sent $80 on paypal to a guy on insta who has my pics": what to do now that money has gone.
            answer_as(message, "already_paid", 1.0)
            return
        if not DETAIL_ENTITIES & {e["entity"] for e in message.get(ENTITIES, [])}:
            return
        text = message.get(TEXT) or ""
        # A long message says more than the detail ("i'm 45, sent him £250 in gift cards and he wants more"):
        # taken for the detail alone, it got "thank you, that helps" and nothing about the rest.
        short = len(text.split()) <= SHORT
        if intent == "nlu_fallback":
            # "I'm in Keighley, how do I tell the police?": the detail goes with the question it most likely asks.
            guess = next((r["name"] for r in message.get(INTENT_RANKING_KEY, []) if r["name"] != intent), None)
            if guess in ASKS_WITH_A_DETAIL and (short or guess != "inform"):
                answer_as(message, guess, 1.0)
                return
            if (len(text.split()) <= NOT_UNDERSTOOD_SHORT and not QUESTION.search(text)
                    and not ABOUT_WHAT_HAPPENED.search(text)):
                answer_as(message, "inform", 1.0)
                return
        if QUESTION.search(text) or not short:
            return  # "should I change my instagram password?" asks something: the detail is not the point
        # "oh btw I'm in Toronto, not the UK" is no request out of scope: it corrects where they are.
        if intent in ("nlu_fallback", "express_shame_or_fear", "out_of_scope", *SMALL_TALK):
            answer_as(message, "inform", 1.0)
