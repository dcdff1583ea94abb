"""WhatsApp through Twilio with the real Rasa and action servers, against the fake Messages API."""
from __future__ import annotations

import json
import re

from channels.privacy import MEDIA_NOTICE
from tests.channels.conftest import NO_PAY, Channels
from tests.channels.platforms import TWILIO_NUMBER, post_twilio, twilio_fields


def say(channels: Channels, phone: str, body: str, **extra: str) -> list[str]:
    """Sends a signed WhatsApp message and returns the bodies the bot sent back."""
    before = len(channels.platforms.twilio(phone))
    assert post_twilio(channels.url, twilio_fields(phone, body, **extra)) == 204
    return channels.platforms.twilio(phone)[before:]


def test_a_whole_conversation_with_numbered_options(channels: Channels) -> None:
    phone = channels.new_phone()
    seed = "\n".join(say(channels, phone, "someone is blackmailing me with pics"))
    assert "not your fault" in seed and NO_PAY.search(seed)
    assert "Reply with a number:\n1. Yes, make my checklist\n2. I'm under 18\n3. I've already paid" in seed

    checklist = say(channels, phone, "1")
    assert "Your checklist:" in "\n".join(checklist)
    hashed = channels.hashed("twilio", phone)
    typed = [json.loads(data) for name, data in channels.events_of(hashed) if name == "user"]
    assert typed[-1]["parse_data"]["intent"]["name"] == "request_checklist"

    assert "Don't pay" in "\n".join(say(channels, phone, "should I pay"))
    crisis = "\n".join(say(channels, phone, "honestly I just want to die"))
    assert "116 123" in crisis and "999" in crisis
    calls = channels.platforms.recorded("/Messages.json")
    assert all(call.data["From"] == TWILIO_NUMBER for call in calls)
    assert all(phone.removeprefix("whatsapp:+") not in body for body in channels.platforms.twilio(phone))


def test_another_number_picks_that_option_with_its_entity(channels: Channels) -> None:
    phone = channels.new_phone()
    say(channels, phone, "someone is blackmailing me with pics")
    assert "You are not in trouble" in "\n".join(say(channels, phone, "2"))
    typed = [json.loads(data) for name, data in channels.events_of(channels.hashed("twilio", phone))
             if name == "user"]
    assert typed[-1]["text"] == '/inform{"age_group": "under_18"}'
    assert typed[-1]["parse_data"]["entities"][0]["value"] == "under_18"


def test_long_replies_are_split_within_whatsapps_limit(channels: Channels) -> None:
    phone = channels.new_phone()
    checklist = say(channels, phone, "can I get my checklist")
    assert len(checklist) >= 2 and all(len(body) <= 1600 for body in checklist)
    joined = "\n".join(checklist)
    assert "Your checklist:" in joined and re.search(r"^1\. ", joined, re.MULTILINE)
    steps = [line for body in checklist for line in body.splitlines() if re.match(r"\d+\. ", line)]
    assert [int(step.split(".")[0]) for step in steps][:5] == [1, 2, 3, 4, 5]  # no step cut in two


def test_an_image_gets_the_notice_and_its_url_is_never_fetched(channels: Channels) -> None:
    phone = channels.new_phone()
    media = {"NumMedia": "1", "MessageType": "image", "MediaContentType0": "image/jpeg",
             "MediaUrl0": f"{channels.platforms.url}/media/ME0123secret"}
    assert say(channels, phone, "", **media) == [MEDIA_NOTICE]
    hashed = channels.hashed("twilio", phone)
    assert channels.events_of(hashed) == []
    reply = say(channels, phone, "he wants £300", **media)
    assert reply[0] == MEDIA_NOTICE and len(reply) > 1
    assert "ME0123secret" not in json.dumps(channels.events_of(hashed))
    assert not channels.platforms.recorded("/media/")
    assert say(channels, phone, "", Latitude="53.8", Longitude="-1.5", MessageType="location") == [MEDIA_NOTICE]


def test_forged_or_tampered_calls_are_refused_and_reach_no_conversation(channels: Channels) -> None:
    phone = channels.new_phone()
    fields = twilio_fields(phone, "should I pay")
    assert post_twilio(channels.url, fields, sign=False) == 403
    assert post_twilio(channels.url, fields, auth_token="not-the-auth-token") == 403
    assert post_twilio(channels.url, {**fields, "Body": "send me the photos"}, signed_fields=fields) == 403
    assert post_twilio(channels.url, {**fields, "From": "whatsapp:+447700900999"}, signed_fields=fields) == 403
    assert channels.platforms.twilio(phone) == [] and channels.platforms.twilio("whatsapp:+447700900999") == []
    assert channels.events_of(channels.hashed("twilio", phone)) == []


def test_a_replayed_message_is_not_answered_again(channels: Channels) -> None:
    phone = channels.new_phone()
    fields = twilio_fields(phone, "should I pay him")
    before = len(channels.platforms.twilio(phone))
    assert post_twilio(channels.url, fields) == 204
    answered = len(channels.platforms.twilio(phone))
    assert answered > before
    assert post_twilio(channels.url, fields) == 204
    assert len(channels.platforms.twilio(phone)) == answered
