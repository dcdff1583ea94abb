"""channels.edge: what every channel lets through to Rasa (no server)."""
from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from actions.slots import inform_button
from channels import edge
from channels.edge import (
    MAX_MESSAGE_CHARS,
    RateLimit,
    button_commands,
    clean_text,
    domain_text,
    guarded,
    screen_command,
    shorten,
    valid_sender,
    without_repeats,
)
from knowledge.content import load_content


def domain_buttons() -> list[str]:
    from channels.edge import _domain

    return [str(button["payload"]) for variations in _domain()["responses"].values()
            for variation in variations for button in variation.get("buttons") or []]


@pytest.mark.parametrize("sender", ["3f2b9c1e-8a4d-4c2e-9b1a-0e5d6f7a8b9c", "telegram-" + "ab" * 32, "me",
                                    "a.b:c@d+e=f-g", "probe 7", "naïve/ü"])
def test_ordinary_conversation_ids_pass(sender: str) -> None:
    assert valid_sender(sender)


@pytest.mark.parametrize("sender", ["", " ", "\udfff", "a\udfffb", "x" * 129, None, 42, ["a"], {"a": 1}, "tab\there",
                                    "nul\x00", " padded", "default\n"])
def test_senders_that_break_stores_or_logs_are_refused(sender: Any) -> None:
    assert not valid_sender(sender)


def test_lone_surrogates_and_control_characters_are_cleaned() -> None:
    cleaned = clean_text("help\udfff me\x00\x1b[31m\nnow\tplease")
    assert cleaned == "help\ufffd me[31m\nnow\tplease"
    cleaned.encode("utf-8")  # what the tracker store does


def test_a_long_message_is_cut_at_a_sentence_and_said_so() -> None:
    text = "He says he will post them. " * 400
    short, cut = shorten(text)
    assert cut and len(short) <= MAX_MESSAGE_CHARS and short.endswith("post them.")
    assert shorten("short message") == ("short message", False)


def test_a_sentence_said_again_straight_after_itself_is_read_once() -> None:
    story = "Someone has my nudes. " + "He keeps messaging me from new accounts. " * 50 + "What do I do?"
    assert without_repeats(story) == "Someone has my nudes. He keeps messaging me from new accounts. What do I do?"
    untouched = "Don't pay.\nDon't pay them anything. He said: pay. Pay? I won't."
    assert without_repeats(untouched) == untouched


def command(payload: str) -> tuple[str, dict[str, Any]]:
    intent, _, entities = payload.partition("{")
    return intent, json.loads("{" + entities) if entities else {}


def test_every_button_the_bot_offers_passes_unchanged() -> None:
    content = load_content()
    payloads = [p.replace("{{", "{").replace("}}", "}") for p in domain_buttons() if p.startswith("/")]
    payloads += [inform_button("x", "platform", pid)["payload"] for pid in content["platforms"]]
    payloads += [inform_button("x", "police_force", fid)["payload"] for fid in content["forces"]]
    assert len(payloads) > 100
    for payload in payloads:
        assert command(screen_command(payload)) == command(payload), payload


@pytest.mark.parametrize("typed, understood", [
    ('/inform{"age_group":"banana"}', "inform"),
    ('/inform{"police_force":"nonexistent"}', "inform"),
    ('/inform{"location":"<script>"}', "inform"),
    ('/inform{"country":"atlantis"}', "inform"),
    ('/inform{"platform": ["instagram"]}', "inform"),
    ("/inform", "inform"),
    ("/inform{not json", "{not json"),
    ("/restart", "restart"),
    ("/session_start", "session start"),
    ("/nlu_fallback", "nlu fallback"),
    ('/ask_police@0.99', "@0.99"),
    ("/greet{} I want to kill myself", "I want to kill myself"),
    ("/greet I want to end it all", "I want to end it all"),
    ('/inform{"age_group": "adult"} he wants £500', "he wants £500"),
    ("/A_b /affirm{} I want to kill myself", "I want to kill myself"),
    ('/greet /inform{"police_force": "nonexistent"}', "inform"),
    ("/x /restart", "restart"),
    ("/x " * 2000 + "help", "help"),
])
def test_commands_no_button_sends_become_words(typed: str, understood: str) -> None:
    assert screen_command(typed) == understood


