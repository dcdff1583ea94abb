"""Property-based fuzz tests of the messaging webhooks, with correctly signed calls (the hardening issue).

For Telegram, WhatsApp (Twilio) and Messenger: hundreds of signed webhook calls with fuzzed contents,
first shaped as the platform sends them (its field types, any values, fields left out), then, for the
JSON platforms, of any shape (one to three fields anywhere given another type or any JSON value, or
left out). Whatever a signed call holds, the webhook answers as the platform expects (Telegram 200,
Twilio 204, Messenger 200): never a 500, which the platform would retry; and no message shaped as the
platform's fails silently (an error in the Rasa log). Every id is new, as the channels ignore replays.
Afterwards each channel still answers a crisis from a new person.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from channels.edge import button_commands, entity_values
from tests.channels.conftest import Channels, rasa_log
from tests.channels.platforms import (
    FACEBOOK_PAGE,
    FACEBOOK_SECRET,
    TWILIO_NUMBER,
    TWILIO_SID,
    TWILIO_TOKEN,
    TWILIO_URL,
    messenger_text,
    post,
    post_facebook,
    post_telegram,
    post_twilio,
    telegram_update,
    twilio_fields,
)

CRISIS = "I want to kill myself"
CRISIS_NUMBERS = ("116 123", "999")
FUZZ = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
AS_SENT, ANY_SHAPE = 500, 200  # examples per JSON platform; Twilio's fields are all strings: 600 of one kind
TWILIO_EXAMPLES = 600
# The longest fuzzed text: over the channels' 4000-character cut, and short enough that a call with two, escaped
# or percent-encoded, stays under the server's 256 KB body limit (a 413 is for bodies no platform sends).
HUGE = 6_000

# New ids for every call, as the channels answer an id once only (channels/replay.py).
_ids = itertools.count(random.randrange(10**9, 2 * 10**9))

NASTY = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t", "\u2028", "\u200b", "\u200d", "\u200f",
         "\u202e", "\ufeff", "\ufffd", "\U0001f198", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "e\u0301\u0301",
         "\u0627\u0644\u0633\u0644\u0627\u0645", "{name}", "[[forces.x]]", "<b>x</b>", "%s", "/", "{", "\\", '"', "1",
         "2", " 3.", "99", CRISIS, "he has my pics", "should I pay"]
COMMANDS = sorted(button_commands() | {"start", "restart", "session_start", "forget_conversation", "help", "x"})
KNOWN_VALUES = sorted(value for values in entity_values().values() for value in values)


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of the strategies, each as often as its weight (st.one_of treats a repeated strategy as one)."""
    return st.sampled_from([strategy for weight, strategy in choices for _ in range(weight)]).flatmap(lambda s: s)


