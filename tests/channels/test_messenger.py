"""Facebook Messenger through the real Rasa and action servers, against the fake Graph API."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode

from channels.privacy import MEDIA_NOTICE
from tests.channels.conftest import NO_PAY, Channels
from tests.channels.platforms import (
    FACEBOOK_SECRET,
    FACEBOOK_VERIFY,
    messenger_event,
    messenger_text,
    post_facebook,
)


def say(channels: Channels, psid: str, *events: dict) -> list[dict]:
    """Posts one signed webhook call and returns the `message` objects the bot sent back."""
    before = len(channels.platforms.messenger(psid))
    assert post_facebook(channels.url, list(events)) == 200
    return channels.platforms.messenger(psid)[before:]


def text_of(messages: list[dict]) -> str:
    """What the person reads: plain texts, quick-reply texts and button-template texts."""
    return "\n".join(m.get("text") or m.get("attachment", {}).get("payload", {}).get("text", "") for m in messages)


def choices(messages: list[dict]) -> list[tuple[str, str]]:
    """(title, payload) of every quick reply and template button."""
    found = [(q["title"], q["payload"]) for m in messages for q in m.get("quick_replies", [])]
    templates = [m["attachment"]["payload"] for m in messages if "attachment" in m]
    return found + [(b["title"], b["payload"]) for t in templates for b in t["buttons"]]


def verify(channels: Channels, token: str) -> tuple[int, str]:
    query = urlencode({"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"})
    try:
        with urllib.request.urlopen(f"{channels.url}/webhooks/facebook/webhook?{query}", timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_verify_token_handshake(channels: Channels) -> None:
    assert verify(channels, FACEBOOK_VERIFY) == (200, "1158201444")
    assert verify(channels, "guessed")[0] == 403


def test_a_whole_conversation_with_quick_replies_and_numbered_options(channels: Channels) -> None:
    psid = channels.new_psid()
    seed = say(channels, psid, messenger_text(psid, "someone is blackmailing me with pics"))
    assert "not your fault" in text_of(seed) and NO_PAY.search(text_of(seed))
    # "Yes, make my checklist" is longer than Messenger's 20-character titles: numbered, with tappable numbers.
    assert "Reply with a number:\n1. Yes, make my checklist" in text_of(seed)
    assert ("1", "/request_checklist") in choices(seed)

    checklist = say(channels, psid, messenger_text(psid, "1", quick_reply="/request_checklist"))
    assert "Your checklist:" in text_of(checklist)
    pay = say(channels, psid, messenger_text(psid, "should I pay"))
    assert "Don't pay" in text_of(pay) and ("1", "/already_paid") in choices(pay)
    evidence = say(channels, psid, messenger_text(psid, "should I delete the whole chat?"))
    assert any("attachment" in m for m in evidence)  # titles that fit: a button template
    assert ("Should I block them?", "/ask_block") in choices(evidence)
    crisis = text_of(say(channels, psid, messenger_text(psid, "honestly I just want to die")))
    assert "116 123" in crisis and "999" in crisis
    # A button-template postback works too: the same checklist asked for again points back to it.
    assert "Your checklist is just above" in text_of(say(channels, psid, messenger_event(
        psid, postback={"title": "Make my checklist", "payload": "/request_checklist", "mid": "m_pb"})))
    assert channels.events_of(channels.hashed("facebook", psid))


def test_every_event_of_a_batch_is_answered(channels: Channels) -> None:
    first, second = channels.new_psid(), channels.new_psid()
    assert post_facebook(channels.url, [messenger_text(first, "should I pay"),
                                        messenger_text(second, "should I pay")]) == 200
    assert "Don't pay" in text_of(channels.platforms.messenger(first))
    assert "Don't pay" in text_of(channels.platforms.messenger(second))


def test_quick_replies_then_long_replies_split_within_messengers_limit(channels: Channels) -> None:
    psid = channels.new_psid()
    for text in ("I'm 15", "I live in Wakefield"):
        say(channels, psid, messenger_text(psid, text))
    question = say(channels, psid, messenger_text(psid, "can I get my checklist"))[-1]
    assert "Which app" in question["text"]
    assert ("Instagram", '/inform{"platform": "instagram"}') in choices([question])  # more than 3: quick replies
    for text in ("it all started on insta", "I already paid him 100 quid"):
        say(channels, psid, messenger_text(psid, text))
    checklist = say(channels, psid, messenger_text(psid, "can I get my checklist"))
    texts = [m.get("text") or m["attachment"]["payload"]["text"] for m in checklist]
    assert len(texts) >= 2 and all(len(text) <= 2000 for text in texts)
    assert "Your checklist:" in texts[0] and "westyorkshire.police.uk" in "\n".join(texts)


def test_an_attachment_gets_the_notice_and_its_url_never_reaches_rasa(channels: Channels) -> None:
    psid = channels.new_psid()
    image = {"mid": "m_img", "attachments": [
        {"type": "image", "payload": {"url": f"{channels.platforms.url}/media/fbcdn-secret.jpg"}}]}
    assert text_of(say(channels, psid, messenger_event(psid, message=image))) == MEDIA_NOTICE
    hashed = channels.hashed("facebook", psid)
    assert channels.events_of(hashed) == []
    reply = say(channels, psid, messenger_event(psid, message={**image, "mid": "m_img2", "text": "should I pay"}))
    assert reply[0]["text"] == MEDIA_NOTICE and "Don't pay" in text_of(reply[1:])
    assert "fbcdn-secret" not in json.dumps(channels.events_of(hashed))
    assert not channels.platforms.recorded("/media/")


def test_echoes_reads_and_deliveries_are_ignored(channels: Channels) -> None:
    psid = channels.new_psid()
    assert say(channels, psid, messenger_event(psid, message={"mid": "m_e", "text": "hi", "is_echo": True}),
               messenger_event(psid, read={"watermark": 1458668856253}),
               messenger_event(psid, delivery={"mids": ["m_1"], "watermark": 1458668856253})) == []


def test_forged_or_tampered_calls_get_403_and_reach_no_conversation(channels: Channels) -> None:
    psid = channels.new_psid()
    event = messenger_text(psid, "should I pay")
    assert post_facebook(channels.url, [event], secret=None) == 403
    assert post_facebook(channels.url, [event], secret="not-the-app-secret") == 403
    assert post_facebook(channels.url, [event], secret=FACEBOOK_SECRET, tamper=True) == 403
    assert channels.platforms.messenger(psid) == []
    assert channels.events_of(channels.hashed("facebook", psid)) == []


def test_a_replayed_event_is_not_answered_again(channels: Channels) -> None:
    psid = channels.new_psid()
    event = messenger_text(psid, "should I pay him")
    assert say(channels, psid, event)
    assert say(channels, psid, event) == []
