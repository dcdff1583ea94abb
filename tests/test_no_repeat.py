"""Asked again, the shorter answer; the life-saving answers always in full."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.message_kind import asks
from knowledge.reply_fitting import without_answer_word
from nlg.no_repeat import NoRepeatResponses
from tests.conftest import rendered_domain

ROOT = Path(__file__).resolve().parent.parent
LONG = "Don't pay. " + "Paying rarely makes them stop, and they often ask for more. " * 3
SHORTER = "Still: please don't pay them."

DOMAIN = Domain.from_dict({
    "slots": {"region": {"type": "categorical", "values": ["uk", "abroad"], "initial_value": "uk",
                         "mappings": [{"type": "custom"}]},
              "age_group": {"type": "categorical", "values": ["under_18", "adult"], "mappings": [{"type": "custom"}]}},
    "responses": {
        "utter_dont_pay": [{"text": LONG}, {"text": SHORTER}],
        "utter_removal": [{"text": LONG}, {"text": SHORTER}],
        "utter_evidence": [{"condition": [{"type": "slot", "name": "region", "value": "abroad"}],
                            "text": "Abroad: " + LONG}, {"text": LONG + " Keep screenshots."}],
        "utter_ask_platform": [{"text": "Which app was it?"}],
        "utter_crisis": [{"text": "Please call 999 now. " + LONG}],
        "utter_routes": [{"text": "Help:\n- Under 18: Report Remove.\n- 18 or over: StopNCII."}, {"text": SHORTER}],
    },
})


def tracker(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", [ActionExecuted("action_session_start"), SessionStarted(),
                                                        *events], slots=DOMAIN.slots)


def reply(name: str, *events) -> str:
    generator = NoRepeatResponses(domain=DOMAIN)
    return asyncio.run(generator.generate(name, tracker(*events), "rest"))["text"]


def said(*texts: str) -> list:
    return [event for text in texts for event in (UserUttered("?"), BotUttered(text))]


def test_the_full_answer_comes_first() -> None:
    assert reply("utter_dont_pay") == LONG


def test_asked_again_the_shorter_answer_follows() -> None:
    assert reply("utter_dont_pay", *said(LONG)) == SHORTER


def test_when_every_version_was_given_the_full_answer_comes_again() -> None:
    assert reply("utter_removal", *said(LONG, SHORTER)) == LONG


def test_a_reply_with_one_version_is_said_again() -> None:
    assert reply("utter_ask_platform", *said("Which app was it?")) == "Which app was it?"


def test_the_crisis_answer_is_always_given_in_full() -> None:
    crisis = "Please call 999 now. " + LONG
    assert reply("utter_crisis", *said(crisis, crisis)) == crisis


def test_every_safety_answer_has_no_shorter_version() -> None:
    safety = yaml.safe_load((ROOT / "domain.in" / "safety.yml").read_text(encoding="utf-8"))["responses"]
    responses = rendered_domain()["responses"]
    for name in safety:
        conditions = [str(v.get("condition")) + str(v.get("channel")) for v in responses[name]]
        assert len(conditions) == len(set(conditions)), f"{name} has a shorter version"


def test_slot_conditions_still_choose_the_variation() -> None:
    assert reply("utter_evidence", SlotSet("region", "abroad")).startswith("Abroad: ")
    assert reply("utter_evidence", SlotSet("region", "abroad"), *said("Abroad: " + LONG)) == "Abroad: " + LONG


def test_a_new_session_starts_afresh() -> None:
    events = [*said(LONG), ActionExecuted("action_session_start"), SessionStarted()]
    assert reply("utter_dont_pay", *events) == LONG


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.postgres.yml"])
def test_the_rasa_server_uses_it(endpoints: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ACTION_SERVER_TOKEN", "ACTION_SERVER_URL", "TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME",
                 "TRACKER_DB_USER", "TRACKER_DB_PASSWORD", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD"):
        monkeypatch.setenv(name, "x")  # the endpoints files name them; Rasa stops if one is unset
    config = AvailableEndpoints.read_endpoints(str(ROOT / endpoints)).nlg
    assert isinstance(NaturalLanguageGenerator.create(config, DOMAIN), NoRepeatResponses)


def test_once_the_age_is_known_the_other_groups_route_is_left_out_and_not_counted_as_new() -> None:
    adult = SlotSet("age_group", "adult")
    first = reply("utter_routes", adult)
    assert first == "Help:\n- 18 or over: StopNCII."
    assert reply("utter_routes", adult, *said(first)) == SHORTER


def test_a_known_force_answers_the_offer_to_look_it_up() -> None:
    domain = Domain.from_dict(rendered_domain())
    generator = NoRepeatResponses(domain=domain)
    events = [SlotSet("police_force", "west_yorkshire"), SlotSet("region", "uk")]
    state = DialogueStateTracker.from_events("someone", [ActionExecuted("action_session_start"), SessionStarted(),
                                                        *events], slots=domain.slots)
    text = asyncio.run(generator.generate("utter_faq/report_online", state, "rest"))["text"]
    assert "West Yorkshire Police" in text and "postcode" not in text


def test_a_known_country_answers_the_offer_to_find_its_helplines_and_asked_again_the_shorter_answer_follows(
) -> None:
    domain = Domain.from_dict(rendered_domain())
    generator = NoRepeatResponses(domain=domain)

    def answer(*events) -> str:
        state = DialogueStateTracker.from_events(
            "someone", [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("region", "abroad"),
                        SlotSet("country", "ireland"), SlotSet("role", "self"), *events], slots=domain.slots)
        return asyncio.run(generator.generate("utter_faq/helpline_closed", state, "rest"))["text"]

    first = answer()
    assert "Who can help in Ireland" in first and "tell me" not in first.lower()
    again = answer(*said(first))
    assert "The helplines for Ireland are in my list above" in again
    assert again.split(".")[0] != first.split(".")[0]  # the other version, not the first one with a pointer


def test_a_light_message_gets_comfort_without_the_crisis_signpost() -> None:
    domain = Domain.from_dict({"responses": {"utter_reassure": [
        {"text": "This is not your fault. If it ever feels like too much, Samaritans are free on 116 123."}]}})
    generator = NoRepeatResponses(domain=domain)

    def comfort(text: str) -> str:
        state = DialogueStateTracker.from_events("someone", [ActionExecuted("action_session_start"), SessionStarted(),
                                                            UserUttered(text)])
        return asyncio.run(generator.generate("utter_reassure", state, "rest"))["text"]

    assert comfort("honestly im dead embarrassed lol") == "This is not your fault."
    assert "116 123" in comfort("im so scared")


@pytest.mark.parametrize(("message", "first"), [
    ("i took a load of my mum's tablets an hour ago", "Go to A&E now."),
    ("im sat on the roof of the flats", "Move away from the edge."),
    ("i want to die", None),
    ("i have pills here", None),  # at hand, not taken: the crisis answer as it is
])
def test_an_overdose_taken_or_a_dangerous_place_puts_what_to_do_first(message: str, first: str | None) -> None:
    domain = Domain.from_dict({"responses": {"utter_crisis": [{"text": "You matter."}],
                                             "utter_crisis_taken": [{"text": "Go to A&E now."}],
                                             "utter_crisis_place": [{"text": "Move away from the edge."}]}})
    state = DialogueStateTracker.from_events("someone", [ActionExecuted("action_session_start"), SessionStarted(),
                                                        UserUttered(message)])
    text = asyncio.run(NoRepeatResponses(domain=domain).generate("utter_crisis", state, "rest"))["text"]
    assert text == (f"{first}\n\nYou matter." if first else "You matter.")


def test_safe_for_now_after_an_overdose_still_says_go_to_hospital() -> None:
    domain = Domain.from_dict({"responses": {"utter_crisis": [{"text": "You matter."}],
                                             "utter_crisis_taken": [{"text": "Go to A&E now."}],
                                             "utter_glad_safe": [{"text": "I'm glad you're safe."}],
                                             "utter_glad_safe_still_go": [{"text": "Please still go to A&E."}]}})
    generator = NoRepeatResponses(domain=domain)

    def reply_to_safe(first_message: str) -> str:
        events = [ActionExecuted("action_session_start"), SessionStarted(), UserUttered(first_message)]
        crisis = asyncio.run(generator.generate("utter_crisis", DialogueStateTracker.from_events("p", events), "rest"))
        state = DialogueStateTracker.from_events("p", [*events, BotUttered(crisis["text"]), UserUttered("yes im safe")])
        return asyncio.run(generator.generate("utter_glad_safe", state, "rest"))["text"]

    assert reply_to_safe("i took a load of tablets") == "Please still go to A&E."
    assert reply_to_safe("i want to die") == "I'm glad you're safe."


@pytest.mark.parametrize(("message", "crisis", "ask"), [
    # The classifier's crisis or danger, with no sign of the writer's own: what to do for them, and the writer
    # asked after without "are you safe?".
    ("ok i've rung 999 they're on the way", "Call 999 for them.", "And you?"),
    ("hes 17 if it matters and so am i", "Call 999 for them.", "And you?"),
    # The writer's own risk, their own distress or their own button: answered as theirs.
    ("i want to die too", "You matter.", "Are you safe?"),
    ("i cant stop crying", "You matter.", "Are you safe?"),
    ("/crisis", "You matter.", "Are you safe?"),
])
def test_after_someone_elses_risk_the_classifiers_crisis_is_still_about_them(message: str, crisis: str,
                                                                              ask: str) -> None:
    domain = Domain.from_dict({"responses": {
        "utter_crisis": [{"text": "You matter."}], "utter_ask_safe": [{"text": "Are you safe?"}],
        "utter_danger": [{"text": "Go somewhere safe."}],
        "utter_crisis_someone_else": [{"text": "Thank you for looking out for them. Stay with them."}],
        "utter_still_there_for_them": [{"text": "Call 999 for them."}], "utter_ask_helper_ok": [{"text": "And you?"}],
        "utter_still_here": [{"text": "I'm still here. If you have hurt yourself, call 999."}],
        "utter_still_here_for_them": [{"text": "I'm still here for you both."}]}})
    generator = NoRepeatResponses(domain=domain)
    before = [ActionExecuted("action_session_start"), SessionStarted(), UserUttered("my son says he wants to die")]

    def reply(name: str, *earlier) -> str:
        state = DialogueStateTracker.from_events("p", [*before, *earlier, UserUttered(message)])
        return asyncio.run(generator.generate(name, state, "rest"))["text"]

    told = BotUttered("Thank you for looking out for them. Stay with them.")
    assert (reply("utter_crisis", told), reply("utter_ask_safe", told)) == (crisis, ask)
    assert reply("utter_danger", told) == ("Call 999 for them." if ask == "And you?" else "Go somewhere safe.")
    # "Do I need to report it tonight?" after "are you safe?" is answered, then the door kept open for them both.
    assert reply("utter_still_here", told) == ("I'm still here for you both." if ask == "And you?"
                                               else "I'm still here. If you have hurt yourself, call 999.")
    assert reply("utter_crisis") == "You matter."  # no one else's risk answered this session


@pytest.mark.parametrize(("message", "expected"), [
    ("he says if i block him he'll send them straight away", "Stop replying. Then block them."),
    ("should i stop replying", "Yes, stop replying. Then block them."),
    ("i wanna know if i can block him", "Yes, stop replying. Then block them."),
    ("/ask_block", "Yes, stop replying. Then block them."),
])
def test_an_answer_word_is_kept_for_a_question_and_dropped_after_a_statement(message: str, expected: str) -> None:
    domain = Domain.from_dict({"responses": {"utter_block": [{"text": "Yes, stop replying. Then block them."},
                                                             {"text": "Still: stop replying."}]}})
    generator = NoRepeatResponses(domain=domain)

    def answer(*events) -> str:
        state = DialogueStateTracker.from_events("someone", [ActionExecuted("action_session_start"), SessionStarted(),
                                                            *events, UserUttered(message)])
        return asyncio.run(generator.generate("utter_block", state, "rest"))["text"]

    assert answer() == expected
    # Said without its answer word, it was said: asked again, the shorter answer follows.
    assert answer(UserUttered("hi"), BotUttered("Stop replying. Then block them.")) == "Still: stop replying."


@pytest.mark.parametrize(("text", "expected"), [
    ("No one can see your report.", "No one can see your report."),  # no answer word
    ("No. Police won't judge you.", "Police won't judge you."),
    ("Yes, if you can. Telling someone helps.", "Yes, if you can. Telling someone helps."),  # the rest leans on it
    ("Yes, but not alone.", "Yes, but not alone."),
    ("Yes, they are. Childline is free.", "Yes, they are. Childline is free."),
])
def test_the_answer_word_goes_only_where_the_rest_stands_alone(text: str, expected: str) -> None:
    assert without_answer_word(text) == expected


@pytest.mark.parametrize("message", [
    "if i block him will he post them", "tell me if paying helps", "cn i report it", "shud i pay",
    "he cant do that can he", "the police will arrest me won't they", "wat if he posts them",
    "plz answer is it illegal", "helplines are confidential right",
])
def test_questions_without_a_question_mark_still_ask(message: str) -> None:
    assert asks(message)


@pytest.mark.parametrize("message", ["he says if I block him he'll send them out", "i already blocked him",
                                     "she already replied telling him to f off lol"])
def test_statements_do_not_ask(message: str) -> None:
    assert not asks(message)


# A link, an email address, a number or a field Rasa fills: facts that stay the same in both answers, so they
# are compared as facts and break the runs of words compared.
FACTS = re.compile(r"https?://[^\s)]+?(?=[.,;:]?(?:[\s)]|$))|\S+@\S+\.\w+|\d[\d ]*\d|\d|\{\w+\}")


def _runs(text: str, length: int = 7) -> set[tuple[str, ...]]:
    runs = set()
    for part in FACTS.split(text.lower()):
        words = re.findall(r"[a-z']+", part)
        runs |= {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}
    return runs


def _contacts(text: str) -> set[str]:
    """The links, addresses, phone numbers and fields: "24/7" or "press 2" may be left out of a shorter answer."""
    return {fact for fact in FACTS.findall(text) if not fact.isdigit() or len(fact) >= 3}


# Answers people often ask for again, beside the follow-up answers (utter_faq/*).
ASKED_AGAIN = (
    "utter_in_trouble", "utter_evidence", "utter_block", "utter_human", "utter_images_shared", "utter_removal",
    "utter_already_paid", "utter_already_paid_helper", "utter_what_is_sextortion", "utter_webcam_scam",
    "utter_core_steps", "utter_police_will_listen", "utter_police_anywhere_in_uk", "utter_age_routes",
    "utter_checklist_again", "utter_situation_again",
)


def test_every_follow_up_answer_has_another_for_when_it_was_given() -> None:
    """Asked again, a follow-up answer is said in other words, with the same numbers and links; a long one shorter.

    The follow-up answers (utter_faq/*) and the answers in ASKED_AGAIN: the second variation of each audience
    (the same conditions) is the one sent once the first has been.
    """
    for name, variations in rendered_domain()["responses"].items():
        if not (name.startswith("utter_faq/") or name in ASKED_AGAIN):
            continue
        by_audience: dict[str, list[str]] = {}
        for variation in variations:
            by_audience.setdefault(yaml.safe_dump(variation.get("condition")), []).append(variation["text"])
        for audience, (full, *again) in by_audience.items():
            assert again, f"{name} ({audience.strip()}) has no answer for when it was given"
            other = again[0]
            assert len(full) < 200 or len(other) <= 0.9 * len(full), name
            assert not _runs(full) & _runs(other), f"{name}: {sorted(_runs(full) & _runs(other))[0]}"
            assert _contacts(other) == _contacts(full), name