def test_ordinary_text_is_untouched() -> None:
    for text in ["hi", "he wants 500 / 1000", "  leeds ", "http://x/y"]:
        assert screen_command(text) == text


def test_button_intents_are_the_domains() -> None:
    assert {"ask_police", "request_checklist", "inform", "greet"} <= button_commands()
    assert not {"restart", "session_start", "nlu_fallback", "crisis_someone_else"} & button_commands()


def test_rate_limit_lets_a_burst_through_then_refills() -> None:
    now = [0.0]
    limit = RateLimit(per_minute=60, burst=3, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")
    now[0] += 1.0
    assert limit.allow("a") and not limit.allow("a")


def test_rate_limit_memory_is_bounded() -> None:
    limit = RateLimit(per_minute=1, burst=1, max_keys=10)
    for n in range(100):
        limit.allow(str(n))
    assert len(limit._buckets) == 10


def test_the_slow_down_note_carries_the_emergency_number_for_anywhere() -> None:
    """(The language tests read every domain text, these notes included.)"""
    slow = domain_text("utter_slow_down")
    assert "999 in the UK" in slow and "local emergency number" in slow


def run(text: str, sender: str = "web-1", limit: RateLimit | None = None) -> tuple[list[str], list[str]]:
    """What Rasa would read, and what the person is sent, for one message through the guard."""
    seen: list[str] = []

    async def rasa(message: UserMessage) -> None:
        seen.append(message.text)

    output = CollectingOutputChannel()
    handle = guarded(rasa, limit or RateLimit(per_minute=60, burst=100))
    asyncio.run(handle(UserMessage(text, output, sender, input_channel="rest")))
    return seen, [m["text"] for m in output.messages]


def test_the_guard_passes_screened_text_to_rasa() -> None:
    assert run("/greet{} I want to kill myself") == (["I want to kill myself"], [])


def test_the_guard_answers_a_long_message_kindly_and_rasa_reads_its_start() -> None:
    seen, sent = run("I'm 15 and he has my pics. " + "x" * 1_000_000)
    assert sent == [domain_text("utter_message_too_long")]
    assert seen and seen[0].startswith("I'm 15") and len(seen[0]) <= MAX_MESSAGE_CHARS


def test_the_guard_drops_bad_senders_and_slows_floods() -> None:
    assert run("hello", sender="\udfff") == ([], [])
    limit = RateLimit(per_minute=1, burst=1)
    assert run("hello", limit=limit)[0] == ["hello"]
    assert run("hello again", limit=limit) == ([], [domain_text("utter_slow_down")])


def test_forget_conversation_deletes_without_reaching_rasa() -> None:
    deleted: list[str] = []

    async def forget(sender: str) -> bool:
        deleted.append(sender)
        return True

    seen: list[str] = []

    async def rasa(message: UserMessage) -> None:
        seen.append(message.text)

    output = CollectingOutputChannel()
    handle = guarded(rasa, RateLimit(per_minute=60, burst=100), forget)
    asyncio.run(handle(UserMessage("/forget_conversation", output, "web-9", input_channel="rest")))
    assert deleted == ["web-9"] and seen == []
    assert [m["text"] for m in output.messages] == [domain_text("utter_conversation_forgotten")]
    assert "/forget_conversation" in domain_buttons()  # the button the assistant offers


def test_the_domain_is_read_when_a_channel_is_set_up_not_on_a_message() -> None:
    # Read on the first typed command, the (megabyte) domain held every conversation in the process.
    edge._domain.cache_clear()
    button_commands.cache_clear()

    async def on_new_message(_: UserMessage) -> None: ...

    guarded(on_new_message)
    assert edge._domain.cache_info().currsize == 1
    assert button_commands.cache_info().currsize == 1
