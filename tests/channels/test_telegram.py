"""Telegram through the real Rasa and action servers, against the fake Bot API."""
from __future__ import annotations

import json

from channels.privacy import MEDIA_NOTICE
from tests.channels.conftest import NO_PAY, Channels
from tests.channels.platforms import (
    TELEGRAM_SECRET,
    post_telegram,
    telegram_button,
    telegram_update,
)


def say(channels: Channels, chat_id: int, update: dict) -> list[dict]:
    """Posts an update and returns what the bot sent to that chat in reply."""
    before = len(channels.platforms.telegram(chat_id))
    assert post_telegram(channels.url, update) == 200
    return channels.platforms.telegram(chat_id)[before:]


def text_of(messages: list[dict]) -> str:
    return "\n".join(message["text"] for message in messages)


def test_the_webhook_was_registered_with_the_secret_token(channels: Channels) -> None:
    calls = channels.platforms.recorded("/setWebhook")
    assert calls and calls[-1].data["secret_token"] == TELEGRAM_SECRET
    assert calls[-1].data["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    assert "callback_query" in json.loads(calls[-1].data["allowed_updates"])


def test_a_whole_conversation_with_inline_keyboards(channels: Channels) -> None:
    chat = channels.new_chat_id()
    assert "automated helper" in text_of(say(channels, chat, telegram_update(chat, "/start")))
    seed = say(channels, chat, telegram_update(chat, "someone is blackmailing me with pics"))
    assert "not your fault" in text_of(seed) and NO_PAY.search(text_of(seed))
    assert ("Yes, make my checklist", "/request_checklist") in [b for m in seed for b in m["buttons"]]
    assert "Reply with a number" not in text_of(seed)  # real buttons, not the WhatsApp fallback

    checklist = say(channels, chat, telegram_button(chat, "/request_checklist"))
    assert "Your checklist:" in text_of(checklist)
    assert channels.platforms.recorded("/answerCallbackQuery")
    assert "Don't pay" in text_of(say(channels, chat, telegram_update(chat, "should I pay")))
    crisis = text_of(say(channels, chat, telegram_update(chat, "honestly I just want to die")))
    assert "116 123" in crisis and "999" in crisis

    events = channels.events_of(channels.hashed("telegram", chat))
    assert any(name == "user" for name, _ in events)
    assert all(str(chat) not in message["text"] for message in channels.platforms.telegram(chat))


def test_a_photo_gets_the_notice_and_is_never_fetched_or_stored(channels: Channels) -> None:
    chat = channels.new_chat_id()
    photo = [{"file_id": "AgACAgQAAxkBAAIBSecretFileId", "file_unique_id": "AQADSecret", "width": 90,
              "height": 90, "file_size": 1234}]
    assert text_of(say(channels, chat, telegram_update(chat, photo=photo))) == MEDIA_NOTICE
    hashed = channels.hashed("telegram", chat)
    assert channels.events_of(hashed) == []  # no text, so nothing reached Rasa
    reply = say(channels, chat, telegram_update(chat, caption="should I pay him", photo=photo))
    assert reply[0]["text"] == MEDIA_NOTICE and "Don't pay" in text_of(reply[1:])
    stored = json.dumps(channels.events_of(hashed))
    assert "should I pay him" in stored and "SecretFileId" not in stored
    voice = {"file_id": "AwACAgQSecretVoice", "file_unique_id": "AgADSecretV", "duration": 3}
    assert text_of(say(channels, chat, telegram_update(chat, voice=voice))) == MEDIA_NOTICE
    assert not channels.platforms.recorded("/getFile") and not channels.platforms.recorded("/file/")


def test_forged_updates_are_refused_and_reach_no_conversation(channels: Channels) -> None:
    chat = channels.new_chat_id()
    update = telegram_update(chat, "should I pay")
    assert post_telegram(channels.url, update, secret=None) == 403
    assert post_telegram(channels.url, update, secret="wrong-secret-0123456789") == 403
    assert post_telegram(channels.url, update, secret=TELEGRAM_SECRET + "x") == 403
    assert channels.platforms.telegram(chat) == []
    assert channels.events_of(channels.hashed("telegram", chat)) == []


def test_group_chats_are_ignored(channels: Channels) -> None:
    chat = channels.new_chat_id()
    update = telegram_update(chat, "should I pay")
    update["message"]["chat"] = {"id": -chat, "title": "friends", "type": "group"}
    assert post_telegram(channels.url, update) == 200
    assert channels.platforms.telegram(-chat) == []


def test_words_after_start_or_a_command_are_understood(channels: Channels) -> None:
    """A deep link's words, or text typed after a command, can hold a crisis: it must not be lost."""
    for text in ("/start I want to kill myself", '/greet{} I want to kill myself'):
        chat = channels.new_chat_id()
        reply = text_of(say(channels, chat, telegram_update(chat, text)))
        assert "116 123" in reply and "999" in reply, text


def test_a_forged_button_cannot_set_an_unknown_force(channels: Channels) -> None:
    chat = channels.new_chat_id()
    say(channels, chat, telegram_button(chat, '/inform{"police_force": "nonexistent"}'))
    reply = text_of(say(channels, chat, telegram_update(chat, "I'm in Leeds, who do I report to?")))
    assert "westyorkshire.police.uk" in reply


def test_a_replayed_update_is_not_answered_again(channels: Channels) -> None:
    chat = channels.new_chat_id()
    update = telegram_update(chat, "should I pay him")
    assert say(channels, chat, update)
    assert say(channels, chat, update) == []