def strings(characters: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    """st.text drops lone surrogates from its alphabet; a list of characters keeps them."""
    return st.lists(characters, max_size=max_size).map("".join)


# Text a platform can carry (JSON may also hold lone surrogates; a form cannot: its fields are UTF-8).
json_characters = st.one_of(st.characters(), st.characters(categories=["Cs"]),
                            st.sampled_from([char for char in NASTY if len(char) == 1]))
form_characters = st.one_of(st.characters(codec="utf-8"), st.sampled_from([char for char in NASTY if len(char) == 1]))


def texts(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Short nasty text, commands and forged button payloads, and now and then a huge text."""
    words = st.lists(st.one_of(strings(characters, 12), st.sampled_from(NASTY)), max_size=10).map("".join)
    entities = st.dictionaries(st.sampled_from([*sorted(entity_values()), "location", "requested_slot", "x"]),
                               st.one_of(st.sampled_from(KNOWN_VALUES), words), max_size=2)
    command = st.builds("/{}{}{}".format, st.sampled_from(COMMANDS),
                        st.one_of(st.just(""), st.just("{}"), entities.map(json.dumps), st.just('{"police_force": ')),
                        st.one_of(st.just(""), words.map(" ".__add__), st.just(" " + CRISIS)))
    huge = st.builds(lambda unit, times: (unit * times)[:HUGE], words.filter(bool), st.integers(500, HUGE))
    fixed = st.sampled_from(["", " ", "/start", "/start " + CRISIS, "1", "2"])
    return weighted((25, words), (12, command), (3, fixed), (1, huge))


json_text = texts(json_characters)
form_text = texts(form_characters)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), strings(json_characters, 20))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(strings(json_characters, 8), inner, max_size=3)),
    max_leaves=8)


def some_of(draw: st.DrawFn, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields, each left out one time in twelve (a platform leaves out what does not apply)."""
    return {key: value for key, value in fields.items() if draw(st.integers(0, 11)) != 11}


# What a field may hold instead: mostly a value of another type, or any JSON, or nothing (it is left out).
LEFT_OUT = object()
wrong_types = st.sampled_from([1, 0, -1, 1.5, True, False, None, "x", "", ["x"], [{}], [], {"x": 1}, {}])
replacements = weighted((4, wrong_types), (2, json_values), (1, st.just(LEFT_OUT)))


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where each field and item of the value is, outermost first."""
    inner = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [path, *(found for key, item in inner for found in paths(item, (*path, key)))]


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    inner = replaced(value[path[0]], path[1:], new)
    if inner is LEFT_OUT:
        del copy[path[0]]
    else:
        copy[path[0]] = inner
    return copy


@st.composite
def mangled(draw: st.DrawFn, value: Any) -> Any:
    """The value with one to three fields or items (or the whole) replaced by another type or any JSON, or left out."""
    for _ in range(draw(st.integers(1, 3))):
        value = replaced(value, draw(st.sampled_from(paths(value)[1:] or [()])), draw(replacements))
    return value


@contextmanager
def none_swallowed(channels: Channels, channel: str) -> Iterator[None]:
    """No message of the block failed silently: `receive` answers 200 and logs an error where Rasa failed.

    (Not for the calls of any shape: the fake Bot API refuses a chat id that is not a number, as Telegram does.)
    """
    failed = f"A {channel} message could not be handled"
    before = rasa_log(channels).count(failed)
    yield
    time.sleep(0.5)  # the server's last log lines
    assert rasa_log(channels).count(failed) == before, f"{channel}: messages failed silently: see the Rasa log"


# --- Telegram -------------------------------------------------------------------------------------------

MEDIA = ["photo", "document", "voice", "audio", "video", "video_note", "sticker", "animation", "contact",
         "location", "venue", "poll", "dice"]
telegram_chat_ids = st.one_of(st.integers(1, 10**12), st.integers(-10**13, 0))


@st.composite
def telegram_message(draw: st.DrawFn) -> dict[str, Any]:
    chat_id = draw(telegram_chat_ids)
    kinds = ["private"] * 6 + ["group", "supergroup", "channel", "Private"]
    chat = some_of(draw, {"id": chat_id, "type": draw(st.sampled_from(kinds)),
                          "first_name": draw(json_text), "title": draw(json_text)})
    message = some_of(draw, {"message_id": next(_ids), "date": int(time.time()), "chat": chat,
                             "from": {"id": abs(chat_id), "is_bot": draw(st.booleans()), "first_name": "Sam"},
                             "text": draw(json_text), "caption": draw(json_text)})
    for field in draw(st.lists(st.sampled_from(MEDIA), max_size=2, unique=True)):
        message[field] = {"file_id": f"fuzz-{next(_ids)}"} if field != "photo" else [{"file_id": f"f-{next(_ids)}"}]
    if draw(st.booleans()):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": draw(st.integers(0, 20))}]
    return message


@st.composite
def telegram_updates(draw: st.DrawFn) -> dict[str, Any]:
    """An update with the types Telegram uses: a message, an edited one, a button press or something else."""
    kind = draw(st.sampled_from(["message"] * 4 + ["edited_message"] + ["callback_query"] * 2
                                + ["channel_post", "my_chat_member", None]))
    update: dict[str, Any] = {"update_id": next(_ids)} if draw(st.integers(0, 9)) else {}
    if kind == "callback_query":
        update[kind] = some_of(draw, {
            "id": str(next(_ids)), "from": {"id": draw(telegram_chat_ids), "is_bot": False, "first_name": "Sam"},
            "message": draw(telegram_message()), "chat_instance": "-8301234567", "data": draw(json_text),
            "inline_message_id": "fuzz"})
    elif kind:
        update[kind] = draw(telegram_message())
    return update


def check_telegram(channels: Channels, update: Any) -> None:
    status = post_telegram(channels.url, update)
    assert status == 200, f"HTTP {status} for a signed update"


def test_fuzzed_telegram_updates_as_telegram_sends_them(channels: Channels) -> None:
    @settings(FUZZ, max_examples=AS_SENT)
    @given(update=telegram_updates())
    def fuzz(update: dict[str, Any]) -> None:
        check_telegram(channels, update)

    with none_swallowed(channels, "telegram"):
        fuzz()
    assert_telegram_answers_a_crisis(channels)


def test_fuzzed_telegram_updates_of_any_shape(channels: Channels) -> None:
    @settings(FUZZ, max_examples=ANY_SHAPE)
    @given(update=telegram_updates().flatmap(mangled))
    def fuzz(update: Any) -> None:
        check_telegram(channels, update)

    fuzz()
    assert_telegram_answers_a_crisis(channels)


def assert_telegram_answers_a_crisis(channels: Channels) -> None:
    chat = channels.new_chat_id()
    assert post_telegram(channels.url, telegram_update(chat, CRISIS)) == 200
    reply = "\n".join(message["text"] for message in channels.platforms.telegram(chat))
    assert all(number in reply for number in CRISIS_NUMBERS), reply


# --- WhatsApp through Twilio -------------------------------------------------------------------------------

senders = st.one_of(st.from_regex(r"whatsapp:\+[0-9]{6,15}", fullmatch=True), st.from_regex(r"\+[0-9]{6,15}",
                    fullmatch=True), st.sampled_from(["", "whatsapp:", "whatsapp:+", "messenger:1234", "client:x"]),
                    strings(form_characters, 40))
TWILIO_FIELDS = ["Body", "NumMedia", "MediaUrl0", "MediaContentType0", "Latitude", "Longitude", "Address",
                 "ButtonPayload", "ButtonText", "ProfileName", "WaId", "MessageType", "ReferralNumMedia",
                 "OriginalRepliedMessageSid", "To", "AccountSid", "SmsStatus", "NumSegments"]


@st.composite
def twilio_forms(draw: st.DrawFn) -> list[tuple[str, str]]:
    """The fields Twilio posts, with fuzzed values, some left out, and fields it never sends, some twice."""
    fields = some_of(draw, {"NumMedia": "0", "ProfileName": "Sam Example", "MessageType": "text",
                            "WaId": "447700900000", "SmsStatus": "received", "Body": draw(form_text),
                            "To": TWILIO_NUMBER, "NumSegments": "1", "ReferralNumMedia": "0",
                            "AccountSid": TWILIO_SID, "From": draw(senders), "ApiVersion": "2010-04-01"})
    fields["MessageSid"] = fields["SmsMessageSid"] = f"SM{next(_ids):032x}"
    media = st.one_of(st.sampled_from(["0", "1", "10", "", "-1", "x", "0 "]), strings(form_characters, 5))
    if draw(st.booleans()):
        fields["NumMedia"] = draw(media)
    extra = st.tuples(st.one_of(st.sampled_from(TWILIO_FIELDS), strings(form_characters, 10)),
                      st.one_of(form_text, st.just("https://api.twilio.com/fuzz.jpg")))
    return [*fields.items(), *draw(st.lists(extra, max_size=3))]


class MultiValues(dict):
    """A form as Twilio's validator reads one with a field twice (getall), as Twilio signs it."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs

    def getall(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


def post_signed_twilio(server: str, pairs: list[tuple[str, str]]) -> int:
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(TWILIO_URL, MultiValues(pairs))
    return post(f"{server}/webhooks/twilio/webhook", urlencode(pairs).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})[0]


def test_fuzzed_whatsapp_messages(channels: Channels) -> None:
    @settings(FUZZ, max_examples=TWILIO_EXAMPLES)
    @given(pairs=twilio_forms())
    def fuzz(pairs: list[tuple[str, str]]) -> None:
        status = post_signed_twilio(channels.url, pairs)
        assert status == 204, f"HTTP {status} for a signed message"

    with none_swallowed(channels, "twilio"):
        fuzz()
    assert_whatsapp_answers_a_crisis(channels)


def assert_whatsapp_answers_a_crisis(channels: Channels) -> None:
    phone = channels.new_phone()
    assert post_twilio(channels.url, twilio_fields(phone, CRISIS)) == 204
    reply = "\n".join(channels.platforms.twilio(phone))
    assert all(number in reply for number in CRISIS_NUMBERS), reply


# --- Messenger ----------------------------------------------------------------------------------------------

psids = st.one_of(st.from_regex(r"[0-9]{15,17}", fullmatch=True), st.sampled_from(["", "0", FACEBOOK_PAGE]),
                  strings(json_characters, 20))
ATTACHMENT_TYPES = ["image", "audio", "video", "file", "location", "fallback", "template", "sticker", "reel", "x"]


@st.composite
def messenger_events(draw: st.DrawFn) -> dict[str, Any]:
    """A text, quick reply, attachment, echo or postback; or a delivery, read, reaction or referral."""
    event = some_of(draw, {"sender": some_of(draw, {"id": draw(psids)}), "recipient": {"id": FACEBOOK_PAGE},
                           "timestamp": next(_ids)})
    kind = draw(st.sampled_from(["message", "message", "message", "postback", "delivery", "read", "reaction",
                                 "referral", "optin"]))
    if kind == "message":
        attachments = st.lists(st.builds(lambda kind, url: {"type": kind, "payload": {"url": url}},
                                         st.sampled_from(ATTACHMENT_TYPES), json_text), max_size=2)
        event["message"] = some_of(draw, {"mid": f"m_fuzz{next(_ids)}", "text": draw(json_text),
                                          "quick_reply": {"payload": draw(json_text)},
                                          "attachments": draw(attachments), "is_echo": draw(st.booleans()),
                                          "reply_to": {"mid": "m_earlier"}})
        for optional in ("quick_reply", "attachments", "is_echo", "reply_to"):  # most messages are plain text
            if optional in event["message"] and draw(st.integers(0, 2)):
                del event["message"][optional]
    elif kind == "postback":
        event["postback"] = some_of(draw, {"title": draw(json_text), "payload": draw(json_text),
                                           "mid": f"m_fuzz{next(_ids)}"})
    else:
        event[kind] = {"mids": [f"m_{next(_ids)}"], "watermark": next(_ids), "emoji": "\u2764"}
    return event


@st.composite
def messenger_calls(draw: st.DrawFn) -> dict[str, Any]:
    """A page webhook call: one or two entries of one to three events (Facebook batches them)."""
    entries = [{"id": FACEBOOK_PAGE, "time": next(_ids), "messaging": draw(st.lists(messenger_events(), min_size=1,
                                                                                    max_size=3))}
               for _ in range(draw(st.integers(1, 2)))]
    return {"object": draw(st.sampled_from(["page", "page", "page", "instagram", "user"])), "entry": entries}


def post_signed_facebook(server: str, payload: Any) -> int:
    """Any JSON body, signed with the app secret as Facebook signs it."""
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(FACEBOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return post(f"{server}/webhooks/facebook/webhook", body,
                {"Content-Type": "application/json", "X-Hub-Signature-256": signature})[0]


def messenger_fuzz(channels: Channels, calls: st.SearchStrategy[Any], examples: int) -> Callable[[], None]:
    @settings(FUZZ, max_examples=examples)
    @given(call=calls)
    def fuzz(call: Any) -> None:
        status = post_signed_facebook(channels.url, call)
        assert status == 200, f"HTTP {status} for a signed call"

    return fuzz


def test_fuzzed_messenger_calls_as_facebook_sends_them(channels: Channels) -> None:
    with none_swallowed(channels, "facebook"):
        messenger_fuzz(channels, messenger_calls(), AS_SENT)()
    assert_messenger_answers_a_crisis(channels)


def test_fuzzed_messenger_calls_of_any_shape(channels: Channels) -> None:
    messenger_fuzz(channels, messenger_calls().flatmap(mangled), ANY_SHAPE)()
    assert_messenger_answers_a_crisis(channels)


def assert_messenger_answers_a_crisis(channels: Channels) -> None:
    psid = channels.new_psid()
    assert post_facebook(channels.url, [messenger_text(psid, CRISIS)]) == 200
    sent = channels.platforms.messenger(psid)
    reply = "\n".join(m.get("text") or m.get("attachment", {}).get("payload", {}).get("text", "") for m in sent)
    assert all(number in reply for number in CRISIS_NUMBERS), reply


# --- After all of them ---------------------------------------------------------------------------------------

def test_after_the_fuzzing_every_channel_still_answers_a_crisis(channels: Channels) -> None:
    assert_telegram_answers_a_crisis(channels)
    assert_whatsapp_answers_a_crisis(channels)
    assert_messenger_answers_a_crisis(channels)
